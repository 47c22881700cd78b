/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-json.h"

#include <string.h>

JsonNode *
ig_json_member (JsonNode *node, const char *name)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_get_member (json_node_get_object (node), name);
}

JsonNode *
ig_json_lookup (JsonNode *node, ...)
{
  va_list args;
  const char *name;

  va_start (args, node);
  while (node != NULL && (name = va_arg (args, const char *)) != NULL)
    node = ig_json_member (node, name);
  va_end (args);
  return node;
}

gboolean
ig_json_is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

const char *
ig_json_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
          && json_node_get_value_type (node) == G_TYPE_STRING
      ? json_node_get_string (node)
      : NULL;
}

static JsonNode *find_in (JsonNode *node, const char *name, guint depth);

static JsonNode *
find_in_object (JsonObject *object, const char *name, guint depth)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value, *found;

  value = json_object_get_member (object, name);
  if (value != NULL && JSON_NODE_HOLDS_OBJECT (value))
    return value;
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, &value)) {
    if ((found = find_in (value, name, depth)) != NULL)
      return found;
  }
  return NULL;
}

static JsonNode *
find_in_array (JsonArray *array, const char *name, guint depth)
{
  guint i, n = json_array_get_length (array);
  JsonNode *found;

  for (i = 0; i < n; i++) {
    found = find_in (json_array_get_element (array, i), name, depth);
    if (found != NULL)
      return found;
  }
  return NULL;
}

static JsonNode *
find_in (JsonNode *node, const char *name, guint depth)
{
  if (depth == 0)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return find_in_object (json_node_get_object (node), name, depth - 1);
  if (JSON_NODE_HOLDS_ARRAY (node))
    return find_in_array (json_node_get_array (node), name, depth - 1);
  return NULL;
}

JsonNode *
ig_json_find_object_member (JsonNode *node, const char *name, guint max_depth)
{
  return node != NULL ? find_in (node, name, max_depth) : NULL;
}

gboolean
ig_json_nesting_ok (const char *data, gsize len, guint max_depth)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++) {
    if (in_string) {
      if (data[i] == '\\')
        i++;
      else if (data[i] == '"')
        in_string = FALSE;
    } else if (data[i] == '"') {
      in_string = TRUE;
    } else if (data[i] == '[' || data[i] == '{') {
      if (++depth > max_depth)
        return FALSE;
    } else if ((data[i] == ']' || data[i] == '}') && depth > 0) {
      depth--;
    }
  }
  return TRUE;
}

/* The index just past the string whose opening quote is at @i. */
static gsize
string_end (const char *data, gsize len, gsize i)
{
  for (i++; i < len && data[i] != '"'; i++) {
    if (data[i] == '\\')
      i++;
  }
  return i + 1;
}

static gsize
skip_space (const char *data, gsize len, gsize i)
{
  while (i < len
      && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n'
          || data[i] == '\r'))
    i++;
  return i;
}

gboolean
ig_json_single_value (const char *data, gsize len)
{
  gsize i = len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
  guint depth = 0;

  i = skip_space (data, len, i);
  if (i >= len)
    return TRUE;
  if (data[i] == '"') {
    i = string_end (data, len, i);
  } else if (data[i] == '-' || g_ascii_isdigit (data[i]) || data[i] == 't'
      || data[i] == 'f' || data[i] == 'n') {
    while (i < len && !g_ascii_isspace (data[i])
        && strchr ("{}[],:\"", data[i]) == NULL)
      i++;
  } else if (data[i] != '{' && data[i] != '[') {
    return TRUE; /* not JSON at all: the parser stops at once */
  } else {
    for (; i < len; i++) {
      if (data[i] == '"')
        i = string_end (data, len, i) - 1;
      else if (data[i] == '[' || data[i] == '{')
        depth++;
      else if ((data[i] == ']' || data[i] == '}') && --depth == 0)
        break;
    }
    i++;
  }
  return skip_space (data, len, i) >= len;
}
