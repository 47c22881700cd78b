/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "gstinstagramtags.h"

#include <gst/pbutils/pbutils.h>

#include "ig-codecs.h"

void
gst_instagram_tags_register (void)
{
  gst_tag_register (GST_TAG_INSTAGRAM_SHORTCODE, GST_TAG_FLAG_META,
      G_TYPE_STRING, "instagram shortcode",
      "The post's shortcode, as in instagram.com/p/SHORTCODE/",
      gst_tag_merge_use_first);
  gst_tag_register (GST_TAG_INSTAGRAM_LIKE_COUNT, GST_TAG_FLAG_META,
      G_TYPE_UINT64, "instagram like count", "Likes of the post",
      gst_tag_merge_use_first);
  gst_tag_register (GST_TAG_INSTAGRAM_COMMENT_COUNT, GST_TAG_FLAG_META,
      G_TYPE_UINT64, "instagram comment count", "Comments on the post",
      gst_tag_merge_use_first);
  gst_tag_register (GST_TAG_INSTAGRAM_VIEW_COUNT, GST_TAG_FLAG_META,
      G_TYPE_UINT64, "instagram view count", "Views or plays of the video",
      gst_tag_merge_use_first);
  gst_tag_register (GST_TAG_INSTAGRAM_EXPIRING_AT, GST_TAG_FLAG_META,
      GST_TYPE_DATE_TIME, "instagram expiring at",
      "When a story item disappears from Instagram (UTC)",
      gst_tag_merge_use_first);
}

static void
add_count (GstTagList *tags, const char *tag, gint64 count)
{
  if (count >= 0)
    gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, tag, (guint64) count, NULL);
}

static void
add_string (GstTagList *tags, const char *tag, const char *value)
{
  if (value != NULL && *value != '\0')
    gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, tag, value, NULL);
}

static void
add_time (GstTagList *tags, const char *tag, gint64 unix_seconds)
{
  g_autoptr (GstDateTime) when = NULL;

  if (unix_seconds <= 0)
    return;
  when = gst_date_time_new_from_unix_epoch_utc (unix_seconds);
  /* NULL past the year 9999: no tag rather than a NULL date */
  if (when != NULL)
    gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, tag, when, NULL);
}

static void
add_text_tags (GstTagList *tags, const IgPost *post)
{
  g_autofree char *title = ig_post_dup_title (post);

  add_string (tags, GST_TAG_TITLE, title);
  add_string (tags, GST_TAG_ARTIST, post->owner_username);
  add_string (tags, GST_TAG_COMMENT, post->caption);
  add_string (tags, GST_TAG_GEO_LOCATION_NAME, post->location_name);
  add_string (tags, GST_TAG_INSTAGRAM_SHORTCODE, post->shortcode);
}

GstTagList *
gst_instagram_tags_from_post (const IgPost *post, guint index,
    const char *permalink)
{
  GstTagList *tags = gst_tag_list_new_empty ();
  const IgItem *item = g_ptr_array_index (post->items, index);

  add_text_tags (tags, post);
  add_string (tags, GST_TAG_LOCATION, permalink);
  /* Story items carry their own times; posts have one for all items. */
  add_time (tags, GST_TAG_DATE_TIME,
      item->taken_at > 0 ? item->taken_at : post->taken_at);
  add_time (tags, GST_TAG_INSTAGRAM_EXPIRING_AT,
      item->expiring_at > 0 ? item->expiring_at : post->expiring_at);
  if (item->duration > 0)
    gst_tag_list_add (tags, GST_TAG_MERGE_REPLACE, GST_TAG_DURATION,
        (guint64) (item->duration * GST_SECOND), NULL);
  add_count (tags, GST_TAG_INSTAGRAM_LIKE_COUNT, post->like_count);
  add_count (tags, GST_TAG_INSTAGRAM_COMMENT_COUNT, post->comment_count);
  add_count (tags, GST_TAG_INSTAGRAM_VIEW_COUNT, post->view_count);
  gst_tag_list_set_scope (tags, GST_TAG_SCOPE_GLOBAL);
  return tags;
}

