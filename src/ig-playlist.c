/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-playlist.h"

#include "ig-json.h"
#include "ig-shortcode.h"

#include <string.h>

#define WWW "https://www.instagram.com"
/* A caption line longer than this is cut: it goes into a message. */
#define MAX_CAPTION_LINE 500

IgPlaylist *
ig_playlist_new (const char *uri, guint max_items)
{
  IgPlaylist *list = g_new0 (IgPlaylist, 1);

  list->uri = g_strdup (uri);
  list->complete = TRUE;
  list->max_items = max_items;
  list->entries =
      g_ptr_array_new_with_free_func ((GDestroyNotify) ig_playlist_entry_free);
  list->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return list;
}

void
ig_playlist_entry_free (IgPlaylistEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->uri);
  g_free (entry->shortcode);
  g_free (entry->caption);
  g_free (entry);
}

void
ig_playlist_free (IgPlaylist *list)
{
  if (list == NULL)
    return;
  g_free (list->uri);
  g_free (list->owner);
  g_free (list->reason);
  g_ptr_array_unref (list->entries);
  g_hash_table_unref (list->seen);
  g_free (list);
}

static guint
capacity (const IgPlaylist *list)
{
  if (list->max_items == 0 || list->max_items > IG_PLAYLIST_MAX_ENTRIES)
    return IG_PLAYLIST_MAX_ENTRIES;
  return list->max_items;
}

gboolean
ig_playlist_is_full (const IgPlaylist *list)
{
  return list->entries->len >= capacity (list);
}

void
ig_playlist_set_incomplete (IgPlaylist *list, const char *reason)
{
  list->complete = FALSE;
  if (list->reason == NULL)
    list->reason = g_strdup (reason);
}

gboolean
ig_playlist_add (IgPlaylist *list, IgPlaylistEntry *entry)
{
  char *key = g_strdup (entry->uri);

  if (ig_playlist_is_full (list) || !g_hash_table_add (list->seen, key)) {
    if (ig_playlist_is_full (list))
      g_free (key);
    ig_playlist_entry_free (entry);
    return FALSE;
  }
  g_ptr_array_add (list->entries, entry);
  return TRUE;
}

/* ---- reading nodes, every type checked ------------------------------ */

static gint64
int_of (JsonNode *node, gint64 otherwise)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return otherwise;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE) {
    gdouble d = json_node_get_double (node);

    return d >= 0 && d < 1e15 ? (gint64) d : otherwise;
  }
  return otherwise;
}

/* "123" or 123 (the pk, or an "PK_OWNER" id), 0 for anything else. */
static guint64
pk_of (JsonNode *node)
{
  const char *s = ig_json_string (node);
  guint64 pk = 0;

  if (s != NULL) {
    g_autofree char *digits = g_strndup (s, strspn (s, "0123456789"));

    if (*digits != '\0')
      g_ascii_string_to_unsigned (digits, 10, 1, G_MAXUINT64, &pk, NULL);
    return pk;
  }
  return (guint64) MAX (int_of (node, 0), 0);
}

static char *
first_line (const char *text)
{
  IgPost post = { .caption = (char *) text };
  char *line = ig_post_dup_title (&post);

  if (line != NULL && strlen (line) > MAX_CAPTION_LINE) {
    const char *end = line + MAX_CAPTION_LINE;

    /* Cut on a character boundary. */
    end = g_utf8_find_prev_char (line, end + 1);
    line[end - line] = '\0';
  }
  return line;
}

/* A valid code, or one encoded from @pk; NULL when neither is usable. */
static char *
usable_code (const char *code, guint64 pk)
{
  guint64 from_code;

  if (code != NULL && ig_shortcode_to_pk (code, &from_code, NULL))
    return g_strdup (code);
  return pk != 0 ? ig_pk_to_shortcode (pk) : NULL;
}

static IgPlaylistEntry *
post_entry (const char *code, guint64 pk, IgMediaType type, gboolean clip,
    gint64 taken_at, const char *caption)
{
  IgPlaylistEntry *entry;
  char *sc = usable_code (code, pk);

  if (sc == NULL)
    return NULL;
  entry = g_new0 (IgPlaylistEntry, 1);
  entry->shortcode = sc;
  if (pk == 0 || !ig_shortcode_to_pk (sc, &entry->pk, NULL))
    entry->pk = pk;
  entry->type = type;
  entry->taken_at = taken_at;
  entry->caption = first_line (caption);
  entry->uri = g_strdup_printf (WWW "/%s/%s/", clip ? "reel" : "p", sc);
  return entry;
}

static IgMediaType
media_type_of (gint64 value)
{
  switch (value) {
    case 1:
      return IG_MEDIA_IMAGE;
    case 2:
      return IG_MEDIA_VIDEO;
    case 8:
      return IG_MEDIA_CAROUSEL;
    default:
      return 0;
  }
}

