/* Unit tests: HTTP status classification, JSON answers, the JSON helpers
 * and the environment configuration. No network.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-api.h"
#include "ig-error.h"
#include "ig-json.h"

#include <string.h>

#define WWW "https://www.instagram.com"
#define DEEP 5000

static const char *const all_env[] = { IG_ENV_WWW_BASE, IG_ENV_MOBILE_BASE,
  IG_ENV_POLARIS_DOC_ID, IG_ENV_XDT_DOC_ID, IG_ENV_QUERY_HASH, IG_ENV_APP_ID,
  IG_ENV_ASBD_ID, IG_ENV_USER_AGENT, NULL };

/* Helpers */

/* A response as ig_http_fetch would build it; the strings are copied. */
static IgResponse *
response_new (guint status, const char *location, const char *body)
{
  IgResponse *r = g_new0 (IgResponse, 1);

  r->status = status;
  r->uri = g_strdup (WWW "/api/graphql");
  r->location = g_strdup (location);
  r->content_type =
      g_strdup (body && *body == '<' ? "text/html" : "application/json");
  r->body = g_bytes_new (body, body ? strlen (body) : 0);
  return r;
}

/* Classifies a response; @code -1 means it must pass. */
static void
assert_check (guint status, const char *location, const char *body, gint code)
{
  g_autoptr (IgResponse) r = response_new (status, location, body);
  g_autoptr (GError) error = NULL;
  gboolean ok = ig_api_check_response (r, "step", &error);

  if (code < 0) {
    g_assert_no_error (error);
    g_assert_true (ok);
    return;
  }
  g_assert_false (ok);
  g_assert_error (error, IG_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, "step: "));
}

static void
assert_parse_fails (const char *body, const char *needle)
{
  g_autoptr (IgResponse) r = response_new (200, NULL, body);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = ig_api_parse_json (r, "polaris", &error);

  g_assert_null (root);
  g_assert_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, needle));
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

/* {"a":{"a":...{"x":{"hit":1}}...}} with @depth objects around "x". */
static char *
nested_objects (guint depth)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (s, "{\"a\":");
  g_string_append (s, "{\"x\":{\"hit\":1}}");
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

/* The tree of nested_objects (@depth), built without the parser: JSON-GLib
 * 1.10 refuses text nested deeper than 1024 levels and 1.6 does not, while
 * a tree this deep is what the helpers must survive on both. */
static JsonNode *
nested_object_tree (guint depth)
{
  JsonObject *hit = json_object_new (), *x = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (hit, "hit", 1);
  json_object_set_object_member (x, "x", hit);
  json_node_take_object (node, x);
  for (guint i = 0; i < depth; i++) {
    JsonObject *outer = json_object_new ();

    json_object_set_member (outer, "a", node);
    node = json_node_new (JSON_NODE_OBJECT);
    json_node_take_object (node, outer);
  }
  return node;
}

static void
unset_all_env (void)
{
  for (guint i = 0; all_env[i] != NULL; i++)
    g_unsetenv (all_env[i]);
}

/* ig_api_check_response */

static void
test_check_success (void)
{
  assert_check (200, NULL, "{}", -1);
  assert_check (204, NULL, "", -1);
}

static void
test_check_login_redirects (void)
{
  assert_check (302, WWW "/accounts/login/?next=%2Fp%2FDLAi8xlySmh%2F", "",
      IG_ERROR_LOGIN_REQUIRED);
  assert_check (302, WWW "/", "", IG_ERROR_LOGIN_REQUIRED);
  assert_check (301, WWW, "", IG_ERROR_LOGIN_REQUIRED);
  assert_check (302, WWW "/?hl=en", "", IG_ERROR_LOGIN_REQUIRED);
  /* 2026: stale session cookies (gallery-dl#9654) */
  assert_check (302, WWW "/auth_platform/?apc=Ado6xyz", "",
      IG_ERROR_LOGIN_REQUIRED);
}

static void
test_check_challenge_redirects (void)
{
  assert_check (302, WWW "/challenge/?next=/p/DLAi8xlySmh/", "",
      IG_ERROR_CHECKPOINT);
  assert_check (302, "/challenge/action/AXE/", "", IG_ERROR_CHECKPOINT);
}

static void
test_check_other_redirects (void)
{
  assert_check (302, WWW "/p/DLAi8xlySmh/", "", IG_ERROR_BAD_RESPONSE);
  assert_check (302, NULL, "", IG_ERROR_BAD_RESPONSE);
}

