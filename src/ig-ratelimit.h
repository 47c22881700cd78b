/* gst-instagram: one polite request budget for every API request of the
 * user, shared across threads (a mutex) and processes (a locked state file).
 *
 * The model is Instaloader's RateController (instagram-api.md 6.3): sliding
 * windows of request stamps per request class, a per-class "earliest allowed
 * time" after a 429, plus a small random gap (jitter) between consecutive
 * requests. No GStreamer in here.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ig-ratelimit-class.h"

G_BEGIN_DECLS

/* One sliding window: at most @count requests in any @seconds. */
typedef struct
{
  guint count; /* >= 1 */
  guint seconds; /* >= 1 */
} IgRateWindow;

/* Defaults: Instaloader's table. */
#define IG_RATE_DEFAULT_GRAPHQL_COUNT 200
#define IG_RATE_DEFAULT_GRAPHQL_SECONDS 660
#define IG_RATE_DEFAULT_GRAPHQL_TOTAL_COUNT 275
#define IG_RATE_DEFAULT_GRAPHQL_TOTAL_SECONDS 600
#define IG_RATE_DEFAULT_MOBILE_COUNT 199
#define IG_RATE_DEFAULT_MOBILE_SECONDS 1800
#define IG_RATE_DEFAULT_OTHER_COUNT 75
#define IG_RATE_DEFAULT_OTHER_SECONDS 660
/* Gap between two consecutive API requests (of any class, of any process
 * sharing the state): uniform in [MIN, MAX] seconds, drawn once per
 * request. */
#define IG_RATE_DEFAULT_JITTER_MIN 0.5
#define IG_RATE_DEFAULT_JITTER_MAX 1.5
/* Largest jitter bound and window length the parser accepts. */
#define IG_RATE_MAX_JITTER 60.0
#define IG_RATE_MAX_WINDOW_SECONDS (7 * 24 * 3600)

/* The limits; a plain value, copy it freely. */
typedef struct
{
  gboolean off; /* TRUE: no limiting, no waits, no state file I/O */
  IgRateWindow graphql; /* per GraphQL doc_id/query_hash */
  IgRateWindow graphql_total; /* all GraphQL queries together */
  IgRateWindow mobile; /* i.instagram.com */
  IgRateWindow other; /* other www requests */
  gdouble jitter_min; /* seconds; 0 and 0 = no jitter */
  gdouble jitter_max; /* >= jitter_min */
} IgRateLimits;

/* Sets @limits to the defaults above (limiting on). */
void ig_rate_limits_init (IgRateLimits *limits);

/* Safer defaults with a logged-in session, as the 2026 reports of flagged
 * accounts suggest (instagram-2026-12.md §1.6 item 8): 100 per query class
 * and 150 in all per 10 minutes for GraphQL, 100 per 30 minutes for the
 * mobile API; other requests and the jitter as anonymous. */
#define IG_RATE_LOGGED_IN_GRAPHQL_COUNT 100
#define IG_RATE_LOGGED_IN_GRAPHQL_SECONDS 600
#define IG_RATE_LOGGED_IN_GRAPHQL_TOTAL_COUNT 150
#define IG_RATE_LOGGED_IN_GRAPHQL_TOTAL_SECONDS 600
#define IG_RATE_LOGGED_IN_MOBILE_COUNT 100
#define IG_RATE_LOGGED_IN_MOBILE_SECONDS 1800
void ig_rate_limits_init_logged_in (IgRateLimits *limits);

/* Applies @text to @limits: comma-separated entries
 *   graphql=N/S, graphql-total=N/S, mobile=N/S, other=N/S (N requests per S
 *   seconds, both integers >= 1),
 *   jitter=A-B (uniform between A and B seconds) or jitter=A (exactly A;
 *   jitter=0 disables it), 0 <= A <= B <= 60,
 * or the single word "off" to disable limiting. Keys left out keep their
 * current value; any entry turns limiting back on; the last duplicate wins;
 * spaces around entries are ignored. NULL or "" resets to the defaults.
 * On a malformed entry returns FALSE with G_IO_ERROR_INVALID_ARGUMENT whose
 * message quotes the bad entry (e.g. "graphql=abc"), and @limits is left
 * untouched. */
gboolean ig_rate_limits_parse (const char *text, IgRateLimits *limits,
    GError **error);

/* The canonical text form of @limits ("off" when off, else all five keys);
 * ig_rate_limits_parse() of it gives @limits back (windows of an "off"
 * value are not kept). Free with g_free(). */
char *ig_rate_limits_to_string (const IgRateLimits *limits);

