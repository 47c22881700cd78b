/* gst-instagram: what every Instagram API request shares: headers, status
 * classification, JSON parsing.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "ig-config.h"
#include "ig-http.h"
#include "ig-ratelimit.h"

G_BEGIN_DECLS

/* Told before the caller's thread waits for the rate limiter. */
typedef void (
    *IgRateWaitFunc) (gdouble seconds, IgRateClass cls, gpointer data);

/* The anonymous web session: built by the bootstrap step, used by the
 * strategies. Lives as long as one element is started. */
typedef struct
{
  IgConfig *config;
  IgHttp *http;
  char *lsd; /* LSD token from the homepage, or NULL */
  gboolean bootstrapped; /* the homepage was fetched */
  gboolean ruling_done; /* the ruling check ran (once per session) */
  gboolean csrf_granted; /* the ruling said ok: send X-CSRFToken */
  gboolean session_rejected; /* a logged-in request hit the login wall */
  gboolean ios_client; /* logged-in API as the iOS app on the mobile host */
  IgRateLimiter *rate; /* shared, not owned; NULL: no limiting */
  IgRateLimits limits;
  gdouble max_wait; /* seconds one request may wait in all */
  guint retries; /* resends after a 5xx, 429 or 401 "Please wait" */
  IgRateWaitFunc on_wait;
  gpointer on_wait_data;
} IgApi;

IgApi *ig_api_new (const IgConfig *config, const IgHttpOptions *options);
void ig_api_free (IgApi *api);

/* Every request of @api asks @rate first (never for CDN media), waits on
 * the calling thread when it must (cancellably), and is resent at most
 * @retries times after Instagram throttles it. A wait beyond @max_wait
 * seconds fails at once with IG_ERROR_RATE_LIMITED. */
void ig_api_set_rate_limiter (IgApi *api, IgRateLimiter *rate,
    const IgRateLimits *limits, gdouble max_wait, guint retries,
    IgRateWaitFunc on_wait, gpointer data);

/* Sets a form body on @msg in a way that survives a resend. */
void ig_api_set_form_body (SoupMessage *msg, GBytes *body);

/* Where the logged-in REST API lives: the www host (web app), or the
 * mobile host when ios_client. */
const char *ig_api_base (IgApi *api);

/* A GET to the logged-in REST API at @uri: as ig_api_new_message(), with
 * the iOS app's id and user agent when ios_client. */
SoupMessage *ig_api_new_rest_message (IgApi *api, const char *uri,
    const char *referer);

/* Names the GraphQL doc_id or query_hash of @msg: each has its own
 * window. */
void ig_api_set_query_key (SoupMessage *msg, const char *key);

/* A message to @uri with the web app's headers (app id, ASBD id, claim,
 * Origin, Referer @referer, the configured user agent and, once granted,
 * X-CSRFToken from the csrftoken cookie). */
SoupMessage *ig_api_new_message (IgApi *api, const char *method,
    const char *uri, const char *referer);

/* Sends @msg and turns Instagram's ways of saying no into IgErrors:
 * login redirects -> LOGIN_REQUIRED, /challenge/ and *_required bodies ->
 * CHECKPOINT, 404 -> NOT_FOUND, 429 and 401 "Please wait" -> RATE_LIMITED,
 * 5xx -> NETWORK, other non-2xx -> BAD_RESPONSE. @what names the step in
 * messages. */
IgResponse *ig_api_send (IgApi *api, SoupMessage *msg, const char *what,
    GCancellable *cancellable, GError **error);

/* Parses a JSON object answer. HTML or broken JSON -> BAD_RESPONSE saying
 * what @what received. */
JsonNode *ig_api_parse_json (const IgResponse *response, const char *what,
    GError **error);

/* Classification alone, for tests: NULL error when @response is fine. */
gboolean ig_api_check_response (const IgResponse *response, const char *what,
    GError **error);

G_END_DECLS
