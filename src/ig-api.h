/* gst-instagram: what every Instagram API request shares: headers, the
 * rate limiter, status classification, JSON parsing, and the anonymous web
 * session's state (cookies, LSD token, CSRF grant).
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "ig-api-rate.h"
#include "ig-config.h"
#include "ig-events.h"
#include "ig-http.h"
#include "ig-resolver-cache.h"
#include "ig-uri.h"

G_BEGIN_DECLS

/* How to build an IgApi; everything is copied. */
typedef struct
{
  const IgConfig *config;
  IgHttpOptions http;
  /* The user's User-Agent: wins over the configured ones on every request,
   * the iOS client's included. NULL: config->user_agent (web) or the iOS
   * app's. */
  const char *user_agent;
  gboolean ios_client; /* logged-in REST API as the iOS app, mobile host */
  IgApiRate rate;
  IgEventSink sink; /* rate waits, warnings, a rejected session */
} IgApiOptions;

/* One API session: its own cookie jar (Instagram's hosts only), the
 * anonymous bootstrap's state, and a request counter. Lives for one
 * resolution; creating it does no I/O. */
typedef struct _IgApi IgApi;

IgApi *ig_api_new (const IgApiOptions *options);
void ig_api_free (IgApi *api);

const IgConfig *ig_api_get_config (IgApi *api);
/* The API session's cookie jar: the user's session cookies go here, never
 * into the CDN's session. */
SoupCookieJar *ig_api_get_cookie_jar (IgApi *api);
/* TRUE when the jar holds a non-empty sessionid for the www host. */
gboolean ig_api_has_session (IgApi *api);
/* Tells the listener that Instagram refused the session (@reason says
 * how) and forgets it, so later requests go anonymously. */
void ig_api_reject_session (IgApi *api, const GError *reason);

/* The anonymous bootstrap: the homepage was fetched (once per session)
 * and carried @lsd (may be NULL). */
gboolean ig_api_is_bootstrapped (IgApi *api);
void ig_api_set_bootstrapped (IgApi *api, const char *lsd);
const char *ig_api_get_lsd (IgApi *api);
/* TRUE the first time it is called for @api: the ruling check runs once
 * per session. */
gboolean ig_api_begin_ruling (IgApi *api);
/* The ruling said ok: from now on send X-CSRFToken. */
void ig_api_grant_csrf (IgApi *api);

/* The anonymous web session of @api (its cookies, LSD token and CSRF
 * grant) as a bootstrap another resolution can reuse; FALSE when there is
 * none (no bootstrap yet, or a logged-in session, whose tokens are never
 * shared). */
gboolean ig_api_export_bootstrap (IgApi *api, IgBootstrap *out);
/* Starts @api from @bootstrap instead of the homepage and ruling. */
void ig_api_import_bootstrap (IgApi *api, const IgBootstrap *bootstrap);
/* Forgets the bootstrap: its cookies, token and grant. */
void ig_api_reset_bootstrap (IgApi *api);

/* Tells the listener what the user waits for. */
#define ig_api_progress(api, step, ...) \
  ig_events_progress (ig_api_get_sink (api), (step), __VA_ARGS__)
const IgEventSink *ig_api_get_sink (IgApi *api);

/* A line for the listener's debug log. */
#define ig_api_log(api, level, ...) \
  ig_events_log (ig_api_get_sink (api), (level), __VA_ARGS__)

/* A doc_id a page named (@where says which), used from now on for
 * @constant unless the environment or the file pins it; a
 * @new_sighting (not one the resolver cache gave back) is listed by
 * ig_api_get_seen_ids(). */
typedef struct
{
  IgConstant constant;
  char *id;
  char *where;
} IgSeenId;
gboolean ig_api_adopt_id (IgApi *api, IgConstant constant, const char *id,
    const char *where, gboolean new_sighting);
/* The ids adopted so far (IgSeenId*), for the resolver cache. */
GPtrArray *ig_api_get_seen_ids (IgApi *api);

/* While set, a GraphQL query answered 401 "Please wait" fails at once with
 * IG_ERROR_RATE_LIMITED, without a back-off wait or a resend (a retired
 * doc_id answers so for ever); other requests and 429s as always. */
void ig_api_set_defer_throttle (IgApi *api, gboolean defer);
/* At most @retries resends after a 5xx from now on (never more than the
 * retries setting; -1: the setting): an endpoint that is failing is not
 * asked again and again. */
