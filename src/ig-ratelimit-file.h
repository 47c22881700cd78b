/* gst-instagram: the rate limiter's shared state file.
 *
 * The file, `$XDG_CACHE_HOME/gst-instagram/rate-limit` by default, holds a
 * stamp book's text form (ig-ratelimit-book.h). Every user locks it
 * (ig-locked-file.h), reads it whole and, before unlocking, replaces it
 * with the book that has its new stamp: atomically and durably, so that a
 * process killed at any instant leaves the file with every stamp granted
 * before. A corrupt or foreign file (not one of ours) is ignored, said
 * once, and rewritten.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ig-cache-dir.h"
#include "ig-ratelimit-book.h"

G_BEGIN_DECLS

/* Larger files are foreign or corrupt: ignored and rewritten. */
#define IG_RATE_FILE_MAX_SIZE (1024 * 1024)

typedef struct _IgRateFile IgRateFile;

/* Takes the lock of @dir's file @name (waiting at most
 * IG_LOCKED_FILE_WAIT_US) and
 * reads it. A G_IO_ERROR naming the path on failure: the directory or the
 * lock cannot be used, or the file is a symbolic link or not a regular
 * file. */
IgRateFile *ig_rate_file_open (IgCacheDir *dir, const char *name,
    GError **error);
/* Brings @book up to date with the file. @cache holds the file's bytes as
 * of this book's last read or write ("" at first): an unchanged file is not
 * parsed again, one that only grew has only its new lines parsed, anything
 * else is parsed whole into a cleared @book.
 * A corrupt, foreign, binary or oversized file sets @warning (may be NULL;
 * G_IO_ERROR_INVALID_DATA naming the file); then, and for an empty or
 * missing file, @book and @cache are emptied and FALSE returned: rewrite
 * the file. */
gboolean ig_rate_file_read (IgRateFile *file, IgRateBook *book, GString *cache,
    gint64 now_us, GError **warning);
/* Replaces the file's contents with @book (ig_locked_file_replace ());
 * @cache becomes the new contents ("" on failure). */
gboolean ig_rate_file_write (IgRateFile *file, const IgRateBook *book,
    GString *cache, GError **error);
/* Unlocks and closes. */
void ig_rate_file_close (IgRateFile *file);

G_END_DECLS
