/* gst-instagram: which DASH codecs this GStreamer decodes, the lookup the
 * element passes to the core (IgSourceListener.can_decode).
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* TRUE when a decoder of rank marginal or above in the registry takes the
 * caps of the RFC 6381 @codecs string. xHE-AAC (mp4a.40.42) has the caps
 * of every AAC, so there a decoder's presence is not enough: it counts as
 * decodable with fdkaacdec (fdk-aac 2 decodes USAC) or with gst-libav on
 * FFmpeg 7.1 or newer (libavcodec 61.19.100: its first USAC decoder), never
 * with faad. @data is unused. */
gboolean gst_instagram_can_decode (gpointer data, const char *codecs);

/* The version of the libavcodec gst-libav runs on, as LIBAVCODEC_VERSION_INT
 * (major << 16 | minor << 8 | micro), or 0 without gst-libav. */
guint gst_instagram_libavcodec_version (void);

G_END_DECLS
