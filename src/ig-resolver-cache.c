/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-resolver-cache.h"

#include "ig-locked-file.h"

#include <string.h>

#define HEADER_GROUP "gst-instagram-resolver"
#define VERSION 1
#define BOOTSTRAP "bootstrap"
#define STRATEGY_PREFIX "strategy "
#define MAX_TOKEN 512
#define MAX_FAILURE 200

typedef gboolean (
    *CacheOp) (IgResolverCache *cache, GKeyFile *kf, gpointer data);

struct _IgResolverCache
{
  GMutex lock;
  IgCacheDir *dir; /* NULL: memory only */
  char *name; /* the file in dir */
  GKeyFile *memory; /* the state as last read or written */
  gint64 (*clock_us) (void);
  /* a view (ig_resolver_cache_begin ()) only: */
  IgResolverCache *parent;
  gboolean loaded; /* memory holds the parent's state */
  GPtrArray *changes; /* of Change, replayed on the parent at commit */
};

/* A change a view made, kept to be made again on the parent's state. */
typedef struct
{
  CacheOp op;
  gpointer data;
  GDestroyNotify free_data;
} Change;

static void
change_free (Change *c)
{
  c->free_data (c->data);
  g_free (c);
}

void
ig_bootstrap_clear (IgBootstrap *b)
{
  g_free (b->base);
  g_free (b->csrftoken);
  g_free (b->mid);
  g_free (b->ig_did);
  g_free (b->datr);
  g_free (b->lsd);
  *b = (IgBootstrap){ 0 };
}

static GKeyFile *
fresh_state (void)
{
  GKeyFile *kf = g_key_file_new ();

  g_key_file_set_integer (kf, HEADER_GROUP, "version", VERSION);
  return kf;
}

IgResolverCache *
ig_resolver_cache_new (const char *path, gint64 (*clock_us) (void))
{
  IgResolverCache *cache = g_new0 (IgResolverCache, 1);

  g_mutex_init (&cache->lock);
  if (path != NULL && *path != '\0') {
    g_autofree char *dir = g_path_get_dirname (path);

    cache->dir = ig_cache_dir_get (dir);
    cache->name = g_path_get_basename (path);
  }
  cache->memory = fresh_state ();
  cache->clock_us = clock_us != NULL ? clock_us : g_get_real_time;
  return cache;
}

void
ig_resolver_cache_free (IgResolverCache *cache)
{
  if (cache == NULL)
    return;
  g_clear_pointer (&cache->changes, g_ptr_array_unref);
  g_key_file_unref (cache->memory);
  g_free (cache->name);
  g_mutex_clear (&cache->lock);
  g_free (cache);
}

IgResolverCache *
ig_resolver_cache_get_default (const char *path)
{
  static GMutex registry_lock;
  static GHashTable *registry; /* path ("" = memory) -> cache */
  IgResolverCache *cache;
  const char *key = path != NULL ? path : "";

  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_hash_table_new (g_str_hash, g_str_equal);
  cache = g_hash_table_lookup (registry, key);
  if (cache == NULL) {
    cache = ig_resolver_cache_new (key, NULL);
    g_hash_table_insert (registry, g_strdup (key), cache);
  }
  g_mutex_unlock (&registry_lock);
  return cache;
}

/* ---- the file --------------------------------------------------------- */

/* The state in @bytes (NULL: the file was too large); a fresh one (and
 * @problem set) when it is not ours. */
static GKeyFile *
load (GBytes *bytes, const char *path, GError **problem)
{
  g_autoptr (GError) error = NULL;
  GKeyFile *kf = g_key_file_new ();
  gsize len = bytes != NULL ? g_bytes_get_size (bytes) : 0;

  if (bytes != NULL && len == 0)
    return g_key_file_unref (kf), fresh_state (); /* a new file */
  if (bytes != NULL
      && g_utf8_validate (g_bytes_get_data (bytes, NULL), len, NULL)
      && g_key_file_load_from_data (kf, g_bytes_get_data (bytes, NULL), len,
          G_KEY_FILE_NONE, &error)
      && g_key_file_get_integer (kf, HEADER_GROUP, "version", NULL) == VERSION)
    return kf;
  if (bytes == NULL)
    g_set_error (problem, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
        "Resolver cache '%s' is larger than %d bytes; starting afresh", path,
        IG_RESOLVER_CACHE_MAX_SIZE);
  else
    g_set_error (problem, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
        "Resolver cache '%s' is corrupt or foreign (%s); starting afresh", path,
        error != NULL ? error->message : "not a gst-instagram resolver cache");
  g_key_file_unref (kf);
  return fresh_state ();
}

