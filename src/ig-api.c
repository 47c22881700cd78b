/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-api.h"
#include "ig-cookies.h"
#include "ig-error.h"
#include "ig-json.h"

#include <string.h>

struct _IgApi
{
  IgConfig *config;
  IgHttp *http;
  char *user_agent; /* the user's, or NULL */
  gboolean ios_client;
  IgApiRate rate;
  IgEventSink sink;
  char *lsd; /* LSD token from the homepage, or NULL */
  gboolean bootstrapped; /* the homepage was fetched */
  gboolean ruling_done; /* the ruling check ran (once per session) */
  gboolean csrf_granted; /* the ruling said ok: send X-CSRFToken */
  gboolean started; /* a request was let through: no more jitter */
  gboolean refused; /* an answer refused the web session itself */
  gboolean defer_throttle; /* a query's 401 "Please wait": no wait, no resend */
  gboolean deferred; /* such an answer came since the last look */
  gint server_retries; /* resends after a 5xx, -1: rate.retries */
  guint last_status; /* of the last answer, 0 before any */
  GPtrArray *seen; /* IgSeenId*: doc_ids pages named this session */
};

static void
seen_id_free (IgSeenId *seen)
{
  g_free (seen->id);
  g_free (seen->where);
  g_free (seen);
}

IgApi *
ig_api_new (const IgApiOptions *options)
{
  IgApi *api = g_new0 (IgApi, 1);

  api->config = ig_config_copy (options->config);
  api->http = ig_http_new (&options->http, TRUE);
  api->user_agent = g_strdup (options->user_agent);
  api->ios_client = options->ios_client;
  api->rate = options->rate;
  api->sink = options->sink;
  api->server_retries = -1;
  api->seen = g_ptr_array_new_with_free_func ((GDestroyNotify) seen_id_free);
  return api;
}

void
ig_api_free (IgApi *api)
{
  if (api == NULL)
    return;
  ig_http_free (api->http);
  ig_config_free (api->config);
  g_free (api->user_agent);
  g_free (api->lsd);
  g_ptr_array_unref (api->seen);
  g_free (api);
}

const IgConfig *
ig_api_get_config (IgApi *api)
{
  return api->config;
}

SoupCookieJar *
ig_api_get_cookie_jar (IgApi *api)
{
  return ig_http_get_cookie_jar (api->http);
}

gboolean
ig_api_has_session (IgApi *api)
{
  return ig_cookies_have_session (ig_http_get_cookie_jar (api->http),
      api->config->www_base);
}

void
ig_api_reject_session (IgApi *api, const GError *reason)
{
  ig_cookies_drop_session (ig_http_get_cookie_jar (api->http));
  ig_events_session_rejected (&api->sink, reason);
}

gboolean
ig_api_is_bootstrapped (IgApi *api)
{
  return api->bootstrapped;
}

void
ig_api_set_bootstrapped (IgApi *api, const char *lsd)
{
  g_free (api->lsd);
  api->lsd = g_strdup (lsd);
  api->bootstrapped = TRUE;
}

const char *
ig_api_get_lsd (IgApi *api)
{
  return api->lsd;
}

gboolean
ig_api_begin_ruling (IgApi *api)
{
  gboolean first = !api->ruling_done;

  api->ruling_done = TRUE;
  return first;
}

void
ig_api_grant_csrf (IgApi *api)
{
  api->csrf_granted = TRUE;
}

/* The anonymous cookies a bootstrap is made of. */
static const char *const bootstrap_cookies[] = { "csrftoken", "mid", "ig_did",
  "datr" };

static char **
bootstrap_slot (IgBootstrap *b, guint i)
{
  char **slots[] = { &b->csrftoken, &b->mid, &b->ig_did, &b->datr };

  return slots[i];
}

gboolean
ig_api_export_bootstrap (IgApi *api, IgBootstrap *out)
{
  g_autofree char *home = g_strconcat (api->config->www_base, "/", NULL);
  guint i;

  *out = (IgBootstrap){ 0 };
  if (!api->bootstrapped || ig_api_has_session (api))
    return FALSE;
  out->base = g_strdup (api->config->www_base);
  out->obtained_us = g_get_real_time ();
  for (i = 0; i < G_N_ELEMENTS (bootstrap_cookies); i++)
    *bootstrap_slot (out, i) =
        ig_http_dup_cookie (api->http, home, bootstrap_cookies[i]);
  out->lsd = g_strdup (api->lsd);
  out->csrf_granted = api->csrf_granted;
  return TRUE;
}

