/* Every way instagramsrc can fail: exact GStreamer domain and code, a
 * message that names the URI, and a pipeline that stops cleanly.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <gst/check/gstcheck.h>
#include <string.h>

#include "ig-test-utils.h"

static FakeInstagram *fake;

static IgTestRun *
run_uri (const char *uri, const char *props)
{
  g_autofree char *launch =
      g_strdup_printf ("instagramsrc uri=\"%s\" %s ! fakesink", uri,
          props ? props : "");

  return ig_test_run_launch (launch, 30);
}

GST_START_TEST (test_deleted_post_is_not_found)
{
  g_autoptr (IgTestRun) run =
      run_uri ("https://www.instagram.com/p/CzzzzzzzzzA/", NULL);

  g_autoptr (GError) error = NULL;
  g_autofree char *debug = NULL;

  ig_test_assert_error (run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_FOUND,
      "https://www.instagram.com/p/CzzzzzzzzzA/");
  gst_message_parse_error (run->done, &error, &debug);
  /* a person's words; the strategies' account in the debug string only */
  fail_unless_equals_string (error->message,
      "This post does not exist: it was deleted, or the link is wrong: "
      "https://www.instagram.com/p/CzzzzzzzzzA/");
  fail_unless (strstr (debug, "page: HTTP 404") != NULL, "%s", debug);
  fail_unless_equals_int (fake_instagram_count (fake, NULL, "/cdn/"), 0);
}
GST_END_TEST;

GST_START_TEST (test_private_post_is_not_authorized)
{
  g_autoptr (IgTestRun) run =
      run_uri ("https://www.instagram.com/p/C5_A1TQNPrY/", NULL);

  ig_test_assert_error (run, GST_RESOURCE_ERROR,
      GST_RESOURCE_ERROR_NOT_AUTHORIZED, "logged-in");
}
GST_END_TEST;

GST_START_TEST (test_story_needs_login)
{
  g_autoptr (IgTestRun) run =
      run_uri ("https://www.instagram.com/stories/fakeuser/", NULL);

  ig_test_assert_error (run, GST_RESOURCE_ERROR,
      GST_RESOURCE_ERROR_NOT_AUTHORIZED, "logged-in");
  fail_unless_equals_int (ig_test_api_requests (fake), 0);
}
GST_END_TEST;

GST_START_TEST (test_no_generation_works_is_read_error)
{
  g_autoptr (IgTestRun) run = NULL;

  fake_instagram_set_generation (fake, 0);
  run = run_uri ("https://www.instagram.com/reel/Chunk8-jurw/", NULL);
  /* The message says the answer was not understood; the debug string says
   * how each strategy failed. */
  ig_test_assert_error (run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_READ,
      "Could not understand");
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *debug = NULL;

    gst_message_parse_error (run->done, &error, &debug);
    fail_unless (strstr (debug, "polaris") != NULL, "%s", debug);
    fail_unless (strstr (debug, "page") != NULL, "%s", debug);
    fail_unless (strstr (debug, "xdt_shortcode_media") != NULL, "%s", debug);
    fail_unless (strstr (debug, "shortcode_media") != NULL, "%s", debug);
  }
}
GST_END_TEST;

GST_START_TEST (test_unreachable_is_open_read)
{
  g_autoptr (IgTestRun) run = NULL;

  g_setenv ("GST_INSTAGRAM_WWW_BASE", "http://127.0.0.1:9", TRUE);
  run = run_uri ("https://www.instagram.com/reel/Chunk8-jurw/", NULL);
  ig_test_assert_error (run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_OPEN_READ,
      "Could not reach Instagram");
}
GST_END_TEST;

GST_START_TEST (test_media_index_out_of_range_is_settings)
{
  g_autoptr (IgTestRun) run =
      run_uri ("https://www.instagram.com/p/BqvsDleB3lV/", "media-index=5");

  ig_test_assert_error (run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_SETTINGS,
      "3 items");
  fail_unless_equals_int (fake_instagram_count (fake, NULL, "/cdn/"), 0);
}
GST_END_TEST;

GST_START_TEST (test_no_uri_is_not_found)
{
  g_autoptr (IgTestRun) run =
      ig_test_run_launch ("instagramsrc ! fakesink", 10);

  ig_test_assert_error (run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_FOUND,
      "No Instagram URI");
}
GST_END_TEST;

