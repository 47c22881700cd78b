/* gst-instagram tests: the fake's profiles. web_profile_info's user with
 * the grid's first page (GraphQL edges, instagram-api.md §4.9), and the
 * mobile feed api/v1/feed/user/PK/ that sessions page by next_max_id
 * (§2.1 A: items, num_results, more_available, next_max_id), as
 * fake-media.h's Profiles describe. Hostile feeds for the lister's bounds.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-private.h"
#include "fake-media.h"

#include <string.h>

typedef enum
{
  HOSTILE_LOOP,
  HOSTILE_HUGE,
  HOSTILE_EMPTY,
  HOSTILE_JUNK,
  HOSTILE_BADPAGE,
  LOCKED,
} Special;

static const struct
{
  const char *username;
  const char *pk;
  Special kind;
} special_table[] = {
  { FAKE_LOOP_USER, "4100000010", HOSTILE_LOOP },
  { FAKE_HUGE_USER, "4100000011", HOSTILE_HUGE },
  { FAKE_EMPTY_USER, "4100000012", HOSTILE_EMPTY },
  { FAKE_JUNK_USER, "4100000013", HOSTILE_JUNK },
  { FAKE_BADPAGE_USER, "4100000014", HOSTILE_BADPAGE },
  { FAKE_LOCKED_USER, FAKE_LOCKED_USER_PK, LOCKED },
};

static gint
find_special (const char *name_or_pk)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (special_table); i++) {
    if (g_strcmp0 (special_table[i].username, name_or_pk) == 0
        || g_strcmp0 (special_table[i].pk, name_or_pk) == 0)
      return (gint) i;
  }
  return -1;
}

static const char *
typename_of (JsonObject *item)
{
  switch (json_object_get_int_member_with_default (item, "media_type", 1)) {
    case 2:
      return "GraphVideo";
    case 8:
      return "GraphSidecar";
    default:
      return "GraphImage";
  }
}

/* The grid node of web_profile_info for a post's REST item. */
static JsonNode *
graphql_edge (JsonNode *item_node)
{
  JsonObject *item = json_node_get_object (item_node);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  const char *type = typename_of (item);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "node");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "__typename");
  json_builder_add_string_value (b, type);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, json_object_get_string_member (item, "pk"));
  json_builder_set_member_name (b, "shortcode");
  json_builder_add_string_value (b,
      json_object_get_string_member (item, "code"));
  json_builder_set_member_name (b, "is_video");
  json_builder_add_boolean_value (b, g_str_equal (type, "GraphVideo"));
  json_builder_set_member_name (b, "product_type");
  json_builder_add_string_value (b,
      json_object_get_string_member_with_default (item, "product_type",
          "feed"));
  json_builder_set_member_name (b, "taken_at_timestamp");
  json_builder_add_int_value (b,
      json_object_get_int_member_with_default (item, "taken_at", 0));
  fake_graphql_add_caption (b, item);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* A bare image item, for the hostile feeds: enough for a list. */
static JsonNode *
bare_item (guint64 pk)
{
  g_autofree char *text =
      g_strdup_printf ("{\"pk\":\"%" G_GUINT64_FORMAT "\",\"media_type\":1,"
                       "\"product_type\":\"feed\",\"taken_at\":1700000000}",
          pk);

  return json_from_string (text, NULL);
}

static JsonNode *
huge_items (void)
{
  GString *text = g_string_new ("[");
  g_autofree char *json = NULL;
  guint i;

  for (i = 0; i < FAKE_HUGE_COUNT; i++)
    g_string_append_printf (text,
        "%s{\"pk\":\"%" G_GUINT64_FORMAT "\",\"media_type\":1,"
        "\"product_type\":\"feed\",\"taken_at\":1700000000}",
        i ? "," : "", G_GUINT64_CONSTANT (3100000000000100000) + i);
  g_string_append_c (text, ']');
  json = g_string_free (text, FALSE);
  return json_from_string (json, NULL);
}

