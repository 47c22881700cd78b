/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-strategy.h"
#include "ig-error.h"
#include "ig-json.h"

static const char *
string_member (JsonNode *root, const char *name)
{
  JsonNode *node = ig_json_member (root, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* "Restricted Video" is Instagram's age gate: only a logged-in, adult
 * account may see the post. */
static gboolean
apply_ruling (IgApi *api, JsonNode *root, GError **error)
{
  const char *status = string_member (root, "status");
  const char *title = string_member (root, "title");
  const char *description = string_member (root, "description");

  if (g_strcmp0 (status, "ok") == 0) {
    ig_api_grant_csrf (api);
    return TRUE;
  }
  if (title != NULL && g_strstr_len (title, -1, "Restricted") != NULL) {
    g_set_error (error, IG_ERROR, IG_ERROR_LOGIN_REQUIRED,
        "Instagram restricts this post to logged-in adult accounts: %s%s%s",
        title, description ? ": " : "", description ? description : "");
    return FALSE;
  }
  return TRUE;
}

gboolean
ig_ruling_check (IgApi *api, guint64 pk, GCancellable *cancellable,
    GError **error)
{
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (IgResponse) response = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *uri = g_strdup_printf (
      "%s/api/v1/web/get_ruling_for_content/?content_type=MEDIA&target_id=%" G_GUINT64_FORMAT,
      ig_api_get_config (api)->www_base, pk);

  if (!ig_api_begin_ruling (api))
    return TRUE;
  msg = ig_api_new_message (api, "GET", uri, NULL);
  response = ig_api_send (api, msg, "ruling check", cancellable, error);
  if (response == NULL)
    return FALSE;
  root = ig_api_parse_json (response, "ruling check", NULL);
  /* An unreadable ruling only means no CSRF header later. */
  return root == NULL || apply_ruling (api, root, error);
}
