/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-strategy.h"
#include "ig-error.h"
#include "ig-json.h"

#include <string.h>

IgPost *
ig_polaris_parse (JsonNode *root, GError **error)
{
  JsonNode *media = ig_json_lookup (root, "data", "xig_polaris_media", NULL);
  JsonNode *item;

  if (media == NULL) {
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "polaris: the answer has no data.xig_polaris_media%s",
        ig_json_member (root, "errors") ? " (Instagram reported errors; the "
                                          "doc_id may have been retired)"
                                        : "");
    return NULL;
  }
  if (ig_json_is_null (media)) {
    g_set_error (error, IG_ERROR, IG_ERROR_NOT_FOUND,
        "polaris: Instagram knows no such media");
    return NULL;
  }
  item = ig_json_member (media, "if_not_gated_logged_out");
  if (ig_json_is_null (item)) {
    g_set_error (error, IG_ERROR, IG_ERROR_LOGIN_REQUIRED,
        "polaris: Instagram shows this post to logged-in users only");
    return NULL;
  }
  return ig_post_from_rest (item, error);
}

static char *
polaris_form (IgApi *api, guint64 pk)
{
  g_autofree char *variables =
      g_strdup_printf ("{\"media_id\":\"%" G_GUINT64_FORMAT "\"}", pk);

  return soup_form_encode ("lsd",
      ig_api_get_lsd (api) ? ig_api_get_lsd (api) : "", "fb_api_caller_class",
      "RelayModern", "fb_api_req_friendly_name", IG_POLARIS_FRIENDLY_NAME,
      "server_timestamps", "true", "variables", variables, "doc_id",
      ig_api_get_config (api)->polaris_doc_id, NULL);
}

static SoupMessage *
polaris_message (IgApi *api, const IgMediaRef *ref)
{
  g_autofree char *uri =
      g_strconcat (ig_api_get_config (api)->www_base, "/api/graphql", NULL);
  g_autofree char *referer = ig_api_dup_post_url (api, ref);
  char *form = polaris_form (api, ref->media_pk);
  g_autoptr (GBytes) body = g_bytes_new_take (form, strlen (form));
  SoupMessage *msg = ig_api_new_message (api, "POST", uri, referer);
  SoupMessageHeaders *h = soup_message_get_request_headers (msg);

  soup_message_headers_replace (h, "X-FB-Friendly-Name",
      IG_POLARIS_FRIENDLY_NAME);
  if (ig_api_get_lsd (api) != NULL)
    soup_message_headers_replace (h, "X-FB-LSD", ig_api_get_lsd (api));
  ig_api_set_query_key (msg, ig_api_get_config (api)->polaris_doc_id);
  ig_api_set_form_body (msg, body);
  return msg;
}

IgPost *
ig_strategy_polaris (IgApi *api, const IgMediaRef *ref,
    GCancellable *cancellable, GError **error)
{
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (IgResponse) response = NULL;
  g_autoptr (JsonNode) root = NULL;

  if (ig_api_get_lsd (api) == NULL) {
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "polaris: the homepage carried no LSD token");
    return NULL;
  }
  msg = polaris_message (api, ref);
  response = ig_api_send (api, msg, "polaris", cancellable, error);
  if (response == NULL)
    return NULL;
  root = ig_api_read_json (api, response, "polaris", error);
  return root != NULL ? ig_polaris_parse (root, error) : NULL;
}
