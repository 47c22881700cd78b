/* gst-instagram: a small file shared by every process of the user, read
 * and replaced whole under an exclusive lock (the rate-limit state, the
 * resolver cache).
 *
 * NAME lives in an IgCacheDir with two companions: NAME.lock, which is
 * what is locked (flock), so that every process locks the same file while
 * NAME itself is replaced, and NAME.tmp, the next contents while they are
 * written. A replace writes NAME.tmp (0600), fsyncs it, renames it over
 * NAME and fsyncs the directory, all under the lock: a process killed at
 * any instant (or a power cut once the replace returned) leaves NAME with
 * either the old or the new contents, never a mix, and a left-over
 * NAME.tmp is removed by the next replace. Every file is opened relative
 * to the directory's descriptor with O_NOFOLLOW: a symbolic link planted
 * in the directory is refused, never followed.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ig-cache-dir.h"

G_BEGIN_DECLS

/* How long opening waits for other holders of the lock. A holder keeps it
 * for a read and two fsyncs: about a millisecond, but a busy disk can make
 * an fsync take hundreds, and several processes may be in line. */
#define IG_LOCKED_FILE_WAIT_US (5 * G_USEC_PER_SEC)

typedef struct _IgLockedFile IgLockedFile;

/* Opens @dir (ig_cache_dir_open ()), takes the lock of its file @name,
 * waiting at most IG_LOCKED_FILE_WAIT_US (then G_IO_ERROR_TIMED_OUT), and
 * reads the file. A G_IO_ERROR naming the path and why on failure, also
 * when the file is a symbolic link (G_IO_ERROR_TOO_MANY_LINKS) or not a
 * regular file (G_IO_ERROR_NOT_REGULAR_FILE, G_IO_ERROR_IS_DIRECTORY). */
IgLockedFile *ig_locked_file_open (IgCacheDir *dir, const char *name,
    gsize max_size, GError **error);

/* The file as it was when opened ("" when there was none yet); NULL when
 * it was larger than the open's @max_size. */
GBytes *ig_locked_file_get_contents (IgLockedFile *file);

/* Replaces the contents, atomically and durably (see above). On failure
 * the file keeps its previous contents. */
gboolean ig_locked_file_replace (IgLockedFile *file, const char *data,
    gsize len, GError **error);

/* The file's path, for messages. */
const char *ig_locked_file_get_path (IgLockedFile *file);

/* Unlocks and closes. */
void ig_locked_file_close (IgLockedFile *file);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IgLockedFile, ig_locked_file_close)

G_END_DECLS
