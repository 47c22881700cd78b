/* gst-instagram tests: derive the web GraphQL shape (shortcode_media and
 * xdt_shortcode_media) from a REST item, so each post is written once.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-private.h"

static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* Carousel children have no code in the REST shape but do in GraphQL. */
static char *
pk_to_shortcode (guint64 pk)
{
  char buf[12];
  int i = sizeof buf - 1;

  buf[i] = '\0';
  do {
    buf[--i] = alphabet[pk & 63];
    pk >>= 6;
  } while (pk != 0 && i > 0);
  return g_strdup (&buf[i]);
}

#define dup_id fake_dup_id_member

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_bool (JsonBuilder *b, const char *name, gboolean value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static JsonObject *
get_object (JsonObject *obj, const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node)
                                               : NULL;
}

static JsonArray *
get_array (JsonObject *obj, const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node)
                                              : NULL;
}

/* REST lists candidates largest first; display_resources go smallest
 * first and display_url is the largest. */
static void
add_display (JsonBuilder *b, JsonObject *item)
{
  JsonObject *versions = get_object (item, "image_versions2");
  JsonArray *cands = versions ? get_array (versions, "candidates") : NULL;
  guint n = cands ? json_array_get_length (cands) : 0;
  JsonObject *first = n ? json_array_get_object_element (cands, 0) : NULL;
  guint i;

  add_string (b, "display_url",
      first ? json_object_get_string_member (first, "url") : NULL);
  json_builder_set_member_name (b, "display_resources");
  json_builder_begin_array (b);
  for (i = n; i > 0; i--) {
    JsonObject *c = json_array_get_object_element (cands, i - 1);

    json_builder_begin_object (b);
    add_string (b, "src", json_object_get_string_member (c, "url"));
    add_int (b, "config_width", json_object_get_int_member (c, "width"));
    add_int (b, "config_height", json_object_get_int_member (c, "height"));
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
}

static const char *
largest_video_url (JsonObject *item)
{
  JsonArray *versions = get_array (item, "video_versions");
  const char *best = NULL;
  gint64 best_area = -1;
  guint i;

  for (i = 0; versions && i < json_array_get_length (versions); i++) {
    JsonObject *v = json_array_get_object_element (versions, i);
    gint64 area = json_object_get_int_member (v, "width")
        * json_object_get_int_member (v, "height");

    if (area > best_area) {
      best_area = area;
      best = json_object_get_string_member (v, "url");
    }
  }
  return best;
}

static void
add_video (JsonBuilder *b, JsonObject *item)
{
  add_string (b, "video_url", largest_video_url (item));
  json_builder_set_member_name (b, "video_duration");
  json_builder_add_double_value (b,
      json_object_get_double_member_with_default (item, "video_duration", 0));
  add_bool (b, "has_audio",
      json_object_get_boolean_member_with_default (item, "has_audio", FALSE));
  add_int (b, "video_view_count",
      json_object_get_int_member_with_default (item, "view_count", 0));
  add_int (b, "video_play_count",
      json_object_get_int_member_with_default (item, "play_count", 0));
  json_builder_set_member_name (b, "dash_info");
  json_builder_begin_object (b);
  add_bool (b, "is_dash_eligible",
      json_object_get_int_member_with_default (item, "is_dash_eligible", 0));
  add_string (b, "video_dash_manifest",
      json_object_get_string_member_with_default (item, "video_dash_manifest",
          NULL));
  add_int (b, "number_of_qualities",
      json_object_get_int_member_with_default (item, "number_of_qualities", 0));
  json_builder_end_object (b);
}

void
fake_graphql_add_caption (JsonBuilder *b, JsonObject *item)
{
  JsonObject *caption = get_object (item, "caption");

  json_builder_set_member_name (b, "edge_media_to_caption");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "edges");
  json_builder_begin_array (b);
  if (caption != NULL) {
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "node");
    json_builder_begin_object (b);
    add_string (b, "text", json_object_get_string_member (caption, "text"));
    json_builder_end_object (b);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_comment_node (JsonBuilder *b, JsonObject *comment)
{
  JsonObject *user = get_object (comment, "user");
  g_autofree char *id = dup_id (comment, "pk");
  g_autofree char *user_id = user ? dup_id (user, "pk") : NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "node");
  json_builder_begin_object (b);
  add_string (b, "id", id);
  add_string (b, "text", json_object_get_string_member (comment, "text"));
  add_int (b, "created_at", json_object_get_int_member (comment, "created_at"));
  json_builder_set_member_name (b, "owner");
  json_builder_begin_object (b);
  add_string (b, "id", user_id);
  add_string (b, "username",
      user ? json_object_get_string_member (user, "username") : NULL);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
add_counts (JsonBuilder *b, JsonObject *item)
{
  JsonArray *comments = get_array (item, "preview_comments");
  guint i;

  json_builder_set_member_name (b, "edge_media_preview_like");
  json_builder_begin_object (b);
  add_int (b, "count",
      json_object_get_int_member_with_default (item, "like_count", 0));
  json_builder_set_member_name (b, "edges");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "edge_media_to_parent_comment");
  json_builder_begin_object (b);
  add_int (b, "count",
      json_object_get_int_member_with_default (item, "comment_count", 0));
  json_builder_set_member_name (b, "page_info");
  json_builder_begin_object (b);
  add_bool (b, "has_next_page", FALSE);
  add_string (b, "end_cursor", NULL);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "edges");
  json_builder_begin_array (b);
  for (i = 0; comments && i < json_array_get_length (comments); i++)
    add_comment_node (b, json_array_get_object_element (comments, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_owner (JsonBuilder *b, JsonObject *item)
{
  JsonObject *user = get_object (item, "user");
  g_autofree char *id = user ? dup_id (user, "pk") : NULL;

  json_builder_set_member_name (b, "owner");
  if (user == NULL) {
    json_builder_add_null_value (b);
    return;
  }
  json_builder_begin_object (b);
  add_string (b, "id", id);
  add_string (b, "username", json_object_get_string_member (user, "username"));
  add_string (b, "full_name",
      json_object_get_string_member_with_default (user, "full_name", ""));
  add_bool (b, "is_private",
      json_object_get_boolean_member_with_default (user, "is_private", FALSE));
  add_bool (b, "is_verified",
      json_object_get_boolean_member_with_default (user, "is_verified", FALSE));
  add_string (b, "profile_pic_url",
      json_object_get_string_member_with_default (user, "profile_pic_url",
          NULL));
  json_builder_end_object (b);
}

static void
add_location (JsonBuilder *b, JsonObject *item)
{
  JsonObject *loc = get_object (item, "location");
  g_autofree char *id = loc ? dup_id (loc, "pk") : NULL;
  g_autofree char *slug = NULL;

  json_builder_set_member_name (b, "location");
  if (loc == NULL) {
    json_builder_add_null_value (b);
    return;
  }
  slug = g_ascii_strdown (json_object_get_string_member_with_default (loc,
                              "short_name", ""),
      -1);
  json_builder_begin_object (b);
  add_string (b, "id", id);
  add_bool (b, "has_public_page", TRUE);
  add_string (b, "name", json_object_get_string_member (loc, "name"));
  add_string (b, "slug", slug);
  json_builder_end_object (b);
}

static void build_node (JsonBuilder *b, JsonObject *item, const char *prefix,
    gboolean child);

static void
add_children (JsonBuilder *b, JsonObject *item, const char *prefix)
{
  JsonArray *children = get_array (item, "carousel_media");
  guint i;

  json_builder_set_member_name (b, "edge_sidecar_to_children");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "edges");
  json_builder_begin_array (b);
  for (i = 0; children && i < json_array_get_length (children); i++) {
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "node");
    build_node (b, json_array_get_object_element (children, i), prefix, TRUE);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* The fields of the post itself, not of a carousel child. */
static void
add_post_fields (JsonBuilder *b, JsonObject *item)
{
  fake_graphql_add_caption (b, item);
  add_counts (b, item);
  add_owner (b, item);
  add_location (b, item);
  add_int (b, "taken_at_timestamp",
      json_object_get_int_member_with_default (item, "taken_at", 0));
  add_string (b, "product_type",
      json_object_get_string_member_with_default (item, "product_type",
          "feed"));
  add_bool (b, "comments_disabled", FALSE);
  add_bool (b, "viewer_has_liked", FALSE);
}

static void
build_node (JsonBuilder *b, JsonObject *item, const char *prefix,
    gboolean child)
{
  gint64 media_type =
      json_object_get_int_member_with_default (item, "media_type", 1);
  const char *kind = media_type == 8 ? "Sidecar" : "Image";
  g_autofree char *type_name = NULL;
  g_autofree char *id = dup_id (item, "pk");
  g_autofree char *code = NULL;

  if (media_type == 2)
    kind = "Video";
  type_name = g_strconcat (prefix, kind, NULL);
  code = json_object_has_member (item, "code")
      ? g_strdup (json_object_get_string_member (item, "code"))
      : pk_to_shortcode (g_ascii_strtoull (id ? id : "0", NULL, 10));
  json_builder_begin_object (b);
  add_string (b, "__typename", type_name);
  add_string (b, "id", id);
  add_string (b, "shortcode", code);
  json_builder_set_member_name (b, "dimensions");
  json_builder_begin_object (b);
  add_int (b, "height", json_object_get_int_member (item, "original_height"));
  add_int (b, "width", json_object_get_int_member (item, "original_width"));
  json_builder_end_object (b);
  add_display (b, item);
  add_bool (b, "is_video", media_type == 2);
  if (media_type == 2)
    add_video (b, item);
  if (json_object_has_member (item, "accessibility_caption"))
    add_string (b, "accessibility_caption",
        json_object_get_string_member (item, "accessibility_caption"));
  if (!child)
    add_post_fields (b, item);
  if (media_type == 8)
    add_children (b, item, prefix);
  json_builder_end_object (b);
}

JsonNode *
fake_graphql_from_item (JsonNode *item, const char *type_prefix)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  build_node (b, json_node_get_object (item), type_prefix, FALSE);
  return json_builder_get_root (b);
}