static void
set_www_cookie (IgApi *api, const char *name, const char *value)
{
  g_autoptr (GUri) base =
      g_uri_parse (api->config->www_base, G_URI_FLAGS_NONE, NULL);
  SoupCookie *cookie;

  if (value == NULL || base == NULL)
    return;
  cookie = soup_cookie_new (name, value, g_uri_get_host (base), "/", -1);
  soup_cookie_jar_add_cookie (ig_http_get_cookie_jar (api->http), cookie);
}

void
ig_api_import_bootstrap (IgApi *api, const IgBootstrap *bootstrap)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (bootstrap_cookies); i++)
    set_www_cookie (api, bootstrap_cookies[i],
        *bootstrap_slot ((IgBootstrap *) bootstrap, i));
  ig_api_set_bootstrapped (api, bootstrap->lsd);
  api->ruling_done = TRUE;
  api->csrf_granted = bootstrap->csrf_granted;
}

void
ig_api_reset_bootstrap (IgApi *api)
{
  SoupCookieJar *jar = ig_http_get_cookie_jar (api->http);
  GSList *cookies = soup_cookie_jar_all_cookies (jar), *l;
  guint i;

  for (l = cookies; l != NULL; l = l->next) {
    for (i = 0; i < G_N_ELEMENTS (bootstrap_cookies); i++) {
      if (g_strcmp0 (soup_cookie_get_name (l->data), bootstrap_cookies[i]) == 0)
        soup_cookie_jar_delete_cookie (jar, l->data);
    }
  }
  g_slist_free_full (cookies, (GDestroyNotify) soup_cookie_free);
  g_clear_pointer (&api->lsd, g_free);
  api->bootstrapped = api->ruling_done = api->csrf_granted = FALSE;
}

gboolean
ig_api_adopt_id (IgApi *api, IgConstant constant, const char *id,
    const char *where, gboolean new_sighting)
{
  IgSeenId *seen;

  if (!ig_config_adopt (api->config, constant, id))
    return FALSE;
  ig_api_log (api, IG_LOG_INFO, "using %s %s, which %s named",
      ig_config_key (constant), id, where);
  if (!new_sighting)
    return TRUE;
  seen = g_new0 (IgSeenId, 1);
  seen->constant = constant;
  seen->id = g_strdup (id);
  seen->where = g_strdup (where);
  g_ptr_array_add (api->seen, seen);
  return TRUE;
}

GPtrArray *
ig_api_get_seen_ids (IgApi *api)
{
  return api->seen;
}

void
ig_api_set_defer_throttle (IgApi *api, gboolean defer)
{
  api->defer_throttle = defer;
}

void
ig_api_set_server_retries (IgApi *api, gint retries)
{
  api->server_retries = retries;
}

guint
ig_api_get_last_status (IgApi *api)
{
  return api->last_status;
}

gboolean
ig_api_take_deferred (IgApi *api)
{
  gboolean deferred = api->deferred;

  api->deferred = FALSE;
  return deferred;
}

void
ig_api_add_csrf (IgApi *api, SoupMessage *msg)
{
  g_autofree char *uri = g_uri_to_string (soup_message_get_uri (msg));
  g_autofree char *csrf = ig_http_dup_cookie (api->http, uri, "csrftoken");

  if (csrf != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg),
        "X-CSRFToken", csrf);
}

void
ig_api_warn (IgApi *api, GError **warning)
{
  ig_events_warn (&api->sink, warning);
}

const IgEventSink *
ig_api_get_sink (IgApi *api)
{
  return &api->sink;
}

gboolean
ig_api_is_app (IgApi *api)
{
  return api->ios_client;
}

const char *
ig_api_base (IgApi *api)
{
  return api->ios_client ? api->config->mobile_base : api->config->www_base;
}

char *
ig_api_dup_post_url (IgApi *api, const IgMediaRef *ref)
{
  g_autofree char *shortcode = ig_media_ref_dup_shortcode (ref);

  return ig_post_url (api->config->www_base, shortcode);
}

