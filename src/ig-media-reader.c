/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-media-reader.h"
#include "ig-error.h"
#include "ig-http.h"
#include "ig-watchdog.h"

#include <stdlib.h>
#include <string.h>

struct _IgMediaReader
{
  char *url;
  char *shown; /* url without its query: the signature stays out of errors */
  char *user_agent;
  gint retries;
  guint attempts; /* reconnects in a row without progress */
  IgHttp *http; /* no cookie jar */
  IgWatchdog *dog; /* bounds every wait of the current request */
  SoupMessage *msg; /* the request being read, or NULL */
  GCancellable *cancel; /* msg's, from dog */
  GInputStream *stream;
  GError *failure; /* why the last request ended early; the next read
                    * counts it as a reconnect */
  guint64 position; /* next byte the caller gets */
  guint64 size; /* G_MAXUINT64 while unknown */
  gboolean answered; /* the current request gave bytes to a read */
  gboolean ranges; /* the CDN answered or announced byte ranges */
  char *content_type;
};

static void
set_url (IgMediaReader *reader, const char *url)
{
  g_autoptr (GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);

  g_free (reader->url);
  g_free (reader->shown);
  reader->url = g_strdup (url);
  reader->shown = uri != NULL
      ? g_uri_to_string_partial (uri, G_URI_HIDE_QUERY | G_URI_HIDE_USERINFO)
      : g_strdup ("the media URL");
}

IgMediaReader *
ig_media_reader_new (const char *url, const char *user_agent, gint retries,
    const IgHttpOptions *options)
{
  IgMediaReader *reader = g_new0 (IgMediaReader, 1);
  SoupSession *session;

  set_url (reader, url);
  reader->user_agent =
      g_strdup (user_agent ? user_agent : IG_MEDIA_DEFAULT_USER_AGENT);
  reader->retries = retries;
  reader->size = G_MAXUINT64;
  reader->http = ig_http_new (options, FALSE);
  reader->dog = ig_watchdog_new (options->timeout_s, IG_MEDIA_STALL_FLOOR);
  session = ig_http_get_session (reader->http);
  /* Byte offsets must be offsets into the file, not into a decoded body. */
  soup_session_remove_feature_by_type (session, SOUP_TYPE_CONTENT_DECODER);
  /* libsoup's timeout bounds each socket read alone, so a body that
   * trickles never trips it; the watchdog bounds all of it. */
  soup_session_set_timeout (session, 0);
  return reader;
}

/* Drops the connection and what it failed with. */
static void
close_request (IgMediaReader *reader)
{
  if (reader->stream != NULL)
    g_input_stream_close (reader->stream, NULL, NULL);
  g_clear_object (&reader->stream);
  g_clear_object (&reader->msg);
  g_clear_error (&reader->failure);
}

/* Sends @msg as the reader's request, watched by its watchdog. */
static GInputStream *
send_request (IgMediaReader *reader, SoupMessage *msg, GError **error)
{
  reader->cancel = ig_watchdog_new_request (reader->dog);
  ig_http_prepare (reader->http, msg);
  return soup_session_send (ig_http_get_session (reader->http), msg,
      reader->cancel, error);
}

/* What a failed request tells the caller: a stall as the watchdog saw it,
 * a cancellation as such, anything else as a network failure. */
static void
set_request_error (IgMediaReader *reader, GError *cause, GError **error)
{
  if (ig_watchdog_stalled (reader->dog, error))
    g_error_free (cause);
  else if (cause->domain == IG_ERROR
      || g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, cause);
  else {
    g_set_error (error, IG_ERROR, IG_ERROR_NETWORK, "Could not read %s: %s",
        reader->shown, cause->message);
    g_error_free (cause);
  }
}

