/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-ratelimit-class.h"

#include <string.h>

static const char *const class_names[IG_RATE_N_CLASSES] = {
  "graphql",
  "mobile",
  "other",
};

const char *
ig_rate_class_to_string (IgRateClass cls)
{
  g_return_val_if_fail (cls < IG_RATE_N_CLASSES, "other");
  return class_names[cls];
}

IgRateClass
ig_rate_class_from_string (const char *name)
{
  for (guint c = 0; c < IG_RATE_N_CLASSES; c++) {
    if (strcmp (name, class_names[c]) == 0)
      return c;
  }
  return IG_RATE_N_CLASSES;
}