static void
test_check_checkpoint_bodies (void)
{
  assert_check (400, NULL,
      "{\"message\":\"checkpoint_required\",\"checkpoint_url\":"
      "\"/challenge/123/abc/\",\"lock\":false,\"status\":\"fail\"}",
      IG_ERROR_CHECKPOINT);
  assert_check (400, NULL,
      "{\"message\":\"challenge_required\",\"challenge\":{\"url\":"
      "\"https://i.instagram.com/challenge/\"},\"status\":\"fail\"}",
      IG_ERROR_CHECKPOINT);
  assert_check (400, NULL,
      "{\"message\":\"feedback_required\",\"feedback_message\":"
      "\"blocked\",\"status\":\"fail\"}",
      IG_ERROR_CHECKPOINT);
  assert_check (400, NULL, "{\"message\":\"useragent mismatch\"}",
      IG_ERROR_BAD_RESPONSE);
}

static void
test_check_rate_limits (void)
{
  assert_check (429, NULL, "<html>Too many requests</html>",
      IG_ERROR_RATE_LIMITED);
  assert_check (401, NULL,
      "{\"message\":\"Please wait a few minutes before you try "
      "again.\",\"require_login\":true,\"status\":\"fail\"}",
      IG_ERROR_RATE_LIMITED);
  assert_check (401, NULL, "{\"message\":\"unauthorized\"}",
      IG_ERROR_BAD_RESPONSE);
}

static void
test_check_other_statuses (void)
{
  assert_check (404, NULL, "", IG_ERROR_NOT_FOUND);
  assert_check (500, NULL, "", IG_ERROR_NETWORK);
  assert_check (503, NULL, "<html>down</html>", IG_ERROR_NETWORK);
  /* the app API's answer to a missing or dead session (instagrapi's
   * mapping, instagram-api.md §6.1) */
  assert_check (403, NULL, "{\"message\":\"login_required\"}",
      IG_ERROR_LOGIN_REQUIRED);
  assert_check (403, NULL, "{\"message\":\"CSRF token missing\"}",
      IG_ERROR_BAD_RESPONSE);
  assert_check (418, NULL, "", IG_ERROR_BAD_RESPONSE);
}

/* ig_api_parse_json */

static void
test_parse_json_failures (void)
{
  assert_parse_fails ("", "empty answer");
  assert_parse_fails ("<!DOCTYPE html><html><body>Login</body></html>",
      "looks like HTML");
  assert_parse_fails ("{\"data\":{\"xig_polaris_media\":{\"pk\":",
      "unparsable");
  assert_parse_fails ("[{\"pk\":1}]", "not an object");
  assert_parse_fails ("\"ok\"", "not an object");
}

static void
test_parse_json_too_deep (void)
{
  g_autofree char *open = g_strnfill (1000000, '[');
  g_autofree char *close = g_strnfill (1000000, ']');
  g_autofree char *body = g_strconcat ("{\"data\":", open, close, "}", NULL);

  assert_parse_fails (body, "nests deeper");
}

/* Integers beyond 64 bits are refused by name before JSON-GLib reads them
 * (as -1 in 1.6, as G_MAXINT64 in 1.10); everything else passes. */
