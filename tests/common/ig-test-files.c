/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-test-files.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

void
ig_test_remove_tree (const char *path)
{
  GStatBuf st;
  GDir *dir;
  const char *name;

  if (g_lstat (path, &st) != 0)
    return;
  if (!S_ISDIR (st.st_mode)) {
    g_unlink (path);
    return;
  }
  g_chmod (path, 0700); /* a test may have made it read-only */
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL) {
    g_autofree char *child = g_build_filename (path, name, NULL);

    ig_test_remove_tree (child);
  }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (path);
}

gboolean
ig_test_files_equal (const char *a, const char *b)
{
  g_autofree char *da = NULL, *db = NULL;
  gsize la = 0, lb = 0;

  if (!g_file_get_contents (a, &da, &la, NULL)
      || !g_file_get_contents (b, &db, &lb, NULL))
    return FALSE;
  return la == lb && memcmp (da, db, la) == 0;
}
