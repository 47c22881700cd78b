/* Decoding, playbin and seeking through instagramsrc against the fake.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <gst/check/gstcheck.h>

#include "fake-media.h"
#include "ig-test-utils.h"

static FakeInstagram *fake;

typedef struct
{
  gint video;
  gint audio;
} Counts;

static GstPadProbeReturn
count_buffer (GstPad *pad, GstPadProbeInfo *info, gpointer counter)
{
  g_atomic_int_inc ((gint *) counter);
  return GST_PAD_PROBE_OK;
}

/* Every decoded stream goes to its own fakesink; buffers are counted by
 * media type. */
static void
on_pad_added (GstElement *decodebin, GstPad *pad, Counts *counts)
{
  GstElement *pipeline = GST_ELEMENT (gst_element_get_parent (decodebin));
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  g_autoptr (GstCaps) caps = gst_pad_get_current_caps (pad);
  g_autoptr (GstPad) sinkpad = gst_element_get_static_pad (sink, "sink");
  const char *name = gst_structure_get_name (gst_caps_get_structure (caps, 0));

  g_object_set (sink, "sync", FALSE, NULL);
  gst_bin_add (GST_BIN (pipeline), sink);
  gst_element_sync_state_with_parent (sink);
  gst_pad_link (pad, sinkpad);
  gst_pad_add_probe (sinkpad, GST_PAD_PROBE_TYPE_BUFFER, count_buffer,
      g_str_has_prefix (name, "video/") ? &counts->video : &counts->audio,
      NULL);
  gst_object_unref (pipeline);
}

static Counts
decode (const char *uri)
{
  g_autofree char *launch =
      g_strdup_printf ("instagramsrc uri=\"%s\" ! decodebin name=d", uri);
  GstElement *pipeline = gst_parse_launch (launch, NULL);
  GstElement *decodebin = gst_bin_get_by_name (GST_BIN (pipeline), "d");
  Counts counts = { 0, 0 };
  g_autoptr (IgTestRun) run = NULL;

  g_signal_connect (decodebin, "pad-added", G_CALLBACK (on_pad_added), &counts);
  run = ig_test_run (pipeline, 60);
  ig_test_assert_eos (run);
  gst_object_unref (decodebin);
  gst_object_unref (pipeline);
  return counts;
}

GST_START_TEST (test_decode_reel_frames)
{
  Counts counts = decode ("https://www.instagram.com/reel/" FAKE_SC_REEL "/");

  fail_unless_equals_int (counts.video, FAKE_MEDIA_REEL_FRAMES);
  fail_unless (counts.audio > 0);
}
GST_END_TEST;

GST_START_TEST (test_decode_carousel_video_frames)
{
  Counts counts =
      decode ("https://www.instagram.com/p/" FAKE_SC_CAROUSEL "/?img_index=2");

  fail_unless_equals_int (counts.video, FAKE_MEDIA_CAROUSEL_VIDEO_FRAMES);
}
GST_END_TEST;

GST_START_TEST (test_decode_image)
{
  Counts counts = decode ("https://www.instagram.com/p/" FAKE_SC_IMAGE "/");

  fail_unless_equals_int (counts.video, 1);
  fail_unless_equals_int (counts.audio, 0);
}
GST_END_TEST;

/* Range requests with a start past 0 that the CDN answered. */
static guint
cdn_ranges (const char *media)
{
  g_autoptr (GPtrArray) log = fake_instagram_dup_log (fake);
  g_autofree char *path = g_strconcat ("/cdn/", media, NULL);
  guint i, n = 0;

  for (i = 0; i < log->len; i++) {
    FakeRequest *req = g_ptr_array_index (log, i);

    if (g_str_equal (req->path, path) && req->range != NULL
        && !g_str_has_prefix (req->range, "bytes=0-") && req->status == 206)
      n++;
  }
  return n;
}

/* The moov atom sits after a 5.4 MiB mdat: qtdemux must seek to it with
 * Range requests instead of buffering the mdat. */
GST_START_TEST (test_decode_nonfaststart_seeks_to_moov)
{
  Counts counts =
      decode ("https://www.instagram.com/p/" FAKE_SC_NONFASTSTART "/");

  fail_unless_equals_int (counts.video, FAKE_MEDIA_NONFASTSTART_FRAMES);
  fail_unless (cdn_ranges (FAKE_MEDIA_NONFASTSTART) >= 2,
      "expected Range requests to the moov and back");
}
GST_END_TEST;

static void
on_source_setup (GstElement *playbin, GstElement *source, char **factory)
{
  *factory = g_strdup (GST_OBJECT_NAME (gst_element_get_factory (source)));
}

