/* instagramsrc ! filesink saves exactly the bytes the CDN serves, for every
 * post shape, with the tags and the instagram-media message it promises.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <gst/check/gstcheck.h>
#include <string.h>

#include "fake-media.h"
#include "ig-config.h"
#include "ig-media-reader.h"
#include "ig-test-utils.h"

static FakeInstagram *fake;

/* Saves @uri and checks it equals the fake's @media file, fetched once. */
static IgTestRun *
assert_saves (const char *uri, const char *props, const char *media)
{
  IgTestRun *run = NULL;
  g_autofree char *path = ig_test_save (uri, props, &run);
  g_autofree char *cdn_path = g_strconcat ("/cdn/", media, NULL);

  ig_test_assert_eos (run);
  fail_unless (ig_test_files_equal (path,
                   fake_instagram_get_media_path (fake, media)),
      "%s: saved bytes differ from %s", uri, media);
  fail_unless_equals_int (fake_instagram_count (fake, "GET", cdn_path), 1);
  fail_unless_equals_int (fake_instagram_count (fake, NULL, "/cdn/"), 1);
  return run;
}

GST_START_TEST (test_image_post_largest_candidate)
{
  g_autoptr (IgTestRun) run =
      assert_saves ("https://www.instagram.com/p/" FAKE_SC_IMAGE "/", NULL,
          FAKE_MEDIA_IMAGE_LARGE);

  /* A cold start costs the homepage, the ruling check and one GraphQL
   * request, nothing more. */
  fail_unless_equals_int (ig_test_api_requests (fake), 3);
  fail_unless_equals_int (fake_instagram_count (fake, "GET",
                              "/api/v1/web/get_ruling_for_content/"),
      1);
  fail_unless_equals_int (fake_instagram_count (fake, "POST", "/api/graphql"),
      1);
}
GST_END_TEST;

GST_START_TEST (test_image_max_height)
{
  g_autoptr (IgTestRun) run =
      assert_saves ("https://www.instagram.com/p/" FAKE_SC_IMAGE "/",
          "max-height=800", FAKE_MEDIA_IMAGE_MEDIUM);
}
GST_END_TEST;

GST_START_TEST (test_video_post)
{
  g_autoptr (IgTestRun) run =
      assert_saves ("https://www.instagram.com/tv/" FAKE_SC_VIDEO "/", NULL,
          FAKE_MEDIA_VIDEO);
}
GST_END_TEST;

/* The 480p version is listed first with type 101: size decides, not type. */
GST_START_TEST (test_reel_picks_largest_version)
{
  g_autoptr (IgTestRun) run =
      assert_saves ("https://www.instagram.com/reel/" FAKE_SC_REEL
                    "/?igsh=MTdtZmY5N2t6",
          NULL, FAKE_MEDIA_REEL_720);
}
GST_END_TEST;

GST_START_TEST (test_reel_max_height_720_and_below)
{
  g_autoptr (IgTestRun) a =
      assert_saves ("https://www.instagram.com/reels/" FAKE_SC_REEL "/",
          "max-height=1000", FAKE_MEDIA_REEL_480);
  g_autoptr (IgTestRun) b = NULL;

  fake_instagram_reset_log (fake);
  b = assert_saves ("https://www.instagram.com/reel/" FAKE_SC_REEL "/",
      "max-height=100", FAKE_MEDIA_REEL_360);
}
GST_END_TEST;

GST_START_TEST (test_carousel_items)
{
  g_autoptr (IgTestRun) first =
      assert_saves ("https://www.instagram.com/p/" FAKE_SC_CAROUSEL "/", NULL,
          FAKE_MEDIA_CAROUSEL_1);
  g_autoptr (IgTestRun) second = NULL, third = NULL, by_index = NULL;

  fake_instagram_reset_log (fake);
  second = assert_saves ("https://www.instagram.com/p/" FAKE_SC_CAROUSEL
                         "/?img_index=2",
      NULL, FAKE_MEDIA_CAROUSEL_VIDEO);
  fake_instagram_reset_log (fake);
  third =
      assert_saves ("https://www.instagram.com/fakecarousel/p/" FAKE_SC_CAROUSEL
                    "/",
          "media-index=2", FAKE_MEDIA_CAROUSEL_3);
  /* media-index wins over img_index */
  fake_instagram_reset_log (fake);
  by_index = assert_saves ("https://www.instagram.com/p/" FAKE_SC_CAROUSEL
                           "/?img_index=3",
      "media-index=0", FAKE_MEDIA_CAROUSEL_1);
}
GST_END_TEST;

GST_START_TEST (test_nonfaststart_video)
{
  g_autoptr (IgTestRun) run =
      assert_saves ("instagram://media?id=" FAKE_PK_NONFASTSTART, NULL,
          FAKE_MEDIA_NONFASTSTART);
}
GST_END_TEST;

