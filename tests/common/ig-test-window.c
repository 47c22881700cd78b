/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-test-window.h"

guint
ig_test_peak_in_window (const GArray *times, gint64 window_us)
{
  guint peak = 0;

  for (guint i = 0; i < times->len; i++) {
    gint64 from = g_array_index (times, gint64, i);
    guint n = 0;

    for (guint j = 0; j < times->len; j++) {
      gint64 d = g_array_index (times, gint64, j) - from;

      n += d >= 0 && d < window_us;
    }
    peak = MAX (peak, n);
  }
  return peak;
}
