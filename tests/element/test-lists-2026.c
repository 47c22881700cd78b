/* Lists as Instagram answers them in 2026 (instagram-2026-12.md 6.2,
 * 6.3): a profile whose feed sends items without media_type or code, and
 * whose last page's cursor is false; its reels tab from clips/user, with
 * the tab's own pin and the reels the grid does not show; an honest
 * complete on every hostile tab page.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <gst/check/gstcheck.h>
#include <string.h>

#include "fake-media.h"
#include "ig-playlist.h"
#include "ig-test-utils.h"

#define W "https://www.instagram.com/"
#define SESSION "session-id=" FAKE_SESSION_ID

static FakeInstagram *fake;

/* The lines of the list @uri saves to, and its run. */
static GStrv
list (const char *uri, const char *props, IgTestRun **run)
{
  g_autofree char *path = ig_test_save (uri, props, run);
  g_autofree char *text = NULL;

  ig_test_assert_eos (*run);
  fail_unless ((*run)->playlist != NULL, "no instagram-playlist message");
  fail_unless (g_file_get_contents (path, &text, NULL, NULL));
  fail_unless (*text == '\0' || g_str_has_suffix (text, "\r\n"));
  if (*text != '\0')
    text[strlen (text) - 2] = '\0';
  return *text == '\0' ? g_new0 (char *, 1) : g_strsplit (text, "\r\n", -1);
}

static gboolean
is_complete (IgTestRun *run)
{
  gboolean complete = TRUE;

  fail_unless (
      gst_structure_get_boolean (run->playlist, "complete", &complete));
  return complete;
}

static const GstStructure *
entry_at (IgTestRun *run, guint i)
{
  const GValue *entries = gst_structure_get_value (run->playlist, "entries");

  return gst_value_get_structure (gst_value_array_get_value (entries, i));
}

/* Post @i of the 2026 profile, as instagramsrc names it. */
static char *
post_uri (guint i, gboolean clip)
{
  g_autofree char *code = fake_instagram_profile_shortcode (FAKE_R26_USER, i);

  return g_strdup_printf (W "%s/%s/", clip ? "reel" : "p", code);
}

/* The grid: items without media_type, code or taken_at, captions as
 * strings, pks as numbers, in two pages, the last ending with a cursor
 * false (and more_available still true): all five, complete. */
GST_START_TEST (test_grid_2026)
{
  static const gboolean clip[] = { TRUE, FALSE, TRUE, FALSE, TRUE };
  static const char *const types[] = { "video", "image", "video", "carousel",
    "video" };
  g_autoptr (IgTestRun) run = NULL;
  g_auto (GStrv) lines = list (W FAKE_R26_USER "/", SESSION, &run);
  gint64 taken = 0;

  fail_unless_equals_int (g_strv_length (lines), FAKE_R26_GRID);
  for (guint i = 0; i < FAKE_R26_GRID; i++) {
    g_autofree char *uri = post_uri (i, clip[i]);
    g_autofree char *caption = g_strdup_printf ("Fake 2026 post %u", i + 1);
    const GstStructure *e = entry_at (run, i);

    fail_unless_equals_string (lines[i], uri);
    fail_unless_equals_string (gst_structure_get_string (e, "media-type"),
        types[i]);
    fail_unless_equals_string (gst_structure_get_string (e, "caption"),
        caption);
    fail_unless (gst_structure_get_int64 (e, "taken-at", &taken));
    fail_unless_equals_int64 (taken, FAKE_GRID_TAKEN_AT - 3600 * (gint64) i);
  }
  fail_unless (is_complete (run));
  fail_unless_equals_int (fake_instagram_count (fake, "GET",
                              "/api/v1/feed/user/"),
      2);
}
GST_END_TEST;

/* The reels tab is Instagram's: clips/user (POST), the tab's pin first,
 * the reels the grid does not show (posts 5 and 6), none of the feed. */
GST_START_TEST (test_reels_tab_2026)
{
  static const guint tab[] = { 4, 0, 5, 2, 6 };
  g_autoptr (IgTestRun) run = NULL;
  g_auto (GStrv) lines = list (W FAKE_R26_USER "/reels/", SESSION, &run);

  fail_unless_equals_int (g_strv_length (lines), G_N_ELEMENTS (tab));
  for (guint i = 0; i < G_N_ELEMENTS (tab); i++) {
    g_autofree char *uri = post_uri (tab[i], TRUE);

    fail_unless_equals_string (lines[i], uri);
  }
  fail_unless (is_complete (run));
  fail_unless_equals_int (fake_instagram_count (fake, "POST",
                              "/api/v1/clips/user/"),
      2);
  fail_unless_equals_int (fake_instagram_count (fake, NULL,
                              "/api/v1/feed/user/"),
      0);
}
GST_END_TEST;

/* A reel only the tab shows streams like any other; max-items stops the
 * tab after one request, incomplete. */
GST_START_TEST (test_reels_tab_items)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autoptr (IgTestRun) saved = NULL;
  g_auto (GStrv) lines =
      list (W FAKE_R26_USER "/reels/", SESSION " max-items=2", &run);
  g_autofree char *tab_only = post_uri (5, TRUE);
  g_autofree char *path = ig_test_save (tab_only, NULL, &saved);

  fail_unless_equals_int (g_strv_length (lines), 2);
  fail_if (is_complete (run));
  fail_unless_equals_int (fake_instagram_count (fake, "POST",
                              "/api/v1/clips/user/"),
      1);
  ig_test_assert_eos (saved);
  fail_unless (ig_test_files_equal (path,
      fake_instagram_get_media_path (fake, FAKE_MEDIA_REEL_720)));
}
GST_END_TEST;

/* Hostile tab pages end the list, never complete: a cursor that repeats,
 * a huge page, an empty one, items that name nothing playable with paging
 * fields of wrong types. */
GST_START_TEST (test_reels_tab_hostile)
{
  static const struct
  {
    const char *user;
    guint lines;
    guint requests;
  } rows[] = {
    { FAKE_LOOP_USER, 4, 2 },
    { FAKE_HUGE_USER, IG_PLAYLIST_MAX_PAGE_ITEMS, 1 },
    { FAKE_EMPTY_USER, 0, 1 },
    { FAKE_JUNK_USER, FAKE_JUNK_USABLE, 1 },
  };

  for (guint r = 0; r < G_N_ELEMENTS (rows); r++) {
    g_autofree char *uri = g_strdup_printf (W "%s/reels/", rows[r].user);
    g_autoptr (IgTestRun) run = NULL;
    g_auto (GStrv) lines = NULL;

    fake_instagram_reset_log (fake);
    lines = list (uri, SESSION " timeout=120", &run);
    fail_unless_equals_int (g_strv_length (lines), rows[r].lines);
    fail_unless_equals_int (fake_instagram_count (fake, "POST",
                                "/api/v1/clips/user/"),
        rows[r].requests);
    fail_if (is_complete (run), "%s", uri);
  }
}
GST_END_TEST;

static Suite *
lists_suite (void)
{
  Suite *s = suite_create ("instagramsrc-lists-2026");
  TCase *tc = tcase_create ("lists");

  ig_test_use_fake (tc, &fake);
  tcase_set_timeout (tc, 300);
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_grid_2026);
  tcase_add_test (tc, test_reels_tab_2026);
  tcase_add_test (tc, test_reels_tab_items);
  tcase_add_test (tc, test_reels_tab_hostile);
  return s;
}

GST_CHECK_MAIN (lists);
