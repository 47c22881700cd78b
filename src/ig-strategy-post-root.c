/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* PolarisPostRootQuery (doc_id 27128499623469141, June 2026 onwards): the
 * shortcode query that replaced the xdt one. POST /graphql/query, answer
 * data.xdt_api__v1__media__shortcode__web_info.items[0] in the mobile item
 * shape; refused without X-CSRFToken (instagram-2026-12.md §1.1). */
#include "ig-strategy.h"
#include "ig-error.h"
#include "ig-json.h"

#include <string.h>

IgPost *
ig_post_root_parse (JsonNode *root, GError **error)
{
  JsonNode *info = ig_json_lookup (root, "data",
      "xdt_api__v1__media__shortcode__web_info", NULL);
  JsonNode *items = ig_json_member (info, "items");

  if (info == NULL) {
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "post root: the answer has no "
        "data.xdt_api__v1__media__shortcode__web_info%s",
        ig_json_member (root, "errors") ? " (Instagram reported errors; the "
                                          "doc_id may have been retired)"
                                        : "");
    return NULL;
  }
  if (ig_json_is_null (info) || items == NULL || !JSON_NODE_HOLDS_ARRAY (items)
      || json_array_get_length (json_node_get_array (items)) == 0) {
    g_set_error (error, IG_ERROR, IG_ERROR_NOT_FOUND,
        "post root: Instagram returned no media");
    return NULL;
  }
  return ig_post_from_rest (json_array_get_element (json_node_get_array (items),
                                0),
      error);
}

static SoupMessage *
post_root_message (IgApi *api, const IgMediaRef *ref)
{
  const IgConfig *config = ig_api_get_config (api);
  g_autofree char *uri = g_strconcat (config->www_base, "/graphql/query", NULL);
  g_autofree char *referer = ig_api_dup_post_url (api, ref);
  g_autofree char *shortcode = ig_media_ref_dup_shortcode (ref);
  g_autofree char *variables =
      g_strdup_printf ("{\"shortcode\":\"%s\",\"__relay_internal__pv__"
                       "PolarisAIGMMediaWebLabelEnabledrelayprovider\":false}",
          shortcode);
  const char *lsd = ig_api_get_lsd (api);
  char *form = soup_form_encode ("lsd", lsd ? lsd : "", "fb_api_caller_class",
      "RelayModern", "fb_api_req_friendly_name", IG_POST_ROOT_FRIENDLY_NAME,
      "server_timestamps", "true", "variables", variables, "doc_id",
      config->post_root_doc_id, NULL);
  g_autoptr (GBytes) body = g_bytes_new_take (form, strlen (form));
  SoupMessage *msg = ig_api_new_message (api, "POST", uri, referer);
  SoupMessageHeaders *h = soup_message_get_request_headers (msg);

  soup_message_headers_replace (h, "X-FB-Friendly-Name",
      IG_POST_ROOT_FRIENDLY_NAME);
  if (lsd != NULL)
    soup_message_headers_replace (h, "X-FB-LSD", lsd);
  ig_api_add_csrf (api, msg);
  ig_api_set_query_key (msg, config->post_root_doc_id);
  ig_api_set_form_body (msg, body);
  return msg;
}

IgPost *
ig_strategy_post_root (IgApi *api, const IgMediaRef *ref,
    GCancellable *cancellable, GError **error)
{
  g_autoptr (SoupMessage) msg = post_root_message (api, ref);
  g_autoptr (IgResponse) response = NULL;
  g_autoptr (JsonNode) root = NULL;

  response = ig_api_send (api, msg, "post root", cancellable, error);
  if (response == NULL)
    return NULL;
  root = ig_api_read_json (api, response, "post root", error);
  return root != NULL ? ig_post_root_parse (root, error) : NULL;
}
