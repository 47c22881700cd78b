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
use_variant (const IgVariant *variant, IgDeliveryChoice *choice,
    const char *what, const char *why)
{
  choice->variant = variant;
  choice->url = variant->url;
  choice->note = g_strdup_printf ("%s %dx%d (%s)", what, variant->width,
      variant->height, why);
  return TRUE;
}

static gboolean
use_progressive (const IgItem *item, const IgSizeCap *cap,
    IgDeliveryChoice *choice, const char *why, GError **error)
{
  const IgVariant *variant = ig_item_choose (item, cap, error);

  return variant != NULL && use_variant (variant, choice, "progressive", why);
}

static gboolean
use_cover (const IgItem *item, const IgSizeCap *cap, IgDeliveryChoice *choice,
    GError **error)
{
  const IgVariant *cover = ig_item_choose_image (item, cap);

  if (cover == NULL) {
    g_set_error (error, IG_ERROR, IG_ERROR_NO_MEDIA,
        "The video has no cover image in Instagram's answer");
    return FALSE;
  }
  choice->kind = IG_MEDIA_KIND_COVER;
  return use_variant (cover, choice, "cover", "media-kind=cover");
}

/* Why @item has no separate audio file, or NULL when it has one. */
static const char *
no_audio_reason (const IgItem *item)
{
  if (item->type != IG_MEDIA_VIDEO)
    return "it is an image, without sound";
  if (item->dash == NULL)
    return item->dash_error != NULL
        ? item->dash_error
        : "Instagram sent no DASH manifest for it";
  if (ig_dash_manifest_choose_audio (item->dash) == NULL)
    return "its DASH manifest has no audio representation with an http(s) "
           "BaseURL";
  return NULL;
}

/* The DASH audio representation, streamed as its own file: a complete
 * fragmented MP4 (ftyp, moov, sidx, moof+mdat...), read like any
 * progressive file. */
static gboolean
use_audio (const IgItem *item, IgDeliveryChoice *choice, GError **error)
{
  const char *why = no_audio_reason (item);
  const IgDashRepresentation *audio;

  if (why != NULL)
    goto no_audio;
  audio = ig_dash_manifest_choose_audio (item->dash);
  choice->kind = IG_MEDIA_KIND_AUDIO;
  choice->dash = item->dash;
  choice->audio = audio;
  choice->url = audio->url;
  choice->note = g_strdup_printf ("audio %s %s (media-kind=audio)",
      audio->id != NULL ? audio->id : "?",
      audio->codecs != NULL ? audio->codecs : "?");
  return TRUE;

  /* ERRORS */
no_audio:
  g_set_error (error, IG_ERROR, IG_ERROR_NOT_FOUND,
      "The item has no separate audio to stream with media-kind=audio "
      "(%s)%s",
      why,
      item->type == IG_MEDIA_VIDEO
          ? ". Take the sound from the progressive MP4 instead "
            "(media-kind=auto delivery=progressive), through qtdemux: "
            "instagramsrc ! qtdemux name=d  d.audio_0 ! aacparse ! ..."
          : "");
  return FALSE;
}

gboolean
ig_delivery_choose (const IgItem *item, const IgDeliveryPrefs *prefs,
    IgDeliveryChoice *choice, GError **error)
{
  const IgSizeCap *cap = &prefs->cap;
  const IgDashRepresentation *video;
  const IgVariant *progressive;

  *choice = (IgDeliveryChoice){ 0 };
  if (prefs->kind == IG_MEDIA_KIND_AUDIO)
    return use_audio (item, choice, error);
  if (item->type != IG_MEDIA_VIDEO)
    return use_progressive (item, cap, choice, "an image", error);
  if (prefs->kind == IG_MEDIA_KIND_COVER)
    return use_cover (item, cap, choice, error);
  if (prefs->mode == IG_DELIVERY_PROGRESSIVE && item->videos->len == 0
      && item->dash != NULL) {
    g_set_error (error, IG_ERROR, IG_ERROR_NO_MEDIA,
        "The video is only offered as DASH: set delivery=dash or auto");
    return FALSE;
  }
  if (prefs->mode == IG_DELIVERY_PROGRESSIVE)
    return use_progressive (item, cap, choice, "delivery=progressive", error);
  if (item->dash == NULL)
    return use_progressive (item, cap, choice,
        item->dash_error != NULL ? item->dash_error
                                 : "the item has no DASH manifest",
        error);
  /* a parsed manifest always has a video representation */
  video = ig_dash_manifest_choose_video (item->dash, cap, prefs->codec);
  if (prefs->mode == IG_DELIVERY_DASH) {
    use_dash (item, video, choice, "delivery=dash");
    return TRUE;
  }
  progressive = ig_item_choose_video (item, cap);
  if (variant_area (progressive) < (gint64) video->width * video->height) {
    use_dash (item, video, choice, "larger than every progressive file");
    return TRUE;
  }
  return use_progressive (item, cap, choice,
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
