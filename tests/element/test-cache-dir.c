/* A cache directory that cannot be used never fails playback: read-only, a
 * full disk, a regular file where the directory should be, owned by
 * someone else, a symbolic link planted for the directory or for a file in
 * it. Each time the reel streams whole, exactly one WARNING names the path
 * and the reason, a second element of the process says nothing more, and
 * no file outside the cache directory is touched.
 *
 * Run as root, the test has a mount namespace of its own, in which a
 * read-only bind mount and a full tmpfs make the first two cases real
 * (root writes through permissions); without it those are skipped (the
 * unit test test-cache-dir fakes a full disk through the fault hook).
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <glib/gstdio.h>
#include <gst/check/gstcheck.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fake-media.h"
#include "ig-test-utils.h"

#define REEL_URI "https://www.instagram.com/reel/" FAKE_SC_REEL "/"
/* Rate limiting on, so the limiter uses the directory too; nothing waits. */
#define PROPS \
  "rate-limits=\"graphql=100/600,graphql-total=100/600,mobile=100/600," \
  "other=100/600,jitter=0\""
#define NOBODY 65534

static FakeInstagram *fake;
static gboolean can_mount; /* root, in a mount namespace of its own */
static char *top; /* this test's directory: the cache and "elsewhere" */
static char *cache; /* GST_INSTAGRAM_CACHE_DIR */
static char *elsewhere; /* outside the cache, with a file in it */

static void
setup (void)
{
  g_autofree char *victim = NULL;

  fake = ig_test_start_fake ();
  top = ig_test_make_temp_dir ();
  cache = g_build_filename (top, "gst-instagram", NULL);
  elsewhere = g_build_filename (top, "elsewhere", NULL);
  victim = g_build_filename (elsewhere, "victim", NULL);
  fail_unless (g_mkdir (elsewhere, 0700) == 0);
  fail_unless (g_file_set_contents (victim, "precious\n", -1, NULL));
  g_setenv ("GST_INSTAGRAM_CACHE_DIR", cache, TRUE);
}

static void
teardown (void)
{
  if (can_mount)
    umount2 (cache, MNT_DETACH); /* when a test mounted on it */
  g_clear_pointer (&cache, g_free);
  g_clear_pointer (&elsewhere, g_free);
  g_clear_pointer (&top, g_free);
  ig_test_stop_fake (fake);
}

/* Every name below @dir with its type, mode, size, time and contents (or
 * link target), without following links. */
static void
snapshot_into (GString *out, const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL) {
    g_autofree char *path = g_build_filename (dir, name, NULL);
    g_autofree char *data = NULL, *sum = NULL;
    gsize len = 0;
    struct stat st;

    fail_unless (lstat (path, &st) == 0);
    if (S_ISREG (st.st_mode) && g_file_get_contents (path, &data, &len, NULL))
      sum = g_compute_checksum_for_data (G_CHECKSUM_SHA1, (guchar *) data, len);
    else if (S_ISLNK (st.st_mode))
      sum = g_file_read_link (path, NULL);
    g_string_append_printf (out, "%s %o %u:%u %ld %ld.%09ld %s\n", path,
        (guint) st.st_mode, (guint) st.st_uid, (guint) st.st_gid,
        (long) st.st_size, (long) st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
        sum != NULL ? sum : "");
    if (S_ISDIR (st.st_mode))
      snapshot_into (out, path);
  }
}

static char *
snapshot (const char *dir)
{
  GString *out = g_string_new (NULL);

  snapshot_into (out, dir);
  return g_string_free (out, FALSE);
}

/* Streams the reel twice, as two elements of this process: both whole,
 * the first with exactly one WARNING that contains @path and @why, the
 * second with none. */
static void
assert_plays_with_one_warning (const char *path, const char *why)
{
  const char *want = fake_instagram_get_media_path (fake, FAKE_MEDIA_REEL_720);

  for (guint i = 0; i < 2; i++) {
    g_autoptr (IgTestRun) run = NULL;
    g_autofree char *out = ig_test_save (REEL_URI, PROPS, &run);
    g_autoptr (GError) warning = NULL;

    ig_test_assert_eos (run);
    fail_unless (ig_test_files_equal (out, want));
    fail_unless_equals_int (run->n_warnings, i == 0 ? 1 : 0);
    if (i > 0)
      break;
    gst_message_parse_warning (run->warning, &warning, NULL);
    GST_INFO ("warning: %s", warning->message);
    fail_unless (strstr (warning->message, path) != NULL, "%s",
        warning->message);
    fail_unless (strstr (warning->message, why) != NULL, "%s",
        warning->message);
    fail_unless (strstr (warning->message, "in this process only") != NULL,
        "%s", warning->message);
  }
}

/* Plays as assert_plays_with_one_warning () says, and nothing in the
 * test's directory changed. */
static void
assert_untouched_and_played (const char *path, const char *why)
{
  g_autofree char *before = snapshot (top);
  g_autofree char *after = NULL;

  assert_plays_with_one_warning (path, why);
  after = snapshot (top);
  fail_unless_equals_string (after, before);
}

GST_START_TEST (test_read_only)
{
  fail_unless (g_mkdir (cache, 0700) == 0);
  if (geteuid () != 0) {
    fail_unless (g_chmod (cache, 0500) == 0);
    assert_untouched_and_played (cache, "Permission denied");
    return;
  }
  if (!can_mount) {
    GST_WARNING ("skipped: root without a mount namespace of its own");
    return;
  }
  /* "none": the kernel ignores the type here, valgrind wants one */
  fail_unless (mount (cache, cache, "none", MS_BIND, NULL) == 0);
  fail_unless (
      mount ("none", cache, "none", MS_REMOUNT | MS_BIND | MS_RDONLY, NULL)
      == 0);
  assert_untouched_and_played (cache, "Read-only file system");
}
GST_END_TEST;

