/* Logged-in access from cookies-file or session-id: private posts, the
 * mobile media info first, rejected sessions, and cookies that never reach
 * the CDN.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <gst/check/gstcheck.h>
#include <glib/gstdio.h>

#include "fake-media.h"
#include "ig-test-utils.h"

#define PRIVATE_URI "https://www.instagram.com/p/" FAKE_SC_PRIVATE "/"
#define REEL_URI "https://www.instagram.com/reel/" FAKE_SC_REEL "/"

static FakeInstagram *fake;

/* No request to the CDN may carry a Cookie header. */
static void
assert_cdn_saw_no_cookie (void)
{
  g_autoptr (GPtrArray) log = fake_instagram_dup_log (fake);
  guint i, cdn = 0;

  for (i = 0; i < log->len; i++) {
    FakeRequest *req = g_ptr_array_index (log, i);

    if (!g_str_has_prefix (req->path, "/cdn/"))
      continue;
    cdn++;
    fail_unless (req->cookie == NULL, "cookie sent to the CDN: %s", req->path);
  }
  fail_unless (cdn > 0);
}

static void
assert_saved (const char *path, const char *media)
{
  fail_unless (
      ig_test_files_equal (path, fake_instagram_get_media_path (fake, media)));
}

GST_START_TEST (test_private_post_with_session_id)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *path =
      ig_test_save (PRIVATE_URI, "session-id=" FAKE_SESSION_ID, &run);

  ig_test_assert_eos (run);
  assert_saved (path, FAKE_MEDIA_PRIVATE);
  /* Logged in, the media info answers at once: one API request. */
  fail_unless_equals_int (ig_test_api_requests (fake), 1);
  fail_unless_equals_int (fake_instagram_count (fake, "GET",
                              "/api/v1/media/" FAKE_PK_PRIVATE "/info/"),
      1);
  assert_cdn_saw_no_cookie ();
}
GST_END_TEST;

static char *
write_cookies_file (const char *session_line_prefix, gint64 expires)
{
  g_autofree char *dir = ig_test_make_temp_dir ();
  char *path = g_build_filename (dir, "cookies.txt", NULL);
  g_autofree char *text = g_strdup_printf (
      "# Netscape HTTP Cookie File\n"
      "# exported by a browser extension\n"
      "\n"
      ".example.com\tTRUE\t/\tFALSE\t%" G_GINT64_FORMAT
      "\tsessionid\tnot-ours\n"
      "%s.instagram.com\tTRUE\t/\tTRUE\t%" G_GINT64_FORMAT "\tsessionid\t%s\n"
      ".instagram.com\tTRUE\t/\tTRUE\t%" G_GINT64_FORMAT "\tds_user_id\t%s\n"
      ".instagram.com\tTRUE\t/\tTRUE\t1000\tmid\texpired-long-ago\n",
      expires, session_line_prefix, expires, FAKE_SESSION_ID, expires,
      FAKE_SESSION_USER_PK);

  fail_unless (g_file_set_contents (path, text, -1, NULL));
  return path;
}

GST_START_TEST (test_private_post_with_cookies_file)
{
  g_autofree char *cookies = write_cookies_file ("#HttpOnly_",
      g_get_real_time () / G_USEC_PER_SEC + 86400);
  g_autofree char *props = g_strdup_printf ("cookies-file=\"%s\"", cookies);
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *path = ig_test_save (PRIVATE_URI, props, &run);
  g_autoptr (GPtrArray) log = NULL;
  FakeRequest *first;

  ig_test_assert_eos (run);
  assert_saved (path, FAKE_MEDIA_PRIVATE);
  log = fake_instagram_dup_log (fake);
  first = g_ptr_array_index (log, 0);
  fail_unless (strstr (first->cookie, "sessionid=" FAKE_SESSION_ID) != NULL);
  fail_unless (strstr (first->cookie, "not-ours") == NULL, "%s", first->cookie);
  fail_unless (strstr (first->cookie, "expired-long-ago") == NULL, "%s",
      first->cookie);
  assert_cdn_saw_no_cookie ();
}
GST_END_TEST;

/* session-id wins over the sessionid of the cookies file. */
GST_START_TEST (test_session_id_wins_over_cookies_file)
{
  g_autofree char *dir = ig_test_make_temp_dir ();
  g_autofree char *cookies = g_build_filename (dir, "cookies.txt", NULL);
  g_autofree char *props = NULL;
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *path = NULL;

  fail_unless (g_file_set_contents (cookies,
      "# Netscape HTTP Cookie File\n"
      ".instagram.com\tTRUE\t/\tTRUE\t4102444800\tsessionid\tstale\n",
      -1, NULL));
  props = g_strdup_printf ("cookies-file=\"%s\" session-id=%s", cookies,
      FAKE_SESSION_ID);
  path = ig_test_save (PRIVATE_URI, props, &run);
  ig_test_assert_eos (run);
  assert_saved (path, FAKE_MEDIA_PRIVATE);
  fail_unless (run->warning == NULL);
}
GST_END_TEST;

GST_START_TEST (test_expired_cookies_are_anonymous)
{
  g_autofree char *cookies = write_cookies_file ("", 1000);
  g_autofree char *props = g_strdup_printf ("cookies-file=\"%s\"", cookies);
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *path = ig_test_save (PRIVATE_URI, props, &run);

  ig_test_assert_error (run, GST_RESOURCE_ERROR,
      GST_RESOURCE_ERROR_NOT_AUTHORIZED, "session-id=");
  fail_unless_equals_int (fake_instagram_count (fake, NULL, "/api/v1/media/"),
      0);
}
GST_END_TEST;

