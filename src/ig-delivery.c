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
  g_clear_error (&choice->warning);
  *choice = (IgDeliveryChoice){ 0 };
}

static gint64
variant_area (const IgVariant *v)
{
  return v == NULL ? -1 : (gint64) v->width * v->height;
}

static gint64
rep_area (const IgDashRepresentation *r)
{
  return (gint64) r->width * r->height;
}

/* @video and @audio (may be NULL), from the item's manifest. */
static void
use_dash (const IgItem *item, const IgDashRepresentation *video,
    const IgDashRepresentation *audio, IgDeliveryChoice *choice,
    const char *why)
{
  choice->dash = item->dash;
  choice->video = video;
  choice->audio = audio;
  choice->note = g_strdup_printf ("DASH %s %dx%d %s, audio %s (%s)",
      video->id != NULL ? video->id : "?", video->width, video->height,
      video->codecs != NULL ? video->codecs : "?",
      audio == NULL               ? "none"
          : audio->codecs != NULL ? audio->codecs
                                  : "?",
      why);
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

/* ---- what this machine decodes ---------------------------------------- */

/* The best audio @prefs' decoders play, else the best: sound that needs
 * another decoder beats none (the warning says which). */
static const IgDashRepresentation *
best_audio (const IgItem *item, const IgDeliveryPrefs *prefs)
{
  const IgDashRepresentation *audio =
      ig_dash_manifest_choose_audio (item->dash, prefs->decoders);

  return audio != NULL ? audio
                       : ig_dash_manifest_choose_audio (item->dash, NULL);
}

/* At most a tenth fewer pixels: to the eye, the same picture. */
static gboolean
near_equal (const IgDashRepresentation *r, const IgDashRepresentation *best)
{
  return rep_area (r) * 10 >= rep_area (best) * 9;
}

/* delivery=dash keeps the best video asked for, unless a decodable one is
 * as large, or nearly, and of the codec asked for, if any. */
static const IgDashRepresentation *
dash_video (const IgItem *item, const IgDeliveryPrefs *prefs)
{
  const IgDashRepresentation *best = ig_dash_manifest_choose_video (item->dash,
      &prefs->cap, prefs->codec, NULL);
  const IgDashRepresentation *decodable =
      ig_dash_manifest_choose_video (item->dash, &prefs->cap, prefs->codec,
          prefs->decoders);

  if (decodable == NULL || !near_equal (decodable, best)
      || (prefs->codec != IG_CODEC_ANY && best->codec == prefs->codec
          && decodable->codec != prefs->codec))
    return best;
  return decodable;
}

/* "the DASH video is AV1 (av01.0.08M.08), which needs an AV1 decoder
 * (...)", appended when @r is not decodable here. */
static void
append_undecodable (GString *text, const IgDeliveryPrefs *prefs,
    const IgDashRepresentation *r, const char *what)
{
  if (r == NULL || ig_decoders_can_decode (prefs->decoders, r->codecs))
    return;
  g_string_append_printf (text, "%sthe %s is %s (%s), which needs %s",
      text->len > 0 ? "; " : "", what, ig_codec_label (r->codecs), r->codecs,
      ig_codec_remedy (r->codecs));
}

/* One warning for all that @choice hands out and nothing here decodes. */
static void
warn_undecodable (IgDeliveryChoice *choice, const IgDeliveryPrefs *prefs,
    const char *audio_what, const char *advice)
{
  g_autoptr (GString) text = g_string_new (NULL);

  append_undecodable (text, prefs, choice->video, "DASH video");
  append_undecodable (text, prefs, choice->audio, audio_what);
  if (text->len == 0)
    return;
  choice->warning = g_error_new (IG_ERROR, IG_ERROR_NO_DECODER,
      "No decoder here plays what instagramsrc streams: %s. %s", text->str,
      advice);
}

/* Why delivery=auto does not take DASH although it is larger, or NULL
 * when it can: its video or audio has no decoder here. */
static char *
undecodable_reason (const IgItem *item, const IgDeliveryPrefs *prefs,
    const IgDashRepresentation *video, const IgDashRepresentation *audio)
{
  const IgDashRepresentation *any = NULL;
  const char *what = "video";

  if (video == NULL) {
    any = ig_dash_manifest_choose_video (item->dash, &prefs->cap, prefs->codec,
        NULL);
  } else if (audio == NULL) {
    any = ig_dash_manifest_choose_audio (item->dash, NULL);
    what = "audio";
  }
  if (any == NULL)
    return NULL;
  return g_strdup_printf ("the DASH %s is %s (%s), which no decoder here "
                          "plays",
      what, ig_codec_label (any->codecs), any->codecs ? any->codecs : "?");
}

/* ---- the modes ------------------------------------------------------------ */

static gboolean
choose_dash (const IgItem *item, const IgDeliveryPrefs *prefs,
    IgDeliveryChoice *choice, const char *why)
{
  use_dash (item, dash_video (item, prefs), best_audio (item, prefs), choice,
      why);
  warn_undecodable (choice, prefs, "DASH audio",
      "delivery=auto picks what this machine plays");
  return TRUE;
}

static gboolean
choose_auto (const IgItem *item, const IgDeliveryPrefs *prefs,
    IgDeliveryChoice *choice, GError **error)
{
  const IgDashRepresentation *video = ig_dash_manifest_choose_video (item->dash,
      &prefs->cap, prefs->codec, prefs->decoders);
  const IgDashRepresentation *audio =
      ig_dash_manifest_choose_audio (item->dash, prefs->decoders);
  g_autofree char *why = undecodable_reason (item, prefs, video, audio);
  const IgVariant *progressive = ig_item_choose_video (item, &prefs->cap);

  if (progressive == NULL) /* DASH only: what it has, said if undecodable */
    return choose_dash (item, prefs, choice, "there is no progressive file");
  if (why != NULL)
    return use_progressive (item, &prefs->cap, choice, why, error);
  if (variant_area (progressive) >= rep_area (video))
    return use_progressive (item, &prefs->cap, choice,
        "no decodable DASH representation is larger", error);
  use_dash (item, video, audio, choice,
      "larger than every progressive file, and decodable here");
  return TRUE;
}

/* Why @item has no separate audio file, or NULL when it has one. */
static const char *
no_audio_reason (const IgItem *item)
{
  if (item->type != IG_MEDIA_VIDEO)
    return "it is an image, without sound";
  if (item->dash == NULL)
    return item->dash_error != NULL ? item->dash_error
                                    : "Instagram sent no DASH manifest for it";
  if (ig_dash_manifest_choose_audio (item->dash, NULL) == NULL)
    return "its DASH manifest has no audio representation with an http(s) "
           "BaseURL";
  return NULL;
}

/* The DASH audio representation, streamed as its own file: a complete
 * fragmented MP4 (ftyp, moov, sidx, moof+mdat...), read like any
 * progressive file, byte for byte. */
static gboolean
use_audio (const IgItem *item, const IgDeliveryPrefs *prefs,
    IgDeliveryChoice *choice, GError **error)
{
  const char *why = no_audio_reason (item);
  const IgDashRepresentation *audio;

  if (why != NULL)
    goto no_audio;
  audio = best_audio (item, prefs);
  choice->kind = IG_MEDIA_KIND_AUDIO;
  choice->dash = item->dash;
  choice->audio = audio;
  choice->url = audio->url;
  choice->note = g_strdup_printf ("audio %s %s (media-kind=audio)",
      audio->id != NULL ? audio->id : "?",
      audio->codecs != NULL ? audio->codecs : "?");
  warn_undecodable (choice, prefs, "audio file",
      "The progressive MP4 carries the same sound as AAC: take it with "
      "delivery=progressive through qtdemux (the README's recipe "
      "audio-aac)");
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

  *choice = (IgDeliveryChoice){ 0 };
  if (prefs->kind == IG_MEDIA_KIND_AUDIO)
    return use_audio (item, prefs, choice, error);
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
  if (prefs->mode == IG_DELIVERY_DASH)
    return choose_dash (item, prefs, choice, "delivery=dash");
  return choose_auto (item, prefs, choice, error);
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
