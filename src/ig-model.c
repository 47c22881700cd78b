/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-model.h"

#include "ig-error.h"
#include "ig-shortcode.h"
#include "ig-uri.h"

#include <math.h>
#include <string.h>

/* Every reader below looks at fixed member names only and never recurses
 * on the input, so hostile nesting depth costs nothing. */

static const char *
type_name (JsonNode *node)
{
  GType type;

  if (JSON_NODE_HOLDS_OBJECT (node))
    return "an object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "an array";
  if (JSON_NODE_HOLDS_NULL (node))
    return "null";
  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return "a string";
  if (type == G_TYPE_BOOLEAN)
    return "a boolean";
  return type == G_TYPE_INT64 ? "an integer" : "a number";
}

static gboolean
wrong_type (GError **error, const char *name, JsonNode *node,
    const char *expected)
{
  g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
      "Unexpected answer from Instagram: field '%s' is %s, expected %s", name,
      type_name (node), expected);
  return FALSE;
}

static gboolean
bad_value (GError **error, const char *name, const char *problem)
{
  g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
      "Unexpected answer from Instagram: field '%s' %s", name, problem);
  return FALSE;
}

/* Member @name of @obj; NULL when absent or JSON null (both "unknown"). */
static JsonNode *
member (JsonObject *obj, const char *name)
{
  JsonNode *node = obj ? json_object_get_member (obj, name) : NULL;

  return (node == NULL || JSON_NODE_HOLDS_NULL (node)) ? NULL : node;
}

static gboolean
holds (JsonNode *node, GType type)
{
  return JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == type;
}

/* A borrowed string, NULL when absent; must be valid UTF-8. */
static gboolean
get_string (JsonObject *obj, const char *name, const char **out, GError **error)
{
  JsonNode *node = member (obj, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!holds (node, G_TYPE_STRING))
    return wrong_type (error, name, node, "a string");
  if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
    return bad_value (error, name, "is not valid UTF-8");
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
dup_string (JsonObject *obj, const char *name, char **out, GError **error)
{
  const char *s;

  if (!get_string (obj, name, &s, error))
    return FALSE;
  g_free (*out);
  *out = g_strdup (s);
  return TRUE;
}

/* Beyond 2^53 a double stands for several integers: an id or a count that
 * went through a JavaScript number may have lost digits. */
#define EXACT_DOUBLE_LIMIT 9007199254740992.0

/* @node's number for a message: the fewest digits that read back as the
 * same double. */
static char *
number_text (JsonNode *node)
{
  static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  gdouble d;

  if (holds (node, G_TYPE_INT64))
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  d = json_node_get_double (node);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++) {
    g_ascii_formatd (text, sizeof text, formats[i], d);
    if (g_ascii_strtod (text, NULL) == d)
      break;
  }
  return g_strdup (text);
}

/* "field 'height' is out of range 0..2147483647: 1e+300" */
static gboolean
bad_number (GError **error, const char *name, JsonNode *node,
    const char *problem)
{
  g_autofree char *text = number_text (node);

  g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
      "Unexpected answer from Instagram: field '%s' %s: %s", name, problem,
      text);
  return FALSE;
}

