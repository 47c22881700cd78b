/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-preloaders.h"

#include <string.h>

#define MARKER "expectedPreloaders"
#define MAX_ID 24
#define MAX_NAME 128

/* The end of the string starting at @p (on its quote), or NULL. */
static const char *
skip_string (const char *p, const char *end)
{
  char quote = *p++;

  for (; p < end; p++) {
    if (*p == '\\')
      p++;
    else if (*p == quote)
      return p + 1;
  }
  return NULL;
}

/* The end of the bracketed span starting at @p ('[' or '{'), or NULL. */
static const char *
skip_span (const char *p, const char *end)
{
  guint depth = 0;

  while (p < end) {
    if (*p == '"' || *p == '\'') {
      if ((p = skip_string (p, end)) == NULL)
        return NULL;
      continue;
    }
    if (*p == '[' || *p == '{')
      depth++;
    else if ((*p == ']' || *p == '}') && --depth == 0)
      return p + 1;
    p++;
  }
  return NULL;
}

static const char *
skip_blank (const char *p, const char *end)
{
  while (p < end && (g_ascii_isspace (*p) || *p == ','))
    p++;
  return p;
}

static gboolean
is_ident (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '$';
}

/* One entry's queryID and queryName: string members at its top level. */
typedef struct
{
  char *id;
  char *name;
} Entry;

static gboolean
all_of (const char *v, gsize len, gboolean digits, gsize max)
{
  gsize i;

  if (len == 0 || len > max)
    return FALSE;
  for (i = 0; i < len; i++) {
    if (digits ? !g_ascii_isdigit (v[i])
               : !(g_ascii_isalnum (v[i]) || v[i] == '_'))
      return FALSE;
  }
  return TRUE;
}

static void
take_member (Entry *e, const char *key, gsize klen, const char *v, gsize vlen)
{
  if (klen == 7 && memcmp (key, "queryID", 7) == 0 && e->id == NULL
      && all_of (v, vlen, TRUE, MAX_ID))
    e->id = g_strndup (v, vlen);
  else if (klen == 9 && memcmp (key, "queryName", 9) == 0 && e->name == NULL
      && all_of (v, vlen, FALSE, MAX_NAME))
    e->name = g_strndup (v, vlen);
}

/* The key of the member at @p (quoted or a JS identifier) and what
 * follows its ':', or NULL when the text is not an object member. */
static const char *
read_key (const char *p, const char *end, const char **key, gsize *klen)
{
  const char *q;

  if (*p == '"' || *p == '\'') {
    if ((q = skip_string (p, end)) == NULL)
      return NULL;
    *key = p + 1;
    *klen = q - 1 - *key;
  } else if (is_ident (*p)) {
    for (q = p; q < end && is_ident (*q); q++)
      ;
    *key = p;
    *klen = q - p;
  } else {
    return NULL;
  }
  while (q < end && g_ascii_isspace (*q))
    q++;
  if (q >= end || *q != ':')
    return NULL;
  for (q++; q < end && g_ascii_isspace (*q); q++)
    ;
  return q < end ? q : NULL;
}

/* Reads the object @obj..@end member by member, skipping nested values. */
static void
read_entry (const char *obj, const char *end, Entry *e)
{
  const char *p = obj + 1, *key, *v;
  gsize klen;

  while ((p = skip_blank (p, end)) < end) {
    if ((p = read_key (p, end, &key, &klen)) == NULL)
      return;
    if (*p == '"' || *p == '\'') {
      v = p + 1;
      if ((p = skip_string (p, end)) == NULL)
        return;
      take_member (e, key, klen, v, p - 1 - v);
    } else if (*p == '{' || *p == '[') {
      if ((p = skip_span (p, end)) == NULL)
        return;
    } else {
      while (p < end && *p != ',')
        p++;
    }
  }
}

static void
add_entries (GHashTable *ids, const char *p, const char *end)
{
  const char *obj_end;

  for (p++; p < end; p = obj_end) {
    Entry e = { NULL, NULL };

    while (p < end && *p != '{')
      p++;
    if (p >= end || (obj_end = skip_span (p, end)) == NULL)
      return;
    read_entry (p, obj_end - 1, &e);
    if (e.id != NULL && e.name != NULL && !g_hash_table_contains (ids, e.name))
      g_hash_table_insert (ids, g_steal_pointer (&e.name),
          g_steal_pointer (&e.id));
    g_free (e.id);
    g_free (e.name);
  }
}

GHashTable *
ig_preloaders_parse (const char *html, gsize len)
{
  GHashTable *ids =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *end = html + len;
  const char *p = html;

  while (p < end && (p = g_strstr_len (p, end - p, MARKER)) != NULL) {
    const char *list_end;

    p += strlen (MARKER);
    while (p < end && (*p == '"' || *p == ':' || g_ascii_isspace (*p)))
      p++;
    if (p >= end || *p != '[')
      continue;
    list_end = skip_span (p, MIN (end, p + IG_PRELOADERS_MAX_SPAN));
    if (list_end == NULL)
      continue;
    add_entries (ids, p, list_end - 1);
    p = list_end;
  }
  return ids;
}
