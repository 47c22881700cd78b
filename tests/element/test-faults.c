/* Fault injection on the fake CDN: a download that drops or stalls is
 * resumed from the exact byte with a Range request and the saved file is
 * identical; past `retries`, or trickling below the floor, it fails within
 * `timeout` + 1 s.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <gst/check/gstcheck.h>
#include <glib/gstdio.h>

#include "fake-media.h"
#include "ig-test-utils.h"

#define REEL_URI "https://www.instagram.com/reel/" FAKE_SC_REEL "/"
#define NONFAST_URI "https://www.instagram.com/p/" FAKE_SC_NONFASTSTART "/"

static FakeInstagram *fake;

static guint64
media_size (const char *media)
{
  GStatBuf st;

  fail_unless (g_stat (fake_instagram_get_media_path (fake, media), &st) == 0);
  return st.st_size;
}

/* One cut GET, then one Range GET: returns the byte it asked from. */
static guint64
resumed_from (const char *media)
{
  g_autoptr (GPtrArray) log = fake_instagram_dup_log (fake);
  g_autofree char *path = g_strconcat ("/cdn/", media, NULL);
  guint64 from = 0;
  char *end = NULL;
  guint i, gets = 0;

  for (i = 0; i < log->len; i++) {
    FakeRequest *req = g_ptr_array_index (log, i);

    if (!g_str_equal (req->path, path))
      continue;
    if (gets++ == 0) {
      fail_unless (req->range == NULL);
      continue;
    }
    fail_unless (req->range != NULL && g_str_has_prefix (req->range, "bytes="));
    from = g_ascii_strtoull (req->range + 6, &end, 10);
    fail_unless_equals_string (end, "-");
  }
  fail_unless_equals_int (gets, 2);
  return from;
}

static void
assert_resumed_at (const char *media, guint64 cut)
{
  fail_unless_equals_uint64 (resumed_from (media), cut);
}

static void
assert_survives_drop (const char *uri, const char *media, guint64 cut)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *path = NULL;

  fake_instagram_reset_log (fake);
  fake_instagram_set_cdn_drop (fake, cut, 1);
  path = ig_test_save (uri, NULL, &run);
  ig_test_assert_eos (run);
  fail_unless (ig_test_files_equal (path,
                   fake_instagram_get_media_path (fake, media)),
      "%s cut at %" G_GUINT64_FORMAT, media, cut);
  assert_resumed_at (media, cut);
}

GST_START_TEST (test_drop_resumes_byte_identical)
{
  guint64 reel = media_size (FAKE_MEDIA_REEL_720);
  guint64 nonfast = media_size (FAKE_MEDIA_NONFASTSTART);
  /* in the ftyp, in the moov (faststart: at the start), in the middle,
   * one byte before the end; the non-faststart moov is in its last KB */
  const guint64 reel_cuts[] = { 10, 1500, reel / 2, reel - 1 };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (reel_cuts); i++)
    assert_survives_drop (REEL_URI, FAKE_MEDIA_REEL_720, reel_cuts[i]);
  assert_survives_drop (NONFAST_URI, FAKE_MEDIA_NONFASTSTART, nonfast - 700);
  assert_survives_drop (NONFAST_URI, FAKE_MEDIA_NONFASTSTART, 1 << 20);
}
GST_END_TEST;

GST_START_TEST (test_drop_without_retries_is_open_read)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *path = NULL;

  fake_instagram_set_cdn_drop (fake, 1000, 1);
  path = ig_test_save (REEL_URI, "retries=0", &run);
  ig_test_assert_error (run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_OPEN_READ,
      REEL_URI);
}
GST_END_TEST;

static guint
count_status (const char *media, guint status)
{
  g_autoptr (GPtrArray) log = fake_instagram_dup_log (fake);
  g_autofree char *path = g_strconcat ("/cdn/", media, NULL);
  guint i, n = 0;

  for (i = 0; i < log->len; i++) {
    FakeRequest *req = g_ptr_array_index (log, i);

    n += g_str_equal (req->path, path) && req->status == status;
  }
  return n;
}

/* The URL expires while the file downloads: the element resolves the post
 * again (once) and goes on from the same byte with the new URL. */
