/* Classification, the sliding-window decisions and the process-wide
 * limiters.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-ratelimit.h"
#include "ig-ratelimit-file.h"

#include <string.h>

#define US(seconds) ((gint64) ((seconds) * (gdouble) G_USEC_PER_SEC))
#define SLACK_US (6 * G_USEC_PER_SEC) /* Instaloader's +6 s */
#define MOBILE_SLACK_US (18 * G_USEC_PER_SEC) /* and +18 s for iphone */
/* Instaloader has none for all GraphQL together; one second covers the time
 * between granting a request and its arrival, so that Instagram itself
 * never sees more than the limit in a window, even with many elements
 * sending at once. */
#define TOTAL_SLACK_US (1 * G_USEC_PER_SEC)
#define MAX_PENALTY_US (G_GINT64_CONSTANT (24) * 3600 * G_USEC_PER_SEC)
#define MAX_GROWTH_SHIFT 5 /* x32 */

struct _IgRateLimiter
{
  GMutex lock;
  char *path; /* NULL: this process only */
  IgCacheDir *dir; /* path's directory, NULL with path */
  char *name; /* path's file name in it */
  IgRateClock clock;
  gpointer clock_data;
  IgRateBook *book;
  GRand *rand;
  gdouble jitter_u; /* in [0, 1): the next gap's place in the range */
  GString *cache; /* the state file as last read or written */
};

static gboolean
is_graphql_path (const char *path)
{
  return g_str_has_prefix (path, "/graphql/query")
      || g_str_has_prefix (path, "/api/graphql");
}

IgRateClass
ig_rate_classify (const char *uri, const char *mobile_base,
    const char *query_key)
{
  g_autoptr (GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  const char *host = parsed != NULL ? g_uri_get_host (parsed) : NULL;

  if ((mobile_base != NULL && *mobile_base != '\0'
          && g_str_has_prefix (uri, mobile_base))
      || g_strcmp0 (host, "i.instagram.com") == 0)
    return IG_RATE_CLASS_MOBILE;
  if (query_key != NULL
      || (parsed != NULL && is_graphql_path (g_uri_get_path (parsed))))
    return IG_RATE_CLASS_GRAPHQL;
  return IG_RATE_CLASS_OTHER;
}

static gint64
real_clock (gpointer user_data)
{
  return g_get_real_time ();
}

IgRateLimiter *
ig_rate_limiter_new (const char *state_path, IgRateClock clock,
    gpointer clock_data)
{
  IgRateLimiter *rl = g_new0 (IgRateLimiter, 1);

  g_mutex_init (&rl->lock);
  if (state_path != NULL && *state_path != '\0') {
    g_autofree char *dir = g_path_get_dirname (state_path);

    rl->path = g_strdup (state_path);
    rl->dir = ig_cache_dir_get (dir);
    rl->name = g_path_get_basename (state_path);
  }
  rl->clock = clock != NULL ? clock : real_clock;
  rl->clock_data = clock_data;
  rl->book = ig_rate_book_new ();
  rl->rand = g_rand_new ();
  rl->jitter_u = g_rand_double (rl->rand);
  rl->cache = g_string_new (NULL);
  return rl;
}

void
ig_rate_limiter_free (IgRateLimiter *rl)
{
  if (rl == NULL)
    return;
  g_mutex_clear (&rl->lock);
  g_free (rl->path);
  g_free (rl->name);
  ig_rate_book_free (rl->book);
  g_rand_free (rl->rand);
  g_string_free (rl->cache, TRUE);
  g_free (rl);
}

char *
ig_rate_state_default_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "gst-instagram",
      "rate-limit", NULL);
}

IgRateLimiter *
ig_rate_limiter_get_default (const char *state_path)
{
  static GMutex registry_lock;
  static GHashTable *registry;
  const char *key = state_path != NULL ? state_path : "";
  IgRateLimiter *rl;

  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_hash_table_new (g_str_hash, g_str_equal);
  rl = g_hash_table_lookup (registry, key);
  if (rl == NULL) {
    rl = ig_rate_limiter_new (key, NULL, NULL);
    g_hash_table_insert (registry, rl->path != NULL ? rl->path : "", rl);
  }
  g_mutex_unlock (&registry_lock);
  return rl;
}

