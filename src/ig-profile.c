/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Profiles and reels tabs: web_profile_info, then (logged in) the mobile
 * feed by next_max_id, or for a reels tab Instagram's own tab, clips/user
 * by max_id. The mobile feed was chosen over the 2026 web
 * profile queries (instagram-2026-12.md §1.2): its shape is the one the
 * model already reads, it is the REST feed gallery-dl pages 30 at a time
 * (fewer requests than the web's first:12), it has no doc_id to rotate,
 * and when its web path redirects (2026) the app API answers it. */
#include "ig-profile.h"

#include "ig-error.h"
#include "ig-json.h"

#include <string.h>

static gboolean
bool_of (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_BOOLEAN
      && json_node_get_boolean (node);
}

/* "ABC" or 123 as text; NULL for anything else or an empty string. */
static char *
cursor_of (JsonNode *node)
{
  const char *s = ig_json_string (node);

  if (s != NULL)
    return *s != '\0' && strlen (s) < 1024 ? g_strdup (s) : NULL;
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

/* more_available / has_next_page: a boolean; absent or null is no; any
 * other type is not understood (the list is then incomplete). */
static gboolean
more_of (JsonNode *node, IgPageStats *stats)
{
  if (node == NULL || ig_json_is_null (node))
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  stats->bad_paging = TRUE;
  return FALSE;
}

/* The next page's cursor, NULL without one. A cursor false, null or ""
 * says this page is the last (gallery-dl 1.32.20 met false in 2026):
 * @last. Another type is not understood. */
static char *
next_cursor (JsonNode *node, gboolean *last, IgPageStats *stats)
{
  const char *s = ig_json_string (node);
  char *cursor = cursor_of (node);

  *last = FALSE;
  if (node == NULL || cursor != NULL)
    return cursor;
  if (ig_json_is_null (node) || (s != NULL && *s == '\0')
      || (JSON_NODE_HOLDS_VALUE (node)
          && json_node_get_value_type (node) == G_TYPE_BOOLEAN
          && !json_node_get_boolean (node)))
    *last = TRUE;
  else
    stats->bad_paging = TRUE;
  return NULL;
}

/* @more and @cursor from their fields (@more_node, @cursor_node). */
static void
read_paging (JsonNode *more_node, JsonNode *cursor_node, char **cursor,
    gboolean *more, IgPageStats *stats)
{
  gboolean last;

  *more = more_of (more_node, stats);
  *cursor = next_cursor (cursor_node, &last, stats);
  if (last)
    *more = FALSE;
}

gboolean
ig_profile_read_page (IgPlaylist *list, JsonNode *root, gboolean clips_only,
    char **cursor, gboolean *more, IgPageStats *stats)
{
  JsonNode *timeline = ig_json_lookup (root, "data", "user",
      "edge_owner_to_timeline_media", NULL);
  JsonNode *paging = ig_json_member (root, "paging_info");
  IgPageStats paging_stats = { 0 };
  gboolean ok;

  if (timeline != NULL) { /* web_profile_info */
    read_paging (ig_json_lookup (timeline, "page_info", "has_next_page", NULL),
        ig_json_lookup (timeline, "page_info", "end_cursor", NULL), cursor,
        more, &paging_stats);
    ok = ig_playlist_add_graphql_edges (list,
        ig_json_member (timeline, "edges"), clips_only, stats);
  } else if (paging != NULL) { /* clips/user */
    read_paging (ig_json_member (paging, "more_available"),
        ig_json_member (paging, "max_id"), cursor, more, &paging_stats);
    ok = ig_playlist_add_rest_items (list, ig_json_member (root, "items"),
        clips_only, stats);
  } else { /* feed/user */
    read_paging (ig_json_member (root, "more_available"),
        ig_json_member (root, "next_max_id"), cursor, more, &paging_stats);
    ok = ig_playlist_add_rest_items (list, ig_json_member (root, "items"),
        clips_only, stats);
  }
  /* add_* starts the stats afresh */
  stats->bad_paging = paging_stats.bad_paging;
  return ok;
}

/* "123" or 123 */
static char *
id_of (JsonNode *node)
{
  char *id = cursor_of (node);
  guint64 value;

  if (id != NULL
      && !g_ascii_string_to_unsigned (id, 10, 1, G_MAXUINT64, &value, NULL))
    g_clear_pointer (&id, g_free);
  return id;
}

/* The user object of web_profile_info, checked: the viewer may see it. */
static JsonNode *
profile_user (IgApi *api, JsonNode *root, const char *username, char **id,
    GError **error)
{
  JsonNode *user = ig_json_lookup (root, "data", "user", NULL);

  if (user == NULL || ig_json_is_null (user)) {
    g_set_error (error, IG_ERROR, IG_ERROR_NOT_FOUND,
        "Instagram has no user %s", username);
    return NULL;
  }
  if (!JSON_NODE_HOLDS_OBJECT (user)
      || ((*id = id_of (ig_json_member (user, "id"))) == NULL
          && (*id = id_of (ig_json_member (user, "pk"))) == NULL)) {
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "web_profile_info: the user %s has no id", username);
    return NULL;
  }
  if (bool_of (ig_json_member (user, "is_private"))
      && !bool_of (ig_json_member (user, "followed_by_viewer"))) {
    g_set_error (error, IG_ERROR, IG_ERROR_LOGIN_REQUIRED,
        ig_api_has_session (api)
            ? "%s's profile is private and the session's account does not "
              "follow it"
            : "%s's profile is private: Instagram shows its posts to its "
              "approved followers only (set cookies-file or session-id)",
        username);
    g_clear_pointer (id, g_free);
    return NULL;
  }
  return user;
}

/* What any page, the last included, may say about the list: entries were
 * left out or the paging was not understood. */
static void
note_page_faults (IgPlaylist *list, const IgPageStats *stats)
{
  if (stats->huge)
    ig_playlist_set_incomplete (list,
        "a page of more entries than "
        "IG_PLAYLIST_MAX_PAGE_ITEMS");
  if (stats->dropped > 0)
    ig_playlist_set_incomplete (list, "items that name nothing playable");
  if (stats->bad_paging)
    ig_playlist_set_incomplete (list, "a paging field of the wrong type");
}

static void
note_end (IgPlaylist *list, gboolean more, const char *cursor,
    const IgPageStats *stats, GHashTable *cursors)
{
  note_page_faults (list, stats);
  if (stats->cut || (more && ig_playlist_is_full (list)))
    ig_playlist_set_incomplete (list, "max-items");
  else if (more && cursor == NULL)
    ig_playlist_set_incomplete (list, "more available but no cursor");
  else if (more && stats->added == 0)
    ig_playlist_set_incomplete (list,
        stats->duplicates > 0 ? "a page of entries already listed"
                              : "an empty page");
  else if (more && g_hash_table_contains (cursors, cursor))
    ig_playlist_set_incomplete (list, "a cursor that repeats");
}

/* TRUE when the list goes on with another page. */
static gboolean
goes_on (IgPlaylist *list, gboolean more, const char *cursor,
    const IgPageStats *stats, GHashTable *cursors)
{
  note_end (list, more, cursor, stats, cursors);
  return more && list->complete && !ig_playlist_is_full (list);
}

/* A failure after the first page ends the list where it got to. */
static gboolean
page_failed (IgApi *api, IgPlaylist *list, guint page, GError *local,
    GError **error)
{
  GError *warning;

  if (page == 0 || g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
    g_propagate_error (error, local);
    return FALSE;
  }
  warning = g_error_new (IG_ERROR, local->code,
      "the list of %s stops after %u entries: page %u failed: %s", list->uri,
      list->entries->len, page + 1, local->message);
  ig_playlist_set_incomplete (list, "a page failed");
  ig_api_warn (api, &warning);
  g_error_free (local);
  return TRUE;
}

/* One page of the grid: the mobile feed, GET feed/user/ID. */
static JsonNode *
fetch_feed_page (IgApi *api, const char *id, const char *cursor,
    GCancellable *cancellable, GError **error)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/feed/user/%s/?count=%u%s%s",
      id, IG_PROFILE_PAGE_SIZE, cursor ? "&max_id=" : "", cursor ? cursor : "");

  return ig_api_get_json (api, path, "feed/user", cancellable, error);
}