static void
assert_integers (const char *json, const char *message)
{
  g_autoptr (GError) error = NULL;
  gboolean fit = ig_json_integers_fit (json, strlen (json), &error);

  if (message == NULL) {
    g_assert_no_error (error);
    g_assert_true (fit);
    return;
  }
  g_assert_false (fit);
  g_assert_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_json_integers_fit (void)
{
  assert_integers ("{\"a\":9223372036854775807,\"b\":-9223372036854775808}",
      NULL);
  assert_integers ("{\"a\":1e400,\"b\":99999999999999999999.5,\"c\":0}",
      NULL);
  assert_integers ("{\"s\":\"99999999999999999999\",\"k\\\"\":1}", NULL);
  assert_integers ("{\"like_count\":9223372036854775808}",
      "field 'like_count' is an integer beyond 64 bits: "
      "9223372036854775808");
  assert_integers ("{\"a\":{\"pk\":-9223372036854775809}}",
      "field 'pk' is an integer beyond 64 bits: -9223372036854775809");
  assert_integers ("{\"ids\":[1,2,123456789012345678901234567890123456789012]}",
      "field 'ids' is an integer beyond 64 bits: "
      "1234567890123456789012345678901234567890...");
  assert_integers ("[{\"a\":1},18446744073709551616]",
      "an integer beyond 64 bits: 18446744073709551616");
  /* malformed text is the parser's: no verdict here */
  assert_integers ("{\"a\":00000000000000000000001,\"b\":1-99999999999999999999}",
      NULL);
  assert_integers ("{\"a\":\"unterminated 99999999999999999999", NULL);
  assert_parse_fails ("{\"data\":{\"like_count\":99999999999999999999}}",
      "polaris: field 'like_count' is an integer beyond 64 bits: "
      "99999999999999999999");
}

static void
test_parse_json_html_names_type (void)
{
  g_autoptr (IgResponse) r = response_new (200, NULL, "<html></html>");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = ig_api_parse_json (r, "polaris", &error);

  g_assert_null (root);
  g_assert_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE);
  g_assert_true (g_str_has_prefix (error->message, "polaris: "));
  g_assert_nonnull (strstr (error->message, "text/html"));
}

/* 2026: "for (;;);" before the JSON, as text/javascript. */
static void
test_parse_json_guard_prefix (void)
{
  const char *bodies[] = {
    "for (;;);{\"data\":{\"ok\":1}}",
    "  for (;;);\n{\"data\":{\"ok\":1}}",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (bodies); i++) {
    g_autoptr (IgResponse) r = response_new (200, NULL, bodies[i]);
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonNode) root = NULL;

    g_free (r->content_type);
    r->content_type = g_strdup ("text/javascript");
    root = ig_api_parse_json (r, "polaris", &error);
    g_assert_no_error (error);
    g_assert_nonnull (ig_json_lookup (root, "data", "ok", NULL));
  }
  assert_parse_fails ("for (;;);", "empty answer");
  assert_parse_fails ("for (;;);for (;;);{}", "JSON");
  assert_parse_fails ("for (;;){}", "JSON");
}

static void
test_parse_json_object (void)
{
  g_autoptr (IgResponse) r = response_new (200, NULL,
      "{\"data\":{\"xig_polaris_media\":null},\"extensions\":{}}");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = ig_api_parse_json (r, "polaris", &error);

  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_assert_true (ig_json_is_null (
      ig_json_lookup (root, "data", "xig_polaris_media", NULL)));
  g_assert_nonnull (ig_json_member (root, "extensions"));
}

/* ig-json helpers */

static void
test_json_lookup (void)
{
  g_autoptr (JsonNode) root =
      parse_string ("{\"a\":{\"b\":{\"c\":42},\"n\":null,\"s\":\"x\"}}");
  JsonNode *c = ig_json_lookup (root, "a", "b", "c", NULL);
  JsonNode *n = ig_json_lookup (root, "a", "n", NULL);

  g_assert_nonnull (c);
  g_assert_cmpint (json_node_get_int (c), ==, 42);
  g_assert_true (ig_json_lookup (root, NULL) == root);
  g_assert_nonnull (n);
  g_assert_true (JSON_NODE_HOLDS_NULL (n));
  g_assert_true (ig_json_is_null (n));
  g_assert_null (ig_json_lookup (root, "a", "missing", NULL));
  g_assert_null (ig_json_lookup (root, "a", "s", "deeper", NULL));
  g_assert_null (ig_json_lookup (root, "a", "n", "deeper", NULL));
  g_assert_null (ig_json_lookup (NULL, "a", NULL));
  g_assert_true (ig_json_is_null (NULL));
  g_assert_false (ig_json_is_null (c));
}

static void
test_json_member (void)
{
  g_autoptr (JsonNode) array = parse_string ("[{\"a\":1}]");
  g_autoptr (JsonNode) object = parse_string ("{\"a\":1}");

  g_assert_null (ig_json_member (array, "a"));
  g_assert_null (ig_json_member (NULL, "a"));
  g_assert_null (ig_json_member (object, "b"));
  g_assert_cmpint (json_node_get_int (ig_json_member (object, "a")), ==, 1);
}

