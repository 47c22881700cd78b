/* gst-instagram: reading one media file from the CDN, with Range.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ig-http.h"

G_BEGIN_DECLS

/* What the CDN is sent as User-Agent unless the user sets one: a browser
 * UA gets throttled on Instagram's CDN, a short one does not. */
#define IG_MEDIA_DEFAULT_USER_AGENT "Mozilla/5.0"

/* The stall floor. @options->timeout_s (0 = no limit) bounds every wait of
 * a request: connecting, the answer's headers and its body. A request that
 * brings fewer than this many bytes in any @timeout_s seconds of waiting
 * (counted from when it is sent, and again from each time it has brought
 * this many) has stalled: it is dropped like a broken connection, within
 * @timeout_s seconds. 1 KiB in the default 15 s (about 70 bytes a second)
 * fails only a body that no one could watch, never a slow link. It is also
 * what counts as progress for @retries. */
#define IG_MEDIA_STALL_FLOOR 1024

typedef struct _IgMediaReader IgMediaReader;

/* A reader for @url over its own cookie-less session (session cookies never
 * reach CDN hosts). No I/O until ig_media_reader_open(). @retries is how
 * many reconnects in a row without progress (IG_MEDIA_STALL_FLOOR bytes)
 * are tried after a drop or a stall (-1 = unlimited); past them, a read
 * fails with IG_ERROR_NETWORK saying what happened. */
IgMediaReader *ig_media_reader_new (const char *url, const char *user_agent,
    gint retries, const IgHttpOptions *options);
void ig_media_reader_free (IgMediaReader *reader);

/* Requests the file from @offset (a Range request when @offset > 0) and
 * learns its size, type and seekability from the answer. */
gboolean ig_media_reader_open (IgMediaReader *reader, guint64 offset,
    GCancellable *cancellable, GError **error);

/* Fills @buf with up to @len bytes from the current position; returns the
 * count, 0 at the end, -1 on error. A connection that drops or stalls
 * before the end is resumed from the exact offset. Cancelling @cancellable
 * ends any wait at once (G_IO_ERROR_CANCELLED). */
gssize ig_media_reader_read (IgMediaReader *reader, guint8 *buf, gsize len,
    GCancellable *cancellable, GError **error);

/* Bytes @first to @last (inclusive, at most 16 MiB) of the file in one
 * Range request; the next read reconnects at the streaming position. */
GBytes *ig_media_reader_fetch_range (IgMediaReader *reader, guint64 first,
    guint64 last, GCancellable *cancellable, GError **error);

/* Reads from @url from now on (a renewed signature): the next read opens it
 * at the current position, and refuses it with IG_ERROR_MEDIA_REFUSED when
 * the file there has another size. */
void ig_media_reader_set_url (IgMediaReader *reader, const char *url);

/* Drops the current connection; the next read opens at @offset. */
void ig_media_reader_seek (IgMediaReader *reader, guint64 offset);

/* FALSE until an answer told the size. */
gboolean ig_media_reader_get_size (IgMediaReader *reader, guint64 *size);
/* TRUE once the CDN has shown it serves byte ranges of a known size. */
gboolean ig_media_reader_is_seekable (IgMediaReader *reader);
/* The answer's Content-Type without parameters, or NULL. */
const char *ig_media_reader_get_content_type (IgMediaReader *reader);

G_END_DECLS
