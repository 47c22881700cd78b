/* Instagram as of December 2026 (the fake's 2026-12 generation): every
 * post shape anonymously and logged in, "for (;;);" prefixes, HTML walls,
 * retired and rotated doc_ids, the configuration file, /auth_platform/
 * and stories through the app API.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <gst/check/gstcheck.h>
#include <string.h>

#include "fake-media.h"
#include "ig-test-utils.h"

#define POST(sc) "https://www.instagram.com/p/" sc "/"
#define SESSION "session-id=" FAKE_SESSION_ID

static FakeInstagram *fake;

static void
era_2026 (void)
{
  fake_instagram_set_era (fake, FAKE_ERA_2026_12);
}

/* Saves @uri and checks its bytes are @media's. */
static IgTestRun *
assert_saves (const char *uri, const char *props, const char *media)
{
  IgTestRun *run = NULL;
  g_autofree char *path = ig_test_save (uri, props, &run);

  ig_test_assert_eos (run);
  fail_unless (ig_test_files_equal (path,
                   fake_instagram_get_media_path (fake, media)),
      "%s: not %s", uri, media);
  return run;
}

/* POSTs or GETs that named @doc_id. */
static guint
requests_with_doc_id (const char *doc_id)
{
  g_autoptr (GPtrArray) log = fake_instagram_dup_log (fake);
  guint i, n = 0;

  for (i = 0; i < log->len; i++) {
    FakeRequest *req = g_ptr_array_index (log, i);
    gsize len = req->body ? g_bytes_get_size (req->body) : 0;
    const char *body = req->body ? g_bytes_get_data (req->body, NULL) : NULL;

    n += (req->query != NULL && strstr (req->query, doc_id) != NULL)
        || (body != NULL && g_strstr_len (body, len, doc_id) != NULL);
  }
  return n;
}

/* Every shape, anonymously (3 requests cold) and logged in (1). */
GST_START_TEST (test_shapes)
{
  static const struct
  {
    const char *uri, *media;
  } posts[] = {
    { POST (FAKE_SC_IMAGE), FAKE_MEDIA_IMAGE_LARGE },
    { "https://www.instagram.com/tv/" FAKE_SC_VIDEO "/", FAKE_MEDIA_VIDEO },
    { "https://www.instagram.com/reel/" FAKE_SC_REEL "/", FAKE_MEDIA_REEL_720 },
    { POST (FAKE_SC_CAROUSEL) "?img_index=2", FAKE_MEDIA_CAROUSEL_VIDEO },
  };
  guint i;

  era_2026 ();
  for (i = 0; i < G_N_ELEMENTS (posts); i++) {
    g_autoptr (IgTestRun) anon = NULL;
    g_autoptr (IgTestRun) logged = NULL;

    ig_test_fresh_cache ();
    fake_instagram_reset_log (fake);
    anon = assert_saves (posts[i].uri, NULL, posts[i].media);
    fail_unless_equals_int (ig_test_api_requests (fake), 3);
    fake_instagram_reset_log (fake);
    logged = assert_saves (posts[i].uri, SESSION, posts[i].media);
    fail_unless_equals_int (ig_test_api_requests (fake), 1);
  }
}
GST_END_TEST;

/* "for (;;);" before every GraphQL answer, as text/javascript. */
GST_START_TEST (test_js_prefix)
{
  g_autoptr (IgTestRun) run = NULL;

  era_2026 ();
  fake_instagram_set_js_prefix (fake, TRUE);
  run = assert_saves (POST (FAKE_SC_IMAGE), NULL, FAKE_MEDIA_IMAGE_LARGE);
  fail_unless_equals_int (ig_test_api_requests (fake), 3);
}
GST_END_TEST;

