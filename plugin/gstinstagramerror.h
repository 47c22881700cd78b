/* gst-instagram: IgError -> GStreamer error messages.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* Posts one ERROR message for @error on @element: the GStreamer domain and
 * code follow the IgError code, the text names @uri and says what a person
 * can do, the debug string carries the library's own explanation, and the
 * details structure carries "uri" and "instagram-error" (the IgError). */
void gst_instagram_post_error (GstElement *element, const char *uri,
    const GError *error, const char *file, const char *function, gint line);

#define GST_INSTAGRAM_POST_ERROR(el, uri, err) \
  gst_instagram_post_error (GST_ELEMENT (el), (uri), (err), __FILE__, \
      GST_FUNCTION, __LINE__)

/* Posts one WARNING message for @warning (the work goes on): same mapping,
 * the library's words as the text, @uri in the debug string. */
void gst_instagram_post_warning (GstElement *element, const char *uri,
    const GError *warning, const char *file, const char *function, gint line);

#define GST_INSTAGRAM_POST_WARNING(el, uri, warn) \
  gst_instagram_post_warning (GST_ELEMENT (el), (uri), (warn), __FILE__, \
      GST_FUNCTION, __LINE__)

G_END_DECLS
