/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-media-reader.h"
#include "ig-error.h"
#include "ig-http.h"

#include <stdlib.h>
#include <string.h>

struct _IgMediaReader
{
  char *url;
  char *user_agent;
  gint retries;
  IgHttp *http; /* no cookie jar */
  SoupMessage *msg; /* the request being read, or NULL */
  GInputStream *stream;
  guint64 position; /* next byte the caller gets */
  guint64 size; /* G_MAXUINT64 while unknown */
  gboolean ranges; /* the CDN answered or announced byte ranges */
  char *content_type;
  guint requests;
};

IgMediaReader *
ig_media_reader_new (const char *url, const char *user_agent, gint retries,
    const IgHttpOptions *options)
{
  IgMediaReader *reader = g_new0 (IgMediaReader, 1);
  SoupSession *session;

  reader->url = g_strdup (url);
  reader->user_agent =
      g_strdup (user_agent ? user_agent : IG_MEDIA_DEFAULT_USER_AGENT);
  reader->retries = retries;
  reader->size = G_MAXUINT64;
  reader->http = ig_http_new (options, FALSE);
  /* Byte offsets must be offsets into the file, not into a decoded body. */
  session = ig_http_get_session (reader->http);
  soup_session_remove_feature_by_type (session, SOUP_TYPE_CONTENT_DECODER);
  return reader;
}

static void
close_request (IgMediaReader *reader)
{
  if (reader->stream != NULL)
    g_input_stream_close (reader->stream, NULL, NULL);
  g_clear_object (&reader->stream);
  g_clear_object (&reader->msg);
}

void
ig_media_reader_free (IgMediaReader *reader)
{
  if (reader == NULL)
    return;
  close_request (reader);
  ig_http_free (reader->http);
  g_free (reader->url);
  g_free (reader->user_agent);
  g_free (reader->content_type);
  g_free (reader);
}

static SoupMessage *
new_request (IgMediaReader *reader, guint64 offset)
{
  SoupMessage *msg = soup_message_new ("GET", reader->url);
  SoupMessageHeaders *h = soup_message_get_request_headers (msg);

  soup_message_headers_replace (h, "User-Agent", reader->user_agent);
  soup_message_headers_replace (h, "Accept", "*/*");
  soup_message_headers_replace (h, "Referer", "https://www.instagram.com/");
  if (offset > 0)
    soup_message_headers_set_range (h, offset, -1);
  return msg;
}

/* "bytes a-b/total" gives the size of the whole file. A file that is not
 * the size it was (a renewed URL now pointing elsewhere) is refused, since
 * its bytes would not continue the ones already sent. */
static gboolean
learn_size (IgMediaReader *reader, SoupMessageHeaders *h, guint status,
    GError **error)
{
  goffset start, end, total;
  guint64 size = G_MAXUINT64;

  if (status == SOUP_STATUS_PARTIAL_CONTENT) {
    if (soup_message_headers_get_content_range (h, &start, &end, &total)
        && total > 0)
      size = total;
    reader->ranges = TRUE;
  } else if (soup_message_headers_get_encoding (h)
      == SOUP_ENCODING_CONTENT_LENGTH) {
    size = soup_message_headers_get_content_length (h);
  }
  if (size != G_MAXUINT64 && reader->size != G_MAXUINT64
      && size != reader->size) {
    g_set_error (error, IG_ERROR, IG_ERROR_MEDIA_REFUSED,
        "%s is now %" G_GUINT64_FORMAT " bytes long, not %" G_GUINT64_FORMAT,
        reader->url, size, reader->size);
    return FALSE;
  }
  if (size != G_MAXUINT64)
    reader->size = size;
  if (g_strcmp0 (soup_message_headers_get_one (h, "Accept-Ranges"), "bytes")
      == 0)
    reader->ranges = TRUE;
  return TRUE;
}

