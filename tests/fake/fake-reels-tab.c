/* gst-instagram tests: the fake's reels tab, POST /api/v1/clips/user/
 * (form target_user_id, page_size, max_id; answer items[].media and
 * paging_info {max_id, more_available}), as a real 2026 page shows it
 * (instagram-2026-12.md 6.2), and the 2026 item shape (6.3).
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-private.h"
#include "fake-media.h"

#include <string.h>

/* Most items a tab page holds, whatever page_size asks. */
#define TAB_MAX_PAGE 12

/* ---- the 2026 item shape -------------------------------------------------- */

static void
pk_to_number (JsonObject *obj)
{
  g_autofree char *pk = fake_dup_id_member (obj, "pk");

  if (pk != NULL)
    json_object_set_int_member (obj, "pk", g_ascii_strtoll (pk, NULL, 10));
}

void
fake_item_to_2026 (JsonNode *item)
{
  JsonObject *obj = json_node_get_object (item);
  JsonObject *caption = json_object_get_object_member (obj, "caption");
  JsonObject *user = json_object_get_object_member (obj, "user");
  g_autofree char *text = NULL;
  g_autofree char *user_id = NULL;

  json_object_remove_member (obj, "media_type");
  json_object_remove_member (obj, "code");
  pk_to_number (obj);
  if (caption != NULL)
    text = g_strdup (json_object_get_string_member (caption, "text"));
  json_object_set_string_member (obj, "caption", text);
  json_object_set_int_member (obj, "taken_at_timestamp",
      json_object_get_int_member_with_default (obj, "taken_at", 0));
  json_object_remove_member (obj, "taken_at");
  user_id = user != NULL ? fake_dup_id_member (user, "pk") : NULL;
  user = json_object_new ();
  json_object_set_string_member (user, "id", user_id);
  json_object_set_object_member (obj, "user", user);
  /* a published capture said 10 with 3 children: the array is right */
  if (json_object_has_member (obj, "carousel_media"))
    json_object_set_int_member (obj, "carousel_media_count", 10);
}

/* ---- the tab ---------------------------------------------------------------- */

/* The tab's post @i of @owner: its own order, or the grid's clips. */
static const FakePost *
tab_post (const FakeOwner *owner, const FakePost *first, guint i)
{
  guint k, n = 0;

  if (owner->tab != NULL)
    return i < owner->n_tab ? &first[owner->tab[i]] : NULL;
  for (k = 0; k < fake_owner_grid_count (owner); k++) {
    JsonObject *obj = json_node_get_object (first[k].item);

    if (g_strcmp0 (json_object_get_string_member_with_default (obj,
                       "product_type", ""),
            "clips")
            == 0
        && n++ == i)
      return &first[k];
  }
  return NULL;
}

/* {"media": ITEM}, the tab's pin marked as the app's answer marks it. */
static JsonNode *
tab_entry (FakeInstagram *fi, const FakeOwner *owner, const FakePost *post,
    guint i)
{
  JsonNode *item = fake_post_dup_item (fi, post);
  JsonObject *entry = json_object_new ();
  JsonArray *pins = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  if (owner->tab != NULL && i == 0)
    json_array_add_string_element (pins, owner->pk);
  json_object_set_array_member (json_node_get_object (item),
      "clips_tab_pinned_user_ids", pins);
  if (owner->shape_2026)
    fake_item_to_2026 (item);
  json_object_set_member (entry, "media", item);
  json_node_take_object (node, entry);
  return node;
}

static guint
param_uint (GHashTable *params, const char *name, guint otherwise)
{
  const char *text = g_hash_table_lookup (params, name);
  guint64 n;

  if (text == NULL
      || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &n, NULL))
    return otherwise;
  return (guint) n;
}

