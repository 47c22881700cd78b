/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-share.h"
#include "ig-error.h"

static IgMediaRef *
parse_target (const char *target, GError **error)
{
  g_autoptr (GError) local = NULL;
  IgMediaRef *ref = ig_media_ref_parse (target, &local);

  if (ref != NULL && ref->kind != IG_REF_SHARE)
    return ref;
  ig_media_ref_free (ref);
  g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
      "This share link leads to %s, which is not a post, story or "
      "highlight%s%s",
      target, local ? ": " : "", local ? local->message : "");
  return NULL;
}

/* The Location of Instagram's answer, or an error saying what came. */
static char *
redirect_target (IgApi *api, const IgMediaRef *share, GCancellable *cancellable,
    GError **error)
{
  g_autofree char *uri = g_strconcat (ig_api_get_config (api)->www_base,
      share->share_path, "/", NULL);
  g_autoptr (SoupMessage) msg = ig_api_new_message (api, "GET", uri, NULL);
  g_autoptr (IgResponse) response = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg),
      "Accept", "text/html,application/xhtml+xml");
  response = ig_api_fetch (api, msg, "share link", cancellable, error);
  if (response == NULL)
    return NULL;
  if (SOUP_STATUS_IS_REDIRECTION (response->status)
      && response->location != NULL)
    return g_strdup (response->location);
  if (response->status == 404)
    g_set_error (error, IG_ERROR, IG_ERROR_NOT_FOUND,
        "This share link does not exist: it was deleted, or the link is "
        "wrong\nshare link: HTTP 404");
  else if (ig_api_check_response (response, "share link", error))
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "share link: Instagram answered HTTP %u without a redirect",
        response->status);
  return NULL;
}

IgMediaRef *
ig_share_follow (IgApi *api, IgResolverCache *cache, const IgMediaRef *share,
    GCancellable *cancellable, GError **error)
{
  g_autofree char *target = NULL;
  GError *warning = NULL;
  IgMediaRef *ref;

  if (ig_resolver_cache_get_share (cache, share->share_path, &target,
          &warning)) {
    ig_api_warn (api, &warning);
    ig_api_log (api, IG_LOG_DEBUG, "share link %s: %s (resolver cache)",
        share->share_path, target);
    return parse_target (target, error);
  }
  ig_api_warn (api, &warning);
  target = redirect_target (api, share, cancellable, error);
  if (target == NULL || (ref = parse_target (target, error)) == NULL)
    return NULL;
  ig_api_log (api, IG_LOG_INFO, "share link %s leads to %s", share->share_path,
      target);
  ig_resolver_cache_put_share (cache, share->share_path, target, &warning);
  ig_api_warn (api, &warning);
  return ref;
}
