/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-strategy.h"
#include "ig-error.h"
#include "ig-preloaders.h"

#include <string.h>

/* A token is short and made of URL-safe characters; anything else means
 * the regex-free scan below went astray. */
static char *
dup_token (const char *start, const char *end)
{
  const char *p;

  if (end == NULL || end == start || end - start > 256)
    return NULL;
  for (p = start; p < end; p++) {
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != ':')
      return NULL;
  }
  return g_strndup (start, end - start);
}

/* The value following @marker, up to the next '"'. */
static char *
token_after (const char *html, gsize len, const char *marker)
{
  const char *hit = g_strstr_len (html, len, marker);
  const char *start, *end;

  if (hit == NULL)
    return NULL;
  start = hit + strlen (marker);
  end = memchr (start, '"', html + len - start);
  return dup_token (start, end);
}

char *
ig_bootstrap_find_lsd (const char *html, gsize len)
{
  const char *eqmc = g_strstr_len (html, len, "id=\"__eqmc\"");
  const char *eqmc_end;
  char *token = NULL;

  if (eqmc != NULL) {
    /* Only __eqmc's own "l": it may be null, and "l" is a common key. */
    eqmc_end = g_strstr_len (eqmc, html + len - eqmc, "</script>");
    if (eqmc_end == NULL)
      eqmc_end = html + len;
    token = token_after (eqmc, eqmc_end - eqmc, "\"l\":\"");
  }
  if (token == NULL)
    token = token_after (html, len, "[\"LSD\",[],{\"token\":\"");
  return token;
}

gboolean
ig_bootstrap_run (IgApi *api, GCancellable *cancellable, GError **error)
{
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (IgResponse) response = NULL;
  g_autofree char *uri =
      g_strconcat (ig_api_get_config (api)->www_base, "/", NULL);
  g_autofree char *lsd = NULL;
  gsize len;
  const char *html;

  if (ig_api_is_bootstrapped (api))
    return TRUE;
  msg = ig_api_new_message (api, "GET", uri, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg),
      "Accept", "text/html,application/xhtml+xml");
  response = ig_api_send (api, msg, "homepage", cancellable, error);
  if (response == NULL)
    return FALSE;
  html = g_bytes_get_data (response->body, &len);
  if (html != NULL) {
    lsd = ig_bootstrap_find_lsd (html, len);
    ig_strategy_adopt_preloaders (api, html, len, "the homepage");
  }
  ig_api_set_bootstrapped (api, lsd);
  return TRUE;
}

void
ig_strategy_adopt_preloaders (IgApi *api, const char *html, gsize len,
    const char *where)
{
  static const struct
  {
    const char *query;
    IgConstant constant;
  } queries[] = {
    { IG_POLARIS_FRIENDLY_NAME, IG_CONST_POLARIS_DOC_ID },
    { IG_POST_ROOT_FRIENDLY_NAME, IG_CONST_POST_ROOT_DOC_ID },
  };
  g_autoptr (GHashTable) ids = ig_preloaders_parse (html, len);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (queries); i++) {
    const char *id = g_hash_table_lookup (ids, queries[i].query);

    if (id != NULL)
      ig_api_adopt_id (api, queries[i].constant, id, where, TRUE);
  }
}
