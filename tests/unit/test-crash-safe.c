/* Crash test of the shared state files, in SQLite's manner: a child
 * process records requests in the rate-limit state and entries in the
 * resolver cache, and the fault hook (ig-test-hook.h) SIGKILLs it at one
 * step of one replace; then the files must hold exactly what was
 * committed before the kill (and the killed change too when the kill came
 * after its rename), and the next child must use them without a warning.
 * Every step, many times, at random changes; each child is this program
 * run as `--child DIR FIRST`.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-ratelimit-book.h"
#include "ig-ratelimit.h"
#include "ig-resolver-cache.h"
#include "ig-test-hook.h"
#include "ig-test-files.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Stamps never expire during the test; nothing ever waits. */
#define LIMITS "other=1000000/86400,jitter=0"
/* Each child makes at most this many changes (a reserve, then a cache
 * entry, in turn) before it is killed. */
#define CHANGES_PER_CHILD 8
/* 350 kills; under valgrind (which the parent runs in) 70, about 40 s */
#define KILLS_PER_POINT (g_getenv ("IG_TEST_MEMORY_CHECKER") ? 10 : 50)

/* The steps of a replace (ig-locked-file.c), in order; the last two come
 * after the rename: there the killed change is in the file. */
static const char *const points[] = { "locked", "temp-open", "temp-half",
  "temp-written", "temp-synced", "renamed", "dir-synced" };
#define FIRST_AFTER_RENAME 5

/* ---- the child ---------------------------------------------------- */

static void
say (char what, guint i)
{
  g_autofree char *line = g_strdup_printf ("%c %u\n", what, i);

  /* unbuffered: the line must be out before a kill */
  if (write (STDOUT_FILENO, line, strlen (line)) < 0)
    exit (4);
}

static void
no_warning (GError *warning)
{
  if (warning == NULL)
    return;
  g_printerr ("warning: %s\n", warning->message);
  exit (3);
}

static void
put_entry (IgResolverCache *cache, guint i)
{
  g_autofree char *key = g_strdup_printf ("crash-%u", i);
  g_autofree char *id = g_strdup_printf ("%u", i + 1);
  GError *warning = NULL;

  ig_resolver_cache_put_doc_id (cache, key, id, "crash test", &warning);
  no_warning (warning);
}

/* From @first on, request i and then cache entry i, saying "R i" and
 * "C i" once each is committed; the hook ends it. */
static int
child_main (const char *dir, guint first)
{
  g_autofree char *state = g_build_filename (dir, "rate-limit", NULL);
  g_autofree char *resolver = g_build_filename (dir, "resolver", NULL);
  IgRateLimiter *rl = ig_rate_limiter_new (state, NULL, NULL);
  IgResolverCache *cache = ig_resolver_cache_new (resolver, NULL);
  IgRateLimits limits;
  GError *warning = NULL;

  ig_rate_limits_init (&limits);
  if (!ig_rate_limits_parse (LIMITS, &limits, NULL))
    return 5;
  for (guint i = first; i < first + CHANGES_PER_CHILD / 2; i++) {
    if (ig_rate_limiter_reserve (rl, &limits, IG_RATE_CLASS_OTHER, NULL,
            &warning)
        != 0)
      return 6;
    no_warning (warning);
    say ('R', i);
    put_entry (cache, i);
    say ('C', i);
  }
  return 0; /* not killed: the parent says so */
}

/* ---- the parent ----------------------------------------------------- */

typedef struct
{
  char *dir;
  guint next; /* the number the next child starts from */
  guint stamps; /* requests committed, all children so far */
  GArray *entries; /* gboolean: whether entry i is committed */
} Crash;

/* Runs a child told to die at the @nth time it reaches @point; returns
 * how many changes it said it committed. */
