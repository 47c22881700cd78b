/* Many items (issue 13): profiles, the reels tab, whole stories,
 * highlights and carousels as text/uri-list of lazy per-item URIs, against
 * the fake's profiles (fake-media.h, Profiles).
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <gst/check/gstcheck.h>
#include <gst/pbutils/pbutils.h>
#include <string.h>

#include "fake-media.h"
#include "ig-playlist.h"
#include "ig-test-utils.h"

#define W "https://www.instagram.com/"
#define SESSION "session-id=" FAKE_SESSION_ID

static FakeInstagram *fake;

typedef struct
{
  IgTestRun *run;
  GStrv lines; /* the list's URIs */
  char *text;
} Listed;

static void
listed_clear (Listed *l)
{
  g_clear_pointer (&l->run, ig_test_run_free);
  g_clear_pointer (&l->lines, g_strfreev);
  g_clear_pointer (&l->text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Listed, listed_clear)

/* Saves the list of @uri through a text/uri-list capsfilter (the caps are
 * what the element announced), to EOS, and splits it at CRLF. */
static void
list_ok (const char *uri, const char *props, Listed *l)
{
  g_autofree char *dir = ig_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "list.txt", NULL);
  g_autofree char *launch = g_strdup_printf ("instagramsrc uri=\"%s\" %s ! "
                                             "text/uri-list ! filesink "
                                             "location=\"%s\"",
      uri, props ? props : "", path);
  gsize len = 0;
  guint n;

  l->run = ig_test_run_launch (launch, 120);
  ig_test_assert_eos (l->run);
  fail_unless (g_file_get_contents (path, &l->text, &len, NULL));
  fail_unless (len == 0 || g_str_has_suffix (l->text, "\r\n"), "%s", l->text);
  l->lines = g_strsplit (l->text, "\r\n", -1);
  n = g_strv_length (l->lines);
  if (len == 0) {
    fail_unless (n == 0);
    fail_unless (l->run->playlist != NULL, "no instagram-playlist message");
    return;
  }
  /* the text ends with CRLF: the last piece is empty */
  fail_unless (n >= 1 && l->lines[n - 1][0] == '\0');
  g_free (l->lines[n - 1]);
  l->lines[n - 1] = NULL;
  for (guint i = 0; l->lines[i] != NULL; i++)
    fail_unless (strchr (l->lines[i], '\n') == NULL
        && strchr (l->lines[i], '\r') == NULL);
  fail_unless (l->run->playlist != NULL, "no instagram-playlist message");
}

static guint
n_lines (const Listed *l)
{
  return g_strv_length (l->lines);
}

static gboolean
complete (const Listed *l)
{
  gboolean c = TRUE;

  fail_unless (gst_structure_get_boolean (l->run->playlist, "complete", &c));
  return c;
}

static const GstStructure *
entry (const Listed *l, guint i)
{
  const GValue *entries = gst_structure_get_value (l->run->playlist, "entries");

  fail_unless (entries != NULL && GST_VALUE_HOLDS_ARRAY (entries));
  fail_unless (i < gst_value_array_get_size (entries));
  return gst_value_get_structure (gst_value_array_get_value (entries, i));
}

/* The line and the message agree, entry by entry. */
static void
assert_entries_match (const Listed *l)
{
  const GValue *entries = gst_structure_get_value (l->run->playlist, "entries");

  fail_unless_equals_int (gst_value_array_get_size (entries), n_lines (l));
  for (guint i = 0; i < n_lines (l); i++) {
    const GstStructure *e = entry (l, i);
    gint64 taken = -1;

    fail_unless_equals_string (gst_structure_get_string (e, "uri"),
        l->lines[i]);
    fail_unless (gst_structure_get_string (e, "shortcode") != NULL
        || gst_structure_get_string (e, "pk") != NULL);
    fail_unless (gst_structure_get_string (e, "media-type") != NULL);
    fail_unless (gst_structure_get_string (e, "caption") != NULL);
    fail_unless (gst_structure_get_int64 (e, "taken-at", &taken));
  }
}

/* The grid URI of post @i of @user, as Instagram names it. */
static char *
grid_uri (const char *user, guint i, gboolean clip)
{
  g_autofree char *code = fake_instagram_profile_shortcode (user, i);

  return g_strdup_printf (W "%s/%s/", clip ? "reel" : "p", code);
}

/* The file each kind of clone streams by default. */
static const char *
grid_media (guint kind)
{
  static const char *const files[] = { FAKE_MEDIA_IMAGE_LARGE,
    FAKE_MEDIA_VIDEO, FAKE_MEDIA_REEL_720, FAKE_MEDIA_CAROUSEL_1,
    FAKE_MEDIA_DASH_PROG };

  return files[kind % 5];
}