/* One page of the reels tab: POST clips/user, as Instagram's own tab asks
 * (instagram-2026-12.md 6.2): the tab pins and holds reels the grid does
 * not. */
static JsonNode *
fetch_clips_page (IgApi *api, const char *id, const char *cursor,
    GCancellable *cancellable, GError **error)
{
  g_autofree char *uri =
      g_strconcat (ig_api_base (api), "/api/v1/clips/user/", NULL);
  g_autofree char *size = g_strdup_printf ("%u", IG_PROFILE_PAGE_SIZE);
  g_autoptr (SoupMessage) msg = ig_api_new_rest_message (api, uri, NULL);
  g_autoptr (IgResponse) response = NULL;
  char *form = soup_form_encode ("target_user_id", id, "page_size", size,
      cursor ? "max_id" : NULL, cursor, NULL);
  g_autoptr (GBytes) body = g_bytes_new_take (form, strlen (form));

  soup_message_set_method (msg, "POST");
  ig_api_set_form_body (msg, body);
  response = ig_api_send (api, msg, "clips/user", cancellable, error);
  return response ? ig_api_read_json (api, response, "clips/user", error)
                  : NULL;
}

typedef JsonNode *(*PageFetch) (IgApi *api, const char *id, const char *cursor,
    GCancellable *cancellable, GError **error);

/* Pages of @what (fetched by @fetch), one after the other, from the start;
 * all their entries (the tab's are all reels). */
