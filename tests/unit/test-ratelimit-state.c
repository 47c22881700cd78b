/* Unit tests: the rate limiter's shared state file. Limiters made with
 * ig_rate_limiter_new() on one path stand for processes; the last test
 * runs this binary twice (`--child PATH N`) as real processes.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-ratelimit.h"
#include "ig-ratelimit-book.h"
#include "ig-test-files.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#define T0 (G_GINT64_CONSTANT (1767225600) * G_USEC_PER_SEC)

static gint64 fake_now;

static gint64
fake_clock (gpointer user_data)
{
  return fake_now;
}

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("ig-ratelimit-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "sub", "rate-limit", NULL);
  fake_now = T0;
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  ig_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static IgRateLimits
limits_from (const char *text)
{
  IgRateLimits limits;

  ig_rate_limits_init (&limits);
  g_assert_true (ig_rate_limits_parse (text, &limits, NULL));
  return limits;
}

/* A request that must not warn. */
static gdouble
reserve (IgRateLimiter *rl, const IgRateLimits *limits, IgRateClass cls,
    const char *key)
{
  g_autoptr (GError) warning = NULL;
  gdouble wait = ig_rate_limiter_reserve (rl, limits, cls, key, &warning);

  g_assert_no_error (warning);
  return wait;
}

/* An "other" request that is granted; its warning, or NULL. */
static GError *
reserve_warned (IgRateLimiter *rl, const IgRateLimits *limits)
{
  GError *warning = NULL;

  g_assert_cmpfloat (ig_rate_limiter_reserve (rl, limits, IG_RATE_CLASS_OTHER,
                         NULL, &warning),
      ==, 0);
  return warning;
}

/* @warning is G_IO_ERROR @code, names @path and says @what. */
static void
assert_warning (const GError *warning, gint code, const char *path,
    const char *what)
{
  g_assert_error (warning, G_IO_ERROR, code);
  g_assert_nonnull (strstr (warning->message, path));
  g_assert_nonnull (strstr (warning->message, what));
}

static char *
read_file (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
test_shared_budget (Fixture *f, gconstpointer data)
{
  IgRateLimiter *a = ig_rate_limiter_new (f->path, fake_clock, NULL);
  IgRateLimiter *b = ig_rate_limiter_new (f->path, fake_clock, NULL);
  IgRateLimits limits = limits_from ("graphql=5/60,jitter=0");
  g_autofree char *text = NULL;

  for (guint i = 0; i < 5; i++) {
    g_assert_cmpfloat (reserve (i % 2 ? a : b, &limits, IG_RATE_CLASS_GRAPHQL,
                           "q"),
        ==, 0);
    fake_now += G_USEC_PER_SEC;
  }
  /* T0 + 60 + 6 - (T0 + 5) */
  g_assert_cmpfloat_with_epsilon (reserve (a, &limits, IG_RATE_CLASS_GRAPHQL,
                                      "q"),
      61, 1e-6);
  g_assert_cmpfloat_with_epsilon (reserve (b, &limits, IG_RATE_CLASS_GRAPHQL,
                                      "q"),
      61, 1e-6);
  text = read_file (f->path);
  g_assert_true (g_str_has_prefix (text, IG_RATE_BOOK_HEADER "\n"));
  g_assert_nonnull (strstr (text, "S graphql q 1767225600000000\n"));
  ig_rate_limiter_free (a);
  ig_rate_limiter_free (b);
}

static void
test_shared_penalty (Fixture *f, gconstpointer data)
{
  IgRateLimiter *a = ig_rate_limiter_new (f->path, fake_clock, NULL);
  IgRateLimiter *b = ig_rate_limiter_new (f->path, fake_clock, NULL);
  IgRateLimits limits = limits_from ("jitter=0");

  g_assert_cmpfloat (reserve (a, &limits, IG_RATE_CLASS_MOBILE, NULL), ==, 0);
  g_assert_cmpfloat_with_epsilon (ig_rate_limiter_penalize (a, &limits,
                                      IG_RATE_CLASS_MOBILE, NULL, 30, 1, NULL),
      30, 1e-6);
  fake_now += 10 * G_USEC_PER_SEC;
  g_assert_cmpfloat_with_epsilon (reserve (b, &limits, IG_RATE_CLASS_MOBILE,
                                      NULL),
      20, 1e-6);
  g_assert_cmpfloat (reserve (b, &limits, IG_RATE_CLASS_OTHER, NULL), ==, 0);
  ig_rate_limiter_free (a);
  ig_rate_limiter_free (b);
}

/* Jitter spans processes: the gap follows the latest stamp of anyone. */
static void
test_shared_jitter (Fixture *f, gconstpointer data)
{
  IgRateLimiter *a = ig_rate_limiter_new (f->path, fake_clock, NULL);
  IgRateLimiter *b = ig_rate_limiter_new (f->path, fake_clock, NULL);
  IgRateLimits limits = limits_from ("jitter=1");

  g_assert_cmpfloat (reserve (a, &limits, IG_RATE_CLASS_OTHER, NULL), ==, 0);
  g_assert_cmpfloat_with_epsilon (reserve (b, &limits, IG_RATE_CLASS_OTHER,
                                      NULL),
      1, 1e-6);
  ig_rate_limiter_free (a);
  ig_rate_limiter_free (b);
}

/* Another process rewrote the file with the same size: seen, not cached. */
static void
test_external_rewrite (Fixture *f, gconstpointer data)
{
  IgRateLimiter *a = ig_rate_limiter_new (f->path, fake_clock, NULL);
  IgRateLimits limits = limits_from ("graphql=1/60,jitter=0");
  g_autofree char *text = NULL;
  char *at;

  g_assert_cmpfloat (reserve (a, &limits, IG_RATE_CLASS_GRAPHQL, "aa"), ==, 0);
  text = read_file (f->path);
  at = strstr (text, " aa ");
  g_assert_nonnull (at);
  memcpy (at, " bb ", 4);
  g_assert_true (g_file_set_contents (f->path, text, -1, NULL));
  g_assert_cmpfloat_with_epsilon (reserve (a, &limits, IG_RATE_CLASS_GRAPHQL,
                                      "bb"),
      66, 1e-6);
  g_assert_cmpfloat (reserve (a, &limits, IG_RATE_CLASS_GRAPHQL, "aa"), ==, 0);
  ig_rate_limiter_free (a);
}

static void
write_bytes (const char *path, const void *data, gsize len)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, data, (gssize) len, NULL));
}