static gboolean
grid_clip (guint i)
{
  return i % 5 == 2 || i % 5 == 4;
}

static void
assert_streams (const char *uri, const char *props, const char *media)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *path = ig_test_save (uri, props, &run);

  ig_test_assert_eos (run);
  fail_unless (
      ig_test_files_equal (path, fake_instagram_get_media_path (fake, media)),
      "%s is not %s", uri, media);
}

GST_START_TEST (test_three_posts)
{
  g_auto (Listed) l = { 0 };
  static const char *const files[] = { FAKE_MEDIA_REEL_720,
    FAKE_MEDIA_CAROUSEL_1, FAKE_MEDIA_IMAGE_LARGE };
  static const char *const types[] = { "video", "carousel", "image" };

  list_ok (W FAKE_THREE_USER "/", NULL, &l);
  fail_unless_equals_int (n_lines (&l), FAKE_THREE_COUNT);
  fail_unless (complete (&l));
  fail_unless_equals_string (
      gst_structure_get_string (l.run->playlist, "owner"), FAKE_THREE_USER);
  fail_unless_equals_string (gst_structure_get_string (l.run->playlist, "uri"),
      W FAKE_THREE_USER "/");
  fail_unless (l.run->warning == NULL);
  assert_entries_match (&l);
  for (guint i = 0; i < FAKE_THREE_COUNT; i++) {
    g_autofree char *expected = grid_uri (FAKE_THREE_USER, i, i == 0);
    g_autofree char *code = fake_instagram_profile_shortcode (FAKE_THREE_USER,
        i);
    g_autofree char *caption =
        g_strdup_printf ("Fake Three post %u", i + 1);
    gint64 taken = 0;

    fail_unless_equals_string (l.lines[i], expected);
    fail_unless_equals_string (gst_structure_get_string (entry (&l, i),
                                   "shortcode"),
        code);
    fail_unless_equals_string (gst_structure_get_string (entry (&l, i),
                                   "media-type"),
        types[i]);
    fail_unless_equals_string (gst_structure_get_string (entry (&l, i),
                                   "caption"),
        caption);
    gst_structure_get_int64 (entry (&l, i), "taken-at", &taken);
    fail_unless_equals_int64 (taken, FAKE_GRID_TAKEN_AT - 3600 * (gint64) i);
    assert_streams (l.lines[i], NULL, files[i]);
  }
  /* instagram://user maps to the same profile */
  {
    g_auto (Listed) app = { 0 };

    list_ok ("instagram://user?username=" FAKE_THREE_USER, NULL, &app);
    fail_unless_equals_string (app.text, l.text);
  }
}
GST_END_TEST;

GST_START_TEST (test_thirty_anonymously)
{
  g_auto (Listed) l = { 0 };
  GError *warning = NULL;

  list_ok (W FAKE_GRID_USER "/", NULL, &l);
  fail_unless_equals_int (n_lines (&l), FAKE_WEB_PAGE_SIZE);
  fail_if (complete (&l));
  for (guint i = 0; i < FAKE_WEB_PAGE_SIZE; i++) {
    g_autofree char *expected = grid_uri (FAKE_GRID_USER, i, grid_clip (i));

    fail_unless_equals_string (l.lines[i], expected);
  }
  fail_unless_equals_int (l.run->n_warnings, 1);
  gst_message_parse_warning (l.run->warning, &warning, NULL);
  fail_unless (strstr (warning->message, "cookies-file") != NULL
          && strstr (warning->message, "session-id") != NULL,
      "%s", warning->message);
  g_error_free (warning);
  /* one request: the profile answer; no anonymous paging */
  fail_unless_equals_int (ig_test_api_requests (fake), 1);
  fail_unless_equals_int (fake_instagram_count (fake, NULL,
                              "/api/v1/feed/user/"),
      0);
}
GST_END_TEST;

static void
check_thirty_with_session (void)
{
  g_auto (Listed) l = { 0 };
  guint pages;

  fake_instagram_reset_log (fake);
  list_ok (W FAKE_GRID_USER "/", SESSION, &l);
  fail_unless_equals_int (n_lines (&l), FAKE_GRID_COUNT);
  fail_unless (complete (&l));
  fail_unless (l.run->warning == NULL);
  assert_entries_match (&l);
  for (guint i = 0; i < FAKE_GRID_COUNT; i++) {
    g_autofree char *expected = grid_uri (FAKE_GRID_USER, i, grid_clip (i));

    fail_unless_equals_string (l.lines[i], expected);
  }
  pages = fake_instagram_count (fake, "GET", "/api/v1/feed/user/");
  fail_unless (pages >= 1);
  fail_unless (ig_test_api_requests (fake) <= pages + 3, "%u requests",
      ig_test_api_requests (fake));
}

