/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-ratelimit-file.h"
#include "ig-locked-file.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

struct _IgRateFile
{
  IgLockedFile *locked; /* the open, locked file */
  int fd;
  const char *path;
};

static void
set_errno_error (GError **error, int err, const char *what, const char *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (err),
      "Cannot %s rate-limit state file '%s': %s", what, path, g_strerror (err));
}

IgRateFile *
ig_rate_file_open (const char *path, GError **error)
{
  IgLockedFile *locked = ig_locked_file_open (path, error);
  IgRateFile *file;

  if (locked == NULL)
    return NULL;
  file = g_new0 (IgRateFile, 1);
  file->locked = locked;
  file->fd = ig_locked_file_get_fd (locked);
  file->path = ig_locked_file_get_path (locked);
  return file;
}

/* The whole file into @out; FALSE when it is unreadable or larger than
 * IG_RATE_FILE_MAX_SIZE (*size tells). */
static gboolean
read_all (int fd, GString *out, gsize *size)
{
  struct stat st;
  gsize got = 0;

  g_string_truncate (out, 0);
  *size = 0;
  if (fstat (fd, &st) != 0)
    return FALSE;
  *size = (gsize) st.st_size;
  if (*size > IG_RATE_FILE_MAX_SIZE)
    return FALSE;
  g_string_set_size (out, *size);
  while (got < *size) {
    ssize_t n = pread (fd, out->str + got, *size - got, (off_t) got);

    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    got += (gsize) n;
  }
  g_string_truncate (out, got);
  return TRUE;
}

/* Parses @fresh into @book, only its new lines when it extends @cache. */
static gboolean
load (IgRateBook *book, const GString *fresh, const GString *cache,
    gint64 now_us, GError **error)
{
  if (cache->len > 0 && fresh->len > cache->len
      && memcmp (fresh->str, cache->str, cache->len) == 0)
    return ig_rate_book_parse_more (book, fresh->str + cache->len,
        fresh->len - cache->len, 1, now_us, error);
  return ig_rate_book_parse (book, fresh->str, fresh->len, now_us, error);
}

gboolean
ig_rate_file_read (IgRateFile *file, IgRateBook *book, GString *cache,
    gint64 now_us, GError **warning)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) fresh = g_string_sized_new (cache->len + 64);
  gsize size;
  gboolean ok;

  if (!read_all (file->fd, fresh, &size)) {
    if (size > IG_RATE_FILE_MAX_SIZE)
      g_set_error (warning, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
          "Rate-limit state file '%s' is larger than %u bytes; "
          "ignoring and rewriting it",
          file->path, (guint) IG_RATE_FILE_MAX_SIZE);
    ok = FALSE;
  } else if (fresh->len == cache->len
      && memcmp (fresh->str, cache->str, cache->len) == 0 && cache->len > 0) {
    return TRUE; /* nobody wrote since we did */
  } else if (fresh->len == 0) {
    ok = FALSE; /* new: needs a header */
  } else if (!(ok = load (book, fresh, cache, now_us, &error))) {
    g_set_error (warning, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
        "Rate-limit state file '%s' is corrupt or foreign (%s); "
        "ignoring and rewriting it",
        file->path, error->message);
  }
  if (!ok) {
    ig_rate_book_clear (book);
    g_string_truncate (cache, 0);
    return FALSE;
  }
  g_string_truncate (cache, 0);
  g_string_append_len (cache, fresh->str, (gssize) fresh->len);
  return TRUE;
}

static gboolean
write_at (IgRateFile *file, const char *data, gsize len, gsize offset,
    GError **error)
{
  gsize done = 0;

  while (done < len) {
    ssize_t n =
        pwrite (file->fd, data + done, len - done, (off_t) (offset + done));

    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      set_errno_error (error, n < 0 ? errno : EIO, "write", file->path);
      return FALSE;
    }
    done += (gsize) n;
  }
  return TRUE;
}

gboolean
ig_rate_file_write (IgRateFile *file, const IgRateBook *book, GString *cache,
    GError **error)
{
  g_autoptr (GString) text = ig_rate_book_serialize (book);

  g_string_truncate (cache, 0);
  if (!write_at (file, text->str, text->len, 0, error))
    return FALSE;
  if (ftruncate (file->fd, (off_t) text->len) != 0) {
    set_errno_error (error, errno, "truncate", file->path);
    return FALSE;
  }
  g_string_append_len (cache, text->str, (gssize) text->len);
  return TRUE;
}

gboolean
ig_rate_file_append (IgRateFile *file, IgRateClass cls, const char *key,
    gint64 t_us, GString *cache, GError **error)
{
  gsize offset = cache->len;

  ig_rate_book_append_stamp (cache, cls, key, t_us);
  if (!write_at (file, cache->str + offset, cache->len - offset, offset,
          error)) {
    g_string_truncate (cache, 0);
    return FALSE;
  }
  return TRUE;
}

void
ig_rate_file_close (IgRateFile *file)
{
  if (file == NULL)
    return;
  ig_locked_file_close (file->locked); /* releases the lock */
  g_free (file);
}
