/* The `rate-limits` text form.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-ratelimit.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

typedef struct
{
  const char *name;
  gsize offset; /* of an IgRateWindow in IgRateLimits */
} WindowKey;

static const WindowKey window_keys[] = {
  { "graphql", G_STRUCT_OFFSET (IgRateLimits, graphql) },
  { "graphql-total", G_STRUCT_OFFSET (IgRateLimits, graphql_total) },
  { "mobile", G_STRUCT_OFFSET (IgRateLimits, mobile) },
  { "other", G_STRUCT_OFFSET (IgRateLimits, other) },
};

void
ig_rate_limits_init (IgRateLimits *limits)
{
  *limits = (IgRateLimits){
    .off = FALSE,
    .graphql = { IG_RATE_DEFAULT_GRAPHQL_COUNT,
        IG_RATE_DEFAULT_GRAPHQL_SECONDS },
    .graphql_total = { IG_RATE_DEFAULT_GRAPHQL_TOTAL_COUNT,
        IG_RATE_DEFAULT_GRAPHQL_TOTAL_SECONDS },
    .mobile = { IG_RATE_DEFAULT_MOBILE_COUNT, IG_RATE_DEFAULT_MOBILE_SECONDS },
    .other = { IG_RATE_DEFAULT_OTHER_COUNT, IG_RATE_DEFAULT_OTHER_SECONDS },
    .jitter_min = IG_RATE_DEFAULT_JITTER_MIN,
    .jitter_max = IG_RATE_DEFAULT_JITTER_MAX,
  };
}

void
ig_rate_limits_init_logged_in (IgRateLimits *limits)
{
  ig_rate_limits_init (limits);
  limits->graphql = (IgRateWindow){ IG_RATE_LOGGED_IN_GRAPHQL_COUNT,
    IG_RATE_LOGGED_IN_GRAPHQL_SECONDS };
  limits->graphql_total = (IgRateWindow){
    IG_RATE_LOGGED_IN_GRAPHQL_TOTAL_COUNT,
    IG_RATE_LOGGED_IN_GRAPHQL_TOTAL_SECONDS };
  limits->mobile = (IgRateWindow){ IG_RATE_LOGGED_IN_MOBILE_COUNT,
    IG_RATE_LOGGED_IN_MOBILE_SECONDS };
}

static IgRateWindow *
window_of (IgRateLimits *limits, const WindowKey *key)
{
  return (IgRateWindow *) ((char *) limits + key->offset);
}

/* "N/S", both integers >= 1. */
static gboolean
parse_window (const char *value, IgRateWindow *window)
{
  g_auto (GStrv) parts = g_strsplit (value, "/", 3);
  guint64 count, seconds;

  if (g_strv_length (parts) != 2
      || !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXUINT, &count, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 1,
          IG_RATE_MAX_WINDOW_SECONDS, &seconds, NULL))
    return FALSE;
  window->count = (guint) count;
  window->seconds = (guint) seconds;
  return TRUE;
}

static gboolean
parse_seconds (const char *text, gdouble *value)
{
  char *end = NULL;

  if (!g_ascii_isdigit (*text))
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && isfinite (*value) && *value >= 0
      && *value <= IG_RATE_MAX_JITTER;
}

/* "A" or "A-B". */
static gboolean
parse_jitter (const char *value, IgRateLimits *limits)
{
  const char *dash = value;
  g_autofree char *first = NULL;
  gdouble lo, hi;

  /* A-B; the '-' of an exponent (1.5e-05, as the canonical form may write
   * a tiny value) is part of the number, not the range. */
  while ((dash = strchr (dash + (dash != value), '-')) != NULL
      && dash > value && (dash[-1] == 'e' || dash[-1] == 'E'))
    ;
  first = dash != NULL ? g_strndup (value, dash - value) : g_strdup (value);
  if (!parse_seconds (first, &lo)
      || !parse_seconds (dash != NULL ? dash + 1 : first, &hi) || lo > hi)
    return FALSE;
  limits->jitter_min = lo;
  limits->jitter_max = hi;
  return TRUE;
}

static gboolean
parse_entry (const char *entry, IgRateLimits *limits)
{
  const char *eq = strchr (entry, '=');
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;

  if (eq == NULL)
    return FALSE;
  name = g_strstrip (g_strndup (entry, (gsize) (eq - entry)));
  value = g_strstrip (g_strdup (eq + 1));
  if (strcmp (name, "jitter") == 0)
    return parse_jitter (value, limits);
  for (guint i = 0; i < G_N_ELEMENTS (window_keys); i++) {
    if (strcmp (name, window_keys[i].name) == 0)
      return parse_window (value, window_of (limits, &window_keys[i]));
  }
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++) {
    if (!g_ascii_isspace (*text))
      return FALSE;
  }
  return TRUE;
}

gboolean
ig_rate_limits_parse (const char *text, IgRateLimits *limits, GError **error)
{
  g_auto (GStrv) entries = NULL;
  IgRateLimits next = *limits;

  if (text == NULL || is_blank (text)) {
    ig_rate_limits_init (limits);
    return TRUE;
  }
  entries = g_strsplit (text, ",", -1);
  if (g_strv_length (entries) == 1
      && g_ascii_strcasecmp (g_strstrip (entries[0]), "off") == 0) {
    limits->off = TRUE;
    return TRUE;
  }
  next.off = FALSE;
  for (guint i = 0; entries[i] != NULL; i++) {
    g_strstrip (entries[i]);
    if (!parse_entry (entries[i], &next)) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
          "Invalid rate-limits entry '%s' in '%s': expected "
          "graphql|graphql-total|mobile|other=COUNT/SECONDS, "
          "jitter=SECONDS[-SECONDS] or off",
          entries[i], text);
      return FALSE;
    }
  }
  *limits = next;
  return TRUE;
}

/* The shortest decimal form that reads back as @v. */
static void
append_seconds (GString *out, gdouble v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.15g", v);
  if (g_ascii_strtod (buf, NULL) != v)
    g_ascii_dtostr (buf, sizeof buf, v);
  g_string_append (out, buf);
}

char *
ig_rate_limits_to_string (const IgRateLimits *limits)
{
  GString *out;

  if (limits->off)
    return g_strdup ("off");
  out = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (window_keys); i++) {
    const IgRateWindow *w =
        window_of ((IgRateLimits *) limits, &window_keys[i]);

    g_string_append_printf (out, "%s=%u/%u,", window_keys[i].name, w->count,
        w->seconds);
  }
  g_string_append (out, "jitter=");
  append_seconds (out, limits->jitter_min);
  if (limits->jitter_max != limits->jitter_min) {
    g_string_append_c (out, '-');
    append_seconds (out, limits->jitter_max);
  }
  return g_string_free (out, FALSE);
}
