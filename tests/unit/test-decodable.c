/* Unit tests: what delivery chooses on machines that decode different
 * things (the decoder lookup injected, as the element injects GStreamer's
 * registry), on Instagram's 2026 manifests: AV1 video, xHE-AAC audio.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <string.h>

#include "ig-delivery.h"
#include "ig-error.h"

/* Decodes what none of the @data prefixes (NULL-terminated) start. */
static gboolean
decodes_all_but (gpointer data, const char *codecs)
{
  const char *const *missing = data;

  for (guint i = 0; missing != NULL && missing[i] != NULL; i++) {
    if (g_str_has_prefix (codecs, missing[i]))
      return FALSE;
  }
  return TRUE;
}

static const char *const no_av1_usac[] = { "av01", "mp4a.40.42", NULL };
/* Debian 12: av1dec (libaom) is there, FFmpeg 5.1 has no USAC */
static const char *const no_usac[] = { "mp4a.40.42", NULL };

static const IgDecoders every_decoder = { decodes_all_but, NULL };
static const IgDecoders without_av1_usac = { decodes_all_but,
  (gpointer) no_av1_usac };
static const IgDecoders without_usac = { decodes_all_but, (gpointer) no_usac };

/* A reel: one progressive 720x1280 file (Instagram's cap in 2026) and the
 * manifest @file. */
static IgItem *
reel (const char *file)
{
  g_autofree char *path = g_build_filename (IG_TEST_DATA_DIR, file, NULL);
  g_autofree char *xml = NULL;
  IgItem *item = g_new0 (IgItem, 1);
  IgVariant *prog = g_new0 (IgVariant, 1);

  g_assert_true (g_file_get_contents (path, &xml, NULL, NULL));
  item->type = IG_MEDIA_VIDEO;
  item->has_audio = TRUE;
  item->videos =
      g_ptr_array_new_with_free_func ((GDestroyNotify) ig_variant_free);
  item->images =
      g_ptr_array_new_with_free_func ((GDestroyNotify) ig_variant_free);
  prog->url = g_strdup ("https://cdn.example/prog-720.mp4");
  prog->width = 720;
  prog->height = 1280;
  g_ptr_array_add (item->videos, prog);
  ig_item_set_dash (item, xml);
  g_assert_nonnull (item->dash);
  return item;
}

typedef struct
{
  IgDelivery mode;
  IgMediaKind kind;
  IgVideoCodec codec;
  const IgDecoders *decoders;
} Setup;

/* The choice under @setup: "progressive", or "VIDEO+AUDIO" ids for DASH,
 * or "audio:ID"; the warning's text in @warning (NULL when none). */
static char *
choose (IgItem *item, const Setup *setup, char **warning)
{
  IgDeliveryPrefs prefs = { .mode = setup->mode,
    .kind = setup->kind,
    .codec = setup->codec,
    .decoders = setup->decoders };
  IgDeliveryChoice choice;
  g_autoptr (GError) error = NULL;
  char *what;

  g_assert_true (ig_delivery_choose (item, &prefs, &choice, &error));
  g_assert_no_error (error);
  g_test_message ("%s", choice.note);
  g_assert_true (choice.warning == NULL
      || g_error_matches (choice.warning, IG_ERROR, IG_ERROR_NO_DECODER));
  *warning = choice.warning ? g_strdup (choice.warning->message) : NULL;
  if (choice.kind == IG_MEDIA_KIND_AUDIO)
    what = g_strconcat ("audio:", choice.audio->id, NULL);
  else if (choice.video != NULL)
    what = g_strconcat (choice.video->id, "+",
        choice.audio ? choice.audio->id : "none", NULL);
  else
    what = g_strdup ("progressive");
  ig_delivery_choice_clear (&choice);
  return what;
}

