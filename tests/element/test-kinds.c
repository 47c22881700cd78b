/* max-resolution (the shorter side) and media-kind (audio, cover) against
 * the fake Instagram's portrait reel, its DASH reel, an image post, a
 * video without a manifest and manifests with hostile audio BaseURLs.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <gst/base/gsttypefindhelper.h>
#include <gst/check/gstcheck.h>
#include <string.h>

#include "fake-media.h"
#include "ig-test-utils.h"

#define PORTRAIT_URI "https://www.instagram.com/reel/" FAKE_SC_PORTRAIT "/"
#define DASH_URI "https://www.instagram.com/reel/" FAKE_SC_DASH "/"
#define IMAGE_URI "https://www.instagram.com/p/" FAKE_SC_IMAGE "/"
#define VIDEO_URI "https://www.instagram.com/p/" FAKE_SC_VIDEO "/"

static FakeInstagram *fake;

/* GET requests the fake CDN answered for @media. */
static guint
cdn_gets (const char *media)
{
  g_autofree char *path = g_strconcat ("/cdn/", media, NULL);

  return fake_instagram_count (fake, "GET", path);
}

/* Saves @uri with @props and asserts it is @media byte for byte. */
static IgTestRun *
assert_saves (const char *uri, const char *props, const char *media)
{
  IgTestRun *run = NULL;
  g_autofree char *path = ig_test_save (uri, props, &run);

  ig_test_assert_eos (run);
  fail_unless (ig_test_files_equal (path,
                   fake_instagram_get_media_path (fake, media)),
      "%s %s is not %s", uri, props, media);
  return run;
}

static void
assert_streamed (IgTestRun *run, const char *kind, const char *delivery,
    const char *id)
{
  fail_unless (run->media != NULL);
  fail_unless_equals_string (gst_structure_get_string (run->media,
                                 "media-kind"),
      kind);
  fail_unless_equals_string (gst_structure_get_string (run->media,
                                 "delivery"),
      delivery);
  if (id != NULL)
    fail_unless_equals_string (gst_structure_get_string (run->media,
                                   "streamed-id"),
        id);
}

/* ---- max-resolution ------------------------------------------------------ */

/* "720p" of a 1080x1920 reel is its 720x1280 file: the shorter side. */
GST_START_TEST (test_max_resolution_progressive)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autoptr (IgTestRun) tall = NULL;
  g_autoptr (IgTestRun) best = NULL;

  run = assert_saves (PORTRAIT_URI, "max-resolution=720",
      FAKE_MEDIA_PORTRAIT_720);
  assert_streamed (run, "video", "progressive", "1707346100001v");
  fail_unless_equals_int (cdn_gets (FAKE_MEDIA_PORTRAIT_1080), 0);
  /* max-height keeps its literal meaning: 854 <= 900 < 1280 */
  tall = assert_saves (PORTRAIT_URI, "max-height=900", FAKE_MEDIA_PORTRAIT_480);
  /* unset, the largest */
  best = assert_saves (PORTRAIT_URI, "", FAKE_MEDIA_PORTRAIT_1080);
  assert_streamed (best, "video", "progressive", "1707346200108v");
}
GST_END_TEST;

/* Both set: both apply (720x1280 fits 720p but is taller than 1000). */
GST_START_TEST (test_max_resolution_and_height)
{
  g_autoptr (IgTestRun) run = assert_saves (PORTRAIT_URI,
      "max-resolution=720 max-height=1000", FAKE_MEDIA_PORTRAIT_480);

  fail_unless_equals_int (cdn_gets (FAKE_MEDIA_PORTRAIT_720), 0);
}
GST_END_TEST;

/* delivery=dash max-resolution=720 plays the 720p representation: the CDN
 * never sends a byte of the 1080p ones. */
