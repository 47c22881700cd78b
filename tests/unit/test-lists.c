/* Unit tests: reading list pages (feed/user, clips/user, web_profile_info)
 * as 2026 answers send them, and what makes a list incomplete.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-profile.h"

typedef struct
{
  IgPlaylist *list;
  char *cursor;
  gboolean more;
  IgPageStats stats;
} Page;

static void
page_clear (Page *p)
{
  g_clear_pointer (&p->list, ig_playlist_free);
  g_clear_pointer (&p->cursor, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Page, page_clear)

/* Reads the page @json into a new list. */
static void
read_page (const char *json, gboolean clips_only, Page *p)
{
  g_autoptr (JsonNode) root = json_from_string (json, NULL);

  g_assert_nonnull (root);
  p->list = ig_playlist_new ("https://www.instagram.com/u/", 0);
  g_assert_true (ig_profile_read_page (p->list, root, clips_only, &p->cursor,
      &p->more, &p->stats));
}

static const IgPlaylistEntry *
entry (const Page *p, guint i)
{
  g_assert_cmpuint (i, <, p->list->entries->len);
  return g_ptr_array_index (p->list->entries, i);
}

#define IMAGE "\"image_versions2\":{\"candidates\":[]}"
#define VIDEO "\"video_versions\":[{\"url\":\"https://a.b/v.mp4\"}]"

/* Items without media_type, code or taken_at, captions as strings, pks
 * as numbers or PK_OWNER: all listed, with what they are. */
static void
test_items_2026 (void)
{
  g_auto (Page) p = { 0 };

  read_page ("{\"items\":["
             "{\"pk\":3776832898280228145," VIDEO ",\"product_type\":\"clips\","
             "\"caption\":\"A 2026 reel\\nmore\",\"taken_at_timestamp\":17},"
             "{\"pk\":\"3776832898280228146_7\"," IMAGE "},"
             "{\"id\":\"3776832898280228147_7\",\"carousel_media\":[]}],"
             "\"more_available\":false}",
      FALSE, &p);
  g_assert_cmpuint (p.list->entries->len, ==, 3);
  g_assert_cmpstr (entry (&p, 0)->uri, ==,
      "https://www.instagram.com/reel/DRqAYKuAIUx/");
  g_assert_cmpint (entry (&p, 0)->type, ==, IG_MEDIA_VIDEO);
  g_assert_cmpstr (entry (&p, 0)->caption, ==, "A 2026 reel");
  g_assert_cmpint (entry (&p, 0)->taken_at, ==, 17);
  g_assert_cmpstr (entry (&p, 1)->uri, ==,
      "https://www.instagram.com/p/DRqAYKuAIUy/");
  g_assert_cmpint (entry (&p, 1)->type, ==, IG_MEDIA_IMAGE);
  g_assert_cmpint (entry (&p, 2)->type, ==, IG_MEDIA_CAROUSEL);
  g_assert_cmpuint (p.stats.dropped, ==, 0);
  g_assert_false (p.stats.bad_paging);
}

/* A cursor false, null or "" is the last page, whatever more_available
 * says; a missing one with more is no such thing. */
static void
test_last_page_cursors (void)
{
  static const char *const last[] = { "false", "null", "\"\"" };

  for (guint i = 0; i < G_N_ELEMENTS (last); i++) {
    g_autofree char *feed = g_strdup_printf ("{\"items\":[],"
                                             "\"more_available\":true,"
                                             "\"next_max_id\":%s}",
        last[i]);
    g_autofree char *tab = g_strdup_printf ("{\"items\":[],\"paging_info\":"
                                            "{\"more_available\":true,"
                                            "\"max_id\":%s}}",
        last[i]);
    g_auto (Page) a = { 0 };
    g_auto (Page) b = { 0 };

    read_page (feed, FALSE, &a);
    read_page (tab, FALSE, &b);
    g_assert_false (a.more);
    g_assert_false (b.more);
    g_assert_false (a.stats.bad_paging || b.stats.bad_paging);
  }
}

/* Paging fields of wrong types and items that name nothing playable are
 * said in the stats, for the lister to mark the list incomplete; a clip
 * filter's skips are not. */
static void
test_faults (void)
{
  g_auto (Page) yes = { 0 };
  g_auto (Page) object = { 0 };
  g_auto (Page) junk = { 0 };
  g_auto (Page) clips = { 0 };

  read_page ("{\"items\":[],\"more_available\":\"yes\"}", FALSE, &yes);
  g_assert_true (yes.stats.bad_paging);
  g_assert_false (yes.more);
  read_page ("{\"items\":[],\"more_available\":true,\"next_max_id\":{}}", FALSE,
      &object);
  g_assert_true (object.stats.bad_paging);
  read_page ("{\"items\":[{\"code\":\"!!\"},{\"pk\":\"x\",\"media_type\":1},"
             "{\"media_type\":99,\"code\":\"CjunkCode02\"},7]}",
      FALSE, &junk);
  g_assert_cmpuint (junk.stats.dropped, ==, 4);
  read_page ("{\"items\":[{\"pk\":\"1\",\"media_type\":1}]}", TRUE, &clips);
  g_assert_cmpuint (clips.stats.skipped, ==, 1);
  g_assert_cmpuint (clips.stats.dropped, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lists/items-2026", test_items_2026);
  g_test_add_func ("/lists/last-page-cursors", test_last_page_cursors);
  g_test_add_func ("/lists/faults", test_faults);
  return g_test_run ();
}
