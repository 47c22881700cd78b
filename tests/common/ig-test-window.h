/* gst-instagram tests: how many requests a window of time held.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The most of @times (gint64 µs, any order) within any @window_us
 * microseconds: t <= time < t + @window_us, t one of them. */
guint ig_test_peak_in_window (const GArray *times, gint64 window_us);

G_END_DECLS