/* The RFC 6381 codecs of what @choice streams: the DASH representations'
 * own; for a progressive MP4, H.264 and AAC-LC, what Instagram's
 * progressive files (types 101 to 103) hold (instagram-2026-12.md 6.1);
 * NULL where there is none (an image, a cover, a video without sound). */
static void
choice_codecs (const IgDeliveryChoice *choice, const IgItem *item,
    const char **video, const char **audio)
{
  *video = *audio = NULL;
  if (choice->kind == IG_MEDIA_KIND_AUDIO) {
    *audio = choice->audio->codecs;
  } else if (choice->video != NULL) {
    *video = choice->video->codecs;
    *audio = choice->audio != NULL ? choice->audio->codecs : NULL;
  } else if (choice->kind == IG_MEDIA_KIND_AUTO
      && item->type == IG_MEDIA_VIDEO) {
    *video = "avc1";
    *audio = item->has_audio ? "mp4a.40.2" : NULL;
  }
}

/* GStreamer's description of @codecs ("AV1", "H.264 (High Profile)");
 * xHE-AAC has the caps of every AAC, so it says so itself. */
static char *
codec_description (const char *codecs)
{
  g_autoptr (GstCaps) caps = NULL;

  if (!ig_codec_is_usac (codecs)
      && (caps = gst_codec_utils_caps_from_mime_codec (codecs)) != NULL)
    return gst_pb_utils_get_codec_description (caps);
  return g_strdup (ig_codec_label (codecs));
}

static void
add_codec_tag (GstTagList *tags, const char *tag, const char *codecs)
{
  g_autofree char *description = NULL;

  if (codecs == NULL)
    return;
  description = codec_description (codecs);
  add_string (tags, tag, description);
}

void
gst_instagram_tags_add_codecs (GstTagList *tags, const IgDeliveryChoice *choice,
    const IgItem *item)
{
  const char *video, *audio;

  choice_codecs (choice, item, &video, &audio);
  add_codec_tag (tags, GST_TAG_VIDEO_CODEC, video);
  add_codec_tag (tags, GST_TAG_AUDIO_CODEC, audio);
}

/* Appends @s to the GstValueArray @array, taking it. */
static void
append_structure (GValue *array, GstStructure *s)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, GST_TYPE_STRUCTURE);
  g_value_take_boxed (&value, s);
  gst_value_array_append_and_take_value (array, &value);
}

/* Every video_versions entry, in the answer's order. */
static void
add_progressive_versions (GstStructure *s, const IgItem *item)
{
  GValue versions = G_VALUE_INIT;

  gst_value_array_init (&versions, item->videos->len);
  for (guint i = 0; i < item->videos->len; i++) {
    const IgVariant *v = g_ptr_array_index (item->videos, i);

    append_structure (&versions,
        gst_structure_new ("version", "id", G_TYPE_STRING, v->id, "width",
            G_TYPE_INT, v->width, "height", G_TYPE_INT, v->height, "bandwidth",
            G_TYPE_INT64, v->bandwidth, "type", G_TYPE_INT, v->type, NULL));
  }
  gst_structure_take_value (s, "progressive", &versions);
}

/* Every usable representation of the item's manifest, for quality menus
 * (empty when it has none or it cannot be read). */
static void
add_dash_representations (GstStructure *s, const IgItem *item)
{
  GValue reps = G_VALUE_INIT;
  GPtrArray *all;

  gst_value_array_init (&reps, 0);
  if (item->dash != NULL) {
    all = ig_dash_manifest_get_representations (item->dash);
    for (guint i = 0; i < all->len; i++) {
      const IgDashRepresentation *r = g_ptr_array_index (all, i);

      append_structure (&reps,
          gst_structure_new ("representation", "id", G_TYPE_STRING, r->id,
              "kind", G_TYPE_STRING,
              r->kind == IG_DASH_VIDEO ? "video" : "audio", "width", G_TYPE_INT,
              r->width, "height", G_TYPE_INT, r->height, "codecs",
              G_TYPE_STRING, r->codecs, "bandwidth", G_TYPE_INT64, r->bandwidth,
              NULL));
    }
  }
  gst_structure_take_value (s, "dash", &reps);
}

