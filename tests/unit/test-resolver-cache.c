/* Unit tests of the resolver cache (src/ig-resolver-cache.c): the file
 * shared by the user's processes, and the per-resolution view that reads
 * it once and writes it once. Two caches on one path stand for two
 * processes.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-resolver-cache.h"
#include "ig-test-files.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#define BASE "https://www.instagram.com"

static gint64 now_us = G_GINT64_CONSTANT (1796000000) * G_USEC_PER_SEC;

static gint64
fake_clock (void)
{
  return now_us;
}

typedef struct
{
  char *dir, *path;
  IgResolverCache *a, *b; /* two processes */
} Fixture;

static void
set_up (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("ig-resolver-cache-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "gst-instagram", "resolver", NULL);
  f->a = ig_resolver_cache_new (f->path, fake_clock);
  f->b = ig_resolver_cache_new (f->path, fake_clock);
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  ig_resolver_cache_free (f->a);
  ig_resolver_cache_free (f->b);
  ig_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
put_bootstrap (IgResolverCache *cache, const char *csrftoken)
{
  IgBootstrap b = { .base = (char *) BASE,
    .obtained_us = now_us,
    .csrftoken = (char *) csrftoken,
    .lsd = (char *) "LSDtoken" };
  GError *warning = NULL;

  ig_resolver_cache_put_bootstrap (cache, &b, &warning);
  g_assert_no_error (warning);
}

/* The csrftoken of @cache's bootstrap, NULL when it has none. */
static char *
bootstrap_csrftoken (IgResolverCache *cache)
{
  IgBootstrap b;
  GError *warning = NULL;
  char *csrftoken = NULL;

  if (ig_resolver_cache_get_bootstrap (cache, BASE, &b, &warning))
    csrftoken = g_strdup (b.csrftoken);
  g_assert_no_error (warning);
  ig_bootstrap_clear (&b);
  return csrftoken;
}

static char *
doc_id (IgResolverCache *cache, const char *key)
{
  char *id = NULL;
  GError *warning = NULL;

  ig_resolver_cache_get_doc_id (cache, key, &id, &warning);
  g_assert_no_error (warning);
  return id;
}

/* What one process stores, the next one reads; a bootstrap is good for
 * 24 hours, and only from the base it was obtained from. */
static void
test_shared_bootstrap (Fixture *f, gconstpointer data)
{
  g_autofree char *got = NULL;
  g_autofree char *later = NULL;
  IgBootstrap b;

  put_bootstrap (f->a, "csrf1");
  got = bootstrap_csrftoken (f->b);
  g_assert_cmpstr (got, ==, "csrf1");
  g_assert_false (
      ig_resolver_cache_get_bootstrap (f->b, "http://other", &b, NULL));
  now_us += IG_BOOTSTRAP_MAX_AGE_S * G_USEC_PER_SEC;
  later = bootstrap_csrftoken (f->b);
  g_assert_null (later);
  now_us -= IG_BOOTSTRAP_MAX_AGE_S * G_USEC_PER_SEC;
}

/* Dropping forgets only the bootstrap that was refused, not a fresh one
 * another process stored meanwhile. */
static void
test_drop_only_the_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *kept = NULL;
  g_autofree char *gone = NULL;

  put_bootstrap (f->a, "fresh");
  ig_resolver_cache_drop_bootstrap (f->b, "stale", NULL);
  kept = bootstrap_csrftoken (f->a);
  g_assert_cmpstr (kept, ==, "fresh");
  ig_resolver_cache_drop_bootstrap (f->b, "fresh", NULL);
  gone = bootstrap_csrftoken (f->a);
  g_assert_null (gone);
}

/* A strategy that just failed goes last, a retired one is skipped, the
 * latest success goes first. */
static void
test_order (Fixture *f, gconstpointer data)
{
  const char *names[] = { "polaris:1", "post-root:2", "page", "xdt:3" };
  guint order[4];
  gboolean skip[4];

  ig_resolver_cache_record (f->a, "polaris:1", "HTTP 500", FALSE, NULL);
  ig_resolver_cache_record (f->a, "xdt:3", "401 Please wait", TRUE, NULL);
  now_us += 1;
  ig_resolver_cache_record (f->a, "page", NULL, FALSE, NULL);
  ig_resolver_cache_order (f->b, names, 4, order, skip, NULL);
  g_assert_cmpuint (order[0], ==, 2); /* page: succeeded */
  g_assert_cmpuint (order[1], ==, 1); /* post-root: unknown */
  g_assert_cmpuint (order[2], ==, 0); /* polaris: failed, penalized */
  g_assert_cmpuint (order[3], ==, 3); /* xdt: retired */
  g_assert_true (skip[3]);
  g_assert_false (skip[0] || skip[1] || skip[2]);
  now_us += IG_STRATEGY_PENALTY_S * G_USEC_PER_SEC;
  ig_resolver_cache_order (f->b, names, 4, order, skip, NULL);
  g_assert_false (skip[3]);
  g_assert_cmpuint (order[0], ==, 2);
}

/* A view reads the file once: what another process writes after its
 * first read is not seen by it, and its own changes reach the file only
 * at commit, merged with the other process's. */
static void
test_view_reads_once_writes_once (Fixture *f, gconstpointer data)
{
  IgResolverCache *view;
  g_autofree char *seen = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *mine = NULL;
  GError *warning = NULL;

  put_bootstrap (f->a, "csrf1");
  view = ig_resolver_cache_begin (f->a);
  seen = bootstrap_csrftoken (view);
  g_assert_cmpstr (seen, ==, "csrf1");
  /* another process, meanwhile */
  ig_resolver_cache_put_doc_id (f->b, "polaris-doc-id", "111", "a page", NULL);
  g_assert_null (doc_id (view, "polaris-doc-id"));
  /* this resolution's changes: in the view at once, in the file at commit */
  ig_resolver_cache_put_doc_id (view, "post-root-doc-id", "222", "b page",
      NULL);
  ig_resolver_cache_drop_bootstrap (view, "csrf1", NULL);
  put_bootstrap (view, "csrf2");
  mine = doc_id (view, "post-root-doc-id");
  g_assert_cmpstr (mine, ==, "222");
  before = bootstrap_csrftoken (f->b);
  g_assert_cmpstr (before, ==, "csrf1");
  g_assert_null (doc_id (f->b, "post-root-doc-id"));
  ig_resolver_cache_commit (view, &warning);
  g_assert_no_error (warning);
  after = bootstrap_csrftoken (f->b);
  g_assert_cmpstr (after, ==, "csrf2");
  theirs = doc_id (f->b, "polaris-doc-id");
  g_assert_cmpstr (theirs, ==, "111");
  g_free (mine);
  mine = doc_id (f->b, "post-root-doc-id");
  g_assert_cmpstr (mine, ==, "222");
}

/* A view that changed nothing leaves the file as it was (not rewritten). */
static void
test_view_without_changes (Fixture *f, gconstpointer data)
{
  IgResolverCache *view;
  GStatBuf before, after;

  put_bootstrap (f->a, "csrf1");
  g_assert_cmpint (g_stat (f->path, &before), ==, 0);
  g_usleep (20 * 1000);
  view = ig_resolver_cache_begin (f->a);
  g_free (bootstrap_csrftoken (view));
  ig_resolver_cache_commit (view, NULL);
  g_assert_cmpint (g_stat (f->path, &after), ==, 0);
  g_assert_cmpint (after.st_mtim.tv_nsec, ==, before.st_mtim.tv_nsec);
  g_assert_cmpint (after.st_mtim.tv_sec, ==, before.st_mtim.tv_sec);
}

/* A file of random bytes: a fresh start, and the commit writes a good
 * file. */
static void
test_view_on_corrupt_file (Fixture *f, gconstpointer data)
{
  guint8 junk[700];
  IgResolverCache *view;
  GError *warning = NULL;
  g_autofree char *none = NULL;
  g_autofree char *stored = NULL;
  IgBootstrap b;
  guint i;

  put_bootstrap (f->a, "csrf1");
  for (i = 0; i < sizeof junk; i++)
    junk[i] = g_random_int_range (0, 256);
  g_assert_true (
      g_file_set_contents (f->path, (char *) junk, sizeof junk, NULL));
  view = ig_resolver_cache_begin (f->b);
  g_assert_false (ig_resolver_cache_get_doc_id (view, "x", &none, &warning));
  g_assert_nonnull (warning);
  g_clear_error (&warning);
  g_assert_false (ig_resolver_cache_get_bootstrap (view, BASE, &b, &warning));
  g_assert_no_error (warning);
  ig_resolver_cache_put_doc_id (view, "polaris-doc-id", "333", "a page", NULL);
  ig_resolver_cache_commit (view, &warning);
  g_assert_no_error (warning);
  stored = doc_id (f->a, "polaris-doc-id");
  g_assert_cmpstr (stored, ==, "333");
}

/* The first read of a view is where a corrupt file is told. */
static void
test_view_warns_once (Fixture *f, gconstpointer data)
{
  IgResolverCache *view;
  GError *warning = NULL;
  char *id = NULL;

  put_bootstrap (f->a, "csrf1");
  g_assert_true (
      g_file_set_contents (f->path, "\xff\xfe not a key file", -1, NULL));
  view = ig_resolver_cache_begin (f->b);
  g_assert_false (ig_resolver_cache_get_doc_id (view, "k", &id, &warning));
  g_assert_error (warning, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (warning->message, "is corrupt or foreign"));
  g_clear_error (&warning);
  ig_resolver_cache_record (view, "page", NULL, FALSE, &warning);
  g_assert_no_error (warning);
  ig_resolver_cache_commit (view, &warning);
  g_assert_no_error (warning);
}

/* In memory only (rate-limit-state=""): the view commits to the
 * process's memory, and no file is made. */
static void
test_view_in_memory (void)
{
  IgResolverCache *cache = ig_resolver_cache_new (NULL, fake_clock);
  IgResolverCache *view = ig_resolver_cache_begin (cache);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  put_bootstrap (view, "csrf9");
  before = bootstrap_csrftoken (cache);
  g_assert_null (before);
  ig_resolver_cache_commit (view, NULL);
  after = bootstrap_csrftoken (cache);
  g_assert_cmpstr (after, ==, "csrf9");
  ig_resolver_cache_free (cache);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, set_up, func, tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("/resolver-cache/shared-bootstrap", test_shared_bootstrap);
  ADD ("/resolver-cache/drop-only-the-refused", test_drop_only_the_refused);
  ADD ("/resolver-cache/order", test_order);
  ADD ("/resolver-cache/view-reads-once-writes-once",
      test_view_reads_once_writes_once);
  ADD ("/resolver-cache/view-without-changes", test_view_without_changes);
  ADD ("/resolver-cache/view-on-corrupt-file", test_view_on_corrupt_file);
  ADD ("/resolver-cache/view-warns-once", test_view_warns_once);
  g_test_add_func ("/resolver-cache/view-in-memory", test_view_in_memory);
  return g_test_run ();
}
