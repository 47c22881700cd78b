/* gst-instagram: the instagramsrc element.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gst/base/gstpushsrc.h>

#include "ig-source.h"

G_BEGIN_DECLS

#define GST_TYPE_INSTAGRAM_SRC (gst_instagram_src_get_type ())
G_DECLARE_FINAL_TYPE (GstInstagramSrc, gst_instagram_src, GST, INSTAGRAM_SRC,
    GstPushSrc)

typedef enum
{
  GST_INSTAGRAM_SRC_PHASE_STARTED, /* start() done; nothing resolved yet */
  GST_INSTAGRAM_SRC_PHASE_STREAMING, /* resolved and open: create() reads */
} GstInstagramSrcPhase;

/* Exists only between start() and stop(); touched by the streaming thread
 * (and by do_seek, which holds the stream lock). */
typedef struct
{
  IgSource *source;
  GstInstagramSrcPhase phase;
  guint64 offset; /* next byte downstream expects */
  gboolean typefind; /* caps come from the first buffer's bytes */
  char *uri; /* for messages */
  GMainContext *io_context; /* thread default during the core's I/O */
} GstInstagramSrcState;

struct _GstInstagramSrc
{
  GstPushSrc parent;

  IgSourceOptions settings; /* the properties, under the object lock */
  GstInstagramSrcState *state;
  /* Under the object lock: cancelled by unlock (), replaced by
   * unlock_stop (); see gst_instagram_src_ref_cancellable (). */
  GCancellable *cancellable;
  guint64 size; /* under the object lock; 0 unknown */
  gboolean seekable; /* under the object lock */
  /* A value set through a property and refused, kept (under the object
   * lock) to be posted by start(), since a property is often set before
   * the element has a bus (gst-launch-1.0, gst_parse_launch()). A later
   * accepted value of the same property clears it. */
  GError *refused_uri; /* IG_ERROR_BAD_URI: start() fails with it */
  GError *refused_rate_limits; /* a WARNING, posted once, by start() */
};

GCancellable *gst_instagram_src_ref_cancellable (GstInstagramSrc *self);
/* Around every call of the core that may do I/O (streaming thread). */
void gst_instagram_src_begin_io (GstInstagramSrc *self);
void gst_instagram_src_end_io (GstInstagramSrc *self);

GST_ELEMENT_REGISTER_DECLARE (instagramsrc);

G_END_DECLS