GST_START_TEST (test_max_resolution_dash)
{
  g_autoptr (IgTestRun) run = ig_test_run_launch (
      "instagramsrc uri=" PORTRAIT_URI
      " delivery=dash max-resolution=720 ! decodebin ! fakesink",
      60);

  ig_test_assert_eos (run);
  assert_streamed (run, "video", "dash", FAKE_DASH_ID_V720);
  fail_unless (cdn_gets (FAKE_MEDIA_DASH_V720) >= 1);
  fail_unless (cdn_gets (FAKE_MEDIA_DASH_AUDIO) >= 1);
  fail_unless_equals_int (cdn_gets (FAKE_MEDIA_DASH_V1080), 0);
  fail_unless_equals_int (cdn_gets (FAKE_MEDIA_DASH_VP9_1080), 0);
  fail_unless_equals_int (cdn_gets (FAKE_MEDIA_PORTRAIT_1080), 0);
}
GST_END_TEST;

/* ---- media-kind=audio -------------------------------------------------- */

/* Every byte pushed by "instagramsrc @props ! fakesink", with the caps. */
typedef struct
{
  GString *bytes;
  GstCaps *caps;
} Pulled;

static void
on_handoff (GstElement *sink, GstBuffer *buf, GstPad *pad, Pulled *pulled)
{
  GstMapInfo map;

  if (pulled->caps == NULL)
    pulled->caps = gst_pad_get_current_caps (pad);
  gst_buffer_map (buf, &map, GST_MAP_READ);
  g_string_append_len (pulled->bytes, (const char *) map.data, map.size);
  gst_buffer_unmap (buf, &map);
}

static IgTestRun *
pull (const char *uri, const char *props, Pulled *pulled)
{
  g_autofree char *launch = g_strdup_printf (
      "instagramsrc uri=%s %s ! fakesink name=s signal-handoffs=true", uri,
      props);
  GstElement *pipeline = gst_parse_launch (launch, NULL);
  GstElement *sink = gst_bin_get_by_name (GST_BIN (pipeline), "s");
  IgTestRun *run;

  pulled->bytes = g_string_new (NULL);
  pulled->caps = NULL;
  g_signal_connect (sink, "handoff", G_CALLBACK (on_handoff), pulled);
  run = ig_test_run (pipeline, 60);
  gst_object_unref (sink);
  gst_object_unref (pipeline);
  return run;
}

static void
pulled_clear (Pulled *pulled)
{
  g_string_free (pulled->bytes, TRUE);
  gst_clear_caps (&pulled->caps);
}

/* The DASH audio file byte for byte, with the caps GStreamer's typefinder
 * gives that file, the post's tags, and nothing else fetched. */
GST_START_TEST (test_audio_bytes_and_caps)
{
  const char *path = fake_instagram_get_media_path (fake, FAKE_MEDIA_DASH_AUDIO);
  g_autofree char *file = NULL;
  gsize size = 0;
  g_autoptr (GstCaps) found = NULL;
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *artist = NULL;
  guint64 duration = 0;
  Pulled pulled;

  fail_unless (g_file_get_contents (path, &file, &size, NULL));
  {
    g_autoptr (GstBuffer) buf = gst_buffer_new_wrapped (g_memdup2 (file, size),
        size);

    found = gst_type_find_helper_for_buffer (NULL, buf, NULL);
  }
  fail_unless (found != NULL);
  run = pull (PORTRAIT_URI, "media-kind=audio", &pulled);
  ig_test_assert_eos (run);
  fail_unless_equals_uint64 (pulled.bytes->len, size);
  fail_unless (memcmp (pulled.bytes->str, file, size) == 0);
  fail_unless (pulled.caps != NULL);
  GST_INFO ("caps %" GST_PTR_FORMAT ", typefinder %" GST_PTR_FORMAT,
      pulled.caps, found);
  fail_unless (gst_caps_is_equal (pulled.caps, found), "%" GST_PTR_FORMAT,
      pulled.caps);
  assert_streamed (run, "audio", "progressive", FAKE_DASH_ID_AUDIO);
  fail_unless (gst_tag_list_get_string (run->tags, GST_TAG_ARTIST, &artist));
  fail_unless_equals_string (artist, FAKE_DASH_OWNER);
  fail_unless (gst_tag_list_get_uint64 (run->tags, GST_TAG_DURATION,
      &duration));
  fail_unless_equals_uint64 (duration, 4 * GST_SECOND);
  /* the audio file, and only it */
  fail_unless_equals_int (fake_instagram_count (fake, NULL, "/cdn/"),
      cdn_gets (FAKE_MEDIA_DASH_AUDIO));
  pulled_clear (&pulled);
}
GST_END_TEST;