/* media_type, or in 2026 answers without one what the item holds. */
static IgMediaType
rest_type_of (JsonNode *item)
{
  JsonNode *type = ig_json_member (item, "media_type");
  JsonNode *videos = ig_json_member (item, "video_versions");

  if (type != NULL && !ig_json_is_null (type))
    return media_type_of (int_of (type, 0));
  if (ig_json_member (item, "carousel_media") != NULL
      && JSON_NODE_HOLDS_ARRAY (ig_json_member (item, "carousel_media")))
    return IG_MEDIA_CAROUSEL;
  if (videos != NULL && JSON_NODE_HOLDS_ARRAY (videos)
      && json_array_get_length (json_node_get_array (videos)) > 0)
    return IG_MEDIA_VIDEO;
  if (ig_json_member (item, "image_versions2") != NULL)
    return IG_MEDIA_IMAGE;
  return 0;
}

/* caption.text, or the caption itself when 2026 answers make it a string */
static const char *
rest_caption_of (JsonNode *item)
{
  const char *text = ig_json_string (ig_json_member (item, "caption"));

  return text != NULL
      ? text
      : ig_json_string (ig_json_lookup (item, "caption", "text", NULL));
}

static IgPlaylistEntry *
rest_entry (JsonNode *item, gboolean clips_only, gboolean *filtered)
{
  const char *product = ig_json_string (ig_json_member (item, "product_type"));
  IgMediaType type = rest_type_of (item);
  gboolean clip = g_strcmp0 (product, "clips") == 0;
  guint64 pk = pk_of (ig_json_member (item, "pk"));
  gint64 taken_at = int_of (ig_json_member (item, "taken_at"), 0);

  if (type != 0 && clips_only && !clip) {
    *filtered = TRUE;
    return NULL;
  }
  if (type == 0)
    return NULL;
  if (pk == 0)
    pk = pk_of (ig_json_member (item, "id"));
  if (taken_at == 0)
    taken_at = int_of (ig_json_member (item, "taken_at_timestamp"), 0);
  return post_entry (ig_json_string (ig_json_member (item, "code")), pk, type,
      clip, taken_at, rest_caption_of (item));
}