static void
assert_tag_string (GstTagList *tags, const char *tag, const char *expected)
{
  g_autofree gchar *value = NULL;

  fail_unless (gst_tag_list_get_string (tags, tag, &value), "no %s tag", tag);
  fail_unless_equals_string (value, expected);
}

static void
assert_tag_uint64 (GstTagList *tags, const char *tag, guint64 expected)
{
  guint64 value = 0;

  fail_unless (gst_tag_list_get_uint64 (tags, tag, &value), "no %s tag", tag);
  fail_unless_equals_uint64 (value, expected);
}

GST_START_TEST (test_image_tags)
{
  g_autoptr (IgTestRun) run =
      assert_saves ("https://www.instagram.com/p/" FAKE_SC_IMAGE "/", NULL,
          FAKE_MEDIA_IMAGE_LARGE);
  GstDateTime *when = NULL;

  fail_unless (run->tags != NULL);
  assert_tag_string (run->tags, GST_TAG_TITLE, "Sunset over the river 🌅");
  assert_tag_string (run->tags, GST_TAG_ARTIST, "fakeuser");
  assert_tag_string (run->tags, GST_TAG_COMMENT,
      "Sunset over the river 🌅\nSecond line #lisbon");
  assert_tag_string (run->tags, GST_TAG_LOCATION,
      "https://www.instagram.com/p/" FAKE_SC_IMAGE "/");
  assert_tag_string (run->tags, GST_TAG_GEO_LOCATION_NAME, "Lisbon, Portugal");
  assert_tag_string (run->tags, "instagram-shortcode", FAKE_SC_IMAGE);
  assert_tag_uint64 (run->tags, "instagram-like-count", 42);
  assert_tag_uint64 (run->tags, "instagram-comment-count", 3);
  fail_unless (
      gst_tag_list_get_date_time (run->tags, GST_TAG_DATE_TIME, &when));
  fail_unless_equals_int (gst_date_time_get_year (when), 2025);
  fail_unless_equals_int (gst_date_time_get_month (when), 6);
  fail_unless_equals_int (gst_date_time_get_day (when), 17);
  fail_unless_equals_int (gst_date_time_get_hour (when), 16);
  fail_unless_equals_int (gst_date_time_get_minute (when), 25);
  fail_unless_equals_int (gst_date_time_get_second (when), 29);
  fail_unless_equals_float (gst_date_time_get_time_zone_offset (when), 0.0);
  gst_date_time_unref (when);
}
GST_END_TEST;

GST_START_TEST (test_reel_tags_duration_and_views)
{
  g_autoptr (IgTestRun) run =
      assert_saves ("https://www.instagram.com/reel/" FAKE_SC_REEL "/", NULL,
          FAKE_MEDIA_REEL_720);

  assert_tag_string (run->tags, GST_TAG_TITLE, "Gingerton");
  assert_tag_string (run->tags, GST_TAG_ARTIST, "fakereels");
  assert_tag_uint64 (run->tags, GST_TAG_DURATION, 2 * GST_SECOND);
  assert_tag_uint64 (run->tags, "instagram-view-count", 12000);
  fail_if (gst_tag_list_get_tag_size (run->tags, GST_TAG_GEO_LOCATION_NAME));
}
GST_END_TEST;

static const GstStructure *
media_item (const GstStructure *media, guint index)
{
  const GValue *items = gst_structure_get_value (media, "items");

  fail_unless (items != NULL && GST_VALUE_HOLDS_ARRAY (items));
  return gst_value_get_structure (gst_value_array_get_value (items, index));
}

static void
assert_item (const GstStructure *item, guint index, const char *type,
    gint width, gint height)
{
  guint i = G_MAXUINT;
  gint w = 0, h = 0;

  fail_unless (gst_structure_get_uint (item, "index", &i));
  fail_unless_equals_int (i, index);
  fail_unless_equals_string (gst_structure_get_string (item, "type"), type);
  fail_unless (gst_structure_get_int (item, "width", &w));
  fail_unless (gst_structure_get_int (item, "height", &h));
  fail_unless_equals_int (w, width);
  fail_unless_equals_int (h, height);
}