typedef struct
{
  GstClockTime first; /* PTS of the first buffer */
  GstClockTime end; /* the largest PTS + duration */
  guint buffers;
} Span;

static GstPadProbeReturn
on_buffer (GstPad *pad, GstPadProbeInfo *info, gpointer data)
{
  Span *span = data;
  GstBuffer *buf = GST_PAD_PROBE_INFO_BUFFER (info);
  GstClockTime pts = GST_BUFFER_PTS (buf);

  if (span->buffers++ == 0)
    span->first = pts;
  if (GST_CLOCK_TIME_IS_VALID (pts) && GST_BUFFER_DURATION_IS_VALID (buf))
    span->end = MAX (span->end, pts + GST_BUFFER_DURATION (buf));
  return GST_PAD_PROBE_OK;
}

static GstElement *
audio_pipeline (const char *tail, Span *span)
{
  g_autofree char *launch = g_strdup_printf ("instagramsrc uri=" PORTRAIT_URI
                                             " media-kind=audio ! %s "
                                             "! fakesink name=s sync=false",
      tail);
  GstElement *pipeline = gst_parse_launch (launch, NULL);
  GstElement *sink = gst_bin_get_by_name (GST_BIN (pipeline), "s");
  g_autoptr (GstPad) pad = gst_element_get_static_pad (sink, "sink");

  *span = (Span){ GST_CLOCK_TIME_NONE, 0, 0 };
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, on_buffer, span, NULL);
  gst_object_unref (sink);
  return pipeline;
}

/* Decoded, the audio file is the reel's 4 s of sound. */
GST_START_TEST (test_audio_decodes_to_duration)
{
  Span span;
  GstElement *pipeline =
      audio_pipeline ("qtdemux ! decodebin ! audioconvert", &span);
  g_autoptr (IgTestRun) run = ig_test_run (pipeline, 60);
  const GstClockTime reel = FAKE_MEDIA_DASH_AUDIO_DURATION_MS * GST_MSECOND;

  ig_test_assert_eos (run);
  gst_object_unref (pipeline);
  GST_INFO ("%u buffers, %" GST_TIME_FORMAT " to %" GST_TIME_FORMAT,
      span.buffers, GST_TIME_ARGS (span.first), GST_TIME_ARGS (span.end));
  fail_unless (span.buffers > 0);
  /* AAC frames are 23 ms: the end is within two of the reel's duration */
  fail_unless (span.end + 50 * GST_MSECOND > reel
          && span.end < reel + 50 * GST_MSECOND,
      "decoded to %" GST_TIME_FORMAT, GST_TIME_ARGS (span.end));
}
GST_END_TEST;

/* A seek in the audio file, by byte, as souphttpsrc's: one Range request
 * from the offset, and every byte from there on. (qtdemux itself ignores
 * TIME seeks on a fragmented MP4 in push mode, "ignoring seek in push mode
 * in current state", whatever the source: players cannot seek in it; the
 * DASH manifest can.) */