void ig_api_set_server_retries (IgApi *api, gint retries);
/* The HTTP status of the last answer, 0 when none came. */
guint ig_api_get_last_status (IgApi *api);

/* TRUE when such an answer came since the last call; clears the mark. */
gboolean ig_api_take_deferred (IgApi *api);

/* X-CSRFToken from the csrftoken cookie, whatever the ruling said (the
 * 2026 PolarisPostRootQuery refuses requests without it). */
void ig_api_add_csrf (IgApi *api, SoupMessage *msg);

/* Tells the listener about @warning (if set) and clears it. */
void ig_api_warn (IgApi *api, GError **warning);

/* TRUE for the iOS client (api-client=ios). */
gboolean ig_api_is_app (IgApi *api);

/* Where the logged-in REST API lives: the www host (web app), or the
 * mobile host for the iOS client. */
const char *ig_api_base (IgApi *api);
/* The post page of @ref on the www host (Referer, page strategy). */
char *ig_api_dup_post_url (IgApi *api, const IgMediaRef *ref);

/* Sets a form body on @msg in a way that survives a resend. */
void ig_api_set_form_body (SoupMessage *msg, GBytes *body);

/* Names the GraphQL doc_id or query_hash of @msg: each has its own
 * window. */
void ig_api_set_query_key (SoupMessage *msg, const char *key);

/* A message to @uri with the web app's headers (app id, ASBD id, claim,
 * Origin, Referer @referer, the user agent and, once granted, X-CSRFToken
 * from the csrftoken cookie). NULL when @uri is not a valid URI. */
SoupMessage *ig_api_new_message (IgApi *api, const char *method,
    const char *uri, const char *referer);

/* A GET to the logged-in REST API at @uri: as ig_api_new_message(), with
 * the iOS app's id and user agent for the iOS client. */
SoupMessage *ig_api_new_rest_message (IgApi *api, const char *uri,
    const char *referer);

/* A GET of @path (with its query) on the mobile host as the iOS app,
 * whatever the client setting: where the web path redirects (2026). */
SoupMessage *ig_api_new_app_message (IgApi *api, const char *path);

/* Sends @msg through the rate limiter and turns Instagram's ways of saying
 * no into IgErrors: login redirects -> LOGIN_REQUIRED, /challenge/ and
 * *_required bodies -> CHECKPOINT, 404 -> NOT_FOUND, 429 and 401 "Please
 * wait" -> RATE_LIMITED, 5xx -> NETWORK, other non-2xx -> BAD_RESPONSE.
 * 5xx and throttled answers are resent within the retries. @what names the
 * step in messages. */
IgResponse *ig_api_send (IgApi *api, SoupMessage *msg, const char *what,
    GCancellable *cancellable, GError **error);

/* The same, for a caller that reads the status itself (a redirect it
 * follows): the answer whatever its status. */
IgResponse *ig_api_fetch (IgApi *api, SoupMessage *msg, const char *what,
    GCancellable *cancellable, GError **error);

/* Parses a JSON object answer, with or without the "for (;;);" prefix and
 * whatever its Content-Type. HTML or broken JSON -> BAD_RESPONSE saying
 * what @what received. */
JsonNode *ig_api_parse_json (const IgResponse *response, const char *what,
    GError **error);

/* ig_api_parse_json() for a strategy's answer: an HTML page where JSON was
 * expected also counts as a refusal (see ig_api_take_refusal()). */
JsonNode *ig_api_read_json (IgApi *api, const IgResponse *response,
    const char *what, GError **error);

/* TRUE when an answer since the last call refused the web session itself
 * (a 403, a 400 that is no checkpoint, a login redirect, an HTML page for
 * JSON): a cached bootstrap is stale then. Clears the mark. */
gboolean ig_api_take_refusal (IgApi *api);

/* GET @path (with its query) on the REST API (ig_api_base ()) as JSON.
 * Since 2026 the web path of the user feeds and stories redirects even a
 * good session to the homepage: then the same request goes to the app API
 * on the mobile host (InstaloaderSharp's fix, instagram-2026-12.md §1.3). */
JsonNode *ig_api_get_json (IgApi *api, const char *path, const char *what,
    GCancellable *cancellable, GError **error);

/* Classification alone, for tests: NULL error when @response is fine. */
gboolean ig_api_check_response (const IgResponse *response, const char *what,
    GError **error);

G_END_DECLS