/* The class of a request to @uri: IG_RATE_CLASS_MOBILE when @uri starts
 * with @mobile_base (may be NULL) or its host is i.instagram.com;
 * IG_RATE_CLASS_GRAPHQL when @query_key is not NULL or the path is
 * /graphql/query or /api/graphql; IG_RATE_CLASS_OTHER otherwise. Callers
 * that know the class may skip this and pass it to the limiter directly.
 * Never call the limiter for CDN media. */
IgRateClass ig_rate_classify (const char *uri, const char *mobile_base,
    const char *query_key);

/* A clock: the current time in microseconds since the Unix epoch (real
 * time, because stamps are shared with other processes through the state
 * file). The default is g_get_real_time(); tests inject a fake one. */
typedef gint64 (*IgRateClock) (gpointer user_data);

typedef struct _IgRateLimiter IgRateLimiter;

/* `$XDG_CACHE_HOME/gst-instagram/rate-limit` (g_get_user_cache_dir()):
 * the state file every process of the user shares by default. */
char *ig_rate_state_default_path (void);

/* The process-wide limiter for @state_path (NULL or "" = this process
 * only); one per path, created on first use, never freed, thread-safe.
 * ig_rate_state_default_path() gives the usual path. */
IgRateLimiter *ig_rate_limiter_get_default (const char *state_path);

/* A private limiter outside the registry, for tests and benchmarks:
 * @state_path as above, @clock NULL for the real clock. Free with
 * ig_rate_limiter_free(). */
IgRateLimiter *ig_rate_limiter_new (const char *state_path, IgRateClock clock,
    gpointer clock_data);
void ig_rate_limiter_free (IgRateLimiter *rl);

/* Asks to send one request of class @cls (@key: the GraphQL doc_id or
 * query_hash, NULL for one shared "-" key; ignored for other classes).
 * Returns 0 when it may go now, and then records it; otherwise returns the
 * seconds to wait before asking again, and records nothing. The wait is the
 * latest of (t = now when nothing applies):
 *   graphql:       the stamp that must leave the key's window + window + 6 s,
 *                  when the key's window holds >= count stamps;
 *   graphql-total: same over all GraphQL stamps, + window + 1 s (the time
 *                  a granted request may take to reach Instagram);
 *   mobile:        same + window + 18 s;
 *   other:         same + window + 6 s;
 *   the class's penalty (ig_rate_limiter_penalize());
 *   jitter:        the latest stamp of any class + this limiter's jitter
 *                  draw (uniform in [jitter_min, jitter_max]).
 * "The stamp that must leave" is the oldest one when the window holds
 * exactly count stamps. A window holds the stamps t with
 * t > now - seconds - slack (slack: the 6, 0 or 18 s above), so asking again
 * before a returned wait is over returns the rest of it.
 * When @limits->off, returns 0 at once and records nothing.
 * With a state file every call reads it under an exclusive lock (parsing
 * only what other processes added since) and, when it records a stamp,
 * replaces it (without the expired stamps) atomically and durably before
 * it returns (ig-locked-file.h). A lock held too long by others
 * (IG_LOCKED_FILE_WAIT_US) makes that call count in-process only; a file
 * or directory that cannot be used (ig-cache-dir.h) makes every later call
 * of the process do so.
 * Never fails; returns >= 0. @warning (may be NULL) is set when the shared
 * state could not be used (the G_IO_ERROR naming the path and why: once
 * per process, or for a lock held too long once until it works again), or
 * was found corrupt, foreign or oversized and rewritten
 * (G_IO_ERROR_INVALID_DATA); its message names the file. The request is
 * counted in-process either way and the return value is valid either
 * way. */
gdouble ig_rate_limiter_reserve (IgRateLimiter *rl, const IgRateLimits *limits,
    IgRateClass cls, const char *key, GError **warning);

/* Records a 429 or a 401 "Please wait" answer to a request of @cls/@key:
 * until the returned number of seconds from now, reserve() for @cls (any
 * key) returns a wait. @retry_after_s >= 0 (the Retry-After header) is
 * honoured as is. Otherwise Instaloader's backoff: the oldest stamp in the
 * class's window (the key's window for GraphQL) + window + 6 s (18 s for
 * mobile), at least 6 s (18 s) from now; when @consecutive_429s >= 2 that
 * wait is doubled for each further 429 (x2, x4, ... up to x32). Penalties
 * never shorten an existing one and are capped at 24 h. Returns the wait
 * in seconds; 0 when @limits->off. @warning: as for reserve(); the penalty
 * holds in-process either way. */
gdouble ig_rate_limiter_penalize (IgRateLimiter *rl, const IgRateLimits *limits,
    IgRateClass cls, const char *key, gdouble retry_after_s,
    guint consecutive_429s, GError **warning);

G_END_DECLS
