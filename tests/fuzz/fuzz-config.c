/* libFuzzer target: the configuration file reader (instagram.conf): any
 * bytes give the built-in values or well-formed ones, and at most one
 * warning per key or one for the file.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fuzz-common.h"
#include "ig-config.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_glib ();
  g_setenv (IG_ENV_CONFIG_FILE, "/nonexistent/instagram.conf", TRUE);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (IgConfig) config = ig_config_new_from_env (NULL);
  g_autoptr (GPtrArray) warnings =
      g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  ig_config_read_data (config, "instagram.conf", (const char *) data, size,
      warnings);
  /* every value is printable ASCII, never empty */
  if (config->polaris_doc_id == NULL || *config->polaris_doc_id == '\0'
      || config->user_agent == NULL || *config->user_agent == '\0'
      || warnings->len > IG_N_CONSTS)
    abort ();
  for (const char *p = config->user_agent; *p; p++) {
    if (*p < 0x20 || *p > 0x7e)
      abort ();
  }
  return 0;
}
