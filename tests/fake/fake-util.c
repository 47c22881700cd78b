/* gst-instagram tests: response and request helpers of the fake.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-private.h"

#include <string.h>

void
fake_respond_json (SoupServerMessage *msg, guint status, JsonNode *node)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  char *text;
  gsize len;

  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, &len);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8",
      SOUP_MEMORY_TAKE, text, len);
}

void
fake_respond_json_take (SoupServerMessage *msg, guint status, JsonNode *node)
{
  fake_respond_json (msg, status, node);
  json_node_unref (node);
}

/* The {"message":…,"status":"fail"} bodies Instagram sends with 4xx. */
void
fake_respond_fail (SoupServerMessage *msg, guint status, const char *message)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, message);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "fail");
  json_builder_end_object (b);
  fake_respond_json_take (msg, status, json_builder_get_root (b));
}

void
fake_respond_html (SoupServerMessage *msg, guint status, const char *html)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8",
      SOUP_MEMORY_COPY, html, strlen (html));
}

void
fake_respond_redirect (SoupServerMessage *msg, const char *location)
{
  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
}

void
fake_respond_not_found (SoupServerMessage *msg)
{
  fake_respond_html (msg, SOUP_STATUS_NOT_FOUND,
      "<!DOCTYPE html><html><head><title>Page not found • Instagram</title>"
      "</head><body><h2>Sorry, this page isn't available.</h2></body></html>");
}

char *
fake_dup_id_member (JsonObject *obj, const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
}

char *
fake_dup_cookie (SoupServerMessage *msg, const char *name)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *header = soup_message_headers_get_one (headers, "Cookie");
  g_auto (GStrv) parts = NULL;
  guint i;

  if (header == NULL)
    return NULL;
  parts = g_strsplit (header, ";", -1);
  for (i = 0; parts[i] != NULL; i++) {
    char *part = g_strstrip (parts[i]);
    char *eq = strchr (part, '=');

    if (eq != NULL && (gsize) (eq - part) == strlen (name)
        && strncmp (part, name, eq - part) == 0)
      return g_strdup (eq + 1);
  }
  return NULL;
}

void
fake_set_cookie (SoupServerMessage *msg, const char *name, const char *value)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *line =
      g_strdup_printf ("%s=%s; Path=/; Max-Age=31449600; SameSite=Lax", name,
          value);

  soup_message_headers_append (headers, "Set-Cookie", line);
}

char *
fake_random_hex (guint n_chars)
{
  GString *out = g_string_sized_new (n_chars);

  while (out->len < n_chars)
    g_string_append_printf (out, "%08x", g_random_int ());
  g_string_truncate (out, n_chars);
  return g_string_free (out, FALSE);
}

gboolean
fake_require_app_id (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *app_id = soup_message_headers_get_one (headers, "X-IG-App-ID");

  if (app_id != NULL && *app_id != '\0')
    return TRUE;
  fake_respond_fail (msg, SOUP_STATUS_BAD_REQUEST, "useragent mismatch");
  return FALSE;
}

gboolean
fake_is_logged_in (FakeInstagram *fi, SoupServerMessage *msg)
{
  g_autofree char *session = fake_dup_cookie (msg, "sessionid");
  gboolean stale;

  g_mutex_lock (&fi->lock);
  stale = fi->session_stale;
  g_mutex_unlock (&fi->lock);
  return !stale && g_strcmp0 (session, FAKE_SESSION_ID) == 0;
}

void
fake_ensure_anon_cookies (FakeInstagram *fi, SoupServerMessage *msg)
{
  static const struct
  {
    const char *name;
    guint len;
  } cookies[] = { { "csrftoken", 32 }, { "mid", 28 }, { "ig_did", 36 } };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cookies); i++) {
    g_autofree char *have = fake_dup_cookie (msg, cookies[i].name);
    g_autofree char *value = NULL;

    if (g_str_equal (cookies[i].name, "csrftoken")) {
      if (have == NULL || !fake_csrf_valid (fi, have))
        fake_issue_csrf (fi, msg);
      continue;
    }
    if (have != NULL)
      continue;
    value = fake_random_hex (cookies[i].len);
    if (g_str_equal (cookies[i].name, "ig_did")) {
      /* A UUID in upper case, like the real one. */
      g_autofree char *up = g_ascii_strup (value, -1);
      g_free (value);
      value = g_strdup_printf ("%.8s-%.4s-%.4s-%.4s-%.12s", up, up + 8, up + 12,
          up + 16, up + 20);
    }
    fake_set_cookie (msg, cookies[i].name, value);
  }
}

GHashTable *
fake_dup_params (SoupServerMessage *msg, GHashTable *query)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  if (g_strcmp0 (soup_server_message_get_method (msg), "POST") == 0
      && body->length > 0) {
    g_autoptr (GBytes) bytes = soup_message_body_flatten (body);
    g_autofree char *text =
        g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    return soup_form_decode (text);
  }
  if (query != NULL)
    return g_hash_table_ref (query);
  return g_hash_table_new (g_str_hash, g_str_equal);
}

/* json_node_copy() shares objects and arrays; this does not. */
JsonNode *
fake_json_deep_copy (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  return json_from_string (text, NULL);
}