GST_START_TEST (test_expired_url_is_resolved_again)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *path = NULL;

  fake_instagram_set_cdn_expiry (fake, 1);
  fake_instagram_set_cdn_drop (fake, 20000, 1);
  /* every CDN answer is 2.5 s late, so the resume arrives after oe */
  fake_instagram_set_stall_ms (fake, "/cdn/", 2500);
  path = ig_test_save (REEL_URI, NULL, &run);
  ig_test_assert_eos (run);
  fail_unless (ig_test_files_equal (path,
      fake_instagram_get_media_path (fake, FAKE_MEDIA_REEL_720)));
  fail_unless_equals_int (fake_instagram_count (fake, "POST", "/api/graphql"),
      2);
  fail_unless_equals_int (count_status (FAKE_MEDIA_REEL_720, 403), 1);
  fail_unless_equals_int (count_status (FAKE_MEDIA_REEL_720, 206), 1);
  {
    g_autoptr (GPtrArray) log = fake_instagram_dup_log (fake);
    FakeRequest *last = g_ptr_array_index (log, log->len - 1);

    /* the renewed URL goes on from the byte where the old one stopped */
    fail_unless_equals_string (last->range, "bytes=20000-");
    fail_unless_equals_int (last->status, 206);
  }
  fake_instagram_set_stall_ms (fake, "/cdn/", 0);
}
GST_END_TEST;

/* URLs that are refused again after resolving once more: a clear error,
 * and only one extra resolution. */
GST_START_TEST (test_refused_again_is_open_read)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *path = NULL;

  fake_instagram_set_cdn_expiry (fake, -60);
  path = ig_test_save (REEL_URI, NULL, &run);
  ig_test_assert_error (run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_OPEN_READ,
      "refused");
  fail_unless_equals_int (fake_instagram_count (fake, "POST", "/api/graphql"),
      2);
  fail_unless_equals_int (count_status (FAKE_MEDIA_REEL_720, 403), 2);
}
GST_END_TEST;

/* When the first CDN GET of @media reached the fake, which sends what it
 * sends of the body at once. */
static gint64
first_get_us (const char *media)
{
  g_autoptr (GPtrArray) log = fake_instagram_dup_log (fake);
  g_autofree char *path = g_strconcat ("/cdn/", media, NULL);
  guint i;

  for (i = 0; i < log->len; i++) {
    FakeRequest *req = g_ptr_array_index (log, i);

    if (g_str_equal (req->path, path) && g_str_equal (req->method, "GET"))
      return req->time_us;
  }
  fail ("no GET of %s", media);
  return 0;
}

/* With @props the download ends in a network error (OPEN_READ) whose
 * debug string holds @why, at most @bound_s seconds after the CDN began to
 * answer. */
static void
assert_gives_up (const char *props, const char *why, gdouble bound_s)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *debug = NULL;
  gdouble took;

  path = ig_test_save (REEL_URI, props, &run);
  ig_test_assert_error (run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_OPEN_READ,
      REEL_URI);
  gst_message_parse_error (run->done, &error, &debug);
  fail_unless (strstr (debug, why) != NULL, "'%s' not in '%s'", why, debug);
  /* the signature authorizes the download: keep it out of messages */
  fail_unless (strstr (debug, "oh=") == NULL, "%s", debug);
  took = (run->done_us - first_get_us (FAKE_MEDIA_REEL_720)) / 1e6;
  GST_INFO ("gave up %.2f s after the CDN answered: %s", took, debug);
  fail_unless (took <= bound_s, "gave up after %.2f s", took);
}

/* 1 KB, then the CDN sends nothing and keeps the connection open. */
GST_START_TEST (test_stall_without_retries_is_open_read)
{
  fake_instagram_set_cdn_stall (fake, 1024, 1);
  assert_gives_up ("timeout=3 retries=0", "the CDN sent nothing for 3 s",
      3 + 1);
}
GST_END_TEST;

