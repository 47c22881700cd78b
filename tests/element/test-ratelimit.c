/* The rate limiter in the element: waits, messages, max-wait, throttled
 * answers, and one budget shared by several processes.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <glib/gstdio.h>
#include <gst/check/gstcheck.h>
#include <string.h>
#include <sys/wait.h>

#include "fake-media.h"
#include "ig-test-utils.h"
#include "ig-test-window.h"

#define REEL_URI "https://www.instagram.com/reel/" FAKE_SC_REEL "/"
/* Only the all-GraphQL window is tight: its slack is 1 s (not 6), so the
 * waits stay short. */
#define TIGHT \
  "graphql=100/600,graphql-total=%d/%d,mobile=100/600," \
  "other=100/600,jitter=0"

static FakeInstagram *fake;
static char *state_path;

static void
setup (void)
{
  g_autofree char *dir = NULL;

  fake = ig_test_start_fake ();
  dir = ig_test_make_temp_dir ();
  state_path = g_build_filename (dir, "rate-limit", NULL);
}

static void
teardown (void)
{
  g_clear_pointer (&state_path, g_free);
  ig_test_stop_fake (fake);
}

static IgTestRun *
run_limited (const char *limits, const char *extra)
{
  g_autofree char *launch = g_strdup_printf (
      "instagramsrc uri=" REEL_URI
      " rate-limits=\"%s\" rate-limit-state=\"%s\" %s ! fakesink",
      limits, state_path, extra ? extra : "");

  return ig_test_run_launch (launch, 60);
}

/* Polaris POSTs the fake saw within any @window_s seconds, at most. The
 * limiter stamps a request just before sending it, so arrival times can be
 * a few milliseconds closer together than the stamps: allow 50 ms. */
static guint
max_posts_in_window (gdouble window_s)
{
  g_autoptr (GPtrArray) log = fake_instagram_dup_log (fake);
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < log->len; i++) {
    FakeRequest *req = g_ptr_array_index (log, i);

    if (g_str_equal (req->method, "POST")
        && g_str_has_prefix (req->path, "/api/graphql"))
      g_array_append_val (times, req->time_us);
  }
  return ig_test_peak_in_window (times,
      (gint64) (window_s * G_USEC_PER_SEC) - 50000);
}

static gdouble
rate_wait_of (IgTestRun *run)
{
  gdouble wait = -1;

  if (run->rate_limit != NULL)
    fail_unless (gst_structure_get_double (run->rate_limit, "wait", &wait));
  return wait;
}

GST_START_TEST (test_burst_waits_after_the_limit)
{
  g_autofree char *limits = g_strdup_printf (TIGHT, 2, 2);
  g_autoptr (IgTestRun) a = run_limited (limits, NULL);
  g_autoptr (IgTestRun) b = run_limited (limits, NULL);
  g_autoptr (IgTestRun) c = NULL;
  gint64 start = g_get_monotonic_time ();

  ig_test_assert_eos (a);
  ig_test_assert_eos (b);
  fail_unless (a->rate_limit == NULL && b->rate_limit == NULL);
  c = run_limited (limits, NULL);
  ig_test_assert_eos (c);
  fail_unless (c->rate_limit != NULL, "the third request did not wait");
  fail_unless_equals_string (gst_structure_get_string (c->rate_limit, "class"),
      "graphql");
  /* the 2 s window + 1 s of slack for the send time, from the oldest */
  fail_unless (rate_wait_of (c) > 1.0 && rate_wait_of (c) <= 3.0, "waited %f",
      rate_wait_of (c));
  fail_unless (g_get_monotonic_time () - start
      >= (gint64) (rate_wait_of (c) * G_USEC_PER_SEC) - 50000);
  fail_unless_equals_int (fake_instagram_count (fake, "POST", "/api/graphql"),
      3);
  fail_unless (max_posts_in_window (2.0) <= 2);
}
GST_END_TEST;

