/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-strategy.h"
#include "ig-error.h"
#include "ig-json.h"

#include <string.h>

/* How deep the Relay cache nests the media (about 12 levels today), with
 * room for change; deeper input is not searched. */
#define PAGE_MAX_DEPTH 48
#define SJS_OPEN "data-sjs>"
#define SCRIPT_CLOSE "</script>"

/* The media inside one data-sjs JSON document, in either page form. */
static JsonNode *
find_item (JsonNode *root)
{
  JsonNode *polaris, *web_info, *items;

  polaris =
      ig_json_find_object_member (root, "xig_polaris_media", PAGE_MAX_DEPTH);
  if (polaris != NULL)
    return ig_json_member (polaris, "if_not_gated_logged_out");
  web_info = ig_json_find_object_member (root,
      "xdt_api__v1__media__shortcode__web_info", PAGE_MAX_DEPTH);
  items = ig_json_member (web_info, "items");
  if (items != NULL && JSON_NODE_HOLDS_ARRAY (items)
      && json_array_get_length (json_node_get_array (items)) > 0)
    return json_array_get_element (json_node_get_array (items), 0);
  return NULL;
}

/* Parses the script body between @start and @end and looks for media. */
static JsonNode *
item_in_script (const char *start, const char *end)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  JsonNode *item;

  if (!ig_json_nesting_ok (start, end - start, IG_JSON_MAX_NESTING)
      || !ig_json_single_value (start, end - start)
      || !ig_json_integers_fit (start, end - start, NULL)
      || !json_parser_load_from_data (parser, start, end - start, NULL))
    return NULL;
  item = find_item (json_parser_get_root (parser));
  return item != NULL ? json_node_ref (item) : NULL;
}

IgPost *
ig_page_parse (const char *html, gsize len, GError **error)
{
  const char *p = html, *stop = html + len, *open, *close;
  g_autoptr (JsonNode) item = NULL;

  while (
      item == NULL && (open = g_strstr_len (p, stop - p, SJS_OPEN)) != NULL) {
    open += strlen (SJS_OPEN);
    close = g_strstr_len (open, stop - open, SCRIPT_CLOSE);
    if (close == NULL)
      break;
    item = item_in_script (open, close);
    p = close + strlen (SCRIPT_CLOSE);
  }
  if (item == NULL) {
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "page: the post page carries no media in its data-sjs cache");
    return NULL;
  }
  if (ig_json_is_null (item)) {
    g_set_error (error, IG_ERROR, IG_ERROR_LOGIN_REQUIRED,
        "page: Instagram shows this post to logged-in users only");
    return NULL;
  }
  return ig_post_from_rest (item, error);
}

IgPost *
ig_strategy_page (IgApi *api, const IgMediaRef *ref, GCancellable *cancellable,
    GError **error)
{
  g_autofree char *uri = ig_api_dup_post_url (api, ref);
  g_autoptr (SoupMessage) msg = ig_api_new_message (api, "GET", uri, NULL);
  SoupMessageHeaders *h = soup_message_get_request_headers (msg);
  g_autoptr (IgResponse) response = NULL;
  gsize len;
  const char *html;

  /* A page load is a navigation, not an XHR. */
  soup_message_headers_remove (h, "X-Requested-With");
  soup_message_headers_replace (h, "Accept", "text/html,application/xhtml+xml");
  soup_message_headers_replace (h, "Sec-Fetch-Mode", "navigate");
  soup_message_headers_replace (h, "Sec-Fetch-Dest", "document");
  response = ig_api_send (api, msg, "page", cancellable, error);
  if (response == NULL)
    return NULL;
  html = g_bytes_get_data (response->body, &len);
  if (html == NULL)
    html = "";
  ig_strategy_adopt_preloaders (api, html, len, "the post page");
  return ig_page_parse (html, len, error);
}