/* A tmpfs of 16 KiB, filled: the lock files can be made (inodes), the
 * state cannot be written. */
GST_START_TEST (test_no_space)
{
  g_autofree char *filler = g_build_filename (cache, "filler", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autofree char *tmp = g_build_filename (cache, "rate-limit.tmp", NULL);
  FILE *f;

  if (!can_mount) {
    GST_WARNING ("skipped: needs root and a mount namespace of its own");
    return;
  }
  fail_unless (g_mkdir (cache, 0700) == 0);
  fail_unless (mount ("tmpfs", cache, "tmpfs", 0, "size=16k,mode=0700") == 0);
  f = fopen (filler, "w");
  while (fputc ('x', f) != EOF && fflush (f) == 0)
    ;
  fclose (f);
  before = snapshot (elsewhere);
  assert_plays_with_one_warning (cache, "No space left on device");
  after = snapshot (elsewhere);
  fail_unless_equals_string (after, before);
  fail_if (g_file_test (tmp, G_FILE_TEST_EXISTS));
}
GST_END_TEST;

GST_START_TEST (test_regular_file)
{
  fail_unless (g_file_set_contents (cache, "not a directory\n", -1, NULL));
  assert_untouched_and_played (cache, "Not a directory");
}
GST_END_TEST;

/* Owned by another user (root: a directory given to nobody; others: the
 * root directory, which root owns). */
GST_START_TEST (test_foreign_owner)
{
  const char *dir = cache;

  if (geteuid () == 0) {
    fail_unless (g_mkdir (cache, 0700) == 0);
    fail_unless (chown (cache, NOBODY, NOBODY) == 0);
  } else {
    dir = "/";
    g_setenv ("GST_INSTAGRAM_CACHE_DIR", dir, TRUE);
  }
  assert_untouched_and_played (dir, "belongs to uid");
}
GST_END_TEST;

/* Ours, but others may write in it: they could plant files. */
GST_START_TEST (test_shared_directory)
{
  fail_unless (g_mkdir (cache, 0700) == 0);
  fail_unless (g_chmod (cache, 0777) == 0);
  assert_untouched_and_played (cache, "other users may write in it");
}
GST_END_TEST;

GST_START_TEST (test_symlink_for_the_directory)
{
  fail_unless (symlink (elsewhere, cache) == 0);
  assert_untouched_and_played (cache, "symbolic link, which is not followed");
}
GST_END_TEST;

/* Links in the directory, to a file and to a file that does not exist
 * yet (following it would create it). */
GST_START_TEST (test_symlinks_in_the_directory)
{
  g_autofree char *state = g_build_filename (cache, "rate-limit", NULL);
  g_autofree char *lock = g_build_filename (cache, "resolver.lock", NULL);
  g_autofree char *victim = g_build_filename (elsewhere, "victim", NULL);
  g_autofree char *absent = g_build_filename (elsewhere, "absent", NULL);
  g_autofree char *before = NULL, *after = NULL;

  fail_unless (g_mkdir (cache, 0700) == 0);
  fail_unless (symlink (victim, state) == 0);
  fail_unless (symlink (absent, lock) == 0);
  before = snapshot (elsewhere);
  assert_plays_with_one_warning (cache, "symbolic link, which is not followed");
  after = snapshot (elsewhere);
  fail_unless_equals_string (after, before);
  fail_unless (g_file_test (state, G_FILE_TEST_IS_SYMLINK));
  fail_if (g_file_test (absent, G_FILE_TEST_EXISTS));
}
GST_END_TEST;

/* A usable directory: whatever the umask, nobody else can read it. */
GST_START_TEST (test_private_files)
{
  mode_t mask = umask (0);
  g_autoptr (GDir) d = NULL;
  const char *name;
  struct stat st;

  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *out = ig_test_save (REEL_URI, PROPS, &run);

  umask (mask);
  ig_test_assert_eos (run);
  fail_unless_equals_int (run->n_warnings, 0);
  fail_unless (stat (cache, &st) == 0 && (st.st_mode & 0777) == 0700);
  d = g_dir_open (cache, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL) {
    g_autofree char *path = g_build_filename (cache, name, NULL);

    fail_unless (lstat (path, &st) == 0 && S_ISREG (st.st_mode));
    fail_unless ((st.st_mode & 0777) == 0600, "%s: %o", path, st.st_mode);
  }
}
GST_END_TEST;

static Suite *
cache_dir_suite (void)
{
  Suite *s = suite_create ("instagramsrc-cache-dir");
  TCase *tc = tcase_create ("cache-dir");

  suite_add_tcase (s, tc);
  tcase_set_timeout (tc, 120);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_read_only);
  tcase_add_test (tc, test_no_space);
  tcase_add_test (tc, test_regular_file);
  tcase_add_test (tc, test_foreign_owner);
  tcase_add_test (tc, test_shared_directory);
  tcase_add_test (tc, test_symlink_for_the_directory);
  tcase_add_test (tc, test_symlinks_in_the_directory);
  tcase_add_test (tc, test_private_files);
  return s;
}

/* Before any thread: threads made later share the namespace. Its mounts
 * go away with the test program. */
static void
enter_private_mounts (void)
{
  can_mount = geteuid () == 0 && unshare (CLONE_NEWNS) == 0
      && mount ("none", "/", "none", MS_REC | MS_PRIVATE, NULL) == 0;
}

int
main (int argc, char **argv)
{
  enter_private_mounts ();
  gst_check_init (&argc, &argv);
  return gst_check_run_suite (cache_dir_suite (), "cache-dir", __FILE__);
}
