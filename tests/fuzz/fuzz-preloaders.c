/* libFuzzer target: the preloader manifest reader (expectedPreloaders in
 * pages): any bytes give only well-formed names and ids.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fuzz-common.h"
#include "ig-preloaders.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

static void
check (gpointer key, gpointer value, gpointer data)
{
  const char *name = key, *id = value;

  if (*name == '\0' || *id == '\0' || strlen (id) > 24 || strlen (name) > 128)
    abort ();
  for (; *id; id++) {
    if (!g_ascii_isdigit (*id))
      abort ();
  }
  for (; *name; name++) {
    if (!g_ascii_isalnum (*name) && *name != '_')
      abort ();
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GHashTable) ids = ig_preloaders_parse ((const char *) data, size);

  g_hash_table_foreach (ids, check, NULL);
  return 0;
}
