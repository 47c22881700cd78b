/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-config.h"
#include "ig-error.h"

#include <stddef.h>
#include <string.h>

const IgConstantInfo ig_constants[IG_N_CONSTS] = {
  [IG_CONST_POLARIS_DOC_ID] = { "polaris-doc-id", IG_ENV_POLARIS_DOC_ID,
      IG_DEFAULT_POLARIS_DOC_ID, offsetof (IgConfig, polaris_doc_id),
      IG_VALUE_DIGITS },
  [IG_CONST_POST_ROOT_DOC_ID] = { "post-root-doc-id", IG_ENV_POST_ROOT_DOC_ID,
      IG_DEFAULT_POST_ROOT_DOC_ID, offsetof (IgConfig, post_root_doc_id),
      IG_VALUE_DIGITS },
  [IG_CONST_XDT_DOC_ID] = { "xdt-doc-id", IG_ENV_XDT_DOC_ID,
      IG_DEFAULT_XDT_DOC_ID, offsetof (IgConfig, xdt_doc_id), IG_VALUE_DIGITS },
  [IG_CONST_QUERY_HASH] = { "query-hash", IG_ENV_QUERY_HASH,
      IG_DEFAULT_QUERY_HASH, offsetof (IgConfig, query_hash), IG_VALUE_HEX },
  [IG_CONST_APP_ID] = { "app-id", IG_ENV_APP_ID, IG_DEFAULT_APP_ID,
      offsetof (IgConfig, app_id), IG_VALUE_DIGITS },
  [IG_CONST_ASBD_ID] = { "asbd-id", IG_ENV_ASBD_ID, IG_DEFAULT_ASBD_ID,
      offsetof (IgConfig, asbd_id), IG_VALUE_DIGITS },
  [IG_CONST_USER_AGENT] = { "user-agent", IG_ENV_USER_AGENT,
      IG_DEFAULT_USER_AGENT, offsetof (IgConfig, user_agent), IG_VALUE_TEXT },
};

char **
ig_config_slot (IgConfig *config, IgConstant constant)
{
  return (char **) ((char *) config + ig_constants[constant].offset);
}

/* A base must be an absolute http(s) URL; a trailing slash is dropped so
 * that paths can be appended with a single "/". */
static char *
normalize_base (const char *value, const char *fallback, const char *env,
    GPtrArray *warnings)
{
  g_autoptr (GUri) uri = g_uri_parse (value, G_URI_FLAGS_NONE, NULL);
  gsize len;

  if (uri == NULL || g_uri_get_host (uri) == NULL
      || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0
          && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0)) {
    ig_warnings_add (warnings,
        g_error_new (IG_ERROR, IG_ERROR_SETTINGS,
            "Ignoring %s=%s: not an absolute http(s) URL; using "
            "%s",
            env, value, fallback));
    return g_strdup (fallback);
  }
  len = strlen (value);
  while (len > 0 && value[len - 1] == '/')
    len--;
  return g_strndup (value, len);
}

static char *
env_base_or (const char *env, const char *fallback, GPtrArray *warnings)
{
  const char *value = g_getenv (env);

  if (value == NULL || *value == '\0')
    return g_strdup (fallback);
  return normalize_base (value, fallback, env, warnings);
}

void
ig_config_set (IgConfig *config, IgConstant constant, const char *value,
    gboolean pin)
{
  char **slot = ig_config_slot (config, constant);

  g_free (*slot);
  *slot = g_strdup (value);
  if (pin)
    config->pinned |= 1u << constant;
}

static char *
default_file (void)
{
  const char *path = g_getenv (IG_ENV_CONFIG_FILE);

  if (path != NULL && *path != '\0')
    return g_strdup (path);
  return g_build_filename (g_get_user_config_dir (), "gst-instagram",
      "instagram.conf", NULL);
}

IgConfig *
ig_config_new_from_env (GPtrArray *warnings)
{
  IgConfig *config = g_new0 (IgConfig, 1);
  g_autofree char *file = default_file ();
  guint i;

  config->www_base =
      env_base_or (IG_ENV_WWW_BASE, IG_DEFAULT_WWW_BASE, warnings);
  config->mobile_base =
      env_base_or (IG_ENV_MOBILE_BASE, IG_DEFAULT_MOBILE_BASE, warnings);
  for (i = 0; i < IG_N_CONSTS; i++)
    ig_config_set (config, i, ig_constants[i].fallback, FALSE);
  ig_config_read_file (config, file, warnings);
  for (i = 0; i < IG_N_CONSTS; i++) {
    const char *value = g_getenv (ig_constants[i].env);

    if (value != NULL && *value != '\0')
      ig_config_set (config, i, value, TRUE);
  }
  return config;
}

gboolean
ig_config_adopt (IgConfig *config, IgConstant constant, const char *value)
{
  if ((config->pinned & (1u << constant))
      || g_strcmp0 (*ig_config_slot (config, constant), value) == 0
      || !ig_config_value_ok (constant, value))
    return FALSE;
  ig_config_set (config, constant, value, FALSE);
  return TRUE;
}

IgConfig *
ig_config_copy (const IgConfig *config)
{
  IgConfig *copy = g_new0 (IgConfig, 1);
  guint i;

  copy->www_base = g_strdup (config->www_base);
  copy->mobile_base = g_strdup (config->mobile_base);
  for (i = 0; i < IG_N_CONSTS; i++)
    *ig_config_slot (copy, i) =
        g_strdup (*ig_config_slot ((IgConfig *) config, i));
  copy->pinned = config->pinned;
  return copy;
}

void
ig_config_free (IgConfig *config)
{
  guint i;

  if (config == NULL)
    return;
  g_free (config->www_base);
  g_free (config->mobile_base);
  for (i = 0; i < IG_N_CONSTS; i++)
    g_free (*ig_config_slot (config, i));
  g_free (config);
}

const char *
ig_config_key (IgConstant constant)
{
  return ig_constants[constant].key;
}
