/* gst-instagram: one model for Instagram's two JSON shapes.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "ig-dash.h"

G_BEGIN_DECLS

typedef enum
{
  IG_MEDIA_IMAGE = 1,
  IG_MEDIA_VIDEO = 2,
  IG_MEDIA_CAROUSEL = 8
} IgMediaType;

/* One downloadable file: a video_versions entry or an image candidate. */
typedef struct
{
  char *url; /* absolute http(s) URL, never NULL */
  gint width; /* 0 when unknown */
  gint height; /* 0 when unknown */
  gint64 bandwidth; /* bits/s, 0 when unknown */
  char *id; /* may be NULL */
  gint type; /* video_versions type (101..), 0 for images */
} IgVariant;

/* One picture or video: the post itself, or a carousel child. */
typedef struct
{
  IgMediaType type; /* IMAGE or VIDEO, never CAROUSEL */
  guint64 pk; /* 0 when unknown */
  gint width; /* original_width / dimensions.width, 0 unknown */
  gint height;
  gdouble duration; /* seconds, 0 for images or unknown */
  gboolean has_audio;
  GPtrArray *videos; /* IgVariant*, in the answer's order; empty for images */
  GPtrArray *images; /* IgVariant*, in the answer's order */
  IgDashManifest *dash; /* video_dash_manifest, parsed; NULL if none */
  char *dash_error; /* why a manifest sent cannot be used, else NULL */
  gint64 taken_at; /* story items: unix seconds, else 0 */
  gint64 expiring_at; /* story items: unix seconds, else 0 */
  char *unusable; /* why it cannot be streamed, NULL when it can */
} IgItem;

/* A post (or story item) as the API described it. */
typedef struct
{
  guint64 pk;
  char *shortcode; /* may be NULL for story items without code */
  IgMediaType type; /* IMAGE, VIDEO or CAROUSEL */
  char *product_type; /* "feed", "clips", "igtv", "story", ... or NULL */
  char *owner_username; /* may be NULL */
  char *owner_full_name;
  char *caption; /* full caption text or NULL */
  gint64 taken_at; /* unix seconds, 0 unknown */
  gint64 expiring_at; /* story items, 0 otherwise */
  char *location_name; /* may be NULL */
  gint64 like_count; /* -1 when unknown */
  gint64 comment_count; /* -1 when unknown */
  gint64 view_count; /* -1 when unknown (view_count, play_count) */
  /* IgItem*: the post itself, or every carousel child in Instagram's order,
   * unusable ones included (marked) */
  GPtrArray *items;
  char *resolved_by; /* the strategy and doc_id that served it, or NULL */
  gatomicrefcount refs; /* a post is read-only once built: it is shared */
} IgPost;

/* From the mobile/REST item shape (api/v1/media/PK/info items[0], Polaris
 * if_not_gated_logged_out, reels_media items). IG_ERROR_BAD_RESPONSE when
 * the node is not an object or a field the model reads has the wrong type;
 * IG_ERROR_NO_MEDIA when the post, or every carousel child, has no usable
 * media. */
IgPost *ig_post_from_rest (JsonNode *item, GError **error);

/* From the web GraphQL shape (shortcode_media, xdt_shortcode_media,
 * __typename Graph* or XDTGraph*). Same errors. */
IgPost *ig_post_from_graphql (JsonNode *media, GError **error);

/* Parses the MPD @xml (video_dash_manifest) into @item->dash, or says in
 * @item->dash_error why it cannot be used: a bad manifest never fails the
 * item, delivery then falls back to progressive. Replaces what was set. */
void ig_item_set_dash (IgItem *item, const char *xml);

/* An empty post: no items, counts unknown (-1). */
IgPost *ig_post_new (void);
/* Another holder of @post (elements resolving the same post at once share
 * one); ig_post_free() drops a holder and frees with the last. */
IgPost *ig_post_ref (IgPost *post);
void ig_post_free (IgPost *post);
void ig_item_free (IgItem *item);
void ig_variant_free (IgVariant *variant);

/* The caption's first line (for the title tag), or NULL. */
char *ig_post_dup_title (const IgPost *post);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IgPost, ig_post_free)

G_END_DECLS
