/* gst-instagram: the rate limiter's request classes, apart from it so that
 * its stamp book and state file can name them without depending on it.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What kind of API request a request is; each has its own windows. */
typedef enum
{
  IG_RATE_CLASS_GRAPHQL, /* a GraphQL query; the key is its doc_id/hash */
  IG_RATE_CLASS_MOBILE, /* the mobile/REST API on i.instagram.com */
  IG_RATE_CLASS_OTHER, /* any other www request (pages, /api/v1 on www) */
  IG_RATE_N_CLASSES
} IgRateClass;

/* "graphql", "mobile", "other". */
const char *ig_rate_class_to_string (IgRateClass cls);
/* The class @name names, or IG_RATE_N_CLASSES. */
IgRateClass ig_rate_class_from_string (const char *name);

G_END_DECLS