static gboolean
check_status (IgMediaReader *reader, guint status, guint64 offset,
    GError **error)
{
  if (status == SOUP_STATUS_OK && offset == 0)
    return TRUE;
  if (status == SOUP_STATUS_PARTIAL_CONTENT && offset > 0)
    return TRUE;
  if (status == SOUP_STATUS_OK)
    g_set_error (error, IG_ERROR, IG_ERROR_SEEK,
        "The CDN ignored a request for bytes from %" G_GUINT64_FORMAT " of %s",
        offset, reader->url);
  else if (status == 403 || status == 410)
    g_set_error (error, IG_ERROR, IG_ERROR_MEDIA_REFUSED,
        "The CDN refused %s (HTTP %u): its signature may have expired",
        reader->url, status);
  else if (status == 404)
    g_set_error (error, IG_ERROR, IG_ERROR_NOT_FOUND,
        "The CDN has no file at %s (HTTP 404)", reader->url);
  else
    g_set_error (error, IG_ERROR, IG_ERROR_NETWORK,
        "The CDN answered HTTP %u for %s", status, reader->url);
  return FALSE;
}

/* A 200 with an HTML page (a portal, login or error page) or with nothing
 * is never the media. */
static gboolean
check_media (IgMediaReader *reader, SoupMessageHeaders *h, GError **error)
{
  const char *type = soup_message_headers_get_content_type (h, NULL);

  if (g_strcmp0 (type, "text/html") == 0)
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "The CDN answered %s with an HTML page instead of media", reader->url);
  else if (reader->size == 0)
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "The CDN answered %s with an empty file", reader->url);
  else
    return TRUE;
  return FALSE;
}

gboolean
ig_media_reader_open (IgMediaReader *reader, guint64 offset,
    GCancellable *cancellable, GError **error)
{
  SoupMessageHeaders *h;
  GError *local = NULL;

  close_request (reader);
  reader->msg = new_request (reader, offset);
  reader->requests++;
  ig_http_prepare (reader->http, reader->msg);
  reader->stream = soup_session_send (ig_http_get_session (reader->http),
      reader->msg, cancellable, &local);
  if (reader->stream == NULL) {
    if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
      g_propagate_error (error, local);
    else {
      g_set_error (error, IG_ERROR, IG_ERROR_NETWORK, "Could not read %s: %s",
          reader->url, local->message);
      g_error_free (local);
    }
    close_request (reader);
    return FALSE;
  }
  h = soup_message_get_response_headers (reader->msg);
  if (!check_status (reader, soup_message_get_status (reader->msg), offset,
          error)) {
    close_request (reader);
    return FALSE;
  }
  if (!learn_size (reader, h, soup_message_get_status (reader->msg), error)
      || (offset == 0 && !check_media (reader, h, error))) {
    close_request (reader);
    return FALSE;
  }
  g_free (reader->content_type);
  reader->content_type =
      g_strdup (soup_message_headers_get_content_type (h, NULL));
  reader->position = offset;
  return TRUE;
}

static gboolean
check_range_answer (IgMediaReader *reader, SoupMessage *msg, guint64 first,
    GError **error)
{
  goffset start = -1, end, total;
  guint status = soup_message_get_status (msg);

  if (status == SOUP_STATUS_PARTIAL_CONTENT
      && soup_message_headers_get_content_range (
          soup_message_get_response_headers (msg), &start, &end, &total)
      && (guint64) start == first)
    return TRUE;
  if (!check_status (reader, status, first, error))
    return FALSE;
  g_set_error (error, IG_ERROR, IG_ERROR_SEEK,
      "The CDN did not answer a request for bytes from %" G_GUINT64_FORMAT
      " of %s with them",
      first, reader->url);
  return FALSE;
}

GBytes *
ig_media_reader_fetch_range (IgMediaReader *reader, guint64 first, guint64 last,
    GCancellable *cancellable, GError **error)
{
  g_autoptr (SoupMessage) msg = new_request (reader, 0);
  g_autoptr (GInputStream) stream = NULL;
  gsize want = last - first + 1, got = 0;
  g_autofree guint8 *data = NULL;

  g_return_val_if_fail (first <= last && want <= 16 * 1024 * 1024, NULL);
  soup_message_headers_set_range (soup_message_get_request_headers (msg), first,
      last);
  reader->requests++;
  ig_http_prepare (reader->http, msg);
  stream = soup_session_send (ig_http_get_session (reader->http), msg,
      cancellable, error);
  if (stream == NULL || !check_range_answer (reader, msg, first, error))
    return NULL;
  data = g_malloc (want);
  if (!g_input_stream_read_all (stream, data, want, &got, cancellable, error))
    return NULL;
  if (got != want) {
    g_set_error (error, IG_ERROR, IG_ERROR_NETWORK,
        "%s ended after %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " bytes",
        reader->url, got, want);
    return NULL;
  }
  return g_bytes_new_take (g_steal_pointer (&data), want);
}

