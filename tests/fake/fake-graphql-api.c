/* gst-instagram tests: the fake's GraphQL endpoints, /api/graphql (Polaris)
 * and /graphql/query (xdt doc_id and query_hash).
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-private.h"

#define XDT_DOC_ID "8845758582119845"
#define QUERY_HASH "9f8827793ef34641b2fb195d4d41151c"

void
fake_respond_execution_error (SoupServerMessage *msg)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "errors");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, "execution error");
  json_builder_set_member_name (b, "severity");
  json_builder_add_string_value (b, "CRITICAL");
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "data");
  json_builder_add_null_value (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "ok");
  json_builder_end_object (b);
  fake_respond_json_take (msg, SOUP_STATUS_OK, json_builder_get_root (b));
}

char *
fake_graphql_variable (GHashTable *params, const char *name)
{
  const char *text = g_hash_table_lookup (params, "variables");
  g_autoptr (JsonNode) root = NULL;
  JsonNode *member;

  if (text == NULL || (root = json_from_string (text, NULL)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  member = json_object_get_member (json_node_get_object (root), name);
  if (member == NULL || JSON_NODE_TYPE (member) != JSON_NODE_VALUE)
    return NULL;
  if (json_node_get_value_type (member) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (member));
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (member));
}

static void
add_comments (JsonBuilder *b, JsonNode *item)
{
  JsonNode *comments =
      json_object_get_member (json_node_get_object (item), "preview_comments");
  JsonArray *array = comments && JSON_NODE_HOLDS_ARRAY (comments)
      ? json_node_get_array (comments)
      : NULL;
  guint i;

  json_builder_set_member_name (b, "comments_connection");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "edges");
  json_builder_begin_array (b);
  for (i = 0; array && i < json_array_get_length (array); i++) {
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "node");
    json_builder_add_value (b,
        json_node_copy (json_array_get_element (array, i)));
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "page_info");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "has_next_page");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_set_member_name (b, "end_cursor");
  json_builder_add_null_value (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

/* {"xig_polaris_media": null | {…, "if_not_gated_logged_out": ITEM|null}} */
JsonNode *
fake_polaris_data (FakeInstagram *fi, const FakePost *post, gboolean logged_in)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) item = NULL;
  g_autofree char *pk = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "xig_polaris_media");
  if (post == NULL) {
    json_builder_add_null_value (b);
    json_builder_end_object (b);
    return json_builder_get_root (b);
  }
  item = fake_post_dup_item (fi, post);
  pk = g_strdup_printf ("%" G_GUINT64_FORMAT, post->pk);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "__typename");
  json_builder_add_string_value (b, "XIGPolarisMedia");
  json_builder_set_member_name (b, "pk");
  json_builder_add_string_value (b, pk);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, post->shortcode);
  json_builder_set_member_name (b, "if_not_gated_logged_out");
  if ((post->flags & FAKE_POST_PRIVATE) && !logged_in)
    json_builder_add_null_value (b);
  else
    json_builder_add_value (b, json_node_ref (item));
  add_comments (b, item);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* X-CSRFToken is optional on Polaris, but when sent it must match the
 * cookie; a csrftoken Instagram no longer knows is refused. */
gboolean
fake_check_csrf (FakeInstagram *fi, SoupServerMessage *msg, gboolean required)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *header = soup_message_headers_get_one (headers, "X-CSRFToken");
  g_autofree char *cookie = fake_dup_cookie (msg, "csrftoken");
  gboolean header_ok =
      header == NULL ? !required : g_strcmp0 (header, cookie) == 0;

  if (header_ok && (cookie == NULL || fake_csrf_valid (fi, cookie)))
    return TRUE;
  fake_respond_fail (msg, SOUP_STATUS_FORBIDDEN,
      "CSRF token missing or incorrect");
  return FALSE;
}

static gboolean
check_lsd (FakeInstagram *fi, SoupServerMessage *msg, GHashTable *params)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *header = soup_message_headers_get_one (headers, "X-FB-LSD");
  const char *form = g_hash_table_lookup (params, "lsd");

  if (header != NULL && g_strcmp0 (header, form) == 0
      && fake_lsd_valid (fi, header))
    return TRUE;
  fake_respond_fail (msg, SOUP_STATUS_BAD_REQUEST, "Invalid LSD token");
  return FALSE;
}

