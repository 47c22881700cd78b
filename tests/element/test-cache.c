/* The resolver cache across processes and within one: a warm public post
 * costs one API request, jitter spaces resolutions and not the requests of
 * one, a stale or corrupt cache costs one extra bootstrap, sessions never
 * reach the cache, and elements resolving the same post share one set of
 * requests.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <gst/check/gstcheck.h>
#include <glib/gstdio.h>
#include <string.h>

#include "fake-media.h"
#include "ig-test-utils.h"

#define REEL_URI "https://www.instagram.com/reel/" FAKE_SC_REEL "/"

static FakeInstagram *fake;

/* Runs `gst-launch-1.0 instagramsrc uri=@uri @props ! filesink` as its own
 * process with GST_INSTAGRAM_CACHE_DIR=@cache_dir; @defaults: without the
 * suite's GST_INSTAGRAM_RATE_LIMITS=off, as a user runs it. Checks the file
 * is the reel's. */
static void
run_process (const char *cache_dir, const char *props, gboolean defaults)
{
  g_autofree char *dir = ig_test_make_temp_dir ();
  g_autofree char *out = g_build_filename (dir, "out.mp4", NULL);
  g_autofree char *location = g_strdup_printf ("location=%s", out);
  g_autofree char *uri = g_strdup_printf ("uri=%s", REEL_URI);
  g_auto (GStrv) env = g_get_environ ();
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  gint status;

  g_ptr_array_add (argv, "gst-launch-1.0");
  g_ptr_array_add (argv, "-q");
  g_ptr_array_add (argv, "instagramsrc");
  g_ptr_array_add (argv, uri);
  if (props != NULL)
    g_ptr_array_add (argv, (gpointer) props);
  g_ptr_array_add (argv, "!");
  g_ptr_array_add (argv, "filesink");
  g_ptr_array_add (argv, location);
  g_ptr_array_add (argv, NULL);

  env = g_environ_setenv (env, "GST_INSTAGRAM_CACHE_DIR", cache_dir, TRUE);
  if (defaults)
    env = g_environ_unsetenv (env, "GST_INSTAGRAM_RATE_LIMITS");
  fail_unless (g_spawn_sync (NULL, (char **) argv->pdata, env,
                   G_SPAWN_SEARCH_PATH,
                   NULL, NULL, NULL, &err, &status, &error),
      "%s", error ? error->message : "");
  fail_unless (g_spawn_check_wait_status (status, NULL), "gst-launch: %s",
      err);
  fail_unless (ig_test_files_equal (out,
      fake_instagram_get_media_path (fake, FAKE_MEDIA_REEL_720)));
}

/* API requests (not CDN) in the log from entry @from on, with the times
 * they arrived. */
static GArray *
api_times (guint from)
{
  g_autoptr (GPtrArray) log = fake_instagram_dup_log (fake);
  GArray *times = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint i;

  for (i = from; i < log->len; i++) {
    FakeRequest *req = g_ptr_array_index (log, i);

    if (!g_str_has_prefix (req->path, "/cdn/"))
      g_array_append_val (times, req->time_us);
  }
  return times;
}

/* Requests for exactly @path. */
static guint
count_path (const char *path)
{
  g_autoptr (GPtrArray) log = fake_instagram_dup_log (fake);
  guint i, n = 0;

  for (i = 0; i < log->len; i++)
    n += g_strcmp0 (((FakeRequest *) g_ptr_array_index (log, i))->path, path)
        == 0;
  return n;
}

static guint
log_length (void)
{
  g_autoptr (GPtrArray) log = fake_instagram_dup_log (fake);

  return log->len;
}

/* gst-launch-1.0 (not -q) prints the progress messages a person waits on:
 * resolving, the strategy, the element's own rate-limit wait, done. */
GST_START_TEST (test_progress_messages)
{
  g_autofree char *cache = ig_test_make_temp_dir ();
  g_autofree char *out = NULL, *err = NULL;
  g_auto (GStrv) env = g_get_environ ();
  const char *argv[] = { "gst-launch-1.0", "instagramsrc", "uri=" REEL_URI,
    "rate-limits=jitter=3", "!", "fakesink", NULL };
  gint status;

  run_process (cache, "rate-limits=jitter=3", FALSE);
  env = g_environ_setenv (env, "GST_INSTAGRAM_CACHE_DIR", cache, TRUE);
  fail_unless (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH,
      NULL, NULL, &out, &err, &status, NULL));
  fail_unless (g_spawn_check_wait_status (status, NULL), "%s", err);
  fail_unless (strstr (out, "Progress: (resolve) Resolving " REEL_URI) != NULL,
      "%s", out);
  fail_unless (strstr (out, "Progress: (wait) Waiting ") != NULL,
      "%s", out);
  fail_unless (strstr (out, "for the element's rate limit") != NULL, "%s",
      out);
  fail_unless (strstr (out, "Progress: (resolve) Asking Instagram (polaris)")
          != NULL,
      "%s", out);
  fail_unless (strstr (out, "Progress: (resolve) Resolved: item 1 of 1")
          != NULL,
      "%s", out);
}
GST_END_TEST;