SoupMessage *
ig_api_new_message (IgApi *api, const char *method, const char *uri,
    const char *referer)
{
  SoupMessage *msg = soup_message_new (method, uri);
  SoupMessageHeaders *h;
  g_autofree char *csrf = NULL;

  if (msg == NULL)
    return NULL;
  /* Every request here only reads, POST GraphQL queries included; saying so
   * lets libsoup reuse the open connection instead of a new TLS one. */
  soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
  h = soup_message_get_request_headers (msg);
  soup_message_headers_replace (h, "User-Agent",
      api->user_agent != NULL ? api->user_agent : api->config->user_agent);
  soup_message_headers_replace (h, "Accept", "*/*");
  soup_message_headers_replace (h, "Accept-Language", "en-US,en;q=0.9");
  soup_message_headers_replace (h, "X-IG-App-ID", api->config->app_id);
  soup_message_headers_replace (h, "X-ASBD-ID", api->config->asbd_id);
  soup_message_headers_replace (h, "X-IG-WWW-Claim", "0");
  soup_message_headers_replace (h, "X-Requested-With", "XMLHttpRequest");
  soup_message_headers_replace (h, "Origin", api->config->www_base);
  if (referer != NULL)
    soup_message_headers_replace (h, "Referer", referer);
  if (api->csrf_granted)
    csrf = ig_http_dup_cookie (api->http, uri, "csrftoken");
  if (csrf != NULL)
    soup_message_headers_replace (h, "X-CSRFToken", csrf);
  return msg;
}

/* The iOS app's headers instead of the web app's. */
static void
as_app (IgApi *api, SoupMessage *msg)
{
  SoupMessageHeaders *h = soup_message_get_request_headers (msg);

  if (api->user_agent == NULL)
    soup_message_headers_replace (h, "User-Agent", IG_IOS_USER_AGENT);
  soup_message_headers_replace (h, "X-IG-App-ID", IG_IOS_APP_ID);
  soup_message_headers_remove (h, "Origin");
  soup_message_headers_remove (h, "X-Requested-With");
}

SoupMessage *
ig_api_new_rest_message (IgApi *api, const char *uri, const char *referer)
{
  SoupMessage *msg = ig_api_new_message (api, "GET", uri, referer);

  if (msg != NULL && api->ios_client)
    as_app (api, msg);
  return msg;
}

SoupMessage *
ig_api_new_app_message (IgApi *api, const char *path)
{
  g_autofree char *uri = g_strconcat (api->config->mobile_base, path, NULL);
  SoupMessage *msg = ig_api_new_message (api, "GET", uri, NULL);

  if (msg != NULL)
    as_app (api, msg);
  return msg;
}

/* Instagram's login walls: /accounts/login/..., the bare homepage, and
 * since July 2026 /auth_platform/?apc=... for stale session cookies. */
static gboolean
is_login_redirect (const char *location)
{
  g_autoptr (GUri) uri = NULL;
  const char *path;

  if (location == NULL)
    return FALSE;
  uri = g_uri_parse (location, G_URI_FLAGS_NONE, NULL);
  path = uri != NULL ? g_uri_get_path (uri) : "";
  return g_str_has_prefix (path, "/accounts/login")
      || g_str_has_prefix (path, "/auth_platform") || strcmp (path, "/") == 0
      || *path == '\0';
}

static gboolean
body_contains (const IgResponse *response, const char *needle)
{
  gsize len;
  const char *data = g_bytes_get_data (response->body, &len);

  return data != NULL && g_strstr_len (data, len, needle) != NULL;
}

static gboolean
is_checkpoint_body (const IgResponse *response)
{
  return body_contains (response, "checkpoint_required")
      || body_contains (response, "challenge_required")
      || body_contains (response, "feedback_required");
}

static gboolean
check_redirect (const IgResponse *r, const char *what, GError **error)
{
  if (r->location != NULL && strstr (r->location, "/challenge") != NULL) {
    g_set_error (error, IG_ERROR, IG_ERROR_CHECKPOINT,
        "%s: Instagram redirected to a challenge page (%s)", what, r->location);
  } else if (is_login_redirect (r->location)) {
    g_set_error (error, IG_ERROR, IG_ERROR_LOGIN_REQUIRED,
        "%s: Instagram redirected to the login page", what);
  } else {
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "%s: unexpected HTTP %u redirect to %s", what, r->status,
        r->location ? r->location : "(no Location)");
  }
  return FALSE;
}

