/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-locked-file.h"
#include "ig-test-hook.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h> /* renameat */
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

struct _IgLockedFile
{
  int dir_fd;
  int lock_fd; /* NAME.lock, locked */
  char *name; /* NAME, in dir_fd */
  char *path; /* for messages */
  GBytes *contents; /* as read at open; NULL: too large */
};

static gboolean
set_errno_error (GError **error, int err, const char *what, const char *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (err),
      "Cannot %s '%s': %s", what, path,
      err == ELOOP ? "it is a symbolic link, which is not followed"
                   : g_strerror (err));
  return FALSE;
}

static gboolean
set_type_error (GError **error, const struct stat *st, const char *path)
{
  g_set_error (error, G_IO_ERROR,
      S_ISDIR (st->st_mode) ? G_IO_ERROR_IS_DIRECTORY
                            : G_IO_ERROR_NOT_REGULAR_FILE,
      "Cannot use '%s': it is %s", path,
      S_ISDIR (st->st_mode) ? "a directory" : "not a regular file");
  return FALSE;
}

/* flock() without blocking forever on a stuck holder. */
static gboolean
lock_with_timeout (int fd)
{
  gint64 deadline =
      g_get_monotonic_time () + IG_TEST_LOCK_WAIT_US (IG_LOCKED_FILE_WAIT_US);
  gulong pause_us = 20;

  while (flock (fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR)
      return FALSE;
    if (g_get_monotonic_time () > deadline) {
      errno = ETIMEDOUT;
      return FALSE;
    }
    g_usleep (pause_us);
    pause_us = MIN (pause_us * 2, 2000);
  }
  return TRUE;
}

/* FALSE, or TRUE with errno set when a test asks the step at @point to
 * fail (ig-test-hook.h; never outside test programs). */
static gboolean
hook_fails (const char *point)
{
  int err = IG_TEST_HOOK (point);

  if (err != 0)
    errno = err;
  return err != 0;
}

/* NAME.lock, created 0600 when missing, locked. O_NONBLOCK: a FIFO planted
 * there must not hang the open. */
static int
open_locked (int dir_fd, const char *name, const char *path, GError **error)
{
  g_autofree char *lock_name = g_strconcat (name, ".lock", NULL);
  g_autofree char *lock_path = g_strconcat (path, ".lock", NULL);
  struct stat st;
  int fd;

  fd = openat (dir_fd, lock_name,
      O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
  if (fd < 0 || fstat (fd, &st) != 0)
    goto failed;
  if (!S_ISREG (st.st_mode))
    goto not_regular;
  if (!lock_with_timeout (fd) || hook_fails ("locked"))
    goto failed;
  return fd;

  /* ERRORS */
failed:
  if (errno == ETIMEDOUT)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
        "Cannot lock '%s': other processes held it for more than %.1f s",
        lock_path, IG_TEST_LOCK_WAIT_US (IG_LOCKED_FILE_WAIT_US) / 1e6);
  else
    set_errno_error (error, errno, fd < 0 ? "create" : "lock", lock_path);
  goto out;
not_regular:
  set_type_error (error, &st, lock_path);
out:
  if (fd >= 0)
    close (fd);
  return -1;
}

static GBytes *
read_all (int fd, gsize size, const char *path, GError **error)
{
  char *data = g_malloc (size + 1);
  gsize got = 0;

  while (got < size) {
    ssize_t n = pread (fd, data + got, size - got, (off_t) got);

    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      g_free (data);
      set_errno_error (error, errno, "read", path);
      return NULL;
    }
    if (n == 0)
      break; /* shrank: written in place by someone else; keep what was read */
    got += (gsize) n;
  }
  return g_bytes_new_take (data, got);
}

/* The file's contents; NULL with @error set when it cannot be read, with
 * G_IO_ERROR_INVALID_DATA when it is larger than @max_size. */
static GBytes *
read_file (IgLockedFile *file, gsize max_size, GError **error)
{
  int fd = openat (file->dir_fd, file->name,
      O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  GBytes *bytes = NULL;
  struct stat st;

  if (fd < 0 && errno == ENOENT)
    return g_bytes_new (NULL, 0); /* not written yet */
  if (fd < 0 || fstat (fd, &st) != 0)
    set_errno_error (error, errno, "read", file->path);
  else if (!S_ISREG (st.st_mode))
    set_type_error (error, &st, file->path);
  else if ((guint64) st.st_size > max_size)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
        "'%s' is larger than %" G_GSIZE_FORMAT " bytes", file->path, max_size);
  else
    bytes = read_all (fd, (gsize) st.st_size, file->path, error);
  if (fd >= 0)
    close (fd);
  return bytes;
}