GST_START_TEST (test_max_wait_exceeded_is_busy_at_once)
{
  g_autofree char *limits = g_strdup_printf (TIGHT, 1, 60);
  g_autoptr (IgTestRun) a = run_limited (limits, NULL);
  g_autoptr (IgTestRun) b = NULL;
  gint64 start;

  ig_test_assert_eos (a);
  start = g_get_monotonic_time ();
  b = run_limited (limits, "max-wait=5");
  /* our own limit, not Instagram's: the message says whose */
  ig_test_assert_error (b, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_BUSY,
      "The element's rate limit (shared by every instagramsrc of this user) "
      "allows the next graphql request at");
  ig_test_assert_error (b, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_BUSY,
      REEL_URI);
  fail_unless (g_get_monotonic_time () - start < G_USEC_PER_SEC);
  fail_unless_equals_int (fake_instagram_count (fake, "POST", "/api/graphql"),
      1);
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *debug = NULL;

    gst_message_parse_error (b->done, &error, &debug);
    fail_unless (strstr (debug, "max-wait") != NULL, "%s", debug);
  }
}
GST_END_TEST;

GST_START_TEST (test_429_with_retry_after_is_retried)
{
  g_autofree char *limits = g_strdup_printf (TIGHT, 100, 600);
  g_autoptr (IgTestRun) run = NULL;

  fake_instagram_set_throttle (fake, "/api/graphql", 429, 1, 1);
  run = run_limited (limits, NULL);
  ig_test_assert_eos (run);
  fail_unless_equals_int (fake_instagram_count (fake, "POST", "/api/graphql"),
      2);
  fail_unless (run->rate_limit != NULL);
  fail_unless (rate_wait_of (run) > 0.5 && rate_wait_of (run) <= 1.0,
      "waited %f", rate_wait_of (run));
}
GST_END_TEST;

/* Without Retry-After, Instaloader's backoff: the oldest stamp in the
 * class's window + the window + 6 s, here 1 s + 6 s after the first
 * ruling request. (A GraphQL query's 401 first makes the chain try its
 * other strategies: see test_401_on_a_query_tries_the_others.) */
GST_START_TEST (test_401_please_wait_backs_off)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autoptr (GPtrArray) log = NULL;
  gint64 first = 0, second = 0;
  guint i;

  fake_instagram_set_throttle (fake, "/api/v1/web/get_ruling", 401, 1, -1);
  run = run_limited ("graphql=100/600,graphql-total=100/600,mobile=100/600,"
                     "other=100/1,jitter=0",
      NULL);
  ig_test_assert_eos (run);
  fail_unless (rate_wait_of (run) > 6.0 && rate_wait_of (run) <= 7.0,
      "waited %f", rate_wait_of (run));
  log = fake_instagram_dup_log (fake);
  for (i = 0; i < log->len; i++) {
    FakeRequest *req = g_ptr_array_index (log, i);

    if (!g_str_has_prefix (req->path, "/api/v1/web/get_ruling"))
      continue;
    if (first == 0)
      first = req->time_us;
    else
      second = req->time_us;
  }
  fail_unless (second - first >= 6900000 && second - first < 8000000,
      "resent after %" G_GINT64_FORMAT " us", second - first);
}
GST_END_TEST;

GST_START_TEST (test_throttled_past_retries_is_busy)
{
  g_autofree char *limits = g_strdup_printf (TIGHT, 100, 600);
  g_autoptr (IgTestRun) run = NULL;

  fake_instagram_set_throttle (fake, "/api/v1/web/get_ruling", 401, 5, 0);
  run = run_limited (limits, "retries=1");
  ig_test_assert_error (run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_BUSY, NULL);
  fail_unless_equals_int (fake_instagram_count (fake, "GET",
                              "/api/v1/web/get_ruling"),
      2);
}
GST_END_TEST;

/* A query answered 401 "Please wait" (as a retired doc_id is, for ever):
 * the next strategy serves the post at once, no wait, no resend. */
