/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-config.h"
#include "ig-error.h"

#include <string.h>

#define GROUP "api"
/* Larger files are not a configuration file. */
#define MAX_FILE (64 * 1024)

static gboolean
char_ok (IgValueKind kind, char c)
{
  switch (kind) {
    case IG_VALUE_DIGITS:
      return g_ascii_isdigit (c);
    case IG_VALUE_HEX:
      return g_ascii_isxdigit (c);
    default:
      return c >= 0x20 && c <= 0x7e;
  }
}

gboolean
ig_config_value_ok (IgConstant constant, const char *value)
{
  static const gsize min_len[] = { 1, 16, 1 }, max_len[] = { 24, 64, 512 };
  IgValueKind kind = ig_constants[constant].kind;
  gsize len = value != NULL ? strlen (value) : 0, i;

  if (len < min_len[kind] || len > max_len[kind])
    return FALSE;
  for (i = 0; i < len; i++) {
    if (!char_ok (kind, value[i]))
      return FALSE;
  }
  return TRUE;
}

static void
warn_at (GPtrArray *warnings, const char *path, guint line, const char *what)
{
  GError *warning = line > 0
      ? g_error_new (IG_ERROR, IG_ERROR_SETTINGS,
          "%s:%u: %s; using the built-in values", path, line, what)
      : g_error_new (IG_ERROR, IG_ERROR_SETTINGS,
          "%s: %s; using the built-in values", path, what);

  ig_warnings_add (warnings, warning);
}

/* The 1-based number of the first line GKeyFile cannot take (not blank, a
 * comment, a [group] or key=value), or 0. */
static guint
first_bad_line (const char *data)
{
  g_auto (GStrv) lines = g_strsplit (data, "\n", -1);
  guint i;

  for (i = 0; lines[i] != NULL; i++) {
    const char *l = g_strstrip (lines[i]);

    if (*l != '\0' && *l != '#' && !(*l == '[' && l[strlen (l) - 1] == ']')
        && strchr (l, '=') == NULL)
      return i + 1;
  }
  return 0;
}

/* The line of @key in the [api] group, for messages. */
static guint
line_of (const char *data, const char *key)
{
  g_auto (GStrv) lines = g_strsplit (data, "\n", -1);
  gboolean in_api = FALSE;
  guint i;

  for (i = 0; lines[i] != NULL; i++) {
    const char *l = g_strstrip (lines[i]);

    if (*l == '[')
      in_api = strcmp (l, "[" GROUP "]") == 0;
    else if (in_api && g_str_has_prefix (l, key)) {
      const char *rest = l + strlen (key);

      while (*rest == ' ' || *rest == '\t')
        rest++;
      if (*rest == '=')
        return i + 1;
    }
  }
  return 0;
}

static void
take_values (IgConfig *config, GKeyFile *kf, const char *path, const char *data,
    GPtrArray *warnings)
{
  guint i;

  for (i = 0; i < IG_N_CONSTS; i++) {
    g_autofree char *value =
        g_key_file_get_string (kf, GROUP, ig_constants[i].key, NULL);
    g_autofree char *what = NULL;

    if (value == NULL)
      continue;
    g_strstrip (value);
    if (ig_config_value_ok (i, value)) {
      ig_config_set (config, i, value, TRUE);
      continue;
    }
    what = g_strdup_printf ("%s has a malformed value", ig_constants[i].key);
    warn_at (warnings, path, line_of (data, ig_constants[i].key), what);
  }
}

void
ig_config_read_data (IgConfig *config, const char *path, const char *data,
    gsize len, GPtrArray *warnings)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autofree char *text = NULL;
  guint bad;

  if (len > MAX_FILE || memchr (data, '\0', len) != NULL
      || !g_utf8_validate (data, len, NULL)) {
    warn_at (warnings, path, 1, "not a text configuration file");
    return;
  }
  text = g_strndup (data, len);
  if ((bad = first_bad_line (text)) != 0
      || !g_key_file_load_from_data (kf, text, len, G_KEY_FILE_NONE, NULL)) {
    warn_at (warnings, path, bad != 0 ? bad : 1,
        "not a key=value line, a [group] or a comment");
    return;
  }
  take_values (config, kf, path, text, warnings);
}

void
ig_config_read_file (IgConfig *config, const char *path, GPtrArray *warnings)
{
  g_autofree char *data = NULL;
  g_autoptr (GError) error = NULL;
  gsize len;

  if (!g_file_get_contents (path, &data, &len, &error)) {
    if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
      warn_at (warnings, path, 0, error->message);
    return;
  }
  ig_config_read_data (config, path, data, len, warnings);
}