static void
assert_choice (IgItem *item, const Setup *setup, const char *expect,
    const char *const *warning_parts)
{
  g_autofree char *warning = NULL;
  g_autofree char *what = choose (item, setup, &warning);

  g_assert_cmpstr (what, ==, expect);
  if (warning_parts == NULL) {
    g_assert_null (warning);
    return;
  }
  g_assert_nonnull (warning);
  g_test_message ("warning: %s", warning);
  for (guint i = 0; warning_parts[i] != NULL; i++)
    g_assert_nonnull (strstr (warning, warning_parts[i]));
}

/* With every decoder, the 2026 reel is its 1080p AV1 and its xHE-AAC in
 * auto and dash, without a word. */
static void
test_every_decoder (void)
{
  IgItem *item = reel ("dash-2026-av1.mpd");
  Setup s = { IG_DELIVERY_AUTO, IG_MEDIA_KIND_AUTO, IG_CODEC_ANY,
    &every_decoder };

  assert_choice (item, &s, "av1-1080+xhe-hi", NULL);
  s.mode = IG_DELIVERY_DASH;
  assert_choice (item, &s, "av1-1080+xhe-hi", NULL);
  s.kind = IG_MEDIA_KIND_AUDIO;
  assert_choice (item, &s, "audio:xhe-hi", NULL);
  /* no lookup at all: everything decodes */
  s.decoders = NULL;
  s.kind = IG_MEDIA_KIND_AUTO;
  s.mode = IG_DELIVERY_AUTO;
  assert_choice (item, &s, "av1-1080+xhe-hi", NULL);
  ig_item_free (item);
}

/* Without AV1 and USAC decoders: auto is the progressive file; dash hands
 * out what was asked, with one warning naming both codecs and their
 * decoders; audio hands out the xHE-AAC file and names the AAC track. */
static void
test_no_av1_no_usac (void)
{
  static const char *const both[] = { "AV1 (av01.0.08M.08)", "av1dec",
    "xHE-AAC (USAC) (mp4a.40.42)", "FFmpeg 7.1", "fdkaacdec", "delivery=auto",
    NULL };
  static const char *const audio[] = { "the audio file is xHE-AAC",
    "FFmpeg 7.1", "qtdemux", "audio-aac", NULL };
  IgItem *item = reel ("dash-2026-av1.mpd");
  Setup s = { IG_DELIVERY_AUTO, IG_MEDIA_KIND_AUTO, IG_CODEC_ANY,
    &without_av1_usac };
  g_autofree char *warning = NULL;
  g_autofree char *what = NULL;

  assert_choice (item, &s, "progressive", NULL);
  s.mode = IG_DELIVERY_DASH;
  assert_choice (item, &s, "av1-1080+xhe-hi", both);
  s.kind = IG_MEDIA_KIND_AUDIO;
  assert_choice (item, &s, "audio:xhe-hi", audio);
  /* the warning says each codec once */
  s.kind = IG_MEDIA_KIND_AUTO;
  what = choose (item, &s, &warning);
  g_assert_null (strstr (strstr (warning, "av01") + 1, "av01"));
  ig_item_free (item);
}

/* Debian 12: AV1 decodes, USAC does not. auto is still progressive (a
 * picture without sound is no choice); dash warns of the audio only. */
static void
test_debian12 (void)
{
  static const char *const audio_only[] = { "the DASH audio is xHE-AAC", NULL };
  IgItem *item = reel ("dash-2026-av1.mpd");
  Setup s = { IG_DELIVERY_AUTO, IG_MEDIA_KIND_AUTO, IG_CODEC_ANY,
    &without_usac };
  g_autofree char *warning = NULL;
  g_autofree char *what = NULL;

  assert_choice (item, &s, "progressive", NULL);
  s.mode = IG_DELIVERY_DASH;
  assert_choice (item, &s, "av1-1080+xhe-hi", audio_only);
  what = choose (item, &s, &warning);
  g_assert_null (strstr (warning, "DASH video"));
  ig_item_free (item);
}