/* Without a session the error says how to pass one. */
GST_START_TEST (test_private_post_without_session_says_how_to_log_in)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *path = ig_test_save (PRIVATE_URI, NULL, &run);

  ig_test_assert_error (run, GST_RESOURCE_ERROR,
      GST_RESOURCE_ERROR_NOT_AUTHORIZED, "cookies-file=");
  ig_test_assert_error (run, GST_RESOURCE_ERROR,
      GST_RESOURCE_ERROR_NOT_AUTHORIZED, PRIVATE_URI);
}
GST_END_TEST;

/* A session Instagram no longer accepts: one warning, then the anonymous
 * chain, which still serves public posts. */
GST_START_TEST (test_rejected_session_falls_back_to_anonymous)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *path =
      ig_test_save (REEL_URI, "session-id=no-longer-valid", &run);
  g_autoptr (GError) warning = NULL;
  g_autofree char *debug = NULL;

  ig_test_assert_eos (run);
  assert_saved (path, FAKE_MEDIA_REEL_720);
  fail_unless (run->warning != NULL);
  gst_message_parse_warning (run->warning, &warning, &debug);
  fail_unless (g_error_matches (warning, GST_RESOURCE_ERROR,
      GST_RESOURCE_ERROR_NOT_AUTHORIZED));
  fail_unless (strstr (warning->message, "session-id") != NULL);
  fail_unless (strstr (warning->message, "no-longer-valid") == NULL);
  /* media info (redirected), then homepage, ruling, Polaris */
  fail_unless_equals_int (ig_test_api_requests (fake), 4);
}
GST_END_TEST;

GST_START_TEST (test_unreadable_cookies_file_is_settings)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *path =
      ig_test_save (REEL_URI, "cookies-file=/nonexistent/cookies.txt", &run);

  ig_test_assert_error (run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_SETTINGS,
      "/nonexistent/cookies.txt");
  fail_unless_equals_int (ig_test_api_requests (fake), 0);
}
GST_END_TEST;

GST_START_TEST (test_session_id_is_write_only)
{
  GstElement *src = gst_element_factory_make ("instagramsrc", NULL);
  GParamSpec *pspec =
      g_object_class_find_property (G_OBJECT_GET_CLASS (src), "session-id");

  fail_unless (pspec != NULL);
  fail_if (pspec->flags & G_PARAM_READABLE);
  gst_object_unref (src);
}
GST_END_TEST;

/* An expired session on a story: the error says which setting held it and
 * what to do, and no "continuing without it" warning comes first. */
GST_START_TEST (test_refused_session_on_a_story_says_so)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *path = ig_test_save ("https://www.instagram.com/stories/"
                                        FAKE_STORY_USER "/",
      "session-id=expired%3Asession%3A1", &run);
  g_autoptr (GError) error = NULL;

  ig_test_assert_error (run, GST_RESOURCE_ERROR,
      GST_RESOURCE_ERROR_NOT_AUTHORIZED,
      "Instagram refused the session-id: log in to Instagram again in a "
      "browser and copy its new sessionid cookie: https://");
  fail_unless (run->warning == NULL);
}
GST_END_TEST;

/* A cookies file without an Instagram sessionid (here: a JSON export, and a
 * file of other cookies): one warning saying so; public posts still play. */
GST_START_TEST (test_cookies_file_without_session_warns)
{
  const char *contents[] = {
    "[{\"domain\": \".instagram.com\", \"name\": \"sessionid\", "
    "\"value\": \"" FAKE_SESSION_ID "\"}]\n",
    "# Netscape HTTP Cookie File\n.instagram.com\tTRUE\t/\tTRUE\t"
    "4102444800\tcsrftoken\tabc\n",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (contents); i++) {
    g_autofree char *dir = ig_test_make_temp_dir ();
    g_autofree char *file = g_build_filename (dir, "cookies.txt", NULL);
    g_autofree char *props = g_strdup_printf ("cookies-file=\"%s\"", file);
    g_autoptr (IgTestRun) run = NULL;
    g_autoptr (GError) warning = NULL;
    g_autofree char *path = NULL;

    fail_unless (g_file_set_contents (file, contents[i], -1, NULL));
    path = ig_test_save (REEL_URI, props, &run);
    ig_test_assert_eos (run);
    fail_unless (run->warning != NULL);
    gst_message_parse_warning (run->warning, &warning, NULL);
    fail_unless (g_error_matches (warning, GST_RESOURCE_ERROR,
        GST_RESOURCE_ERROR_SETTINGS));
    fail_unless (strstr (warning->message,
                     "has no Instagram sessionid cookie (is it a Netscape "
                     "cookies.txt")
            != NULL,
        "%s", warning->message);
    fail_unless (strstr (warning->message, file) != NULL);
  }
}
GST_END_TEST;

static Suite *
login_suite (void)
{
  Suite *s = suite_create ("instagramsrc-login");
  TCase *tc = tcase_create ("login");

  suite_add_tcase (s, tc);
  tcase_set_timeout (tc, 120);
  ig_test_use_fake (tc, &fake);
  tcase_add_test (tc, test_private_post_with_session_id);
  tcase_add_test (tc, test_private_post_with_cookies_file);
  tcase_add_test (tc, test_session_id_wins_over_cookies_file);
  tcase_add_test (tc, test_expired_cookies_are_anonymous);
  tcase_add_test (tc, test_private_post_without_session_says_how_to_log_in);
  tcase_add_test (tc, test_rejected_session_falls_back_to_anonymous);
  tcase_add_test (tc, test_unreadable_cookies_file_is_settings);
  tcase_add_test (tc, test_session_id_is_write_only);
  tcase_add_test (tc, test_refused_session_on_a_story_says_so);
  tcase_add_test (tc, test_cookies_file_without_session_warns);
  return s;
}

GST_CHECK_MAIN (login);