static gboolean
save (IgLockedFile *file, GKeyFile *kf, GError **error)
{
  gsize len;
  g_autofree char *data = g_key_file_to_data (kf, &len, NULL);

  return ig_locked_file_replace (file, data, len, error);
}

static void with_state (IgResolverCache *cache, CacheOp op, gpointer data,
    GError **warning);

static gboolean
op_copy_to_view (IgResolverCache *cache, GKeyFile *kf, gpointer data)
{
  IgResolverCache *view = data;
  gsize len;
  g_autofree char *text = g_key_file_to_data (kf, &len, NULL);

  g_key_file_load_from_data (view->memory, text, len, G_KEY_FILE_NONE, NULL);
  return FALSE;
}

/* Runs @op on a view's memory, filled from its parent on first use. */
static void
with_view_state (IgResolverCache *view, CacheOp op, gpointer data,
    GError **warning)
{
  g_mutex_lock (&view->lock);
  if (!view->loaded)
    with_state (view->parent, op_copy_to_view, view, warning);
  view->loaded = TRUE;
  op (view, view->memory, data);
  g_mutex_unlock (&view->lock);
}

/* The file, locked, its state loaded into cache->memory (*@rewrite when
 * it was not ours: @warning says so); NULL when there is none or it
 * cannot be used (ig-cache-dir.h says when that is told in @warning). */
static IgLockedFile *
open_state (IgResolverCache *cache, gboolean *rewrite, GError **warning)
{
  GError *error = NULL;
  IgLockedFile *file;

  *rewrite = FALSE;
  if (cache->dir == NULL || !ig_cache_dir_usable (cache->dir, warning))
    return NULL;
  file = ig_locked_file_open (cache->dir, cache->name,
      IG_RESOLVER_CACHE_MAX_SIZE, &error);
  if (file == NULL) {
    ig_cache_dir_failed (cache->dir, error, warning);
    return NULL;
  }
  ig_cache_dir_worked (cache->dir);
  g_key_file_unref (cache->memory);
  cache->memory = load (ig_locked_file_get_contents (file),
      ig_locked_file_get_path (file), &error);
  *rewrite = error != NULL;
  if (error != NULL && warning != NULL && *warning == NULL)
    g_propagate_error (warning, error);
  else
    g_clear_error (&error);
  return file;
}

/* Runs @op on the current state: the file's under its lock, or this
 * process's memory when there is no file or it cannot be used. */
static void
with_state (IgResolverCache *cache, CacheOp op, gpointer data, GError **warning)
{
  g_autoptr (IgLockedFile) file = NULL;
  GError *error = NULL;
  gboolean rewrite;

  if (cache->parent != NULL) {
    with_view_state (cache, op, data, warning);
    return;
  }
  g_mutex_lock (&cache->lock);
  file = open_state (cache, &rewrite, warning);
  if ((op (cache, cache->memory, data) || rewrite) && file != NULL
      && !save (file, cache->memory, &error))
    ig_cache_dir_failed (cache->dir, error, warning);
  g_mutex_unlock (&cache->lock);
}

/* Makes a change (@op on @data, which it takes): at once, or in a view's
 * memory and again on its parent at commit. */
static void
change (IgResolverCache *cache, CacheOp op, gpointer data,
    GDestroyNotify free_data, GError **warning)
{
  Change *c;

  with_state (cache, op, data, warning);
  if (cache->parent == NULL) {
    free_data (data);
    return;
  }
  c = g_new (Change, 1);
  *c = (Change){ op, data, free_data };
  g_ptr_array_add (cache->changes, c);
}

IgResolverCache *
ig_resolver_cache_begin (IgResolverCache *cache)
{
  IgResolverCache *view = ig_resolver_cache_new (NULL, cache->clock_us);

  view->parent = cache;
  view->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  return view;
}

static gboolean
op_replay (IgResolverCache *cache, GKeyFile *kf, gpointer data)
{
  GPtrArray *changes = data;
  gboolean changed = FALSE;
  guint i;

  for (i = 0; i < changes->len; i++) {
    Change *c = g_ptr_array_index (changes, i);

    changed |= c->op (cache, kf, c->data);
  }
  return changed;
}

