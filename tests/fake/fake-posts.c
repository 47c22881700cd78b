/* gst-instagram tests: the fake's posts, one fixture file each.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-private.h"
#include "fake-fixtures.h"
#include "fake-media.h"

#include <string.h>

#define FIXTURES_PATH "/org/gst-instagram/fake/fixtures/"

/* The one table of posts. FAKE_SC_DELETED is absent on purpose. */
static const struct
{
  const char *shortcode;
  const char *fixture;
  guint flags;
} post_table[] = {
  { FAKE_SC_IMAGE, "image.json", 0 },
  { FAKE_SC_VIDEO, "video.json", 0 },
  { FAKE_SC_REEL, "reel.json", 0 },
  { FAKE_SC_CAROUSEL, "carousel.json", 0 },
  { FAKE_SC_NONFASTSTART, "nonfaststart.json", 0 },
  { FAKE_SC_PRIVATE, "private.json", FAKE_POST_PRIVATE },
  { FAKE_SC_BIG, "big.json", 0 },
  { FAKE_SC_DASH, "dash.json", 0 },
  { FAKE_SC_REEL_BENCH, "reel-bench.json", 0 },
  { FAKE_SC_PORTRAIT, "portrait.json", 0 },
  { FAKE_SC_AUDIO_RELATIVE, "audio-relative.json", 0 },
  { FAKE_SC_AUDIO_FILE, "audio-file.json", 0 },
  { FAKE_SC_AUDIO_MISSING, "audio-missing.json", 0 },
  { FAKE_SC_SILENT, "silent.json", 0 },
  { FAKE_SC_R26_AV1, "reel-2026-av1.json", 0 },
  { FAKE_SC_R26_VP9, "reel-2026-vp9.json", 0 },
};

/* The users whose grids the fake serves: clones of post_table rows (by
 * index: 0 image, 1 video, 2 reel, 3 carousel, 7 DASH reel), newest first. */
static const guint grid_kinds[] = { 0, 1, 2, 3, 7 };
static const guint three_kinds[] = { 2, 3, 0 };
static const guint private_kinds[] = { 0, 1 };
/* the 2026 reels (rows 14, 15), the image, the carousel, the reel */
static const guint r26_kinds[] = { 14, 0, 15, 3, 2, 2, 14 };
/* the tab pins post 4, which the grid does not; 5 and 6 are tab-only */
static const guint r26_tab[] = { 4, 0, 5, 2, 6 };

static const FakeOwner owner_table[] = {
  { FAKE_GRID_USER, FAKE_GRID_USER_PK, "Fake Grid", FALSE, FAKE_PK_GRID_BASE,
      FAKE_GRID_COUNT, grid_kinds, G_N_ELEMENTS (grid_kinds) },
  { FAKE_THREE_USER, FAKE_THREE_USER_PK, "Fake Three", FALSE,
      FAKE_PK_THREE_BASE, FAKE_THREE_COUNT, three_kinds,
      G_N_ELEMENTS (three_kinds) },
  { FAKE_PRIVATE_USER, FAKE_PRIVATE_USER_PK, "Fake Private", TRUE,
      FAKE_PK_PRIVATE_BASE, FAKE_PRIVATE_COUNT, private_kinds,
      G_N_ELEMENTS (private_kinds) },
  { FAKE_R26_USER, FAKE_R26_USER_PK, "Fake 2026", FALSE, FAKE_PK_R26_BASE,
      G_N_ELEMENTS (r26_kinds), r26_kinds, G_N_ELEMENTS (r26_kinds),
      FAKE_R26_GRID, r26_tab, G_N_ELEMENTS (r26_tab), TRUE },
};

#define OWNED_COUNT \
  (FAKE_GRID_COUNT + FAKE_THREE_COUNT + FAKE_PRIVATE_COUNT \
      + G_N_ELEMENTS (r26_kinds))

G_STATIC_ASSERT (G_N_ELEMENTS (r26_kinds) == FAKE_R26_COUNT);

