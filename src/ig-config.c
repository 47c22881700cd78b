/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-config.h"
#include "ig-error.h"

#include <string.h>

/* A base must be an absolute http(s) URL; a trailing slash is dropped so
 * that paths can be appended with a single "/". */
static char *
normalize_base (const char *value, const char *fallback, const char *env,
    GPtrArray *warnings)
{
  g_autoptr (GUri) uri = NULL;
  gsize len;

  uri = g_uri_parse (value, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL
      || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0
          && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0)) {
    if (warnings != NULL)
      g_ptr_array_add (warnings,
          g_error_new (IG_ERROR, IG_ERROR_SETTINGS,
              "Ignoring %s=%s: not an absolute http(s) URL; using %s", env,
              value, fallback));
    return g_strdup (fallback);
  }
  len = strlen (value);
  while (len > 0 && value[len - 1] == '/')
    len--;
  return g_strndup (value, len);
}

static char *
env_or (const char *env, const char *fallback)
{
  const char *value = g_getenv (env);

  return g_strdup (value != NULL && *value != '\0' ? value : fallback);
}

static char *
env_base_or (const char *env, const char *fallback, GPtrArray *warnings)
{
  const char *value = g_getenv (env);

  if (value == NULL || *value == '\0')
    return g_strdup (fallback);
  return normalize_base (value, fallback, env, warnings);
}

IgConfig *
ig_config_new_from_env (GPtrArray *warnings)
{
  IgConfig *config = g_new0 (IgConfig, 1);

  config->www_base =
      env_base_or (IG_ENV_WWW_BASE, IG_DEFAULT_WWW_BASE, warnings);
  config->mobile_base =
      env_base_or (IG_ENV_MOBILE_BASE, IG_DEFAULT_MOBILE_BASE, warnings);
  config->polaris_doc_id =
      env_or (IG_ENV_POLARIS_DOC_ID, IG_DEFAULT_POLARIS_DOC_ID);
  config->xdt_doc_id = env_or (IG_ENV_XDT_DOC_ID, IG_DEFAULT_XDT_DOC_ID);
  config->query_hash = env_or (IG_ENV_QUERY_HASH, IG_DEFAULT_QUERY_HASH);
  config->app_id = env_or (IG_ENV_APP_ID, IG_DEFAULT_APP_ID);
  config->asbd_id = env_or (IG_ENV_ASBD_ID, IG_DEFAULT_ASBD_ID);
  config->user_agent = env_or (IG_ENV_USER_AGENT, IG_DEFAULT_USER_AGENT);
  return config;
}

IgConfig *
ig_config_copy (const IgConfig *config)
{
  IgConfig *copy = g_new0 (IgConfig, 1);

  copy->www_base = g_strdup (config->www_base);
  copy->mobile_base = g_strdup (config->mobile_base);
  copy->polaris_doc_id = g_strdup (config->polaris_doc_id);
  copy->xdt_doc_id = g_strdup (config->xdt_doc_id);
  copy->query_hash = g_strdup (config->query_hash);
  copy->app_id = g_strdup (config->app_id);
  copy->asbd_id = g_strdup (config->asbd_id);
  copy->user_agent = g_strdup (config->user_agent);
  return copy;
}

void
ig_config_free (IgConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->www_base);
  g_free (config->mobile_base);
  g_free (config->polaris_doc_id);
  g_free (config->xdt_doc_id);
  g_free (config->query_hash);
  g_free (config->app_id);
  g_free (config->asbd_id);
  g_free (config->user_agent);
  g_free (config);
}
