/* Unit tests: the pure parts of the resolution strategies (LSD scan,
 * Polaris, post page, legacy GraphQL). No network.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-error.h"
#include "ig-strategy.h"

#include <string.h>

#define HOSTILE_DEPTH 5000
/* Deep enough to overflow JSON-GLib's recursive parser (about 400 KB). */
#define STACK_BREAKER_DEPTH 1000000

/* Helpers */

static char *
read_data (const char *name, gsize *len)
{
  g_autofree char *file = g_build_filename (IG_TEST_DATA_DIR, name, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (file, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

static JsonNode *
parse_string (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
parse_data (const char *name)
{
  g_autofree char *json = read_data (name, NULL);

  return parse_string (json);
}

static const IgItem *
item_at (const IgPost *post, guint i)
{
  g_assert_cmpuint (i, <, post->items->len);
  return g_ptr_array_index (post->items, i);
}

static const IgVariant *
variant_at (GPtrArray *array, guint i)
{
  g_assert_cmpuint (i, <, array->len);
  return g_ptr_array_index (array, i);
}

/* Asserts the failure of a parser: NULL result, exact domain and code,
 * and a message containing @needle (when not NULL). */
static void
assert_failed (IgPost *post, GError *error, gint code, const char *needle)
{
  g_assert_null (post);
  g_assert_error (error, IG_ERROR, code);
  if (needle != NULL)
    g_assert_nonnull (strstr (error->message, needle));
}

static void
expect_polaris_error (const char *json, gint code, const char *needle)
{
  g_autoptr (JsonNode) root = parse_string (json);
  g_autoptr (GError) error = NULL;
  IgPost *post = ig_polaris_parse (root, &error);

  assert_failed (post, error, code, needle);
}

static void
expect_page_error (const char *html, gint code)
{
  g_autoptr (GError) error = NULL;
  IgPost *post = ig_page_parse (html, strlen (html), &error);

  assert_failed (post, error, code, NULL);
}

static void
expect_graphql_error (const char *json, const char *root_name, gint code,
    const char *needle)
{
  g_autoptr (JsonNode) root = parse_string (json);
  g_autoptr (GError) error = NULL;
  IgPost *post = ig_graphql_parse (root, root_name, &error);

  assert_failed (post, error, code, needle);
}

/* A page whose one data-sjs script is @json. */
static char *
page_with_script (const char *json)
{
  return g_strconcat ("<html><body><script type=\"application/json\" "
                      "data-sjs>",
      json, "</script></body></html>", NULL);
}

/* @depth '[' + @inner + @depth ']'. */
static char *
nested_arrays (guint depth, const char *inner)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  g_string_append (s, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

/* ig_bootstrap_find_lsd */

static void
assert_lsd (const char *html, const char *expected)
{
  g_autofree char *token = ig_bootstrap_find_lsd (html, strlen (html));

  g_assert_cmpstr (token, ==, expected);
}

static void
test_lsd_eqmc (void)
{
  assert_lsd ("<html><script type=\"application/json\" id=\"__eqmc\">"
              "{\"u\":\"\\/ajax\\/qm\\/?__a=1\",\"e\":\"x\",\"l\":"
              "\"AVqbxe3J_YA\"}</script>"
              "<script>[\"LSD\",[],{\"token\":\"OTHER\"},323]</script>",
      "AVqbxe3J_YA");
}

static void
test_lsd_define_fallback (void)
{
  assert_lsd ("<script>requireLazy([\"LSD\",[],{\"token\":\"AVo-k9_xZ:1\"},"
              "323])</script>",
      "AVo-k9_xZ:1");
}

static void
test_lsd_page_file (void)
{
  gsize len;
  g_autofree char *html = read_data ("strategy-page-polaris.html", &len);
  g_autofree char *token = ig_bootstrap_find_lsd (html, len);

  /* Its __eqmc has "l":null; the define carries the token. */
  g_assert_cmpstr (token, ==, "AVpTcWzV1aQ");
}

/* An "l":null in __eqmc must not pick up an "l" of some later script. */
static void
test_lsd_eqmc_null_bounded (void)
{
  assert_lsd ("<script type=\"application/json\" id=\"__eqmc\">"
              "{\"u\":\"\\/ajax\",\"l\":null}</script>"
              "<script type=\"application/json\">{\"l\":\"wrong\"}</script>"
              "<script>[\"LSD\",[],{\"token\":\"RightOne\"},1]</script>",
      "RightOne");
}

static void
test_lsd_absent_or_invalid (void)
{
  assert_lsd ("<html><body>nothing here</body></html>", NULL);
  assert_lsd ("", NULL);
  /* Characters outside a token's alphabet, empty, unterminated. */
  assert_lsd ("[\"LSD\",[],{\"token\":\"a b<script>\"}", NULL);
  assert_lsd ("[\"LSD\",[],{\"token\":\"\"}", NULL);
  assert_lsd ("[\"LSD\",[],{\"token\":\"AVqbxe3J", NULL);
}

static void
test_lsd_respects_length (void)
{
  const char *html = "xx[\"LSD\",[],{\"token\":\"ABC\"}";
  g_autofree char *cut = ig_bootstrap_find_lsd (html, strlen (html) - 2);
  g_autofree char *whole = ig_bootstrap_find_lsd (html, strlen (html));

  g_assert_null (cut);
  g_assert_cmpstr (whole, ==, "ABC");
}

static void
test_lsd_too_long (void)
{
  g_autofree char *big = g_strnfill (300, 'A');
  g_autofree char *html =
      g_strdup_printf ("[\"LSD\",[],{\"token\":\"%s\"}", big);

  assert_lsd (html, NULL);
}

/* ig_polaris_parse */

static void
test_polaris_ok (void)
{
  g_autoptr (JsonNode) root = parse_data ("polaris.json");
  g_autoptr (GError) error = NULL;
  g_autoptr (IgPost) post = ig_polaris_parse (root, &error);
  const IgItem *item;

  g_assert_no_error (error);
  g_assert_nonnull (post);
  g_assert_cmpuint (post->pk, ==, G_GUINT64_CONSTANT (3657076607422114209));
  g_assert_cmpstr (post->shortcode, ==, "DLAi8xlySmh");
  g_assert_cmpint (post->type, ==, IG_MEDIA_VIDEO);
  g_assert_cmpstr (post->product_type, ==, "clips");
  g_assert_cmpstr (post->owner_username, ==, "fakeuser");
  g_assert_null (post->owner_full_name);
  g_assert_cmpstr (post->caption, ==, "Reel caption");
  g_assert_cmpint (post->taken_at, ==, 1750177529);
  g_assert_cmpint (post->like_count, ==, 7);
  g_assert_cmpint (post->comment_count, ==, 1);
  g_assert_cmpint (post->view_count, ==, 999);
  g_assert_cmpuint (post->items->len, ==, 1);
  item = item_at (post, 0);
  g_assert_cmpint (item->type, ==, IG_MEDIA_VIDEO);
  g_assert_cmpfloat (item->duration, ==, 12.0);
  g_assert_cmpuint (item->videos->len, ==, 1);
  g_assert_cmpint (variant_at (item->videos, 0)->bandwidth, ==, 2500000);
  g_assert_cmpuint (item->images->len, ==, 1);
}

static void
test_polaris_not_found (void)
{
  expect_polaris_error ("{\"data\":{\"xig_polaris_media\":null}}",
      IG_ERROR_NOT_FOUND, NULL);
}

static void
test_polaris_gated (void)
{
  expect_polaris_error ("{\"data\":{\"xig_polaris_media\":{\"pk\":\"1\","
                        "\"if_not_gated_logged_out\":null}}}",
      IG_ERROR_LOGIN_REQUIRED, NULL);
  expect_polaris_error ("{\"data\":{\"xig_polaris_media\":{\"pk\":\"1\"}}}",
      IG_ERROR_LOGIN_REQUIRED, NULL);
}

static void
test_polaris_retired_doc_id (void)
{
  expect_polaris_error ("{\"status\":\"ok\",\"errors\":[{\"message\":"
                        "\"execution error\",\"severity\":\"CRITICAL\"}],"
                        "\"data\":null}",
      IG_ERROR_BAD_RESPONSE, "doc_id");
}

static void
test_polaris_bad_shapes (void)
{
  expect_polaris_error ("{}", IG_ERROR_BAD_RESPONSE, "xig_polaris_media");
  expect_polaris_error ("[1,2]", IG_ERROR_BAD_RESPONSE, NULL);
  expect_polaris_error ("{\"data\":{\"xig_polaris_media\":{"
                        "\"if_not_gated_logged_out\":\"text\"}}}",
      IG_ERROR_BAD_RESPONSE, NULL);
}

/* ig_page_parse */

static IgPost *
parse_page_file (const char *name)
{
  gsize len;
  g_autofree char *html = read_data (name, &len);
  g_autoptr (GError) error = NULL;
  IgPost *post = ig_page_parse (html, len, &error);

  g_assert_no_error (error);
  g_assert_nonnull (post);
  return post;
}

static void
test_page_polaris (void)
{
  g_autoptr (IgPost) post = parse_page_file ("strategy-page-polaris.html");
  const IgItem *video;

  g_assert_cmpuint (post->pk, ==, G_GUINT64_CONSTANT (3712345678901234567));
  g_assert_cmpstr (post->shortcode, ==, "DOABCdefGHi");
  g_assert_cmpint (post->type, ==, IG_MEDIA_CAROUSEL);
  g_assert_cmpstr (post->owner_username, ==, "page.user");
  g_assert_cmpstr (post->owner_full_name, ==, "Page <User>");
  g_assert_cmpstr (post->caption, ==, "Tags <b> and / slashes / here");
  g_assert_cmpstr (post->location_name, ==, "Z\xc3\xbcrich");
  g_assert_cmpint (post->like_count, ==, 321);
  g_assert_cmpuint (post->items->len, ==, 2);
  g_assert_cmpuint (item_at (post, 0)->pk, ==,
      G_GUINT64_CONSTANT (3712345678000000001));
  g_assert_cmpuint (item_at (post, 0)->images->len, ==, 2);
  g_assert_cmpstr (variant_at (item_at (post, 0)->images, 0)->url, ==,
      "https://scontent.cdninstagram.com/v/t51.2885-15/p1.jpg"
      "?stp=dst-jpg&_nc_ht=scontent.cdninstagram.com&oe=6860C02C");
  video = item_at (post, 1);
  g_assert_cmpint (video->type, ==, IG_MEDIA_VIDEO);
  g_assert_cmpfloat (video->duration, ==, 6.5);
  g_assert_true (video->has_audio);
  g_assert_cmpstr (variant_at (video->videos, 0)->url, ==,
      "https://instagram.fxxx.fna.fbcdn.net/o1/v/t16/f2/m86/p2.mp4"
      "?oe=6860C515");
  g_assert_cmpstr (variant_at (video->videos, 0)->id, ==, "991v");
}

static void
test_page_web_info (void)
{
  g_autoptr (IgPost) post = parse_page_file ("strategy-page-webinfo.html");

  g_assert_cmpuint (post->pk, ==, G_GUINT64_CONSTANT (3250000000000000001));
  g_assert_cmpstr (post->shortcode, ==, "C0webInfo01");
  g_assert_cmpint (post->type, ==, IG_MEDIA_IMAGE);
  g_assert_cmpstr (post->owner_username, ==, "instagram");
  g_assert_null (post->caption);
  g_assert_cmpuint (post->items->len, ==, 1);
  g_assert_cmpint (item_at (post, 0)->width, ==, 1440);
  g_assert_cmpstr (variant_at (item_at (post, 0)->images, 0)->url, ==,
      "https://scontent.cdninstagram.com/v/t51.2885-15/w.jpg");
}

static void
test_page_gated (void)
{
  g_autofree char *html = page_with_script (
      "{\"require\":[[\"RelayPrefetchedStreamCache\",\"next\",[],[\"k\","
      "{\"__bbox\":{\"result\":{\"data\":{\"xig_polaris_media\":{"
      "\"pk\":\"1\",\"if_not_gated_logged_out\":null}}}}}]]]}");

  expect_page_error (html, IG_ERROR_LOGIN_REQUIRED);
}

static void
test_page_no_media (void)
{
  g_autofree char *empty_items = page_with_script (
      "{\"xdt_api__v1__media__shortcode__web_info\":{\"items\":[]}}");
  g_autofree char *null_media =
      page_with_script ("{\"data\":{\"xig_polaris_media\":null}}");

  expect_page_error ("", IG_ERROR_BAD_RESPONSE);
  expect_page_error ("<html><body>Login • Instagram</body></html>",
      IG_ERROR_BAD_RESPONSE);
  expect_page_error ("<script type=\"application/json\" data-sjs>{\"a\":1}",
      IG_ERROR_BAD_RESPONSE);
  expect_page_error (empty_items, IG_ERROR_BAD_RESPONSE);
  expect_page_error (null_media, IG_ERROR_BAD_RESPONSE);
}

static void
test_page_hostile_nesting (void)
{
  g_autofree char *arrays = nested_arrays (HOSTILE_DEPTH, "");
  g_autofree char *deep_media = nested_arrays (HOSTILE_DEPTH,
      "{\"xig_polaris_media\":{\"if_not_gated_logged_out\":null}}");
  g_autofree char *page1 = page_with_script (arrays);
  g_autofree char *page2 = page_with_script (deep_media);

  expect_page_error (page1, IG_ERROR_BAD_RESPONSE);
  /* Media buried deeper than the search limit is not looked for. */
  expect_page_error (page2, IG_ERROR_BAD_RESPONSE);
}

/* A page built to exhaust the parser's stack fails cleanly. */
static void
test_page_stack_breaker (void)
{
  g_autofree char *arrays = nested_arrays (STACK_BREAKER_DEPTH, "");
  g_autofree char *page = page_with_script (arrays);

  expect_page_error (page, IG_ERROR_BAD_RESPONSE);
}

/* A hostile script is skipped; the media in a later one is still found. */
static void
test_page_hostile_then_media (void)
{
  gsize len;
  g_autofree char *real = read_data ("strategy-page-webinfo.html", &len);
  g_autofree char *arrays = nested_arrays (STACK_BREAKER_DEPTH, "");
  g_autofree char *hostile = page_with_script (arrays);
  g_autofree char *html = g_strconcat (hostile, real, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (IgPost) post = ig_page_parse (html, strlen (html), &error);

  g_assert_no_error (error);
  g_assert_nonnull (post);
  g_assert_cmpstr (post->shortcode, ==, "C0webInfo01");
}

/* ig_graphql_parse */

static void
test_graphql_xdt (void)
{
  g_autoptr (JsonNode) root = parse_data ("xdt-video.json");
  g_autoptr (GError) error = NULL;
  g_autoptr (IgPost) post =
      ig_graphql_parse (root, "xdt_shortcode_media", &error);

  g_assert_no_error (error);
  g_assert_nonnull (post);
  g_assert_cmpuint (post->pk, ==, G_GUINT64_CONSTANT (3679002956306686062));
  g_assert_cmpstr (post->shortcode, ==, "DMOcbJSRaBu");
  g_assert_cmpint (post->type, ==, IG_MEDIA_VIDEO);
  g_assert_cmpstr (post->owner_username, ==, "xdt.user");
  g_assert_cmpint (post->view_count, ==, 31337);
  g_assert_cmpuint (post->items->len, ==, 1);
  g_assert_cmpfloat (item_at (post, 0)->duration, ==, 7.25);
}

static void
test_graphql_shortcode_media (void)
{
  g_autoptr (JsonNode) root = parse_data ("graphql-sidecar.json");
  g_autoptr (GError) error = NULL;
  g_autoptr (IgPost) post = ig_graphql_parse (root, "shortcode_media", &error);

  g_assert_no_error (error);
  g_assert_nonnull (post);
  g_assert_cmpuint (post->pk, ==, G_GUINT64_CONSTANT (1875629777499953996));
  g_assert_cmpstr (post->shortcode, ==, "BoHk1haB5tM");
  g_assert_cmpint (post->type, ==, IG_MEDIA_CAROUSEL);
  g_assert_cmpstr (post->owner_username, ==, "instagram");
  g_assert_cmpuint (post->items->len, ==, 2);
  g_assert_cmpint (item_at (post, 0)->type, ==, IG_MEDIA_IMAGE);
  g_assert_cmpint (item_at (post, 1)->type, ==, IG_MEDIA_VIDEO);
}

static void
test_graphql_null (void)
{
  expect_graphql_error ("{\"data\":{\"xdt_shortcode_media\":null}}",
      "xdt_shortcode_media", IG_ERROR_NOT_FOUND, NULL);
  expect_graphql_error ("{\"data\":{\"shortcode_media\":null},"
                        "\"status\":\"ok\"}",
      "shortcode_media", IG_ERROR_NOT_FOUND, NULL);
}

static void
test_graphql_missing (void)
{
  g_autoptr (JsonNode) xdt = parse_data ("xdt-video.json");
  g_autoptr (GError) error = NULL;
  IgPost *post = ig_graphql_parse (xdt, "shortcode_media", &error);

  assert_failed (post, error, IG_ERROR_BAD_RESPONSE, "data.shortcode_media");
  expect_graphql_error ("{\"data\":null,\"errors\":[]}", "xdt_shortcode_media",
      IG_ERROR_BAD_RESPONSE, NULL);
  expect_graphql_error ("{\"status\":\"fail\"}", "shortcode_media",
      IG_ERROR_BAD_RESPONSE, NULL);
  expect_graphql_error ("{\"data\":{\"shortcode_media\":42}}",
      "shortcode_media", IG_ERROR_BAD_RESPONSE, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lsd/eqmc", test_lsd_eqmc);
  g_test_add_func ("/lsd/define-fallback", test_lsd_define_fallback);
  g_test_add_func ("/lsd/page-file", test_lsd_page_file);
  g_test_add_func ("/lsd/eqmc-null-bounded", test_lsd_eqmc_null_bounded);
  g_test_add_func ("/lsd/absent-or-invalid", test_lsd_absent_or_invalid);
  g_test_add_func ("/lsd/respects-length", test_lsd_respects_length);
  g_test_add_func ("/lsd/too-long", test_lsd_too_long);
  g_test_add_func ("/polaris/ok", test_polaris_ok);
  g_test_add_func ("/polaris/not-found", test_polaris_not_found);
  g_test_add_func ("/polaris/gated", test_polaris_gated);
  g_test_add_func ("/polaris/retired-doc-id", test_polaris_retired_doc_id);
  g_test_add_func ("/polaris/bad-shapes", test_polaris_bad_shapes);
  g_test_add_func ("/page/polaris", test_page_polaris);
  g_test_add_func ("/page/web-info", test_page_web_info);
  g_test_add_func ("/page/gated", test_page_gated);
  g_test_add_func ("/page/no-media", test_page_no_media);
  g_test_add_func ("/page/hostile-nesting", test_page_hostile_nesting);
  g_test_add_func ("/page/stack-breaker", test_page_stack_breaker);
  g_test_add_func ("/page/hostile-then-media", test_page_hostile_then_media);
  g_test_add_func ("/graphql/xdt", test_graphql_xdt);
  g_test_add_func ("/graphql/shortcode-media", test_graphql_shortcode_media);
  g_test_add_func ("/graphql/null", test_graphql_null);
  g_test_add_func ("/graphql/missing", test_graphql_missing);
  return g_test_run ();
}