GST_START_TEST (test_audio_seeks)
{
  const char *path = fake_instagram_get_media_path (fake, FAKE_MEDIA_DASH_AUDIO);
  g_autofree char *file = NULL;
  g_autofree char *range = NULL;
  g_autoptr (GPtrArray) log = NULL;
  GstElement *pipeline, *sink;
  gsize size = 0;
  guint64 offset;
  gboolean ranged = FALSE;
  Pulled pulled = { g_string_new (NULL), NULL };
  GstMessage *msg;

  fail_unless (g_file_get_contents (path, &file, &size, NULL));
  offset = size / 2;
  pipeline = gst_parse_launch ("instagramsrc uri=" PORTRAIT_URI
                               " media-kind=audio blocksize=4096 ! fakesink "
                               "name=s signal-handoffs=true sync=false",
      NULL);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "s");
  g_signal_connect (sink, "handoff", G_CALLBACK (on_handoff), &pulled);
  gst_element_set_state (pipeline, GST_STATE_PAUSED);
  ig_test_wait_async_done (pipeline);
  g_string_truncate (pulled.bytes, 0);
  fail_unless (gst_element_seek_simple (pipeline, GST_FORMAT_BYTES,
      GST_SEEK_FLAG_FLUSH, (gint64) offset));
  ig_test_wait_async_done (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  msg = gst_bus_timed_pop_filtered (GST_ELEMENT_BUS (pipeline),
      30 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  fail_unless (msg != NULL && GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS);
  gst_message_unref (msg);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (sink);
  gst_object_unref (pipeline);
  /* the bytes from the offset to the end, exactly */
  fail_unless_equals_uint64 (pulled.bytes->len, size - offset);
  fail_unless (memcmp (pulled.bytes->str, file + offset, size - offset) == 0);
  range = g_strdup_printf ("bytes=%" G_GUINT64_FORMAT "-", offset);
  log = fake_instagram_dup_log (fake);
  for (guint i = 0; i < log->len; i++) {
    FakeRequest *req = g_ptr_array_index (log, i);

    if (g_str_has_suffix (req->path, FAKE_MEDIA_DASH_AUDIO))
      ranged |= g_strcmp0 (req->range, range) == 0;
  }
  fail_unless (ranged, "no %s request", range);
  pulled_clear (&pulled);
}
GST_END_TEST;

/* The audio file is resumed and renewed like any progressive file: a drop
 * at 20000 bytes, resumed after its URL expired: 403, the post resolved
 * again (the same choice), and the rest from the same byte. */
GST_START_TEST (test_audio_resumed_and_renewed)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autoptr (GPtrArray) log = NULL;
  guint refused = 0, resumed = 0;

  fake_instagram_set_cdn_expiry (fake, 1);
  fake_instagram_set_cdn_drop (fake, 20000, 1);
  fake_instagram_set_stall_ms (fake, "/cdn/", 2500);
  run = assert_saves (PORTRAIT_URI, "media-kind=audio", FAKE_MEDIA_DASH_AUDIO);
  fail_unless_equals_int (fake_instagram_count (fake, "POST", "/api/graphql"),
      2);
  log = fake_instagram_dup_log (fake);
  for (guint i = 0; i < log->len; i++) {
    FakeRequest *req = g_ptr_array_index (log, i);

    if (!g_str_has_suffix (req->path, FAKE_MEDIA_DASH_AUDIO))
      continue;
    refused += req->status == 403;
    resumed += req->status == 206 && g_strcmp0 (req->range, "bytes=20000-") == 0;
  }
  fail_unless_equals_int (refused, 1);
  fail_unless_equals_int (resumed, 1);
}
GST_END_TEST;

/* No separate audio: a NOT_FOUND error that says so and what to do. */
static void
assert_no_audio (const char *uri, const char *why)
{
  g_autofree char *launch = g_strdup_printf (
      "instagramsrc uri=%s media-kind=audio ! fakesink", uri);
  g_autoptr (IgTestRun) run = ig_test_run_launch (launch, 60);

  ig_test_assert_error (run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_FOUND,
      "has no separate audio");
  ig_test_assert_error (run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_FOUND,
      why);
  /* never a request to the CDN (nor anywhere else than the API) */
  fail_unless_equals_int (fake_instagram_count (fake, NULL, "/cdn/"), 0);
}

