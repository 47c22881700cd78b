/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Stories and highlights (logged in only): username -> user id through
 * web_profile_info, then feed/reels_media, whose answer names the reel in a
 * "reels" dictionary, a "reels_media" list, or both. */
#include "ig-stories.h"
#include "ig-error.h"
#include "ig-json.h"

#include <stdlib.h>

/* "123" or 123; FALSE for anything else. */
static gboolean
node_to_id (JsonNode *node, char **id)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    *id = g_strdup (json_node_get_string (node));
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    *id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else
    return FALSE;
  return **id != '\0';
}

static char *
user_id (IgApi *api, const char *username, GCancellable *cancellable,
    GError **error)
{
  g_autofree char *path =
      g_strdup_printf ("/api/v1/users/web_profile_info/?username=%s", username);
  g_autoptr (JsonNode) root =
      ig_api_get_json (api, path, "web_profile_info", cancellable, error);
  JsonNode *user = ig_json_lookup (root, "data", "user", NULL);
  char *id = NULL;

  if (root == NULL)
    return NULL;
  if (ig_json_is_null (user)) {
    g_set_error (error, IG_ERROR, IG_ERROR_NOT_FOUND,
        "Instagram has no user %s", username);
    return NULL;
  }
  if (!node_to_id (ig_json_member (user, "id"), &id)
      && !node_to_id (ig_json_member (user, "pk"), &id))
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "web_profile_info: the user %s has no id", username);
  return id;
}

/* reels[id], or the reels_media entry whose id is @id. */
static JsonNode *
find_reel (JsonNode *root, const char *id)
{
  JsonNode *reels = ig_json_member (root, "reels");
  JsonNode *list = ig_json_member (root, "reels_media");
  JsonNode *reel = ig_json_member (reels, id);
  guint i;

  if (reel != NULL && JSON_NODE_HOLDS_OBJECT (reel))
    return reel;
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return NULL;
  for (i = 0; i < json_array_get_length (json_node_get_array (list)); i++) {
    JsonNode *entry = json_array_get_element (json_node_get_array (list), i);
    g_autofree char *entry_id = NULL;

    if (node_to_id (ig_json_member (entry, "id"), &entry_id)
        && g_strcmp0 (entry_id, id) == 0)
      return entry;
  }
  return NULL;
}

static gint
by_taken_at (gconstpointer a, gconstpointer b)
{
  const IgItem *x = *(IgItem **) a, *y = *(IgItem **) b;

  return (x->taken_at > y->taken_at) - (x->taken_at < y->taken_at);
}

/* One story item: its first (only) media, with its times. */
static IgItem *
story_item (JsonNode *node, IgPost *reel_post, GError **error)
{
  g_autoptr (IgPost) post = ig_post_from_rest (node, error);
  IgItem *item;

  if (post == NULL || post->items->len == 0)
    return NULL;
  item = g_ptr_array_steal_index (post->items, 0);
  item->pk = item->pk ? item->pk : post->pk;
  item->taken_at = post->taken_at;
  item->expiring_at = post->expiring_at;
  if (reel_post->owner_username == NULL)
    reel_post->owner_username = g_strdup (post->owner_username);
  return item;
}

static const char *
string_at (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
          && json_node_get_value_type (node) == G_TYPE_STRING
      ? json_node_get_string (node)
      : NULL;
}

static IgPost *
reel_post (JsonNode *reel, GError **error)
{
  JsonNode *items = ig_json_member (reel, "items");
  g_autoptr (IgPost) post = ig_post_new ();
  guint i, n;

  post->product_type = g_strdup ("story");
  post->owner_username =
      g_strdup (string_at (ig_json_lookup (reel, "user", "username", NULL)));
  n = items && JSON_NODE_HOLDS_ARRAY (items)
      ? json_array_get_length (json_node_get_array (items))
      : 0;
  for (i = 0; i < n; i++) {
    IgItem *item =
        story_item (json_array_get_element (json_node_get_array (items), i),
            post, error);

    if (item == NULL)
      return NULL;
    g_ptr_array_add (post->items, item);
  }
  /* Instagram plays a story oldest first: media-index 0 is the oldest. */
  g_ptr_array_sort (post->items, by_taken_at);
  post->type = n == 1 ? ((IgItem *) g_ptr_array_index (post->items, 0))->type
                      : IG_MEDIA_CAROUSEL;
  return g_steal_pointer (&post);
}

/* feed/reels_media for one reel (a story or one highlight: batches of
 * highlights have answered 5xx since 2022). A 5xx there is the endpoint
 * failing, as in September 2026 (gallery-dl #9765), not throttling: one
 * retry, then an error that says so, and no rate-limit back-off. */
static JsonNode *
reels_media (IgApi *api, const char *path, GCancellable *cancellable,
    GError **error)
{
  GError *local = NULL;
  JsonNode *root;
  guint status;

  ig_api_set_server_retries (api, 1);
  root = ig_api_get_json (api, path, "reels_media", cancellable, &local);
  ig_api_set_server_retries (api, -1);
  status = ig_api_get_last_status (api);
  if (root != NULL || status < 500 || status > 599) {
    if (local != NULL)
      g_propagate_error (error, local);
    return root;
  }
  g_set_error (error, IG_ERROR, IG_ERROR_ENDPOINT_FAILING,
      "Instagram's stories endpoint is failing (HTTP %u); try again later\n"
      "%s",
      status, local->message);
  g_error_free (local);
  return NULL;
}

static void
set_empty_error (const IgMediaRef *ref, const char *id, GError **error)
{
  if (ref->kind == IG_REF_HIGHLIGHT)
    g_set_error (error, IG_ERROR, IG_ERROR_NOT_FOUND,
        "the highlight %s has no items", id);
  else
    g_set_error (error, IG_ERROR, IG_ERROR_NOT_FOUND, "%s has no current story",
        ref->username);
}

IgPost *
ig_stories_resolve (IgApi *api, const IgMediaRef *ref,
    GCancellable *cancellable, GError **error)
{
  g_autofree char *id = NULL, *uri = NULL, *query = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (IgPost) post = NULL;
  JsonNode *reel;

  if (ref->kind == IG_REF_HIGHLIGHT)
    id = g_strdup_printf ("highlight:%" G_GUINT64_FORMAT, ref->highlight_id);
  else if ((id = user_id (api, ref->username, cancellable, error)) == NULL)
    return NULL;
  query = soup_form_encode ("reel_ids", id, NULL);
  uri = g_strdup_printf ("/api/v1/feed/reels_media/?%s", query);
  root = reels_media (api, uri, cancellable, error);
  if (root == NULL)
    return NULL;
  reel = find_reel (root, id);
  if (reel != NULL && (post = reel_post (reel, error)) == NULL)
    return NULL;
  if (post == NULL || post->items->len == 0) {
    set_empty_error (ref, id, error);
    return NULL;
  }
  return g_steal_pointer (&post);
}