static const char *
string_member (JsonNode *node, const char *name)
{
  JsonNode *value = ig_json_member (node, name);

  return value != NULL && JSON_NODE_HOLDS_VALUE (value)
          && json_node_get_value_type (value) == G_TYPE_STRING
      ? json_node_get_string (value)
      : NULL;
}

/* Instagram's own words: "checkpoint_required", and its feedback message
 * or challenge URL when there is one. */
static void
set_checkpoint_error (const IgResponse *r, const char *what, GError **error)
{
  g_autoptr (JsonNode) root = ig_api_parse_json (r, what, NULL);
  const char *message = string_member (root, "message");
  const char *detail = string_member (root, "feedback_message");

  if (detail == NULL)
    detail = string_member (root, "checkpoint_url");
  if (detail == NULL)
    detail = string_member (ig_json_member (root, "challenge"), "url");
  g_set_error (error, IG_ERROR, IG_ERROR_CHECKPOINT,
      "%s: Instagram stopped the logged-in account (%s%s%s). Open Instagram "
      "in a browser and do what it asks; instagramsrc does not retry this, "
      "because retrying gets accounts banned",
      what, message ? message : "checkpoint", detail ? ": " : "",
      detail ? detail : "");
}

gboolean
ig_api_check_response (const IgResponse *r, const char *what, GError **error)
{
  if (SOUP_STATUS_IS_SUCCESSFUL (r->status))
    return TRUE;
  if (SOUP_STATUS_IS_REDIRECTION (r->status))
    return check_redirect (r, what, error);
  if (ig_api_is_throttled (r))
    g_set_error (error, IG_ERROR, IG_ERROR_RATE_LIMITED,
        "%s: Instagram is rate limiting requests (HTTP %u); wait a few "
        "minutes before trying again",
        what, r->status);
  else if (r->status == 400 && is_checkpoint_body (r))
    set_checkpoint_error (r, what, error);
  else if (r->status == 403 && body_contains (r, "\"login_required\""))
    g_set_error (error, IG_ERROR, IG_ERROR_LOGIN_REQUIRED,
        "%s: Instagram wants a login (HTTP 403 login_required)", what);
  else if (r->status == 404)
    g_set_error (error, IG_ERROR, IG_ERROR_NOT_FOUND, "%s: HTTP 404 Not Found",
        what);
  else if (r->status >= 500)
    g_set_error (error, IG_ERROR, IG_ERROR_NETWORK, "%s: server error HTTP %u",
        what, r->status);
  else
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "%s: unexpected HTTP %u", what, r->status);
  return FALSE;
}

static gboolean
body_is_html (const IgResponse *r)
{
  gsize len;
  const char *data = g_bytes_get_data (r->body, &len);

  while (data != NULL && len > 0 && g_ascii_isspace (*data))
    data++, len--;
  return data != NULL && len > 0 && *data == '<';
}

/* Answers that refuse the anonymous web session itself, whatever was
 * asked: a CSRF or token 403/400, a login wall for an API request. */
static gboolean
refuses_session (const IgResponse *r)
{
  return r->status == 403 || (r->status == 400 && !is_checkpoint_body (r))
      || (SOUP_STATUS_IS_REDIRECTION (r->status)
          && is_login_redirect (r->location));
}

void
ig_api_set_form_body (SoupMessage *msg, GBytes *body)
{
  ig_http_set_request_body (msg, "application/x-www-form-urlencoded", body);
}

/* A 5xx is Instagram's trouble, not ours: try again after 0.5 s, 1 s, 2 s,
 * ... plus up to a quarter more at random, within the retries. Timeouts
 * and 4xx are not retried here. */
