/* gst-instagram: instagramsrc's settings, copied at start().
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "gstinstagramsrc.h"

G_BEGIN_DECLS

#define DEFAULT_MAX_HEIGHT 0
#define DEFAULT_MEDIA_INDEX -1
#define DEFAULT_TIMEOUT 15
#define DEFAULT_RETRIES 3
#define DEFAULT_SSL_STRICT TRUE
#define DEFAULT_MAX_WAIT 900
#define DEFAULT_DELIVERY IG_DELIVERY_PROGRESSIVE
#define DEFAULT_VIDEO_CODEC IG_CODEC_ANY
/* Overrides the default of the rate-limits property (same syntax). */
#define ENV_RATE_LIMITS "GST_INSTAGRAM_RATE_LIMITS"
/* Overrides the default of the delivery property (progressive, dash, auto):
 * players such as gst-play-1.0 cannot set element properties. */
#define ENV_DELIVERY "GST_INSTAGRAM_DELIVERY"
/* Large reads keep the per-buffer cost low on fast links. */
#define DEFAULT_BLOCKSIZE (128 * 1024)

void gst_instagram_src_settings_init (GstInstagramSrcSettings *settings);
void gst_instagram_src_settings_copy (GstInstagramSrcSettings *dest,
    const GstInstagramSrcSettings *src);
void gst_instagram_src_settings_clear (GstInstagramSrcSettings *settings);
/* The network options of @settings, borrowing its strings. */
IgHttpOptions gst_instagram_src_settings_http (
    const GstInstagramSrcSettings *settings);

G_END_DECLS