GST_START_TEST (test_media_message_lists_items)
{
  g_autoptr (IgTestRun) run =
      assert_saves ("https://www.instagram.com/p/" FAKE_SC_CAROUSEL
                    "/?img_index=2",
          NULL, FAKE_MEDIA_CAROUSEL_VIDEO);
  guint n = 0, streamed = 0;
  guint64 duration = 0;

  fail_unless (run->media != NULL);
  fail_unless_equals_string (gst_structure_get_string (run->media, "shortcode"),
      FAKE_SC_CAROUSEL);
  fail_unless (gst_structure_get_uint (run->media, "n-items", &n));
  fail_unless_equals_int (n, 3);
  fail_unless (
      gst_structure_get_uint (run->media, "streamed-index", &streamed));
  fail_unless_equals_int (streamed, 1);
  assert_item (media_item (run->media, 0), 0, "image", 1080, 1080);
  assert_item (media_item (run->media, 1), 1, "video", 720, 900);
  assert_item (media_item (run->media, 2), 2, "image", 1080, 1080);
  fail_unless (gst_structure_get_uint64 (media_item (run->media, 1), "duration",
      &duration));
  fail_unless_equals_uint64 (duration, 1500 * GST_MSECOND);
}
GST_END_TEST;

/* Each generation of Instagram's API still resolves on its own. The June
 * 2026 fake knows no PolarisPostRootQuery: one more request before the
 * page and the older ones. */
static void
assert_generation (guint generation, const char *path, guint api_requests)
{
  g_autoptr (IgTestRun) run = NULL;

  fake_instagram_set_generation (fake, generation);
  run = assert_saves ("https://www.instagram.com/reel/" FAKE_SC_REEL "/", NULL,
      FAKE_MEDIA_REEL_720);
  fail_unless (fake_instagram_count (fake, NULL, path) >= 1, "%s", path);
  fail_unless_equals_int (ig_test_api_requests (fake), api_requests);
}

GST_START_TEST (test_fallback_to_page)
{
  assert_generation (FAKE_GEN_PAGE, "/p/" FAKE_SC_REEL, 5);
}
GST_END_TEST;

GST_START_TEST (test_fallback_to_xdt)
{
  assert_generation (FAKE_GEN_XDT, "/graphql/query", 6);
}
GST_END_TEST;

GST_START_TEST (test_fallback_to_query_hash)
{
  assert_generation (FAKE_GEN_QUERY_HASH, "/graphql/query", 7);
}
GST_END_TEST;

/* Every request the element sends carries @expected_api (API hosts) or
 * @expected_cdn (the CDN) as User-Agent. */
static void
assert_user_agents (const char *expected_api, const char *expected_cdn)
{
  g_autoptr (GPtrArray) log = fake_instagram_dup_log (fake);
  guint i, api = 0, cdn = 0;

  for (i = 0; i < log->len; i++) {
    FakeRequest *req = g_ptr_array_index (log, i);
    gboolean is_cdn = g_str_has_prefix (req->path, "/cdn/");

    fail_unless_equals_string (soup_message_headers_get_one (req->headers,
                                   "User-Agent"),
        is_cdn ? expected_cdn : expected_api);
    is_cdn ? cdn++ : api++;
  }
  fail_unless_equals_int (api, 3);
  fail_unless_equals_int (cdn, 1);
}

/* The user-agent property reaches every request, API and CDN alike. */
GST_START_TEST (test_user_agent_reaches_every_request)
{
  g_autoptr (IgTestRun) run =
      assert_saves ("https://www.instagram.com/reel/" FAKE_SC_REEL "/",
          "user-agent=\"TestAgent/1.0 (gst-instagram tests)\"",
          FAKE_MEDIA_REEL_720);

  assert_user_agents ("TestAgent/1.0 (gst-instagram tests)",
      "TestAgent/1.0 (gst-instagram tests)");
}
GST_END_TEST;

/* Unset: a desktop browser's for the API, a short one for the CDN. */
GST_START_TEST (test_default_user_agents)
{
  g_autoptr (IgTestRun) run =
      assert_saves ("https://www.instagram.com/reel/" FAKE_SC_REEL "/", NULL,
          FAKE_MEDIA_REEL_720);

  assert_user_agents (IG_DEFAULT_USER_AGENT, IG_MEDIA_DEFAULT_USER_AGENT);
}
GST_END_TEST;

static void
collect_log (GstDebugCategory *category, GstDebugLevel level,
    const gchar *file, const gchar *function, gint line, GObject *object,
    GstDebugMessage *message, gpointer data)
{
  if (g_str_equal (gst_debug_category_get_name (category), "instagramsrc"))
    g_ptr_array_add (data, g_strdup (gst_debug_message_get (message)));
}

static gboolean
log_has (GPtrArray *lines, const char *part)
{
  guint i;

  for (i = 0; i < lines->len; i++) {
    if (strstr (g_ptr_array_index (lines, i), part) != NULL)
      return TRUE;
  }
  return FALSE;
}

/* The core logs into the element's category: one INFO line per API request
 * (step, method, path, doc_id, status, bytes, time) and what served the
 * post; never the session. */
