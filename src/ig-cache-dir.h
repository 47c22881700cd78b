/* gst-instagram: the directory of the files every process of the user
 * shares (the rate-limit state and the resolver cache), as this process
 * sees it.
 *
 * It is used only when it is a real directory (never a symbolic link: it
 * is opened with O_NOFOLLOW and every file in it relative to that
 * descriptor) owned by this user and writable by nobody else; it is
 * created 0700 when missing. The first failure that is not a lock held
 * too long (a directory that cannot be created or written, a full disk, a
 * file that is a symbolic link or not a regular file) is told once per
 * process as a warning naming the path and the reason; from then on the
 * process keeps its shared state in memory only and never touches the
 * directory again.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _IgCacheDir IgCacheDir;

/* The process-wide handle of directory @path; one per path, created on
 * first use, never freed, thread-safe. No I/O. */
IgCacheDir *ig_cache_dir_get (const char *path);
const char *ig_cache_dir_get_path (IgCacheDir *dir);

/* FALSE once the directory failed (see above): use memory only. Sets
 * @warning (may be NULL) when the failure was not told yet. */
gboolean ig_cache_dir_usable (IgCacheDir *dir, GError **warning);

/* A new descriptor of the directory (O_DIRECTORY | O_NOFOLLOW, created
 * 0700 when missing, checked), or -1 with a G_IO_ERROR naming @path and
 * why. Opened anew each time, so that a directory removed meanwhile is
 * made again. */
int ig_cache_dir_open (IgCacheDir *dir, GError **error);

/* Tells the directory that using it failed with @error (taken; it names
 * the file and why). A lock held too long (G_IO_ERROR_TIMED_OUT) is
 * passing: it becomes @warning unless the previous use failed the same
 * way. Anything else makes the directory unusable for this process and
 * becomes a warning once: @warning, or when that is NULL or already set,
 * the next call's. */
void ig_cache_dir_failed (IgCacheDir *dir, GError *error, GError **warning);

/* Using it worked: the next passing failure is told again. */
void ig_cache_dir_worked (IgCacheDir *dir);

G_END_DECLS