static const char junk_items[] =
    "[42, \"a string\", null, [], {\"code\": 5, \"media_type\": \"1\"},"
    " {\"pk\": \"abc\", \"media_type\": 1}, {\"code\": \"!!bad!!\"},"
    " {\"pk\": {\"x\": 1}, \"code\": [1], \"media_type\": 1},"
    " {\"pk\": \"3100000000000009001\", \"media_type\": 1},"
    " {\"code\": \"CjunkCode01\", \"media_type\": 2, \"caption\": 7,"
    "  \"taken_at\": \"yesterday\", \"product_type\": 9},"
    " {\"media_type\": 99, \"code\": \"CjunkCode02\"}]";

/* The items of a hostile page (@cursor: the max_id asked, or NULL). */
static JsonNode *
hostile_items (Special kind, const char *cursor)
{
  JsonArray *a = json_array_new ();
  JsonNode *node;
  guint i;

  switch (kind) {
    case HOSTILE_LOOP: /* two new posts per page, the cursor never moves */
      for (i = 0; i < 2; i++)
        json_array_add_element (a,
            bare_item (G_GUINT64_CONSTANT (3100000000000008000)
                + (cursor ? 2 : 0) + i));
      break;
    case HOSTILE_HUGE: /* one text, one parse: fast under valgrind too */
      json_array_unref (a);
      return huge_items ();
    case HOSTILE_JUNK:
      json_array_unref (a);
      return json_from_string (junk_items, NULL);
    case HOSTILE_BADPAGE:
      json_array_unref (a);
      return json_from_string ("{\"0\": {\"code\": \"CjunkCode01\"}}", NULL);
    default:
      break;
  }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, a);
  return node;
}

/* The same items as grid edges ({"node": item}). */
static JsonNode *
hostile_edges (Special kind)
{
  g_autoptr (JsonNode) items = hostile_items (kind, NULL);
  JsonArray *edges = json_array_new ();
  JsonNode *node;
  guint i;

  if (!JSON_NODE_HOLDS_ARRAY (items)) {
    json_array_unref (edges);
    return json_node_ref (items);
  }
  for (i = 0; i < json_array_get_length (json_node_get_array (items)); i++) {
    JsonNode *item = json_array_get_element (json_node_get_array (items), i);
    JsonObject *edge = json_object_new ();

    if (JSON_NODE_HOLDS_OBJECT (item)) {
      JsonObject *o = json_node_get_object (item);

      if (json_object_has_member (o, "pk"))
        json_object_set_member (o, "id",
            json_node_copy (json_object_get_member (o, "pk")));
      if (json_object_has_member (o, "code"))
        json_object_set_member (o, "shortcode",
            json_node_copy (json_object_get_member (o, "code")));
      /* the GraphQL name of media_type 1 and 2; junk keeps none */
      if (json_object_has_member (o, "media_type")
          && JSON_NODE_HOLDS_VALUE (json_object_get_member (o, "media_type"))
          && json_node_get_value_type (json_object_get_member (o, "media_type"))
              == G_TYPE_INT64
          && json_object_get_int_member (o, "media_type") <= 2)
        json_object_set_string_member (o, "__typename", typename_of (o));
    }
    json_object_set_member (edge, "node", fake_json_deep_copy (item));
    json_array_add_object_element (edges, edge);
  }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, edges);
  return node;
}

static JsonObject *
user_object (const char *pk, const char *username, const char *full_name,
    gboolean is_private, gboolean followed)
{
  JsonObject *user = json_object_new ();
  JsonObject *followers = json_object_new ();
  JsonObject *follow = json_object_new ();

  json_object_set_string_member (user, "id", pk);
  json_object_set_string_member (user, "username", username);
  json_object_set_string_member (user, "full_name", full_name);
  json_object_set_boolean_member (user, "is_private", is_private);
  json_object_set_boolean_member (user, "is_verified", FALSE);
  json_object_set_boolean_member (user, "followed_by_viewer", followed);
  json_object_set_string_member (user, "profile_pic_url",
      "@CDN:avatar-150.jpg@");
  json_object_set_string_member (user, "profile_pic_url_hd",
      "@CDN:avatar-150.jpg@");
  json_object_set_int_member (followers, "count", 1);
  json_object_set_object_member (user, "edge_followed_by", followers);
  json_object_set_int_member (follow, "count", 1);
  json_object_set_object_member (user, "edge_follow", follow);
  return user;
}