/* 200 + an HTML login page on every GraphQL endpoint: the post page. */
GST_START_TEST (test_graphql_wall)
{
  g_autoptr (IgTestRun) run = NULL;

  era_2026 ();
  fake_instagram_set_graphql_wall (fake, TRUE);
  run = assert_saves (POST (FAKE_SC_IMAGE), NULL, FAKE_MEDIA_IMAGE_LARGE);
  fail_unless (fake_instagram_count (fake, "GET", "/p/" FAKE_SC_IMAGE) == 1);
}
GST_END_TEST;

/* The Polaris doc_id retired (a persistent 401): served within seconds by
 * another strategy, no rate-limit wait; the next run does not send it. */
GST_START_TEST (test_retired_doc_id)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autoptr (IgTestRun) again = NULL;
  gint64 start = g_get_monotonic_time ();

  era_2026 ();
  fake_instagram_retire_doc_id (fake, FAKE_POLARIS_DOC_ID, TRUE);
  run = assert_saves (POST (FAKE_SC_IMAGE), "rate-limits=jitter=0",
      FAKE_MEDIA_IMAGE_LARGE);
  fail_unless (g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC);
  fail_unless (run->rate_limit == NULL);
  fail_unless_equals_int (requests_with_doc_id (FAKE_POLARIS_DOC_ID), 1);
  fake_instagram_reset_log (fake);
  again = assert_saves (POST (FAKE_SC_IMAGE), "rate-limits=jitter=0",
      FAKE_MEDIA_IMAGE_LARGE);
  fail_unless_equals_int (requests_with_doc_id (FAKE_POLARIS_DOC_ID), 0);
  fail_unless_equals_int (ig_test_api_requests (fake), 1);
}
GST_END_TEST;

#define NEW_POLARIS_ID "27999999999999999"

/* Polaris rotated to an id only the pages' expectedPreloaders name:
 * served with that id, no environment variable, no file. */
GST_START_TEST (test_rotated_doc_id_from_page)
{
  g_autoptr (IgTestRun) run = NULL;

  era_2026 ();
  fake_instagram_set_2026_features (fake,
      fake_instagram_get_2026_features (fake) & ~FAKE_2026_POST_ROOT);
  fake_instagram_rotate_doc_id (fake, FAKE_POLARIS_QUERY_NAME, NEW_POLARIS_ID);
  run = assert_saves (POST (FAKE_SC_IMAGE), NULL, FAKE_MEDIA_IMAGE_LARGE);
  fail_unless_equals_int (requests_with_doc_id (FAKE_POLARIS_DOC_ID), 0);
  fail_unless_equals_int (requests_with_doc_id (NEW_POLARIS_ID), 1);
  fail_unless_equals_string (gst_structure_get_string (run->media,
                                 "resolved-by"),
      "polaris:" NEW_POLARIS_ID);
  fail_unless_equals_int (ig_test_api_requests (fake), 3);
}
GST_END_TEST;

static char *
write_config (const char *contents, gsize len)
{
  g_autofree char *dir = ig_test_make_temp_dir ();
  char *path = g_build_filename (dir, "instagram.conf", NULL);

  fail_unless (g_file_set_contents (path, contents, len, NULL));
  return path;
}

/* The same id given by the configuration file only (the homepage names
 * the old one): used, and a page does not replace it. */
GST_START_TEST (test_doc_id_from_config_file)
{
  g_autofree char *conf =
      write_config ("[api]\npolaris-doc-id=" NEW_POLARIS_ID "\n", -1);
  g_autoptr (IgTestRun) run = NULL;

  era_2026 ();
  fake_instagram_set_2026_features (fake,
      fake_instagram_get_2026_features (fake)
          & ~(FAKE_2026_POST_ROOT | FAKE_2026_PRELOADERS));
  fake_instagram_rotate_doc_id (fake, FAKE_POLARIS_QUERY_NAME, NEW_POLARIS_ID);
  g_setenv ("GST_INSTAGRAM_CONFIG", conf, TRUE);
  run = assert_saves (POST (FAKE_SC_IMAGE), NULL, FAKE_MEDIA_IMAGE_LARGE);
  g_unsetenv ("GST_INSTAGRAM_CONFIG");
  fail_unless (run->warning == NULL);
  fail_unless_equals_int (requests_with_doc_id (NEW_POLARIS_ID), 1);
  fail_unless_equals_int (requests_with_doc_id (FAKE_POLARIS_DOC_ID), 0);
}
GST_END_TEST;