/* A bad file: a warning, then it is rewritten and works. */
static void
survive (const char *path, gboolean warns)
{
  IgRateLimiter *rl = ig_rate_limiter_new (path, fake_clock, NULL);
  IgRateLimits limits = limits_from ("other=2/60,jitter=0");
  g_autoptr (GError) warning = reserve_warned (rl, &limits);
  g_autofree char *text = NULL;

  if (warns)
    assert_warning (warning, G_IO_ERROR_INVALID_DATA, path,
        "ignoring and rewriting it");
  else
    g_assert_no_error (warning);
  g_assert_cmpfloat (reserve (rl, &limits, IG_RATE_CLASS_OTHER, NULL), ==, 0);
  g_assert_cmpfloat (reserve (rl, &limits, IG_RATE_CLASS_OTHER, NULL), >, 0);
  text = read_file (path);
  g_assert_cmpstr (text, ==,
      IG_RATE_BOOK_HEADER "\n"
                          "S other - 1767225600000000\n"
                          "S other - 1767225600000000\n");
  ig_rate_limiter_free (rl);
}

static void
test_corrupt_random (Fixture *f, gconstpointer data)
{
  guint8 junk[4096];

  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (guint8) g_test_rand_int_range (0, 256);
  write_bytes (f->path, junk, sizeof junk);
  survive (f->path, TRUE);
}

static void
test_corrupt_lines (Fixture *f, gconstpointer data)
{
  const char *texts[] = {
    IG_RATE_BOOK_HEADER "\nS graphql q 1767225600000000\nS graph",
    IG_RATE_BOOK_HEADER "\nS graphql q 1767225600000000",
    "gst-instagram-rate-limit 2\nS other - 1767225600000000\n",
    "<html>hello</html>\n",
    IG_RATE_BOOK_HEADER "\nS bogus - 1767225600000000\n",
    IG_RATE_BOOK_HEADER "\nS other - -5\n",
    IG_RATE_BOOK_HEADER "\nS other - 12x\n",
    IG_RATE_BOOK_HEADER "\nX other - 1767225600000000\n",
    IG_RATE_BOOK_HEADER "\nS other  - 1767225600000000\n",
    IG_RATE_BOOK_HEADER "\nS graphql q\x01 1767225600000000\n",
    IG_RATE_BOOK_HEADER "\n\n",
    IG_RATE_BOOK_HEADER "\0\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++) {
    gsize len = strlen (texts[i]) + (i == G_N_ELEMENTS (texts) - 1 ? 2 : 0);

    g_test_message ("file %u", i);
    write_bytes (f->path, texts[i], len);
    survive (f->path, TRUE);
  }
}

