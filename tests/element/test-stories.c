/* Stories, highlights, checkpoints and the API client choice, logged in
 * against the fake Instagram; cookies never reach the CDN or the logs.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <gst/check/gstcheck.h>
#include <stdio.h>

#include "fake-media.h"
#include "ig-test-utils.h"

#define STORIES "https://www.instagram.com/stories/" FAKE_STORY_USER "/"
#define SESSION "session-id=" FAKE_SESSION_ID

static FakeInstagram *fake;

static char *
save_ok (const char *uri, const char *props, const char *media, IgTestRun **run)
{
  char *path = ig_test_save (uri, props, run);

  ig_test_assert_eos (*run);
  fail_unless (ig_test_files_equal (path,
                   fake_instagram_get_media_path (fake, media)),
      "%s", uri);
  return path;
}

static void
assert_no_cdn_cookie (void)
{
  g_autoptr (GPtrArray) log = fake_instagram_dup_log (fake);
  guint i;

  for (i = 0; i < log->len; i++) {
    FakeRequest *req = g_ptr_array_index (log, i);

    if (g_str_has_prefix (req->path, "/cdn/"))
      fail_unless (req->cookie == NULL, "cookie sent to %s", req->path);
  }
}

GST_START_TEST (test_story_item)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *path =
      save_ok (STORIES FAKE_STORY_PK_2 "/", SESSION, FAKE_MEDIA_STORY_2, &run);
  GstDateTime *taken = NULL, *expiring = NULL;
  gchar *artist = NULL;
  guint streamed = 99;

  fail_unless (gst_tag_list_get_string (run->tags, GST_TAG_ARTIST, &artist));
  fail_unless_equals_string (artist, FAKE_STORY_USER);
  fail_unless (
      gst_tag_list_get_date_time (run->tags, GST_TAG_DATE_TIME, &taken));
  fail_unless (gst_tag_list_get_date_time (run->tags, "instagram-expiring-at",
      &expiring));
  {
    g_autoptr (GDateTime) t = gst_date_time_to_g_date_time (taken);
    g_autoptr (GDateTime) e = gst_date_time_to_g_date_time (expiring);
    gint64 age = g_get_real_time () / G_USEC_PER_SEC - g_date_time_to_unix (t);

    fail_unless (age >= FAKE_STORY_AGE_2 - 5 && age <= FAKE_STORY_AGE_2 + 60);
    fail_unless_equals_int64 (g_date_time_to_unix (e) - g_date_time_to_unix (t),
        86400);
  }
  fail_unless (
      gst_structure_get_uint (run->media, "streamed-index", &streamed));
  fail_unless_equals_int (streamed, 1);
  assert_no_cdn_cookie ();
  g_free (artist);
  gst_date_time_unref (taken);
  gst_date_time_unref (expiring);
}
GST_END_TEST;

/* A whole story: media-index 0 is the oldest item, as Instagram plays. */
GST_START_TEST (test_whole_story_by_index)
{
  g_autoptr (IgTestRun) oldest = NULL, newer = NULL;
  g_autofree char *a = save_ok (STORIES, SESSION, FAKE_MEDIA_STORY_1, &oldest);
  g_autofree char *b = save_ok ("instagram://stories/" FAKE_STORY_USER,
      SESSION " media-index=1", FAKE_MEDIA_STORY_2, &newer);
  guint n = 0;

  fail_unless (gst_structure_get_uint (oldest->media, "n-items", &n));
  fail_unless_equals_int (n, 2);
}
GST_END_TEST;

GST_START_TEST (test_story_from_either_reels_form)
{
  g_autoptr (IgTestRun) a = NULL, b = NULL;
  g_autofree char *pa = NULL, *pb = NULL;

  fake_instagram_set_reels_forms (fake, TRUE, FALSE);
  pa = save_ok (STORIES, SESSION, FAKE_MEDIA_STORY_1, &a);
  fake_instagram_set_reels_forms (fake, FALSE, TRUE);
  pb = save_ok (STORIES, SESSION " media-index=1", FAKE_MEDIA_STORY_2, &b);
}
GST_END_TEST;

