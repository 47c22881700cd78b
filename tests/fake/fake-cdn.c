/* gst-instagram tests: the fake CDN, /cdn/NAME?oh=SIG&oe=HEX.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-private.h"

#include <string.h>

char *
fake_cdn_sign (FakeInstagram *fi, const char *name, const char *oe)
{
  g_autofree char *input = g_strconcat (name, "|", oe, "|", fi->secret, NULL);
  char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, input, -1);

  digest[16] = '\0';
  return digest;
}

char *
fake_cdn_url (FakeInstagram *fi, const char *name)
{
  gint64 expiry;
  g_autofree char *oe = NULL;
  g_autofree char *oh = NULL;

  g_mutex_lock (&fi->lock);
  expiry = fi->cdn_expiry;
  g_mutex_unlock (&fi->lock);
  oe = g_strdup_printf ("%" G_GINT64_MODIFIER "X",
      MAX (g_get_real_time () / G_USEC_PER_SEC + expiry, 0));
  oh = fake_cdn_sign (fi, name, oe);
  return g_strdup_printf ("%s/cdn/%s?oh=%s&oe=%s", fi->base, name, oh, oe);
}

/* Real CDN texts: "URL signature expired" and "Bad URL hash". */
static const char *
check_signature (FakeInstagram *fi, const char *name, GHashTable *query)
{
  const char *oe = query ? g_hash_table_lookup (query, "oe") : NULL;
  const char *oh = query ? g_hash_table_lookup (query, "oh") : NULL;
  g_autofree char *expected = NULL;
  char *end = NULL;
  gint64 expires;

  if (oe == NULL || oh == NULL)
    return "Bad URL hash";
  expected = fake_cdn_sign (fi, name, oe);
  if (strcmp (expected, oh) != 0)
    return "Bad URL hash";
  expires = g_ascii_strtoll (oe, &end, 16);
  if (end == oe || *end != '\0'
      || expires < g_get_real_time () / G_USEC_PER_SEC)
    return "URL signature expired";
  return NULL;
}

/* Maps each file once; answers share the mapping through GBytes. */
static GBytes *
media_bytes (FakeInstagram *fi, const char *name)
{
  GMappedFile *mapped = g_hash_table_lookup (fi->mapped, name);

  if (mapped == NULL) {
    g_autofree char *path = g_build_filename (fi->media_dir, name, NULL);

    mapped = g_mapped_file_new (path, FALSE, NULL);
    if (mapped == NULL)
      return NULL;
    g_hash_table_insert (fi->mapped, g_strdup (name), mapped);
  }
  return g_mapped_file_get_bytes (mapped);
}

static const char *
content_type (const char *name)
{
  if (g_str_has_suffix (name, ".mp4"))
    return "video/mp4";
  if (g_str_has_suffix (name, ".jpg"))
    return "image/jpeg";
  return "application/octet-stream";
}

static void
respond_text (SoupServerMessage *msg, guint status, const char *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, text,
      strlen (text));
}

void
fake_instagram_set_cdn_drop (FakeInstagram *fi, guint64 after_bytes,
    guint count)
{
  g_mutex_lock (&fi->lock);
  fi->drop_after = after_bytes;
  fi->drop_count = count;
  g_mutex_unlock (&fi->lock);
}

/* Takes one drop for a plain GET of @size bytes, if the rule has some left;
 * returns where to cut, or @size. */
static guint64
take_drop (FakeInstagram *fi, SoupServerMessage *msg, guint64 size)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  guint64 cut = size;

  if (strcmp (soup_server_message_get_method (msg), "GET") != 0
      || soup_message_headers_get_one (h, "Range") != NULL)
    return size;
  g_mutex_lock (&fi->lock);
  if (fi->drop_count > 0 && fi->drop_after < size) {
    fi->drop_count--;
    cut = fi->drop_after;
  }
  g_mutex_unlock (&fi->lock);
  return cut;
}

/* The body is short of its Content-Length, so SoupServer would wait for
 * more: once the cut bytes are out, close the connection for real. */
static void
close_after_cut (SoupServerMessage *msg, guint size, gpointer data)
{
  guint64 *left = data;
  GSocket *socket;

  *left -= MIN (*left, size);
  socket = soup_server_message_get_socket (msg);
  if (*left == 0 && socket != NULL)
    g_socket_shutdown (socket, TRUE, TRUE, NULL);
}

static void
free_left (gpointer data, GClosure *closure)
{
  g_free (data);
}

/* Announces all of @bytes, sends @cut of them, then closes. */
static void
respond_cut (SoupServerMessage *msg, GBytes *bytes, guint64 cut)
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);
  g_autoptr (GBytes) head = g_bytes_new_from_bytes (bytes, 0, cut);
  guint64 *left = g_new (guint64, 1);

  *left = cut;
  soup_message_headers_set_content_length (h, g_bytes_get_size (bytes));
  soup_message_headers_replace (h, "Connection", "close");
  g_signal_connect_data (msg, "wrote-body-data", G_CALLBACK (close_after_cut),
      left, free_left, 0);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg),
      head);
}

/* SoupServer itself turns the full 200 body into a 206 or 416 answer for a
 * single Range request; it does not announce Accept-Ranges, so we do. */
void
fake_cdn_handle (FakeInstagram *fi, SoupServerMessage *msg, const char *name,
    GHashTable *query)
{
  const char *method = soup_server_message_get_method (msg);
  const char *refused;
  g_autoptr (GBytes) bytes = NULL;
  SoupMessageHeaders *headers;
  guint64 cut;

  if (strcmp (method, "GET") != 0 && strcmp (method, "HEAD") != 0) {
    respond_text (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method not allowed");
    return;
  }
  if (*name == '\0' || strchr (name, '/') != NULL || name[0] == '.') {
    respond_text (msg, SOUP_STATUS_NOT_FOUND, "Not found");
    return;
  }
  refused = check_signature (fi, name, query);
  if (refused != NULL) {
    respond_text (msg, SOUP_STATUS_FORBIDDEN, refused);
    return;
  }
  bytes = media_bytes (fi, name);
  if (bytes == NULL) {
    respond_text (msg, SOUP_STATUS_NOT_FOUND, "Not found");
    return;
  }
  headers = soup_server_message_get_response_headers (msg);
  soup_message_headers_set_content_type (headers, content_type (name), NULL);
  soup_message_headers_replace (headers, "Accept-Ranges", "bytes");
  soup_message_headers_replace (headers, "Cache-Control", "max-age=1209600");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  cut = take_drop (fi, msg, g_bytes_get_size (bytes));
  if (cut < g_bytes_get_size (bytes)) {
    respond_cut (msg, bytes, cut);
    return;
  }
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg),
      bytes);
}

void
fake_cdn_release (FakeInstagram *fi)
{
  g_clear_pointer (&fi->mapped, g_hash_table_unref);
}
