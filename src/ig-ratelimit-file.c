/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-ratelimit-file.h"
#include "ig-locked-file.h"

#include <string.h>

struct _IgRateFile
{
  IgLockedFile *locked; /* the open, locked file */
};

IgRateFile *
ig_rate_file_open (IgCacheDir *dir, const char *name, GError **error)
{
  IgLockedFile *locked =
      ig_locked_file_open (dir, name, IG_RATE_FILE_MAX_SIZE, error);
  IgRateFile *file;

  if (locked == NULL)
    return NULL;
  file = g_new0 (IgRateFile, 1);
  file->locked = locked;
  return file;
}

/* Parses @fresh into @book, only its new lines when it extends @cache. */
static gboolean
load (IgRateBook *book, const char *fresh, gsize len, const GString *cache,
    gint64 now_us, GError **error)
{
  if (cache->len > 0 && len > cache->len
      && memcmp (fresh, cache->str, cache->len) == 0)
    return ig_rate_book_parse_more (book, fresh + cache->len, len - cache->len,
        1, now_us, error);
  return ig_rate_book_parse (book, fresh, len, now_us, error);
}

gboolean
ig_rate_file_read (IgRateFile *file, IgRateBook *book, GString *cache,
    gint64 now_us, GError **warning)
{
  g_autoptr (GError) error = NULL;
  const char *path = ig_locked_file_get_path (file->locked);
  GBytes *contents = ig_locked_file_get_contents (file->locked);
  gsize len = 0;
  const char *fresh =
      contents != NULL ? g_bytes_get_data (contents, &len) : NULL;
  gboolean ok;

  if (contents == NULL) {
    g_set_error (warning, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
        "Rate-limit state file '%s' is larger than %u bytes; "
        "ignoring and rewriting it",
        path, (guint) IG_RATE_FILE_MAX_SIZE);
    ok = FALSE;
  } else if (len == cache->len && len > 0
      && memcmp (fresh, cache->str, len) == 0) {
    return TRUE; /* nobody wrote since we did */
  } else if (len == 0) {
    ok = FALSE; /* new: needs a header */
  } else if (!(ok = load (book, fresh, len, cache, now_us, &error))) {
    g_set_error (warning, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
        "Rate-limit state file '%s' is corrupt or foreign (%s); "
        "ignoring and rewriting it",
        path, error->message);
  }
  g_string_truncate (cache, 0);
  if (!ok) {
    ig_rate_book_clear (book);
    return FALSE;
  }
  g_string_append_len (cache, fresh, (gssize) len);
  return TRUE;
}

gboolean
ig_rate_file_write (IgRateFile *file, const IgRateBook *book, GString *cache,
    GError **error)
{
  g_autoptr (GString) text = ig_rate_book_serialize (book);

  g_string_truncate (cache, 0);
  if (!ig_locked_file_replace (file->locked, text->str, text->len, error))
    return FALSE;
  g_string_append_len (cache, text->str, (gssize) text->len);
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