GST_START_TEST (test_thirty_with_session)
{
  check_thirty_with_session ();
  /* December 2026: the web feed redirects, the app API answers */
  fake_instagram_set_era (fake, FAKE_ERA_2026_12);
  check_thirty_with_session ();
}
GST_END_TEST;

/* Every listed URI streams byte-identical (with the session that listed
 * them, one download per post). */
GST_START_TEST (test_thirty_each_streams)
{
  g_auto (Listed) l = { 0 };

  list_ok (W FAKE_GRID_USER "/", SESSION, &l);
  fail_unless_equals_int (n_lines (&l), FAKE_GRID_COUNT);
  for (guint i = 0; i < FAKE_GRID_COUNT; i++)
    assert_streams (l.lines[i], SESSION, grid_media (i));
}
GST_END_TEST;

GST_START_TEST (test_reels_tab)
{
  g_auto (Listed) anon = { 0 };
  g_auto (Listed) logged = { 0 };
  guint k = 0;

  list_ok (W FAKE_GRID_USER "/reels/", NULL, &anon);
  list_ok (W FAKE_GRID_USER "/reels/", SESSION, &logged);
  fail_unless_equals_int (n_lines (&logged), FAKE_GRID_CLIPS);
  fail_unless (complete (&logged));
  for (guint i = 0; i < FAKE_GRID_COUNT; i++) {
    g_autofree char *expected = NULL;

    if (!grid_clip (i))
      continue;
    expected = grid_uri (FAKE_GRID_USER, i, TRUE);
    fail_unless_equals_string (logged.lines[k], expected);
    if (i < FAKE_WEB_PAGE_SIZE)
      fail_unless_equals_string (anon.lines[k], expected);
    k++;
  }
  /* the clips among the first page only, and the warning */
  fail_unless_equals_int (n_lines (&anon), 4);
  fail_if (complete (&anon));
  fail_unless_equals_int (anon.run->n_warnings, 1);
}
GST_END_TEST;

GST_START_TEST (test_highlight_playlist)
{
  g_auto (Listed) l = { 0 };
  const char *uri = W "stories/highlights/" FAKE_HIGHLIGHT_ID "/";

  list_ok (uri, SESSION " playlist=true", &l);
  fail_unless_equals_int (n_lines (&l), 2);
  fail_unless_equals_string (l.lines[0],
      W "stories/highlights/" FAKE_HIGHLIGHT_ID
        "/?story_media_id=" FAKE_HIGHLIGHT_PK_1);
  fail_unless_equals_string (l.lines[1],
      W "stories/highlights/" FAKE_HIGHLIGHT_ID
        "/?story_media_id=" FAKE_HIGHLIGHT_PK_2);
  fail_unless_equals_string (gst_structure_get_string (entry (&l, 0), "pk"),
      FAKE_HIGHLIGHT_PK_1);
  assert_entries_match (&l);
  assert_streams (l.lines[0], SESSION, FAKE_MEDIA_HIGHLIGHT_1);
  assert_streams (l.lines[1], SESSION, FAKE_MEDIA_HIGHLIGHT_2);
  /* playlist=true on an item's URI streams that item */
  assert_streams (l.lines[1], SESSION " playlist=true",
      FAKE_MEDIA_HIGHLIGHT_2);
  /* without playlist: one item, as before */
  assert_streams (uri, SESSION, FAKE_MEDIA_HIGHLIGHT_1);
  /* stories need a session, lists too */
  {
    g_autoptr (IgTestRun) run = NULL;
    g_autofree char *path = ig_test_save (uri, "playlist=true", &run);

    ig_test_assert_error (run, GST_RESOURCE_ERROR,
        GST_RESOURCE_ERROR_NOT_AUTHORIZED, NULL);
  }
}
GST_END_TEST;

