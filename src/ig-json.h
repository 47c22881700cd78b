/* gst-instagram: small, type-checked JSON lookups for the strategies.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Member @name of @node, or NULL when @node is not an object or has no
 * such member. A JSON null member is returned as a null node. */
JsonNode *ig_json_member (JsonNode *node, const char *name);

/* Follows a NULL-terminated path of member names from @node. */
JsonNode *ig_json_lookup (JsonNode *node, ...) G_GNUC_NULL_TERMINATED;

/* TRUE when @node is NULL or holds JSON null. */
gboolean ig_json_is_null (JsonNode *node);

/* The string @node holds, else NULL (any other type, or no node). */
const char *ig_json_string (JsonNode *node);

/* Depth-first search for the first object member called @name whose value
 * is an object, at most @max_depth levels deep (hostile input may nest
 * deeply; this never recurses further). */
JsonNode *ig_json_find_object_member (JsonNode *node, const char *name,
    guint max_depth);

/* Deepest array/object nesting ig_json_nesting_ok() lets through: far above
 * what Instagram sends (about 15 levels). */
#define IG_JSON_MAX_NESTING 512

/* TRUE when the JSON text @data nests arrays and objects at most
 * @max_depth deep. JSON-GLib's parser recurses once per level, so hostile
 * input nested a few 100000 levels deep would exhaust the stack: check
 * before parsing. Malformed text is left for the parser to reject. */
gboolean ig_json_nesting_ok (const char *data, gsize len, guint max_depth);

/* TRUE when the JSON text @data holds one value with nothing but
 * whitespace after it, as far as brackets, strings and bare words tell.
 * JSON-GLib 1.6 parses the values that follow the first and leaks them:
 * check before parsing. Malformed text is left for the parser to reject. */
gboolean ig_json_single_value (const char *data, gsize len);

/* TRUE when every integer in the JSON text @data fits 64 bits. JSON-GLib
 * reads a larger one as -1 (1.6) or G_MAXINT64 (1.10), a count or an id
 * that is not Instagram's: check before parsing. Else IG_ERROR_BAD_RESPONSE
 * naming the member it belongs to. Floats and malformed text are left for
 * the parser. */
gboolean ig_json_integers_fit (const char *data, gsize len, GError **error);

G_END_DECLS
