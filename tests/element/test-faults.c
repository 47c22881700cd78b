/* Fault injection on the fake CDN: a download that drops is resumed from
 * the exact byte with a Range request and the saved file is identical.
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

/* One cut GET, then one Range GET from exactly @cut. */
static void
assert_resumed_at (const char *media, guint64 cut)
{
  g_autoptr (GPtrArray) log = fake_instagram_dup_log (fake);
  g_autofree char *path = g_strconcat ("/cdn/", media, NULL);
  g_autofree char *range =
      g_strdup_printf ("bytes=%" G_GUINT64_FORMAT "-", cut);
  guint i, gets = 0;

  for (i = 0; i < log->len; i++) {
    FakeRequest *req = g_ptr_array_index (log, i);

    if (!g_str_equal (req->path, path))
      continue;
    if (gets++ == 0)
      fail_unless (req->range == NULL);
    else
      fail_unless_equals_string (req->range, range);
  }
  fail_unless_equals_int (gets, 2);
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
  return s;
}

GST_CHECK_MAIN (faults);
