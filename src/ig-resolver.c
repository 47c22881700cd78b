/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-resolver.h"
#include "ig-error.h"
#include "ig-stories.h"
#include "ig-strategy.h"

typedef struct
{
  IgStrategyFunc func;
  gboolean not_found_is_final; /* a 404 page is; a null GraphQL node not */
} IgStrategy;

static const IgStrategy strategies[] = {
  { ig_strategy_polaris, FALSE },
  { ig_strategy_page, TRUE },
  { ig_strategy_xdt, FALSE },
  { ig_strategy_query_hash, FALSE },
};

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
 * there is logged and the chain goes on. */
static gboolean
prepare (IgApi *api, const IgMediaRef *ref, GCancellable *cancellable,
    GString *failures, GError **error)
{
  GError *local = NULL;

  if (!ig_bootstrap_run (api, cancellable, &local)
      || !ig_ruling_check (api, ref->media_pk, cancellable, &local)) {
    if (is_final (local, NULL)) {
      g_propagate_error (error, local);
      return FALSE;
    }
    g_string_append_printf (failures, "%s; ", local->message);
    g_clear_error (&local);
  }
  return TRUE;
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

static IgPost *
run_chain (IgApi *api, const IgMediaRef *ref, GCancellable *cancellable,
    GString *failures, GError **error)
{
  gboolean not_found = FALSE;
  GError *local = NULL;
  IgPost *post;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (strategies); i++) {
    post = strategies[i].func (api, ref, cancellable, &local);
    if (post != NULL)
      return post;
    if (is_final (local, &strategies[i])) {
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

static const IgStrategy media_info = { ig_strategy_media_info, FALSE };

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
ig_resolve (IgApi *api, const IgMediaRef *ref, GCancellable *cancellable,
    GError **error)
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
  if (!prepare (api, ref, cancellable, failures, error))
    return NULL;
  return run_chain (api, ref, cancellable, failures, error);
}
