/* gst-instagram: the instagramsrc element.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gst/base/gstpushsrc.h>

#include "ig-api.h"
#include "ig-delivery.h"
#include "ig-ratelimit.h"
#include "ig-media-reader.h"
#include "ig-model.h"
#include "ig-uri.h"

G_BEGIN_DECLS

#define GST_TYPE_INSTAGRAM_SRC (gst_instagram_src_get_type ())
G_DECLARE_FINAL_TYPE (GstInstagramSrc, gst_instagram_src, GST, INSTAGRAM_SRC,
    GstPushSrc)

/* Properties; copied under the object lock at start(). */
typedef struct
{
  char *uri;
  IgMediaRef *ref;
  gint max_height;
  gint media_index;
  char *user_agent;
  char *proxy;
  guint timeout;
  gint retries;
  gboolean ssl_strict;
  char *cookies_file;
  char *session_id; /* a secret: never logged */
  IgRateLimits limits;
  gboolean limits_set; /* else GST_INSTAGRAM_RATE_LIMITS applies */
  char *rate_limit_state; /* NULL: the default file; "": none */
  guint max_wait;
  gboolean ios_client; /* api-client=ios */
  IgDelivery delivery;
  gboolean delivery_set; /* else GST_INSTAGRAM_DELIVERY applies */
  IgVideoCodec video_codec;
} GstInstagramSrcSettings;

/* Exists only between start() and stop(); touched by the streaming thread
 * (and by do_seek, which holds the stream lock). */
typedef struct
{
  GstInstagramSrcSettings settings;
  IgPost *post;
  guint item_index;
  IgMediaReader *reader; /* progressive delivery */
  GBytes *manifest; /* DASH delivery: the MPD pushed instead */
  guint64 offset; /* next byte downstream expects */
  gboolean reresolved; /* the CDN URL was renewed once already */
} GstInstagramSrcState;

struct _GstInstagramSrc
{
  GstPushSrc parent;

  GstInstagramSrcSettings settings; /* under the object lock */
  GstInstagramSrcState *state;
  GCancellable *cancellable; /* cancelled by unlock() */
  guint64 size; /* under the object lock; 0 unknown */
  gboolean seekable; /* under the object lock */
};

GST_ELEMENT_REGISTER_DECLARE (instagramsrc);

G_END_DECLS
