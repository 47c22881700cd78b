/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-source.h"

#include "ig-error.h"

void
ig_source_options_init (IgSourceOptions *options)
{
  *options = (IgSourceOptions){
    .max_height = IG_SOURCE_DEFAULT_MAX_HEIGHT,
    .max_resolution = IG_SOURCE_DEFAULT_MAX_RESOLUTION,
    .media_kind = IG_SOURCE_DEFAULT_MEDIA_KIND,
    .media_index = IG_SOURCE_DEFAULT_MEDIA_INDEX,
    .timeout = IG_SOURCE_DEFAULT_TIMEOUT,
    .retries = IG_SOURCE_DEFAULT_RETRIES,
    .ssl_strict = IG_SOURCE_DEFAULT_SSL_STRICT,
    .max_wait = IG_SOURCE_DEFAULT_MAX_WAIT,
    .delivery = IG_SOURCE_DEFAULT_DELIVERY,
    .video_codec = IG_SOURCE_DEFAULT_VIDEO_CODEC,
  };
  ig_rate_limits_init (&options->limits);
}

void
ig_source_options_copy (IgSourceOptions *dest, const IgSourceOptions *src)
{
  *dest = *src;
  dest->uri = g_strdup (src->uri);
  dest->user_agent = g_strdup (src->user_agent);
  dest->proxy = g_strdup (src->proxy);
  dest->cookies_file = g_strdup (src->cookies_file);
  dest->session_id = g_strdup (src->session_id);
  dest->rate_limit_state = g_strdup (src->rate_limit_state);
}

void
ig_source_options_clear (IgSourceOptions *options)
{
  g_clear_pointer (&options->uri, g_free);
  g_clear_pointer (&options->user_agent, g_free);
  g_clear_pointer (&options->proxy, g_free);
  g_clear_pointer (&options->cookies_file, g_free);
  g_clear_pointer (&options->session_id, g_free);
  g_clear_pointer (&options->rate_limit_state, g_free);
}

gboolean
ig_source_options_set_rate_limits (IgSourceOptions *options, const char *text,
    GError **error)
{
  IgRateLimits limits = options->limits;

  if (!ig_rate_limits_parse (text, &limits, error))
    return FALSE;
  options->limits = limits;
  options->limits_set = TRUE;
  return TRUE;
}

static gboolean
parse_delivery (const char *text, IgDelivery *delivery)
{
  static const char *const names[] = { "progressive", "dash", "auto" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (names); i++) {
    if (g_strcmp0 (text, names[i]) == 0) {
      *delivery = (IgDelivery) i;
      return TRUE;
    }
  }
  return FALSE;
}

static void
warn (GPtrArray *warnings, GError *warning)
{
  if (warnings != NULL)
    g_ptr_array_add (warnings, warning);
  else
    g_error_free (warning);
}

void
ig_source_options_apply_env (IgSourceOptions *options, GPtrArray *warnings)
{
  const char *delivery = g_getenv (IG_ENV_DELIVERY);
  const char *limits = g_getenv (IG_ENV_RATE_LIMITS);
  GError *error = NULL;

  if (!options->delivery_set && delivery != NULL
      && !parse_delivery (delivery, &options->delivery))
    warn (warnings,
        g_error_new (IG_ERROR, IG_ERROR_SETTINGS,
            "Ignoring %s=%s: use progressive, dash or auto", IG_ENV_DELIVERY,
            delivery));
  if (!options->limits_set && limits != NULL
      && !ig_rate_limits_parse (limits, &options->limits, &error)) {
    warn (warnings,
        g_error_new (IG_ERROR, IG_ERROR_SETTINGS, "Ignoring %s: %s",
            IG_ENV_RATE_LIMITS, error->message));
    g_clear_error (&error);
  }
}
