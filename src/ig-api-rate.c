/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-api-rate.h"
#include "ig-error.h"

#include <stdlib.h>

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
refuse_wait (const IgApiRate *rate, IgRateClass cls, gboolean instagram_asked,
    gdouble wait, gdouble waited, GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) next = g_date_time_add_seconds (now, wait);
  g_autofree char *at = g_date_time_format (next, "%H:%M:%S");

  /* ours, or Instagram's: a person should know whom to blame */
  g_set_error (error, IG_ERROR, IG_ERROR_RATE_LIMITED,
      "%s allows the next %s request at %s, in %.0f s (%.0f s waited "
      "already), longer than max-wait (%.0f s)",
      instagram_asked ? "Instagram throttled us: its back-off"
                      : "The element's rate limit (shared by every "
                        "instagramsrc of this user)",
      ig_rate_class_to_string (cls), at, wait, waited, rate->max_wait);
  return FALSE;
}

gboolean
ig_api_rate_wait (const IgApiRate *rate, const IgEventSink *sink,
    IgRateClass cls, const char *key, gboolean instagram_asked, gdouble *waited,
    GCancellable *cancellable, GError **error)
{
  GError *warning = NULL;
  gdouble wait;

  if (rate->limiter == NULL)
    return TRUE;
  while ((wait = ig_rate_limiter_reserve (rate->limiter, &rate->limits, cls,
              key, &warning))
      > 0) {
    ig_events_warn (sink, &warning);
    if (*waited + wait > rate->max_wait)
      return refuse_wait (rate, cls, instagram_asked, wait, *waited, error);
    ig_events_rate_wait (sink, wait, cls, instagram_asked);
    if (!ig_api_sleep (wait, cancellable)) {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
          "Cancelled while waiting for the rate limit");
      return FALSE;
    }
    *waited += wait;
  }
  ig_events_warn (sink, &warning);
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
ig_api_rate_should_retry (const IgApiRate *rate, const IgEventSink *sink,
    IgRateClass cls, const char *key, const IgResponse *response, guint attempt)
{
  GError *warning = NULL;

  if (rate->limiter == NULL || rate->limits.off
      || !ig_api_is_throttled (response) || attempt >= rate->retries)
    return FALSE;
  ig_rate_limiter_penalize (rate->limiter, &rate->limits, cls, key,
      retry_after_seconds (response), attempt + 1, &warning);
  ig_events_warn (sink, &warning);
  return TRUE;
}
