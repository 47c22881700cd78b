/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-delivery.h"

#include "ig-error.h"
#include "ig-media-reader.h"
#include "ig-quality.h"

void
ig_delivery_choice_clear (IgDeliveryChoice *choice)
{
  g_clear_pointer (&choice->manifest, g_bytes_unref);
  g_clear_pointer (&choice->note, g_free);
  *choice = (IgDeliveryChoice){ 0 };
}

static gint64
variant_area (const IgVariant *v)
{
  return v == NULL ? -1 : (gint64) v->width * v->height;
}

/* @video and the audio, from the item's manifest: chosen here, once. */
static void
use_dash (const IgItem *item, const IgDashRepresentation *video,
    IgDeliveryChoice *choice, const char *why)
{
  choice->dash = item->dash;
  choice->video = video;
  choice->audio = ig_dash_manifest_choose_audio (item->dash);
  choice->note = g_strdup_printf ("DASH %s %dx%d %s (%s)",
      video->id != NULL ? video->id : "?", video->width, video->height,
      video->codecs != NULL ? video->codecs : "?", why);
}

static gboolean
use_progressive (const IgItem *item, gint max_height, IgDeliveryChoice *choice,
    const char *why, GError **error)
{
  choice->variant = ig_item_choose (item, max_height, error);
  if (choice->variant == NULL)
    return FALSE;
  choice->note = g_strdup_printf ("progressive %dx%d (%s)",
      choice->variant->width, choice->variant->height, why);
  return TRUE;
}

gboolean
ig_delivery_choose (const IgItem *item, IgDelivery mode, gint max_height,
    IgVideoCodec codec, IgDeliveryChoice *choice, GError **error)
{
  const IgDashRepresentation *video;
  const IgVariant *progressive;

  *choice = (IgDeliveryChoice){ 0 };
  if (item->type != IG_MEDIA_VIDEO)
    return use_progressive (item, max_height, choice, "an image", error);
  if (mode == IG_DELIVERY_PROGRESSIVE && item->videos->len == 0
      && item->dash != NULL) {
    g_set_error (error, IG_ERROR, IG_ERROR_NO_MEDIA,
        "The video is only offered as DASH: set delivery=dash or auto");
    return FALSE;
  }
  if (mode == IG_DELIVERY_PROGRESSIVE)
    return use_progressive (item, max_height, choice, "delivery=progressive",
        error);
  if (item->dash == NULL)
    return use_progressive (item, max_height, choice,
        item->dash_error != NULL ? item->dash_error
                                 : "the item has no DASH manifest",
        error);
  /* a parsed manifest always has a video representation */
  video = ig_dash_manifest_choose_video (item->dash, max_height, codec);
  if (mode == IG_DELIVERY_DASH) {
    use_dash (item, video, choice, "delivery=dash");
    return TRUE;
  }
  progressive = ig_item_choose_video (item, max_height);
  if (variant_area (progressive) < (gint64) video->width * video->height) {
    use_dash (item, video, choice, "larger than every progressive file");
    return TRUE;
  }
  return use_progressive (item, max_height, choice,
      "no DASH representation is larger", error);
}

/* The segment index of @r, or NULL with @why set (or @error when
 * cancelled). */
static IgSidx *
fetch_index (const IgDashRepresentation *r, const char *user_agent,
    const IgHttpOptions *options, GCancellable *cancellable, char **why,
    GError **error)
{
  IgMediaReader *reader;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local = NULL;
  IgSidx *sidx = NULL;

  if (!r->has_index) {
    *why = g_strdup_printf ("%s has no SegmentBase index", r->id);
    return NULL;
  }
  reader = ig_media_reader_new (r->url, user_agent, 0, options);
  bytes = ig_media_reader_fetch_range (reader, r->index_first, r->index_last,
      cancellable, &local);
  ig_media_reader_free (reader);
  if (bytes != NULL)
    sidx = ig_sidx_parse (g_bytes_get_data (bytes, NULL),
        g_bytes_get_size (bytes), r->index_first, &local);
  if (sidx == NULL && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local));
  else if (sidx == NULL)
    *why = g_strdup (local->message);
  return sidx;
}

gboolean
ig_delivery_prepare_dash (IgDeliveryChoice *choice, const char *user_agent,
    const IgHttpOptions *options, GCancellable *cancellable, GError **error)
{
  g_autoptr (IgSidx) video_index = NULL;
  g_autoptr (IgSidx) audio_index = NULL;
  g_autofree char *video_why = NULL, *audio_why = NULL;
  char *note;

  if (choice->video == NULL || choice->manifest != NULL)
    return TRUE;
  video_index = fetch_index (choice->video, user_agent, options, cancellable,
      &video_why, error);
  if (video_index == NULL && video_why == NULL)
    return FALSE;
  if (choice->audio != NULL) {
    audio_index = fetch_index (choice->audio, user_agent, options, cancellable,
        &audio_why, error);
    if (audio_index == NULL && audio_why == NULL)
      return FALSE;
  }
  choice->manifest = ig_dash_manifest_render (choice->dash, choice->video,
      choice->audio, video_index, audio_index);
  note = g_strdup_printf ("%s; segment lists: video %s, audio %s", choice->note,
      video_why ? video_why : "yes",
      choice->audio == NULL ? "none"
          : audio_why       ? audio_why
                            : "yes");
  g_free (choice->note);
  choice->note = note;
  return TRUE;
}
