/* gst-instagram: post metadata as tags and the instagram-media message.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gst/gst.h>

#include "ig-delivery.h"
#include "ig-model.h"

G_BEGIN_DECLS

/* Custom tags, registered once by gst_instagram_tags_register(). */
#define GST_TAG_INSTAGRAM_SHORTCODE "instagram-shortcode"
#define GST_TAG_INSTAGRAM_LIKE_COUNT "instagram-like-count"
#define GST_TAG_INSTAGRAM_COMMENT_COUNT "instagram-comment-count"
#define GST_TAG_INSTAGRAM_VIEW_COUNT "instagram-view-count"
#define GST_TAG_INSTAGRAM_EXPIRING_AT "instagram-expiring-at"

void gst_instagram_tags_register (void);

/* Tags for item @index of @post; @permalink becomes GST_TAG_LOCATION. */
GstTagList *gst_instagram_tags_from_post (const IgPost *post, guint index,
    const char *permalink);

/* GST_TAG_VIDEO_CODEC and GST_TAG_AUDIO_CODEC of what @choice streams
 * from @item, added to @tags. */
void gst_instagram_tags_add_codecs (GstTagList *tags,
    const IgDeliveryChoice *choice, const IgItem *item);

/* The "instagram-media" structure: every item of the post with its
 * progressive versions and DASH representations, which one is streamed and
 * how (@choice). */
GstStructure *gst_instagram_media_structure (const IgPost *post,
    guint streamed_index, const char *uri, const IgDeliveryChoice *choice);

G_END_DECLS
