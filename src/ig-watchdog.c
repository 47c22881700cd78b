/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-watchdog.h"
#include "ig-error.h"

struct _IgWatchdog
{
  gint64 timeout_us; /* 0: never stalls */
  gsize floor;
  GThread *thread; /* started by the first ig_watchdog_start () */

  GMutex lock; /* guards everything below */
  GCond changed;
  gboolean quit;
  GCancellable *request; /* the request's, cancelled on a stall */
  gboolean watching; /* between start () and stop () */
  gint64 deadline; /* monotonic end of this period, while watching */
  gint64 left_us; /* of this period, while not watching */
  gsize bytes; /* arrived in this period */
  gboolean stalled;
  gsize stalled_bytes; /* what the stalled period had brought */

  GCancellable *caller; /* while watching */
  gulong caller_id;
};

IgWatchdog *
ig_watchdog_new (guint timeout_s, gsize floor_bytes)
{
  IgWatchdog *dog = g_new0 (IgWatchdog, 1);

  dog->timeout_us = (gint64) timeout_s * G_USEC_PER_SEC;
  dog->floor = floor_bytes;
  g_mutex_init (&dog->lock);
  g_cond_init (&dog->changed);
  dog->request = g_cancellable_new ();
  return dog;
}

void
ig_watchdog_free (IgWatchdog *dog)
{
  if (dog == NULL)
    return;
  g_mutex_lock (&dog->lock);
  dog->quit = TRUE;
  g_cond_signal (&dog->changed);
  g_mutex_unlock (&dog->lock);
  if (dog->thread != NULL)
    g_thread_join (dog->thread);
  g_object_unref (dog->request);
  g_mutex_clear (&dog->lock);
  g_cond_clear (&dog->changed);
  g_free (dog);
}

/* Cancels outside the lock: cancelling runs the request's handlers. */
static void
cancel_request (IgWatchdog *dog)
{
  GCancellable *request = g_object_ref (dog->request);

  g_mutex_unlock (&dog->lock);
  g_cancellable_cancel (request);
  g_object_unref (request);
  g_mutex_lock (&dog->lock);
}

static gpointer
watch (gpointer data)
{
  IgWatchdog *dog = data;

  g_mutex_lock (&dog->lock);
  while (!dog->quit) {
    if (!dog->watching || dog->stalled)
      g_cond_wait (&dog->changed, &dog->lock);
    else if (g_get_monotonic_time () < dog->deadline)
      g_cond_wait_until (&dog->changed, &dog->lock, dog->deadline);
    else {
      dog->stalled = TRUE;
      dog->stalled_bytes = dog->bytes;
      cancel_request (dog);
    }
  }
  g_mutex_unlock (&dog->lock);
  return NULL;
}

GCancellable *
ig_watchdog_new_request (IgWatchdog *dog)
{
  g_mutex_lock (&dog->lock);
  g_clear_object (&dog->request);
  dog->request = g_cancellable_new ();
  dog->deadline = g_get_monotonic_time () + dog->timeout_us;
  dog->left_us = dog->timeout_us;
  dog->bytes = 0;
  dog->stalled = FALSE;
  g_cond_signal (&dog->changed);
  g_mutex_unlock (&dog->lock);
  /* a caller cancelled before the swap cancelled the previous request */
  if (dog->caller != NULL && g_cancellable_is_cancelled (dog->caller))
    g_cancellable_cancel (dog->request);
  return dog->request;
}

static void
caller_cancelled (GCancellable *caller, gpointer data)
{
  IgWatchdog *dog = data;

  g_mutex_lock (&dog->lock);
  cancel_request (dog);
  g_mutex_unlock (&dog->lock);
}

void
ig_watchdog_start (IgWatchdog *dog, GCancellable *cancellable)
{
  g_return_if_fail (dog->caller == NULL);
  if (cancellable != NULL) {
    dog->caller = g_object_ref (cancellable);
    dog->caller_id = g_cancellable_connect (cancellable,
        G_CALLBACK (caller_cancelled), dog, NULL);
  }
  if (dog->timeout_us == 0)
    return;
  if (dog->thread == NULL)
    dog->thread = g_thread_new ("ig-watchdog", watch, dog);
  g_mutex_lock (&dog->lock);
  dog->deadline = g_get_monotonic_time () + dog->left_us;
  dog->watching = TRUE;
  g_cond_signal (&dog->changed);
  g_mutex_unlock (&dog->lock);
}

void
ig_watchdog_stop (IgWatchdog *dog)
{
  if (dog->caller != NULL) {
    g_cancellable_disconnect (dog->caller, dog->caller_id);
    g_clear_object (&dog->caller);
  }
  g_mutex_lock (&dog->lock);
  if (dog->watching && !dog->stalled)
    dog->left_us = MAX (dog->deadline - g_get_monotonic_time (), 0);
  dog->watching = FALSE;
  g_mutex_unlock (&dog->lock);
}

gboolean
ig_watchdog_count (IgWatchdog *dog, gsize bytes)
{
  gboolean progress;

  g_mutex_lock (&dog->lock);
  dog->bytes += bytes;
  progress = dog->bytes >= dog->floor;
  if (progress) {
    dog->bytes = 0;
    dog->deadline = g_get_monotonic_time () + dog->timeout_us;
  }
  g_mutex_unlock (&dog->lock);
  return progress;
}

gboolean
ig_watchdog_stalled (IgWatchdog *dog, GError **error)
{
  guint seconds = dog->timeout_us / G_USEC_PER_SEC;
  gboolean stalled;
  gsize bytes;

  g_mutex_lock (&dog->lock);
  stalled = dog->stalled;
  bytes = dog->stalled_bytes;
  g_mutex_unlock (&dog->lock);
  if (!stalled)
    return FALSE;
  if (bytes == 0)
    g_set_error (error, IG_ERROR, IG_ERROR_NETWORK,
        "the CDN sent nothing for %u s", seconds);
  else
    g_set_error (error, IG_ERROR, IG_ERROR_NETWORK,
        "the CDN sent only %" G_GSIZE_FORMAT
        " bytes in %u s (fewer than %" G_GSIZE_FORMAT " is a stall)",
        bytes, seconds, dog->floor);
  return TRUE;
}
