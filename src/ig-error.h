/* gst-instagram: errors of the Instagram core library.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define IG_ERROR (ig_error_quark ())

/* A message's first line is for people; lines after it, if any, are the
 * details (which step, which answer) for the debug log. */

/* What went wrong, in Instagram's terms. The plugin maps these to
 * GStreamer error domains and codes (plugin/gstinstagramerror.c). */
typedef enum
{
  IG_ERROR_BAD_URI, /* not an Instagram post/reel/story URI */
  IG_ERROR_NOT_FOUND, /* deleted or nonexistent post */
  IG_ERROR_LOGIN_REQUIRED, /* private post, login wall, stories */
  IG_ERROR_CHECKPOINT, /* checkpoint/challenge/feedback_required */
  IG_ERROR_RATE_LIMITED, /* 429, 401 "Please wait a few minutes" */
  IG_ERROR_BAD_RESPONSE, /* unexpected payload: HTML, bad JSON, wrong types */
  IG_ERROR_NETWORK, /* transport, TLS, timeout, 5xx */
  IG_ERROR_NO_MEDIA, /* an item without any usable media */
  IG_ERROR_OUT_OF_RANGE, /* media-index beyond the item count */
  IG_ERROR_MEDIA_REFUSED, /* the CDN refused the URL: 403/410, expired oe */
  IG_ERROR_SEEK, /* the CDN ignored a Range request */
  IG_ERROR_COOKIES, /* the cookies file cannot be read */
  IG_ERROR_SETTINGS, /* a setting or environment variable is malformed */
  IG_ERROR_SESSION_REFUSED, /* Instagram refused the session the user gave */
  IG_ERROR_NO_DECODER, /* what is streamed cannot be decoded here (warnings) */
  IG_ERROR_ENDPOINT_FAILING /* an endpoint answers 5xx: failing, not throttling */
} IgError;

GQuark ig_error_quark (void);

/* Adds @warning (taken) to @warnings, an array of GError* that may be
 * NULL (then the warning is dropped). */
void ig_warnings_add (GPtrArray *warnings, GError *warning);

G_END_DECLS