guint
fake_owner_grid_count (const FakeOwner *owner)
{
  return owner->grid_count != 0 ? owner->grid_count : owner->count;
}

struct _FakePosts
{
  FakePost posts[G_N_ELEMENTS (post_table) + FAKE_CROWD_COUNT + OWNED_COUNT];
  const FakePost *owned[G_N_ELEMENTS (owner_table)]; /* each grid's first */
};

static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

gboolean
fake_shortcode_to_pk (const char *shortcode, guint64 *pk)
{
  guint64 value = 0;
  const char *c;

  if (shortcode == NULL || *shortcode == '\0')
    return FALSE;
  for (c = shortcode; *c != '\0'; c++) {
    const char *hit = strchr (alphabet, *c);

    if (hit == NULL || value > (G_MAXUINT64 >> 6))
      return FALSE;
    value = (value << 6) | (guint64) (hit - alphabet);
  }
  *pk = value;
  return TRUE;
}

/* Parses one fixture and checks that its code and pk agree with the table,
 * so a typo in a fixture fails loudly instead of confusing a test. */
static gboolean
load_post (FakePost *post, guint index, GError **error)
{
  g_autofree char *path =
      g_strconcat (FIXTURES_PATH, post_table[index].fixture, NULL);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *obj;
  const char *code;
  g_autofree char *pk_text = NULL;
  guint64 pk;

  bytes =
      g_resource_lookup_data (fake_fixtures_get_resource (), path, 0, error);
  if (bytes == NULL
      || !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
          g_bytes_get_size (bytes), error))
    return FALSE;
  obj = json_node_get_object (json_parser_get_root (parser));
  code = json_object_get_string_member_with_default (obj, "code", "");
  /* a string, or a JSON number above 2^53 as in 2026's answers */
  pk_text = fake_dup_id_member (obj, "pk");
  if (!fake_shortcode_to_pk (post_table[index].shortcode, &pk)
      || g_strcmp0 (code, post_table[index].shortcode) != 0
      || g_ascii_strtoull (pk_text ? pk_text : "0", NULL, 10) != pk) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
        "fixture %s: code or pk does not match %s", path,
        post_table[index].shortcode);
    return FALSE;
  }
  post->shortcode = post_table[index].shortcode;
  post->pk = pk;
  post->flags = post_table[index].flags;
  post->item = json_parser_steal_root (parser);
  return TRUE;
}

static void
encode_shortcode (guint64 pk, char *out, gsize size)
{
  char digits[16];
  gsize n = 0, i;

  do {
    digits[n++] = alphabet[pk & 63];
    pk >>= 6;
  } while (pk != 0 && n < sizeof digits);
  for (i = 0; i < n && i + 1 < size; i++)
    out[i] = digits[n - 1 - i];
  out[MIN (n, size - 1)] = '\0';
}

char *
fake_instagram_crowd_shortcode (guint i)
{
  char code[16];

  encode_shortcode (FAKE_PK_CROWD_BASE + i, code, sizeof code);
  return g_strdup (code);
}

/* A clone of @model with the pk @pk and its own id and code. */
static void
make_clone (FakePost *post, const FakePost *model, guint64 new_pk)
{
  JsonObject *obj;
  g_autofree char *pk = NULL, *id = NULL;

  post->pk = new_pk;
  encode_shortcode (post->pk, post->code_buf, sizeof post->code_buf);
  post->shortcode = post->code_buf;
  post->flags = model->flags;
  post->item = fake_json_deep_copy (model->item);
  obj = json_node_get_object (post->item);
  pk = g_strdup_printf ("%" G_GUINT64_FORMAT, post->pk);
  id = g_strdup_printf ("%s_1111", pk);
  json_object_set_string_member (obj, "pk", pk);
  json_object_set_string_member (obj, "id", id);
  json_object_set_string_member (obj, "code", post->shortcode);
}