static void
test_json_find_skips_non_objects (void)
{
  g_autoptr (JsonNode) root = parse_string (
      "{\"x\":1,\"list\":[null,\"x\",{\"x\":[1]},{\"y\":{\"x\":{\"id\":7}}}]}");
  JsonNode *found = ig_json_find_object_member (root, "x", 10);

  g_assert_nonnull (found);
  g_assert_cmpint (json_node_get_int (ig_json_member (found, "id")), ==, 7);
  g_assert_null (ig_json_find_object_member (root, "absent", 10));
  g_assert_null (ig_json_find_object_member (NULL, "x", 10));
  g_assert_null (ig_json_find_object_member (root, "x", 0));
}

/* "x" sits in the object at nesting level @depth + 1. */
static void
test_json_find_depth_limit (void)
{
  g_autofree char *json = nested_objects (10);
  g_autoptr (JsonNode) root = parse_string (json);
  JsonNode *found = ig_json_find_object_member (root, "x", 11);

  g_assert_nonnull (found);
  g_assert_nonnull (ig_json_member (found, "hit"));
  g_assert_null (ig_json_find_object_member (root, "x", 10));
}

static void
test_json_find_hostile (void)
{
  g_autoptr (JsonNode) root = nested_object_tree (DEEP);

  g_assert_null (ig_json_find_object_member (root, "x", 48));
  g_assert_nonnull (ig_json_find_object_member (root, "a", 48));
}

static void
assert_nesting (const char *json, guint max_depth, gboolean expected)
{
  g_assert_cmpint (ig_json_nesting_ok (json, strlen (json), max_depth), ==,
      expected);
}

static void
test_json_nesting_ok (void)
{
  g_autofree char *at_limit = nested_objects (IG_JSON_MAX_NESTING - 2);
  g_autofree char *over = nested_objects (IG_JSON_MAX_NESTING - 1);

  assert_nesting ("{\"a\":[1,{\"b\":[]}]}", 4, TRUE);
  assert_nesting ("{\"a\":[1,{\"b\":[]}]}", 3, FALSE);
  assert_nesting ("[][][][]", 1, TRUE);
  /* Brackets inside strings, with escaped quotes, do not count. */
  assert_nesting ("{\"s\":\"[[[{{\\\"[[[\",\"t\":\"\\\\\"}", 1, TRUE);
  assert_nesting ("{\"s\":\"\\\\\",\"a\":[[1]]}", 2, FALSE);
  assert_nesting ("]]]]{", 1, TRUE);
  assert_nesting ("", 0, TRUE);
  g_assert_true (
      ig_json_nesting_ok (at_limit, strlen (at_limit), IG_JSON_MAX_NESTING));
  g_assert_false (
      ig_json_nesting_ok (over, strlen (over), IG_JSON_MAX_NESTING));
}

/* ig_config_new_from_env */

static void
test_config_defaults (void)
{
  g_autoptr (IgConfig) config = NULL;

  unset_all_env ();
  g_setenv (IG_ENV_APP_ID, "", TRUE);
  config = ig_config_new_from_env (NULL);
  g_assert_cmpstr (config->www_base, ==, IG_DEFAULT_WWW_BASE);
  g_assert_cmpstr (config->mobile_base, ==, IG_DEFAULT_MOBILE_BASE);
  g_assert_cmpstr (config->polaris_doc_id, ==, "27130156389949648");
  g_assert_cmpstr (config->xdt_doc_id, ==, "8845758582119845");
  g_assert_cmpstr (config->query_hash, ==, IG_DEFAULT_QUERY_HASH);
  g_assert_cmpstr (config->app_id, ==, "936619743392459");
  g_assert_cmpstr (config->asbd_id, ==, "359341");
  g_assert_cmpstr (config->user_agent, ==, IG_DEFAULT_USER_AGENT);
  unset_all_env ();
}

