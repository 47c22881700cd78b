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

typedef enum
{
  FAULT_NONE,
  FAULT_DROP,
  FAULT_STALL,
  FAULT_TRICKLE,
} Fault;

static void
set_fault (FakeInstagram *fi, Fault fault, guint64 bytes, guint count)
{
  g_mutex_lock (&fi->lock);
  fi->cdn_fault = count > 0 ? fault : FAULT_NONE;
  fi->cdn_fault_bytes = bytes;
  fi->cdn_fault_count = count;
  g_mutex_unlock (&fi->lock);
}

void
fake_instagram_set_cdn_drop (FakeInstagram *fi, guint64 after_bytes,
    guint count)
{
  set_fault (fi, FAULT_DROP, after_bytes, count);
}

void
fake_instagram_set_cdn_stall (FakeInstagram *fi, guint64 after_bytes,
    guint count)
{
  set_fault (fi, FAULT_STALL, after_bytes, count);
}

void
fake_instagram_set_cdn_trickle (FakeInstagram *fi, guint bytes_per_s,
    guint count)
{
  g_return_if_fail (bytes_per_s > 0);
  set_fault (fi, FAULT_TRICKLE, bytes_per_s, count);
}

/* Takes one use of the rule for a GET of a file of @size bytes (a drop:
 * only without Range), if it has some left and applies to that size;
 * *@bytes is the rule's. */
static Fault
take_fault (FakeInstagram *fi, SoupServerMessage *msg, guint64 size,
    guint64 *bytes)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  Fault fault = FAULT_NONE;

  if (strcmp (soup_server_message_get_method (msg), "GET") != 0)
    return FAULT_NONE;
  g_mutex_lock (&fi->lock);
  if (fi->cdn_fault_count > 0
      && (fi->cdn_fault != FAULT_DROP
          || soup_message_headers_get_one (h, "Range") == NULL)
      && (fi->cdn_fault == FAULT_TRICKLE || fi->cdn_fault_bytes < size)) {
    fi->cdn_fault_count--;
    fault = fi->cdn_fault;
    *bytes = fi->cdn_fault_bytes;
  }
  g_mutex_unlock (&fi->lock);
  return fault;
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

/* Announces all of @bytes and queues the first @head of them; SoupServer
 * sends those, then pauses the answer until more body is appended. */
static void
respond_head (SoupServerMessage *msg, GBytes *bytes, guint64 head)
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);
  g_autoptr (GBytes) part =
      g_bytes_new_from_bytes (bytes, 0, MIN (head, g_bytes_get_size (bytes)));

  soup_message_headers_set_content_length (h, g_bytes_get_size (bytes));
  if (head > 0)
    soup_message_body_append_bytes (soup_server_message_get_response_body (msg),
        part);
}

/* What a GET asks for: all of @bytes, or the one range of a Range request,
 * then answered 206 as SoupServer itself would. */
static GBytes *
asked_part (SoupServerMessage *msg, GBytes *bytes)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  gsize size = g_bytes_get_size (bytes);
  SoupRange *ranges;
  GBytes *part;
  int n;

  if (!soup_message_headers_get_ranges (h, size, &ranges, &n))
    return g_bytes_ref (bytes);
  if (n != 1) {
    soup_message_headers_free_ranges (h, ranges);
    return g_bytes_ref (bytes);
  }
  soup_server_message_set_status (msg, SOUP_STATUS_PARTIAL_CONTENT, NULL);
  soup_message_headers_set_content_range (
      soup_server_message_get_response_headers (msg), ranges[0].start,
      ranges[0].end, size);
  part = g_bytes_new_from_bytes (bytes, ranges[0].start,
      ranges[0].end - ranges[0].start + 1);
  soup_message_headers_free_ranges (h, ranges);
  return part;
}

