/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-strategy.h"
#include "ig-error.h"
#include "ig-json.h"

/* items[0] of {"items":[ITEM],"num_results":1,...,"status":"ok"} */
static IgPost *
media_info_parse (JsonNode *root, GError **error)
{
  JsonNode *items = ig_json_member (root, "items");

  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items)
      || json_array_get_length (json_node_get_array (items)) == 0) {
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "media info: the answer has no items");
    return NULL;
  }
  return ig_post_from_rest (json_array_get_element (json_node_get_array (items),
                                0),
      error);
}

IgPost *
ig_strategy_media_info (IgApi *api, const IgMediaRef *ref,
    GCancellable *cancellable, GError **error)
{
  g_autofree char *uri =
      g_strdup_printf ("%s/api/v1/media/%" G_GUINT64_FORMAT "/info/",
          ig_api_base (api), ref->media_pk);
  g_autofree char *referer = ig_api_dup_post_url (api, ref);
  g_autoptr (SoupMessage) msg = ig_api_new_rest_message (api, uri, referer);
  g_autoptr (IgResponse) response = NULL;
  g_autoptr (JsonNode) root = NULL;

  response = ig_api_send (api, msg, "media info", cancellable, error);
  if (response == NULL)
    return NULL;
  root = ig_api_read_json (api, response, "media info", error);
  return root != NULL ? media_info_parse (root, error) : NULL;
}