GST_START_TEST (test_highlight)
{
  g_autoptr (IgTestRun) a = NULL, b = NULL;
  g_autofree char *pa = save_ok ("https://www.instagram.com/stories/"
                                 "highlights/" FAKE_HIGHLIGHT_ID "/",
      SESSION, FAKE_MEDIA_HIGHLIGHT_1, &a);
  g_autofree char *pb = save_ok ("https://www.instagram.com/stories/"
                                 "highlights/" FAKE_HIGHLIGHT_ID "/",
      SESSION " media-index=1", FAKE_MEDIA_HIGHLIGHT_2, &b);

  fail_unless_equals_int (fake_instagram_count (fake, NULL,
                              "/api/v1/users/web_profile_info/"),
      0);
}
GST_END_TEST;

GST_START_TEST (test_expired_story_item_is_not_found)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *path =
      ig_test_save (STORIES "3870000000000000001/", SESSION, &run);

  ig_test_assert_error (run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_FOUND,
      NULL);
}
GST_END_TEST;

GST_START_TEST (test_no_current_story_is_not_found)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *path =
      ig_test_save ("https://www.instagram.com/stories/" FAKE_NOSTORY_USER "/",
          SESSION, &run);
  g_autoptr (GError) error = NULL;
  g_autofree char *debug = NULL;

  ig_test_assert_error (run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_FOUND,
      NULL);
  gst_message_parse_error (run->done, &error, &debug);
  fail_unless (strstr (debug, "has no current story") != NULL, "%s", debug);
}
GST_END_TEST;

GST_START_TEST (test_stories_need_a_session)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *path = ig_test_save (STORIES, NULL, &run);

  ig_test_assert_error (run, GST_RESOURCE_ERROR,
      GST_RESOURCE_ERROR_NOT_AUTHORIZED, "session-id=");
}
GST_END_TEST;

/* Never retried: one request, Instagram's own words in the message. */
GST_START_TEST (test_checkpoint_stops_at_once)
{
  const char *kinds[] = { "checkpoint_required", "challenge_required",
    "feedback_required" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (kinds); i++) {
    g_autoptr (IgTestRun) run = NULL;
    g_autofree char *path = NULL;

    fake_instagram_reset_log (fake);
    fake_instagram_set_checkpoint (fake, "/api/v1/media/", kinds[i], 5);
    path = ig_test_save ("https://www.instagram.com/p/" FAKE_SC_PRIVATE "/",
        SESSION, &run);
    ig_test_assert_error (run, GST_RESOURCE_ERROR,
        GST_RESOURCE_ERROR_NOT_AUTHORIZED, kinds[i]);
    fail_unless_equals_int (ig_test_api_requests (fake), 1);
    fake_instagram_set_checkpoint (fake, "/api/v1/media/", kinds[i], 0);
  }
}
GST_END_TEST;

/* reels_media answering 5xx (September 2026) is the endpoint failing:
 * one highlight per request, one retry, then an error that says so, with
 * no rate-limit back-off; a single 500 is got over by the retry. */
GST_START_TEST (test_stories_endpoint_5xx)
{
  const char *highlight =
      "https://www.instagram.com/stories/highlights/" FAKE_HIGHLIGHT_ID "/";
  g_autoptr (IgTestRun) failed = NULL;
  g_autoptr (IgTestRun) once = NULL;
  g_autofree char *path = NULL, *ok = NULL;
  g_autoptr (GPtrArray) log = NULL;

  fake_instagram_set_throttle (fake, "/api/v1/feed/reels_media/", 500, 10, -1);
  path = ig_test_save (highlight, SESSION, &failed);
  ig_test_assert_error (failed, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_READ,
      "Instagram's stories endpoint is failing (HTTP 500)");
  fail_unless_equals_int (fake_instagram_count (fake, NULL,
                              "/api/v1/feed/reels_media/"),
      2);
  fail_unless (failed->rate_limit == NULL);
  log = fake_instagram_dup_log (fake);
  for (guint i = 0; i < log->len; i++) {
    FakeRequest *req = g_ptr_array_index (log, i);

    if (g_str_has_prefix (req->path, "/api/v1/feed/reels_media/"))
      fail_unless_equals_string (req->query,
          "reel_ids=highlight%3A" FAKE_HIGHLIGHT_ID);
  }
  fake_instagram_reset_log (fake);
  fake_instagram_set_throttle (fake, "/api/v1/feed/reels_media/", 500, 1, -1);
  ok = save_ok (highlight, SESSION, FAKE_MEDIA_HIGHLIGHT_1, &once);
  fail_unless_equals_int (fake_instagram_count (fake, NULL,
                              "/api/v1/feed/reels_media/"),
      2);
  fail_unless (once->rate_limit == NULL);
}
GST_END_TEST;

