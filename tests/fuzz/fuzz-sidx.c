/* libFuzzer target: the segment index reader (ig_sidx_parse, a sidx box
 * from the CDN's bytes).
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fuzz-common.h"
#include "ig-sidx.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  /* Two offsets of the box in its file: a usual one and one near the top
   * of the 64-bit range. */
  static const guint64 offsets[] = { 812, G_MAXUINT64 - 4096 };

  for (guint o = 0; o < G_N_ELEMENTS (offsets); o++) {
    g_autoptr (GError) error = NULL;
    /* A copy of exactly @size bytes, so ASan sees any read past the end. */
    g_autofree guint8 *copy = g_memdup2 (data, size);
    g_autoptr (IgSidx) sidx = ig_sidx_parse (copy, size, offsets[o], &error);

    if (sidx == NULL) {
      if (error == NULL)
        abort ();
      continue;
    }
    if (error != NULL || sidx->references == NULL || sidx->references->len == 0)
      abort ();
    /* Subsegments follow each other in the file. */
    for (guint i = 0; i < sidx->references->len; i++) {
      const IgSidxReference *ref =
          &g_array_index (sidx->references, IgSidxReference, i);

      if (ref->first > ref->last)
        abort ();
      if (i > 0
          && ref->first
              != g_array_index (sidx->references, IgSidxReference, i - 1).last
                  + 1)
        abort ();
    }
  }
  return 0;
}
