/* gst-instagram: the rate limiter's side of ig_api_send(): waiting for the
 * budget before a request, and backing off after Instagram throttled one.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ig-events.h"
#include "ig-http.h"
#include "ig-ratelimit.h"

G_BEGIN_DECLS

/* How the API's requests are rationed; a plain value. */
typedef struct
{
  IgRateLimiter *limiter; /* shared, not owned; NULL: no limiting */
  IgRateLimits limits;
  gdouble max_wait; /* seconds one request may wait in all */
  guint retries; /* resends after a 5xx, 429 or 401 "Please wait" */
} IgApiRate;

/* Waits until a request of @cls/@key may be sent, adding the time to
 * *@waited and telling @sink before each wait (@instagram_asked: the wait
 * follows a throttled answer). FALSE with IG_ERROR_RATE_LIMITED when the
 * wait would pass max_wait, or G_IO_ERROR_CANCELLED. A state file the
 * limiter could not use is reported to @sink as a warning. */
gboolean ig_api_rate_wait (const IgApiRate *rate, const IgEventSink *sink,
    IgRateClass cls, const char *key, gboolean instagram_asked, gdouble *waited,
    GCancellable *cancellable, GError **error);

/* TRUE when @response is Instagram throttling a request of @cls/@key and
 * it should be sent again (attempt @attempt, 0-based): the back-off is
 * recorded so that the next ig_api_rate_wait() waits for it. */
gboolean ig_api_rate_should_retry (const IgApiRate *rate,
    const IgEventSink *sink, IgRateClass cls, const char *key,
    const IgResponse *response, guint attempt);

/* Sleeps @seconds unless @cancellable fires first (then FALSE). */
gboolean ig_api_sleep (gdouble seconds, GCancellable *cancellable);

/* 429, or 401 "Please wait a few minutes". */
gboolean ig_api_is_throttled (const IgResponse *response);

G_END_DECLS