/* The second process resolves the public post with one request. */
GST_START_TEST (test_two_processes)
{
  g_autofree char *cache = ig_test_make_temp_dir ();

  run_process (cache, NULL, FALSE);
  fail_unless_equals_int (ig_test_api_requests (fake), 3);
  run_process (cache, NULL, FALSE);
  fail_unless_equals_int (ig_test_api_requests (fake), 4);
  fail_unless_equals_int (fake_instagram_count (fake, "POST", "/api/graphql"),
      2);
  fail_unless_equals_int (fake_instagram_count (fake, "GET", "/cdn/"), 2);
}
GST_END_TEST;

/* Default settings: the cold resolution's three requests go back to back,
 * the next three processes cost one request each, spaced by at least the
 * jitter's minimum (0.5 s). */
GST_START_TEST (test_four_processes_spacing)
{
  g_autofree char *cache = ig_test_make_temp_dir ();
  g_autoptr (GArray) cold = NULL;
  gint64 first_request[4];
  guint i, mark;

  run_process (cache, NULL, TRUE);
  cold = api_times (0);
  fail_unless_equals_int (cold->len, 3);
  first_request[0] = g_array_index (cold, gint64, 0);
  for (i = 1; i < cold->len; i++) {
    gint64 gap =
        g_array_index (cold, gint64, i) - g_array_index (cold, gint64, i - 1);

    fail_unless (gap < 250000, "gap %" G_GINT64_FORMAT " us inside one cold "
                               "resolution", gap);
  }
  for (i = 1; i < 4; i++) {
    g_autoptr (GArray) warm = NULL;

    mark = log_length ();
    run_process (cache, NULL, TRUE);
    warm = api_times (mark);
    fail_unless_equals_int (warm->len, 1);
    first_request[i] = g_array_index (warm, gint64, 0);
  }
  for (i = 1; i < 4; i++)
    fail_unless (first_request[i] - first_request[i - 1] >= 500000,
        "resolutions %u and %u only %" G_GINT64_FORMAT " us apart", i, i + 1,
        first_request[i] - first_request[i - 1]);
}
GST_END_TEST;

/* Instagram forgot the cached tokens: one extra bootstrap, then warm
 * again; never a loop. */
GST_START_TEST (test_stale_cache)
{
  g_autofree char *cache = ig_test_make_temp_dir ();

  run_process (cache, NULL, FALSE);
  fake_instagram_rotate_tokens (fake);
  fake_instagram_reset_log (fake);
  run_process (cache, NULL, FALSE);
  /* Polaris refused (403), homepage, ruling, Polaris */
  fail_unless_equals_int (ig_test_api_requests (fake), 4);
  fail_unless_equals_int (count_path ("/"), 1);
  fail_unless_equals_int (count_path ("/api/graphql"), 2);
  fake_instagram_reset_log (fake);
  run_process (cache, NULL, FALSE);
  fail_unless_equals_int (ig_test_api_requests (fake), 1);
}
GST_END_TEST;

static void
scramble_files (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL) {
    g_autofree char *path = g_build_filename (dir, name, NULL);
    guint8 junk[700];
    guint i;

    for (i = 0; i < sizeof junk; i++)
      junk[i] = g_random_int_range (0, 256);
    fail_unless (g_file_set_contents (path, (char *) junk, sizeof junk, NULL));
    n++;
  }
  fail_unless (n > 0);
}

/* The cache overwritten with random bytes: one warning naming the file, a
 * cold resolution, and the file is ours again. */
GST_START_TEST (test_corrupt_cache)
{
  g_autofree char *cache = ig_test_make_temp_dir ();
  g_autofree char *file = g_build_filename (cache, "resolver", NULL);
  g_autoptr (IgTestRun) run = NULL;
  g_autoptr (IgTestRun) again = NULL;
  g_autoptr (GError) warning = NULL;
  g_autofree char *path = NULL, *path2 = NULL;

  run_process (cache, NULL, FALSE);
  scramble_files (cache);
  fake_instagram_reset_log (fake);
  g_setenv ("GST_INSTAGRAM_CACHE_DIR", cache, TRUE);
  path = ig_test_save (REEL_URI, NULL, &run);
  ig_test_assert_eos (run);
  fail_unless (ig_test_files_equal (path,
      fake_instagram_get_media_path (fake, FAKE_MEDIA_REEL_720)));
  fail_unless_equals_int (ig_test_api_requests (fake), 3);
  fail_unless (run->warning != NULL);
  gst_message_parse_warning (run->warning, &warning, NULL);
  fail_unless (g_error_matches (warning, GST_RESOURCE_ERROR,
      GST_RESOURCE_ERROR_OPEN_READ_WRITE));
  fail_unless (strstr (warning->message, file) != NULL, "%s", warning->message);
  /* rewritten: the next run is warm and quiet */
  fake_instagram_reset_log (fake);
  path2 = ig_test_save (REEL_URI, NULL, &again);
  ig_test_assert_eos (again);
  fail_unless (again->warning == NULL);
  fail_unless_equals_int (ig_test_api_requests (fake), 1);
}
GST_END_TEST;