static void
test_corrupt_huge (Fixture *f, gconstpointer data)
{
  gsize len = 5 * 1024 * 1024;
  g_autofree char *big = g_malloc (len);
  GString *line = g_string_new (IG_RATE_BOOK_HEADER "\n");

  /* valid lines, but far too many */
  while (line->len < len)
    g_string_append (line, "S other - 1767225600000000\n");
  memcpy (big, line->str, len);
  g_string_free (line, TRUE);
  write_bytes (f->path, big, len);
  survive (f->path, TRUE);
}

static void
test_empty (Fixture *f, gconstpointer data)
{
  write_bytes (f->path, "", 0);
  survive (f->path, FALSE);
  /* and no file at all, nor its directory */
  ig_test_remove_tree (f->dir);
  survive (f->path, FALSE);
}

static void
test_directory (Fixture *f, gconstpointer data)
{
  IgRateLimiter *rl = ig_rate_limiter_new (f->path, fake_clock, NULL);
  IgRateLimiter *other;
  IgRateLimits limits = limits_from ("other=2/60,jitter=0");

  g_autoptr (GError) warning = NULL;

  g_assert_cmpint (g_mkdir_with_parents (f->path, 0700), ==, 0);
  warning = reserve_warned (rl, &limits);
  assert_warning (warning, G_IO_ERROR_IS_DIRECTORY, f->path,
      "in this process only");
  g_clear_error (&warning);
  /* warned once; still limits in-process */
  g_assert_cmpfloat (reserve (rl, &limits, IG_RATE_CLASS_OTHER, NULL), ==, 0);
  g_assert_cmpfloat (reserve (rl, &limits, IG_RATE_CLASS_OTHER, NULL), >, 0);
  g_assert_cmpfloat (ig_rate_limiter_penalize (rl, &limits,
                         IG_RATE_CLASS_MOBILE, NULL, 5, 1, &warning),
      ==, 5);
  g_assert_no_error (warning);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_DIR));
  /* in memory for the rest of the process, also for another limiter on
   * the same path, never told again, even once the path would work */
  g_rmdir (f->path);
  other = ig_rate_limiter_new (f->path, fake_clock, NULL);
  g_assert_cmpfloat (reserve (other, &limits, IG_RATE_CLASS_MOBILE, NULL), ==,
      0);
  g_assert_cmpfloat (reserve (rl, &limits, IG_RATE_CLASS_MOBILE, NULL), >, 0);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  ig_rate_limiter_free (other);
  ig_rate_limiter_free (rl);
}

static void
test_unwritable_dir (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename ("/proc", "ig-no", "x", NULL);
  IgRateLimiter *rl = ig_rate_limiter_new (path, fake_clock, NULL);
  IgRateLimits limits = limits_from ("jitter=0");

  g_autoptr (GError) warning = reserve_warned (rl, &limits);

  /* the directory that cannot be made is named */
  assert_warning (warning, G_IO_ERROR_NOT_FOUND, "'/proc/ig-no'",
      "in this process only");
  ig_rate_limiter_free (rl);
}

/* Stamps older than the longest window leave the file. */
static void
test_prune (Fixture *f, gconstpointer data)
{
  IgRateLimiter *rl = ig_rate_limiter_new (f->path, fake_clock, NULL);
  IgRateLimits limits = limits_from ("graphql=100/10,graphql-total=100/10,"
                                     "mobile=100/20,other=100/10,jitter=0");
  GStatBuf st;

  /* each reserve is a durable replace (two fsyncs): 300 s of stamps,
   * eight times the longest window, are enough */
  for (guint i = 0; i < 300; i++) {
    IgRateClass cls = i % IG_RATE_N_CLASSES;

    g_assert_cmpfloat (reserve (rl, &limits, cls, i % 2 ? "a" : "b"), ==, 0);
    if (i % 100 == 0)
      ig_rate_limiter_penalize (rl, &limits, cls, NULL, 0.5, 1, NULL);
    fake_now += G_USEC_PER_SEC;
  }
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  /* 20 + 18 s of live stamps at one per second, ~30 bytes each (every
   * write leaves the expired ones out); 300 unpruned stamps would take
   * 8.7 kB */
  g_assert_cmpint (st.st_size, <, (38 + 4) * 32);
  ig_rate_limiter_free (rl);
}