static gboolean
out_of_range (GError **error, const char *name, JsonNode *node, gint64 min,
    gint64 max)
{
  char range[64];

  g_snprintf (range, sizeof range,
      "is out of range %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT, min, max);
  return bad_number (error, name, node, range);
}

/* @node, a JSON number, as an integer in [min, max]. Answers send some
 * integers as floats (1080.0, 1.7e9): a float counts when it has no
 * fraction and is below 2^53, where it cannot have lost digits. */
static gboolean
read_integer (JsonNode *node, const char *name, gint64 min, gint64 max,
    gint64 *out, GError **error)
{
  gdouble d;

  if (holds (node, G_TYPE_INT64)) {
    if (json_node_get_int (node) < min || json_node_get_int (node) > max)
      return out_of_range (error, name, node, min, max);
    *out = json_node_get_int (node);
    return TRUE;
  }
  if (!holds (node, G_TYPE_DOUBLE))
    return wrong_type (error, name, node, "an integer");
  d = json_node_get_double (node);
  /* json-glib never reads NaN or infinities, but nodes can be built */
  if (!isfinite (d) || d != floor (d))
    return bad_number (error, name, node, "is not an integer");
  if (d < (gdouble) min || d > (gdouble) max)
    return out_of_range (error, name, node, min, max);
  if (fabs (d) >= EXACT_DOUBLE_LIMIT)
    return bad_number (error, name, node,
        "is a float beyond 2^53, which may have lost digits");
  *out = (gint64) d;
  return TRUE;
}

static gboolean
is_number (JsonNode *node)
{
  return holds (node, G_TYPE_INT64) || holds (node, G_TYPE_DOUBLE);
}

/* An integer in [min, max]; @out is left alone when absent. */
static gboolean
get_int (JsonObject *obj, const char *name, gint64 min, gint64 max, gint64 *out,
    GError **error)
{
  JsonNode *node = member (obj, name);

  return node == NULL || read_integer (node, name, min, max, out, error);
}

/* A width or height: 0 (unknown) when absent. */
static gboolean
get_dim (JsonObject *obj, const char *name, gint *out, GError **error)
{
  gint64 v = 0;

  if (!get_int (obj, name, 0, G_MAXINT, &v, error))
    return FALSE;
  *out = (gint) v;
  return TRUE;
}

/* An integer that some answers send as a decimal string (counts, times,
 * bandwidth); @out is left alone when absent. */
static gboolean
get_int64 (JsonObject *obj, const char *name, gint64 *out, GError **error)
{
  JsonNode *node = member (obj, name);

  if (node == NULL)
    return TRUE;
  if (is_number (node))
    return read_integer (node, name, G_MININT64, G_MAXINT64, out, error);
  if (!holds (node, G_TYPE_STRING))
    return wrong_type (error, name, node, "an integer");
  if (!g_ascii_string_to_signed (json_node_get_string (node), 10, G_MININT64,
          G_MAXINT64, out, NULL))
    return bad_value (error, name, "is not a decimal number");
  return TRUE;
}

/* A 64-bit id: a JSON number or, exactly, a decimal string. Real ids are
 * above 2^53, so in practice only an integer or a string keeps them. */
static gboolean
get_pk (JsonObject *obj, const char *name, guint64 *out, GError **error)
{
  JsonNode *node = member (obj, name);
  const char *s;
  gint64 v;

  if (node == NULL)
    return TRUE;
  if (is_number (node)) {
    if (json_node_get_double (node) < 0)
      return bad_number (error, name, node, "is negative");
    if (!read_integer (node, name, 0, G_MAXINT64, &v, error))
      return FALSE;
    *out = (guint64) v;
    return TRUE;
  }
  if (!holds (node, G_TYPE_STRING))
    return wrong_type (error, name, node, "an integer or a decimal string");
  s = json_node_get_string (node);
  if (!g_ascii_isdigit (s[0])
      || !g_ascii_string_to_unsigned (s, 10, 0, G_MAXUINT64, out, NULL))
    return bad_value (error, name, "is not a decimal id");
  return TRUE;
}

/* Seconds: at most 1e9, so that nanoseconds still fit 64 bits. */
static gboolean
get_double (JsonObject *obj, const char *name, gdouble *out, GError **error)
{
  JsonNode *node = member (obj, name);
  gdouble d;

  if (node == NULL)
    return TRUE;
  if (!is_number (node))
    return wrong_type (error, name, node, "a number");
  d = json_node_get_double (node);
  if (!isfinite (d))
    return bad_number (error, name, node, "is not a finite number");
  if (d < 0 || d > 1e9)
    return bad_number (error, name, node, "is out of range 0..1e9");
  *out = d;
  return TRUE;
}

/* A boolean; old answers use 0/1. */
static gboolean
get_bool (JsonObject *obj, const char *name, gboolean *out, GError **error)
{
  JsonNode *node = member (obj, name);

  if (node == NULL)
    return TRUE;
  if (holds (node, G_TYPE_BOOLEAN))
    *out = json_node_get_boolean (node);
  else if (holds (node, G_TYPE_INT64))
    *out = json_node_get_int (node) != 0;
  else
    return wrong_type (error, name, node, "a boolean");
  return TRUE;
}

static gboolean
get_object (JsonObject *obj, const char *name, JsonObject **out, GError **error)
{
  JsonNode *node = member (obj, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (error, name, node, "an object");
  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
get_array (JsonObject *obj, const char *name, JsonArray **out, GError **error)
{
  JsonNode *node = member (obj, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (error, name, node, "an array");
  *out = json_node_get_array (node);
  return TRUE;
}

/* Element @i of @array (named @name), which must be an object. */
static gboolean
get_element (JsonArray *array, guint i, const char *name, JsonObject **out,
    GError **error)
{
  JsonNode *node = json_array_get_element (array, i);
  g_autofree char *label = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node)) {
    label = g_strdup_printf ("%s[%u]", name, i);
    return wrong_type (error, label, node, "an object");
  }
  *out = json_node_get_object (node);
  return TRUE;
}

/* The model's structs */

/** ig_variant_free: frees @variant; NULL is allowed. */
void
ig_variant_free (IgVariant *variant)
{
  if (variant == NULL)
    return;
  g_free (variant->url);
  g_free (variant->id);
  g_free (variant);
}

/** ig_item_free: frees @item and its variants; NULL is allowed. */
void
ig_item_free (IgItem *item)
{
  if (item == NULL)
    return;
  g_clear_pointer (&item->videos, g_ptr_array_unref);
  g_clear_pointer (&item->images, g_ptr_array_unref);
  g_clear_pointer (&item->dash, ig_dash_manifest_free);
  g_free (item->dash_error);
  g_free (item->unusable);
  g_free (item);
}

/** ig_item_set_dash: see ig-model.h; parsed once, here. */
void
ig_item_set_dash (IgItem *item, const char *xml)
{
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&item->dash, ig_dash_manifest_free);
  g_clear_pointer (&item->dash_error, g_free);
  item->dash = ig_dash_manifest_parse (xml, &error);
  if (item->dash == NULL)
    item->dash_error = g_strdup (error->message);
}

/* String member @name of @obj, when present, as @item's manifest. */
static gboolean
get_dash (JsonObject *obj, const char *name, IgItem *item, GError **error)
{
  const char *xml;

  if (!get_string (obj, name, &xml, error))
    return FALSE;
  if (xml != NULL)
    ig_item_set_dash (item, xml);
  return TRUE;
}

/** ig_post_free: frees @post and its items; NULL is allowed. */
void
ig_post_free (IgPost *post)
{
  if (post == NULL || !g_atomic_ref_count_dec (&post->refs))
    return;
  g_free (post->shortcode);
  g_free (post->product_type);
  g_free (post->owner_username);
  g_free (post->owner_full_name);
  g_free (post->caption);
  g_free (post->location_name);
  g_free (post->resolved_by);
  g_clear_pointer (&post->items, g_ptr_array_unref);
  g_free (post);
}

IgPost *
ig_post_ref (IgPost *post)
{
  g_atomic_ref_count_inc (&post->refs);
  return post;
}

static IgItem *
item_new (IgMediaType type, guint64 pk)
{
  IgItem *item = g_new0 (IgItem, 1);

  item->type = type;
  item->pk = pk;
  item->videos =
      g_ptr_array_new_with_free_func ((GDestroyNotify) ig_variant_free);
  item->images =
      g_ptr_array_new_with_free_func ((GDestroyNotify) ig_variant_free);
  return item;
}

IgPost *
ig_post_new (void)
{
  IgPost *post = g_new0 (IgPost, 1);

  g_atomic_ref_count_init (&post->refs);
  post->like_count = post->comment_count = post->view_count = -1;
  post->items = g_ptr_array_new_with_free_func ((GDestroyNotify) ig_item_free);
  return post;
}

/* Why @item cannot be streamed, or NULL. A video item needs a video: its
 * poster alone is not the media. */
static char *
unusable_reason (const IgItem *item)
{
  if (item->type == IG_MEDIA_VIDEO && item->videos->len == 0)
    return g_strdup ("the video has no file with an http(s) URL");
  if (item->type == IG_MEDIA_IMAGE && item->images->len == 0)
    return g_strdup ("the image has no candidate with an http(s) URL");
  return NULL;
}

/* Adds @item to @post, marked when unusable: dropping it would make
 * ?img_index=N point at a later child than Instagram's Nth. */
static void
post_take_item (IgPost *post, IgItem *item)
{
  item->unusable = unusable_reason (item);
  g_ptr_array_add (post->items, item);
}

static gboolean
has_usable_item (const IgPost *post)
{
  for (guint i = 0; i < post->items->len; i++) {
    const IgItem *item = g_ptr_array_index (post->items, i);

    if (item->unusable == NULL)
      return TRUE;
  }
  return FALSE;
}

static IgVariant *
variant_new (const char *url, gint width, gint height)
{
  IgVariant *v = g_new0 (IgVariant, 1);

  v->url = g_strdup (url);
  v->width = width;
  v->height = height;
  return v;
}

static gboolean
no_media (GError **error, const IgPost *post, const char *what)
{
  g_set_error (error, IG_ERROR, IG_ERROR_NO_MEDIA,
      "Instagram's answer for post %s has no usable %s",
      post->shortcode ? post->shortcode : "(no code)", what);
  return FALSE;
}

/* The REST shape */

/* A video_versions entry's or image candidate's id: a string, or an
 * integer in older answers. */
static gboolean
get_variant_id (JsonObject *obj, char **out, GError **error)
{
  JsonNode *node = member (obj, "id");

  if (node != NULL && holds (node, G_TYPE_INT64)) {
    *out = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    return TRUE;
  }
  return dup_string (obj, "id", out, error);
}

/* One {url, width, height, type, id, bandwidth}; *out stays NULL when its
 * URL is missing or not http(s). */
static gboolean
rest_variant (JsonObject *obj, IgVariant **out, GError **error)
{
  const char *url;
  gint width = 0, height = 0;
  gint64 type = 0, bandwidth = 0;
  g_autofree char *id = NULL;

  if (!get_string (obj, "url", &url, error)
      || !get_dim (obj, "width", &width, error)
      || !get_dim (obj, "height", &height, error)
      || !get_int (obj, "type", 0, G_MAXINT, &type, error)
      || !get_variant_id (obj, &id, error)
      || !get_int64 (obj, "bandwidth", &bandwidth, error))
    return FALSE;
  if (!ig_uri_is_http_url (url))
    return TRUE;
  *out = variant_new (url, width, height);
  (*out)->type = (gint) type;
  (*out)->bandwidth = MAX (bandwidth, 0);
  (*out)->id = g_steal_pointer (&id);
  return TRUE;
}

/* Appends the usable variants of array @name of @obj to @out. */
static gboolean
rest_variants (JsonObject *obj, const char *name, GPtrArray *out,
    GError **error)
{
  JsonArray *array;
  JsonObject *element;

  if (!get_array (obj, name, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++) {
    IgVariant *v = NULL;

    if (!get_element (array, i, name, &element, error)
        || !rest_variant (element, &v, error))
      return FALSE;
    if (v != NULL)
      g_ptr_array_add (out, v);
  }
  return TRUE;
}

static gboolean
rest_media (JsonObject *obj, IgItem *item, GError **error)
{
  JsonObject *iv2;

  if (!get_dim (obj, "original_width", &item->width, error)
      || !get_dim (obj, "original_height", &item->height, error)
      || !get_double (obj, "video_duration", &item->duration, error)
      || !get_bool (obj, "has_audio", &item->has_audio, error)
      || !get_dash (obj, "video_dash_manifest", item, error)
      || !rest_variants (obj, "video_versions", item->videos, error)
      || !get_object (obj, "image_versions2", &iv2, error))
    return FALSE;
  return iv2 == NULL || rest_variants (iv2, "candidates", item->images, error);
}

/* 2026 answers may leave media_type out (instagram-2026-12.md 6.3): the
 * arrays say what the item is. */
static gboolean
infer_media_type (JsonObject *obj, gboolean carousel_ok, IgMediaType *out,
    GError **error)
{
  JsonArray *children, *videos;

  if (!get_array (obj, "carousel_media", &children, error)
      || !get_array (obj, "video_versions", &videos, error))
    return FALSE;
  if (carousel_ok && children != NULL)
    *out = IG_MEDIA_CAROUSEL;
  else if (videos != NULL && json_array_get_length (videos) > 0)
    *out = IG_MEDIA_VIDEO;
  else if (member (obj, "image_versions2") != NULL)
    *out = IG_MEDIA_IMAGE;
  else
    return bad_value (error, "media_type",
        "is missing, and neither carousel_media, video_versions nor "
        "image_versions2 says what the item is");
  return TRUE;
}

/* media_type: 1, 2 or 8 (8 only where @carousel_ok), else inferred. */
static gboolean
rest_media_type (JsonObject *obj, gboolean carousel_ok, IgMediaType *out,
    GError **error)
{
  gint64 type = 0;

  if (member (obj, "media_type") == NULL)
    return infer_media_type (obj, carousel_ok, out, error);
  if (!get_int (obj, "media_type", G_MININT64, G_MAXINT64, &type, error))
    return FALSE;
  if (type != IG_MEDIA_IMAGE && type != IG_MEDIA_VIDEO
      && (type != IG_MEDIA_CAROUSEL || !carousel_ok))
    return bad_value (error, "media_type", "is not a known media type here");
  *out = (IgMediaType) type;
  return TRUE;
}

/* "PK_OWNER" or "PK": the pk part. */
static gboolean
media_id_text (const char *text, const char *name, guint64 *pk, GError **error)
{
  g_autofree char *head = g_strndup (text, strcspn (text, "_"));

  if (!g_ascii_isdigit (head[0])
      || !g_ascii_string_to_unsigned (head, 10, 0, G_MAXUINT64, pk, NULL))
    return bad_value (error, name, "is not a media id");
  return TRUE;
}

/* pk: a number, "PK", or "PK_OWNER" as 2026 answers put there too. */
static gboolean
get_media_id (JsonObject *obj, const char *name, guint64 *pk, GError **error)
{
  JsonNode *node = member (obj, name);

  if (node == NULL || !holds (node, G_TYPE_STRING)
      || strchr (json_node_get_string (node), '_') == NULL)
    return get_pk (obj, name, pk, error);
  return media_id_text (json_node_get_string (node), name, pk, error);
}

/* pk, else id ("<pk>_<owner pk>", or only the pk in 2026 answers); an id
 * of another type is not the media's. */
static gboolean
rest_pk (JsonObject *obj, guint64 *pk, GError **error)
{
  JsonNode *id = member (obj, "id");

  if (!get_media_id (obj, "pk", pk, error))
    return FALSE;
  if (*pk != 0 || id == NULL)
    return TRUE;
  if (is_number (id))
    return get_pk (obj, "id", pk, error);
  return !holds (id, G_TYPE_STRING)
      || media_id_text (json_node_get_string (id), "id", pk, error);
}

/* One carousel child, or the post itself when it is not a carousel. */
static gboolean
rest_item (JsonObject *obj, IgPost *post, GError **error)
{
  IgMediaType type;
  guint64 pk = 0;
  IgItem *item;

  if (!rest_media_type (obj, FALSE, &type, error) || !rest_pk (obj, &pk, error))
    return FALSE;
  item = item_new (type, pk != 0 ? pk : post->pk);
  if (!rest_media (obj, item, error)) {
    ig_item_free (item);
    return FALSE;
  }
  post_take_item (post, item);
  return TRUE;
}

static gboolean
rest_items (JsonObject *obj, IgPost *post, GError **error)
{
  JsonArray *children;
  JsonObject *child;

  if (post->type != IG_MEDIA_CAROUSEL) {
    if (!rest_item (obj, post, error))
      return FALSE;
    return has_usable_item (post) || no_media (error, post, "image or video");
  }
  if (!get_array (obj, "carousel_media", &children, error))
    return FALSE;
  for (guint i = 0; children && i < json_array_get_length (children); i++) {
    if (!get_element (children, i, "carousel_media", &child, error)
        || !rest_item (child, post, error))
      return FALSE;
  }
  return has_usable_item (post) || no_media (error, post, "carousel item");
}

/* @obj.@field as a new string, @obj being an optional object member. */
static gboolean
dup_nested (JsonObject *obj, const char *name, const char *field, char **out,
    GError **error)
{
  JsonObject *inner;

  return get_object (obj, name, &inner, error)
      && dup_string (inner, field, out, error);
}

static gboolean
rest_counts (JsonObject *obj, IgPost *post, GError **error)
{
  gint64 play = -1;

  if (!get_int64 (obj, "like_count", &post->like_count, error)
      || !get_int64 (obj, "comment_count", &post->comment_count, error)
      || !get_int64 (obj, "view_count", &post->view_count, error)
      || !get_int64 (obj, "play_count", &play, error))
    return FALSE;
  if (post->view_count < 0)
    post->view_count = play;
  return TRUE;
}

/* caption {text}, or in 2026 answers the text itself. */
static gboolean
rest_caption (JsonObject *obj, IgPost *post, GError **error)
{
  JsonNode *node = member (obj, "caption");

  if (node != NULL && holds (node, G_TYPE_STRING))
    return dup_string (obj, "caption", &post->caption, error);
  return dup_nested (obj, "caption", "text", &post->caption, error);
}

/* taken_at, else taken_at_timestamp (2026 answers have either). */
static gboolean
rest_taken_at (JsonObject *obj, IgPost *post, GError **error)
{
  return get_int64 (obj, "taken_at", &post->taken_at, error)
      && (post->taken_at != 0
          || get_int64 (obj, "taken_at_timestamp", &post->taken_at, error));
}

/* A post without code is named by its pk, as Instagram's own links do
 * (story items have none: they are no post). */
static void
derive_code (IgPost *post)
{
  if (post->shortcode == NULL && post->pk != 0
      && g_strcmp0 (post->product_type, "story") != 0)
    post->shortcode = ig_pk_to_shortcode (post->pk);
}

static gboolean
rest_post (JsonObject *obj, IgPost *post, GError **error)
{
  if (!rest_pk (obj, &post->pk, error)
      || !dup_string (obj, "code", &post->shortcode, error)
      || !rest_media_type (obj, TRUE, &post->type, error)
      || !dup_string (obj, "product_type", &post->product_type, error)
      || !dup_nested (obj, "user", "username", &post->owner_username, error)
      || !dup_nested (obj, "user", "full_name", &post->owner_full_name, error)
      || !rest_caption (obj, post, error) || !rest_taken_at (obj, post, error)
      || !get_int64 (obj, "expiring_at", &post->expiring_at, error)
      || !dup_nested (obj, "location", "name", &post->location_name, error)
      || !rest_counts (obj, post, error))
    return FALSE;
  derive_code (post);
  return TRUE;
}

static gboolean
node_object (JsonNode *node, JsonObject **out, GError **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node)) {
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "Unexpected answer from Instagram: the media is %s, expected an "
        "object",
        node ? type_name (node) : "missing");
    return FALSE;
  }
  *out = json_node_get_object (node);
  return TRUE;
}

