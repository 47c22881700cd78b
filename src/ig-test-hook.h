/* gst-instagram: fault points for the crash and fault tests.
 *
 * Code that changes shared files names each step it takes with
 * IG_TEST_HOOK ("point"). Only test programs (linked with igcore_test_dep,
 * built with IG_TEST_HOOKS) listen: there the environment variable
 * IG_TEST_HOOK="POINT:ACTION[:N]" acts the N-th time (default 1, counted
 * per process since the variable last changed) the process reaches POINT
 * ("*": any point):
 *   kill    SIGKILL the process there, as a crash or the OOM killer would;
 *   ENOSPC, EROFS, EACCES or EIO: the step fails with that errno, that time
 *           and every time after.
 * Everywhere else IG_TEST_HOOK () is 0 and costs nothing.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define IG_TEST_HOOK_ENV "IG_TEST_HOOK"

/* In test programs, IG_TEST_LOCK_WAIT_MS=N also shortens the wait for a
 * lock (IG_LOCKED_FILE_WAIT_US) to N ms. */
#define IG_TEST_LOCK_WAIT_ENV "IG_TEST_LOCK_WAIT_MS"

#ifdef IG_TEST_HOOKS
/* 0 to go on, or the errno the step at @point must fail with; may not
 * return (kill). */
int ig_test_hook (const char *point);
#define IG_TEST_HOOK(point) ig_test_hook (point)
gint64 ig_test_lock_wait_us (gint64 normal_us);
#define IG_TEST_LOCK_WAIT_US(normal_us) ig_test_lock_wait_us (normal_us)
#else
#define IG_TEST_HOOK(point) 0
#define IG_TEST_LOCK_WAIT_US(normal_us) (normal_us)
#endif

G_END_DECLS