char *
fake_instagram_profile_shortcode (const char *username, guint i)
{
  char code[16];
  guint k;

  for (k = 0; k < G_N_ELEMENTS (owner_table); k++) {
    if (g_strcmp0 (owner_table[k].username, username) == 0
        && i < owner_table[k].count) {
      encode_shortcode (owner_table[k].pk_base + i, code, sizeof code);
      return g_strdup (code);
    }
  }
  return NULL;
}

/* Post @i of @owner's grid: a clone of its kind, owned by @owner, taken an
 * hour before the one above it. */
static void
make_owned_post (FakePost *post, const FakePosts *posts, const FakeOwner *owner,
    guint i)
{
  const FakePost *model = &posts->posts[owner->kinds[i % owner->n_kinds]];
  g_autofree char *text = g_strdup_printf ("%s post %u\n#fake #%s",
      owner->full_name, i + 1, owner->username);
  g_autofree char *caption_pk = NULL;
  gint64 taken_at = FAKE_GRID_TAKEN_AT - 3600 * (gint64) i;
  JsonObject *obj, *user, *caption;

  make_clone (post, model, owner->pk_base + i);
  post->flags = owner->is_private ? FAKE_POST_PRIVATE : 0;
  obj = json_node_get_object (post->item);
  json_object_set_int_member (obj, "taken_at", taken_at);
  user = json_object_new ();
  json_object_set_string_member (user, "pk", owner->pk);
  json_object_set_string_member (user, "username", owner->username);
  json_object_set_string_member (user, "full_name", owner->full_name);
  json_object_set_boolean_member (user, "is_private", owner->is_private);
  json_object_set_boolean_member (user, "is_verified", FALSE);
  json_object_set_string_member (user, "profile_pic_url",
      "@CDN:avatar-150.jpg@");
  json_object_set_object_member (obj, "user", user);
  caption = json_object_new ();
  caption_pk = g_strdup_printf ("%" G_GUINT64_FORMAT, post->pk + 1);
  json_object_set_string_member (caption, "pk", caption_pk);
  json_object_set_string_member (caption, "text", text);
  json_object_set_int_member (caption, "created_at", taken_at);
  json_object_set_string_member (caption, "user_id", owner->pk);
  json_object_set_object_member (obj, "caption", caption);
}

const FakeOwner *
fake_posts_owner (FakePosts *posts, const char *username,
    const FakePost **first)
{
  guint k;

  for (k = 0; k < G_N_ELEMENTS (owner_table); k++) {
    if (g_strcmp0 (owner_table[k].username, username) == 0
        || g_strcmp0 (owner_table[k].pk, username) == 0) {
      *first = posts->owned[k];
      return &owner_table[k];
    }
  }
  return NULL;
}

FakePosts *
fake_posts_load (GError **error)
{
  FakePosts *posts = g_new0 (FakePosts, 1);
  guint n = G_N_ELEMENTS (post_table);
  guint i;

  for (i = 0; i < n; i++) {
    if (!load_post (&posts->posts[i], i, error)) {
      fake_posts_free (posts);
      return NULL;
    }
  }
  /* post_table[1] is the video post */
  for (i = 0; i < FAKE_CROWD_COUNT; i++)
    make_clone (&posts->posts[n + i], &posts->posts[1], FAKE_PK_CROWD_BASE + i);
  n += FAKE_CROWD_COUNT;
  for (guint k = 0; k < G_N_ELEMENTS (owner_table); k++) {
    posts->owned[k] = &posts->posts[n];
    for (i = 0; i < owner_table[k].count; i++)
      make_owned_post (&posts->posts[n++], posts, &owner_table[k], i);
  }
  return posts;
}

void
fake_posts_free (FakePosts *posts)
{
  guint i;

  if (posts == NULL)
    return;
  for (i = 0; i < G_N_ELEMENTS (posts->posts); i++)
    g_clear_pointer (&posts->posts[i].item, json_node_unref);
  g_free (posts);
}