static gint64
longest_window_us (const IgRateLimits *limits)
{
  guint s = MAX (MAX (limits->graphql.seconds, limits->graphql_total.seconds),
      MAX (limits->mobile.seconds, limits->other.seconds));

  return US (s) + MOBILE_SLACK_US;
}

/* Index of the first stamp later than @after_us. */
static guint
first_after (const GArray *stamps, gint64 after_us)
{
  guint lo = 0, hi = stamps->len;

  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;

    if (g_array_index (stamps, gint64, mid) <= after_us)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* When @window has room again. A stamp counts against the window for its
 * seconds + @slack_us (so that asking again before the returned wait is
 * over gives the rest of it, never 0): 0 when it has room now, else the time
 * the stamp whose expiry brings the count below the limit leaves it. */
static gint64
window_free_at (const GArray *stamps, const IgRateWindow *window, gint64 now,
    gint64 slack_us)
{
  guint first, n;

  if (stamps == NULL)
    return 0;
  first = first_after (stamps, now - US (window->seconds) - slack_us);
  n = stamps->len - first;
  if (n < window->count)
    return 0;
  return g_array_index (stamps, gint64, first + n - window->count)
      + US (window->seconds) + slack_us;
}

static gint64
latest_stamp (const IgRateBook *book)
{
  gint64 latest = 0;

  for (guint c = 0; c < IG_RATE_N_CLASSES; c++) {
    const GArray *s = book->stamps[c];

    if (s->len > 0)
      latest = MAX (latest, g_array_index (s, gint64, s->len - 1));
  }
  return latest;
}

static gint64
jitter_free_at (IgRateLimiter *rl, const IgRateLimits *limits)
{
  gint64 latest = latest_stamp (rl->book);
  gdouble gap = limits->jitter_min
      + rl->jitter_u * (limits->jitter_max - limits->jitter_min);

  if (latest == 0 || limits->jitter_max <= 0)
    return 0;
  return latest + US (gap);
}

/* The earliest time a request of @cls/@key may go. */
static gint64
free_at (IgRateLimiter *rl, const IgRateLimits *limits, IgRateClass cls,
    const char *key, gint64 now)
{
  IgRateBook *book = rl->book;
  gint64 t = MAX (book->penalty[cls], jitter_free_at (rl, limits));

  switch (cls) {
    case IG_RATE_CLASS_GRAPHQL:
      t = MAX (t,
          window_free_at (ig_rate_book_lookup (book, cls, key),
              &limits->graphql, now, SLACK_US));
      t = MAX (t,
          window_free_at (book->stamps[cls], &limits->graphql_total, now,
              TOTAL_SLACK_US));
      break;
    case IG_RATE_CLASS_MOBILE:
      t = MAX (t,
          window_free_at (book->stamps[cls], &limits->mobile, now,
              MOBILE_SLACK_US));
      break;
    default:
      t = MAX (t,
          window_free_at (book->stamps[cls], &limits->other, now, SLACK_US));
      break;
  }
  return t;
}

/* Locks the limiter, reads the clock into *@now and loads the shared
 * state; NULL (counting in-process) when there is none or it cannot be
 * used (ig-cache-dir.h says when that is told in @warning). Sets *dirty
 * when the file must be rewritten. finish () unlocks. */
static IgRateFile *
begin (IgRateLimiter *rl, gint64 *now, gboolean *dirty, GError **warning)
{
  GError *error = NULL;
  IgRateFile *file;

  g_mutex_lock (&rl->lock);
  *now = rl->clock (rl->clock_data);
  *dirty = FALSE;
  if (rl->dir == NULL || !ig_cache_dir_usable (rl->dir, warning))
    return NULL;
  file = ig_rate_file_open (rl->dir, rl->name, &error);
  if (file == NULL) {
    ig_cache_dir_failed (rl->dir, error, warning);
    return NULL;
  }
  ig_cache_dir_worked (rl->dir);
  *dirty = !ig_rate_file_read (file, rl->book, rl->cache, *now, warning);
  return file;
}

/* Drops the stamps at or before @before, writes the book when @changed
 * or @dirty, then unlocks. A failed write is the directory's failure. */
static void
finish (IgRateLimiter *rl, IgRateFile *file, gboolean dirty, gboolean changed,
    gint64 before, GError **warning)
{
  GError *error = NULL;

  ig_rate_book_prune (rl->book, before);
  if (file != NULL && (dirty || changed)
      && !ig_rate_file_write (file, rl->book, rl->cache, &error))
    ig_cache_dir_failed (rl->dir, error, warning);
  ig_rate_file_close (file);
  g_mutex_unlock (&rl->lock);
}

gdouble
ig_rate_limiter_reserve (IgRateLimiter *rl, const IgRateLimits *limits,
    IgRateClass cls, const char *key, GError **warning)
{
  IgRateFile *file;
  gboolean dirty;
  gint64 now, t;

  g_return_val_if_fail (rl != NULL && limits != NULL, 0);
  g_return_val_if_fail (cls < IG_RATE_N_CLASSES, 0);
  if (limits->off)
    return 0;
  key = ig_rate_key_sanitize (key);
  file = begin (rl, &now, &dirty, warning);
  t = free_at (rl, limits, cls, key, now);
  if (t <= now) {
    ig_rate_book_add (rl->book, cls, key, now);
    rl->jitter_u = g_rand_double (rl->rand);
  }
  finish (rl, file, dirty, t <= now, now - longest_window_us (limits), warning);
  return t <= now ? 0 : (gdouble) (t - now) / G_USEC_PER_SEC;
}

/* Instaloader's backoff when the server gave no Retry-After. */
static gint64
backoff_until (IgRateLimiter *rl, const IgRateLimits *limits, IgRateClass cls,
    const char *key, gint64 now)
{
  const IgRateWindow *w = cls == IG_RATE_CLASS_GRAPHQL ? &limits->graphql
      : cls == IG_RATE_CLASS_MOBILE                    ? &limits->mobile
                                                       : &limits->other;
  gint64 slack = cls == IG_RATE_CLASS_MOBILE ? MOBILE_SLACK_US : SLACK_US;
  const GArray *stamps = ig_rate_book_lookup (rl->book, cls, key);
  guint first;

  if (stamps == NULL)
    return now + slack;
  first = first_after (stamps, now - US (w->seconds));
  if (first >= stamps->len)
    return now + slack;
  return MAX (now + slack,
      g_array_index (stamps, gint64, first) + US (w->seconds) + slack);
}

static gint64
penalty_until (IgRateLimiter *rl, const IgRateLimits *limits, IgRateClass cls,
    const char *key, gdouble retry_after_s, guint consecutive, gint64 now)
{
  gint64 wait;

  if (retry_after_s >= 0)
    wait = US (MIN (retry_after_s, MAX_PENALTY_US / G_USEC_PER_SEC));
  else {
    wait = backoff_until (rl, limits, cls, key, now) - now;
    if (consecutive >= 2)
      wait <<= MIN (consecutive - 1, MAX_GROWTH_SHIFT);
  }
  return now + MIN (wait, MAX_PENALTY_US);
}

gdouble
ig_rate_limiter_penalize (IgRateLimiter *rl, const IgRateLimits *limits,
    IgRateClass cls, const char *key, gdouble retry_after_s,
    guint consecutive_429s, GError **warning)
{
  IgRateFile *file;
  gboolean dirty;
  gint64 now, until;

  g_return_val_if_fail (rl != NULL && limits != NULL, 0);
  g_return_val_if_fail (cls < IG_RATE_N_CLASSES, 0);
  if (limits->off)
    return 0;
  key = ig_rate_key_sanitize (key);
  file = begin (rl, &now, &dirty, warning);
  until = penalty_until (rl, limits, cls, key, retry_after_s, consecutive_429s,
      now);
  rl->book->penalty[cls] = MAX (rl->book->penalty[cls], until);
  until = rl->book->penalty[cls];
  finish (rl, file, TRUE, TRUE, now - longest_window_us (limits), warning);
  return (gdouble) (until - now) / G_USEC_PER_SEC;
}
