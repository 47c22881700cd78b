/* gst-instagram: resolving the post and opening its media, on the streaming
 * thread.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "gstinstagramsrc.h"

G_BEGIN_DECLS

/* Resolves the post, picks the item and file, posts the instagram-media
 * message, queues the tags, opens the CDN file and sets caps and size.
 * Posts an error and returns GST_FLOW_ERROR on failure, GST_FLOW_FLUSHING
 * when unlock() interrupted it. */
GstFlowReturn gst_instagram_src_open (GstInstagramSrc *self);

/* After the CDN refused the URL (expired signature): resolves the post
 * again and points the reader at the same item's new URL; the reader then
 * goes on from the same offset and refuses a file of another size. */
GstFlowReturn gst_instagram_src_reresolve (GstInstagramSrc *self);

G_END_DECLS
