/* gst-instagram: the segment index (sidx box) of a DASH on-demand file.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Index boxes larger than this are refused (real ones hold one 12-byte
 * entry per second or two of media). */
#define IG_SIDX_MAX_SIZE (256 * 1024)

/* One subsegment: its bytes in the file and its duration. */
typedef struct
{
  guint64 first; /* absolute byte offsets, inclusive */
  guint64 last;
  guint32 duration; /* in the index's timescale */
} IgSidxReference;

typedef struct
{
  guint32 timescale;
  guint64 earliest_presentation_time;
  GArray *references; /* IgSidxReference, at least one */
} IgSidx;

/* Parses the sidx box that starts at byte @box_offset of the file and whose
 * bytes are @data. IG_ERROR_BAD_RESPONSE for anything but a single-level
 * index of media subsegments that fits in @data. */
IgSidx *ig_sidx_parse (const guint8 *data, gsize len, guint64 box_offset,
    GError **error);
void ig_sidx_free (IgSidx *sidx);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IgSidx, ig_sidx_free)

G_END_DECLS