/**
 * ig_post_from_rest:
 * Reads the mobile item shape; see ig-model.h for the errors.
 */
IgPost *
ig_post_from_rest (JsonNode *item, GError **error)
{
  g_autoptr (IgPost) post = ig_post_new ();
  JsonObject *obj;

  if (!node_object (item, &obj, error) || !rest_post (obj, post, error)
      || !rest_items (obj, post, error))
    return NULL;
  return g_steal_pointer (&post);
}

/* The GraphQL shape */

/* __typename Graph* or XDTGraph* (Image, Video, Sidecar); nothing else. */
static gboolean
graph_type (JsonObject *obj, gboolean sidecar_ok, IgMediaType *out,
    GError **error)
{
  const char *name;

  if (!get_string (obj, "__typename", &name, error))
    return FALSE;
  if (name != NULL && g_str_has_prefix (name, "XDT"))
    name += 3;
  if (g_strcmp0 (name, "GraphImage") == 0)
    *out = IG_MEDIA_IMAGE;
  else if (g_strcmp0 (name, "GraphVideo") == 0)
    *out = IG_MEDIA_VIDEO;
  else if (g_strcmp0 (name, "GraphSidecar") == 0 && sidecar_ok)
    *out = IG_MEDIA_CAROUSEL;
  else
    return bad_value (error, "__typename", "is not a known media type here");
  return TRUE;
}