/* Announces all of @bytes, sends @cut of them, then closes. */
static void
respond_cut (SoupServerMessage *msg, GBytes *bytes, guint64 cut)
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);
  guint64 *left = g_new (guint64, 1);

  *left = cut;
  soup_message_headers_replace (h, "Connection", "close");
  g_signal_connect_data (msg, "wrote-body-data", G_CALLBACK (close_after_cut),
      left, free_left, 0);
  respond_head (msg, bytes, cut);
}

/* One answer that gets its body a few bytes a second. */
typedef struct
{
  FakeInstagram *fi;
  SoupServerMessage *msg;
  GBytes *bytes;
  gsize sent;
  gsize per_tick;
  GSource *source;
} Trickle;

static void
trickle_free (gpointer data)
{
  Trickle *t = data;

  g_signal_handlers_disconnect_by_data (t->msg, t);
  g_object_unref (t->msg);
  g_bytes_unref (t->bytes);
  g_free (t);
}

/* Frees @t (once its tick, if running, returns). */
static void
trickle_stop (Trickle *t)
{
  GSource *source = g_steal_pointer (&t->source);

  if (source == NULL)
    return;
  t->fi->trickles = g_list_remove (t->fi->trickles, t);
  g_source_destroy (source);
  g_source_unref (source);
}

/* Queues the next part; TRUE when it was the last. */
static gboolean
trickle_append (Trickle *t)
{
  SoupMessageBody *body = soup_server_message_get_response_body (t->msg);
  gsize size = g_bytes_get_size (t->bytes);
  gsize n = MIN (t->per_tick, size - t->sent);
  g_autoptr (GBytes) part = g_bytes_new_from_bytes (t->bytes, t->sent, n);

  soup_message_body_append_bytes (body, part);
  t->sent += n;
  if (t->sent < size)
    return FALSE;
  soup_message_body_complete (body);
  return TRUE;
}

static gboolean
trickle_tick (gpointer data)
{
  Trickle *t = data;
  gboolean last = trickle_append (t);

  soup_server_message_unpause (t->msg);
  if (last)
    trickle_stop (t);
  return G_SOURCE_CONTINUE;
}

/* The client went away (or the fake stops): nothing more to send. */
static void
trickle_finished (SoupServerMessage *msg, gpointer data)
{
  trickle_stop (data);
}

static void
respond_trickle (FakeInstagram *fi, SoupServerMessage *msg, GBytes *bytes,
    guint64 per_second)
{
  Trickle *t = g_new0 (Trickle, 1);

  respond_head (msg, bytes, 0);
  t->fi = fi;
  t->msg = g_object_ref (msg);
  t->bytes = g_bytes_ref (bytes);
  t->per_tick = per_second;
  t->source = g_timeout_source_new (1000);
  g_source_set_callback (t->source, trickle_tick, t, trickle_free);
  g_signal_connect (msg, "finished", G_CALLBACK (trickle_finished), t);
  fi->trickles = g_list_prepend (fi->trickles, t);
  g_source_attach (t->source, fi->context);
  if (trickle_append (t))
    trickle_stop (t);
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
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autoptr (GBytes) part = NULL;
  guint64 fault_bytes = 0;

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
  switch (take_fault (fi, msg, g_bytes_get_size (bytes), &fault_bytes)) {
    case FAULT_DROP:
      respond_cut (msg, bytes, fault_bytes);
      break;
    case FAULT_STALL:
      part = asked_part (msg, bytes);
      respond_head (msg, part, fault_bytes);
      break;
    case FAULT_TRICKLE:
      part = asked_part (msg, bytes);
      respond_trickle (fi, msg, part, fault_bytes);
      break;
    default:
      soup_message_body_append_bytes (body, bytes);
  }
}

void
fake_cdn_release (FakeInstagram *fi)
{
  while (fi->trickles != NULL)
    trickle_stop (fi->trickles->data);
  g_clear_pointer (&fi->mapped, g_hash_table_unref);
}