static gboolean
list_pages (IgApi *api, IgPlaylist *list, const char *id, PageFetch fetch,
    const char *what, GCancellable *cancellable, GError **error)
{
  g_autoptr (GHashTable) cursors =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;
  guint page;

  for (page = 0; page < IG_PROFILE_MAX_PAGES; page++) {
    g_autofree char *next = NULL;
    g_autoptr (JsonNode) root = NULL;
    GError *local = NULL;
    IgPageStats stats = { 0 };
    gboolean more = FALSE;

    root = fetch (api, id, cursor, cancellable, &local);
    if (root == NULL)
      return page_failed (api, list, page, local, error);
    if (!ig_profile_read_page (list, root, FALSE, &next, &more, &stats)) {
      local = g_error_new (IG_ERROR, IG_ERROR_BAD_RESPONSE,
          "%s: the page has no list of items", what);
      return page_failed (api, list, page, local, error);
    }
    ig_api_log (api, IG_LOG_DEBUG,
        "%s page %u: %u new, %u skipped, %u dropped, %u already listed, "
        "more %d",
        what, page + 1, stats.added, stats.skipped, stats.dropped,
        stats.duplicates, more);
    if (!goes_on (list, more, next, &stats, cursors))
      return TRUE;
    g_hash_table_add (cursors, g_strdup (next));
    g_free (cursor);
    cursor = g_steal_pointer (&next);
  }
  ig_playlist_set_incomplete (list, "IG_PROFILE_MAX_PAGES pages");
  return TRUE;
}

/* Anonymously: the grid's first page, from the profile answer. */
static void
list_public (IgApi *api, IgPlaylist *list, JsonNode *root, const char *username,
    gboolean clips_only)
{
  JsonNode *timeline = ig_json_lookup (root, "data", "user",
      "edge_owner_to_timeline_media", NULL);
  gint64 count = 0;
  g_autofree char *cursor = NULL;
  gboolean more = FALSE;
  IgPageStats stats = { 0 };
  GError *warning;

  ig_profile_read_page (list, root, clips_only, &cursor, &more, &stats);
  if (timeline != NULL
      && JSON_NODE_HOLDS_VALUE (ig_json_member (timeline, "count"))
      && json_node_get_value_type (ig_json_member (timeline, "count"))
          == G_TYPE_INT64)
    count = json_node_get_int (ig_json_member (timeline, "count"));
  note_page_faults (list, &stats);
  if (!more && !stats.cut
      && (clips_only || count <= (gint64) list->entries->len))
    return;
  if (ig_playlist_is_full (list)) {
    ig_playlist_set_incomplete (list, "max-items");
    return;
  }
  ig_playlist_set_incomplete (list, "anonymous: the first page only");
  if (clips_only)
    warning = g_error_new (IG_ERROR, IG_ERROR_LOGIN_REQUIRED,
        "Without a session Instagram shows only the latest %u posts of %s, "
        "%u of them reels; set cookies-file or session-id to list the rest",
        stats.added + stats.skipped + stats.dropped + stats.duplicates,
        username, list->entries->len);
  else
    warning = g_error_new (IG_ERROR, IG_ERROR_LOGIN_REQUIRED,
        "Without a session Instagram shows only the latest %u of the %" G_GINT64_FORMAT
        " posts of %s; set cookies-file or session-id to "
        "list the rest",
        list->entries->len, count, username);
  ig_api_warn (api, &warning);
}

IgPlaylist *
ig_profile_list (IgApi *api, const IgMediaRef *ref, const char *uri,
    guint max_items, GCancellable *cancellable, GError **error)
{
  g_autoptr (IgPlaylist) list = ig_playlist_new (uri, max_items);
  g_autofree char *path = NULL, *id = NULL;
  g_autoptr (JsonNode) root = NULL;
  gboolean clips_only = ref->kind == IG_REF_REELS_TAB;
  GError *local = NULL;

  g_return_val_if_fail (ig_media_ref_is_list (ref), NULL);
  path = g_strdup_printf ("/api/v1/users/web_profile_info/?username=%s",
      ref->username);
  root = ig_api_get_json (api, path, "web_profile_info", cancellable, error);
  if (root == NULL
      || profile_user (api, root, ref->username, &id, error) == NULL)
    return NULL;
  list->owner = g_strdup (ref->username);
  if (!ig_api_has_session (api)) {
    list_public (api, list, root, ref->username, clips_only);
    return g_steal_pointer (&list);
  }
  if (!list_pages (api, list, id,
          clips_only ? fetch_clips_page : fetch_feed_page,
          clips_only ? "clips/user" : "feed/user", cancellable, &local)) {
    if (g_error_matches (local, IG_ERROR, IG_ERROR_LOGIN_REQUIRED)) {
      ig_api_reject_session (api, local);
      g_prefix_error (&local, "the session was refused: ");
    }
    g_propagate_error (error, local);
    return NULL;
  }
  return g_steal_pointer (&list);
}
