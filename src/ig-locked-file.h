/* gst-instagram: a small file shared by every process of the user, read
 * and replaced whole under an exclusive flock() (the resolver cache).
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How long opening waits for another holder of the lock. */
#define IG_LOCKED_FILE_WAIT_US (1000 * 1000)

typedef struct _IgLockedFile IgLockedFile;

/* Creates @path's directory (0700) and the file (0600) as needed, opens it
 * and takes an exclusive lock, waiting at most IG_LOCKED_FILE_WAIT_US. A
 * G_IO_ERROR naming @path (a directory, no permission, a lock held too
 * long) on failure. */
IgLockedFile *ig_locked_file_open (const char *path, GError **error);

/* The whole file; G_IO_ERROR_INVALID_DATA when it is larger than
 * @max_size. */
GBytes *ig_locked_file_read (IgLockedFile *file, gsize max_size,
    GError **error);

/* Replaces the contents (pwrite + ftruncate under the lock, so readers
 * never see a half-written file). */
gboolean ig_locked_file_replace (IgLockedFile *file, const char *data,
    gsize len, GError **error);

/* The descriptor and path, for callers that write in place (appends). */
int ig_locked_file_get_fd (IgLockedFile *file);
const char *ig_locked_file_get_path (IgLockedFile *file);

/* Unlocks and closes. */
void ig_locked_file_close (IgLockedFile *file);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IgLockedFile, ig_locked_file_close)

G_END_DECLS