GST_START_TEST (test_401_on_a_query_tries_the_others)
{
  g_autofree char *limits = g_strdup_printf (TIGHT, 100, 600);
  g_autoptr (IgTestRun) run = NULL;
  gint64 start = g_get_monotonic_time ();

  fake_instagram_set_throttle (fake, "/api/graphql", 401, 5, -1);
  run = run_limited (limits, NULL);
  ig_test_assert_eos (run);
  fail_unless (g_get_monotonic_time () - start < 3 * G_USEC_PER_SEC);
  fail_unless (run->rate_limit == NULL);
  fail_unless_equals_int (fake_instagram_count (fake, "POST", "/api/graphql"),
      1);
}
GST_END_TEST;

/* Every query throttled and the page too: then it is a rate limit, waited
 * for within retries (the first throttled strategy is asked again). */
GST_START_TEST (test_401_everywhere_is_busy)
{
  g_autofree char *limits = g_strdup_printf (TIGHT, 100, 600);
  g_autoptr (IgTestRun) run = NULL;

  fake_instagram_set_generation (fake, FAKE_GEN_POLARIS);
  fake_instagram_set_throttle (fake, "/api/graphql", 401, 5, 0);
  run = run_limited (limits, "retries=1");
  ig_test_assert_error (run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_BUSY, NULL);
  /* once in the chain, then once more and one resend as a rate limit */
  fail_unless_equals_int (fake_instagram_count (fake, "POST", "/api/graphql"),
      3);
}
GST_END_TEST;

GST_START_TEST (test_stop_during_wait)
{
  g_autofree char *limits = g_strdup_printf (TIGHT, 1, 60);
  g_autoptr (IgTestRun) a = run_limited (limits, NULL);
  g_autofree char *launch =
      g_strdup_printf ("instagramsrc uri=" REEL_URI
                       " rate-limits=\"%s\" rate-limit-state=\"%s\" ! fakesink",
          limits, state_path);
  GstElement *pipeline = gst_parse_launch (launch, NULL);
  GstMessage *msg;
  gint64 start;

  ig_test_assert_eos (a);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  msg = gst_bus_timed_pop_filtered (GST_ELEMENT_BUS (pipeline), 10 * GST_SECOND,
      GST_MESSAGE_ELEMENT);
  fail_unless (
      msg != NULL && gst_message_has_name (msg, "instagram-rate-limit"));
  gst_message_unref (msg);
  start = g_get_monotonic_time ();
  gst_element_set_state (pipeline, GST_STATE_NULL);
  fail_unless (g_get_monotonic_time () - start < G_USEC_PER_SEC);
  gst_object_unref (pipeline);
}
GST_END_TEST;

GST_START_TEST (test_off_never_waits)
{
  guint i;

  for (i = 0; i < 4; i++) {
    g_autoptr (IgTestRun) run = run_limited ("off", NULL);

    ig_test_assert_eos (run);
    fail_unless (run->rate_limit == NULL);
  }
  fail_unless_equals_int (fake_instagram_count (fake, "POST", "/api/graphql"),
      4);
}
GST_END_TEST;

GST_START_TEST (test_malformed_rate_limits_keeps_previous)
{
  GstElement *src = gst_element_factory_make ("instagramsrc", NULL);
  g_autofree char *value = NULL;

  g_object_set (src, "rate-limits", "graphql=7/70", NULL);
  g_object_set (src, "rate-limits", "graphql=abc", NULL);
  g_object_get (src, "rate-limits", &value, NULL);
  fail_unless (strstr (value, "graphql=7/70") != NULL, "%s", value);
  gst_object_unref (src);
}
GST_END_TEST;

/* Three gst-launch-1.0 processes at once share one state file: together
 * they stay within 2 GraphQL requests per 3 s. */
