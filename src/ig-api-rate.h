/* gst-instagram: the rate limiter's side of ig_api_send().
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ig-api.h"

G_BEGIN_DECLS

/* Waits until @msg may be sent, adding the time to *@waited. FALSE with
 * IG_ERROR_RATE_LIMITED when the wait would pass api->max_wait, or
 * G_IO_ERROR_CANCELLED. */
gboolean ig_api_rate_wait (IgApi *api, SoupMessage *msg, gdouble *waited,
    GCancellable *cancellable, GError **error);

/* TRUE when @response is Instagram throttling @msg and it should be sent
 * again (attempt @attempt, 0-based): the back-off is recorded so that the
 * next ig_api_rate_wait() waits for it. */
gboolean ig_api_rate_should_retry (IgApi *api, SoupMessage *msg,
    const IgResponse *response, guint attempt);

/* Sleeps @seconds unless @cancellable fires first (then FALSE). */
gboolean ig_api_sleep (gdouble seconds, GCancellable *cancellable);

/* 429, or 401 "Please wait a few minutes". */
gboolean ig_api_is_throttled (const IgResponse *response);

G_END_DECLS