void
ig_resolver_cache_commit (IgResolverCache *view, GError **warning)
{
  g_return_if_fail (view->parent != NULL);
  if (view->changes->len > 0)
    with_state (view->parent, op_replay, view->changes, warning);
  ig_resolver_cache_free (view);
}

/* ---- the bootstrap ---------------------------------------------------- */

/* Cookie values and tokens are short and printable, with no separators. */
static gboolean
token_ok (const char *s)
{
  const char *p;

  if (s == NULL || *s == '\0' || strlen (s) > MAX_TOKEN)
    return FALSE;
  for (p = s; *p; p++) {
    if (!g_ascii_isgraph (*p) || *p == ';' || *p == ',' || *p == '"')
      return FALSE;
  }
  return TRUE;
}

/* An optional token: absent is fine, malformed is not. */
static gboolean
get_token (GKeyFile *kf, const char *key, char **out)
{
  *out = g_key_file_get_string (kf, BOOTSTRAP, key, NULL);
  if (*out == NULL || token_ok (*out))
    return TRUE;
  g_clear_pointer (out, g_free);
  return FALSE;
}

typedef struct
{
  const char *base;
  IgBootstrap *out;
  gboolean found;
} GetBootstrap;

static gboolean
op_get_bootstrap (IgResolverCache *cache, GKeyFile *kf, gpointer data)
{
  GetBootstrap *get = data;
  IgBootstrap *b = get->out;
  g_autofree char *base = g_key_file_get_string (kf, BOOTSTRAP, "base", NULL);
  gint64 age_us;

  if (g_strcmp0 (base, get->base) != 0)
    return FALSE;
  b->obtained_us = g_key_file_get_int64 (kf, BOOTSTRAP, "obtained", NULL);
  age_us = cache->clock_us () - b->obtained_us;
  b->csrf_granted =
      g_key_file_get_boolean (kf, BOOTSTRAP, "csrf-granted", NULL);
  get->found = age_us >= 0 && age_us < IG_BOOTSTRAP_MAX_AGE_S * G_USEC_PER_SEC
      && get_token (kf, "csrftoken", &b->csrftoken) && b->csrftoken != NULL
      && get_token (kf, "mid", &b->mid) && get_token (kf, "ig_did", &b->ig_did)
      && get_token (kf, "datr", &b->datr) && get_token (kf, "lsd", &b->lsd);
  if (get->found)
    b->base = g_steal_pointer (&base);
  else
    ig_bootstrap_clear (b);
  return FALSE;
}

gboolean
ig_resolver_cache_get_bootstrap (IgResolverCache *cache, const char *base,
    IgBootstrap *out, GError **warning)
{
  GetBootstrap get = { base, out, FALSE };

  *out = (IgBootstrap){ 0 };
  with_state (cache, op_get_bootstrap, &get, warning);
  return get.found;
}

static void
set_token (GKeyFile *kf, const char *key, const char *value)
{
  if (token_ok (value))
    g_key_file_set_string (kf, BOOTSTRAP, key, value);
}

static gboolean
op_put_bootstrap (IgResolverCache *cache, GKeyFile *kf, gpointer data)
{
  const IgBootstrap *b = data;

  g_key_file_remove_group (kf, BOOTSTRAP, NULL);
  g_key_file_set_string (kf, BOOTSTRAP, "base", b->base);
  g_key_file_set_int64 (kf, BOOTSTRAP, "obtained", b->obtained_us);
  set_token (kf, "csrftoken", b->csrftoken);
  set_token (kf, "mid", b->mid);
  set_token (kf, "ig_did", b->ig_did);
  set_token (kf, "datr", b->datr);
  set_token (kf, "lsd", b->lsd);
  g_key_file_set_boolean (kf, BOOTSTRAP, "csrf-granted", b->csrf_granted);
  return TRUE;
}

static void
bootstrap_free (IgBootstrap *b)
{
  ig_bootstrap_clear (b);
  g_free (b);
}

