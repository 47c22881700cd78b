/* gst-instagram: the size limits a chosen version must keep.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Both limits apply when both are set; 0 is no limit.
 * - max_height: the literal height (a 720x1280 portrait file is taller than
 *   720);
 * - max_resolution: the shorter side, as Instagram labels its DASH
 *   representations (FBQualityLabel="720p" on 720x1280) and as yt-dlp's
 *   "res" sort counts: a 720x1280 portrait file is "720p".
 * An unknown dimension (0) never exceeds a limit. */
typedef struct
{
  gint max_height;
  guint max_resolution;
} IgSizeCap;

static inline gboolean
ig_size_cap_allows (const IgSizeCap *cap, gint width, gint height)
{
  gint shorter = MIN (width, height);

  if (cap == NULL)
    return TRUE;
  if (cap->max_height > 0 && height > cap->max_height)
    return FALSE;
  return cap->max_resolution == 0 || shorter <= 0
      || (guint) shorter <= cap->max_resolution;
}

G_END_DECLS
