/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-resolver-chain.h"
#include "ig-error.h"
#include "ig-strategy.h"

#include <string.h>

typedef struct
{
  const char *name; /* in the resolver cache and the debug log */
  IgStrategyFunc func;
  gint doc; /* IgConstant of its doc_id or query_hash; -1: none */
  gboolean not_found_is_final; /* a 404 page is; a null GraphQL node not */
} IgStrategy;

/* The anonymous chain, in the order tried when nothing is known. */
static const IgStrategy strategies[] = {
  { "polaris", ig_strategy_polaris, IG_CONST_POLARIS_DOC_ID, FALSE },
  { "post root", ig_strategy_post_root, IG_CONST_POST_ROOT_DOC_ID, FALSE },
  { "page", ig_strategy_page, -1, TRUE },
  { "xdt", ig_strategy_xdt, IG_CONST_XDT_DOC_ID, FALSE },
  { "query_hash", ig_strategy_query_hash, IG_CONST_QUERY_HASH, FALSE },
};
#define N_STRATEGIES G_N_ELEMENTS (strategies)

/* What one pass through the chain learned. */
typedef struct
{
  gboolean cached_bootstrap;
  gboolean refused; /* an answer refused the (cached) web session */
  gboolean not_found;
  gint throttled; /* the first strategy answered 401 "Please wait", or -1 */
  GPtrArray *nulls; /* strategies that said "no such media" */
} Pass;

gboolean
ig_chain_is_final (const GError *error, gboolean not_found_is_final)
{
  if (error->domain != IG_ERROR)
    return TRUE; /* cancelled */
  switch (error->code) {
    case IG_ERROR_NOT_FOUND:
      return not_found_is_final;
    case IG_ERROR_BAD_RESPONSE:
    case IG_ERROR_NO_MEDIA:
      return FALSE;
    default:
      return TRUE;
  }
}

/* The cache's name of @s: its name and the doc_id it sends now, so that a
 * rotated id starts with a clean record. */
static char *
strategy_key (IgApi *api, const IgStrategy *s)
{
  const IgConfig *config = ig_api_get_config (api);
  const char *ids[IG_N_CONSTS] = {
    [IG_CONST_POLARIS_DOC_ID] = config->polaris_doc_id,
    [IG_CONST_POST_ROOT_DOC_ID] = config->post_root_doc_id,
    [IG_CONST_XDT_DOC_ID] = config->xdt_doc_id,
    [IG_CONST_QUERY_HASH] = config->query_hash,
  };

  return s->doc < 0 ? g_strdup (s->name)
                    : g_strdup_printf ("%s:%s", s->name, ids[s->doc]);
}

static void
record (IgApi *api, IgResolverCache *cache, const IgStrategy *s,
    const char *failure, gboolean retire)
{
  g_autofree char *key = strategy_key (api, s);
  GError *warning = NULL;

  ig_resolver_cache_record (cache, key, failure, retire, &warning);
  ig_api_warn (api, &warning);
}

/* The order to try the strategies in, and which to leave out. */
static guint
ordered (IgApi *api, IgResolverCache *cache, guint *order)
{
  char *keys[N_STRATEGIES];
  gboolean skip[N_STRATEGIES];
  GError *warning = NULL;
  guint i, n = 0, kept[N_STRATEGIES];

  for (i = 0; i < N_STRATEGIES; i++)
    keys[i] = strategy_key (api, &strategies[i]);
  ig_resolver_cache_order (cache, (const char *const *) keys, N_STRATEGIES,
      order, skip, &warning);
  ig_api_warn (api, &warning);
  for (i = 0; i < N_STRATEGIES; i++) {
    if (skip[order[i]])
      ig_api_log (api, IG_LOG_DEBUG,
          "skipping %s: it answered like a retired doc_id less than an hour "
          "ago",
          keys[order[i]]);
    else
      kept[n++] = order[i];
  }
  for (i = 0; i < N_STRATEGIES; i++)
    g_free (keys[i]);
  if (n == 0) /* all retired: better to ask than to give up unasked */
    return N_STRATEGIES;
  memcpy (order, kept, n * sizeof *order);
  return n;
}

/* How a failure counts: only failures that say something about the
 * strategy (an unusable answer, a refusal, a retired doc_id) are recorded,
 * not those about the post or the network. */
static void
note_failure (IgApi *api, IgResolverCache *cache, const IgStrategy *s,
    const GError *failure, gboolean refusal, gboolean deferred, Pass *pass)
{
  if (deferred) {
    if (pass->throttled < 0)
      pass->throttled = s - strategies;
    ig_api_log (api, IG_LOG_INFO,
        "%s answered 401 \"Please wait\" (a retired doc_id answers so for "
        "ever): trying the other strategies first",
        s->name);
    record (api, cache, s, failure->message, TRUE);
  } else if (refusal
      || g_error_matches (failure, IG_ERROR, IG_ERROR_BAD_RESPONSE)) {
    record (api, cache, s, failure->message, FALSE);
  } else if (g_error_matches (failure, IG_ERROR, IG_ERROR_NOT_FOUND)) {
    g_ptr_array_add (pass->nulls, (gpointer) s);
  }
}

