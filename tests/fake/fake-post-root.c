/* gst-instagram tests: PolarisPostRootQuery, the shortcode query of
 * December 2026 (instagram-2026-12.md §1.1, instaloader PR #2706): POST
 * /graphql/query doc_id 27128499623469141, {"shortcode":SC, provider
 * variables…} → data.xdt_api__v1__media__shortcode__web_info.items[0], the
 * REST item. A cookie without the X-CSRFToken header is refused.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-private.h"

/* A browser sends lsd with its Relay form; the minimal form has none. Sent,
 * it must be a token the homepage issued. */
static gboolean
check_lsd_if_sent (FakeInstagram *fi, SoupServerMessage *msg,
    GHashTable *params)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *header = soup_message_headers_get_one (headers, "X-FB-LSD");
  const char *form = g_hash_table_lookup (params, "lsd");

  if ((header == NULL || fake_lsd_valid (fi, header))
      && (form == NULL || fake_lsd_valid (fi, form)))
    return TRUE;
  fake_respond_fail (msg, SOUP_STATUS_BAD_REQUEST, "Invalid LSD token");
  return FALSE;
}

/* The item, or NULL for an unknown post and for a private one without the
 * session: GraphQL post queries answer both with a null root field
 * (instagram-api.md §6.1). */
static JsonNode *
web_info (FakeInstagram *fi, SoupServerMessage *msg, GHashTable *params)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *code = fake_graphql_variable (params, "shortcode");
  const FakePost *post = fake_posts_by_code (fi->posts, code);

  if (post == NULL
      || ((post->flags & FAKE_POST_PRIVATE) && !fake_is_logged_in (fi, msg)))
    return NULL;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  json_builder_add_value (b, fake_post_dup_item (fi, post));
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
respond_web_info (SoupServerMessage *msg, JsonNode *info)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "data");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "xdt_api__v1__media__shortcode__web_info");
  if (info != NULL)
    json_builder_add_value (b, info);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "extensions");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "is_final");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "ok");
  json_builder_end_object (b);
  fake_respond_json_take (msg, SOUP_STATUS_OK, json_builder_get_root (b));
}

void
fake_api_post_root (FakeInstagram *fi, SoupServerMessage *msg,
    GHashTable *params)
{
  g_autofree char *code = NULL;

  if (!fake_check_csrf (fi, msg, TRUE) || !check_lsd_if_sent (fi, msg, params))
    return;
  code = fake_graphql_variable (params, "shortcode");
  if (code == NULL) {
    fake_respond_execution_error (msg);
    return;
  }
  respond_web_info (msg, web_info (fi, msg, params));
}
