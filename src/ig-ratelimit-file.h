/* gst-instagram: the rate limiter's shared state file.
 *
 * The file, `$XDG_CACHE_HOME/gst-instagram/rate-limit` by default, holds a
 * stamp book's text form (ig-ratelimit-book.h). Every user opens it, takes
 * flock(LOCK_EX) on it, reads it whole, and, before unlocking, appends its
 * new stamp line or (when stamps expired or a penalty changed) rewrites it
 * in place (pwrite + ftruncate), so readers never see a half-written file;
 * a crash mid-write leaves a corrupt file, which the next reader ignores
 * (and says so) and rewrites.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ig-ratelimit-book.h"

G_BEGIN_DECLS

/* Larger files are foreign or corrupt: ignored and rewritten. */
#define IG_RATE_FILE_MAX_SIZE (1024 * 1024)

typedef struct _IgRateFile IgRateFile;

/* Creates @path's directory (0700) and the file (0600) as needed, opens it
 * and takes an exclusive lock, waiting at most about 1 s. A G_IO_ERROR
 * naming @path on failure. */
IgRateFile *ig_rate_file_open (const char *path, GError **error);
/* Brings @book up to date with the file. @cache holds the file's bytes as
 * of this book's last read or write ("" at first): an unchanged file is not
 * parsed again, one that only grew (appends by others) has only its new
 * lines parsed, anything else is parsed whole into a cleared @book.
 * A corrupt, foreign, binary or oversized file sets @warning (may be NULL;
 * G_IO_ERROR_INVALID_DATA naming the file); then, and for an empty file,
 * @book and @cache are emptied and FALSE returned: rewrite the file. */
gboolean ig_rate_file_read (IgRateFile *file, IgRateBook *book, GString *cache,
    gint64 now_us, GError **warning);
/* Replaces the file's contents with @book (pwrite + ftruncate under the
 * lock); @cache becomes the new contents ("" on failure). */
gboolean ig_rate_file_write (IgRateFile *file, const IgRateBook *book,
    GString *cache, GError **error);
/* Appends one stamp line after @cache's end (the file as last read);
 * cheaper than a rewrite when nothing else changed. */
gboolean ig_rate_file_append (IgRateFile *file, IgRateClass cls,
    const char *key, gint64 t_us, GString *cache, GError **error);
/* Unlocks and closes. */
void ig_rate_file_close (IgRateFile *file);

G_END_DECLS
