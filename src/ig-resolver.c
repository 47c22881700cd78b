/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-resolver.h"
#include "ig-error.h"
#include "ig-stories.h"
#include "ig-resolver-chain.h"
#include "ig-strategy.h"

/* The bootstrap and ruling steps only help the strategies: an odd answer
 * there is logged and the chain goes on. A clean one is kept for the next
 * resolutions. */
static gboolean
prepare (IgApi *api, IgResolverCache *cache, const IgMediaRef *ref,
    GCancellable *cancellable, GString *failures, GError **error)
{
  IgBootstrap bootstrap;
  GError *local = NULL, *warning = NULL;

  if (!ig_bootstrap_run (api, cancellable, &local)
      || !ig_ruling_check (api, ref->media_pk, cancellable, &local)) {
    if (ig_chain_is_final (local, TRUE)) {
      g_propagate_error (error, local);
      return FALSE;
    }
    g_string_append_printf (failures, "%s; ", local->message);
    g_clear_error (&local);
    return TRUE;
  }
  if (ig_api_export_bootstrap (api, &bootstrap))
    ig_resolver_cache_put_bootstrap (cache, &bootstrap, &warning);
  ig_bootstrap_clear (&bootstrap);
  ig_api_warn (api, &warning);
  return TRUE;
}

/* Starts from the bootstrap an earlier resolution left, when there is one
 * and no logged-in session is in the jar. Returns its csrftoken. */
static char *
use_cached_bootstrap (IgApi *api, IgResolverCache *cache)
{
  IgBootstrap bootstrap;
  GError *warning = NULL;
  char *csrftoken = NULL;

  if (!ig_api_has_session (api)
      && ig_resolver_cache_get_bootstrap (cache,
          ig_api_get_config (api)->www_base, &bootstrap, &warning)) {
    ig_api_import_bootstrap (api, &bootstrap);
    csrftoken = g_steal_pointer (&bootstrap.csrftoken);
    ig_bootstrap_clear (&bootstrap);
  }
  ig_api_warn (api, &warning);
  return csrftoken;
}

/* The doc_ids pages named to earlier resolutions, unless pinned. */
static void
adopt_cached_ids (IgApi *api, IgResolverCache *cache)
{
  static const IgConstant ids[] = { IG_CONST_POLARIS_DOC_ID,
    IG_CONST_POST_ROOT_DOC_ID };
  GError *warning = NULL;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (ids); i++) {
    g_autofree char *id = NULL;

    if (ig_resolver_cache_get_doc_id (cache, ig_config_key (ids[i]), &id,
            &warning))
      ig_api_adopt_id (api, ids[i], id, "an earlier page (resolver cache)",
          FALSE);
    ig_api_warn (api, &warning);
  }
}

/* ... and the ones this resolution's pages named, for the next. */
static void
store_seen_ids (IgApi *api, IgResolverCache *cache)
{
  GPtrArray *seen = ig_api_get_seen_ids (api);
  GError *warning = NULL;
  guint i;

  for (i = 0; i < seen->len; i++) {
    const IgSeenId *s = g_ptr_array_index (seen, i);

    ig_resolver_cache_put_doc_id (cache, ig_config_key (s->constant), s->id,
        s->where, &warning);
    ig_api_warn (api, &warning);
  }
}

/* Anonymously: from a cached bootstrap when there is one (one request for
 * a public post); an answer that refuses it drops it, and the chain runs
 * once more from a fresh homepage visit. */
static IgPost *
resolve_from_bootstrap (IgApi *api, IgResolverCache *cache,
    const IgMediaRef *ref, GCancellable *cancellable, GString *failures,
    GError **error)
{
  g_autofree char *cached = use_cached_bootstrap (api, cache);
  gboolean refused = FALSE;
  GError *local = NULL, *warning = NULL;
  IgPost *post;

  if (cached == NULL
      && !prepare (api, cache, ref, cancellable, failures, error))
    return NULL;
  post = ig_chain_run (api, cache, ref, cached != NULL, &refused, failures,
      cancellable, &local);
  if (post != NULL || !refused) {
    if (local != NULL)
      g_propagate_error (error, local);
    return post;
  }
  g_string_append_printf (failures, "the cached bootstrap was refused (%s); ",
      local->message);
  g_clear_error (&local);
  ig_resolver_cache_drop_bootstrap (cache, cached, &warning);
  ig_api_warn (api, &warning);
  ig_api_reset_bootstrap (api);
  if (!prepare (api, cache, ref, cancellable, failures, error))
    return NULL;
  return ig_chain_run (api, cache, ref, FALSE, &refused, failures, cancellable,
      error);
}

static IgPost *
resolve_anonymously (IgApi *api, IgResolverCache *cache, const IgMediaRef *ref,
    GCancellable *cancellable, GString *failures, GError **error)
{
  IgPost *post;

  adopt_cached_ids (api, cache);
  post = resolve_from_bootstrap (api, cache, ref, cancellable, failures, error);
  store_seen_ids (api, cache);
  return post;
}


/* With a session, the mobile/REST answer comes first: it is richer and
 * serves private posts. A login wall there means the cookies are no longer
 * valid: forget them and go on anonymously. */
static IgPost *
try_logged_in (IgApi *api, const IgMediaRef *ref, GCancellable *cancellable,
    GString *failures, GError **error)
{
  GError *local = NULL;
  IgPost *post;

  if (!ig_api_has_session (api))
    return NULL;
  post = ig_strategy_media_info (api, ref, cancellable, &local);
  if (post != NULL)
    return post;
  if (g_error_matches (local, IG_ERROR, IG_ERROR_LOGIN_REQUIRED)) {
    ig_api_reject_session (api, local);
  } else if (ig_chain_is_final (local, FALSE)) {
    g_propagate_error (error, local);
    return NULL;
  }
  g_string_append_printf (failures, "%s; ", local->message);
  g_error_free (local);
  return NULL;
}

/* A login wall here means the session is no longer valid; nothing can be
 * done anonymously for stories. */
static IgPost *
resolve_stories (IgApi *api, const IgMediaRef *ref, GCancellable *cancellable,
    GError **error)
{
  GError *local = NULL;
  IgPost *post = ig_stories_resolve (api, ref, cancellable, &local);

  /* nothing to go on with anonymously: the error says it all */
  if (g_error_matches (local, IG_ERROR, IG_ERROR_LOGIN_REQUIRED)) {
    local->code = IG_ERROR_SESSION_REFUSED;
    g_prefix_error (&local, "Instagram refused the logged-in session\n");
  }
  if (local != NULL)
    g_propagate_error (error, local);
  return post;
}

IgPost *
ig_resolve (IgApi *api, IgResolverCache *cache, const IgMediaRef *ref,
    GCancellable *cancellable, GError **error)
{
  g_autoptr (GString) failures = g_string_new (NULL);
  GError *local = NULL;
  IgPost *post;

  if (ref->kind != IG_REF_POST && ref->kind != IG_REF_MEDIA_ID) {
    if (ig_api_has_session (api))
      return resolve_stories (api, ref, cancellable, error);
    g_set_error (error, IG_ERROR, IG_ERROR_LOGIN_REQUIRED,
        "Instagram shows stories and highlights to logged-in users only");
    return NULL;
  }
  post = try_logged_in (api, ref, cancellable, failures, &local);
  if (post != NULL || local != NULL) {
    if (local != NULL)
      g_propagate_error (error, local);
    return post;
  }
  return resolve_anonymously (api, cache, ref, cancellable, failures, error);
}