/* A post another strategy found: the queries that answered null for it
 * are dead, not the post private. */
static void
note_success (IgApi *api, IgResolverCache *cache, const IgStrategy *s,
    IgPost *post, Pass *pass)
{
  g_autofree char *key = strategy_key (api, s);
  guint i;

  record (api, cache, s, NULL, FALSE);
  for (i = 0; i < pass->nulls->len; i++) {
    const IgStrategy *dead = g_ptr_array_index (pass->nulls, i);

    if (dead->doc >= 0)
      record (api, cache, dead,
          "answered null for a post that exists: the query is dead", FALSE);
  }
  g_free (post->resolved_by);
  post->resolved_by = g_steal_pointer (&key);
  ig_api_log (api, IG_LOG_INFO, "resolved by %s", post->resolved_by);
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

/* One strategy; TRUE when the chain stops here (*@post or @error set). */
static gboolean
try_one (IgApi *api, IgResolverCache *cache, const IgMediaRef *ref,
    const IgStrategy *s, GCancellable *cancellable, Pass *pass,
    GString *failures, IgPost **post, GError **error)
{
  GError *local = NULL;
  gboolean refusal, deferred;

  ig_api_progress (api, IG_PROGRESS_STEP, "Asking Instagram (%s)", s->name);
  *post = s->func (api, ref, cancellable, &local);
  refusal = ig_api_take_refusal (api);
  deferred = ig_api_take_deferred (api);
  if (*post != NULL) {
    note_success (api, cache, s, *post, pass);
    return TRUE;
  }
  if (refusal && pass->cached_bootstrap) {
    /* the bootstrap is stale, not the strategy */
    pass->refused = TRUE;
    g_propagate_error (error, local);
    return TRUE;
  }
  note_failure (api, cache, s, local, refusal, deferred, pass);
  if (!deferred && ig_chain_is_final (local, s->not_found_is_final)) {
    g_propagate_error (error, local);
    return TRUE;
  }
  pass->not_found |= g_error_matches (local, IG_ERROR, IG_ERROR_NOT_FOUND);
  g_string_append_printf (failures, "%s; ", local->message);
  g_error_free (local);
  return FALSE;
}

/* Every strategy answered 401 "Please wait" or failed otherwise: the
 * first one that was throttled is asked again the usual way (back-off and
 * resends within retries, or BUSY). */
static IgPost *
retry_throttled (IgApi *api, IgResolverCache *cache, const IgMediaRef *ref,
    Pass *pass, GCancellable *cancellable, GError **error)
{
  const IgStrategy *s = &strategies[pass->throttled];
  IgPost *post;

  ig_api_log (api, IG_LOG_INFO,
      "every strategy failed and %s was throttled: treating it as a rate "
      "limit",
      s->name);
  ig_api_set_defer_throttle (api, FALSE);
  post = s->func (api, ref, cancellable, error);
  if (post != NULL)
    note_success (api, cache, s, post, pass);
  return post;
}

static IgPost *
run (IgApi *api, IgResolverCache *cache, const IgMediaRef *ref,
    GCancellable *cancellable, Pass *pass, GString *failures, GError **error)
{
  guint order[N_STRATEGIES];
  guint n = ordered (api, cache, order), i;
  IgPost *post = NULL;

  ig_api_set_defer_throttle (api, TRUE);
  for (i = 0; i < n; i++) {
    if (try_one (api, cache, ref, &strategies[order[i]], cancellable, pass,
            failures, &post, error))
      return post;
  }
  if (pass->throttled >= 0)
    return retry_throttled (api, cache, ref, pass, cancellable, error);
  set_chain_error (error, ref, pass->not_found, failures);
  return NULL;
}

IgPost *
ig_chain_run (IgApi *api, IgResolverCache *cache, const IgMediaRef *ref,
    gboolean cached_bootstrap, gboolean *refused, GString *failures,
    GCancellable *cancellable, GError **error)
{
  Pass pass = { cached_bootstrap, FALSE, FALSE, -1, g_ptr_array_new () };
  IgPost *post = run (api, cache, ref, cancellable, &pass, failures, error);

  ig_api_set_defer_throttle (api, FALSE);
  if (post == NULL && error != NULL
      && g_error_matches (*error, IG_ERROR, IG_ERROR_NOT_FOUND))
    g_prefix_error (error,
        "This post does not exist: it was deleted, or the link is wrong\n");
  *refused = pass.refused;
  g_ptr_array_unref (pass.nulls);
  return post;
}
