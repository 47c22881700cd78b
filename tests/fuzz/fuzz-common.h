/* gst-instagram fuzzing: what every libFuzzer target shares.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

/* Hostile input makes the code log warnings by design; printing them would
 * slow fuzzing down. A g_critical() or g_error() is a broken precondition,
 * i.e. a bug the input found: abort so libFuzzer records the input. */
/* A target may name one known critical of a system library (a substring of
 * its message) that is not ours to fix; it is then tolerated. */
static const char *fuzz_tolerated_critical;

static gboolean
fuzz_is_tolerated (const GLogField *fields, gsize n_fields)
{
  if (fuzz_tolerated_critical == NULL)
    return FALSE;
  for (gsize i = 0; i < n_fields; i++) {
    if (strcmp (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0
        && strstr (fields[i].value, fuzz_tolerated_critical) != NULL)
      return TRUE;
  }
  return FALSE;
}

static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields,
    gpointer user_data)
{
  if ((level & G_LOG_LEVEL_ERROR)
      || ((level & G_LOG_LEVEL_CRITICAL)
          && !fuzz_is_tolerated (fields, n_fields))) {
    g_log_writer_standard_streams (level, fields, n_fields, user_data);
    abort ();
  }
  return G_LOG_WRITER_HANDLED;
}

static inline void
fuzz_init_glib (void)
{
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
}

/* A NUL-terminated copy of the input: the APIs under test take C strings. */
static inline char *
fuzz_strndup (const uint8_t *data, size_t size)
{
  char *s = g_malloc (size + 1);

  if (size > 0)
    memcpy (s, data, size);
  s[size] = '\0';
  return s;
}