GST_START_TEST (test_ios_api_client)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *path =
      save_ok ("https://www.instagram.com/p/" FAKE_SC_PRIVATE "/",
          SESSION " api-client=ios", FAKE_MEDIA_PRIVATE, &run);
  g_autoptr (GPtrArray) log = fake_instagram_dup_log (fake);
  FakeRequest *req = g_ptr_array_index (log, 0);

  fail_unless_equals_string (soup_message_headers_get_one (req->headers,
                                 "X-IG-App-ID"),
      "124024574287414");
  fail_unless (g_str_has_prefix (soup_message_headers_get_one (req->headers,
                                     "User-Agent"),
      "Instagram "));
}
GST_END_TEST;

/* Logged-in cases with every debug category at level 9, the session set
 * with g_object_set: the session value appears nowhere in the log. */
GST_START_TEST (test_session_never_logged)
{
  const char *uris[] = { STORIES,
    "https://www.instagram.com/p/" FAKE_SC_PRIVATE "/",
    "https://www.instagram.com/reel/" FAKE_SC_REEL "/" };
  g_autofree char *dir = ig_test_make_temp_dir ();
  g_autofree char *log_path = g_build_filename (dir, "gst.log", NULL);
  g_autofree char *log = NULL;
  guint i;

  gst_debug_set_default_threshold (GST_LEVEL_MEMDUMP);
  gst_debug_remove_log_function (gst_debug_log_default);
  {
    FILE *f = fopen (log_path, "w");

    gst_debug_add_log_function (gst_debug_log_default, f, NULL);
    for (i = 0; i < G_N_ELEMENTS (uris); i++) {
      GstElement *pipeline = gst_pipeline_new (NULL);
      GstElement *src = gst_element_factory_make ("instagramsrc", NULL);
      GstElement *sink = gst_element_factory_make ("fakesink", NULL);
      g_autoptr (IgTestRun) run = NULL;

      g_object_set (src, "uri", uris[i], "session-id", FAKE_SESSION_ID, NULL);
      gst_bin_add_many (GST_BIN (pipeline), src, sink, NULL);
      gst_element_link (src, sink);
      run = ig_test_run (pipeline, 60);
      ig_test_assert_eos (run);
      gst_object_unref (pipeline);
    }
    gst_debug_remove_log_function_by_data (f);
    gst_debug_set_default_threshold (GST_LEVEL_NONE);
    fclose (f);
  }
  fail_unless (g_file_get_contents (log_path, &log, NULL, NULL));
  fail_unless (strlen (log) > 100000, "the log is suspiciously short");
  fail_unless (strstr (log, FAKE_SESSION_ID) == NULL);
  fail_unless (strstr (log, "fakeSession") == NULL);
  assert_no_cdn_cookie ();
}
GST_END_TEST;

static Suite *
stories_suite (void)
{
  Suite *s = suite_create ("instagramsrc-stories");
  TCase *tc = tcase_create ("stories");

  suite_add_tcase (s, tc);
  tcase_set_timeout (tc, 180);
  ig_test_use_fake (tc, &fake);
  tcase_add_test (tc, test_story_item);
  tcase_add_test (tc, test_whole_story_by_index);
  tcase_add_test (tc, test_story_from_either_reels_form);
  tcase_add_test (tc, test_highlight);
  tcase_add_test (tc, test_expired_story_item_is_not_found);
  tcase_add_test (tc, test_no_current_story_is_not_found);
  tcase_add_test (tc, test_stories_need_a_session);
  tcase_add_test (tc, test_checkpoint_stops_at_once);
  tcase_add_test (tc, test_ios_api_client);
  tcase_add_test (tc, test_stories_endpoint_5xx);
  tcase_add_test (tc, test_session_never_logged);
  return s;
}

GST_CHECK_MAIN (stories);