static void
set_timeline (JsonObject *user, gint64 count, JsonNode *edges, gboolean more,
    const char *cursor)
{
  JsonObject *timeline = json_object_new ();
  JsonObject *page = json_object_new ();

  json_object_set_int_member (timeline, "count", count);
  json_object_set_boolean_member (page, "has_next_page", more);
  if (cursor != NULL)
    json_object_set_string_member (page, "end_cursor", cursor);
  else
    json_object_set_null_member (page, "end_cursor");
  json_object_set_object_member (timeline, "page_info", page);
  json_object_set_member (timeline, "edges", edges);
  json_object_set_object_member (user, "edge_owner_to_timeline_media",
      timeline);
}

static JsonNode *
empty_array (void)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, json_array_new ());
  return node;
}

static JsonNode *
special_user (gint k)
{
  Special kind = special_table[k].kind;
  JsonObject *user =
      user_object (special_table[k].pk, special_table[k].username,
          special_table[k].username, kind == LOCKED, FALSE);
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  if (kind == LOCKED)
    set_timeline (user, 5, empty_array (), TRUE, NULL);
  else if (kind == HOSTILE_EMPTY)
    set_timeline (user, 50, empty_array (), TRUE, "EMPTY");
  else
    set_timeline (user, kind == HOSTILE_HUGE ? FAKE_HUGE_COUNT : 40,
        hostile_edges (kind), TRUE, "LOOP");
  json_node_take_object (node, user);
  return node;
}

JsonNode *
fake_profiles_user (FakeInstagram *fi, const char *username, gboolean logged_in)
{
  const FakePost *first = NULL;
  const FakeOwner *owner = fake_posts_owner (fi->posts, username, &first);
  gint special = owner == NULL ? find_special (username) : -1;
  JsonObject *user;
  JsonNode *edges, *node;
  gboolean visible;
  guint i, n, grid;

  if (owner == NULL)
    return special >= 0 ? special_user (special) : NULL;
  /* The fake session's account follows every private owner. */
  visible = !owner->is_private || logged_in;
  user = user_object (owner->pk, owner->username, owner->full_name,
      owner->is_private, owner->is_private && logged_in);
  edges = empty_array ();
  grid = fake_owner_grid_count (owner);
  n = visible ? MIN (grid, FAKE_WEB_PAGE_SIZE) : 0;
  for (i = 0; i < n; i++) {
    g_autoptr (JsonNode) item = fake_post_dup_item (fi, &first[i]);

    json_array_add_element (json_node_get_array (edges), graphql_edge (item));
  }
  set_timeline (user, grid, edges, visible && n < grid,
      visible && n < grid ? "QVFCX2dyaWRfY3Vyc29yXzEy" : NULL);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, user);
  fake_expand_cdn (fi, node);
  return node;
}

/* The cursor after post @i of @owner: "PK_OWNERPK", like Instagram's. */
static char *
cursor_after (const FakeOwner *owner, const FakePost *post)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT "_%s", post->pk, owner->pk);
}

static guint
page_count (GHashTable *query)
{
  const char *text = query ? g_hash_table_lookup (query, "count") : NULL;
  guint64 n = 0;

  if (text == NULL
      || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &n, NULL))
    return FAKE_WEB_PAGE_SIZE;
  return MIN ((guint) n, FAKE_FEED_MAX_COUNT);
}

/* A feed page's root: items, num_results, more_available, next_max_id. */
static JsonNode *
page_root (JsonNode *items, gboolean more, const char *next)
{
  JsonObject *root = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (root, "num_results",
      JSON_NODE_HOLDS_ARRAY (items)
          ? json_array_get_length (json_node_get_array (items))
          : 0);
  json_object_set_member (root, "items", items);
  json_object_set_boolean_member (root, "more_available", more);
  if (next != NULL)
    json_object_set_string_member (root, "next_max_id", next);
  json_object_set_boolean_member (root, "auto_load_more_enabled", TRUE);
  json_object_set_string_member (root, "status", "ok");
  json_node_take_object (node, root);
  return node;
}