GST_START_TEST (test_story_playlist)
{
  g_auto (Listed) l = { 0 };

  list_ok (W "stories/" FAKE_STORY_USER "/", SESSION " playlist=true", &l);
  fail_unless_equals_int (n_lines (&l), 2);
  fail_unless_equals_string (l.lines[0],
      W "stories/" FAKE_STORY_USER "/" FAKE_STORY_PK_1 "/");
  fail_unless_equals_string (l.lines[1],
      W "stories/" FAKE_STORY_USER "/" FAKE_STORY_PK_2 "/");
  fail_unless_equals_string (
      gst_structure_get_string (l.run->playlist, "owner"), FAKE_STORY_USER);
  assert_entries_match (&l);
  assert_streams (l.lines[0], SESSION, FAKE_MEDIA_STORY_1);
  assert_streams (l.lines[1], SESSION, FAKE_MEDIA_STORY_2);
}
GST_END_TEST;

GST_START_TEST (test_carousel_playlist)
{
  g_auto (Listed) l = { 0 };
  static const char *const files[] = { FAKE_MEDIA_CAROUSEL_1,
    FAKE_MEDIA_CAROUSEL_VIDEO, FAKE_MEDIA_CAROUSEL_3 };

  list_ok (W "p/" FAKE_SC_CAROUSEL "/", "playlist=true", &l);
  fail_unless_equals_int (n_lines (&l), 3);
  assert_entries_match (&l);
  for (guint i = 0; i < 3; i++) {
    g_autofree char *expected =
        g_strdup_printf (W "p/" FAKE_SC_CAROUSEL "/?img_index=%u", i + 1);

    fail_unless_equals_string (l.lines[i], expected);
    fail_unless_equals_string (gst_structure_get_string (entry (&l, i),
                                   "shortcode"),
        FAKE_SC_CAROUSEL);
    assert_streams (l.lines[i], NULL, files[i]);
  }
  fail_unless_equals_string (gst_structure_get_string (entry (&l, 1),
                                 "media-type"),
      "video");
}
GST_END_TEST;

GST_START_TEST (test_max_items)
{
  g_auto (Listed) l = { 0 };
  g_auto (Listed) anon = { 0 };

  list_ok (W FAKE_GRID_USER "/", SESSION " max-items=5", &l);
  fail_unless_equals_int (n_lines (&l), 5);
  fail_if (complete (&l));
  list_ok (W FAKE_GRID_USER "/", "max-items=5", &anon);
  fail_unless_equals_int (n_lines (&anon), 5);
  fail_unless_equals_string (anon.text, l.text);
}
GST_END_TEST;

GST_START_TEST (test_private_profiles)
{
  g_auto (Listed) l = { 0 };
  g_autoptr (IgTestRun) anon = NULL, locked = NULL, unknown = NULL;
  g_autofree char *a = ig_test_save (W FAKE_PRIVATE_USER "/", NULL, &anon);
  g_autofree char *b =
      ig_test_save (W FAKE_LOCKED_USER "/", SESSION, &locked);
  g_autofree char *c = ig_test_save (W FAKE_UNKNOWN_USER "/", NULL, &unknown);

  ig_test_assert_error (anon, GST_RESOURCE_ERROR,
      GST_RESOURCE_ERROR_NOT_AUTHORIZED, NULL);
  ig_test_assert_error (locked, GST_RESOURCE_ERROR,
      GST_RESOURCE_ERROR_NOT_AUTHORIZED, NULL);
  ig_test_assert_error (unknown, GST_RESOURCE_ERROR,
      GST_RESOURCE_ERROR_NOT_FOUND, FAKE_UNKNOWN_USER);
  list_ok (W FAKE_PRIVATE_USER "/", SESSION, &l);
  fail_unless_equals_int (n_lines (&l), FAKE_PRIVATE_COUNT);
  fail_unless (complete (&l));
  assert_streams (l.lines[0], SESSION, FAKE_MEDIA_IMAGE_LARGE);
}
GST_END_TEST;

/* Each hostile feed ends cleanly: a bounded list (no duplicate line) or
 * a clear error, within a few requests. */