static IgMediaType
graphql_type_of (JsonNode *node)
{
  const char *name = ig_json_string (ig_json_member (node, "__typename"));
  JsonNode *is_video = ig_json_member (node, "is_video");

  if (name != NULL && g_str_has_suffix (name, "Sidecar"))
    return IG_MEDIA_CAROUSEL;
  if (name != NULL && g_str_has_suffix (name, "Video"))
    return IG_MEDIA_VIDEO;
  if (name != NULL && g_str_has_suffix (name, "Image"))
    return IG_MEDIA_IMAGE;
  if (is_video != NULL && JSON_NODE_HOLDS_VALUE (is_video)
      && json_node_get_value_type (is_video) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (is_video) ? IG_MEDIA_VIDEO : IG_MEDIA_IMAGE;
  return 0;
}

static IgPlaylistEntry *
graphql_entry (JsonNode *edge, gboolean clips_only, gboolean *filtered)
{
  JsonNode *node = ig_json_member (edge, "node");
  const char *product = ig_json_string (ig_json_member (node, "product_type"));
  gboolean clip = g_strcmp0 (product, "clips") == 0;
  IgMediaType type = graphql_type_of (node);
  JsonNode *captions =
      ig_json_lookup (node, "edge_media_to_caption", "edges", NULL);
  const char *caption = NULL;

  if (type != 0 && clips_only && !clip) {
    *filtered = TRUE;
    return NULL;
  }
  if (type == 0)
    return NULL;
  if (captions != NULL && JSON_NODE_HOLDS_ARRAY (captions)
      && json_array_get_length (json_node_get_array (captions)) > 0)
    caption = ig_json_string (
        ig_json_lookup (json_array_get_element (json_node_get_array (captions),
                            0),
            "node", "text", NULL));
  return post_entry (ig_json_string (ig_json_member (node, "shortcode")),
      pk_of (ig_json_member (node, "id")), type, clip,
      int_of (ig_json_member (node, "taken_at_timestamp"), 0), caption);
}

/* The entry @node names; NULL with @filtered set for a node the list does
 * not take (not a clip), NULL alone for one that names nothing playable. */
typedef IgPlaylistEntry *(
    *EntryFunc) (JsonNode *node, gboolean clips_only, gboolean *filtered);

static gboolean
add_array (IgPlaylist *list, JsonNode *array, gboolean clips_only,
    EntryFunc func, IgPageStats *stats)
{
  JsonArray *a;
  guint i, n;

  *stats = (IgPageStats){ 0 };
  if (array == NULL || !JSON_NODE_HOLDS_ARRAY (array))
    return FALSE;
  a = json_node_get_array (array);
  n = json_array_get_length (a);
  if (n > IG_PLAYLIST_MAX_PAGE_ITEMS) {
    stats->huge = TRUE;
    n = IG_PLAYLIST_MAX_PAGE_ITEMS;
  }
  for (i = 0; i < n && !ig_playlist_is_full (list); i++) {
    gboolean filtered = FALSE;
    IgPlaylistEntry *entry =
        func (json_array_get_element (a, i), clips_only, &filtered);

    if (entry == NULL && filtered)
      stats->skipped++;
    else if (entry == NULL)
      stats->dropped++;
    else if (ig_playlist_add (list, entry))
      stats->added++;
    else
      stats->duplicates++;
  }
  stats->cut = i < n;
  return TRUE;
}

/* feed/user items are the media; clips/user items wrap it in "media". */
static IgPlaylistEntry *
rest_or_wrapped_entry (JsonNode *item, gboolean clips_only, gboolean *filtered)
{
  JsonNode *media = ig_json_member (item, "media");

  if (media != NULL && JSON_NODE_HOLDS_OBJECT (media))
    return rest_entry (media, clips_only, filtered);
  return rest_entry (item, clips_only, filtered);
}

gboolean
ig_playlist_add_rest_items (IgPlaylist *list, JsonNode *array,
    gboolean clips_only, IgPageStats *stats)
{
  return add_array (list, array, clips_only, rest_or_wrapped_entry, stats);
}

gboolean
ig_playlist_add_graphql_edges (IgPlaylist *list, JsonNode *array,
    gboolean clips_only, IgPageStats *stats)
{
  return add_array (list, array, clips_only, graphql_entry, stats);
}

/* ---- a resolved post's items ------------------------------------------ */

static char *
item_uri (const IgMediaRef *ref, const IgPost *post, const IgItem *item,
    guint index)
{
  if (ref->kind == IG_REF_STORY_USER || ref->kind == IG_REF_STORY_ITEM)
    return g_strdup_printf (WWW "/stories/%s/%" G_GUINT64_FORMAT "/",
        post->owner_username ? post->owner_username : ref->username, item->pk);
  if (ref->kind == IG_REF_HIGHLIGHT)
    return g_strdup_printf (WWW "/stories/highlights/%" G_GUINT64_FORMAT
                                "/?story_media_id=%" G_GUINT64_FORMAT,
        ref->highlight_id, item->pk);
  if (post->type == IG_MEDIA_CAROUSEL)
    return g_strdup_printf (WWW "/p/%s/?img_index=%u", post->shortcode,
        index + 1);
  return g_strdup_printf (WWW "/%s/%s/",
      g_strcmp0 (post->product_type, "clips") == 0 ? "reel" : "p",
      post->shortcode);
}

void
ig_playlist_add_post_items (IgPlaylist *list, const IgMediaRef *ref,
    const IgPost *post)
{
  gboolean story = ref->kind == IG_REF_STORY_USER
      || ref->kind == IG_REF_STORY_ITEM || ref->kind == IG_REF_HIGHLIGHT;
  guint i,
      n = post->type == IG_MEDIA_CAROUSEL || story ? post->items->len
                                                   : MIN (1, post->items->len);

  if (list->owner == NULL)
    list->owner = g_strdup (post->owner_username);
  for (i = 0; i < n; i++) {
    const IgItem *item = g_ptr_array_index (post->items, i);
    IgPlaylistEntry *entry;

    if ((story && item->pk == 0) || (!story && post->shortcode == NULL))
      continue;
    if (ig_playlist_is_full (list)) {
      ig_playlist_set_incomplete (list, "max-items");
      break;
    }
    entry = g_new0 (IgPlaylistEntry, 1);
    entry->uri = item_uri (ref, post, item, i);
    entry->shortcode = story ? NULL : g_strdup (post->shortcode);
    entry->pk = story ? item->pk : post->pk;
    entry->type = item->type;
    entry->taken_at = item->taken_at ? item->taken_at : post->taken_at;
    entry->caption = story ? NULL : ig_post_dup_title (post);
    ig_playlist_add (list, entry);
  }
}

GBytes *
ig_playlist_render (const IgPlaylist *list)
{
  GString *out = g_string_new (NULL);
  guint i;

  for (i = 0; i < list->entries->len; i++) {
    const IgPlaylistEntry *entry = g_ptr_array_index (list->entries, i);

    g_string_append (out, entry->uri);
    g_string_append (out, "\r\n");
  }
  return g_string_free_to_bytes (out);
}
