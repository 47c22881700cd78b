/* libFuzzer target: the list parser, ig_profile_read_page () on any JSON
 * (web_profile_info, feed/user and clips/user pages), the entries it keeps
 * and their text/uri-list.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fuzz-common.h"
#include "ig-json.h"
#include "ig-profile.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

/* Every line a URI instagramsrc accepts, none twice, CRLF-terminated. */
static void
check_list (const IgPlaylist *list, guint max_items)
{
  g_autoptr (GBytes) bytes = ig_playlist_render (list);
  g_autofree char *text =
      g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto (GStrv) lines = g_strsplit (text, "\r\n", -1);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_strv_length (lines);

  /* g_strsplit () of "" is no piece at all */
  if (list->entries->len == 0 && n == 0 && g_bytes_get_size (bytes) == 0)
    return;
  if (list->entries->len > IG_PLAYLIST_MAX_PAGE_ITEMS
      || (max_items > 0 && list->entries->len > max_items)
      || n != list->entries->len + 1 || lines[n - 1][0] != '\0')
    abort ();
  for (guint i = 0; i + 1 < n; i++) {
    IgMediaRef *ref = ig_media_ref_parse (lines[i], NULL);

    if (ref == NULL || ref->kind != IG_REF_POST || strchr (lines[i], '\n')
        || !g_hash_table_add (seen, lines[i]))
      abort ();
    ig_media_ref_free (ref);
  }
}

static void
read_page (JsonNode *root, gboolean clips_only, guint max_items)
{
  g_autoptr (IgPlaylist) list =
      ig_playlist_new ("https://www.instagram.com/fuzz/", max_items);
  g_autofree char *cursor = NULL;
  gboolean more = FALSE;
  IgPageStats stats;

  ig_profile_read_page (list, root, clips_only, &cursor, &more, &stats);
  if (stats.added + stats.skipped + stats.dropped + stats.duplicates
      > IG_PLAYLIST_MAX_PAGE_ITEMS)
    abort ();
  check_list (list, max_items);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *text = (const char *) data;
  g_autoptr (JsonParser) parser = NULL;
  JsonNode *root;

  /* As ig_api_parse_json(): the same checks before the parser. */
  if (size == 0 || !ig_json_nesting_ok (text, size, IG_JSON_MAX_NESTING)
      || !ig_json_single_value (text, size))
    return 0;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, (gssize) size, NULL))
    return 0;
  root = json_parser_get_root (parser);
  if (root == NULL)
    return 0;
  read_page (root, FALSE, 0);
  read_page (root, TRUE, 0);
  read_page (root, FALSE, 3);
  return 0;
}
