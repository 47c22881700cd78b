/* gst-instagram tests: the fake's REST endpoints (ruling, media info).
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-private.h"

static gboolean
parse_pk (const char *text, guint64 *pk)
{
  return text != NULL
      && g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT64, pk, NULL);
}

/* GET /api/v1/web/get_ruling_for_content/?content_type=MEDIA&target_id=PK */
void
fake_api_ruling (FakeInstagram *fi, SoupServerMessage *msg, GHashTable *query)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *csrf = fake_dup_cookie (msg, "csrftoken");
  const char *type = query ? g_hash_table_lookup (query, "content_type") : NULL;
  const char *target = query ? g_hash_table_lookup (query, "target_id") : NULL;
  guint64 pk;

  if (!fake_require_app_id (msg))
    return;
  if (g_strcmp0 (type, "MEDIA") != 0 || !parse_pk (target, &pk)) {
    fake_respond_fail (msg, SOUP_STATUS_BAD_REQUEST, "Invalid parameters");
    return;
  }
  if (csrf == NULL || !fake_csrf_valid (fi, csrf))
    fake_issue_csrf (fi, msg);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "ok");
  json_builder_end_object (b);
  fake_respond_json_take (msg, SOUP_STATUS_OK, json_builder_get_root (b));
}

/* GET /api/v1/media/PK/info/: only with the fake session cookie. */
void
fake_api_media_info (FakeInstagram *fi, SoupServerMessage *msg,
    const char *pk_text)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  const FakePost *post = NULL;
  JsonNode *item;
  guint64 pk;

  if (!fake_require_app_id (msg))
    return;
  if (!fake_is_logged_in (fi, msg)) {
    g_autofree char *location =
        g_strdup_printf ("%s/accounts/login/?next=/api/v1/media/%s/info/",
            fi->base, pk_text);
    fake_respond_signed_out (fi, msg, location);
    return;
  }
  if (parse_pk (pk_text, &pk))
    post = fake_posts_by_pk (fi->posts, pk);
  if (post == NULL) {
    fake_respond_fail (msg, SOUP_STATUS_BAD_REQUEST,
        "Media not found or unavailable");
    return;
  }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  item = fake_post_dup_item (fi, post);
  fake_2026_client_ladder (fi, msg, item);
  json_builder_add_value (b, item);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "num_results");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "more_available");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_set_member_name (b, "auto_load_more_enabled");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "ok");
  json_builder_end_object (b);
  fake_respond_json_take (msg, SOUP_STATUS_OK, json_builder_get_root (b));
}