GST_START_TEST (test_core_logs_requests)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *path = NULL;
  guint i;

  gst_debug_set_active (TRUE);
  gst_debug_set_threshold_for_name ("instagramsrc", GST_LEVEL_INFO);
  gst_debug_add_log_function (collect_log, lines, NULL);
  path = ig_test_save ("https://www.instagram.com/reel/" FAKE_SC_REEL "/",
      "session-id=no-longer-valid", &run);
  gst_debug_remove_log_function (collect_log);
  gst_debug_set_threshold_for_name ("instagramsrc", GST_LEVEL_NONE);
  ig_test_assert_eos (run);
  fail_unless (log_has (lines, "homepage: GET / -> HTTP 200, "));
  fail_unless (log_has (lines, "ruling check: GET "
                               "/api/v1/web/get_ruling_for_content/ -> HTTP "
                               "200"));
  fail_unless (log_has (lines, "polaris: POST /api/graphql doc_id/hash "
                               "27130156389949648 -> HTTP 200"));
  fail_unless (log_has (lines, "resolved by polaris:27130156389949648"));
  for (i = 0; i < lines->len; i++)
    fail_if (strstr (g_ptr_array_index (lines, i), "no-longer-valid") != NULL);
}
GST_END_TEST;

/* A share link: one anonymous redirect (no user cookies), then the post it
 * names, byte-identical; the next time from the resolver cache. */
GST_START_TEST (test_share_links)
{
  static const struct
  {
    const char *uri, *media;
  } links[] = {
    { "https://www.instagram.com/share/reel/" FAKE_SHARE_REEL "/",
        FAKE_MEDIA_REEL_720 },
    { "https://www.instagram.com/share/p/" FAKE_SHARE_IMAGE "/?igsh=x",
        FAKE_MEDIA_IMAGE_LARGE },
    { "https://www.instagram.com/share/" FAKE_SHARE_CAROUSEL,
        FAKE_MEDIA_CAROUSEL_VIDEO },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (links); i++) {
    g_autoptr (IgTestRun) run = NULL;
    g_autoptr (IgTestRun) again = NULL;
    g_autofree char *path = NULL, *path2 = NULL;

    fake_instagram_reset_log (fake);
    path = ig_test_save (links[i].uri, "session-id=" FAKE_SESSION_ID, &run);
    ig_test_assert_eos (run);
    fail_unless (ig_test_files_equal (path,
        fake_instagram_get_media_path (fake, links[i].media)));
    {
      g_autoptr (GPtrArray) log = fake_instagram_dup_log (fake);
      FakeRequest *first = g_ptr_array_index (log, 0);

      fail_unless (g_str_has_prefix (first->path, "/s"));
      fail_unless (first->cookie == NULL
          || strstr (first->cookie, "sessionid") == NULL);
    }
    fake_instagram_reset_log (fake);
    path2 = ig_test_save (links[i].uri, NULL, &again);
    ig_test_assert_eos (again);
    fail_unless_equals_int (fake_instagram_count (fake, NULL, "/share/"), 0);
  }
}
GST_END_TEST;

/* A share link Instagram does not know: NOT_FOUND saying so. */
GST_START_TEST (test_unknown_share_link)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *path =
      ig_test_save ("https://www.instagram.com/share/reel/Unknown123/", NULL,
          &run);

  ig_test_assert_error (run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_FOUND,
      "This share link does not exist");
}
GST_END_TEST;

static Suite *
download_suite (void)
{
  Suite *s = suite_create ("instagramsrc-download");
  TCase *tc = tcase_create ("download");

  suite_add_tcase (s, tc);
  tcase_set_timeout (tc, 120);
  ig_test_use_fake (tc, &fake);
  tcase_add_test (tc, test_image_post_largest_candidate);
  tcase_add_test (tc, test_image_max_height);
  tcase_add_test (tc, test_video_post);
  tcase_add_test (tc, test_reel_picks_largest_version);
  tcase_add_test (tc, test_reel_max_height_720_and_below);
  tcase_add_test (tc, test_carousel_items);
  tcase_add_test (tc, test_nonfaststart_video);
  tcase_add_test (tc, test_image_tags);
  tcase_add_test (tc, test_reel_tags_duration_and_views);
  tcase_add_test (tc, test_media_message_lists_items);
  tcase_add_test (tc, test_fallback_to_page);
  tcase_add_test (tc, test_fallback_to_xdt);
  tcase_add_test (tc, test_fallback_to_query_hash);
  tcase_add_test (tc, test_user_agent_reaches_every_request);
  tcase_add_test (tc, test_default_user_agents);
  tcase_add_test (tc, test_share_links);
  tcase_add_test (tc, test_core_logs_requests);
  tcase_add_test (tc, test_unknown_share_link);
  return s;
}

GST_CHECK_MAIN (download);