GST_START_TEST (test_hostile_pages)
{
  static const struct
  {
    const char *user;
    const char *props;
    guint lines;
    guint feed_requests;
  } rows[] = {
    { FAKE_LOOP_USER, SESSION, 4, 2 },
    /* a page of 10 000 entries is slow to read under valgrind */
    { FAKE_HUGE_USER, SESSION " timeout=120", IG_PLAYLIST_MAX_PAGE_ITEMS, 1 },
    { FAKE_HUGE_USER, "timeout=120", IG_PLAYLIST_MAX_PAGE_ITEMS, 0 },
    { FAKE_EMPTY_USER, SESSION, 0, 1 },
    { FAKE_JUNK_USER, SESSION, FAKE_JUNK_USABLE, 1 },
    { FAKE_JUNK_USER, NULL, FAKE_JUNK_USABLE, 0 },
  };

  for (guint r = 0; r < G_N_ELEMENTS (rows); r++) {
    g_autofree char *uri = g_strdup_printf (W "%s/", rows[r].user);
    g_auto (Listed) l = { 0 };
    g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

    fake_instagram_reset_log (fake);
    list_ok (uri, rows[r].props, &l);
    fail_unless_equals_int (n_lines (&l), rows[r].lines);
    fail_unless_equals_int (fake_instagram_count (fake, NULL,
                                "/api/v1/feed/user/"),
        rows[r].feed_requests);
    /* junk: items that name nothing playable, more_available "yes" */
    fail_if (complete (&l), "%s", uri);
    for (guint i = 0; l.lines[i] != NULL; i++) {
      fail_unless (g_hash_table_add (seen, l.lines[i]), "duplicate %s",
          l.lines[i]);
      fail_unless (g_str_has_prefix (l.lines[i], W "p/"));
    }
  }
  {
    g_autoptr (IgTestRun) run = NULL;
    g_autofree char *path =
        ig_test_save (W FAKE_BADPAGE_USER "/", SESSION, &run);

    ig_test_assert_error (run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_READ,
        NULL);
  }
}
GST_END_TEST;

/* A player on a list URI: no decoder for text/uri-list, a clear error,
 * no hang. */
GST_START_TEST (test_player_on_a_list)
{
  GstElement *playbin = gst_element_factory_make ("playbin", NULL);
  GstElement *vsink = gst_element_factory_make ("fakesink", NULL);
  GstElement *asink = gst_element_factory_make ("fakesink", NULL);
  g_autoptr (IgTestRun) run = NULL;
  GError *error = NULL;
  gchar *debug = NULL;

  g_object_set (playbin, "uri", W FAKE_THREE_USER "/", "video-sink", vsink,
      "audio-sink", asink, NULL);
  run = ig_test_run (playbin, 30);
  fail_unless (GST_MESSAGE_TYPE (run->done) == GST_MESSAGE_ERROR);
  gst_message_parse_error (run->done, &error, &debug);
  fail_unless (error->domain == GST_CORE_ERROR
          || error->domain == GST_STREAM_ERROR,
      "%s", error->message);
  fail_unless (strstr (error->message, "missing") != NULL
          || strstr (error->message, "plug-in") != NULL
          || strstr (error->message, "decoder") != NULL,
      "%s", error->message);
  fail_unless (debug != NULL && strstr (debug, "text/uri-list") != NULL,
      "%s", debug);
  g_error_free (error);
  g_free (debug);
  gst_object_unref (playbin);
}
GST_END_TEST;

GST_START_TEST (test_discoverer_on_a_list)
{
  GstDiscoverer *d = gst_discoverer_new (20 * GST_SECOND, NULL);
  GstDiscovererInfo *info;
  const gchar **details;
  gint64 start = g_get_monotonic_time ();

  fail_unless (d != NULL);
  info = gst_discoverer_discover_uri (d, W FAKE_THREE_USER "/", NULL);
  fail_unless (info != NULL);
  fail_unless (g_get_monotonic_time () - start < 15 * G_USEC_PER_SEC);
  fail_unless_equals_int (gst_discoverer_info_get_result (info),
      GST_DISCOVERER_MISSING_PLUGINS);
  details = gst_discoverer_info_get_missing_elements_installer_details (info);
  fail_unless (details != NULL && details[0] != NULL
      && strstr (details[0], "text/uri-list") != NULL);
  gst_discoverer_info_unref (info);
  g_object_unref (d);
}
GST_END_TEST;

static Suite *
playlist_suite (void)
{
  Suite *s = suite_create ("instagramsrc-playlist");
  TCase *tc = tcase_create ("playlist");

  suite_add_tcase (s, tc);
  tcase_set_timeout (tc, 280);
  ig_test_use_fake (tc, &fake);
  tcase_add_test (tc, test_three_posts);
  tcase_add_test (tc, test_thirty_anonymously);
  tcase_add_test (tc, test_thirty_with_session);
  tcase_add_test (tc, test_thirty_each_streams);
  tcase_add_test (tc, test_reels_tab);
  tcase_add_test (tc, test_highlight_playlist);
  tcase_add_test (tc, test_story_playlist);
  tcase_add_test (tc, test_carousel_playlist);
  tcase_add_test (tc, test_max_items);
  tcase_add_test (tc, test_private_profiles);
  tcase_add_test (tc, test_hostile_pages);
  tcase_add_test (tc, test_player_on_a_list);
  tcase_add_test (tc, test_discoverer_on_a_list);
  return s;
}

GST_CHECK_MAIN (playlist);