static void
respond_data (SoupServerMessage *msg, const char *name, JsonNode *value,
    gboolean polaris)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "data");
  if (name != NULL) {
    json_builder_begin_object (b);
    json_builder_set_member_name (b, name);
  }
  if (value != NULL)
    json_builder_add_value (b, value);
  else
    json_builder_add_null_value (b);
  if (name != NULL)
    json_builder_end_object (b);
  if (polaris) {
    json_builder_set_member_name (b, "extensions");
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "is_final");
    json_builder_add_boolean_value (b, TRUE);
    json_builder_end_object (b);
  } else {
    json_builder_set_member_name (b, "status");
    json_builder_add_string_value (b, "ok");
  }
  json_builder_end_object (b);
  fake_respond_json_take (msg, SOUP_STATUS_OK, json_builder_get_root (b));
}

/* POST /api/graphql with doc_id 27130156389949648. */
void
fake_api_polaris (FakeInstagram *fi, SoupServerMessage *msg)
{
  g_autoptr (GHashTable) params = NULL;
  g_autofree char *media_id = NULL;
  const FakePost *post = NULL;
  guint64 pk;

  if (g_strcmp0 (soup_server_message_get_method (msg), "POST") != 0) {
    fake_respond_fail (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "POST only");
    return;
  }
  if (!fake_require_app_id (msg))
    return;
  if (!fake_generation_enabled (fi, FAKE_GEN_POLARIS)) {
    fake_pages_generic (fi, msg);
    return;
  }
  params = fake_dup_params (msg, NULL);
  if (!fake_check_csrf (fi, msg, FALSE) || !check_lsd (fi, msg, params))
    return;
  if (!fake_doc_id_is (fi, FAKE_POLARIS_QUERY_NAME,
          g_hash_table_lookup (params, "doc_id"))) {
    fake_respond_execution_error (msg);
    return;
  }
  media_id = fake_graphql_variable (params, "media_id");
  if (media_id != NULL
      && g_ascii_string_to_unsigned (media_id, 10, 1, G_MAXUINT64, &pk, NULL))
    post = fake_posts_by_pk (fi->posts, pk);
  respond_data (msg, NULL,
      fake_polaris_data (fi, post, fake_is_logged_in (fi, msg)), TRUE);
}

/* The post behind variables.shortcode, or NULL if unknown or private. */
static JsonNode *
graphql_node (FakeInstagram *fi, SoupServerMessage *msg, GHashTable *params,
    const char *prefix)
{
  g_autofree char *code = fake_graphql_variable (params, "shortcode");
  const FakePost *post = fake_posts_by_code (fi->posts, code);
  g_autoptr (JsonNode) item = NULL;

  if (post == NULL
      || ((post->flags & FAKE_POST_PRIVATE) && !fake_is_logged_in (fi, msg)))
    return NULL;
  item = fake_post_dup_item (fi, post);
  return fake_graphql_from_item (item, prefix);
}

/* GET or POST /graphql/query with doc_id (xdt) or query_hash (older). */
void
fake_api_graphql_query (FakeInstagram *fi, SoupServerMessage *msg,
    GHashTable *query)
{
  g_autoptr (GHashTable) params = fake_dup_params (msg, query);
  const char *doc_id = g_hash_table_lookup (params, "doc_id");
  const char *hash = g_hash_table_lookup (params, "query_hash");

  if (doc_id != NULL && fake_2026_enabled (fi, FAKE_2026_POST_ROOT)
      && fake_doc_id_is (fi, FAKE_POST_ROOT_QUERY_NAME, doc_id)) {
    fake_api_post_root (fi, msg, params);
  } else if (doc_id != NULL) {
    if (g_strcmp0 (doc_id, XDT_DOC_ID) != 0)
      fake_respond_execution_error (msg);
    else if (!fake_generation_enabled (fi, FAKE_GEN_XDT))
      fake_respond_fail (msg, SOUP_STATUS_FORBIDDEN, "Forbidden");
    else if (fake_2026_enabled (fi, FAKE_2026_XDT_NULL))
      respond_data (msg, "xdt_shortcode_media", NULL, FALSE);
    else
      respond_data (msg, "xdt_shortcode_media",
          graphql_node (fi, msg, params, "XDTGraph"), FALSE);
  } else if (hash != NULL && g_str_equal (hash, QUERY_HASH)
      && fake_generation_enabled (fi, FAKE_GEN_QUERY_HASH)) {
    respond_data (msg, "shortcode_media",
        graphql_node (fi, msg, params, "Graph"), FALSE);
  } else {
    /* Retired query hashes are sent to the homepage. */
    g_autofree char *home = g_strconcat (fi->base, "/", NULL);
    fake_respond_redirect (msg, home);
  }
}
