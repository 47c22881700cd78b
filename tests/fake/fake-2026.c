/* gst-instagram tests: the fake's December 2026 generation
 * (../shared/instagram-2026-12.md §1): its switches, the GraphQL wall,
 * revoked and rotated doc_ids, the "for (;;);" prefix and the answers to
 * requests without a valid session.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-private.h"
#include "fake-media.h"

#include <string.h>

#define JS_PREFIX "for (;;);"
#define IOS_APP_ID "124024574287414"
#define ANDROID_APP_ID "567067343352427"

/* ---- switches ----------------------------------------------------------- */

static void
set_locked (FakeInstagram *fi, guint *field, guint value)
{
  g_mutex_lock (&fi->lock);
  *field = value;
  g_mutex_unlock (&fi->lock);
}

static guint
get_locked (FakeInstagram *fi, const guint *field)
{
  guint value;

  g_mutex_lock (&fi->lock);
  value = *field;
  g_mutex_unlock (&fi->lock);
  return value;
}

void
fake_instagram_set_2026_features (FakeInstagram *fi, guint mask)
{
  set_locked (fi, &fi->features_2026, mask & FAKE_2026_ALL);
}

guint
fake_instagram_get_2026_features (FakeInstagram *fi)
{
  return get_locked (fi, &fi->features_2026);
}

void
fake_instagram_set_era (FakeInstagram *fi, FakeEra era)
{
  fake_instagram_set_2026_features (fi,
      era == FAKE_ERA_2026_12 ? FAKE_2026_ALL : 0);
}

gboolean
fake_2026_enabled (FakeInstagram *fi, Fake2026Feature feature)
{
  return (fake_instagram_get_2026_features (fi) & feature) != 0;
}

void
fake_instagram_set_js_prefix (FakeInstagram *fi, gboolean prefix)
{
  set_locked (fi, &fi->js_prefix, prefix != FALSE);
}

void
fake_instagram_set_graphql_wall (FakeInstagram *fi, gboolean wall)
{
  set_locked (fi, &fi->graphql_wall, wall != FALSE);
}

void
fake_instagram_set_session_stale (FakeInstagram *fi, gboolean stale)
{
  set_locked (fi, &fi->session_stale, stale != FALSE);
}

void
fake_instagram_retire_doc_id (FakeInstagram *fi, const char *doc_id,
    gboolean retired)
{
  g_return_if_fail (doc_id != NULL);

  g_mutex_lock (&fi->lock);
  if (retired)
    g_hash_table_add (fi->retired_doc_ids, g_strdup (doc_id));
  else
    g_hash_table_remove (fi->retired_doc_ids, doc_id);
  g_mutex_unlock (&fi->lock);
}

void
fake_2026_free (FakeInstagram *fi)
{
  g_hash_table_unref (fi->retired_doc_ids);
  g_free (fi->polaris_doc_id);
  g_free (fi->post_root_doc_id);
}

/* ---- doc_ids ------------------------------------------------------------ */

/* The rotated id's slot and the default of @query_name; NULL when the fake
 * does not serve that query. Call with the lock held. */
static char **
rotation_slot (FakeInstagram *fi, const char *query_name,
    const char **default_id)
{
  if (g_strcmp0 (query_name, FAKE_POLARIS_QUERY_NAME) == 0) {
    *default_id = FAKE_POLARIS_DOC_ID;
    return &fi->polaris_doc_id;
  }
  if (g_strcmp0 (query_name, FAKE_POST_ROOT_QUERY_NAME) == 0) {
    *default_id = FAKE_POST_ROOT_DOC_ID;
    return &fi->post_root_doc_id;
  }
  return NULL;
}

void
fake_instagram_rotate_doc_id (FakeInstagram *fi, const char *query_name,
    const char *doc_id)
{
  const char *default_id;
  char **slot;

  g_mutex_lock (&fi->lock);
  slot = rotation_slot (fi, query_name, &default_id);
  if (slot != NULL) {
    g_free (*slot);
    *slot = g_strcmp0 (doc_id, default_id) != 0 ? g_strdup (doc_id) : NULL;
  }
  g_mutex_unlock (&fi->lock);
  g_return_if_fail (slot != NULL);
}

char *
fake_instagram_dup_doc_id (FakeInstagram *fi, const char *query_name)
{
  const char *default_id = NULL;
  char **slot;
  char *id;

  g_mutex_lock (&fi->lock);
  slot = rotation_slot (fi, query_name, &default_id);
  id = g_strdup (slot != NULL && *slot != NULL ? *slot : default_id);
  g_mutex_unlock (&fi->lock);
  return id;
}

gboolean
fake_doc_id_is (FakeInstagram *fi, const char *query_name, const char *doc_id)
{
  g_autofree char *current = fake_instagram_dup_doc_id (fi, query_name);

  return doc_id != NULL && g_strcmp0 (current, doc_id) == 0;
}

gboolean
fake_2026_rotated (FakeInstagram *fi)
{
  gboolean rotated;

  g_mutex_lock (&fi->lock);
  rotated = fi->polaris_doc_id != NULL || fi->post_root_doc_id != NULL;
  g_mutex_unlock (&fi->lock);
  return rotated;
}

