/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-json.h"
#include "ig-error.h"

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

/* TRUE when the digits @d (@n of them, no sign, no leading zero) stand for
 * at most @limit, a decimal of 19 digits. */
static gboolean
digits_at_most (const char *d, gsize n, const char *limit)
{
  return n < 19 || (n == 19 && memcmp (d, limit, 19) <= 0);
}

/* The end of the number token that starts at @i. */
static gsize
number_end (const char *data, gsize len, gsize i)
{
  while (i < len && data[i] != '\0' && strchr ("0123456789+-.eE", data[i]))
    i++;
  return i;
}

/* TRUE unless data[start, end) is an integer literal outside gint64. A
 * float or a malformed token is the parser's to read or reject. */
static gboolean
token_fits (const char *data, gsize start, gsize end)
{
  gboolean negative = data[start] == '-';
  gsize first = start + (negative ? 1 : 0);

  for (gsize i = first; i < end; i++) {
    if (!g_ascii_isdigit (data[i]))
      return TRUE;
  }
  if (first == end || (data[first] == '0' && end - first > 1))
    return TRUE;
  return digits_at_most (data + first, end - first,
      negative ? "9223372036854775808" : "9223372036854775807");
}

/* "field 'like_count' is an integer beyond 64 bits: 99999999999999999999" */
static void
set_too_big (GError **error, const char *data, gsize key, gsize key_end,
    gsize start, gsize end)
{
  g_autofree char *name = g_utf8_make_valid (data + key, MIN (key_end - key, 64));
  g_autofree char *number = g_strndup (data + start, MIN (end - start, 40));

  if (key_end > key)
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "field '%s' is an integer beyond 64 bits: %s%s", name, number,
        end - start > 40 ? "..." : "");
  else
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "an integer beyond 64 bits: %s%s", number,
        end - start > 40 ? "..." : "");
}

gboolean
ig_json_integers_fit (const char *data, gsize len, GError **error)
{
  gsize key = 0, key_end = 0, text = 0, text_end = 0;

  for (gsize i = 0; i < len; i++) {
    if (data[i] == '"') {
      text = i + 1;
      i = MIN (string_end (data, len, i), len + 1) - 1; /* the closing quote */
      text_end = MIN (i, len);
    } else if (data[i] == ':') {
      key = text, key_end = text_end;
    } else if (data[i] == '{' || data[i] == '}') {
      key = key_end = 0;
    } else if (data[i] == '-' || g_ascii_isdigit (data[i])) {
      gsize end = number_end (data, len, i);

      if (!token_fits (data, i, end)) {
        set_too_big (error, data, key, key_end, i, end);
        return FALSE;
      }
      i = end - 1;
    }
  }
  return TRUE;
}
