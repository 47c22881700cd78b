/* gst-instagram: opening instagramsrc's IgSource on the streaming thread
 * and publishing what it opened: caps, size, seekability.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "gstinstagramsrc.h"

G_BEGIN_DECLS

/* Opens the state's source on the streaming thread and publishes caps,
 * size and seekability. Posts an error and returns GST_FLOW_ERROR on
 * failure, GST_FLOW_FLUSHING when unlock() interrupted it. */
GstFlowReturn gst_instagram_src_open (GstInstagramSrc *self);

/* For media whose caps only its bytes can give exactly (the DASH audio
 * file): publishes the caps GStreamer's typefinder finds in @first, the
 * first buffer, before it is pushed. Does nothing otherwise. */
void gst_instagram_src_publish_found_caps (GstInstagramSrc *self,
    GstBuffer *first);

/* The flow return for a failed source call: posts @error (unless it is a
 * cancellation) and frees it. */
GstFlowReturn gst_instagram_src_fail (GstInstagramSrc *self, GError *error);

G_END_DECLS
