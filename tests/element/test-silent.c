/* A reel without sound: it streams, and every video item of the
 * instagram-media message says has-audio, from each of Instagram's answer
 * shapes (REST through Polaris and the page, GraphQL through xdt and the
 * query_hash), so scripts know whether to link an audio branch.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <gst/check/gstcheck.h>

#include "fake-media.h"
#include "ig-test-utils.h"

#define W "https://www.instagram.com"
#define SILENT_URI W "/reel/" FAKE_SC_SILENT "/"

static FakeInstagram *fake;

/* Item @i of the message; "type" and, for videos, "has-audio". */
static const GstStructure *
item (const GstStructure *media, guint i)
{
  const GValue *items = gst_structure_get_value (media, "items");

  fail_unless (items != NULL && i < gst_value_array_get_size (items));
  return gst_value_get_structure (gst_value_array_get_value (items, i));
}

/* Item @i is a video whose has-audio is @expected. */
static void
assert_has_audio (const GstStructure *media, guint i, gboolean expected)
{
  const GstStructure *s = item (media, i);
  g_autofree char *text = gst_structure_to_string (s);
  gboolean has_audio = !expected;

  fail_unless_equals_string (gst_structure_get_string (s, "type"), "video");
  fail_unless (gst_structure_get_boolean (s, "has-audio", &has_audio),
      "no has-audio in %s", text);
  fail_unless (has_audio == expected, "has-audio %d in %s", has_audio, text);
}

GST_START_TEST (test_silent_reel_streams)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *path = ig_test_save (SILENT_URI, NULL, &run);

  ig_test_assert_eos (run);
  fail_unless (ig_test_files_equal (path,
      fake_instagram_get_media_path (fake, FAKE_MEDIA_SILENT)));
  fail_unless (run->media != NULL);
  assert_has_audio (run->media, 0, FALSE);
}
GST_END_TEST;

/* With DASH delivery the manifest has no audio AdaptationSet: it still
 * streams, as application/dash+xml. */
GST_START_TEST (test_silent_reel_dash)
{
  g_autoptr (IgTestRun) run = ig_test_run_launch (
      "instagramsrc uri=" SILENT_URI " delivery=dash ! fakesink", 30);
  const char *delivery;

  ig_test_assert_eos (run);
  delivery = gst_structure_get_string (run->media, "delivery");
  fail_unless_equals_string (delivery, "dash");
  assert_has_audio (run->media, 0, FALSE);
}
GST_END_TEST;

/* Both answer shapes carry has_audio, true and false. */
GST_START_TEST (test_has_audio_in_every_generation)
{
  static const guint generations[] = { FAKE_GEN_POLARIS, FAKE_GEN_PAGE,
    FAKE_GEN_XDT, FAKE_GEN_QUERY_HASH };

  for (guint g = 0; g < G_N_ELEMENTS (generations); g++) {
    static const struct
    {
      const char *uri;
      gboolean has_audio;
    } posts[] = {
      { SILENT_URI, FALSE },
      { W "/reel/" FAKE_SC_REEL "/", TRUE },
      { W "/p/" FAKE_SC_NONFASTSTART "/", FALSE },
    };

    fake_instagram_set_generation (fake, generations[g]);
    for (guint p = 0; p < G_N_ELEMENTS (posts); p++) {
      g_autofree char *launch = g_strdup_printf (
          "instagramsrc uri=%s num-buffers=1 ! fakesink", posts[p].uri);
      g_autoptr (IgTestRun) run = NULL;

      ig_test_fresh_cache ();
      run = ig_test_run_launch (launch, 30);
      ig_test_assert_eos (run);
      fail_unless (run->media != NULL, "generation %u: %s", generations[g],
          posts[p].uri);
      assert_has_audio (run->media, 0, posts[p].has_audio);
    }
  }
}
GST_END_TEST;

/* In a carousel only the videos have has-audio. */
GST_START_TEST (test_has_audio_only_on_videos)
{
  g_autoptr (IgTestRun) run = ig_test_run_launch (
      "instagramsrc uri=" W "/p/" FAKE_SC_CAROUSEL "/ num-buffers=1 "
      "! fakesink", 30);

  ig_test_assert_eos (run);
  fail_if (gst_structure_has_field (item (run->media, 0), "has-audio"));
  assert_has_audio (run->media, 1, TRUE);
  fail_if (gst_structure_has_field (item (run->media, 2), "has-audio"));
}
GST_END_TEST;

static Suite *
silent_suite (void)
{
  Suite *s = suite_create ("instagramsrc-silent");
  TCase *tc = tcase_create ("silent");

  suite_add_tcase (s, tc);
  ig_test_use_fake (tc, &fake);
  tcase_add_test (tc, test_silent_reel_streams);
  tcase_add_test (tc, test_silent_reel_dash);
  tcase_add_test (tc, test_has_audio_in_every_generation);
  tcase_add_test (tc, test_has_audio_only_on_videos);
  return s;
}

GST_CHECK_MAIN (silent);