IgLockedFile *
ig_locked_file_open (IgCacheDir *dir, const char *name, gsize max_size,
    GError **error)
{
  IgLockedFile *file = g_new0 (IgLockedFile, 1);
  GError *read_error = NULL;

  file->name = g_strdup (name);
  file->path = g_build_filename (ig_cache_dir_get_path (dir), name, NULL);
  file->lock_fd = -1;
  if ((file->dir_fd = ig_cache_dir_open (dir, error)) < 0
      || (file->lock_fd = open_locked (file->dir_fd, name, file->path, error))
          < 0)
    goto failed;
  file->contents = read_file (file, max_size, &read_error);
  if (file->contents == NULL
      && !g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA)) {
    g_propagate_error (error, read_error);
    goto failed;
  }
  g_clear_error (&read_error); /* too large: the caller says what it means */
  return file;

failed:
  ig_locked_file_close (file);
  return NULL;
}

GBytes *
ig_locked_file_get_contents (IgLockedFile *file)
{
  return file->contents;
}

static gboolean
write_all (int fd, const char *data, gsize len)
{
  while (len > 0) {
    ssize_t n = write (fd, data, len);

    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      errno = n < 0 ? errno : EIO;
      return FALSE;
    }
    data += n;
    len -= (gsize) n;
  }
  return TRUE;
}

/* @data into the new file @fd, on the disk when it returns TRUE; else
 * errno says why. In two halves, so that a test can stop in between. */
static gboolean
write_synced (int fd, const char *data, gsize len)
{
  gsize half = len / 2;

  return !hook_fails ("temp-open") && write_all (fd, data, half)
      && !hook_fails ("temp-half") && write_all (fd, data + half, len - half)
      && !hook_fails ("temp-written") && fdatasync (fd) == 0
      && !hook_fails ("temp-synced");
}

/* NAME.tmp, new (a left-over one is removed), 0600. */
static int
create_temp (IgLockedFile *file, const char *tmp_name)
{
  if (unlinkat (file->dir_fd, tmp_name, 0) != 0 && errno != ENOENT)
    return -1;
  return openat (file->dir_fd, tmp_name,
      O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
}

gboolean
ig_locked_file_replace (IgLockedFile *file, const char *data, gsize len,
    GError **error)
{
  g_autofree char *tmp_name = g_strconcat (file->name, ".tmp", NULL);
  g_autofree char *tmp_path = g_strconcat (file->path, ".tmp", NULL);
  int fd = create_temp (file, tmp_name), err;

  if (fd < 0)
    return set_errno_error (error, errno, "create", tmp_path);
  if (!write_synced (fd, data, len)) {
    err = errno;
    close (fd);
    goto write_failed;
  }
  if (close (fd) != 0) {
    err = errno;
    goto write_failed;
  }
  if (renameat (file->dir_fd, tmp_name, file->dir_fd, file->name) != 0
      || hook_fails ("renamed"))
    goto rename_failed;
  /* the rename itself on the disk; EINVAL: a file system without it */
  if ((fsync (file->dir_fd) != 0 && errno != EINVAL)
      || hook_fails ("dir-synced"))
    return set_errno_error (error, errno, "sync the directory of", file->path);
  return TRUE;

  /* ERRORS */
write_failed:
  unlinkat (file->dir_fd, tmp_name, 0);
  return set_errno_error (error, err, "write", tmp_path);
rename_failed:
  err = errno;
  unlinkat (file->dir_fd, tmp_name, 0);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (err),
      "Cannot rename '%s' over '%s': %s", tmp_path, file->path,
      g_strerror (err));
  return FALSE;
}

const char *
ig_locked_file_get_path (IgLockedFile *file)
{
  return file->path;
}

void
ig_locked_file_close (IgLockedFile *file)
{
  if (file == NULL)
    return;
  if (file->lock_fd >= 0) {
    flock (file->lock_fd, LOCK_UN);
    close (file->lock_fd);
  }
  if (file->dir_fd >= 0)
    close (file->dir_fd);
  g_clear_pointer (&file->contents, g_bytes_unref);
  g_free (file->name);
  g_free (file->path);
  g_free (file);
}