static guint
run_child (Crash *c, const char *point, guint nth)
{
  g_autoptr (GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr (GSubprocess) child = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *hook = g_strdup_printf ("%s:kill:%u", point, nth);
  g_autofree char *first = g_strdup_printf ("%u", c->next);
  g_autofree char *out = NULL;
  guint lines = 0;

  g_subprocess_launcher_setenv (launcher, IG_TEST_HOOK_ENV, hook, TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, self, "--child",
      c->dir, first, NULL);
  g_assert_no_error (error);
  g_assert_true (
      g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  /* a warning or a failure would be an exit, not the kill */
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
  for (const char *p = out; *p != '\0'; p++)
    lines += *p == '\n';
  return lines;
}

/* What a child that started at c->next and was killed at its @nth change
 * left committed: changes 1 .. @nth - 1, and @nth itself when @landed
 * (odd changes are requests, even ones entries). */
static void
account (Crash *c, guint nth, gboolean landed)
{
  guint first = c->next;

  c->stamps += nth / 2 + (nth % 2 == 1 && landed);
  c->next = first + (nth + 1) / 2;
  g_array_set_size (c->entries, c->next + 1);
  for (guint i = 0; i < (nth - 1) / 2; i++)
    g_array_index (c->entries, gboolean, first + i) = TRUE;
  if (nth % 2 == 0 && landed)
    g_array_index (c->entries, gboolean, first + nth / 2 - 1) = TRUE;
}

static guint
count_stamps (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "rate-limit", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  IgRateBook *book = ig_rate_book_new ();
  gsize len = 0;
  guint n;

  if (!g_file_get_contents (path, &text, &len, NULL)) {
    ig_rate_book_free (book);
    return 0; /* killed before the first rename */
  }
  g_assert_true (ig_rate_book_parse (book, text, len, G_MAXINT64, &error));
  g_assert_no_error (error);
  n = book->stamps[IG_RATE_CLASS_OTHER]->len;
  ig_rate_book_free (book);
  return n;
}

/* The cache holds exactly the entries committed. */
static void
assert_entries (const Crash *c)
{
  g_autofree char *path = g_build_filename (c->dir, "resolver", NULL);
  IgResolverCache *cache = ig_resolver_cache_new (path, NULL);

  for (guint i = 0; i < c->entries->len; i++) {
    g_autofree char *key = g_strdup_printf ("crash-%u", i);
    g_autofree char *id = NULL;
    GError *warning = NULL;
    gboolean found = ig_resolver_cache_get_doc_id (cache, key, &id, &warning);

    g_assert_no_error (warning);
    g_assert_true (found == g_array_index (c->entries, gboolean, i));
  }
  ig_resolver_cache_free (cache);
}

/* No file another user could read. */
static void
assert_private (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  GStatBuf st;

  while ((name = g_dir_read_name (d)) != NULL) {
    g_autofree char *path = g_build_filename (dir, name, NULL);

    g_assert_cmpint (g_lstat (path, &st), ==, 0);
    g_assert_true (S_ISREG (st.st_mode));
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
}

/* Kills children at @point, each at a random one of its changes, and
 * checks the files after each kill. */
static void
test_point (gconstpointer data)
{
  guint point = GPOINTER_TO_UINT (data);
  Crash c = { g_dir_make_tmp ("ig-crash-XXXXXX", NULL), 0, 0,
    g_array_new (FALSE, TRUE, sizeof (gboolean)) };

  for (guint k = 0; k < (guint) KILLS_PER_POINT; k++) {
    guint nth = g_test_rand_int_range (1, CHANGES_PER_CHILD + 1);

    g_assert_cmpuint (run_child (&c, points[point], nth), ==, nth - 1);
    account (&c, nth, point >= FIRST_AFTER_RENAME);
    g_assert_cmpuint (count_stamps (c.dir), ==, c.stamps);
    assert_entries (&c);
  }
  g_test_message ("%s: %u kills, %u requests recorded", points[point],
      (guint) KILLS_PER_POINT, c.stamps);
  assert_private (c.dir);
  ig_test_remove_tree (c.dir);
  g_free (c.dir);
  g_array_unref (c.entries);
}

int
main (int argc, char **argv)
{
  if (argc == 4 && strcmp (argv[1], "--child") == 0)
    return child_main (argv[2], (guint) atoi (argv[3]));
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (points); i++) {
    g_autofree char *name = g_strdup_printf ("/crash-safe/kill-%s", points[i]);

    g_test_add_data_func (name, GUINT_TO_POINTER (i), test_point);
  }
  return g_test_run ();
}