void
ig_media_reader_free (IgMediaReader *reader)
{
  if (reader == NULL)
    return;
  close_request (reader);
  ig_http_free (reader->http);
  ig_watchdog_free (reader->dog);
  g_free (reader->url);
  g_free (reader->shown);
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

/* ig_media_reader_open () while watched. */
static gboolean
open_request (IgMediaReader *reader, guint64 offset, GError **error)
{
  SoupMessageHeaders *h;
  GError *local = NULL;

  close_request (reader);
  reader->msg = new_request (reader, offset);
  reader->stream = send_request (reader, reader->msg, &local);
  if (reader->stream == NULL) {
    set_request_error (reader, local, error);
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
  reader->answered = FALSE;
  return TRUE;
}

gboolean
ig_media_reader_open (IgMediaReader *reader, guint64 offset,
    GCancellable *cancellable, GError **error)
{
  gboolean ok;

  ig_watchdog_start (reader->dog, cancellable);
  ok = open_request (reader, offset, error);
  ig_watchdog_stop (reader->dog);
  return ok;
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

/* Reads @stream until @len bytes, its end or a failure; returns the count
 * and, on a failure, how many came before it in *@got. */
/* Reads until @len bytes, or only until the first bytes when @at_once. */
static gssize
read_watched (IgMediaReader *reader, GInputStream *stream, guint8 *buf,
    gsize len, gboolean at_once, gsize *got, GError **error)
{
  gssize n = 0;

  *got = 0;
  while (*got < len && !(at_once && *got > 0)
      && (n = g_input_stream_read (stream, buf + *got, len - *got,
              reader->cancel, error))
          > 0) {
    *got += n;
    if (ig_watchdog_count (reader->dog, n))
      reader->attempts = 0;
  }
  return n < 0 ? -1 : (gssize) *got;
}

static GBytes *
fetch_range (IgMediaReader *reader, guint64 first, guint64 last, GError **error)
{
  g_autoptr (SoupMessage) msg = new_request (reader, 0);
  g_autoptr (GInputStream) stream = NULL;
  gsize want = last - first + 1, got = 0;
  g_autofree guint8 *data = NULL;
  GError *local = NULL;

  soup_message_headers_set_range (soup_message_get_request_headers (msg), first,
      last);
  stream = send_request (reader, msg, &local);
  if (stream == NULL) {
    set_request_error (reader, local, error);
    return NULL;
  }
  if (!check_range_answer (reader, msg, first, error))
    return NULL;
  data = g_malloc (want);
  if (read_watched (reader, stream, data, want, FALSE, &got, &local) < 0) {
    set_request_error (reader, local, error);
    return NULL;
  }
  if (got != want) {
    g_set_error (error, IG_ERROR, IG_ERROR_NETWORK,
        "%s ended after %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " bytes",
        reader->shown, got, want);
    return NULL;
  }
  return g_bytes_new_take (g_steal_pointer (&data), want);
}

GBytes *
ig_media_reader_fetch_range (IgMediaReader *reader, guint64 first, guint64 last,
    GCancellable *cancellable, GError **error)
{
  GBytes *bytes;

  g_return_val_if_fail (first <= last && last - first < 16 * 1024 * 1024, NULL);
  /* one request at a time: the watchdog watches one */
  close_request (reader);
  ig_watchdog_start (reader->dog, cancellable);
  bytes = fetch_range (reader, first, last, error);
  ig_watchdog_stop (reader->dog);
  return bytes;
}

/* Reads until @len bytes, the end of the answer, or a failure; but a
 * request's first read returns the first bytes that came, so that the
 * file's header goes downstream at once (as souphttpsrc's reads do) rather
 * than after a whole block. A failure after some bytes still returns them
 * and is kept for the next read. */
static gssize
fill (IgMediaReader *reader, guint8 *buf, gsize len, GCancellable *cancellable,
    GError **error)
{
  gboolean at_once = !reader->answered;
  gsize got;
  GError *local = NULL;

  reader->answered = TRUE;
  if (read_watched (reader, reader->stream, buf, len, at_once, &got, &local)
      >= 0)
    return got;
  close_request (reader);
  if (got > 0 && !g_cancellable_is_cancelled (cancellable)) {
    set_request_error (reader, local, &reader->failure);
    return got;
  }
  set_request_error (reader, local, error);
  return -1;
}

static gboolean
at_end (IgMediaReader *reader)
{
  return reader->size != G_MAXUINT64 && reader->position >= reader->size;
}

/* Takes @cause (NULL: the answer ended early) and says whether to
 * reconnect. */
static gboolean
may_retry (IgMediaReader *reader, GError *cause, GError **error)
{
  guint attempts = ++reader->attempts;
  gboolean retriable =
      cause == NULL || g_error_matches (cause, IG_ERROR, IG_ERROR_NETWORK);

  close_request (reader);
  if (retriable
      && (reader->retries < 0 || attempts <= (guint) reader->retries)) {
    g_clear_error (&cause);
    return TRUE;
  }
  if (!retriable)
    g_propagate_error (error, cause);
  else {
    g_set_error (error, IG_ERROR, IG_ERROR_NETWORK,
        "Reading %s stopped at byte %" G_GUINT64_FORMAT
        " and %u reconnects did not help: %s",
        reader->shown, reader->position, attempts - 1,
        cause ? cause->message : "the connection closed early");
    g_clear_error (&cause);
  }
  return FALSE;
}

/* ig_media_reader_read () while watched. */
static gssize
read_media (IgMediaReader *reader, guint8 *buf, gsize len,
    GCancellable *cancellable, GError **error)
{
  GError *local = NULL;
  gssize n;

  while (!at_end (reader)) {
    if (reader->failure != NULL
        || (reader->stream == NULL
            && !open_request (reader, reader->position, &local))) {
      if (!may_retry (reader,
              local ? local : g_steal_pointer (&reader->failure), error))
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
    if (!may_retry (reader, local, error))
      return -1;
    local = NULL;
  }
  return 0;
}

gssize
ig_media_reader_read (IgMediaReader *reader, guint8 *buf, gsize len,
    GCancellable *cancellable, GError **error)
{
  gssize n;

  ig_watchdog_start (reader->dog, cancellable);
  n = read_media (reader, buf, len, cancellable, error);
  ig_watchdog_stop (reader->dog);
  return n;
}

void
ig_media_reader_set_url (IgMediaReader *reader, const char *url)
{
  close_request (reader);
  set_url (reader, url);
}

void
ig_media_reader_seek (IgMediaReader *reader, guint64 offset)
{
  if (offset == reader->position && reader->stream != NULL)
    return;
  close_request (reader);
  reader->position = offset;
  reader->attempts = 0;
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