static void
respond_page (SoupServerMessage *msg, JsonNode *items, gboolean more,
    const char *next)
{
  fake_respond_json_take (msg, SOUP_STATUS_OK, page_root (items, more, next));
}

static void
respond_last_2026 (SoupServerMessage *msg, JsonNode *items)
{
  JsonObject *root = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_member (root, "items", items);
  json_object_set_boolean_member (root, "more_available", TRUE);
  json_object_set_boolean_member (root, "next_max_id", FALSE);
  json_object_set_string_member (root, "status", "ok");
  json_node_take_object (node, root);
  fake_respond_json_take (msg, SOUP_STATUS_OK, node);
}

/* The feed page of a hostile user @kind (not LOCKED). */
static JsonNode *
special_page (Special kind, const char *cursor)
{
  JsonNode *items =
      kind == HOSTILE_EMPTY ? empty_array () : hostile_items (kind, cursor);
  JsonNode *node;
  JsonObject *root;

  if (kind != HOSTILE_JUNK)
    return page_root (items, TRUE, kind == HOSTILE_EMPTY ? "EMPTY" : "LOOP");
  /* wrong types for the paging fields too */
  node = page_root (items, TRUE, NULL);
  root = json_node_get_object (node);
  json_object_set_string_member (root, "more_available", "yes");
  json_object_set_object_member (root, "next_max_id", json_object_new ());
  return node;
}

JsonNode *
fake_profiles_hostile_page (const char *pk, const char *cursor)
{
  gint special = find_special (pk);

  if (special < 0 || g_strcmp0 (special_table[special].pk, pk) != 0
      || special_table[special].kind == LOCKED)
    return NULL;
  return special_page (special_table[special].kind, cursor);
}

static void
respond_special (SoupServerMessage *msg, Special kind, const char *cursor)
{
  if (kind == LOCKED) {
    fake_respond_fail (msg, SOUP_STATUS_BAD_REQUEST,
        "Not authorized to view user");
    return;
  }
  fake_respond_json_take (msg, SOUP_STATUS_OK, special_page (kind, cursor));
}

void
fake_api_feed_user (FakeInstagram *fi, SoupServerMessage *msg, const char *pk,
    GHashTable *query)
{
  const char *cursor = query ? g_hash_table_lookup (query, "max_id") : NULL;
  const FakePost *first = NULL;
  const FakeOwner *owner;
  JsonNode *items;
  guint start = 0, end, count, i, grid;
  g_autofree char *next = NULL;
  gint special;

  if (!fake_require_app_id (msg) || !fake_require_feed_access (fi, msg))
    return;
  owner = fake_posts_owner (fi->posts, pk, &first);
  if (owner == NULL || g_strcmp0 (owner->pk, pk) != 0) {
    special = find_special (pk);
    if (special < 0 || g_strcmp0 (special_table[special].pk, pk) != 0) {
      fake_respond_fail (msg, SOUP_STATUS_NOT_FOUND, "User not found");
      return;
    }
    respond_special (msg, special_table[special].kind, cursor);
    return;
  }
  grid = fake_owner_grid_count (owner);
  if (cursor != NULL) {
    for (start = 0; start < grid; start++) {
      g_autofree char *c = cursor_after (owner, &first[start]);

      if (g_str_equal (c, cursor))
        break;
    }
    if (start++ >= grid) {
      fake_respond_fail (msg, SOUP_STATUS_BAD_REQUEST, "Invalid max_id");
      return;
    }
  }
  count = owner->shape_2026 ? FAKE_R26_PAGE_SIZE : page_count (query);
  end = MIN (start + count, grid);
  items = empty_array ();
  for (i = start; i < end; i++) {
    JsonNode *item = fake_post_dup_item (fi, &first[i]);

    if (owner->shape_2026)
      fake_item_to_2026 (item);
    json_array_add_element (json_node_get_array (items), item);
  }
  if (end < grid)
    next = cursor_after (owner, &first[end - 1]);
  if (owner->shape_2026 && end >= grid)
    respond_last_2026 (msg, items);
  else
    respond_page (msg, items, end < grid, next);
}
