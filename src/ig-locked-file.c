/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-locked-file.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

struct _IgLockedFile
{
  int fd;
  char *path;
};

static gboolean
set_errno_error (GError **error, int err, const char *what, const char *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (err),
      "Cannot %s '%s': %s", what, path, g_strerror (err));
  return FALSE;
}

/* flock() without blocking forever on a stuck holder. */
static gboolean
lock_with_timeout (int fd)
{
  gint64 deadline = g_get_monotonic_time () + IG_LOCKED_FILE_WAIT_US;
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

static int
open_regular (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  struct stat st;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0) {
    set_errno_error (error, errno, "create the directory of", path);
    return -1;
  }
  fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0600);
  if (fd < 0) {
    set_errno_error (error, errno, "open", path);
    return -1;
  }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode)) {
    close (fd);
    set_errno_error (error, EINVAL, "use (not a regular file)", path);
    return -1;
  }
  return fd;
}

IgLockedFile *
ig_locked_file_open (const char *path, GError **error)
{
  IgLockedFile *file;
  int fd = open_regular (path, error);
  int err;

  if (fd < 0)
    return NULL;
  if (!lock_with_timeout (fd)) {
    err = errno;
    close (fd);
    set_errno_error (error, err, "lock", path);
    return NULL;
  }
  file = g_new0 (IgLockedFile, 1);
  file->fd = fd;
  file->path = g_strdup (path);
  return file;
}

GBytes *
ig_locked_file_read (IgLockedFile *file, gsize max_size, GError **error)
{
  struct stat st;
  gsize size, got = 0;
  char *data;

  if (fstat (file->fd, &st) != 0)
    return set_errno_error (error, errno, "read", file->path), NULL;
  if ((guint64) st.st_size > max_size) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
        "'%s' is larger than %" G_GSIZE_FORMAT " bytes", file->path, max_size);
    return NULL;
  }
  size = (gsize) st.st_size;
  data = g_malloc (size + 1);
  while (got < size) {
    ssize_t n = pread (file->fd, data + got, size - got, (off_t) got);

    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break; /* shrank meanwhile (not under our lock): keep what was read */
    got += n;
  }
  return g_bytes_new_take (data, got);
}

gboolean
ig_locked_file_replace (IgLockedFile *file, const char *data, gsize len,
    GError **error)
{
  gsize done = 0;

  while (done < len) {
    ssize_t n = pwrite (file->fd, data + done, len - done, (off_t) done);

    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return set_errno_error (error, n < 0 ? errno : EIO, "write", file->path);
    done += n;
  }
  if (ftruncate (file->fd, (off_t) len) != 0)
    return set_errno_error (error, errno, "truncate", file->path);
  return TRUE;
}

int
ig_locked_file_get_fd (IgLockedFile *file)
{
  return file->fd;
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
  flock (file->fd, LOCK_UN);
  close (file->fd);
  g_free (file->path);
  g_free (file);
}
