/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-ratelimit-state.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define DAY_US (G_GINT64_CONSTANT (24) * 3600 * G_USEC_PER_SEC)
#define LOCK_WAIT_US (1000 * 1000)
#define MAX_LINE 160

struct _IgRateStateFile
{
  int fd;
  char *path;
};

static GArray *
stamp_array_new (void)
{
  return g_array_sized_new (FALSE, FALSE, sizeof (gint64), 16);
}

IgRateBook *
ig_rate_book_new (void)
{
  IgRateBook *book = g_new0 (IgRateBook, 1);

  book->queries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      (GDestroyNotify) g_array_unref);
  for (guint c = 0; c < IG_RATE_N_CLASSES; c++)
    book->stamps[c] = stamp_array_new ();
  return book;
}

void
ig_rate_book_free (IgRateBook *book)
{
  if (book == NULL)
    return;
  g_hash_table_unref (book->queries);
  for (guint c = 0; c < IG_RATE_N_CLASSES; c++)
    g_array_unref (book->stamps[c]);
  g_free (book);
}

void
ig_rate_book_clear (IgRateBook *book)
{
  g_hash_table_remove_all (book->queries);
  for (guint c = 0; c < IG_RATE_N_CLASSES; c++) {
    g_array_set_size (book->stamps[c], 0);
    book->penalty[c] = 0;
  }
}

/* Stamps arrive almost always in order: search from the end. */
static void
insert_sorted (GArray *stamps, gint64 t_us)
{
  guint i = stamps->len;

  while (i > 0 && g_array_index (stamps, gint64, i - 1) > t_us)
    i--;
  g_array_insert_val (stamps, i, t_us);
}

void
ig_rate_book_add (IgRateBook *book, IgRateClass cls, const char *key,
    gint64 t_us)
{
  if (cls == IG_RATE_CLASS_GRAPHQL) {
    GArray *stamps = g_hash_table_lookup (book->queries, key);

    if (stamps == NULL) {
      stamps = stamp_array_new ();
      g_hash_table_insert (book->queries, g_strdup (key), stamps);
    }
    insert_sorted (stamps, t_us);
  }
  insert_sorted (book->stamps[cls], t_us);
}

GArray *
ig_rate_book_lookup (IgRateBook *book, IgRateClass cls, const char *key)
{
  if (cls == IG_RATE_CLASS_GRAPHQL)
    return g_hash_table_lookup (book->queries, key);
  return book->stamps[cls];
}

static gboolean
drop_before (GArray *stamps, gint64 before_us)
{
  guint n = 0;

  while (n < stamps->len && g_array_index (stamps, gint64, n) <= before_us)
    n++;
  if (n > 0)
    g_array_remove_range (stamps, 0, n);
  return n > 0;
}

gboolean
ig_rate_book_prune (IgRateBook *book, gint64 before_us)
{
  gboolean dropped = FALSE;
  GHashTableIter iter;
  gpointer value;

  for (guint c = 0; c < IG_RATE_N_CLASSES; c++) {
    dropped |= drop_before (book->stamps[c], before_us);
    if (book->penalty[c] != 0 && book->penalty[c] <= before_us) {
      book->penalty[c] = 0;
      dropped = TRUE;
    }
  }
  g_hash_table_iter_init (&iter, book->queries);
  while (g_hash_table_iter_next (&iter, NULL, &value)) {
    drop_before (value, before_us);
    if (((GArray *) value)->len == 0)
      g_hash_table_iter_remove (&iter);
  }
  return dropped;
}

const char *
ig_rate_key_sanitize (const char *key)
{
  gsize n = 0;

  if (key == NULL || *key == '\0')
    return "-";
  for (const char *p = key; *p != '\0'; p++, n++) {
    if (n >= IG_RATE_MAX_KEY_LEN
        || !(g_ascii_isalnum (*p) || strchr ("_.:-", *p) != NULL))
      return "-";
  }
  return key;
}

static IgRateClass
class_from_string (const char *name)
{
  for (guint c = 0; c < IG_RATE_N_CLASSES; c++) {
    if (strcmp (name, ig_rate_class_to_string (c)) == 0)
      return c;
  }
  return IG_RATE_N_CLASSES;
}