static GstStructure *
item_structure (const IgItem *item, guint index)
{
  GstStructure *s = gst_structure_new ("item", "index", G_TYPE_UINT, index,
      "type", G_TYPE_STRING, item->type == IG_MEDIA_VIDEO ? "video" : "image",
      "width", G_TYPE_INT, item->width, "height", G_TYPE_INT, item->height,
      "duration", G_TYPE_UINT64,
      item->duration > 0 ? (guint64) (item->duration * GST_SECOND)
                         : GST_CLOCK_TIME_NONE,
      NULL);

  /* a reel without sound has no audio pad in qtdemux, no audio
   * representation in DASH: scripts that link one read this first */
  if (item->type == IG_MEDIA_VIDEO)
    gst_structure_set (s, "has-audio", G_TYPE_BOOLEAN, item->has_audio, NULL);
  /* story items: unix seconds */
  if (item->taken_at > 0)
    gst_structure_set (s, "taken-at", G_TYPE_INT64, item->taken_at,
        "expiring-at", G_TYPE_INT64, item->expiring_at, NULL);
  /* listed to keep Instagram's numbering, but nothing to choose from */
  if (item->unusable != NULL)
    gst_structure_set (s, "unusable", G_TYPE_STRING, item->unusable, NULL);
  else if (item->type == IG_MEDIA_VIDEO) {
    add_progressive_versions (s, item);
    add_dash_representations (s, item);
  }
  return s;
}

/* What was streamed: "media-kind" video, image, audio or cover; "delivery"
 * dash (the manifest) or progressive (one file by Range, which the audio
 * and cover are too); "streamed-id" the version, representation or image
 * streamed. */
static const char *
kind_name (const IgDeliveryChoice *choice, const IgItem *item)
{
  if (choice->kind == IG_MEDIA_KIND_AUDIO)
    return "audio";
  if (choice->kind == IG_MEDIA_KIND_COVER)
    return "cover";
  return item->type == IG_MEDIA_VIDEO ? "video" : "image";
}

/* "video-codec", "audio-codec": the names video-codec takes ("av1") and
 * the like for audio ("xhe-aac"); the codecs string when unknown. */
static void
add_codec_field (GstStructure *s, const char *field, const char *codecs)
{
  const char *name = ig_codec_name (codecs);

  if (codecs != NULL)
    gst_structure_set (s, field, G_TYPE_STRING, name ? name : codecs, NULL);
}

static void
add_choice (GstStructure *s, const IgDeliveryChoice *choice, const IgItem *item)
{
  const char *id = choice->variant != NULL ? choice->variant->id
      : choice->video != NULL              ? choice->video->id
                                           : choice->audio->id;
  const char *video, *audio;

  gst_structure_set (s, "media-kind", G_TYPE_STRING, kind_name (choice, item),
      "delivery", G_TYPE_STRING, choice->video != NULL ? "dash" : "progressive",
      "streamed-id", G_TYPE_STRING, id, NULL);
  choice_codecs (choice, item, &video, &audio);
  add_codec_field (s, "video-codec", video);
  add_codec_field (s, "audio-codec", audio);
}

GstStructure *
gst_instagram_media_structure (const IgPost *post, guint streamed_index,
    const char *uri, const IgDeliveryChoice *choice)
{
  GValue items = G_VALUE_INIT;
  GstStructure *s;

  gst_value_array_init (&items, post->items->len);
  for (guint i = 0; i < post->items->len; i++)
    append_structure (&items,
        item_structure (g_ptr_array_index (post->items, i), i));
  s = gst_structure_new ("instagram-media", "uri", G_TYPE_STRING, uri,
      "shortcode", G_TYPE_STRING, post->shortcode, "pk", G_TYPE_UINT64,
      post->pk, "n-items", G_TYPE_UINT, post->items->len, "streamed-index",
      G_TYPE_UINT, streamed_index, NULL);
  add_choice (s, choice, g_ptr_array_index (post->items, streamed_index));
  /* which strategy and doc_id served it: what to report when one breaks */
  if (post->resolved_by != NULL)
    gst_structure_set (s, "resolved-by", G_TYPE_STRING, post->resolved_by,
        NULL);
  gst_structure_take_value (s, "items", &items);
  return s;
}
