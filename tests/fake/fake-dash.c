/* gst-instagram tests: the byte ranges of the fake's DASH files.
 * The files are made at build time (make-media.sh, add-sidx.py), so the
 * SegmentBase ranges of the manifest are read from them when a manifest
 * is served, never written into a fixture.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-private.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8)
      | p[3];
}

/* Reads a box header at the file's position: its size (to the end of the
 * file when the box says 0) and type. FALSE at the end or on a bad box. */
static gboolean
read_box_header (FILE *f, guint64 offset, guint64 file_size, guint64 *size,
    char type[5])
{
  guint8 head[16];

  if (offset + 8 > file_size || fseek (f, (long) offset, SEEK_SET) != 0
      || fread (head, 1, 8, f) != 8)
    return FALSE;
  *size = read_be32 (head);
  memcpy (type, head + 4, 4);
  type[4] = '\0';
  if (*size == 1) {
    if (fread (head + 8, 1, 8, f) != 8)
      return FALSE;
    *size = ((guint64) read_be32 (head + 8) << 32) | read_be32 (head + 12);
  } else if (*size == 0) {
    *size = file_size - offset;
  }
  return *size >= 8 && offset + *size <= file_size;
}

/* The sidx timescale: after version/flags and reference_ID. */
static gboolean
read_sidx_timescale (FILE *f, guint64 offset, guint32 *timescale)
{
  guint8 field[4];

  if (fseek (f, (long) offset + 16, SEEK_SET) != 0
      || fread (field, 1, 4, f) != 4)
    return FALSE;
  *timescale = read_be32 (field);
  return TRUE;
}

/* Walks the top-level boxes up to the sidx: the layout must be ftyp, moov,
 * then sidx (isoff-on-demand), as Instagram's files are. */
static gboolean
scan_file (FILE *f, guint64 file_size, FakeDashRanges *out)
{
  guint64 offset = 0, size;
  char type[5];
  guint index = 0;

  out->init_end = 0;
  while (read_box_header (f, offset, file_size, &size, type)) {
    if (index == 0 && strcmp (type, "ftyp") != 0)
      return FALSE;
    if (strcmp (type, "moov") == 0)
      out->init_end = offset + size - 1;
    if (strcmp (type, "sidx") == 0) {
      out->index_start = offset;
      out->index_end = offset + size - 1;
      return out->init_end + 1 == offset
          && read_sidx_timescale (f, offset, &out->timescale);
    }
    offset += size;
    index++;
  }
  return FALSE;
}

gboolean
fake_dash_scan (const char *path, FakeDashRanges *out)
{
  GStatBuf st;
  FILE *f;
  gboolean ok;

  if (g_stat (path, &st) != 0 || (f = g_fopen (path, "rb")) == NULL)
    return FALSE;
  ok = scan_file (f, (guint64) st.st_size, out);
  fclose (f);
  return ok;
}

char *
fake_dash_segment_base (FakeInstagram *fi, const char *name)
{
  FakeDashRanges r;

  if (!fake_dash_scan (fake_instagram_get_media_path (fi, name), &r))
    return g_strdup_printf ("<!-- %s is not a dashinit file -->", name);
  return g_strdup_printf ("<SegmentBase indexRange=\"%" G_GUINT64_FORMAT
                          "-%" G_GUINT64_FORMAT "\" timescale=\"%u\">"
                          "<Initialization range=\"0-%" G_GUINT64_FORMAT
                          "\"/></SegmentBase>",
      r.index_start, r.index_end, r.timescale, r.init_end);
}

gboolean
fake_instagram_dash_ranges (FakeInstagram *fi, const char *name,
    guint64 *init_end, guint64 *index_start, guint64 *index_end)
{
  FakeDashRanges r;

  if (!fake_dash_scan (fake_instagram_get_media_path (fi, name), &r))
    return FALSE;
  *init_end = r.init_end;
  *index_start = r.index_start;
  *index_end = r.index_end;
  return TRUE;
}