/* A binary-junk configuration file: the defaults and one warning naming
 * it. */
GST_START_TEST (test_junk_config_file)
{
  static const char junk[] = "\x7f"
                             "ELF\x02\x01\x01\x00\x00\x00\xff\xfe";
  g_autofree char *conf = write_config (junk, sizeof junk);
  g_autoptr (IgTestRun) run = NULL;
  g_autoptr (GError) warning = NULL;

  era_2026 ();
  g_setenv ("GST_INSTAGRAM_CONFIG", conf, TRUE);
  run = assert_saves (POST (FAKE_SC_IMAGE), NULL, FAKE_MEDIA_IMAGE_LARGE);
  g_unsetenv ("GST_INSTAGRAM_CONFIG");
  fail_unless (run->warning != NULL);
  gst_message_parse_warning (run->warning, &warning, NULL);
  fail_unless (g_error_matches (warning, GST_RESOURCE_ERROR,
      GST_RESOURCE_ERROR_SETTINGS));
  fail_unless (strstr (warning->message, conf) != NULL, "%s", warning->message);
  fail_unless (strstr (warning->message, ":1:") != NULL, "%s",
      warning->message);
}
GST_END_TEST;

/* A stale session answered with /auth_platform/: the warning, then the
 * public post anonymously; a private post then NOT_AUTHORIZED. */
GST_START_TEST (test_auth_platform)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autoptr (IgTestRun) private = NULL;
  g_autoptr (GError) warning = NULL;
  g_autofree char *path = NULL;

  era_2026 ();
  fake_instagram_set_session_stale (fake, TRUE);
  run = assert_saves (POST (FAKE_SC_IMAGE), SESSION, FAKE_MEDIA_IMAGE_LARGE);
  fail_unless (run->warning != NULL);
  gst_message_parse_warning (run->warning, &warning, NULL);
  fail_unless (g_error_matches (warning, GST_RESOURCE_ERROR,
      GST_RESOURCE_ERROR_NOT_AUTHORIZED));
  path = ig_test_save (POST (FAKE_SC_PRIVATE), SESSION, &private);
  ig_test_assert_error (private, GST_RESOURCE_ERROR,
      GST_RESOURCE_ERROR_NOT_AUTHORIZED, "session-id");
}
GST_END_TEST;

/* The web path of stories redirects; the app API serves them. */
GST_START_TEST (test_stories_through_app_api)
{
  g_autoptr (IgTestRun) run = NULL;

  era_2026 ();
  run = assert_saves ("https://www.instagram.com/stories/" FAKE_STORY_USER
                      "/" FAKE_STORY_PK_2 "/",
      SESSION, FAKE_MEDIA_STORY_2);
  fail_unless (run->warning == NULL);
}
GST_END_TEST;

static Suite *
era_suite (void)
{
  Suite *s = suite_create ("instagramsrc-2026");
  TCase *tc = tcase_create ("2026-12");

  ig_test_use_fake (tc, &fake);
  tcase_set_timeout (tc, 120);
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_shapes);
  tcase_add_test (tc, test_js_prefix);
  tcase_add_test (tc, test_graphql_wall);
  tcase_add_test (tc, test_retired_doc_id);
  tcase_add_test (tc, test_rotated_doc_id_from_page);
  tcase_add_test (tc, test_doc_id_from_config_file);
  tcase_add_test (tc, test_junk_config_file);
  tcase_add_test (tc, test_auth_platform);
  tcase_add_test (tc, test_stories_through_app_api);
  return s;
}

GST_CHECK_MAIN (era);
