/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The GraphQL generations before Polaris: doc_id 8845758582119845
 * (xdt_shortcode_media, 2024-10 .. 2026-06) and query_hash
 * (shortcode_media, 2022-08 .. 2024-10). Kept because Instagram has
 * revived old generations for some clients before. */
#include "ig-strategy.h"
#include "ig-error.h"
#include "ig-json.h"

#include <string.h>

IgPost *
ig_graphql_parse (JsonNode *root, const char *root_name, GError **error)
{
  JsonNode *media = ig_json_lookup (root, "data", root_name, NULL);

  if (media == NULL) {
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "%s: the answer has no data.%s", root_name, root_name);
    return NULL;
  }
  if (ig_json_is_null (media)) {
    g_set_error (error, IG_ERROR, IG_ERROR_NOT_FOUND,
        "%s: Instagram returned no media", root_name);
    return NULL;
  }
  return ig_post_from_graphql (media, error);
}

static IgPost *
send_graphql (IgApi *api, SoupMessage *msg, const char *root_name,
    GCancellable *cancellable, GError **error)
{
  g_autoptr (IgResponse) response = NULL;
  g_autoptr (JsonNode) root = NULL;

  response = ig_api_send (api, msg, root_name, cancellable, error);
  if (response == NULL)
    return NULL;
  root = ig_api_read_json (api, response, root_name, error);
  return root != NULL ? ig_graphql_parse (root, root_name, error) : NULL;
}

IgPost *
ig_strategy_xdt (IgApi *api, const IgMediaRef *ref, GCancellable *cancellable,
    GError **error)
{
  g_autofree char *uri =
      g_strconcat (ig_api_get_config (api)->www_base, "/graphql/query", NULL);
  g_autofree char *referer = ig_api_dup_post_url (api, ref);
  g_autofree char *shortcode = ig_media_ref_dup_shortcode (ref);
  g_autofree char *variables =
      g_strdup_printf ("{\"shortcode\":\"%s\"}", shortcode);
  char *form = soup_form_encode ("variables", variables, "doc_id",
      ig_api_get_config (api)->xdt_doc_id, "server_timestamps", "true", NULL);
  g_autoptr (GBytes) body = g_bytes_new_take (form, strlen (form));
  g_autoptr (SoupMessage) msg = ig_api_new_message (api, "POST", uri, referer);

  soup_message_headers_replace (soup_message_get_request_headers (msg),
      "X-FB-Friendly-Name", IG_XDT_FRIENDLY_NAME);
  ig_api_set_query_key (msg, ig_api_get_config (api)->xdt_doc_id);
  ig_api_set_form_body (msg, body);
  return send_graphql (api, msg, "xdt_shortcode_media", cancellable, error);
}

IgPost *
ig_strategy_query_hash (IgApi *api, const IgMediaRef *ref,
    GCancellable *cancellable, GError **error)
{
  g_autofree char *shortcode = ig_media_ref_dup_shortcode (ref);
  g_autofree char *variables = g_strdup_printf (
      "{\"shortcode\":\"%s\","
      "\"child_comment_count\":3,\"fetch_comment_count\":40,"
      "\"parent_comment_count\":24,\"has_threaded_comments\":true}",
      shortcode);
  g_autofree char *query = soup_form_encode ("query_hash",
      ig_api_get_config (api)->query_hash, "variables", variables, NULL);
  g_autofree char *uri = g_strconcat (ig_api_get_config (api)->www_base,
      "/graphql/query/?", query, NULL);
  g_autofree char *referer = ig_api_dup_post_url (api, ref);
  g_autoptr (SoupMessage) msg = ig_api_new_message (api, "GET", uri, referer);
  GError *local = NULL;
  IgPost *post;

  ig_api_set_query_key (msg, ig_api_get_config (api)->query_hash);
  post = send_graphql (api, msg, "shortcode_media", cancellable, &local);
  /* Instagram answers a retired query_hash with a redirect to the
   * homepage, which is not a login wall here. */
  if (g_error_matches (local, IG_ERROR, IG_ERROR_LOGIN_REQUIRED)) {
    local->code = IG_ERROR_BAD_RESPONSE;
    g_prefix_error (&local, "query_hash retired? ");
  }
  if (local != NULL)
    g_propagate_error (error, local);
  return post;
}