/* A server slower than the timeout property is a network error, reported
 * within the timeout plus one second. */
GST_START_TEST (test_timeout_is_open_read)
{
  g_autoptr (IgTestRun) run = NULL;
  gint64 start = g_get_monotonic_time ();

  fake_instagram_set_stall (fake, "/api/graphql", 10);
  run = run_uri ("https://www.instagram.com/reel/Chunk8-jurw/", "timeout=1");
  ig_test_assert_error (run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_OPEN_READ,
      "Could not reach Instagram");
  fail_unless (g_get_monotonic_time () - start < 2 * G_USEC_PER_SEC,
      "took %" G_GINT64_FORMAT " us", g_get_monotonic_time () - start);
  fake_instagram_set_stall (fake, "/api/graphql", 0);
}
GST_END_TEST;

/* A 500 is retried after a short backoff; the resend succeeds. */
GST_START_TEST (test_server_error_then_ok)
{
  g_autoptr (IgTestRun) run = NULL;

  fake_instagram_set_throttle (fake, "/api/graphql", 500, 1, -1);
  run = run_uri ("https://www.instagram.com/reel/Chunk8-jurw/", NULL);
  ig_test_assert_eos (run);
  fail_unless_equals_int (fake_instagram_count (fake, "POST", "/api/graphql"),
      2);
}
GST_END_TEST;

/* Past the retries, a 5xx is a network error. */
GST_START_TEST (test_server_errors_past_retries)
{
  g_autoptr (IgTestRun) run = NULL;

  fake_instagram_set_throttle (fake, "/api/graphql", 503, 10, -1);
  run = run_uri ("https://www.instagram.com/reel/Chunk8-jurw/", "retries=1");
  ig_test_assert_error (run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_OPEN_READ,
      "Could not reach Instagram");
  fail_unless_equals_int (fake_instagram_count (fake, "POST", "/api/graphql"),
      2);
}
GST_END_TEST;

/* set_state(NULL) must not wait for a server that never answers. */
GST_START_TEST (test_stop_during_stalled_request)
{
  GstElement *pipeline = gst_parse_launch (
      "instagramsrc "
      "uri=https://www.instagram.com/reel/Chunk8-jurw/ timeout=60 ! fakesink",
      NULL);
  gint64 start, waited = 0;

  fake_instagram_set_stall (fake, "/api/graphql", 30);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  while (fake_instagram_count (fake, "POST", "/api/graphql") == 0
      && waited++ < 100)
    g_usleep (50 * 1000);
  fail_unless (fake_instagram_count (fake, "POST", "/api/graphql") == 1);
  g_usleep (200 * 1000);
  start = g_get_monotonic_time ();
  fail_unless_equals_int (gst_element_set_state (pipeline, GST_STATE_NULL),
      GST_STATE_CHANGE_SUCCESS);
  fail_unless (g_get_monotonic_time () - start < G_USEC_PER_SEC,
      "set_state(NULL) took %" G_GINT64_FORMAT " us",
      g_get_monotonic_time () - start);
  fake_instagram_set_stall (fake, "/api/graphql", 0);
  gst_object_unref (pipeline);
}
GST_END_TEST;

static Suite *
errors_suite (void)
{
  Suite *s = suite_create ("instagramsrc-errors");
  TCase *tc = tcase_create ("errors");

  suite_add_tcase (s, tc);
  ig_test_use_fake (tc, &fake);
  tcase_add_test (tc, test_deleted_post_is_not_found);
  tcase_add_test (tc, test_private_post_is_not_authorized);
  tcase_add_test (tc, test_story_needs_login);
  tcase_add_test (tc, test_no_generation_works_is_read_error);
  tcase_add_test (tc, test_unreachable_is_open_read);
  tcase_add_test (tc, test_media_index_out_of_range_is_settings);
  tcase_add_test (tc, test_no_uri_is_not_found);
  tcase_add_test (tc, test_timeout_is_open_read);
  tcase_add_test (tc, test_server_error_then_ok);
  tcase_add_test (tc, test_server_errors_past_retries);
  tcase_add_test (tc, test_stop_during_stalled_request);
  return s;
}

GST_CHECK_MAIN (errors);