/* A decimal number without sign; g_ascii_* parsers are slower. */
static gboolean
parse_us (const char *s, gint64 *value)
{
  guint64 v = 0;

  if (*s == '\0' || strlen (s) > 18)
    return FALSE;
  for (; *s != '\0'; s++) {
    if (!g_ascii_isdigit (*s))
      return FALSE;
    v = v * 10 + (guint64) (*s - '0');
  }
  *value = (gint64) v;
  return v > 0;
}

static void
append_us (GString *out, gint64 v)
{
  char buf[24];
  int i = sizeof buf;

  do {
    buf[--i] = (char) ('0' + v % 10);
    v /= 10;
  } while (v > 0 && i > 0);
  g_string_append_len (out, buf + i, (gssize) sizeof buf - i);
}

static void
append_line (GString *out, char kind, IgRateClass cls, const char *key,
    gint64 t_us)
{
  g_string_append_c (out, kind);
  g_string_append_c (out, ' ');
  g_string_append (out, ig_rate_class_to_string (cls));
  g_string_append_c (out, ' ');
  g_string_append (out, key);
  g_string_append_c (out, ' ');
  append_us (out, t_us);
  g_string_append_c (out, '\n');
}

static void
append_stamps (GString *out, IgRateClass cls, const char *key,
    const GArray *stamps)
{
  for (guint i = 0; i < stamps->len; i++)
    append_line (out, 'S', cls, key, g_array_index (stamps, gint64, i));
}

GString *
ig_rate_book_serialize (const IgRateBook *book)
{
  GString *out = g_string_sized_new (256);
  GHashTableIter iter;
  gpointer key, value;

  g_string_append (out, IG_RATE_STATE_HEADER "\n");
  g_hash_table_iter_init (&iter, book->queries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    append_stamps (out, IG_RATE_CLASS_GRAPHQL, key, value);
  for (guint c = 0; c < IG_RATE_N_CLASSES; c++) {
    if (c != IG_RATE_CLASS_GRAPHQL)
      append_stamps (out, c, "-", book->stamps[c]);
    if (book->penalty[c] != 0)
      append_line (out, 'P', c, "-", book->penalty[c]);
  }
  return out;
}

/* "S|P <class> <key> <us>" into @book; @line is NUL-terminated, writable. */
static gboolean
parse_line (IgRateBook *book, char *line, gint64 now_us)
{
  char *fields[5] = { NULL };
  guint n = 0;
  IgRateClass cls;
  gint64 t_us;

  for (char *tok = line; tok != NULL && n < 5; n++) {
    fields[n] = tok;
    tok = strchr (tok, ' ');
    if (tok != NULL)
      *tok++ = '\0';
  }
  if (n != 4 || fields[0][1] != '\0')
    return FALSE;
  cls = class_from_string (fields[1]);
  if (cls == IG_RATE_N_CLASSES || !parse_us (fields[3], &t_us)
      || ig_rate_key_sanitize (fields[2]) != fields[2])
    return FALSE;
  if (fields[0][0] == 'S')
    ig_rate_book_add (book, cls, fields[2], MIN (t_us, now_us));
  else if (fields[0][0] == 'P')
    book->penalty[cls] = MAX (book->penalty[cls], MIN (t_us, now_us + DAY_US));
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_fail (IgRateBook *book, guint line_no, const char *why, GError **error)
{
  ig_rate_book_clear (book);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "line %u: %s",
      line_no, why);
  return FALSE;
}

/* Lines of @data into @book (not cleared); the first line is the header
 * when @line_no is 0. */
static gboolean
parse_lines (IgRateBook *book, const char *data, gsize len, guint line_no,
    gint64 now_us, GError **error)
{
  const char *end = data + len;

  while (data < end) {
    const char *nl = memchr (data, '\n', (gsize) (end - data));
    gsize n = nl != NULL ? (gsize) (nl - data) : 0;
    char line[MAX_LINE];

    line_no++;
    if (nl == NULL)
      return parse_fail (book, line_no, "truncated line", error);
    if (n >= sizeof line || memchr (data, '\0', n) != NULL)
      return parse_fail (book, line_no, "not a state line", error);
    memcpy (line, data, n);
    line[n] = '\0';
    data = nl + 1;
    if (line_no == 1 && strcmp (line, IG_RATE_STATE_HEADER) != 0)
      return parse_fail (book, line_no, "not a gst-instagram rate-limit file",
          error);
    if (line_no > 1 && !parse_line (book, line, now_us))
      return parse_fail (book, line_no, "malformed entry", error);
  }
  if (line_no == 0)
    return parse_fail (book, 1, "empty", error);
  return TRUE;
}

gboolean
ig_rate_book_parse (IgRateBook *book, const char *data, gsize len,
    gint64 now_us, GError **error)
{
  ig_rate_book_clear (book);
  return parse_lines (book, data, len, 0, now_us, error);
}

char *
ig_rate_state_default_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "gst-instagram",
      "rate-limit", NULL);
}