/* Reads until @len bytes, the end of the answer, or a failure. A failure
 * after some bytes still returns them; the caller reconnects later. */
static gssize
fill (IgMediaReader *reader, guint8 *buf, gsize len, GCancellable *cancellable,
    GError **error)
{
  gsize got = 0;
  gssize n;
  GError *local = NULL;

  while (got < len) {
    n = g_input_stream_read (reader->stream, buf + got, len - got, cancellable,
        &local);
    if (n < 0) {
      if (got > 0 && !g_cancellable_is_cancelled (cancellable)) {
        g_clear_error (&local);
        close_request (reader);
        break;
      }
      close_request (reader);
      g_propagate_error (error, local);
      return -1;
    }
    if (n == 0)
      break;
    got += n;
  }
  return got;
}

static gboolean
at_end (IgMediaReader *reader)
{
  return reader->size != G_MAXUINT64 && reader->position >= reader->size;
}

static gboolean
may_retry (IgMediaReader *reader, guint attempts, GError *cause, GError **error)
{
  gboolean retriable = cause == NULL
      || g_error_matches (cause, IG_ERROR, IG_ERROR_NETWORK)
      || (cause->domain != IG_ERROR
          && !g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED));

  close_request (reader);
  if (retriable
      && (reader->retries < 0 || attempts <= (guint) reader->retries)) {
    g_clear_error (&cause);
    return TRUE;
  }
  if (cause != NULL && !retriable)
    g_propagate_error (error, cause);
  else {
    g_set_error (error, IG_ERROR, IG_ERROR_NETWORK,
        "The connection to %s dropped at byte %" G_GUINT64_FORMAT
        " and %u reconnects did not help%s%s",
        reader->url, reader->position, attempts - 1, cause ? ": " : "",
        cause ? cause->message : "");
    g_clear_error (&cause);
  }
  return FALSE;
}

gssize
ig_media_reader_read (IgMediaReader *reader, guint8 *buf, gsize len,
    GCancellable *cancellable, GError **error)
{
  guint attempts = 0;
  GError *local = NULL;
  gssize n;

  while (!at_end (reader)) {
    if (reader->stream == NULL
        && !ig_media_reader_open (reader, reader->position, cancellable,
            &local)) {
      if (!may_retry (reader, ++attempts, local, error))
        return -1;
      local = NULL;
      continue;
    }
    n = fill (reader, buf, len, cancellable, &local);
    if (n > 0) {
      reader->position += n;
      return n;
    }
    if (n == 0 && reader->size == G_MAXUINT64)
      return 0; /* a body of unknown length ended */
    if (!may_retry (reader, ++attempts, local, error))
      return -1;
    local = NULL;
  }
  return 0;
}

void
ig_media_reader_set_url (IgMediaReader *reader, const char *url)
{
  close_request (reader);
  g_free (reader->url);
  reader->url = g_strdup (url);
}

void
ig_media_reader_seek (IgMediaReader *reader, guint64 offset)
{
  if (offset == reader->position && reader->stream != NULL)
    return;
  close_request (reader);
  reader->position = offset;
}

guint64
ig_media_reader_get_position (IgMediaReader *reader)
{
  return reader->position;
}

gboolean
ig_media_reader_get_size (IgMediaReader *reader, guint64 *size)
{
  if (reader->size == G_MAXUINT64)
    return FALSE;
  *size = reader->size;
  return TRUE;
}

gboolean
ig_media_reader_is_seekable (IgMediaReader *reader)
{
  return reader->ranges && reader->size != G_MAXUINT64;
}

const char *
ig_media_reader_get_content_type (IgMediaReader *reader)
{
  return reader->content_type;
}

guint
ig_media_reader_get_request_count (IgMediaReader *reader)
{
  return reader->requests;
}
