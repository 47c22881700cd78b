/* gst-instagram tests: the fake's HTML pages (homepage, login, post page).
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-private.h"

#include <string.h>

#define PAGE_HEAD \
  "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">" \
  "<title>%s</title>"

/* Instagram escapes "<" and "/" inside its JSON script blocks; a JSON
 * parser reads both escapes back. Neither can occur outside a string. */
static char *
script_json (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);
  GString *out = g_string_sized_new (strlen (text) + 64);
  const char *c;

  for (c = text; *c != '\0'; c++) {
    if (*c == '/')
      g_string_append (out, "\\/");
    else if (*c == '<')
      g_string_append (out, "\\u003C");
    else
      g_string_append_c (out, *c);
  }
  return g_string_free (out, FALSE);
}

/* The __eqmc block the client reads the LSD token from, plus the older
 * ["LSD",[],{"token":…}] form some clients fall back to. */
static void
append_lsd (GString *html, const char *path, const char *lsd)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *json = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "u");
  json_builder_add_string_value (b, path);
  json_builder_set_member_name (b, "e");
  json_builder_add_string_value (b, "fake-eqmc");
  json_builder_set_member_name (b, "l");
  json_builder_add_string_value (b, lsd);
  json_builder_set_member_name (b, "w");
  json_builder_add_int_value (b, 0);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json = script_json (root);
  g_string_append_printf (html,
      "<script type=\"application/json\" id=\"__eqmc\">%s</script>", json);
  g_string_append_printf (html,
      "<script>requireLazy([\"ServerJS\"],function(s){s.handle({\"define\":"
      "[[\"LSD\",[],{\"token\":\"%s\"},323]]})});</script>",
      lsd);
}

/* @scripts (may be NULL) go into the head after the LSD token. */
static void
respond_page (FakeInstagram *fi, SoupServerMessage *msg, const char *path,
    const char *title, const char *scripts, const char *body)
{
  g_autofree char *lsd = fake_issue_lsd (fi);
  GString *html = g_string_new (NULL);

  g_string_append_printf (html, PAGE_HEAD, title);
  append_lsd (html, path, lsd);
  if (scripts != NULL)
    g_string_append (html, scripts);
  g_string_append_printf (html, "</head><body>%s</body></html>", body);
  fake_ensure_anon_cookies (fi, msg);
  fake_respond_html (msg, SOUP_STATUS_OK, html->str);
  g_string_free (html, TRUE);
}

void
fake_pages_home (FakeInstagram *fi, SoupServerMessage *msg)
{
  g_autofree char *preloaders = fake_preloaders_script (fi, NULL);

  respond_page (fi, msg, "/", "Instagram", preloaders,
      "<div id=\"react-root\"><span>Instagram (fake)</span></div>");
}

void
fake_pages_login (FakeInstagram *fi, SoupServerMessage *msg)
{
  respond_page (fi, msg, "/accounts/login/", "Login • Instagram", NULL,
      "<form method=\"post\" action=\"/accounts/login/ajax/\">"
      "<input name=\"username\"><input name=\"enc_password\" "
      "type=\"password\"><button type=\"submit\">Log in</button></form>");
}

/* What Instagram sends clients it does not trust: a shell page without
 * data. */
void
fake_pages_generic (FakeInstagram *fi, SoupServerMessage *msg)
{
  respond_page (fi, msg, "/", "Instagram", NULL,
      "<div id=\"splash-screen\"></div><noscript>Enable JavaScript</noscript>");
}

/* {"require":[["ScheduledServerJS","handle",null,[{"__bbox":{"require":[
 *   ["RelayPrefetchedStreamCache","next",[],[KEY,{"__bbox":{"complete":true,
 *   "result":{"data":DATA,"extensions":{"is_final":true}}}}]]]}}]]]}
 * data is consumed. */
static JsonNode *
relay_cache (JsonNode *data)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "require");
  json_builder_begin_array (b);
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "ScheduledServerJS");
  json_builder_add_string_value (b, "handle");
  json_builder_add_null_value (b);
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "__bbox");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "require");
  json_builder_begin_array (b);
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "RelayPrefetchedStreamCache");
  json_builder_add_string_value (b, "next");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_begin_array (b);
  json_builder_add_string_value (b,
      "adp_PolarisPostRootContentQueryRelayPreloader_6a1f0c");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "__bbox");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "complete");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_set_member_name (b, "result");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "data");
  json_builder_add_value (b, data);
  json_builder_set_member_name (b, "extensions");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "is_final");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_array (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_array (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* An unrelated data-sjs block first, as on real pages, so clients must
 * search rather than take the first one. */
static char *
post_body (FakeInstagram *fi, const FakePost *post, gboolean logged_in)
{
  static const char other_sjs[] =
      "{\"require\":[[\"ServerJS\",\"handle\",null,[{\"define\":[]}]]]}";
  g_autoptr (JsonNode) cache = NULL;
  g_autofree char *json = NULL;

  if (!fake_generation_enabled (fi, FAKE_GEN_PAGE))
    return g_strdup ("<div id=\"splash-screen\"></div>");
  cache = relay_cache (fake_polaris_data (fi, post, logged_in));
  json = script_json (cache);
  return g_strdup_printf ("<script type=\"application/json\" "
                          "data-content-len=\"%zu\" data-sjs>%s</script>"
                          "<script type=\"application/json\" "
                          "data-content-len=\"%zu\" data-sjs>%s</script>",
      strlen (other_sjs), other_sjs, strlen (json), json);
}

/* The shortcode of /p/SC/, /reel/SC/, /reels/SC/, /tv/SC/, optionally after
 * a /USER prefix; long private codes lose their 28 extra characters. */
static char *
post_shortcode (const char *path)
{
  g_auto (GStrv) parts = g_strsplit (path + 1, "/", 5);
  guint n = g_strv_length (parts);
  guint i;

  for (i = 0; i + 1 < n && i < 2; i++) {
    const char *kind = parts[i];
    const char *code = parts[i + 1];
    gsize len = strlen (code);

    if (len == 0 || (i + 2 < n && parts[i + 2][0] != '\0'))
      continue;
    if (g_str_equal (kind, "p") || g_str_equal (kind, "reel")
        || g_str_equal (kind, "reels") || g_str_equal (kind, "tv"))
      return g_strndup (code, len > 28 ? len - 28 : len);
  }
  return NULL;
}

gboolean
fake_pages_post (FakeInstagram *fi, SoupServerMessage *msg, const char *path)
{
  g_autofree char *code = post_shortcode (path);
  const FakePost *post;
  gboolean logged_in = fake_is_logged_in (fi, msg);
  g_autofree char *title = NULL;
  g_autofree char *preloaders = NULL;
  g_autofree char *body = NULL;

  if (code == NULL)
    return FALSE;
  post = fake_posts_by_code (fi->posts, code);
  if (post == NULL) {
    fake_respond_not_found (msg);
    return TRUE;
  }
  if ((post->flags & FAKE_POST_PRIVATE) && !logged_in) {
    g_autofree char *next = g_uri_escape_string (path, NULL, FALSE);
    g_autofree char *location =
        g_strdup_printf ("%s/accounts/login/?next=%s", fi->base, next);
    fake_respond_redirect (msg, location);
    return TRUE;
  }
  title = g_strdup_printf ("Instagram post %s", code);
  preloaders = fake_preloaders_script (fi, post);
  body = post_body (fi, post, logged_in);
  respond_page (fi, msg, path, title, preloaders, body);
  return TRUE;
}
