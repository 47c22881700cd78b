/* gst-instagram: the rate limiter's stamp book and its shared state file.
 *
 * The file, `$XDG_CACHE_HOME/gst-instagram/rate-limit` by default, is text:
 *   gst-instagram-rate-limit 1
 *   S <class> <key> <unix_us>          a request stamp
 *   P <class> <key> <until_unix_us>    a penalty (earliest allowed time)
 * <class> is graphql, mobile or other; <key> the GraphQL doc_id/query_hash
 * or "-". Every user opens it, takes flock(LOCK_EX) on it, reads it whole,
 * and, before unlocking, appends its new stamp line or (when stamps expired
 * or a penalty changed) rewrites it in place (pwrite + ftruncate), so
 * readers never see a half-written file; a crash mid-write leaves a corrupt
 * file, which the next reader ignores with a warning and rewrites.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ig-ratelimit.h"

G_BEGIN_DECLS

#define IG_RATE_STATE_HEADER "gst-instagram-rate-limit 1"
/* Larger files are foreign or corrupt: ignored and rewritten. */
#define IG_RATE_STATE_MAX_SIZE (1024 * 1024)
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

/* The book in the file format above. */
GString *ig_rate_book_serialize (const IgRateBook *book);
/* Replaces @book's contents with the file form @data. Stamps later than
 * @now_us (the clock went back) count as @now_us; penalties are capped at
 * @now_us + 24 h. FALSE with G_IO_ERROR_INVALID_DATA naming the line when
 * the text is not a valid state; @book is empty then. */
gboolean ig_rate_book_parse (IgRateBook *book, const char *data, gsize len,
    gint64 now_us, GError **error);

/* `$XDG_CACHE_HOME/gst-instagram/rate-limit` (g_get_user_cache_dir()). */
char *ig_rate_state_default_path (void);

typedef struct _IgRateStateFile IgRateStateFile;

/* Creates @path's directory (0700) and the file (0600) as needed, opens it
 * and takes an exclusive lock, waiting at most about 1 s. A G_IO_ERROR
 * naming @path on failure. */
IgRateStateFile *ig_rate_state_open (const char *path, GError **error);
/* Brings @book up to date with the file. @cache holds the file's bytes as
 * of this book's last read or write ("" at first): an unchanged file is not
 * parsed again, one that only grew (appends by others) has only its new
 * lines parsed, anything else is parsed whole into a cleared @book.
 * A corrupt, foreign, binary or oversized file gives a g_warning naming it;
 * then, and for an empty file, @book and @cache are emptied and FALSE
 * returned: rewrite the file. */
gboolean ig_rate_state_read (IgRateStateFile *file, IgRateBook *book,
    GString *cache, gint64 now_us);
/* Replaces the file's contents with @book (pwrite + ftruncate under the
 * lock); @cache becomes the new contents ("" on failure). */
gboolean ig_rate_state_write (IgRateStateFile *file, const IgRateBook *book,
    GString *cache, GError **error);
/* Appends one stamp line after @cache's end (the file as last read);
 * cheaper than a rewrite when nothing else changed. */
gboolean ig_rate_state_append (IgRateStateFile *file, IgRateClass cls,
    const char *key, gint64 t_us, GString *cache, GError **error);
/* Unlocks and closes. */
void ig_rate_state_close (IgRateStateFile *file);

G_END_DECLS
