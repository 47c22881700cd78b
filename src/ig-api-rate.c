/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-api-rate.h"
#include "ig-error.h"

#include <stdlib.h>

#define QUERY_KEY "ig-rate-query-key"

void
ig_api_set_rate_limiter (IgApi *api, IgRateLimiter *rate,
    const IgRateLimits *limits, gdouble max_wait, guint retries,
    IgRateWaitFunc on_wait, gpointer data)
{
  api->rate = rate;
  api->limits = *limits;
  api->max_wait = max_wait;
  api->retries = retries;
  api->on_wait = on_wait;
  api->on_wait_data = data;
}

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

gboolean
ig_api_sleep (gdouble seconds, GCancellable *cancellable)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  GPollFD fd = {
    0,
  };
  gboolean pollable = g_cancellable_make_pollfd (cancellable, &fd);
  gint64 left;

  while (!g_cancellable_is_cancelled (cancellable)
      && (left = end - g_get_monotonic_time ()) > 0) {
    if (pollable)
      g_poll (&fd, 1, (gint) MIN (left / 1000 + 1, 1000));
    else
      g_usleep (MIN (left, G_USEC_PER_SEC / 10));
  }
  if (pollable)
    g_cancellable_release_fd (cancellable);
  return !g_cancellable_is_cancelled (cancellable);
}

static gboolean
refuse_wait (IgApi *api, IgRateClass cls, gdouble wait, gdouble waited,
    GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) next = g_date_time_add_seconds (now, wait);
  g_autofree char *at = g_date_time_format (next, "%H:%M:%S");

  g_set_error (error, IG_ERROR, IG_ERROR_RATE_LIMITED,
      "Instagram's rate limit for %s requests allows the next one at %s, "
      "in %.0f s (%.0f s waited already), longer than max-wait (%.0f s)",
      ig_rate_class_to_string (cls), at, wait, waited, api->max_wait);
  return FALSE;
}

/* For now the limiter's warnings (an unusable or corrupt state file) go
 * to the log, as before they reached the caller. */
static void
forward_warning (GError *warning)
{
  if (warning == NULL)
    return;
  g_warning ("%s", warning->message);
  g_error_free (warning);
}

static gdouble
reserve (IgApi *api, IgRateClass cls, const char *key)
{
  GError *warning = NULL;
  gdouble wait =
      ig_rate_limiter_reserve (api->rate, &api->limits, cls, key, &warning);

  forward_warning (warning);
  return wait;
}

gboolean
ig_api_rate_wait (IgApi *api, SoupMessage *msg, gdouble *waited,
    GCancellable *cancellable, GError **error)
{
  const char *key;
  IgRateClass cls;
  gdouble wait;

  if (api->rate == NULL)
    return TRUE;
  cls = class_of (api, msg, &key);
  while ((wait = reserve (api, cls, key)) > 0) {
    if (*waited + wait > api->max_wait)
      return refuse_wait (api, cls, wait, *waited, error);
    if (api->on_wait != NULL)
      api->on_wait (wait, cls, api->on_wait_data);
    if (!ig_api_sleep (wait, cancellable)) {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
          "Cancelled while waiting for the rate limit");
      return FALSE;
    }
    *waited += wait;
  }
  return TRUE;
}

gboolean
ig_api_is_throttled (const IgResponse *r)
{
  gsize len;
  const char *body = g_bytes_get_data (r->body, &len);

  return r->status == 429
      || (r->status == 401 && body != NULL
          && g_strstr_len (body, len, "Please wait a few minutes") != NULL);
}

/* Retry-After in seconds (the HTTP-date form is treated as absent). */
static gdouble
retry_after_seconds (const IgResponse *r)
{
  char *end = NULL;
  gdouble value;

  if (r->retry_after == NULL)
    return -1;
  value = g_ascii_strtod (r->retry_after, &end);
  return end != r->retry_after && *end == '\0' && value >= 0 ? value : -1;
}

gboolean
ig_api_rate_should_retry (IgApi *api, SoupMessage *msg,
    const IgResponse *response, guint attempt)
{
  const char *key;
  IgRateClass cls;
  GError *warning = NULL;

  if (api->rate == NULL || api->limits.off || !ig_api_is_throttled (response)
      || attempt >= api->retries)
    return FALSE;
  cls = class_of (api, msg, &key);
  ig_rate_limiter_penalize (api->rate, &api->limits, cls, key,
      retry_after_seconds (response), attempt + 1, &warning);
  forward_warning (warning);
  return TRUE;
}