const FakePost *
fake_posts_by_code (FakePosts *posts, const char *shortcode)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (posts->posts); i++) {
    if (g_strcmp0 (posts->posts[i].shortcode, shortcode) == 0)
      return &posts->posts[i];
  }
  return NULL;
}

const FakePost *
fake_posts_by_pk (FakePosts *posts, guint64 pk)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (posts->posts); i++) {
    if (posts->posts[i].pk == pk)
      return &posts->posts[i];
  }
  return NULL;
}

/* The placeholders of fixture strings, each "@KIND:name@". */
typedef enum
{
  PLACEHOLDER_CDN, /* a signed CDN URL */
  PLACEHOLDER_CDNXML, /* the same, escaped for the XML of a DASH manifest */
  PLACEHOLDER_DASHSEG, /* the <SegmentBase> of a DASH file, see fake-dash.c */
} Placeholder;

static const char *const placeholder_prefix[] = { "@CDN:", "@CDNXML:",
  "@DASHSEG:" };

/* The first placeholder in @text, or NULL. */
static const char *
find_placeholder (const char *text, Placeholder *kind)
{
  const char *p;

  for (p = strchr (text, '@'); p != NULL; p = strchr (p + 1, '@')) {
    guint i;

    for (i = 0; i < G_N_ELEMENTS (placeholder_prefix); i++) {
      if (g_str_has_prefix (p, placeholder_prefix[i])) {
        *kind = (Placeholder) i;
        return p;
      }
    }
  }
  return NULL;
}

static char *
expand_one (FakeInstagram *fi, Placeholder kind, const char *name)
{
  g_autofree char *url = NULL;

  if (kind == PLACEHOLDER_DASHSEG)
    return fake_dash_segment_base (fi, name);
  url = fake_cdn_url (fi, name);
  if (kind == PLACEHOLDER_CDNXML)
    return g_markup_escape_text (url, -1);
  return g_steal_pointer (&url);
}

static char *
expand_placeholders (FakeInstagram *fi, const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;
  const char *start;
  Placeholder kind;

  while ((start = find_placeholder (p, &kind)) != NULL) {
    const char *name = start + strlen (placeholder_prefix[kind]);
    const char *end = strchr (name, '@');
    g_autofree char *name_dup = NULL;
    g_autofree char *value = NULL;

    if (end == NULL)
      break;
    g_string_append_len (out, p, start - p);
    name_dup = g_strndup (name, end - name);
    value = expand_one (fi, kind, name_dup);
    g_string_append (out, value);
    p = end + 1;
  }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

static void expand_node (FakeInstagram *fi, JsonNode *node);

static void
expand_member (JsonObject *obj, const char *name, JsonNode *member, gpointer fi)
{
  expand_node (fi, member);
}

static void
expand_element (JsonArray *array, guint index, JsonNode *element, gpointer fi)
{
  expand_node (fi, element);
}

static void
expand_node (FakeInstagram *fi, JsonNode *node)
{
  switch (JSON_NODE_TYPE (node)) {
    case JSON_NODE_OBJECT:
      json_object_foreach_member (json_node_get_object (node), expand_member,
          fi);
      break;
    case JSON_NODE_ARRAY:
      json_array_foreach_element (json_node_get_array (node), expand_element,
          fi);
      break;
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING
          && strchr (json_node_get_string (node), '@') != NULL) {
        g_autofree char *value =
            expand_placeholders (fi, json_node_get_string (node));
        json_node_set_string (node, value);
      }
      break;
    case JSON_NODE_NULL:
      break;
  }
}

void
fake_expand_cdn (FakeInstagram *fi, JsonNode *node)
{
  expand_node (fi, node);
}

JsonNode *
fake_post_dup_item (FakeInstagram *fi, const FakePost *post)
{
  /* json_node_copy() shares objects and arrays, so copy through text. */
  g_autofree char *text = json_to_string (post->item, FALSE);
  JsonNode *item = json_from_string (text, NULL);

  expand_node (fi, item);
  return item;
}
