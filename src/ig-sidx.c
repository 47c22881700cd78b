/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-sidx.h"

#include "ig-error.h"

/* A bounds-checked big-endian reader over the box. */
typedef struct
{
  const guint8 *data;
  gsize len;
  gsize pos;
} Cursor;

static gboolean
read_uint (Cursor *c, guint bytes, guint64 *value)
{
  if (c->len - c->pos < bytes)
    return FALSE;
  *value = 0;
  for (guint i = 0; i < bytes; i++)
    *value = (*value << 8) | c->data[c->pos++];
  return TRUE;
}

static gboolean
fail (GError **error, const char *why)
{
  g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
      "the DASH segment index is unusable: %s", why);
  return FALSE;
}

/* Size and type; leaves @c at the start of the box's content, with its
 * length cut to the box. */
static gboolean
read_header (Cursor *c, GError **error)
{
  guint64 size = 0, type = 0;

  if (!read_uint (c, 4, &size) || !read_uint (c, 4, &type))
    return fail (error, "truncated box header");
  if (type != 0x73696478) /* "sidx" */
    return fail (error, "not a sidx box");
  if (size == 1 && !read_uint (c, 8, &size))
    return fail (error, "truncated box header");
  if (size == 0)
    size = c->len;
  if (size < c->pos || size > c->len || size > IG_SIDX_MAX_SIZE)
    return fail (error, "box size out of range");
  c->len = size;
  return TRUE;
}

static gboolean
read_references (Cursor *c, guint64 count, guint64 offset, IgSidx *sidx,
    GError **error)
{
  for (guint64 i = 0; i < count; i++) {
    guint64 word = 0, duration = 0, sap = 0;
    IgSidxReference ref;

    if (!read_uint (c, 4, &word) || !read_uint (c, 4, &duration)
        || !read_uint (c, 4, &sap))
      return fail (error, "truncated reference");
    if (word >> 31)
      return fail (error, "hierarchical index");
    if ((word & 0x7fffffff) == 0)
      return fail (error, "empty subsegment");
    ref.first = offset;
    ref.last = offset + (word & 0x7fffffff) - 1;
    ref.duration = (guint32) duration;
    offset = ref.last + 1;
    g_array_append_val (sidx->references, ref);
  }
  return TRUE;
}

/* version, flags, reference_ID, timescale, earliest time, first offset,
 * reserved, count, then the references. */
static gboolean
read_fields (Cursor *c, guint64 box_offset, IgSidx *sidx, GError **error)
{
  guint64 version = 0, skip = 0, timescale = 0, ept = 0, first = 0, count = 0;
  guint wide;

  if (!read_uint (c, 1, &version) || !read_uint (c, 3, &skip)
      || !read_uint (c, 4, &skip) || !read_uint (c, 4, &timescale))
    return fail (error, "truncated");
  wide = version == 0 ? 4 : 8;
  if (!read_uint (c, wide, &ept) || !read_uint (c, wide, &first)
      || !read_uint (c, 2, &skip) || !read_uint (c, 2, &count))
    return fail (error, "truncated");
  if (version > 1 || timescale == 0 || count == 0)
    return fail (error, "unknown version, no timescale or no reference");
  /* offsets count from the first byte after the box */
  if (first > G_MAXUINT32 || box_offset > G_MAXUINT64 / 2)
    return fail (error, "offset out of range");
  sidx->timescale = (guint32) timescale;
  sidx->earliest_presentation_time = ept;
  return read_references (c, count, box_offset + c->len + first, sidx, error);
}

IgSidx *
ig_sidx_parse (const guint8 *data, gsize len, guint64 box_offset,
    GError **error)
{
  Cursor c = { data, len, 0 };
  g_autoptr (IgSidx) sidx = g_new0 (IgSidx, 1);

  sidx->references = g_array_new (FALSE, FALSE, sizeof (IgSidxReference));
  if (!read_header (&c, error) || !read_fields (&c, box_offset, sidx, error))
    return NULL;
  return g_steal_pointer (&sidx);
}

void
ig_sidx_free (IgSidx *sidx)
{
  if (sidx == NULL)
    return;
  if (sidx->references != NULL)
    g_array_unref (sidx->references);
  g_free (sidx);
}