static void
test_default_path (void)
{
  g_autofree char *path = ig_rate_state_default_path ();
  g_autofree char *want = g_build_filename (g_get_user_cache_dir (),
      "gst-instagram", "rate-limit", NULL);

  g_assert_cmpstr (path, ==, want);
}

#define CHILD_LIMITS "graphql=1000/2,graphql-total=5/2,jitter=0"
#define CHILD_WINDOW_US (2 * G_USEC_PER_SEC)
#define CHILD_REQUESTS 6

/* `--child PATH N`: N requests through the file, printing each time sent. */
static int
child_main (const char *path, guint n)
{
  IgRateLimiter *rl = ig_rate_limiter_new (path, NULL, NULL);
  IgRateLimits limits = limits_from (CHILD_LIMITS);

  while (n > 0) {
    gdouble wait =
        ig_rate_limiter_reserve (rl, &limits, IG_RATE_CLASS_GRAPHQL, "q", NULL);

    if (wait > 0) {
      g_usleep ((gulong) (wait * G_USEC_PER_SEC) + 1);
      continue;
    }
    g_print ("%" G_GINT64_FORMAT "\n", g_get_real_time ());
    n--;
  }
  ig_rate_limiter_free (rl);
  return 0;
}

static GSubprocess *
spawn_child (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *n = g_strdup_printf ("%d", CHILD_REQUESTS);
  GSubprocess *child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
      self, "--child", path, n, NULL);

  g_assert_no_error (error);
  return child;
}

static void
collect (GSubprocess *child, GArray *times)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto (GStrv) lines = NULL;

  g_assert_true (
      g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (child));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++) {
    gint64 t = g_ascii_strtoll (lines[i], NULL, 10);

    g_array_append_val (times, t);
  }
}

static gint
cmp_int64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
assert_spread (GArray *times, gint64 slack_us)
{
  g_array_sort (times, cmp_int64);
  for (guint i = 5; i < times->len; i++) {
    gint64 span =
        g_array_index (times, gint64, i) - g_array_index (times, gint64, i - 5);

    g_assert_cmpint (span, >=, CHILD_WINDOW_US - slack_us);
  }
}

static GArray *
file_stamps (const char *path)
{
  g_autofree char *text = read_file (path);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GArray *times = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; lines[i] != NULL; i++) {
    if (g_str_has_prefix (lines[i], "S graphql q ")) {
      gint64 t = g_ascii_strtoll (lines[i] + 12, NULL, 10);

      g_array_append_val (times, t);
    }
  }
  return times;
}

/* Two real processes share 5 requests per 2 s: no 2 s window holds more
 * than 5 of the stamps they wrote to the file under the lock, and the
 * children's own clocks (printed just after, so with some scheduling noise)
 * agree. */
static void
test_two_processes (Fixture *f, gconstpointer data)
{
  GSubprocess *a = spawn_child (f->path), *b = spawn_child (f->path);
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) stamps = NULL;

  collect (a, times);
  collect (b, times);
  g_object_unref (a);
  g_object_unref (b);
  g_assert_cmpuint (times->len, ==, 2 * CHILD_REQUESTS);
  assert_spread (times, 50000);
  stamps = file_stamps (f->path);
  g_assert_cmpuint (stamps->len, ==, 2 * CHILD_REQUESTS);
  assert_spread (stamps, 0);
}

static void
add (const char *name, void (*func) (Fixture *, gconstpointer))
{
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown);
}

int
main (int argc, char **argv)
{
  if (argc == 4 && strcmp (argv[1], "--child") == 0)
    return child_main (argv[2], (guint) atoi (argv[3]));
  g_test_init (&argc, &argv, NULL);
  add ("/ratelimit-state/shared-budget", test_shared_budget);
  add ("/ratelimit-state/shared-penalty", test_shared_penalty);
  add ("/ratelimit-state/shared-jitter", test_shared_jitter);
  add ("/ratelimit-state/external-rewrite", test_external_rewrite);
  add ("/ratelimit-state/corrupt-random", test_corrupt_random);
  add ("/ratelimit-state/corrupt-lines", test_corrupt_lines);
  add ("/ratelimit-state/corrupt-huge", test_corrupt_huge);
  add ("/ratelimit-state/empty", test_empty);
  add ("/ratelimit-state/directory", test_directory);
  add ("/ratelimit-state/unwritable-dir", test_unwritable_dir);
  add ("/ratelimit-state/prune", test_prune);
  add ("/ratelimit-state/two-processes", test_two_processes);
  g_test_add_func ("/ratelimit-state/default-path", test_default_path);
  return g_test_run ();
}
