/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-error.h"

G_DEFINE_QUARK (ig - error - quark, ig_error)

void
ig_warnings_add (GPtrArray *warnings, GError *warning)
{
  if (warnings != NULL)
    g_ptr_array_add (warnings, warning);
  else
    g_error_free (warning);
}