/* dash prefers a decodable video of near-equal size (VP9 1080x1800 has
 * 15/16 of AV1 1080x1920's pixels) and decodable audio of any bandwidth;
 * not a much smaller one; and not when the user asked for AV1. */
static void
test_near_equal (void)
{
  static const char *const video_only[] = { "the DASH video is AV1", NULL };
  IgItem *item = reel ("dash-2026-mixed.mpd");
  Setup s = { IG_DELIVERY_DASH, IG_MEDIA_KIND_AUTO, IG_CODEC_ANY,
    &without_av1_usac };

  assert_choice (item, &s, "vp9-1800+aac-lc", NULL);
  s.mode = IG_DELIVERY_AUTO;
  assert_choice (item, &s, "vp9-1800+aac-lc", NULL);
  s.mode = IG_DELIVERY_DASH;
  s.codec = IG_CODEC_AV1;
  assert_choice (item, &s, "av1-1080+aac-lc", video_only);
  s.codec = IG_CODEC_ANY;
  s.decoders = &every_decoder;
  assert_choice (item, &s, "av1-1080+xhe-hi", NULL);
  ig_item_free (item);
}

/* A 1080x1920 AV1 beside a decodable H.264 of 720x1280 only: dash keeps
 * the AV1 (and says so); auto takes the H.264 only if larger than the
 * progressive file, which it is not. */
static void
test_much_smaller (void)
{
  static const char *const video[] = { "AV1", NULL };
  const char *const no_av1_vp9[] = { "av01", "vp09", "mp4a.40.42", NULL };
  IgDecoders h264_only = { decodes_all_but, (gpointer) no_av1_vp9 };
  IgItem *item = reel ("dash-2026-mixed.mpd");
  Setup s = { IG_DELIVERY_DASH, IG_MEDIA_KIND_AUTO, IG_CODEC_ANY, &h264_only };

  assert_choice (item, &s, "av1-1080+aac-lc", video);
  s.mode = IG_DELIVERY_AUTO;
  assert_choice (item, &s, "progressive", NULL);
  ig_item_free (item);
}

/* The codec table behind the names and the warnings. */
static void
test_codec_names (void)
{
  g_assert_cmpstr (ig_codec_name ("av01.0.08M.08"), ==, "av1");
  g_assert_cmpstr (ig_codec_name ("vp09.00.21.08"), ==, "vp9");
  g_assert_cmpstr (ig_codec_name ("avc1.64001f"), ==, "h264");
  g_assert_cmpstr (ig_codec_name ("mp4a.40.42"), ==, "xhe-aac");
  g_assert_cmpstr (ig_codec_name ("mp4a.40.2"), ==, "aac");
  g_assert_cmpstr (ig_codec_name ("mp4a.40.29"), ==, "he-aac-v2");
  g_assert_cmpstr (ig_codec_name ("mp4a.40.5"), ==, "he-aac");
  g_assert_null (ig_codec_name ("av011"));
  g_assert_null (ig_codec_name (NULL));
  g_assert_true (ig_codec_is_usac ("MP4A.40.42"));
  g_assert_false (ig_codec_is_usac ("mp4a.40.2"));
  g_assert_cmpstr (ig_codec_label ("xyz1"), ==, "xyz1");
  g_assert_cmpint (ig_video_codec_from_codecs ("av01.0.04M.08"), ==,
      IG_CODEC_AV1);
  g_assert_cmpstr (ig_video_codec_to_string (IG_CODEC_AV1), ==, "av1");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/decodable/every-decoder", test_every_decoder);
  g_test_add_func ("/decodable/no-av1-no-usac", test_no_av1_no_usac);
  g_test_add_func ("/decodable/debian12", test_debian12);
  g_test_add_func ("/decodable/near-equal", test_near_equal);
  g_test_add_func ("/decodable/much-smaller", test_much_smaller);
  g_test_add_func ("/decodable/codec-names", test_codec_names);
  return g_test_run ();
}
