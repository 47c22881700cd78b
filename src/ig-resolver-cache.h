/* gst-instagram: what one resolution learns that the next one (in any
 * process of the user) can reuse: the anonymous bootstrap and how each
 * strategy fared. Never a session cookie or a logged-in token.
 *
 * The file, `$XDG_CACHE_HOME/gst-instagram/resolver` beside the rate-limit
 * state, is a GKeyFile read under a lock and replaced whole, atomically
 * and durably (ig-locked-file.h):
 *   [gst-instagram-resolver]  version=1
 *   [bootstrap]               base, obtained (unix µs), csrftoken, mid,
 *                             ig_did, datr, lsd, csrf-granted
 *   [strategy NAME:ID]        last-success, last-failure, retired-until
 *                             (unix µs), failure
 *   [doc-id KEY]              id, seen (unix µs), where
 * A corrupt, foreign or oversized file is reported once as a warning and
 * replaced by a fresh one.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A cached bootstrap is used for at most this long. */
#define IG_BOOTSTRAP_MAX_AGE_S G_GINT64_CONSTANT (24 * 3600)
/* A strategy that failed for a reason of its own (an unusable answer, a
 * refusal) and has not succeeded since is tried last for this long. */
#define IG_STRATEGY_PENALTY_S G_GINT64_CONSTANT (3600)
/* Larger files are foreign or corrupt. */
#define IG_RESOLVER_CACHE_MAX_SIZE (64 * 1024)

/* The anonymous web session a homepage visit and the ruling check give. */
typedef struct
{
  char *base; /* the www base it was obtained from */
  gint64 obtained_us; /* unix µs */
  char *csrftoken, *mid, *ig_did, *datr; /* cookies, NULL when absent */
  char *lsd; /* NULL when the homepage had none */
  gboolean csrf_granted; /* the ruling said ok */
} IgBootstrap;

void ig_bootstrap_clear (IgBootstrap *bootstrap);

typedef struct _IgResolverCache IgResolverCache;

/* The process-wide cache kept in @path (NULL or "": in this process's
 * memory only); one per path, created on first use, never freed,
 * thread-safe. */
IgResolverCache *ig_resolver_cache_get_default (const char *path);

/* A private cache, for tests; @clock_us NULL for the real clock. */
IgResolverCache *ig_resolver_cache_new (const char *path,
    gint64 (*clock_us) (void));
void ig_resolver_cache_free (IgResolverCache *cache);

/* A view of @cache for one resolution: it reads the state once, on its
 * first use, and keeps its changes in memory; ig_resolver_cache_commit ()
 * makes them on @cache in one locked update of the file (changes other
 * processes made meanwhile are kept) and frees the view. A view is used
 * by one thread. */
IgResolverCache *ig_resolver_cache_begin (IgResolverCache *cache);
void ig_resolver_cache_commit (IgResolverCache *view, GError **warning);

/* Every call below reads the file under its lock (and replaces it when it
 * changes something); on a view, see above. A file that cannot be used
 * makes the call work on this process's memory, and sets @warning (may be
 * NULL) as ig-cache-dir.h says: once per process, or for a lock held too
 * long once until it works again. */

/* A copy of the bootstrap obtained from @base less than
 * IG_BOOTSTRAP_MAX_AGE_S ago; FALSE when there is none. */
gboolean ig_resolver_cache_get_bootstrap (IgResolverCache *cache,
    const char *base, IgBootstrap *out, GError **warning);
void ig_resolver_cache_put_bootstrap (IgResolverCache *cache,
    const IgBootstrap *bootstrap, GError **warning);
/* Forgets the bootstrap if it is still the one with @csrftoken (another
 * process may have stored a fresh one meanwhile). */
void ig_resolver_cache_drop_bootstrap (IgResolverCache *cache,
    const char *csrftoken, GError **warning);

/* Records how strategy @name (its name and doc_id, "polaris:2713...")
 * fared: @failure NULL for a success, else why it failed (one line is
 * kept); @retire: it answered as retired doc_ids do (a persistent 401
 * "Please wait"): not to be sent for IG_STRATEGY_PENALTY_S. */
void ig_resolver_cache_record (IgResolverCache *cache, const char *name,
    const char *failure, gboolean retire, GError **warning);

/* Fills @order with the indexes 0..@n-1 of @names in the order to try
 * them: strategies under a penalty last, the others by their latest
 * success (most recent first), ties in the order given; @skip[i] is TRUE
 * for a strategy retired less than IG_STRATEGY_PENALTY_S ago. */
void ig_resolver_cache_order (IgResolverCache *cache, const char *const *names,
    guint n, guint *order, gboolean *skip, GError **warning);

/* A doc_id a page named for @key ("polaris-doc-id"...), and where; FALSE
 * when none was seen. */
gboolean ig_resolver_cache_get_doc_id (IgResolverCache *cache, const char *key,
    char **id, GError **warning);
void ig_resolver_cache_put_doc_id (IgResolverCache *cache, const char *key,
    const char *id, const char *where, GError **warning);

/* Where a share link led (the URI of a post, story item or highlight);
 * FALSE when it was not followed yet. */
gboolean ig_resolver_cache_get_share (IgResolverCache *cache, const char *path,
    char **target, GError **warning);
void ig_resolver_cache_put_share (IgResolverCache *cache, const char *path,
    const char *target, GError **warning);

G_END_DECLS
