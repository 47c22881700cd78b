/* A URI or property value refused while it is set, before the element has
 * a bus (gst-launch-1.0, gst_parse_launch()), is told when the element
 * starts: the core's message for a URI (an ERROR, and the element does
 * not start), a WARNING for a property value (and the post streams). A
 * later accepted value clears it.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <gst/check/gstcheck.h>
#include <string.h>

#include "fake-media.h"
#include "ig-error.h"
#include "ig-test-utils.h"
#include "ig-uri.h"

#define W "https://www.instagram.com"
#define REEL_URI W "/reel/" FAKE_SC_REEL "/"
#define BAD_LIMITS "graphql=abc"
#define LIMITS_WARNING \
  "Ignoring rate-limits: Invalid rate-limits entry 'graphql=abc' in " \
  "'graphql=abc': expected graphql|graphql-total|mobile|other=" \
  "COUNT/SECONDS, jitter=SECONDS[-SECONDS] or off"

static FakeInstagram *fake;

/* Each refused URI and the reason the core gives (NULL: none). */
static const struct
{
  const char *uri;
  const char *reason;
} refused[] = {
  { W "/fakereels/tagged/",
      "a profile tab that is not media (only the posts grid /USERNAME/ and "
      "/USERNAME/reels/ are)" },
  { W "/explore/", NULL },
  { W "/share/tv/BAbcdEF123/", "not a share link Instagram makes" },
};

/* The exact text of the ERROR for @i. */
static char *
expected_text (guint i)
{
  return g_strdup_printf ("Not an Instagram post, reel or story URI: "
                          "%s%s%s%s. Accepted forms:\n%s",
      refused[i].uri, refused[i].reason ? " (" : "",
      refused[i].reason ? refused[i].reason : "",
      refused[i].reason ? ")" : "", ig_media_ref_accepted_forms ());
}

/* @run ended with exactly this ERROR: RESOURCE NOT_FOUND, @text, and
 * instagram-error (IG_ERROR_BAD_URI) in its details. */
static void
assert_refused_error (IgTestRun *run, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *debug = NULL;
  const GstStructure *details = NULL;
  gint code = -1;

  fail_unless (GST_MESSAGE_TYPE (run->done) == GST_MESSAGE_ERROR);
  gst_message_parse_error (run->done, &error, &debug);
  fail_unless (error->domain == GST_RESOURCE_ERROR, "%s",
      g_quark_to_string (error->domain));
  fail_unless_equals_int (error->code, GST_RESOURCE_ERROR_NOT_FOUND);
  fail_unless_equals_string (error->message, text);
  fail_unless (strstr (debug, "uri property refused") != NULL, "%s", debug);
  gst_message_parse_error_details (run->done, &details);
  fail_unless (details != NULL);
  fail_unless (gst_structure_get_int (details, "instagram-error", &code));
  fail_unless_equals_int (code, IG_ERROR_BAD_URI);
}

GST_START_TEST (test_refused_uri_is_told_at_start)
{
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++) {
    g_autofree char *launch = g_strdup_printf (
        "instagramsrc uri=\"%s\" ! fakesink", refused[i].uri);
    g_autofree char *text = expected_text (i);
    g_autoptr (IgTestRun) run = ig_test_run_launch (launch, 10);

    assert_refused_error (run, text);
  }
  fail_unless_equals_int (ig_test_api_requests (fake), 0);
}
GST_END_TEST;

/* Set on an element already in a pipeline, after a good URI: the refused
 * one still wins at start (the good one is not played instead). */