static gboolean
server_error_retry (IgApi *api, const IgResponse *response, guint attempt,
    GCancellable *cancellable)
{
  guint limit = api->server_retries >= 0
      ? MIN ((guint) api->server_retries, api->rate.retries)
      : api->rate.retries;
  gdouble backoff;

  if (response->status < 500 || attempt >= limit)
    return FALSE;
  backoff = 0.5 * (1 << MIN (attempt, 6));
  backoff += g_random_double_range (0, backoff / 4);
  ig_api_progress (api, IG_PROGRESS_RETRY,
      "Instagram answered HTTP %u; asking again in %.1f s (retry %u of %u)",
      response->status, backoff, attempt + 1, limit);
  return ig_api_sleep (backoff, cancellable);
}

#define QUERY_KEY "ig-rate-query-key"

void
ig_api_set_query_key (SoupMessage *msg, const char *key)
{
  g_object_set_data_full (G_OBJECT (msg), QUERY_KEY, g_strdup (key), g_free);
}

static IgRateClass
class_of (IgApi *api, SoupMessage *msg, const char **key)
{
  g_autofree char *uri = g_uri_to_string (soup_message_get_uri (msg));

  /* Tests serve both bases from one server: then only the host tells. */
  const char *mobile =
      g_strcmp0 (api->config->mobile_base, api->config->www_base) != 0
      ? api->config->mobile_base
      : NULL;

  *key = g_object_get_data (G_OBJECT (msg), QUERY_KEY);
  return ig_rate_classify (uri, mobile, *key);
}

/* Sends @msg through the rate limiter, again after a throttled answer
 * while retries are left. */
static IgResponse *
send_limited (IgApi *api, SoupMessage *msg, GCancellable *cancellable,
    GError **error)
{
  const char *key;
  IgRateClass cls = class_of (api, msg, &key);
  IgApiRate rate = api->rate;
  gboolean throttled = FALSE;
  gdouble waited = 0;
  IgResponse *response;
  guint attempt;

  for (attempt = 0;; attempt++) {
    /* Jitter spaces resolutions, not the requests of one: a browser fires
     * those back to back. */
    if (api->started)
      rate.limits.jitter_min = rate.limits.jitter_max = 0;
    if (!ig_api_rate_wait (&rate, &api->sink, cls, key, throttled, &waited,
            cancellable, error))
      return NULL;
    api->started = TRUE;
    response = ig_http_fetch (api->http, msg, IG_HTTP_MAX_API_BODY, cancellable,
        error);
    if (response == NULL)
      return NULL;
    /* A retired doc_id answers 401 "Please wait" for ever: the resolver
     * tries its other strategies before it believes in a rate limit. */
    if (api->defer_throttle && key != NULL && response->status == 401
        && ig_api_is_throttled (response)) {
      api->deferred = TRUE;
      return response;
    }
    throttled = ig_api_rate_should_retry (&api->rate, &api->sink, cls, key,
        response, attempt);
    if (!throttled && !server_error_retry (api, response, attempt, cancellable))
      return response;
    ig_response_free (response);
    ig_http_rewind_request_body (msg);
  }
}

/* One INFO line per answer: the step, the request without its query (no
 * secret is ever in a URL, but variables make it long), the status, the
 * size and the time. */
static void
log_answer (IgApi *api, SoupMessage *msg, const char *what,
    const IgResponse *response, gint64 start)
{
  GUri *uri = soup_message_get_uri (msg);
  const char *key = g_object_get_data (G_OBJECT (msg), QUERY_KEY);

  ig_api_log (api, IG_LOG_INFO,
      "%s: %s %s%s%s -> HTTP %u, %" G_GSIZE_FORMAT " bytes, %.0f ms", what,
      soup_message_get_method (msg), g_uri_get_path (uri),
      key != NULL ? " doc_id/hash " : "", key != NULL ? key : "",
      response->status, g_bytes_get_size (response->body),
      (g_get_monotonic_time () - start) / 1000.0);
}

IgResponse *
ig_api_fetch (IgApi *api, SoupMessage *msg, const char *what,
    GCancellable *cancellable, GError **error)
{
  gint64 start = g_get_monotonic_time ();
  IgResponse *response = send_limited (api, msg, cancellable, error);

  api->last_status = response != NULL ? response->status : 0;
  if (response != NULL)
    log_answer (api, msg, what, response, start);
  return response;
}