GST_START_TEST (test_audio_of_image_not_found)
{
  assert_no_audio (IMAGE_URI, "it is an image");
}
GST_END_TEST;

GST_START_TEST (test_audio_without_manifest_not_found)
{
  assert_no_audio (VIDEO_URI, "qtdemux");
}
GST_END_TEST;

/* A relative, a file:// and a missing audio BaseURL: the same clear error,
 * and no request for the file anywhere, not even on the fake's own host. */
GST_START_TEST (test_audio_hostile_base_url)
{
  static const char *const codes[] = { FAKE_SC_AUDIO_RELATIVE,
    FAKE_SC_AUDIO_FILE, FAKE_SC_AUDIO_MISSING };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++) {
    g_autofree char *uri =
        g_strdup_printf ("https://www.instagram.com/reel/%s/", codes[i]);
    g_autoptr (GPtrArray) log = NULL;

    fake_instagram_reset_log (fake);
    assert_no_audio (uri, "no audio representation with an http(s) BaseURL");
    log = fake_instagram_dup_log (fake);
    for (guint j = 0; j < log->len; j++) {
      FakeRequest *req = g_ptr_array_index (log, j);

      fail_if (strstr (req->path, "dash-audio") != NULL
              || strstr (req->path, "hostname") != NULL,
          "%s: %s", codes[i], req->path);
    }
    fail_unless (ig_test_api_requests (fake) > 0);
  }
}
GST_END_TEST;

/* ---- media-kind=cover -------------------------------------------------- */

GST_START_TEST (test_cover)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autoptr (IgTestRun) small = NULL;
  g_autoptr (IgTestRun) image = NULL;
  Pulled pulled;

  /* the largest cover, not the first listed, as image/jpeg */
  run = pull (PORTRAIT_URI, "media-kind=cover", &pulled);
  ig_test_assert_eos (run);
  {
    g_autofree char *file = NULL;
    gsize size = 0;

    fail_unless (g_file_get_contents (fake_instagram_get_media_path (fake,
                                          FAKE_MEDIA_PORTRAIT_COVER),
        &file, &size, NULL));
    fail_unless_equals_uint64 (pulled.bytes->len, size);
    fail_unless (memcmp (pulled.bytes->str, file, size) == 0);
  }
  fail_unless (pulled.caps != NULL);
  fail_unless (gst_structure_has_name (gst_caps_get_structure (pulled.caps, 0),
      "image/jpeg"));
  assert_streamed (run, "cover", "progressive", NULL);
  pulled_clear (&pulled);
  /* within max-resolution */
  small = assert_saves (PORTRAIT_URI, "media-kind=cover max-resolution=720",
      FAKE_MEDIA_PORTRAIT_COVER_720);
  /* an image item: the image */
  image = assert_saves (IMAGE_URI, "media-kind=cover", FAKE_MEDIA_IMAGE_LARGE);
  assert_streamed (image, "image", "progressive", NULL);
}
GST_END_TEST;

static Suite *
kinds_suite (void)
{
  Suite *s = suite_create ("instagramsrc-kinds");
  TCase *tc = tcase_create ("kinds");

  ig_test_use_fake (tc, &fake);
  tcase_set_timeout (tc, 120);
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_max_resolution_progressive);
  tcase_add_test (tc, test_max_resolution_and_height);
  tcase_add_test (tc, test_max_resolution_dash);
  tcase_add_test (tc, test_audio_bytes_and_caps);
  tcase_add_test (tc, test_audio_decodes_to_duration);
  tcase_add_test (tc, test_audio_seeks);
  tcase_add_test (tc, test_audio_resumed_and_renewed);
  tcase_add_test (tc, test_audio_of_image_not_found);
  tcase_add_test (tc, test_audio_without_manifest_not_found);
  tcase_add_test (tc, test_audio_hostile_base_url);
  tcase_add_test (tc, test_cover);
  return s;
}

GST_CHECK_MAIN (kinds);
