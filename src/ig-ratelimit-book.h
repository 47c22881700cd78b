/* gst-instagram: the rate limiter's stamp book, in memory and as text.
 *
 * The text form (the state file's contents):
 *   gst-instagram-rate-limit 1
 *   S <class> <key> <unix_us>          a request stamp
 *   P <class> <key> <until_unix_us>    a penalty (earliest allowed time)
 * <class> is graphql, mobile or other; <key> the GraphQL doc_id/query_hash
 * or "-".
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ig-ratelimit-class.h"

G_BEGIN_DECLS

#define IG_RATE_BOOK_HEADER "gst-instagram-rate-limit 1"
/* Keys longer than this, or with other characters than [A-Za-z0-9_.:-],
 * are stored as "-". */
#define IG_RATE_MAX_KEY_LEN 64

/* Stamps (µs since the epoch, ascending) and penalties of every class. */
typedef struct
{
  GHashTable *queries; /* GraphQL key -> GArray of gint64 */
  GArray *stamps[IG_RATE_N_CLASSES]; /* GRAPHQL: all keys together */
  gint64 penalty[IG_RATE_N_CLASSES]; /* earliest allowed time, 0 = none */
} IgRateBook;

IgRateBook *ig_rate_book_new (void);
void ig_rate_book_free (IgRateBook *book);
/* Forgets every stamp and penalty. */
void ig_rate_book_clear (IgRateBook *book);
/* Records a stamp at @t_us, kept in time order. @key is used for
 * IG_RATE_CLASS_GRAPHQL only and must be a valid key. */
void ig_rate_book_add (IgRateBook *book, IgRateClass cls, const char *key,
    gint64 t_us);
/* The key's stamps (GraphQL), or the class's; NULL when none. */
GArray *ig_rate_book_lookup (IgRateBook *book, IgRateClass cls,
    const char *key);
/* Drops the stamps at or before @before_us and penalties that ended by
 * then; TRUE when something was dropped. */
gboolean ig_rate_book_prune (IgRateBook *book, gint64 before_us);
/* @key itself when it is a valid key, else "-". */
const char *ig_rate_key_sanitize (const char *key);

/* The book in the text form. */
GString *ig_rate_book_serialize (const IgRateBook *book);
/* Replaces @book's contents with the text form @data. Stamps later than
 * @now_us (the clock went back) count as @now_us; penalties are capped at
 * @now_us + 24 h. FALSE with G_IO_ERROR_INVALID_DATA naming the line when
 * the text is not a valid state; @book is empty then. */
gboolean ig_rate_book_parse (IgRateBook *book, const char *data, gsize len,
    gint64 now_us, GError **error);
/* The same for more lines, added to @book: @data follows line @line_no of
 * a text already parsed (0: @data starts with the header). */
gboolean ig_rate_book_parse_more (IgRateBook *book, const char *data, gsize len,
    guint line_no, gint64 now_us, GError **error);

G_END_DECLS