/* 200 bytes a second: below the floor of 1024 bytes in 3 s. */
GST_START_TEST (test_trickle_is_open_read)
{
  fake_instagram_set_cdn_trickle (fake, 200, 1);
  assert_gives_up ("timeout=3 retries=0", "bytes in 3 s", 3 + 1);
}
GST_END_TEST;

static void
assert_resumes_whole (void)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *path = NULL;

  path = ig_test_save (REEL_URI, "timeout=2 retries=1", &run);
  ig_test_assert_eos (run);
  fail_unless (ig_test_files_equal (path,
      fake_instagram_get_media_path (fake, FAKE_MEDIA_REEL_720)));
}

/* Only the first GET stalls after 1 KB, or trickles 200 bytes a second
 * (600 in 2 s or fewer): one resume from where it stopped. */
GST_START_TEST (test_stall_resumes_byte_identical)
{
  guint64 from;

  fake_instagram_set_cdn_stall (fake, 1024, 1);
  assert_resumes_whole ();
  assert_resumed_at (FAKE_MEDIA_REEL_720, 1024);

  fake_instagram_reset_log (fake);
  fake_instagram_set_cdn_trickle (fake, 200, 1);
  assert_resumes_whole ();
  from = resumed_from (FAKE_MEDIA_REEL_720);
  fail_unless (from > 0 && from < 1024 && from % 200 == 0,
      "resumed from %" G_GUINT64_FORMAT, from);
}
GST_END_TEST;

/* The first GET and its resume both stall after 500 bytes, fewer than the
 * floor, so neither counts as progress: retries=1 allows that one resume. */
GST_START_TEST (test_stalls_use_up_retries)
{
  fake_instagram_set_cdn_stall (fake, 500, 2);
  assert_gives_up ("timeout=2 retries=1",
      "stopped at byte 1000 and 1 reconnects did not help: the CDN sent "
      "only 500 bytes in 2 s",
      2 * 2 + 1);
  assert_resumed_at (FAKE_MEDIA_REEL_720, 500);
}
GST_END_TEST;

/* With no timeout a stalled body waits, but stopping the pipeline ends the
 * wait at once. */
GST_START_TEST (test_stop_during_stall_is_prompt)
{
  g_autofree char *dir = ig_test_make_temp_dir ();
  g_autofree char *launch =
      g_strdup_printf ("instagramsrc uri=\"%s\" "
                       "timeout=0 ! filesink location=\"%s/out.bin\"",
          REEL_URI, dir);
  GstElement *pipeline = gst_parse_launch (launch, NULL);
  gint64 start;

  fake_instagram_set_cdn_stall (fake, 1024, 1);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  start = g_get_monotonic_time ();
  while (fake_instagram_count (fake, "GET", "/cdn/") == 0
      && g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC)
    g_usleep (10 * 1000);
  fail_unless (fake_instagram_count (fake, "GET", "/cdn/") > 0);
  g_usleep (500 * 1000);
  start = g_get_monotonic_time ();
  gst_element_set_state (pipeline, GST_STATE_NULL);
  GST_INFO ("set_state (NULL) took %.3f s",
      (g_get_monotonic_time () - start) / 1e6);
  fail_unless (g_get_monotonic_time () - start < G_USEC_PER_SEC);
  gst_object_unref (pipeline);
}
GST_END_TEST;

static Suite *
faults_suite (void)
{
  Suite *s = suite_create ("instagramsrc-faults");
  TCase *tc = tcase_create ("faults");

  suite_add_tcase (s, tc);
  tcase_set_timeout (tc, 120);
  ig_test_use_fake (tc, &fake);
  tcase_add_test (tc, test_drop_resumes_byte_identical);
  tcase_add_test (tc, test_drop_without_retries_is_open_read);
  tcase_add_test (tc, test_expired_url_is_resolved_again);
  tcase_add_test (tc, test_refused_again_is_open_read);
  tcase_add_test (tc, test_stall_without_retries_is_open_read);
  tcase_add_test (tc, test_stall_resumes_byte_identical);
  tcase_add_test (tc, test_trickle_is_open_read);
  tcase_add_test (tc, test_stalls_use_up_retries);
  tcase_add_test (tc, test_stop_during_stall_is_prompt);
  return s;
}

GST_CHECK_MAIN (faults);