void
ig_resolver_cache_put_bootstrap (IgResolverCache *cache,
    const IgBootstrap *bootstrap, GError **warning)
{
  IgBootstrap *copy;

  if (bootstrap->base == NULL || !token_ok (bootstrap->csrftoken))
    return; /* nothing another resolution could use */
  copy = g_new (IgBootstrap, 1);
  *copy = (IgBootstrap){
    .base = g_strdup (bootstrap->base),
    .obtained_us = bootstrap->obtained_us,
    .csrftoken = g_strdup (bootstrap->csrftoken),
    .mid = g_strdup (bootstrap->mid),
    .ig_did = g_strdup (bootstrap->ig_did),
    .datr = g_strdup (bootstrap->datr),
    .lsd = g_strdup (bootstrap->lsd),
    .csrf_granted = bootstrap->csrf_granted,
  };
  change (cache, op_put_bootstrap, copy, (GDestroyNotify) bootstrap_free,
      warning);
}

static gboolean
op_drop_bootstrap (IgResolverCache *cache, GKeyFile *kf, gpointer data)
{
  g_autofree char *csrf =
      g_key_file_get_string (kf, BOOTSTRAP, "csrftoken", NULL);

  if (g_strcmp0 (csrf, data) != 0)
    return FALSE;
  return g_key_file_remove_group (kf, BOOTSTRAP, NULL);
}

void
ig_resolver_cache_drop_bootstrap (IgResolverCache *cache, const char *csrftoken,
    GError **warning)
{
  change (cache, op_drop_bootstrap, g_strdup (csrftoken), g_free, warning);
}

/* ---- strategies ------------------------------------------------------- */

typedef struct
{
  char *name;
  char *failure;
  gboolean retire;
} Record;

static void
record_free (Record *r)
{
  g_free (r->name);
  g_free (r->failure);
  g_free (r);
}

static gboolean
op_record (IgResolverCache *cache, GKeyFile *kf, gpointer data)
{
  Record *r = data;
  g_autofree char *group = g_strconcat (STRATEGY_PREFIX, r->name, NULL);
  g_autofree char *line = NULL;

  if (r->failure == NULL) {
    g_key_file_set_int64 (kf, group, "last-success", cache->clock_us ());
    g_key_file_remove_key (kf, group, "retired-until", NULL);
    return TRUE;
  }
  if (r->retire)
    g_key_file_set_int64 (kf, group, "retired-until",
        cache->clock_us () + IG_STRATEGY_PENALTY_S * G_USEC_PER_SEC);
  line = g_utf8_make_valid (r->failure, -1);
  g_strdelimit (line, "\r\n", ' ');
  if (g_utf8_strlen (line, -1) > MAX_FAILURE)
    *g_utf8_offset_to_pointer (line, MAX_FAILURE) = '\0';
  g_key_file_set_int64 (kf, group, "last-failure", cache->clock_us ());
  g_key_file_set_string (kf, group, "failure", line);
  return TRUE;
}

void
ig_resolver_cache_record (IgResolverCache *cache, const char *name,
    const char *failure, gboolean retire, GError **warning)
{
  Record *r = g_new (Record, 1);

  *r = (Record){ g_strdup (name), g_strdup (failure), retire };
  change (cache, op_record, r, (GDestroyNotify) record_free, warning);
}

typedef struct
{
  const char *const *names;
  guint n;
  guint *order;
  gboolean *skip;
} Order;

/* Sort key: penalized strategies after the others, then the latest
 * success first; equal keys keep the given order. */
static gint64
strategy_rank (IgResolverCache *cache, GKeyFile *kf, const char *name)
{
  g_autofree char *group = g_strconcat (STRATEGY_PREFIX, name, NULL);
  gint64 ok = g_key_file_get_int64 (kf, group, "last-success", NULL);
  gint64 failed = g_key_file_get_int64 (kf, group, "last-failure", NULL);
  gint64 now = cache->clock_us ();

  if (failed > ok && now - failed < IG_STRATEGY_PENALTY_S * G_USEC_PER_SEC)
    return G_MININT64;
  return MAX (ok, 0);
}