/* display_resources[] {src, config_width, config_height}. */
static gboolean
graph_images (JsonObject *obj, IgItem *item, GError **error)
{
  JsonArray *array;
  JsonObject *res;
  const char *src;

  if (!get_array (obj, "display_resources", &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++) {
    gint w = 0, h = 0;

    if (!get_element (array, i, "display_resources", &res, error)
        || !get_string (res, "src", &src, error)
        || !get_dim (res, "config_width", &w, error)
        || !get_dim (res, "config_height", &h, error))
      return FALSE;
    if (ig_uri_is_http_url (src))
      g_ptr_array_add (item->images, variant_new (src, w, h));
  }
  return TRUE;
}

/* display_url, used when no display_resources entry is usable. */
static gboolean
graph_display_url (JsonObject *obj, IgItem *item, GError **error)
{
  const char *url;

  if (!get_string (obj, "display_url", &url, error))
    return FALSE;
  if (item->images->len == 0 && ig_uri_is_http_url (url))
    g_ptr_array_add (item->images,
        variant_new (url, item->width, item->height));
  return TRUE;
}

/* video_url: one variant of the node's own size. */
static gboolean
graph_video (JsonObject *obj, IgItem *item, GError **error)
{
  const char *url;

  if (!get_string (obj, "video_url", &url, error))
    return FALSE;
  if (ig_uri_is_http_url (url))
    g_ptr_array_add (item->videos,
        variant_new (url, item->width, item->height));
  return TRUE;
}

static gboolean
graph_media (JsonObject *obj, IgItem *item, GError **error)
{
  JsonObject *dims, *dash_info;

  return get_object (obj, "dimensions", &dims, error)
      && get_dim (dims, "width", &item->width, error)
      && get_dim (dims, "height", &item->height, error)
      && get_double (obj, "video_duration", &item->duration, error)
      && get_bool (obj, "has_audio", &item->has_audio, error)
      && get_object (obj, "dash_info", &dash_info, error)
      && get_dash (dash_info, "video_dash_manifest", item, error)
      && graph_images (obj, item, error) && graph_display_url (obj, item, error)
      && graph_video (obj, item, error);
}

/* One sidecar child, or the post itself when it is not a sidecar. */
static gboolean
graph_item (JsonObject *obj, IgPost *post, GError **error)
{
  IgMediaType type;
  guint64 pk = post->pk;
  IgItem *item;

  if (!graph_type (obj, FALSE, &type, error) || !get_pk (obj, "id", &pk, error))
    return FALSE;
  item = item_new (type, pk);
  if (!graph_media (obj, item, error)) {
    ig_item_free (item);
    return FALSE;
  }
  post_take_item (post, item);
  return TRUE;
}

/* edge_sidecar_to_children.edges[].node */
static gboolean
graph_children (JsonObject *obj, IgPost *post, GError **error)
{
  JsonObject *edge, *child;
  JsonArray *edges;

  if (!get_object (obj, "edge_sidecar_to_children", &edge, error)
      || !get_array (edge, "edges", &edges, error))
    return FALSE;
  for (guint i = 0; edges != NULL && i < json_array_get_length (edges); i++) {
    if (!get_element (edges, i, "edges", &edge, error)
        || !get_object (edge, "node", &child, error))
      return FALSE;
    if (child != NULL && !graph_item (child, post, error))
      return FALSE;
  }
  return has_usable_item (post) || no_media (error, post, "carousel item");
}

static gboolean
graph_items (JsonObject *obj, IgPost *post, GError **error)
{
  if (post->type == IG_MEDIA_CAROUSEL)
    return graph_children (obj, post, error);
  if (!graph_item (obj, post, error))
    return FALSE;
  return has_usable_item (post) || no_media (error, post, "image or video");
}

/* edge_media_to_caption.edges[0].node.text */
static gboolean
graph_caption (JsonObject *obj, IgPost *post, GError **error)
{
  JsonObject *edge, *node = NULL;
  JsonArray *edges;

  if (!get_object (obj, "edge_media_to_caption", &edge, error)
      || !get_array (edge, "edges", &edges, error))
    return FALSE;
  if (edges == NULL || json_array_get_length (edges) == 0)
    return TRUE;
  return get_element (edges, 0, "edges", &edge, error)
      && get_object (edge, "node", &node, error)
      && dup_string (node, "text", &post->caption, error);
}

/* @name.count into @out, unless @out is known already. */
static gboolean
graph_count (JsonObject *obj, const char *name, gint64 *out, GError **error)
{
  JsonObject *edge;

  if (*out >= 0)
    return TRUE;
  return get_object (obj, name, &edge, error)
      && get_int64 (edge, "count", out, error);
}

static gboolean
graph_counts (JsonObject *obj, IgPost *post, GError **error)
{
  return graph_count (obj, "edge_media_preview_like", &post->like_count, error)
      && graph_count (obj, "edge_liked_by", &post->like_count, error)
      && graph_count (obj, "edge_media_to_parent_comment", &post->comment_count,
          error)
      && graph_count (obj, "edge_media_to_comment", &post->comment_count, error)
      && get_int64 (obj, "video_view_count", &post->view_count, error);
}

static gboolean
graph_post (JsonObject *obj, IgPost *post, GError **error)
{
  return graph_type (obj, TRUE, &post->type, error)
      && get_pk (obj, "id", &post->pk, error)
      && dup_string (obj, "shortcode", &post->shortcode, error)
      && dup_string (obj, "product_type", &post->product_type, error)
      && dup_nested (obj, "owner", "username", &post->owner_username, error)
      && dup_nested (obj, "owner", "full_name", &post->owner_full_name, error)
      && graph_caption (obj, post, error)
      && get_int64 (obj, "taken_at_timestamp", &post->taken_at, error)
      && dup_nested (obj, "location", "name", &post->location_name, error)
      && graph_counts (obj, post, error);
}

/**
 * ig_post_from_graphql:
 * Reads the web shortcode_media shape; see ig-model.h for the errors.
 */
IgPost *
ig_post_from_graphql (JsonNode *media, GError **error)
{
  g_autoptr (IgPost) post = ig_post_new ();
  JsonObject *obj;

  if (!node_object (media, &obj, error) || !graph_post (obj, post, error)
      || !graph_items (obj, post, error))
    return NULL;
  return g_steal_pointer (&post);
}

/**
 * ig_post_dup_title:
 * The first non-blank line of the caption, trimmed: captions often end
 * in hashtag blocks, the first line reads best as a title.
 */
char *
ig_post_dup_title (const IgPost *post)
{
  const char *line = post->caption;

  while (line != NULL && *line != '\0') {
    size_t len = strcspn (line, "\r\n");
    g_autofree char *title = g_strstrip (g_strndup (line, len));

    if (title[0] != '\0')
      return g_steal_pointer (&title);
    line += len;
    line += strspn (line, "\r\n");
  }
  return NULL;
}