GST_START_TEST (test_refused_uri_after_good_one)
{
  GstElement *pipeline =
      gst_parse_launch ("instagramsrc name=src ! fakesink", NULL);
  GstElement *src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  g_autofree char *text = expected_text (0);
  g_autoptr (IgTestRun) run = NULL;

  g_object_set (src, "uri", REEL_URI, NULL);
  g_object_set (src, "uri", refused[0].uri, NULL);
  run = ig_test_run (pipeline, 10);
  assert_refused_error (run, text);
  /* It stays until a good value: the next start fails the same way. */
  g_clear_pointer (&run, ig_test_run_free);
  run = ig_test_run (pipeline, 10);
  assert_refused_error (run, text);
  fail_unless_equals_int (ig_test_api_requests (fake), 0);
  gst_object_unref (src);
  gst_object_unref (pipeline);
}
GST_END_TEST;

/* A good URI after a refused one clears the refusal, through the property
 * or the URI handler. */
GST_START_TEST (test_good_uri_clears_refusal)
{
  for (guint through_handler = 0; through_handler < 2; through_handler++) {
    GstElement *pipeline =
        gst_parse_launch ("instagramsrc name=src ! fakesink", NULL);
    GstElement *src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
    g_autoptr (IgTestRun) run = NULL;

    g_object_set (src, "uri", refused[1].uri, NULL);
    if (through_handler)
      fail_unless (gst_uri_handler_set_uri (GST_URI_HANDLER (src), REEL_URI,
          NULL));
    else
      g_object_set (src, "uri", REEL_URI, NULL);
    run = ig_test_run (pipeline, 30);
    ig_test_assert_eos (run);
    fail_unless (run->warning == NULL);
    gst_object_unref (src);
    gst_object_unref (pipeline);
  }
}
GST_END_TEST;

/* Through the URI handler the caller gets the error and nothing is kept:
 * the previous URI streams. */
GST_START_TEST (test_handler_refusal_is_not_kept)
{
  GstElement *pipeline =
      gst_parse_launch ("instagramsrc name=src uri=" REEL_URI " ! fakesink",
          NULL);
  GstElement *src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  g_autoptr (GError) error = NULL;
  g_autoptr (IgTestRun) run = NULL;

  fail_if (gst_uri_handler_set_uri (GST_URI_HANDLER (src), refused[0].uri,
      &error));
  fail_unless (g_error_matches (error, GST_URI_ERROR, GST_URI_ERROR_BAD_URI));
  run = ig_test_run (pipeline, 30);
  ig_test_assert_eos (run);
  gst_object_unref (src);
  gst_object_unref (pipeline);
}
GST_END_TEST;

static void
assert_limits_warning (IgTestRun *run)
{
  g_autoptr (GError) warning = NULL;
  g_autofree char *debug = NULL;

  fail_unless (run->warning != NULL, "no warning");
  gst_message_parse_warning (run->warning, &warning, &debug);
  fail_unless (warning->domain == GST_RESOURCE_ERROR);
  fail_unless_equals_int (warning->code, GST_RESOURCE_ERROR_SETTINGS);
  fail_unless_equals_string (warning->message, LIMITS_WARNING);
}

/* Set before there is a bus (gst_parse_launch): the WARNING comes at
 * start, once, and the post streams. */
GST_START_TEST (test_refused_rate_limits_warns_at_start)
{
  g_autoptr (IgTestRun) run = ig_test_run_launch (
      "instagramsrc uri=" REEL_URI " rate-limits=" BAD_LIMITS " ! fakesink",
      30);

  ig_test_assert_eos (run);
  assert_limits_warning (run);
}
GST_END_TEST;

/* Counts the WARNING messages on @pipeline's bus, which is flushed. */
static guint
count_warnings (GstElement *pipeline)
{
  GstBus *bus = gst_element_get_bus (pipeline);
  GstMessage *msg;
  guint n = 0;

  while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING)) != NULL) {
    n++;
    gst_message_unref (msg);
  }
  gst_object_unref (bus);
  return n;
}

/* On an element that has a bus, the warning is posted at once and not
 * again at start; a good value after a bad one clears it. */
