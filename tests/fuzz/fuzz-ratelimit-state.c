/* libFuzzer target: the rate-limit state file reader, its writer's round
 * trip, and the rate-limits property syntax.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fuzz-common.h"
#include "ig-ratelimit-book.h"
#include "ig-ratelimit.h"

/* 2026-01-01T00:00:00Z: fixed, so a crash reproduces. */
#define NOW_US G_GINT64_CONSTANT (1767225600000000)

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

static int
compare_lines (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The serialized book's lines in a stable order (the GraphQL keys come out
 * of a hash table). */
static char **
sorted_lines (const GString *text)
{
  char **lines = g_strsplit (text->str, "\n", -1);

  qsort (lines, g_strv_length (lines), sizeof (char *), compare_lines);
  return lines;
}

static void
fuzz_state (const uint8_t *data, size_t size)
{
  IgRateBook *book = ig_rate_book_new ();
  IgRateBook *again = ig_rate_book_new ();
  g_autoptr (GError) error = NULL;

  if (ig_rate_book_parse (book, (const char *) data, size, NOW_US, &error)) {
    g_autoptr (GString) text = ig_rate_book_serialize (book);
    g_autoptr (GString) text2 = NULL;
    g_auto (GStrv) lines = NULL;
    g_auto (GStrv) lines2 = NULL;

    /* What the writer writes, the reader must read back unchanged. */
    if (!ig_rate_book_parse (again, text->str, text->len, NOW_US, &error)) {
      g_printerr ("round trip failed: %s\n--- serialized:\n%s---\n",
          error->message, text->str);
      abort ();
    }
    text2 = ig_rate_book_serialize (again);
    lines = sorted_lines (text);
    lines2 = sorted_lines (text2);
    if (!g_strv_equal ((const char *const *) lines,
            (const char *const *) lines2)) {
      g_printerr ("round trip changed the book:\n%s---\n%s---\n", text->str,
          text2->str);
      abort ();
    }
    ig_rate_book_prune (book, NOW_US - G_USEC_PER_SEC * 600);
  } else if (error == NULL) {
    abort ();
  }
  ig_rate_book_free (again);
  ig_rate_book_free (book);
}

static void
fuzz_limits (const uint8_t *data, size_t size)
{
  g_autofree char *text = fuzz_strndup (data, size);
  g_autoptr (GError) error = NULL;
  IgRateLimits limits, back;

  ig_rate_limits_init (&limits);
  if (ig_rate_limits_parse (text, &limits, &error)) {
    g_autofree char *canonical = ig_rate_limits_to_string (&limits);

    /* The canonical form parses back to the same limits. */
    ig_rate_limits_init (&back);
    if (!ig_rate_limits_parse (canonical, &back, NULL) || back.off != limits.off
        || (!limits.off
            && (memcmp (&back.graphql, &limits.graphql, sizeof back.graphql)
                || memcmp (&back.graphql_total, &limits.graphql_total,
                    sizeof back.graphql_total)
                || memcmp (&back.mobile, &limits.mobile, sizeof back.mobile)
                || memcmp (&back.other, &limits.other, sizeof back.other)
                || back.jitter_min != limits.jitter_min
                || back.jitter_max != limits.jitter_max))) {
      g_printerr ("limits round trip failed: '%s'\n", canonical);
      abort ();
    }
  } else if (error == NULL) {
    abort ();
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_state (data, size);
  fuzz_limits (data, size);
  return 0;
}
