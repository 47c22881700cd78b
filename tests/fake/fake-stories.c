/* gst-instagram tests: the fake's story endpoints (web_profile_info,
 * feed/reels_media), from tests/fixtures/profiles.json and reels.json.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-private.h"
#include "fake-fixtures.h"

#include <string.h>

#define FIXTURES_PATH "/org/gst-instagram/fake/fixtures/"
#define STORY_LIFETIME (24 * 3600)

/* A fresh, private tree of a fixture file: callers may change it. */
static JsonNode *
load_fixture (const char *name)
{
  g_autofree char *path = g_strconcat (FIXTURES_PATH, name, NULL);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  bytes =
      g_resource_lookup_data (fake_fixtures_get_resource (), path, 0, &error);
  if (bytes == NULL
      || !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
          g_bytes_get_size (bytes), &error))
    g_error ("fixture %s: %s", name, error->message);
  return json_parser_steal_root (parser);
}

/* Redirects to the login page and returns FALSE without the session. */
static gboolean
require_login (FakeInstagram *fi, SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *location = NULL;

  if (fake_is_logged_in (fi, msg))
    return TRUE;
  location = g_strdup_printf ("%s/accounts/login/?next=%s", fi->base,
      g_uri_get_path (uri));
  fake_respond_signed_out (fi, msg, location);
  return FALSE;
}

/* In December 2026 the web path of stories redirects even a valid session
 * (to the homepage, as gallery-dl#9731 saw for the web feeds of logged-in
 * users); only the app API answers it (InstaloaderSharp v1.1.2). */
gboolean
fake_require_feed_access (FakeInstagram *fi, SoupServerMessage *msg)
{
  g_autofree char *home = NULL;

  if (!fake_2026_enabled (fi, FAKE_2026_APP_STORIES) || fake_is_app_api (msg)
      || !fake_is_logged_in (fi, msg))
    return require_login (fi, msg);
  home = g_strconcat (fi->base, "/", NULL);
  fake_respond_redirect (msg, home);
  return FALSE;
}

/* GET /api/v1/users/web_profile_info/?username=U */
void
fake_api_web_profile_info (FakeInstagram *fi, SoupServerMessage *msg,
    GHashTable *query)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) profiles = NULL;
  const char *username = query ? g_hash_table_lookup (query, "username") : NULL;
  gboolean logged_in = fake_is_logged_in (fi, msg);
  JsonNode *owned;
  JsonObject *all;

  /* Anyone may ask (instaloader 4.15.2+ does anonymously); a session
   * meets the 2026 redirect of the web path like the other feeds. */
  if (!fake_require_app_id (msg)
      || (logged_in && !fake_require_feed_access (fi, msg)))
    return;
  profiles = load_fixture ("profiles.json");
  all = json_node_get_object (profiles);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "data");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "user");
  if (username != NULL && json_object_has_member (all, username)) {
    JsonNode *user =
        fake_json_deep_copy (json_object_get_member (all, username));

    fake_expand_cdn (fi, user);
    json_builder_add_value (b, user);
  } else if (username != NULL
      && (owned = fake_profiles_user (fi, username, logged_in)) != NULL) {
    json_builder_add_value (b, owned);
  } else {
    json_builder_add_null_value (b);
  }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "ok");
  json_builder_end_object (b);
  fake_respond_json_take (msg, SOUP_STATUS_OK, json_builder_get_root (b));
}

/* Story items carry "fake_age" (seconds before now) instead of times, so
 * they never expire; highlight items keep their fixed taken_at. */
static gint64
stamp_item (JsonObject *item, gint64 now)
{
  gint64 taken;

  if (json_object_has_member (item, "fake_age")) {
    taken = now - json_object_get_int_member (item, "fake_age");
    json_object_remove_member (item, "fake_age");
    json_object_set_int_member (item, "taken_at", taken);
    json_object_set_int_member (item, "expiring_at", taken + STORY_LIFETIME);
    return taken;
  }
  return json_object_get_int_member_with_default (item, "taken_at", 0);
}

/* Fills in the times and counts of a reel from its items. */
static void
finish_reel (FakeInstagram *fi, JsonNode *node)
{
  JsonObject *reel = json_node_get_object (node);
  JsonArray *items = json_object_get_array_member (reel, "items");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC, latest = 0;
  guint i;

  for (i = 0; i < json_array_get_length (items); i++) {
    JsonObject *item = json_array_get_object_element (items, i);

    latest = MAX (latest, stamp_item (item, now));
  }
  json_object_set_int_member (reel, "latest_reel_media", latest);
  json_object_set_int_member (reel, "media_count",
      json_array_get_length (items));
  if (g_strcmp0 (json_object_get_string_member_with_default (reel, "reel_type",
                     ""),
          "user_reel")
      == 0)
    json_object_set_int_member (reel, "expiring_at", latest + STORY_LIFETIME);
  fake_expand_cdn (fi, node);
}

