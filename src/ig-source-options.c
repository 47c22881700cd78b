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
    .playlist = IG_SOURCE_DEFAULT_PLAYLIST,
    .max_items = IG_SOURCE_DEFAULT_MAX_ITEMS,
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
  dest->rate_limits = g_strdup (src->rate_limits);
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
  g_clear_pointer (&options->rate_limits, g_free);
}

/* Keys set later win and keys left out keep their value: the values set so
 * far, as one text that can be applied again on another base. "off", ""
 * and NULL start over. */
static void
merge_text (char **merged, const char *text)
{
  g_autofree char *word = text != NULL ? g_strstrip (g_strdup (text)) : NULL;
  char *joined;

  if (text == NULL || *text == '\0' || *merged == NULL
      || g_strcmp0 (word, "off") == 0 || g_strcmp0 (*merged, "off") == 0) {
    g_free (*merged);
    *merged = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
    return;
  }
  joined = g_strconcat (*merged, ",", text, NULL);
  g_free (*merged);
  *merged = joined;
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
  merge_text (&options->rate_limits, text);
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

/* The limits: the logged-in defaults with a session, else the anonymous
 * ones, then the property's keys, or else the environment's. */
static void
apply_limits (IgSourceOptions *options, GPtrArray *warnings)
{
  const char *env = g_getenv (IG_ENV_RATE_LIMITS);
  GError *error = NULL;

  if (options->cookies_file != NULL || options->session_id != NULL)
    ig_rate_limits_init_logged_in (&options->limits);
  else
    ig_rate_limits_init (&options->limits);
  if (options->limits_set) /* checked when the property was set */
    ig_rate_limits_parse (options->rate_limits, &options->limits, NULL);
  else if (env != NULL
      && !ig_rate_limits_parse (env, &options->limits, &error)) {
    ig_warnings_add (warnings,
        g_error_new (IG_ERROR, IG_ERROR_SETTINGS, "Ignoring %s: %s",
            IG_ENV_RATE_LIMITS, error->message));
    g_clear_error (&error);
  }
}

void
ig_source_options_apply_env (IgSourceOptions *options, GPtrArray *warnings)
{
  const char *delivery = g_getenv (IG_ENV_DELIVERY);

  if (!options->delivery_set && delivery != NULL
      && !parse_delivery (delivery, &options->delivery))
    ig_warnings_add (warnings,
        g_error_new (IG_ERROR, IG_ERROR_SETTINGS,
            "Ignoring %s=%s: use progressive, dash or auto", IG_ENV_DELIVERY,
            delivery));
  apply_limits (options, warnings);
}
