/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "gstinstagramsrc-open.h"
#include "gstinstagramerror.h"

#include <gst/base/gsttypefindhelper.h>

GST_DEBUG_CATEGORY_EXTERN (gst_instagram_src_debug);
#define GST_CAT_DEFAULT gst_instagram_src_debug

GstFlowReturn
gst_instagram_src_fail (GstInstagramSrc *self, GError *error)
{
  GstFlowReturn ret = GST_FLOW_ERROR;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
    GST_DEBUG_OBJECT (self, "interrupted: %s", error->message);
    ret = GST_FLOW_FLUSHING;
  } else {
    GST_INSTAGRAM_POST_ERROR (self, self->state->uri, error);
  }
  g_error_free (error);
  return ret;
}

/* ---- publishing what was opened ---------------------------------------- */

static void
publish_size (GstInstagramSrc *self, IgSource *source)
{
  GstBaseSrc *base = GST_BASE_SRC (self);
  gboolean seekable = ig_source_is_seekable (source);
  guint64 size = 0;
  gboolean known = ig_source_get_size (source, &size);

  GST_OBJECT_LOCK (self);
  self->size = known ? size : 0;
  self->seekable = seekable;
  if (known)
    base->segment.duration = size;
  GST_OBJECT_UNLOCK (self);
  GST_DEBUG_OBJECT (self, "size %" G_GUINT64_FORMAT " seekable %d", size,
      seekable);
  if (known)
    gst_element_post_message (GST_ELEMENT (self),
        gst_message_new_duration_changed (GST_OBJECT (self)));
}

static GstCaps *
iso_mp4_caps (void)
{
  return gst_caps_new_simple ("video/quicktime", "variant", G_TYPE_STRING,
      "iso", NULL);
}

/* MP4 as qtdemux names it; no caps when only typefind can tell. The DASH
 * audio file ("audio/mp4") gets its caps from its first bytes (see
 * gst_instagram_src_publish_found_caps ()). */
static GstCaps *
caps_for (const char *media_type)
{
  if (media_type == NULL || g_str_equal (media_type, "audio/mp4"))
    return NULL;
  if (g_str_equal (media_type, "video/mp4"))
    return iso_mp4_caps ();
  return gst_caps_new_empty_simple (media_type);
}

static void
set_caps (GstInstagramSrc *self, GstCaps *caps)
{
  if (!gst_base_src_set_caps (GST_BASE_SRC (self), caps))
    GST_WARNING_OBJECT (self, "downstream refused %" GST_PTR_FORMAT, caps);
}

static void
publish_caps (GstInstagramSrc *self, IgSource *source)
{
  const char *type = ig_source_get_media_type (source);
  g_autoptr (GstCaps) caps = caps_for (type);

  self->state->typefind = g_strcmp0 (type, "audio/mp4") == 0;
  if (caps != NULL)
    set_caps (self, caps);
}

/* An audio-only MP4 has no caps of its own in GStreamer: the typefinder
 * names it by its ftyp brands (1.22: video/quicktime, variant=iso for
 * mp42/isom/iso5/M4A, variant=iso-fragmented for "dash"), and qtdemux,
 * decodebin and playbin take what it names. So the caps are exactly what
 * a souphttpsrc ! typefind of the same URL would give. */
void
gst_instagram_src_publish_found_caps (GstInstagramSrc *self, GstBuffer *first)
{
  GstInstagramSrcState *state = self->state;
  g_autoptr (GstCaps) caps = NULL;

  if (!state->typefind)
    return;
  state->typefind = FALSE;
  if (GST_BUFFER_OFFSET (first) == 0)
    caps = gst_type_find_helper_for_buffer (GST_OBJECT (self), first, NULL);
  if (caps == NULL)
    caps = iso_mp4_caps ();
  GST_DEBUG_OBJECT (self, "the file's bytes say %" GST_PTR_FORMAT, caps);
  set_caps (self, caps);
}

GstFlowReturn
gst_instagram_src_open (GstInstagramSrc *self)
{
  GstInstagramSrcState *state = self->state;
  g_autoptr (GCancellable) cancellable =
      gst_instagram_src_ref_cancellable (self);
  GError *error = NULL;
  gboolean opened;

  gst_instagram_src_begin_io (self);
  opened = ig_source_open (state->source, cancellable, &error);
  gst_instagram_src_end_io (self);
  if (!opened)
    return gst_instagram_src_fail (self, error);
  publish_size (self, state->source);
  publish_caps (self, state->source);
  state->phase = GST_INSTAGRAM_SRC_PHASE_STREAMING;
  return GST_FLOW_OK;
}