static gboolean
file_contains (const char *path, const char *needle)
{
  g_autofree char *data = NULL;
  gsize len;

  return g_file_get_contents (path, &data, &len, NULL)
      && g_strstr_len (data, len, needle) != NULL;
}

/* Logged in, and with a session Instagram refuses: no file of the cache
 * ever holds the session. */
GST_START_TEST (test_no_session_in_cache)
{
  g_autofree char *cache = ig_test_make_temp_dir ();
  g_autoptr (GDir) d = NULL;
  const char *name;
  guint files = 0;

  run_process (cache, "session-id=" FAKE_SESSION_ID, FALSE);
  run_process (cache, "session-id=Rejected%3Asession%3A99", FALSE);
  run_process (cache, NULL, FALSE);
  d = g_dir_open (cache, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL) {
    g_autofree char *path = g_build_filename (cache, name, NULL);

    fail_if (file_contains (path, FAKE_SESSION_ID), "%s", path);
    fail_if (file_contains (path, "Rejected"), "%s", path);
    fail_if (file_contains (path, "sessionid"), "%s", path);
    files++;
  }
  fail_unless (files >= 1);
}
GST_END_TEST;

/* rate-limit-state="": the cache lives in this process only. */
GST_START_TEST (test_memory_only)
{
  g_autofree char *cache = ig_test_make_temp_dir ();
  g_autofree char *file = g_build_filename (cache, "resolver", NULL);
  g_autoptr (IgTestRun) run = NULL;
  g_autoptr (IgTestRun) again = NULL;
  g_autofree char *path = NULL, *path2 = NULL;

  g_setenv ("GST_INSTAGRAM_CACHE_DIR", cache, TRUE);
  path = ig_test_save (REEL_URI, "rate-limit-state=\"\"", &run);
  ig_test_assert_eos (run);
  path2 = ig_test_save (REEL_URI, "rate-limit-state=\"\"", &again);
  ig_test_assert_eos (again);
  fail_unless_equals_int (ig_test_api_requests (fake), 4);
  fail_if (g_file_test (file, G_FILE_TEST_EXISTS));
}
GST_END_TEST;

/* Two elements of one process open the same post at once: one set of API
 * requests, two downloads. */
GST_START_TEST (test_same_post_two_elements)
{
  g_autofree char *dir = ig_test_make_temp_dir ();
  g_autofree char *launch = g_strdup_printf (
      "instagramsrc uri=%s ! filesink location=%s/a.mp4 "
      "instagramsrc uri=%s ! filesink location=%s/b.mp4",
      REEL_URI, dir, REEL_URI, dir);
  g_autofree char *a = g_build_filename (dir, "a.mp4", NULL);
  g_autofree char *b = g_build_filename (dir, "b.mp4", NULL);
  g_autoptr (IgTestRun) run = NULL;

  /* keep the first resolution in flight while the second element starts */
  fake_instagram_set_stall_ms (fake, "/api/graphql", 500);
  run = ig_test_run_launch (launch, 60);
  ig_test_assert_eos (run);
  fail_unless (ig_test_files_equal (a,
      fake_instagram_get_media_path (fake, FAKE_MEDIA_REEL_720)));
  fail_unless (ig_test_files_equal (b,
      fake_instagram_get_media_path (fake, FAKE_MEDIA_REEL_720)));
  fail_unless_equals_int (ig_test_api_requests (fake), 3);
  fail_unless_equals_int (fake_instagram_count (fake, "GET", "/cdn/"), 2);
}
GST_END_TEST;

static Suite *
cache_suite (void)
{
  Suite *s = suite_create ("instagramsrc-cache");
  TCase *tc = tcase_create ("cache");

  ig_test_use_fake (tc, &fake);
  tcase_set_timeout (tc, 120);
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_two_processes);
  tcase_add_test (tc, test_progress_messages);
  tcase_add_test (tc, test_four_processes_spacing);
  tcase_add_test (tc, test_stale_cache);
  tcase_add_test (tc, test_corrupt_cache);
  tcase_add_test (tc, test_no_session_in_cache);
  tcase_add_test (tc, test_memory_only);
  tcase_add_test (tc, test_same_post_two_elements);
  return s;
}

GST_CHECK_MAIN (cache);