GST_START_TEST (test_playbin_plays_to_eos)
{
  GstElement *playbin = gst_element_factory_make ("playbin", NULL);
  g_autofree char *factory = NULL;
  g_autoptr (IgTestRun) run = NULL;

  g_object_set (playbin, "uri",
      "https://www.instagram.com/reel/" FAKE_SC_REEL "/", "video-sink",
      gst_element_factory_make ("fakesink", NULL), "audio-sink",
      gst_element_factory_make ("fakesink", NULL), NULL);
  g_signal_connect (playbin, "source-setup", G_CALLBACK (on_source_setup),
      &factory);
  run = ig_test_run (playbin, 60);
  ig_test_assert_eos (run);
  fail_unless_equals_string (factory, "instagramsrc");
  fail_unless (run->tags != NULL);
  gst_object_unref (playbin);
}
GST_END_TEST;

typedef struct
{
  gint frames; /* in the new segment: PTS >= 1 s */
  GstClockTime first_key_pts;
  GstClockTime earliest_pts;
} SeekCount;

/* qtdemux in push mode restarts at a chunk boundary, so a few delta frames
 * before the keyframe arrive too; sinks clip them to the segment. */
static GstPadProbeReturn
count_after_seek (GstPad *pad, GstPadProbeInfo *info, gpointer data)
{
  SeekCount *count = data;
  GstBuffer *buf = GST_PAD_PROBE_INFO_BUFFER (info);
  GstClockTime pts = GST_BUFFER_PTS (buf);

  if (!GST_CLOCK_TIME_IS_VALID (count->earliest_pts)
      || pts < count->earliest_pts)
    count->earliest_pts = pts;
  if (!GST_BUFFER_FLAG_IS_SET (buf, GST_BUFFER_FLAG_DELTA_UNIT)
      && !GST_CLOCK_TIME_IS_VALID (count->first_key_pts))
    count->first_key_pts = pts;
  if (pts >= GST_SECOND)
    count->frames++;
  return GST_PAD_PROBE_OK;
}

/* A key-unit seek to 1 s in a 2 s reel with a keyframe every second starts
 * at that keyframe and plays exactly the second half, fetched with a Range
 * request. */
GST_START_TEST (test_seek_in_reel)
{
  GstElement *pipeline =
      gst_parse_launch ("instagramsrc uri="
                        "https://www.instagram.com/reel/" FAKE_SC_REEL
                        "/ ! qtdemux name=d "
                        "d.video_0 ! queue ! fakesink name=v sync=false",
          NULL);
  GstElement *sink = gst_bin_get_by_name (GST_BIN (pipeline), "v");
  g_autoptr (GstPad) pad = gst_element_get_static_pad (sink, "sink");
  SeekCount count = { 0, GST_CLOCK_TIME_NONE, GST_CLOCK_TIME_NONE };
  GstMessage *msg;

  gst_element_set_state (pipeline, GST_STATE_PAUSED);
  ig_test_wait_async_done (pipeline);
  fake_instagram_reset_log (fake);
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, count_after_seek, &count,
      NULL);
  fail_unless (gst_element_seek_simple (pipeline, GST_FORMAT_TIME,
      GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_KEY_UNIT, GST_SECOND));
  ig_test_wait_async_done (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  msg = gst_bus_timed_pop_filtered (GST_ELEMENT_BUS (pipeline), 30 * GST_SECOND,
      GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  fail_unless (msg != NULL && GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS);
  gst_message_unref (msg);
  fail_unless_equals_int (count.frames, FAKE_MEDIA_REEL_FRAMES / 2);
  fail_unless_equals_clocktime (count.first_key_pts, GST_SECOND);
  /* It lands within one GOP (1 s) before the target, not at the start. */
  fail_unless (count.earliest_pts > 0 && count.earliest_pts <= GST_SECOND);
  fail_unless (cdn_ranges (FAKE_MEDIA_REEL_720) >= 1);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (sink);
  gst_object_unref (pipeline);
}
GST_END_TEST;

static Suite *
playback_suite (void)
{
  Suite *s = suite_create ("instagramsrc-playback");
  TCase *tc = tcase_create ("playback");

  suite_add_tcase (s, tc);
  tcase_set_timeout (tc, 120);
  ig_test_use_fake (tc, &fake);
  tcase_add_test (tc, test_decode_reel_frames);
  tcase_add_test (tc, test_decode_carousel_video_frames);
  tcase_add_test (tc, test_decode_image);
  tcase_add_test (tc, test_decode_nonfaststart_seeks_to_moov);
  tcase_add_test (tc, test_playbin_plays_to_eos);
  tcase_add_test (tc, test_seek_in_reel);
  return s;
}

GST_CHECK_MAIN (playback);