GST_START_TEST (test_processes_share_the_budget)
{
  g_autofree char *limits = g_strdup_printf (TIGHT, 2, 3);
  g_autofree char *rl = g_strdup_printf ("rate-limits=%s", limits);
  g_autofree char *st = g_strdup_printf ("rate-limit-state=%s", state_path);
  const char *argv[] = { "gst-launch-1.0", "-q", "instagramsrc",
    "uri=" REEL_URI, rl, st, "!", "fakesink", NULL };
  GPid pids[3];
  guint i;
  gint status;

  for (i = 0; i < 3; i++)
    fail_unless (g_spawn_async (NULL, (char **) argv, NULL,
        G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pids[i],
        NULL));
  for (i = 0; i < 3; i++) {
    fail_unless (waitpid (pids[i], &status, 0) == pids[i]);
    fail_unless (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    g_spawn_close_pid (pids[i]);
  }
  fail_unless_equals_int (fake_instagram_count (fake, "POST", "/api/graphql"),
      3);
  fail_unless (max_posts_in_window (3.0) <= 2, "%u POSTs in 3 s",
      max_posts_in_window (3.0));
}
GST_END_TEST;

/* A state file the limiter cannot use (here: a directory) is one WARNING
 * on the bus naming it, and the post still streams, counted in-process. */
GST_START_TEST (test_unusable_state_file_is_a_warning)
{
  g_autofree char *top = ig_test_make_temp_dir ();
  g_autofree char *dir = g_build_filename (top, "state", NULL);
  g_autofree char *launch = g_strdup_printf ("instagramsrc uri=" REEL_URI
                                             " rate-limits=\"" TIGHT
                                             "\" rate-limit-state=\"%s\" ! "
                                             "fakesink",
      100, 600, dir);
  g_autoptr (IgTestRun) run = NULL;
  g_autoptr (GError) warning = NULL;

  fail_unless (g_mkdir (dir, 0700) == 0);
  run = ig_test_run_launch (launch, 60);
  ig_test_assert_eos (run);
  fail_unless_equals_int (run->n_warnings, 1);
  gst_message_parse_warning (run->warning, &warning, NULL);
  fail_unless (g_error_matches (warning, GST_RESOURCE_ERROR,
      GST_RESOURCE_ERROR_OPEN_READ_WRITE));
  fail_unless (strstr (warning->message, dir) != NULL, "%s", warning->message);
}
GST_END_TEST;

/* A corrupt one: the warning names it, and it is rewritten. */
GST_START_TEST (test_corrupt_state_file_is_a_warning)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autoptr (GError) warning = NULL;
  g_autofree char *limits = g_strdup_printf (TIGHT, 100, 600);
  g_autofree char *contents = NULL;

  fail_unless (g_file_set_contents (state_path, "\x01\x02 not a state\n", -1,
      NULL));
  run = run_limited (limits, NULL);
  ig_test_assert_eos (run);
  fail_unless (run->warning != NULL);
  gst_message_parse_warning (run->warning, &warning, NULL);
  fail_unless (strstr (warning->message, state_path) != NULL, "%s",
      warning->message);
  fail_unless (g_file_get_contents (state_path, &contents, NULL, NULL));
  fail_unless (g_str_has_prefix (contents, "gst-instagram-rate-limit 1\n"));
}
GST_END_TEST;

static Suite *
ratelimit_suite (void)
{
  Suite *s = suite_create ("instagramsrc-ratelimit");
  TCase *tc = tcase_create ("ratelimit");

  suite_add_tcase (s, tc);
  tcase_set_timeout (tc, 120);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_burst_waits_after_the_limit);
  tcase_add_test (tc, test_max_wait_exceeded_is_busy_at_once);
  tcase_add_test (tc, test_429_with_retry_after_is_retried);
  tcase_add_test (tc, test_401_please_wait_backs_off);
  tcase_add_test (tc, test_throttled_past_retries_is_busy);
  tcase_add_test (tc, test_401_on_a_query_tries_the_others);
  tcase_add_test (tc, test_401_everywhere_is_busy);
  tcase_add_test (tc, test_stop_during_wait);
  tcase_add_test (tc, test_off_never_waits);
  tcase_add_test (tc, test_malformed_rate_limits_keeps_previous);
  tcase_add_test (tc, test_processes_share_the_budget);
  tcase_add_test (tc, test_unusable_state_file_is_a_warning);
  tcase_add_test (tc, test_corrupt_state_file_is_a_warning);
  return s;
}

GST_CHECK_MAIN (ratelimit);