/* The reel_ids of the query, in order, without repeats; comma-separated
 * lists are accepted too. */
static GPtrArray *
dup_reel_ids (SoupServerMessage *msg)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GUriParamsIter iter;
  char *name, *value;

  if (query == NULL)
    return ids;
  g_uri_params_iter_init (&iter, query, -1, "&", G_URI_PARAMS_WWW_FORM);
  while (g_uri_params_iter_next (&iter, &name, &value, NULL)) {
    g_auto (GStrv) parts = g_strsplit (value, ",", -1);
    guint i;

    for (i = 0; g_str_equal (name, "reel_ids") && parts[i] != NULL; i++) {
      if (*parts[i] != '\0'
          && !g_ptr_array_find_with_equal_func (ids, parts[i], g_str_equal,
              NULL))
        g_ptr_array_add (ids, g_strdup (parts[i]));
    }
    g_free (name);
    g_free (value);
  }
  return ids;
}

/* The forms switched on by fake_instagram_set_reels_forms (). */
static void
reels_forms (FakeInstagram *fi, gboolean *dict, gboolean *list)
{
  g_mutex_lock (&fi->lock);
  *dict = fi->reels_dict;
  *list = fi->reels_list;
  g_mutex_unlock (&fi->lock);
}

/* The known reels among @ids, finished, in a new array. */
static GPtrArray *
find_reels (FakeInstagram *fi, GPtrArray *ids)
{
  g_autoptr (JsonNode) fixture = load_fixture ("reels.json");
  JsonObject *all = json_node_get_object (fixture);
  GPtrArray *reels =
      g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  guint i;

  for (i = 0; i < ids->len; i++) {
    JsonNode *reel;

    if (!json_object_has_member (all, ids->pdata[i]))
      continue;
    reel = fake_json_deep_copy (json_object_get_member (all, ids->pdata[i]));
    finish_reel (fi, reel);
    g_ptr_array_add (reels, reel);
  }
  return reels;
}

static const char *
reel_key (JsonNode *reel, char buf[32])
{
  JsonNode *id = json_object_get_member (json_node_get_object (reel), "id");

  if (json_node_get_value_type (id) == G_TYPE_STRING)
    return json_node_get_string (id);
  g_snprintf (buf, 32, "%" G_GINT64_FORMAT, json_node_get_int (id));
  return buf;
}

static void
add_reels_dict (JsonBuilder *b, GPtrArray *reels)
{
  guint i;

  json_builder_set_member_name (b, "reels");
  json_builder_begin_object (b);
  for (i = 0; i < reels->len; i++) {
    char buf[32];

    json_builder_set_member_name (b, reel_key (reels->pdata[i], buf));
    json_builder_add_value (b, fake_json_deep_copy (reels->pdata[i]));
  }
  json_builder_end_object (b);
}

static void
add_reels_list (JsonBuilder *b, GPtrArray *reels)
{
  guint i;

  json_builder_set_member_name (b, "reels_media");
  json_builder_begin_array (b);
  for (i = 0; i < reels->len; i++)
    json_builder_add_value (b, fake_json_deep_copy (reels->pdata[i]));
  json_builder_end_array (b);
}

/* GET /api/v1/feed/reels_media/?reel_ids=PK&reel_ids=highlight:ID */
void
fake_api_reels_media (FakeInstagram *fi, SoupServerMessage *msg)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (GPtrArray) ids = NULL;
  g_autoptr (GPtrArray) reels = NULL;
  gboolean dict, list;

  if (!fake_require_app_id (msg) || !fake_require_feed_access (fi, msg))
    return;
  ids = dup_reel_ids (msg);
  reels = find_reels (fi, ids);
  reels_forms (fi, &dict, &list);
  json_builder_begin_object (b);
  if (dict)
    add_reels_dict (b, reels);
  if (list)
    add_reels_list (b, reels);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "ok");
  json_builder_end_object (b);
  fake_respond_json_take (msg, SOUP_STATUS_OK, json_builder_get_root (b));
}

void
fake_instagram_set_reels_forms (FakeInstagram *fi, gboolean reels_dict,
    gboolean reels_media_list)
{
  g_mutex_lock (&fi->lock);
  fi->reels_dict = reels_dict;
  fi->reels_list = reels_media_list;
  g_mutex_unlock (&fi->lock);
}
