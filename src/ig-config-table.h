/* gst-instagram: what ig-config.c and ig-config-file.c share about each
 * rotating constant. Internal to the configuration module.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ig-config.h"

G_BEGIN_DECLS

typedef enum
{
  IG_VALUE_DIGITS, /* 1..24 digits: doc_ids, app ids */
  IG_VALUE_HEX, /* 16..64 hex digits: query hashes */
  IG_VALUE_TEXT /* 1..512 printable ASCII: a user agent */
} IgValueKind;

typedef struct
{
  const char *key; /* in the file's [api] group */
  const char *env;
  const char *fallback;
  gsize offset; /* of the char * in IgConfig */
  IgValueKind kind;
} IgConstantInfo;

extern const IgConstantInfo ig_constants[IG_N_CONSTS];

char **ig_config_slot (IgConfig *config, IgConstant constant);
void ig_config_set (IgConfig *config, IgConstant constant, const char *value,
    gboolean pin);
/* TRUE when @value has the form @constant takes. */
gboolean ig_config_value_ok (IgConstant constant, const char *value);

G_END_DECLS