static void
set_errno_error (GError **error, int err, const char *what, const char *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (err),
      "Cannot %s rate-limit state file '%s': %s", what, path, g_strerror (err));
}

/* flock() without blocking forever on a stuck holder. */
static gboolean
lock_with_timeout (int fd)
{
  gint64 deadline = g_get_monotonic_time () + LOCK_WAIT_US;
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
open_locked (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  struct stat st;
  int fd, err;

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
  if (!lock_with_timeout (fd)) {
    err = errno;
    close (fd);
    set_errno_error (error, err, "lock", path);
    return -1;
  }
  return fd;
}

IgRateStateFile *
ig_rate_state_open (const char *path, GError **error)
{
  IgRateStateFile *file;
  int fd = open_locked (path, error);

  if (fd < 0)
    return NULL;
  file = g_new0 (IgRateStateFile, 1);
  file->fd = fd;
  file->path = g_strdup (path);
  return file;
}

/* The whole file into @out; FALSE when it is unreadable or larger than
 * IG_RATE_STATE_MAX_SIZE (*size tells). */
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
  if (*size > IG_RATE_STATE_MAX_SIZE)
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
    return parse_lines (book, fresh->str + cache->len, fresh->len - cache->len,
        1, now_us, error);
  return ig_rate_book_parse (book, fresh->str, fresh->len, now_us, error);
}

gboolean
ig_rate_state_read (IgRateStateFile *file, IgRateBook *book, GString *cache,
    gint64 now_us)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) fresh = g_string_sized_new (cache->len + 64);
  gsize size;
  gboolean ok;

  if (!read_all (file->fd, fresh, &size)) {
    if (size > IG_RATE_STATE_MAX_SIZE)
      g_warning ("Rate-limit state file '%s' is larger than %u bytes; "
                 "ignoring and rewriting it",
          file->path, (guint) IG_RATE_STATE_MAX_SIZE);
    ok = FALSE;
  } else if (fresh->len == cache->len
      && memcmp (fresh->str, cache->str, cache->len) == 0 && cache->len > 0) {
    return TRUE; /* nobody wrote since we did */
  } else if (fresh->len == 0) {
    ok = FALSE; /* new: needs a header */
  } else if (!(ok = load (book, fresh, cache, now_us, &error))) {
    g_warning ("Rate-limit state file '%s' is corrupt or foreign (%s); "
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
write_at (IgRateStateFile *file, const char *data, gsize len, gsize offset,
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
ig_rate_state_write (IgRateStateFile *file, const IgRateBook *book,
    GString *cache, GError **error)
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
ig_rate_state_append (IgRateStateFile *file, IgRateClass cls, const char *key,
    gint64 t_us, GString *cache, GError **error)
{
  gsize offset = cache->len;

  append_line (cache, 'S', cls, cls == IG_RATE_CLASS_GRAPHQL ? key : "-", t_us);
  if (!write_at (file, cache->str + offset, cache->len - offset, offset,
          error)) {
    g_string_truncate (cache, 0);
    return FALSE;
  }
  return TRUE;
}

void
ig_rate_state_close (IgRateStateFile *file)
{
  if (file == NULL)
    return;
  close (file->fd); /* releases the lock */
  g_free (file->path);
  g_free (file);
}
