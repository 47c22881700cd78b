/* gst-instagram tests: files on disk (comparing them, removing what a test
 * made).
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Removes @path and, for a directory, everything below it. A symbolic
 * link is removed, never followed (tests plant links to places outside
 * their directory). Quiet about what is gone already. */
void ig_test_remove_tree (const char *path);

/* TRUE when both files hold the same bytes. */
gboolean ig_test_files_equal (const char *a, const char *b);

G_END_DECLS