GST_START_TEST (test_rate_limits_warning_once_and_cleared)
{
  GstElement *pipeline = gst_parse_launch (
      "instagramsrc name=src uri=" REEL_URI " ! fakesink", NULL);
  GstElement *src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  GstElement *lone, *sink;
  g_autoptr (IgTestRun) run = NULL;

  g_object_set (src, "rate-limits", BAD_LIMITS, NULL);
  fail_unless_equals_int (count_warnings (pipeline), 1);
  gst_element_set_state (pipeline, GST_STATE_READY);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  fail_unless_equals_int (count_warnings (pipeline), 0);
  gst_object_unref (src);
  gst_object_unref (pipeline);

  /* No bus when set; then a good value: no warning at all. */
  pipeline = gst_pipeline_new (NULL);
  lone = gst_element_factory_make ("instagramsrc", NULL);
  g_object_set (lone, "uri", REEL_URI, "rate-limits", BAD_LIMITS, NULL);
  g_object_set (lone, "rate-limits", "off", NULL);
  sink = gst_element_factory_make ("fakesink", NULL);
  gst_bin_add_many (GST_BIN (pipeline), lone, sink, NULL);
  fail_unless (gst_element_link (lone, sink));
  run = ig_test_run (pipeline, 30);
  ig_test_assert_eos (run);
  fail_unless (run->warning == NULL);
  gst_object_unref (pipeline);
}
GST_END_TEST;

/* gst-launch-1.0, run as a user runs it, prints the real reason. */
static char *
launch_process (const char *uri, const char *props, gint *status)
{
  g_autofree char *uri_arg = g_strdup_printf ("uri=%s", uri);
  const char *argv[] = { "gst-launch-1.0", "instagramsrc", uri_arg,
    props ? props : "timeout=15", "!", "fakesink", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;

  fail_unless (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                   NULL, NULL, &out, &err, status, &error),
      "%s", error ? error->message : "");
  return g_strconcat (out, err, NULL);
}

GST_START_TEST (test_gst_launch_prints_the_reason)
{
  g_autofree char *limits_out = NULL;
  gint status;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++) {
    g_autofree char *text = expected_text (i);
    g_autofree char *line =
        g_strdup_printf ("instagramsrc0: %s\nAdditional debug info", text);
    g_autofree char *output = launch_process (refused[i].uri, NULL, &status);

    fail_if (g_spawn_check_wait_status (status, NULL), "%s", output);
    fail_unless (strstr (output, line) != NULL, "%s", output);
    fail_unless (strstr (output, "No Instagram URI set") == NULL, "%s",
        output);
  }
  limits_out = launch_process (REEL_URI, "rate-limits=" BAD_LIMITS, &status);
  fail_unless (g_spawn_check_wait_status (status, NULL), "%s", limits_out);
  fail_unless (strstr (limits_out, "WARNING: from element "
                                   "/GstPipeline:pipeline0/GstInstagramSrc:"
                                   "instagramsrc0: " LIMITS_WARNING "\n")
          != NULL,
      "%s", limits_out);
  fail_unless (strstr (limits_out, "No Instagram URI set") == NULL);
}
GST_END_TEST;

static Suite *
refused_suite (void)
{
  Suite *s = suite_create ("instagramsrc-refused");
  TCase *tc = tcase_create ("refused");

  suite_add_tcase (s, tc);
  ig_test_use_fake (tc, &fake);
  tcase_add_test (tc, test_refused_uri_is_told_at_start);
  tcase_add_test (tc, test_refused_uri_after_good_one);
  tcase_add_test (tc, test_good_uri_clears_refusal);
  tcase_add_test (tc, test_handler_refusal_is_not_kept);
  tcase_add_test (tc, test_refused_rate_limits_warns_at_start);
  tcase_add_test (tc, test_rate_limits_warning_once_and_cleared);
  tcase_add_test (tc, test_gst_launch_prints_the_reason);
  return s;
}

GST_CHECK_MAIN (refused);