static gboolean
op_order (IgResolverCache *cache, GKeyFile *kf, gpointer data)
{
  Order *o = data;
  g_autofree gint64 *rank = g_new (gint64, o->n);
  guint i, j;

  for (i = 0; i < o->n; i++) {
    g_autofree char *group = g_strconcat (STRATEGY_PREFIX, o->names[i], NULL);

    rank[i] = strategy_rank (cache, kf, o->names[i]);
    o->order[i] = i;
    o->skip[i] = g_key_file_get_int64 (kf, group, "retired-until", NULL)
        > cache->clock_us ();
  }
  /* insertion sort: a handful of strategies, and it is stable */
  for (i = 1; i < o->n; i++) {
    for (j = i; j > 0 && rank[o->order[j - 1]] < rank[o->order[j]]; j--) {
      guint t = o->order[j];

      o->order[j] = o->order[j - 1];
      o->order[j - 1] = t;
    }
  }
  return FALSE;
}

void
ig_resolver_cache_order (IgResolverCache *cache, const char *const *names,
    guint n, guint *order, gboolean *skip, GError **warning)
{
  Order o = { names, n, order, skip };

  with_state (cache, op_order, &o, warning);
}

/* ---- remembered values: doc_ids seen at run time, share targets ------- */

/* One value under [PREFIX KEY] FIELD=VALUE, with when (and where) it was
 * learnt; @valid decides whether a stored one may be used. */
typedef struct
{
  const char *prefix, *key, *field;
  gboolean (*valid) (const char *value);
  char *found;
} Entry;

/* ... and one to put: [PREFIX KEY] FIELD=VALUE, seen=now, where=WHERE. */
typedef struct
{
  const char *prefix, *field; /* static strings */
  char *key, *value, *where;
} Put;

static void
put_free (Put *p)
{
  g_free (p->key);
  g_free (p->value);
  g_free (p->where);
  g_free (p);
}

static gboolean
op_get_entry (IgResolverCache *cache, GKeyFile *kf, gpointer data)
{
  Entry *e = data;
  g_autofree char *group = g_strconcat (e->prefix, " ", e->key, NULL);
  g_autofree char *value = g_key_file_get_string (kf, group, e->field, NULL);

  if (value != NULL && e->valid (value))
    e->found = g_steal_pointer (&value);
  return FALSE;
}

static gboolean
op_put_entry (IgResolverCache *cache, GKeyFile *kf, gpointer data)
{
  Put *p = data;
  g_autofree char *group = g_strconcat (p->prefix, " ", p->key, NULL);

  g_key_file_set_string (kf, group, p->field, p->value);
  g_key_file_set_int64 (kf, group, "seen", cache->clock_us ());
  if (p->where != NULL) {
    g_autofree char *where = g_utf8_make_valid (p->where, -1);

    g_strdelimit (where, "\r\n", ' ');
    g_key_file_set_string (kf, group, "where", where);
  }
  return TRUE;
}

static gboolean
get_entry (IgResolverCache *cache, Entry *e, char **out, GError **warning)
{
  with_state (cache, op_get_entry, e, warning);
  *out = e->found;
  return e->found != NULL;
}

static void
put_entry (IgResolverCache *cache, const char *prefix, const char *key,
    const char *field, const char *value, const char *where, GError **warning)
{
  Put *p = g_new (Put, 1);

  *p = (Put){ prefix, field, g_strdup (key), g_strdup (value),
    g_strdup (where) };
  change (cache, op_put_entry, p, (GDestroyNotify) put_free, warning);
}

static gboolean
doc_id_ok (const char *id)
{
  gsize len = strlen (id);

  return len > 0 && len <= 24 && strspn (id, "0123456789") == len;
}

static gboolean
target_ok (const char *target)
{
  return g_utf8_validate (target, -1, NULL) && strlen (target) <= 2048;
}

gboolean
ig_resolver_cache_get_doc_id (IgResolverCache *cache, const char *key,
    char **id, GError **warning)
{
  Entry e = { "doc-id", key, "id", doc_id_ok, NULL };

  return get_entry (cache, &e, id, warning);
}

void
ig_resolver_cache_put_doc_id (IgResolverCache *cache, const char *key,
    const char *id, const char *where, GError **warning)
{
  put_entry (cache, "doc-id", key, "id", id, where, warning);
}

gboolean
ig_resolver_cache_get_share (IgResolverCache *cache, const char *path,
    char **target, GError **warning)
{
  Entry e = { "share", path, "target", target_ok, NULL };

  return get_entry (cache, &e, target, warning);
}

void
ig_resolver_cache_put_share (IgResolverCache *cache, const char *path,
    const char *target, GError **warning)
{
  put_entry (cache, "share", path, "target", target, NULL, warning);
}