static void
test_config_overrides (void)
{
  g_autoptr (IgConfig) config = NULL;
  g_autoptr (IgConfig) copy = NULL;

  unset_all_env ();
  g_setenv (IG_ENV_WWW_BASE, "http://127.0.0.1:8080", TRUE);
  g_setenv (IG_ENV_MOBILE_BASE, "https://mobile.test/api/", TRUE);
  g_setenv (IG_ENV_POLARIS_DOC_ID, "111", TRUE);
  g_setenv (IG_ENV_XDT_DOC_ID, "222", TRUE);
  g_setenv (IG_ENV_QUERY_HASH, "abc", TRUE);
  g_setenv (IG_ENV_APP_ID, "333", TRUE);
  g_setenv (IG_ENV_ASBD_ID, "444", TRUE);
  g_setenv (IG_ENV_USER_AGENT, "test-agent/1.0", TRUE);
  config = ig_config_new_from_env (NULL);
  copy = ig_config_copy (config);
  unset_all_env ();
  g_assert_cmpstr (copy->www_base, ==, "http://127.0.0.1:8080");
  g_assert_cmpstr (copy->mobile_base, ==, "https://mobile.test/api");
  g_assert_cmpstr (copy->polaris_doc_id, ==, "111");
  g_assert_cmpstr (copy->xdt_doc_id, ==, "222");
  g_assert_cmpstr (copy->query_hash, ==, "abc");
  g_assert_cmpstr (copy->app_id, ==, "333");
  g_assert_cmpstr (copy->asbd_id, ==, "444");
  g_assert_cmpstr (copy->user_agent, ==, "test-agent/1.0");
}

static void
test_config_trailing_slashes (void)
{
  g_autoptr (IgConfig) config = NULL;

  unset_all_env ();
  g_setenv (IG_ENV_WWW_BASE, "http://localhost:1234//", TRUE);
  config = ig_config_new_from_env (NULL);
  unset_all_env ();
  g_assert_cmpstr (config->www_base, ==, "http://localhost:1234");
}

static void
assert_invalid_base_kept (const char *env, const char *value,
    const char *fallback)
{
  g_autoptr (IgConfig) config = NULL;
  g_autoptr (GPtrArray) warnings =
      g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  const GError *warning;

  unset_all_env ();
  g_setenv (env, value, TRUE);
  config = ig_config_new_from_env (warnings);
  unset_all_env ();
  g_assert_cmpuint (warnings->len, ==, 1);
  warning = g_ptr_array_index (warnings, 0);
  g_assert_error (warning, IG_ERROR, IG_ERROR_SETTINGS);
  g_assert_nonnull (strstr (warning->message, value));
  g_assert_nonnull (strstr (warning->message, "not an absolute http(s) URL"));
  g_assert_cmpstr (strcmp (env, IG_ENV_WWW_BASE) == 0 ? config->www_base
                                                      : config->mobile_base,
      ==, fallback);
}

static void
test_config_invalid_base (void)
{
  assert_invalid_base_kept (IG_ENV_WWW_BASE, "ftp://x", IG_DEFAULT_WWW_BASE);
  assert_invalid_base_kept (IG_ENV_WWW_BASE, "not a url", IG_DEFAULT_WWW_BASE);
  assert_invalid_base_kept (IG_ENV_MOBILE_BASE, "/relative/path",
      IG_DEFAULT_MOBILE_BASE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/check/success", test_check_success);
  g_test_add_func ("/check/login-redirects", test_check_login_redirects);
  g_test_add_func ("/check/challenge-redirects",
      test_check_challenge_redirects);
  g_test_add_func ("/check/other-redirects", test_check_other_redirects);
  g_test_add_func ("/check/checkpoint-bodies", test_check_checkpoint_bodies);
  g_test_add_func ("/check/rate-limits", test_check_rate_limits);
  g_test_add_func ("/check/other-statuses", test_check_other_statuses);
  g_test_add_func ("/parse-json/failures", test_parse_json_failures);
  g_test_add_func ("/parse-json/guard-prefix", test_parse_json_guard_prefix);
  g_test_add_func ("/parse-json/too-deep", test_parse_json_too_deep);
  g_test_add_func ("/parse-json/html-names-type",
      test_parse_json_html_names_type);
  g_test_add_func ("/parse-json/object", test_parse_json_object);
  g_test_add_func ("/json/lookup", test_json_lookup);
  g_test_add_func ("/json/member", test_json_member);
  g_test_add_func ("/json/find-skips-non-objects",
      test_json_find_skips_non_objects);
  g_test_add_func ("/json/find-depth-limit", test_json_find_depth_limit);
  g_test_add_func ("/json/find-hostile", test_json_find_hostile);
  g_test_add_func ("/json/nesting-ok", test_json_nesting_ok);
  g_test_add_func ("/json/integers-fit", test_json_integers_fit);
  g_test_add_func ("/config/defaults", test_config_defaults);
  g_test_add_func ("/config/overrides", test_config_overrides);
  g_test_add_func ("/config/trailing-slashes", test_config_trailing_slashes);
  g_test_add_func ("/config/invalid-base", test_config_invalid_base);
  return g_test_run ();
}
