/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-shared-resolution.h"

/* How often a waiter looks at its cancellable. */
#define POLL_US (50 * 1000)

typedef struct
{
  gboolean done;
  IgPost *post;
  GError *error;
  guint holders; /* the resolving element and its waiters */
} Resolution;

static GMutex lock;
static GCond finished;
static GHashTable *running; /* key -> Resolution */

static void
release (Resolution *r)
{
  if (--r->holders > 0)
    return;
  ig_post_free (r->post);
  g_clear_error (&r->error);
  g_free (r);
}

/* Called with the lock held; drops it while waiting. */
static IgPost *
wait_for (Resolution *r, GCancellable *cancellable, gboolean *again,
    GError **error)
{
  IgPost *post = NULL;

  while (!r->done && !g_cancellable_is_cancelled (cancellable))
    g_cond_wait_until (&finished, &lock, g_get_monotonic_time () + POLL_US);
  if (!r->done)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
        "Cancelled while another element resolved the same post");
  else if (r->post != NULL)
    post = ig_post_ref (r->post);
  else if (g_error_matches (r->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    *again = TRUE;
  else
    g_propagate_error (error, g_error_copy (r->error));
  release (r);
  return post;
}

static IgPost *
resolve_as_owner (const char *key, Resolution *r, IgResolveFunc resolve,
    gpointer data, GCancellable *cancellable, GError **error)
{
  GError *local = NULL;
  IgPost *post = resolve (data, cancellable, &local);

  g_mutex_lock (&lock);
  g_hash_table_remove (running, key);
  r->done = TRUE;
  r->post = post != NULL ? ig_post_ref (post) : NULL;
  r->error = local != NULL ? g_error_copy (local) : NULL;
  g_cond_broadcast (&finished);
  release (r);
  g_mutex_unlock (&lock);
  if (local != NULL)
    g_propagate_error (error, local);
  return post;
}

IgPost *
ig_shared_resolution_run (const char *key, IgResolveFunc resolve, gpointer data,
    GCancellable *cancellable, GError **error)
{
  Resolution *r;
  gboolean again = FALSE;
  IgPost *post;

  g_mutex_lock (&lock);
  if (running == NULL)
    running = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r = g_hash_table_lookup (running, key);
  if (r != NULL) {
    r->holders++;
    post = wait_for (r, cancellable, &again, error);
    g_mutex_unlock (&lock);
    return again
        ? ig_shared_resolution_run (key, resolve, data, cancellable, error)
        : post;
  }
  r = g_new0 (Resolution, 1);
  r->holders = 1;
  g_hash_table_insert (running, g_strdup (key), r);
  g_mutex_unlock (&lock);
  return resolve_as_owner (key, r, resolve, data, cancellable, error);
}
