/* Unit tests of a cache directory that fails: a full disk or an I/O error
 * while a file is replaced (through the fault hook, ig-test-hook.h, so
 * that they run without root) and a lock held too long. The file keeps
 * its old contents, no temporary file stays, the process says it once and
 * goes on in memory.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-ratelimit-book.h"
#include "ig-ratelimit.h"
#include "ig-resolver-cache.h"
#include "ig-test-hook.h"
#include "ig-test-files.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

typedef struct
{
  char *top;
  char *dir; /* the cache directory, in top */
  char *state, *resolver; /* the files in it */
  IgRateLimits limits;
} Fixture;

static void
set_up (Fixture *f, gconstpointer data)
{
  f->top = g_dir_make_tmp ("ig-cache-dir-XXXXXX", NULL);
  f->dir = g_build_filename (f->top, "gst-instagram", NULL);
  f->state = g_build_filename (f->dir, "rate-limit", NULL);
  f->resolver = g_build_filename (f->dir, "resolver", NULL);
  ig_rate_limits_init (&f->limits);
  g_assert_true (
      ig_rate_limits_parse ("other=3/600,jitter=0", &f->limits, NULL));
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  g_unsetenv (IG_TEST_HOOK_ENV);
  g_unsetenv (IG_TEST_LOCK_WAIT_ENV);
  ig_test_remove_tree (f->top);
  g_free (f->top);
  g_free (f->dir);
  g_free (f->state);
  g_free (f->resolver);
}

static gdouble
reserve (IgRateLimiter *rl, Fixture *f, GError **warning)
{
  return ig_rate_limiter_reserve (rl, &f->limits, IG_RATE_CLASS_OTHER, NULL,
      warning);
}

static char *
contents (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
assert_no_temp (const char *path)
{
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);

  g_assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));
}

/* The disk fills up in the middle of a replace: the file keeps the two
 * stamps it had, one warning says so, and the process counts in memory
 * from then on, the resolver cache beside it too, without a second word. */
static void
test_no_space (Fixture *f, gconstpointer data)
{
  IgRateLimiter *rl = ig_rate_limiter_new (f->state, NULL, NULL);
  IgResolverCache *cache = ig_resolver_cache_new (f->resolver, NULL);
  g_autoptr (GError) warning = NULL;
  g_autofree char *before = NULL, *after = NULL, *id = NULL;

  g_assert_cmpfloat (reserve (rl, f, NULL), ==, 0);
  g_assert_cmpfloat (reserve (rl, f, NULL), ==, 0);
  before = contents (f->state);
  g_setenv (IG_TEST_HOOK_ENV, "temp-half:ENOSPC", TRUE);
  g_assert_cmpfloat (reserve (rl, f, &warning), ==, 0);
  after = contents (f->state);
  g_assert_cmpstr (after, ==, before);
  assert_no_temp (f->state);
  g_assert_error (warning, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (warning->message, "rate-limit.tmp"));
  g_assert_nonnull (strstr (warning->message, "No space left on device"));
  g_assert_nonnull (strstr (warning->message, "in this process only"));
  g_test_message ("%s", warning->message);
  g_clear_error (&warning);
  g_unsetenv (IG_TEST_HOOK_ENV);
  /* the third stamp counts in memory: the fourth request waits */
  g_assert_cmpfloat (reserve (rl, f, &warning), >, 0);
  ig_resolver_cache_put_doc_id (cache, "k", "1", NULL, &warning);
  g_assert_true (ig_resolver_cache_get_doc_id (cache, "k", &id, &warning));
  g_assert_no_error (warning);
  g_clear_pointer (&after, g_free);
  after = contents (f->state);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (g_file_test (f->resolver, G_FILE_TEST_EXISTS));
  ig_resolver_cache_free (cache);
  ig_rate_limiter_free (rl);
}

/* A corrupt file, and the disk is full when it is rewritten: the call
 * says the first, the next call the second, then nothing more. */
static void
test_two_troubles (Fixture *f, gconstpointer data)
{
  IgRateLimiter *rl = ig_rate_limiter_new (f->state, NULL, NULL);
  g_autoptr (GError) warning = NULL;

  g_assert_cmpint (g_mkdir (f->dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (f->state, "junk\n", -1, NULL));
  g_setenv (IG_TEST_HOOK_ENV, "temp-half:ENOSPC", TRUE);
  reserve (rl, f, &warning);
  g_assert_error (warning, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&warning);
  reserve (rl, f, &warning);
  g_assert_error (warning, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&warning);
  reserve (rl, f, &warning);
  g_assert_no_error (warning);
  ig_rate_limiter_free (rl);
}

/* fsync fails (an I/O error): the cache file keeps what it held. */
static void
test_sync_error (Fixture *f, gconstpointer data)
{
  IgResolverCache *cache = ig_resolver_cache_new (f->resolver, NULL);
  g_autoptr (GError) warning = NULL;
  g_autofree char *before = NULL, *after = NULL;

  ig_resolver_cache_put_doc_id (cache, "a", "1", NULL, &warning);
  g_assert_no_error (warning);
  before = contents (f->resolver);
  g_setenv (IG_TEST_HOOK_ENV, "temp-synced:EIO", TRUE);
  ig_resolver_cache_put_doc_id (cache, "b", "2", NULL, &warning);
  after = contents (f->resolver);
  g_assert_cmpstr (after, ==, before);
  assert_no_temp (f->resolver);
  g_assert_error (warning, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (warning->message, "resolver.tmp"));
  g_assert_nonnull (strstr (warning->message, "Input/output error"));
  ig_resolver_cache_free (cache);
}

/* Another process holds the lock: each call waits a bounded time (here
 * shortened to 300 ms) and counts in memory; said once until the file
 * works again. */
static void
test_lock_held (Fixture *f, gconstpointer data)
{
  IgRateLimiter *rl = ig_rate_limiter_new (f->state, NULL, NULL);
  g_autofree char *lock_path = g_strconcat (f->state, ".lock", NULL);
  g_autoptr (GError) warning = NULL;
  gint64 start;
  int fd;

  g_setenv (IG_TEST_LOCK_WAIT_ENV, "300", TRUE);
  g_assert_cmpfloat (reserve (rl, f, NULL), ==, 0);
  fd = open (lock_path, O_RDWR | O_CLOEXEC);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);
  start = g_get_monotonic_time ();
  g_assert_cmpfloat (reserve (rl, f, &warning), ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_assert_error (warning, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (warning->message, lock_path));
  g_test_message ("%s", warning->message);
  g_clear_error (&warning);
  g_assert_cmpfloat (reserve (rl, f, &warning), ==, 0);
  g_assert_no_error (warning);
  flock (fd, LOCK_UN);
  /* works again, with the file: the fourth request waits */
  g_assert_cmpfloat (reserve (rl, f, &warning), >, 0);
  g_assert_no_error (warning);
  flock (fd, LOCK_EX);
  reserve (rl, f, &warning);
  g_assert_error (warning, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  close (fd);
  ig_rate_limiter_free (rl);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/cache-dir/no-space", Fixture, NULL, set_up, test_no_space,
      tear_down);
  g_test_add ("/cache-dir/two-troubles", Fixture, NULL, set_up,
      test_two_troubles, tear_down);
  g_test_add ("/cache-dir/sync-error", Fixture, NULL, set_up, test_sync_error,
      tear_down);
  g_test_add ("/cache-dir/lock-held", Fixture, NULL, set_up, test_lock_held,
      tear_down);
  return g_test_run ();
}
