/* libFuzzer target: the URI parser (ig_media_ref_parse) and the permalink
 * built from what it accepts.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fuzz-common.h"
#include "ig-uri.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *uri = fuzz_strndup (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (IgMediaRef) ref = ig_media_ref_parse (uri, &error);

  if (ref == NULL) {
    /* Refusals must say why. */
    if (error == NULL || error->message == NULL)
      abort ();
    return 0;
  }
  if (error != NULL)
    abort ();
  {
    g_autofree char *permalink = ig_media_ref_to_permalink (ref);
    g_autoptr (IgMediaRef) copy = ig_media_ref_copy (ref);
    g_autofree char *permalink2 = ig_media_ref_to_permalink (copy);

    if (permalink == NULL || permalink2 == NULL
        || strcmp (permalink, permalink2) != 0)
      abort ();
  }
  return 0;
}