/* Retired by hand, or the default id of a rotated query. */
static gboolean
doc_id_revoked (FakeInstagram *fi, const char *doc_id)
{
  gboolean revoked;

  if (doc_id == NULL)
    return FALSE;
  g_mutex_lock (&fi->lock);
  revoked = g_hash_table_contains (fi->retired_doc_ids, doc_id)
      || (fi->polaris_doc_id != NULL
          && g_str_equal (doc_id, FAKE_POLARIS_DOC_ID))
      || (fi->post_root_doc_id != NULL
          && g_str_equal (doc_id, FAKE_POST_ROOT_DOC_ID));
  g_mutex_unlock (&fi->lock);
  return revoked;
}

/* ---- GraphQL endpoints -------------------------------------------------- */

gboolean
fake_is_graphql_path (const char *path)
{
  return strcmp (path, "/api/graphql") == 0
      || strcmp (path, "/api/graphql/") == 0
      || strcmp (path, "/graphql/query") == 0
      || strcmp (path, "/graphql/query/") == 0;
}

gboolean
fake_2026_graphql_gate (FakeInstagram *fi, SoupServerMessage *msg,
    GHashTable *query)
{
  g_autoptr (GHashTable) params = NULL;

  if (get_locked (fi, &fi->graphql_wall)) {
    fake_pages_wall (fi, msg);
    return TRUE;
  }
  params = fake_dup_params (msg, query);
  if (!doc_id_revoked (fi, g_hash_table_lookup (params, "doc_id")))
    return FALSE;
  soup_server_message_set_status (msg, SOUP_STATUS_UNAUTHORIZED, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8",
      SOUP_MEMORY_STATIC, FAKE_PLEASE_WAIT_BODY,
      strlen (FAKE_PLEASE_WAIT_BODY));
  return TRUE;
}

void
fake_2026_finish (FakeInstagram *fi, SoupServerMessage *msg, const char *path)
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);
  const char *type = soup_message_headers_get_content_type (h, NULL);
  SoupMessageBody *body;
  g_autoptr (GBytes) json = NULL;
  GString *text;
  gsize len;

  if (!fake_is_graphql_path (path) || g_strcmp0 (type, "application/json") != 0
      || !get_locked (fi, &fi->js_prefix))
    return;
  body = soup_server_message_get_response_body (msg);
  json = soup_message_body_flatten (body);
  /* set_response () appends to the body */
  soup_message_body_truncate (body);
  text = g_string_new (JS_PREFIX);
  g_string_append_len (text, g_bytes_get_data (json, NULL),
      g_bytes_get_size (json));
  len = text->len;
  soup_server_message_set_response (msg, "text/javascript; charset=utf-8",
      SOUP_MEMORY_TAKE, g_string_free (text, FALSE), len);
}

/* ---- ladders by client ---------------------------------------------------- */

/* The AV1 reel as another client gets it: the same story items fetched by
 * two clients came back with an AV1 and a VP9 ladder
 * (instagram-2026-12.md 6.1). The app (iOS or Android app id) gets the
 * VP9 reel's manifest; the web app the AV1 one. */
void
fake_2026_client_ladder (FakeInstagram *fi, SoupServerMessage *msg,
    JsonNode *item)
{
  JsonObject *obj = json_node_get_object (item);
  g_autofree char *pk = fake_dup_id_member (obj, "pk");
  const FakePost *vp9;
  g_autoptr (JsonNode) other = NULL;

  if (!fake_is_app_api (msg) || g_strcmp0 (pk, FAKE_PK_R26_AV1) != 0)
    return;
  vp9 = fake_posts_by_code (fi->posts, FAKE_SC_R26_VP9);
  other = fake_post_dup_item (fi, vp9);
  json_object_set_string_member (obj, "video_dash_manifest",
      json_object_get_string_member (json_node_get_object (other),
          "video_dash_manifest"));
  json_object_set_string_member (obj, "video_codec", FAKE_R26_CODECS_VP9_720);
}

/* ---- sessions ----------------------------------------------------------- */

gboolean
fake_is_app_api (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *app_id = soup_message_headers_get_one (headers, "X-IG-App-ID");

  return g_strcmp0 (app_id, IOS_APP_ID) == 0
      || g_strcmp0 (app_id, ANDROID_APP_ID) == 0;
}

/* A sessionid cookie that does not log in. */
static gboolean
has_stale_session (FakeInstagram *fi, SoupServerMessage *msg)
{
  g_autofree char *session = fake_dup_cookie (msg, "sessionid");

  return session != NULL && *session != '\0' && !fake_is_logged_in (fi, msg);
}

/* "/auth_platform/?apc=Ad…": apc looks like the 2026 report's
 * (gallery-dl#9654), base-64 letters. */
static char *
auth_platform_location (FakeInstagram *fi)
{
  static const char letters[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  GString *out = g_string_new (fi->base);
  guint i;

  g_string_append (out, "/auth_platform/?apc=Ad");
  for (i = 0; i < 62; i++)
    g_string_append_c (out, letters[g_random_int_range (0, 64)]);
  return g_string_free (out, FALSE);
}

void
fake_respond_login_required (SoupServerMessage *msg)
{
  fake_respond_fail (msg, SOUP_STATUS_FORBIDDEN, "login_required");
}

void
fake_respond_signed_out (FakeInstagram *fi, SoupServerMessage *msg,
    const char *login_location)
{
  g_autofree char *location = NULL;

  if (!fake_2026_enabled (fi, FAKE_2026_AUTH_PLATFORM)) {
    fake_respond_redirect (msg, login_location);
  } else if (fake_is_app_api (msg)) {
    fake_respond_login_required (msg);
  } else if (has_stale_session (fi, msg)) {
    location = auth_platform_location (fi);
    fake_respond_redirect (msg, location);
  } else {
    fake_respond_redirect (msg, login_location);
  }
}