static void
respond_tab (FakeInstagram *fi, SoupServerMessage *msg, const FakeOwner *owner,
    const FakePost *first, guint start, guint size)
{
  JsonObject *root = json_object_new ();
  JsonObject *paging = json_object_new ();
  JsonArray *items = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  const FakePost *post;
  guint i;

  for (i = start; i < start + size && (post = tab_post (owner, first, i)); i++)
    json_array_add_element (items, tab_entry (fi, owner, post, i));
  json_object_set_array_member (root, "items", items);
  json_object_set_boolean_member (paging, "more_available",
      tab_post (owner, first, i) != NULL);
  if (tab_post (owner, first, i) != NULL) {
    g_autofree char *cursor = g_strdup_printf ("TAB%u", i);

    json_object_set_string_member (paging, "max_id", cursor);
  }
  json_object_set_object_member (root, "paging_info", paging);
  json_object_set_string_member (root, "status", "ok");
  json_node_take_object (node, root);
  fake_respond_json_take (msg, SOUP_STATUS_OK, node);
}

/* A hostile feed page as the tab sends it: items wrapped in "media" (what
 * is no object stays as it is) and the paging in paging_info, wrong types
 * and all. */
static JsonNode *
hostile_tab_page (JsonNode *feed)
{
  JsonObject *root = json_node_get_object (feed);
  JsonNode *items = json_object_get_member (root, "items");
  JsonObject *paging = json_object_new ();

  if (JSON_NODE_HOLDS_ARRAY (items)) {
    JsonArray *a = json_node_get_array (items);
    JsonArray *wrapped = json_array_new ();

    for (guint i = 0; i < json_array_get_length (a); i++) {
      JsonNode *item = json_node_copy (json_array_get_element (a, i));
      JsonObject *entry;

      if (!JSON_NODE_HOLDS_OBJECT (item)) {
        json_array_add_element (wrapped, item);
        continue;
      }
      entry = json_object_new ();
      json_object_set_member (entry, "media", item);
      json_array_add_object_element (wrapped, entry);
    }
    json_object_set_array_member (root, "items", wrapped);
  }
  if (json_object_has_member (root, "more_available"))
    json_object_set_member (paging, "more_available",
        json_node_copy (json_object_get_member (root, "more_available")));
  if (json_object_has_member (root, "next_max_id"))
    json_object_set_member (paging, "max_id",
        json_node_copy (json_object_get_member (root, "next_max_id")));
  json_object_set_object_member (root, "paging_info", paging);
  return json_node_ref (feed);
}

/* POST /api/v1/clips/user/, logged in only. */
void
fake_api_clips_user (FakeInstagram *fi, SoupServerMessage *msg)
{
  g_autoptr (GHashTable) params = NULL;
  const FakePost *first = NULL;
  const FakeOwner *owner;
  const char *cursor;
  JsonNode *hostile;
  guint64 n = 0;
  guint start, size;

  if (g_strcmp0 (soup_server_message_get_method (msg), "POST") != 0) {
    fake_respond_fail (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "POST only");
    return;
  }
  if (!fake_require_app_id (msg))
    return;
  if (!fake_is_logged_in (fi, msg)) {
    fake_respond_login_required (msg);
    return;
  }
  params = fake_dup_params (msg, NULL);
  cursor = g_hash_table_lookup (params, "max_id");
  owner = fake_posts_owner (fi->posts,
      g_hash_table_lookup (params, "target_user_id"), &first);
  hostile = owner == NULL
      ? fake_profiles_hostile_page (g_hash_table_lookup (params,
                                        "target_user_id"),
          cursor)
      : NULL;
  if (hostile != NULL) {
    fake_respond_json_take (msg, SOUP_STATUS_OK, hostile_tab_page (hostile));
    json_node_unref (hostile);
    return;
  }
  if (owner == NULL) {
    fake_respond_fail (msg, SOUP_STATUS_NOT_FOUND, "User not found");
    return;
  }
  if (cursor != NULL
      && (!g_str_has_prefix (cursor, "TAB")
          || !g_ascii_string_to_unsigned (cursor + 3, 10, 1, G_MAXUINT, &n,
              NULL))) {
    fake_respond_fail (msg, SOUP_STATUS_BAD_REQUEST, "Invalid max_id");
    return;
  }
  start = cursor != NULL ? (guint) n : 0;
  size = MIN (param_uint (params, "page_size", TAB_MAX_PAGE), TAB_MAX_PAGE);
  if (owner->shape_2026)
    size = MIN (size, FAKE_R26_PAGE_SIZE);
  respond_tab (fi, msg, owner, first, start, MAX (size, 1));
}
