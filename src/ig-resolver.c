/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-resolver.h"
#include "ig-error.h"
#include "ig-stories.h"
#include "ig-strategy.h"

typedef struct
{
  const char *name; /* in the resolver cache and the debug log */
  IgStrategyFunc func;
  gboolean not_found_is_final; /* a 404 page is; a null GraphQL node not */
} IgStrategy;

/* The anonymous chain, in the order tried when nothing is known. */
static const IgStrategy strategies[] = {
  { "polaris", ig_strategy_polaris, FALSE },
  { "page", ig_strategy_page, TRUE },
  { "xdt", ig_strategy_xdt, FALSE },
  { "query_hash", ig_strategy_query_hash, FALSE },
};
#define N_STRATEGIES G_N_ELEMENTS (strategies)

/* Errors that no other strategy can get around. */
static gboolean
is_final (const GError *error, const IgStrategy *strategy)
{
  if (error->domain != IG_ERROR)
    return TRUE; /* cancelled */
  switch (error->code) {
    case IG_ERROR_NOT_FOUND:
      return strategy == NULL || strategy->not_found_is_final;
    case IG_ERROR_BAD_RESPONSE:
    case IG_ERROR_NO_MEDIA:
      return FALSE;
    default:
      return TRUE;
  }
}

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
    if (is_final (local, NULL)) {
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

/* How a strategy fared, for the order of the next resolutions: only
 * failures that say something about the strategy (an unusable answer, a
 * refusal), not about the post or the network. */
static void
record (IgApi *api, IgResolverCache *cache, const IgStrategy *strategy,
    const GError *failure, gboolean refused)
{
  GError *warning = NULL;

  if (failure != NULL && !refused
      && !g_error_matches (failure, IG_ERROR, IG_ERROR_BAD_RESPONSE))
    return;
  ig_resolver_cache_record (cache, strategy->name,
      failure != NULL ? failure->message : NULL, &warning);
  ig_api_warn (api, &warning);
}

static void
set_chain_error (GError **error, const IgMediaRef *ref, gboolean not_found,
    GString *failures)
{
  if (failures->len >= 2)
    g_string_truncate (failures, failures->len - 2);
  if (not_found)
    g_set_error (error, IG_ERROR, IG_ERROR_NOT_FOUND,
        "Instagram has no such post (%s)", failures->str);
  else if (ref->private_link)
    g_set_error (error, IG_ERROR, IG_ERROR_LOGIN_REQUIRED,
        "This private link needs a logged-in session (%s)", failures->str);
  else
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "Every strategy failed: %s", failures->str);
}

static const IgStrategy *
ordered (IgApi *api, IgResolverCache *cache, guint *order)
{
  const char *names[N_STRATEGIES];
  GError *warning = NULL;
  guint i;

  for (i = 0; i < N_STRATEGIES; i++)
    names[i] = strategies[i].name;
  ig_resolver_cache_order (cache, names, N_STRATEGIES, order, &warning);
  ig_api_warn (api, &warning);
  return strategies;
}

/* The strategies in the cache's order. With @cached_bootstrap, an answer
 * that refuses the web session itself stops the chain and sets *@refused:
 * the bootstrap is stale, not the strategy. */
static IgPost *
run_chain (IgApi *api, IgResolverCache *cache, const IgMediaRef *ref,
    GCancellable *cancellable, GString *failures, gboolean cached_bootstrap,
    gboolean *refused, GError **error)
{
  guint order[N_STRATEGIES];
  const IgStrategy *chain = ordered (api, cache, order);
  gboolean not_found = FALSE, refusal;
  GError *local = NULL;
  IgPost *post;
  guint i;

  for (i = 0; i < N_STRATEGIES; i++) {
    const IgStrategy *strategy = &chain[order[i]];

    post = strategy->func (api, ref, cancellable, &local);
    refusal = ig_api_take_refusal (api);
    if (refusal && cached_bootstrap) {
      *refused = TRUE;
      g_propagate_error (error, local);
      return NULL;
    }
    record (api, cache, strategy, local, refusal);
    if (post != NULL)
      return post;
    if (is_final (local, strategy)) {
      g_propagate_error (error, local);
      return NULL;
    }
    not_found |= g_error_matches (local, IG_ERROR, IG_ERROR_NOT_FOUND);
    g_string_append_printf (failures, "%s; ", local->message);
    g_clear_error (&local);
  }
  set_chain_error (error, ref, not_found, failures);
  return NULL;
}

/* Anonymously: from a cached bootstrap when there is one (one request for
 * a public post); an answer that refuses it drops it, and the chain runs
 * once more from a fresh homepage visit. */
static IgPost *
resolve_anonymously (IgApi *api, IgResolverCache *cache, const IgMediaRef *ref,
    GCancellable *cancellable, GString *failures, GError **error)
{
  g_autofree char *cached = use_cached_bootstrap (api, cache);
  gboolean refused = FALSE;
  GError *local = NULL, *warning = NULL;
  IgPost *post;

  if (cached == NULL
      && !prepare (api, cache, ref, cancellable, failures, error))
    return NULL;
  post = run_chain (api, cache, ref, cancellable, failures, cached != NULL,
      &refused, &local);
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
  return run_chain (api, cache, ref, cancellable, failures, FALSE, &refused,
      error);
}

static const IgStrategy media_info = { "media info", ig_strategy_media_info,
  FALSE };

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
  post = media_info.func (api, ref, cancellable, &local);
  if (post != NULL)
    return post;
  if (g_error_matches (local, IG_ERROR, IG_ERROR_LOGIN_REQUIRED)) {
    ig_api_reject_session (api, local);
  } else if (is_final (local, &media_info)) {
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

  if (g_error_matches (local, IG_ERROR, IG_ERROR_LOGIN_REQUIRED)) {
    ig_api_reject_session (api, local);
    g_prefix_error (&local, "the session was refused: ");
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