IgResponse *
ig_api_send (IgApi *api, SoupMessage *msg, const char *what,
    GCancellable *cancellable, GError **error)
{
  g_autoptr (IgResponse) response =
      ig_api_fetch (api, msg, what, cancellable, error);

  if (response == NULL)
    return NULL;
  if (!ig_api_check_response (response, what, error)) {
    api->refused |= refuses_session (response);
    return NULL;
  }
  return g_steal_pointer (&response);
}

JsonNode *
ig_api_read_json (IgApi *api, const IgResponse *response, const char *what,
    GError **error)
{
  JsonNode *root = ig_api_parse_json (response, what, error);

  if (root == NULL && body_is_html (response))
    api->refused = TRUE;
  return root;
}

gboolean
ig_api_take_refusal (IgApi *api)
{
  gboolean refused = api->refused;

  api->refused = FALSE;
  return refused;
}

/* Instagram's anti-hijacking prefix, served with text/javascript since
 * 2026: "for (;;);" before the JSON, maybe after white space. */
static const char *
skip_guard (const char *data, gsize *len)
{
  static const char guard[] = "for (;;);";
  const char *p = data;
  gsize left = *len;

  while (left > 0 && g_ascii_isspace (*p))
    p++, left--;
  if (left < sizeof guard - 1 || memcmp (p, guard, sizeof guard - 1) != 0)
    return data;
  *len = left - (sizeof guard - 1);
  return p + sizeof guard - 1;
}

JsonNode *
ig_api_parse_json (const IgResponse *response, const char *what, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) local = NULL;
  gsize len;
  const char *data = g_bytes_get_data (response->body, &len);

  if (data != NULL)
    data = skip_guard (data, &len);

  if (len == 0 || data == NULL) {
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "%s: empty answer (HTTP %u)", what, response->status);
    return NULL;
  }
  if (!ig_json_nesting_ok (data, len, IG_JSON_MAX_NESTING)) {
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "%s: the JSON answer nests deeper than %d levels", what,
        IG_JSON_MAX_NESTING);
    return NULL;
  }
  if (!ig_json_single_value (data, len)) {
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "%s: the answer is not a single JSON value", what);
    return NULL;
  }
  if (!ig_json_integers_fit (data, len, error)) {
    g_prefix_error (error, "%s: ", what);
    return NULL;
  }
  if (!json_parser_load_from_data (parser, data, len, &local)) {
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "%s: the answer is not JSON (%s, Content-Type %s): %s", what,
        g_utf8_validate (data, MIN (len, 16), NULL) && data[0] == '<'
            ? "looks like HTML"
            : "unparsable",
        response->content_type ? response->content_type : "none",
        local->message);
    return NULL;
  }
  /* A body of only whitespace parses, to no root at all. */
  if (json_parser_get_root (parser) == NULL
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))) {
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "%s: the JSON answer is not an object", what);
    return NULL;
  }
  return json_node_ref (json_parser_get_root (parser));
}

static JsonNode *
send_json (IgApi *api, SoupMessage *msg, const char *what,
    GCancellable *cancellable, GError **error)
{
  g_autoptr (IgResponse) response =
      ig_api_send (api, msg, what, cancellable, error);

  return response ? ig_api_read_json (api, response, what, error) : NULL;
}

/* @path on the REST API. Since 2026 the web path redirects stories to the
 * homepage even with a good session: then the app API on the mobile host
 * (InstaloaderSharp's fix, instagram-2026-12.md §1.3). */
JsonNode *
ig_api_get_json (IgApi *api, const char *path, const char *what,
    GCancellable *cancellable, GError **error)
{
  g_autofree char *uri = g_strconcat (ig_api_base (api), path, NULL);
  g_autoptr (SoupMessage) msg = ig_api_new_rest_message (api, uri, NULL);
  g_autoptr (SoupMessage) app = NULL;
  GError *local = NULL;
  JsonNode *root = send_json (api, msg, what, cancellable, &local);

  if (root != NULL || ig_api_is_app (api)
      || !g_error_matches (local, IG_ERROR, IG_ERROR_LOGIN_REQUIRED)) {
    if (local != NULL)
      g_propagate_error (error, local);
    return root;
  }
  ig_api_log (api, IG_LOG_INFO,
      "%s: the web path redirected (%s); asking the app API", what,
      local->message);
  g_error_free (local);
  app = ig_api_new_app_message (api, path);
  return send_json (api, app, what, cancellable, error);
}
