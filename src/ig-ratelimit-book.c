/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-ratelimit-book.h"

#include <gio/gio.h>
#include <string.h>

#define DAY_US (G_GINT64_CONSTANT (24) * 3600 * G_USEC_PER_SEC)
#define MAX_LINE 160

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

  g_string_append (out, IG_RATE_BOOK_HEADER "\n");
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
  cls = ig_rate_class_from_string (fields[1]);
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
gboolean
ig_rate_book_parse_more (IgRateBook *book, const char *data, gsize len,
    guint line_no, gint64 now_us, GError **error)
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
    if (line_no == 1 && strcmp (line, IG_RATE_BOOK_HEADER) != 0)
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
  return ig_rate_book_parse_more (book, data, len, 0, now_us, error);
}
