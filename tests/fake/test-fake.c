/* gst-instagram tests: self-test of the fake Instagram, with a libsoup
 * client.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-private.h"
#include "fake-media.h"

#include <stdlib.h>
#include <string.h>

#define POLARIS_DOC_ID "27130156389949648"
#define XDT_DOC_ID "8845758582119845"
#define QUERY_HASH "9f8827793ef34641b2fb195d4d41151c"
#define APP_ID "936619743392459"

typedef struct
{
  FakeInstagram *fi;
  SoupSession *session;
} Fixture;

static void
fixture_setup (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fx->fi = fake_instagram_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fx->fi);
  /* Loopback only: no proxy from the environment. */
  fx->session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
}

static void
fixture_teardown (Fixture *fx, gconstpointer data)
{
  g_object_unref (fx->session);
  fake_instagram_free (fx->fi);
}

/* ---- client helpers ----------------------------------------------------- */

static SoupMessage *
new_msg (Fixture *fx, const char *method, const char *path)
{
  g_autofree char *uri =
      g_strconcat (fake_instagram_get_base (fx->fi), path, NULL);
  SoupMessage *msg = soup_message_new (method, uri);

  g_assert_nonnull (msg);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  return msg;
}

static void
add_header (SoupMessage *msg, const char *name, const char *value)
{
  soup_message_headers_append (soup_message_get_request_headers (msg), name,
      value);
}

static GBytes *
send (Fixture *fx, SoupMessage *msg)
{
  g_autoptr (GError) error = NULL;
  GBytes *body = soup_session_send_and_read (fx->session, msg, NULL, &error);

  g_assert_no_error (error);
  return body;
}

static JsonNode *
parse_json (GBytes *body)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text =
      g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/* "a.b.0.c": members of objects, indexes of arrays; NULL if absent. */
static JsonNode *
at (JsonNode *node, const char *path)
{
  g_auto (GStrv) parts = g_strsplit (path, ".", -1);
  guint i;

  for (i = 0; node != NULL && parts[i] != NULL; i++) {
    if (JSON_NODE_HOLDS_ARRAY (node)) {
      JsonArray *array = json_node_get_array (node);
      guint index = (guint) g_ascii_strtoull (parts[i], NULL, 10);
      node = index < json_array_get_length (array)
          ? json_array_get_element (array, index)
          : NULL;
    } else if (JSON_NODE_HOLDS_OBJECT (node)) {
      node = json_object_get_member (json_node_get_object (node), parts[i]);
    } else {
      node = NULL;
    }
  }
  return node;
}

static const char *
at_string (JsonNode *node, const char *path)
{
  JsonNode *found = at (node, path);

  g_assert_nonnull (found);
  return json_node_get_string (found);
}

static gboolean
at_null (JsonNode *node, const char *path)
{
  JsonNode *found = at (node, path);

  return found != NULL && JSON_NODE_HOLDS_NULL (found);
}

static char *
response_cookie (SoupMessage *msg, const char *name)
{
  GSList *cookies = soup_cookies_from_response (msg);
  GSList *l;
  char *value = NULL;

  for (l = cookies; l != NULL; l = l->next) {
    if (g_str_equal (soup_cookie_get_name (l->data), name))
      value = g_strdup (soup_cookie_get_value (l->data));
  }
  g_slist_free_full (cookies, (GDestroyNotify) soup_cookie_free);
  return value;
}

static char *
body_text (GBytes *body)
{
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* The JSON of the first <script …MARKER…>…</script> holding needle. */
static JsonNode *
script_holding (const char *html, const char *marker, const char *needle)
{
  const char *p = html;

  while ((p = strstr (p, marker)) != NULL) {
    const char *start = strchr (p, '>') + 1;
    const char *end = strstr (start, "</script>");
    g_autofree char *json = g_strndup (start, end - start);

    p = end;
    if (strstr (json, needle) != NULL)
      return json_from_string (json, NULL);
  }
  return NULL;
}

typedef struct
{
  char *lsd;
  char *csrftoken;
} Session;

static void
session_clear (Session *s)
{
  g_free (s->lsd);
  g_free (s->csrftoken);
}

static void
open_session (Fixture *fx, Session *s)
{
  g_autoptr (SoupMessage) msg = new_msg (fx, "GET", "/");
  g_autoptr (GBytes) body = send (fx, msg);
  g_autofree char *html = body_text (body);
  g_autoptr (JsonNode) eqmc = script_holding (html, "id=\"__eqmc\"", "\"l\"");

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (eqmc);
  s->lsd = g_strdup (at_string (eqmc, "l"));
  s->csrftoken = response_cookie (msg, "csrftoken");
  g_assert_nonnull (s->csrftoken);
}

/* @form (taken) as the body of @msg, form-encoded. */
static void
set_form (SoupMessage *msg, char *form)
{
  g_autoptr (GBytes) bytes = g_bytes_new_take (form, strlen (form));

  soup_message_set_request_body_from_bytes (msg,
      "application/x-www-form-urlencoded", bytes);
}

static SoupMessage *
polaris_msg (Fixture *fx, const Session *s, const char *csrf_header,
    const char *doc_id, const char *pk)
{
  SoupMessage *msg = new_msg (fx, "POST", "/api/graphql");
  g_autofree char *variables = g_strdup_printf ("{\"media_id\":\"%s\"}", pk);
  g_autofree char *cookie = g_strdup_printf ("csrftoken=%s", s->csrftoken);

  add_header (msg, "X-IG-App-ID", APP_ID);
  add_header (msg, "X-FB-LSD", s->lsd);
  add_header (msg, "Cookie", cookie);
  if (csrf_header != NULL)
    add_header (msg, "X-CSRFToken", csrf_header);
  set_form (msg,
      soup_form_encode ("lsd", s->lsd, "fb_api_caller_class", "RelayModern",
          "fb_api_req_friendly_name",
          "PolarisLoggedOutDesktopWWWPostRootContentQuery", "server_timestamps",
          "true", "variables", variables, "doc_id", doc_id, NULL));
  return msg;
}

static JsonNode *
polaris (Fixture *fx, const char *pk, guint expect_status)
{
  Session s = { 0 };
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;

  open_session (fx, &s);
  msg = polaris_msg (fx, &s, s.csrftoken, POLARIS_DOC_ID, pk);
  body = send (fx, msg);
  session_clear (&s);
  g_assert_cmpuint (soup_message_get_status (msg), ==, expect_status);
  return parse_json (body);
}

/* ---- tests ------------------------------------------------------------- */

static GBytes *cdn_get (Fixture *fx, const char *method, const char *url,
    const char *range, guint status, SoupMessage **out);

static void
test_shortcodes (void)
{
  static const char *pairs[][2] = {
    { FAKE_SC_IMAGE, FAKE_PK_IMAGE },
    { FAKE_SC_VIDEO, FAKE_PK_VIDEO },
    { FAKE_SC_REEL, FAKE_PK_REEL },
    { FAKE_SC_CAROUSEL, FAKE_PK_CAROUSEL },
    { FAKE_SC_NONFASTSTART, FAKE_PK_NONFASTSTART },
    { FAKE_SC_PRIVATE, FAKE_PK_PRIVATE },
    { FAKE_SC_DELETED, FAKE_PK_DELETED },
    { FAKE_SC_BIG, FAKE_PK_BIG },
    { FAKE_SC_DASH, FAKE_PK_DASH },
    { FAKE_SC_REEL_BENCH, FAKE_PK_REEL_BENCH },
    { FAKE_SC_PORTRAIT, FAKE_PK_PORTRAIT },
    { FAKE_SC_AUDIO_RELATIVE, FAKE_PK_AUDIO_RELATIVE },
    { FAKE_SC_AUDIO_FILE, FAKE_PK_AUDIO_FILE },
    { FAKE_SC_AUDIO_MISSING, FAKE_PK_AUDIO_MISSING },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (pairs); i++) {
    guint64 pk = 0;

    g_assert_true (fake_shortcode_to_pk (pairs[i][0], &pk));
    g_assert_cmpuint (pk, ==, g_ascii_strtoull (pairs[i][1], NULL, 10));
  }
  g_assert_false (fake_shortcode_to_pk ("abc!", &(guint64){ 0 }));
  g_assert_false (fake_shortcode_to_pk ("__________________", &(guint64){ 0 }));
}

static void
test_homepage (Fixture *fx, gconstpointer data)
{
  Session s = { 0 };
  g_autoptr (SoupMessage) msg = new_msg (fx, "GET", "/");
  g_autoptr (GBytes) body = send (fx, msg);
  g_autofree char *mid = response_cookie (msg, "mid");
  g_autofree char *did = response_cookie (msg, "ig_did");
  g_autofree char *csrf = response_cookie (msg, "csrftoken");
  guint i;

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (mid);
  g_assert_nonnull (did);
  g_assert_cmpuint (strlen (csrf), ==, 32);
  for (i = 0; i < 32; i++)
    g_assert_true (g_ascii_isxdigit (csrf[i]));
  open_session (fx, &s);
  g_assert_cmpuint (strlen (s.lsd), >, 8);
  g_assert_true (fake_lsd_valid (fx->fi, s.lsd));
  session_clear (&s);
}

static void
test_ruling (Fixture *fx, gconstpointer data)
{
  const char *path = "/api/v1/web/get_ruling_for_content/"
                     "?content_type=MEDIA&target_id=" FAKE_PK_REEL;
  g_autoptr (SoupMessage) bare = new_msg (fx, "GET", path);
  g_autoptr (GBytes) bare_body = send (fx, bare);
  g_autoptr (JsonNode) bare_json = parse_json (bare_body);
  g_autoptr (SoupMessage) msg = new_msg (fx, "GET", path);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonNode) json = NULL;
  g_autofree char *csrf = NULL;

  g_assert_cmpuint (soup_message_get_status (bare), ==, 400);
  g_assert_cmpstr (at_string (bare_json, "message"), ==, "useragent mismatch");
  g_assert_cmpstr (at_string (bare_json, "status"), ==, "fail");

  add_header (msg, "X-IG-App-ID", APP_ID);
  body = send (fx, msg);
  json = parse_json (body);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (at_string (json, "status"), ==, "ok");
  csrf = response_cookie (msg, "csrftoken");
  g_assert_cmpuint (strlen (csrf), ==, 32);
}

static void
test_polaris (Fixture *fx, gconstpointer data)
{
  g_autoptr (JsonNode) json = polaris (fx, FAKE_PK_REEL, 200);
  JsonNode *media = at (json, "data.xig_polaris_media");
  g_autofree char *cdn = g_strconcat (fake_instagram_get_base (fx->fi), "/cdn/",
      FAKE_MEDIA_REEL_480, "?", NULL);

  g_assert_cmpstr (at_string (media, "__typename"), ==, "XIGPolarisMedia");
  g_assert_cmpstr (at_string (media, "pk"), ==, FAKE_PK_REEL);
  g_assert_cmpstr (at_string (media, "if_not_gated_logged_out.pk"), ==,
      FAKE_PK_REEL);
  g_assert_cmpstr (at_string (media, "if_not_gated_logged_out.code"), ==,
      FAKE_SC_REEL);
  g_assert_true (g_str_has_prefix (at_string (media,
                                       "if_not_gated_logged_out.video_versions"
                                       ".0.url"),
      cdn));
  g_assert_nonnull (
      strstr (at_string (media, "if_not_gated_logged_out.video_dash_manifest"),
          "&amp;oe="));
  g_assert_cmpstr (at_string (media, "comments_connection.edges.0.node.text"),
      ==, "hi");
  g_assert_true (json_node_get_boolean (at (json, "extensions.is_final")));
}

/* The public reel of tests/bench/bench-start.py serves the 1.1 MB file. */
static void
test_reel_bench (Fixture *fx, gconstpointer data)
{
  g_autoptr (JsonNode) json = polaris (fx, FAKE_PK_REEL_BENCH, 200);
  JsonNode *media = at (json, "data.xig_polaris_media.if_not_gated_logged_out");
  g_autofree char *cdn = g_strconcat (fake_instagram_get_base (fx->fi), "/cdn/",
      FAKE_MEDIA_REEL_BENCH, "?", NULL);
  g_autoptr (GBytes) body = cdn_get (fx, "GET",
      at_string (media, "video_versions.0.url"), NULL, 200, NULL);

  g_assert_cmpstr (at_string (media, "code"), ==, FAKE_SC_REEL_BENCH);
  g_assert_cmpstr (at_string (media, "product_type"), ==, "clips");
  g_assert_false (json_node_get_boolean (at (media, "user.is_private")));
  g_assert_true (
      g_str_has_prefix (at_string (media, "video_versions.0.url"), cdn));
  g_assert_cmpuint (g_bytes_get_size (body), ==, 1136158);
}

static void
test_polaris_errors (Fixture *fx, gconstpointer data)
{
  Session s = { 0 };
  g_autoptr (JsonNode) deleted = polaris (fx, FAKE_PK_DELETED, 200);
  g_autoptr (JsonNode) private = polaris (fx, FAKE_PK_PRIVATE, 200);
  g_autoptr (SoupMessage) csrf = NULL;
  g_autoptr (SoupMessage) doc = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GBytes) doc_body = NULL;
  g_autoptr (JsonNode) doc_json = NULL;

  g_assert_true (at_null (deleted, "data.xig_polaris_media"));
  g_assert_true (
      at_null (private, "data.xig_polaris_media.if_not_gated_logged_out"));

  open_session (fx, &s);
  csrf = polaris_msg (fx, &s, "0123456789abcdef0123456789abcdef",
      POLARIS_DOC_ID, FAKE_PK_REEL);
  body = send (fx, csrf);
  g_assert_cmpuint (soup_message_get_status (csrf), ==, 403);

  doc = polaris_msg (fx, &s, NULL, "1234", FAKE_PK_REEL);
  doc_body = send (fx, doc);
  doc_json = parse_json (doc_body);
  g_assert_cmpuint (soup_message_get_status (doc), ==, 200);
  g_assert_cmpstr (at_string (doc_json, "errors.0.message"), ==,
      "execution error");
  g_assert_true (at_null (doc_json, "data"));
  session_clear (&s);
}

static void
test_polaris_bad_lsd (Fixture *fx, gconstpointer data)
{
  Session s = { 0 };
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;

  open_session (fx, &s);
  g_free (s.lsd);
  s.lsd = g_strdup ("notIssuedByTheFake");
  msg = polaris_msg (fx, &s, NULL, POLARIS_DOC_ID, FAKE_PK_REEL);
  body = send (fx, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 400);
  session_clear (&s);
}

static void
test_polaris_disabled (Fixture *fx, gconstpointer data)
{
  Session s = { 0 };
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;

  open_session (fx, &s);
  fake_instagram_set_generation (fx->fi, FAKE_GEN_ALL & ~FAKE_GEN_POLARIS);
  msg = polaris_msg (fx, &s, s.csrftoken, POLARIS_DOC_ID, FAKE_PK_REEL);
  body = send (fx, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (
      g_str_has_prefix (soup_message_headers_get_content_type (
                            soup_message_get_response_headers (msg), NULL),
          "text/html"));
  session_clear (&s);
}

static char *
get_page (Fixture *fx, const char *path, guint expect_status)
{
  g_autoptr (SoupMessage) msg = new_msg (fx, "GET", path);
  g_autoptr (GBytes) body = send (fx, msg);

  g_assert_cmpuint (soup_message_get_status (msg), ==, expect_status);
  return body_text (body);
}

/* require[*][*][*].__bbox.require[*] == ["RelayPrefetchedStreamCache", …,
 * [key, {"__bbox":{"result":…}}]] */
static JsonNode *
page_media (JsonNode *sjs)
{
  JsonNode *entry = at (sjs, "require.0.3.0.__bbox.require.0");

  g_assert_nonnull (entry);
  g_assert_cmpstr (at_string (entry, "0"), ==, "RelayPrefetchedStreamCache");
  return at (entry, "3.1.__bbox.result.data.xig_polaris_media");
}

static void
test_page (Fixture *fx, gconstpointer data)
{
  g_autofree char *html = get_page (fx, "/p/" FAKE_SC_IMAGE "/", 200);
  g_autoptr (JsonNode) sjs =
      script_holding (html, "data-sjs>", "RelayPrefetchedStreamCache");
  JsonNode *media;
  g_autofree char *reel =
      get_page (fx, "/fakereels/reel/" FAKE_SC_REEL "/", 200);
  g_autoptr (JsonNode) reel_sjs =
      script_holding (reel, "data-sjs>", "RelayPrefetchedStreamCache");

  g_assert_null (strstr (html, "http://127")); /* slashes are escaped */
  g_assert_nonnull (strstr (reel, "\\u003CMPD"));
  g_assert_nonnull (sjs);
  media = page_media (sjs);
  g_assert_cmpstr (at_string (media, "if_not_gated_logged_out.code"), ==,
      FAKE_SC_IMAGE);
  g_assert_cmpstr (at_string (media, "if_not_gated_logged_out.location.name"),
      ==, "Lisbon, Portugal");
  g_assert_nonnull (
      strchr (at_string (media, "if_not_gated_logged_out.caption.text"), '\n'));
  g_assert_nonnull (reel_sjs);
  g_assert_nonnull (strstr (at_string (page_media (reel_sjs),
                                "if_not_gated_logged_out.video_dash_manifest"),
      "<MPD"));
}

static void
test_page_errors (Fixture *fx, gconstpointer data)
{
  g_autoptr (SoupMessage) priv = new_msg (fx, "GET", "/p/" FAKE_SC_PRIVATE "/");
  g_autoptr (GBytes) priv_body = send (fx, priv);
  const char *location =
      soup_message_headers_get_one (soup_message_get_response_headers (priv),
          "Location");
  g_autofree char *deleted = get_page (fx, "/p/" FAKE_SC_DELETED "/", 404);
  g_autofree char *plain = NULL;

  g_assert_cmpuint (soup_message_get_status (priv), ==, 302);
  g_assert_true (g_str_has_suffix (location,
      "/accounts/login/?next=%2Fp%2F" FAKE_SC_PRIVATE "%2F"));
  g_free (get_page (fx, "/accounts/login/", 200));

  fake_instagram_set_generation (fx->fi, FAKE_GEN_ALL & ~FAKE_GEN_PAGE);
  plain = get_page (fx, "/p/" FAKE_SC_IMAGE "/", 200);
  g_assert_null (strstr (plain, "RelayPrefetchedStreamCache"));
}

static JsonNode *
graphql_query (Fixture *fx, const char *method, const char *key,
    const char *value, const char *shortcode, guint expect_status)
{
  g_autofree char *variables =
      g_strdup_printf ("{\"shortcode\":\"%s\",\"child_comment_count\":3}",
          shortcode);
  g_autofree char *form =
      soup_form_encode (key, value, "variables", variables, NULL);
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;

  if (g_str_equal (method, "GET")) {
    g_autofree char *path = g_strconcat ("/graphql/query/?", form, NULL);
    msg = new_msg (fx, "GET", path);
  } else {
    g_autoptr (GBytes) bytes = g_bytes_new (form, strlen (form));

    msg = new_msg (fx, "POST", "/graphql/query");
    soup_message_set_request_body_from_bytes (msg,
        "application/x-www-form-urlencoded", bytes);
  }
  body = send (fx, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, expect_status);
  if (expect_status == 302) {
    g_autofree char *home =
        g_strconcat (fake_instagram_get_base (fx->fi), "/", NULL);
    g_assert_cmpstr (soup_message_headers_get_one (
                         soup_message_get_response_headers (msg), "Location"),
        ==, home);
    return NULL;
  }
  return parse_json (body);
}

static void
test_xdt (Fixture *fx, gconstpointer data)
{
  g_autoptr (JsonNode) post =
      graphql_query (fx, "POST", "doc_id", XDT_DOC_ID, FAKE_SC_CAROUSEL, 200);
  g_autoptr (JsonNode) get =
      graphql_query (fx, "GET", "doc_id", XDT_DOC_ID, FAKE_SC_REEL, 200);
  g_autoptr (JsonNode) missing =
      graphql_query (fx, "POST", "doc_id", XDT_DOC_ID, FAKE_SC_DELETED, 200);
  g_autoptr (JsonNode) private =
      graphql_query (fx, "POST", "doc_id", XDT_DOC_ID, FAKE_SC_PRIVATE, 200);
  g_autoptr (JsonNode) off = NULL;
  JsonNode *node = at (post, "data.xdt_shortcode_media");

  g_assert_cmpstr (at_string (post, "status"), ==, "ok");
  g_assert_cmpstr (at_string (node, "__typename"), ==, "XDTGraphSidecar");
  g_assert_cmpstr (at_string (node, "id"), ==, FAKE_PK_CAROUSEL);
  g_assert_cmpstr (at_string (node,
                       "edge_sidecar_to_children.edges.0.node.__typename"),
      ==, "XDTGraphImage");
  g_assert_cmpstr (at_string (node,
                       "edge_sidecar_to_children.edges.1.node.__typename"),
      ==, "XDTGraphVideo");
  g_assert_nonnull (
      at (node, "edge_sidecar_to_children.edges.1.node.video_url"));
  g_assert_cmpstr (at_string (node,
                       "edge_sidecar_to_children.edges.2.node.__typename"),
      ==, "XDTGraphImage");
  g_assert_cmpstr (at_string (get, "data.xdt_shortcode_media.__typename"), ==,
      "XDTGraphVideo");
  g_assert_true (at_null (missing, "data.xdt_shortcode_media"));
  g_assert_true (at_null (private, "data.xdt_shortcode_media"));

  fake_instagram_set_generation (fx->fi, FAKE_GEN_ALL & ~FAKE_GEN_XDT);
  off = graphql_query (fx, "POST", "doc_id", XDT_DOC_ID, FAKE_SC_REEL, 403);
}

static void
test_query_hash (Fixture *fx, gconstpointer data)
{
  g_autoptr (JsonNode) json =
      graphql_query (fx, "GET", "query_hash", QUERY_HASH, FAKE_SC_REEL, 200);
  g_autoptr (JsonNode) image =
      graphql_query (fx, "GET", "query_hash", QUERY_HASH, FAKE_SC_IMAGE, 200);
  JsonNode *node = at (json, "data.shortcode_media");

  g_assert_cmpstr (at_string (node, "__typename"), ==, "GraphVideo");
  g_assert_true (strstr (at_string (node, "video_url"), FAKE_MEDIA_REEL_720));
  g_assert_cmpint (json_node_get_int (at (node, "dimensions.height")), ==,
      1280);
  g_assert_cmpstr (at_string (node, "owner.username"), ==, "fakereels");
  g_assert_cmpstr (at_string (image, "data.shortcode_media.__typename"), ==,
      "GraphImage");
  g_assert_cmpstr (at_string (image,
                       "data.shortcode_media.edge_media_to_"
                       "caption.edges.0.node.text"),
      ==, "Sunset over the river 🌅\nSecond line #lisbon");
  g_assert_true (strstr (at_string (image, "data.shortcode_media.display_url"),
      FAKE_MEDIA_IMAGE_LARGE));
  g_assert_null (
      graphql_query (fx, "GET", "query_hash", "0000", FAKE_SC_REEL, 302));
  fake_instagram_set_generation (fx->fi, FAKE_GEN_ALL & ~FAKE_GEN_QUERY_HASH);
  g_assert_null (
      graphql_query (fx, "GET", "query_hash", QUERY_HASH, FAKE_SC_REEL, 302));
}

static JsonNode *
media_info (Fixture *fx, const char *pk, gboolean logged_in, guint status)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/media/%s/info/", pk);
  g_autoptr (SoupMessage) msg = new_msg (fx, "GET", path);
  g_autoptr (GBytes) body = NULL;

  add_header (msg, "X-IG-App-ID", APP_ID);
  if (logged_in)
    add_header (msg, "Cookie", "csrftoken=x; sessionid=" FAKE_SESSION_ID);
  body = send (fx, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, status);
  if (status == 302) {
    g_assert_nonnull (
        strstr (soup_message_headers_get_one (
                    soup_message_get_response_headers (msg), "Location"),
            "/accounts/login/?next="));
    return NULL;
  }
  return parse_json (body);
}

static void
test_media_info (Fixture *fx, gconstpointer data)
{
  g_autoptr (JsonNode) image = media_info (fx, FAKE_PK_IMAGE, TRUE, 200);
  g_autoptr (JsonNode) priv = media_info (fx, FAKE_PK_PRIVATE, TRUE, 200);
  g_autoptr (JsonNode) gone = media_info (fx, FAKE_PK_DELETED, TRUE, 400);

  g_assert_null (media_info (fx, FAKE_PK_IMAGE, FALSE, 302));
  g_assert_cmpstr (at_string (image, "items.0.pk"), ==, FAKE_PK_IMAGE);
  g_assert_cmpint (json_node_get_int (at (image, "num_results")), ==, 1);
  g_assert_cmpint (json_node_get_int (at (image,
                       "items.0.image_versions2.candidates.0.width")),
      ==, 1080);
  g_assert_true (json_node_get_boolean (at (priv, "items.0.user.is_private")));
  g_assert_cmpstr (at_string (gone, "status"), ==, "fail");
}

static GBytes *
cdn_get (Fixture *fx, const char *method, const char *url, const char *range,
    guint status, SoupMessage **out)
{
  SoupMessage *msg = soup_message_new (method, url);
  GBytes *body;

  if (range != NULL)
    add_header (msg, "Range", range);
  body = send (fx, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, status);
  if (out != NULL)
    *out = msg;
  else
    g_object_unref (msg);
  return body;
}

static void
test_cdn (Fixture *fx, gconstpointer data)
{
  const char *name = FAKE_MEDIA_REEL_720;
  g_autofree char *url = fake_instagram_dup_cdn_url (fx->fi, name);
  g_autoptr (GMappedFile) file =
      g_mapped_file_new (fake_instagram_get_media_path (fx->fi, name), FALSE,
          NULL);
  g_autoptr (GBytes) expected = g_mapped_file_get_bytes (file);
  gsize size = g_bytes_get_size (expected);
  g_autoptr (GBytes) full = cdn_get (fx, "GET", url, NULL, 200, NULL);
  g_autoptr (SoupMessage) part_msg = NULL;
  g_autoptr (GBytes) part =
      cdn_get (fx, "GET", url, "bytes=100-1099", 206, &part_msg);
  g_autoptr (GBytes) slice = g_bytes_new_from_bytes (expected, 100, 1000);
  g_autoptr (SoupMessage) head_msg = NULL;
  g_autoptr (GBytes) head = cdn_get (fx, "HEAD", url, NULL, 200, &head_msg);
  SoupMessageHeaders *h = soup_message_get_response_headers (head_msg);
  g_autofree char *range =
      g_strdup_printf ("bytes=%" G_GSIZE_FORMAT "-", size + 10);
  g_autofree char *content_range =
      g_strdup_printf ("bytes 100-1099/%" G_GSIZE_FORMAT, size);

  g_assert_nonnull (file);
  g_assert_true (g_bytes_equal (full, expected));
  g_assert_true (g_bytes_equal (part, slice));
  g_assert_cmpstr (soup_message_headers_get_one (
                       soup_message_get_response_headers (part_msg),
                       "Content-Range"),
      ==, content_range);
  g_assert_cmpint (soup_message_headers_get_content_length (h), ==, size);
  g_assert_cmpstr (soup_message_headers_get_one (h, "Accept-Ranges"), ==,
      "bytes");
  g_assert_cmpstr (soup_message_headers_get_content_type (h, NULL), ==,
      "video/mp4");
  g_assert_cmpuint (g_bytes_get_size (head), ==, 0);
  g_bytes_unref (cdn_get (fx, "GET", url, range, 416, NULL));
}

static void
test_cdn_refusals (Fixture *fx, gconstpointer data)
{
  g_autofree char *good =
      fake_instagram_dup_cdn_url (fx->fi, FAKE_MEDIA_IMAGE_SMALL);
  g_autofree char *bad_oh = g_strdup (good);
  g_autofree char *missing = fake_instagram_dup_cdn_url (fx->fi, "nope.mp4");
  g_autofree char *expired = NULL;
  g_autofree char *unsigned_url = g_strconcat (fake_instagram_get_base (fx->fi),
      "/cdn/" FAKE_MEDIA_IMAGE_SMALL, NULL);

  strstr (bad_oh, "oh=")[3] ^= 1;
  fake_instagram_set_cdn_expiry (fx->fi, -60);
  expired = fake_instagram_dup_cdn_url (fx->fi, FAKE_MEDIA_IMAGE_SMALL);
  g_bytes_unref (cdn_get (fx, "GET", good, NULL, 200, NULL));
  g_bytes_unref (cdn_get (fx, "GET", bad_oh, NULL, 403, NULL));
  g_bytes_unref (cdn_get (fx, "GET", expired, NULL, 403, NULL));
  g_bytes_unref (cdn_get (fx, "GET", unsigned_url, NULL, 403, NULL));
  g_bytes_unref (cdn_get (fx, "GET", missing, NULL, 404, NULL));
}

/* Opens a GET of the reel through @session; returns the body stream, and
 * checks that the answer announces the whole file. */
static GInputStream *
cdn_open_slow (Fixture *fx, SoupSession *session, SoupMessage **msg)
{
  const char *name = FAKE_MEDIA_REEL_720;
  g_autofree char *url = fake_instagram_dup_cdn_url (fx->fi, name);
  g_autoptr (GMappedFile) file =
      g_mapped_file_new (fake_instagram_get_media_path (fx->fi, name), FALSE,
          NULL);
  g_autoptr (GError) error = NULL;
  GInputStream *stream;

  *msg = soup_message_new ("GET", url);
  stream = soup_session_send (session, *msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (*msg), ==, 200);
  g_assert_cmpint (soup_message_headers_get_content_length (
                       soup_message_get_response_headers (*msg)),
      ==, g_mapped_file_get_length (file));
  return stream;
}

/* 1000 bytes, then nothing with the connection open; the next GET is
 * whole again. A trickle sends 300 bytes a second. The fake is freed
 * while the client still holds the answers. */
static void
test_cdn_stall_trickle (Fixture *fx, gconstpointer data)
{
  g_autoptr (SoupSession) session =
      soup_session_new_with_options ("proxy-resolver", NULL, "timeout", 1,
          NULL);
  g_autoptr (SoupMessage) stalled_msg = NULL, slow_msg = NULL;
  g_autoptr (GInputStream) stalled = NULL, slow = NULL;
  g_autoptr (GError) error = NULL;
  guint8 buf[2048];
  gsize got = 0;
  gint64 start;

  fake_instagram_set_cdn_stall (fx->fi, 1000, 1);
  stalled = cdn_open_slow (fx, session, &stalled_msg);
  g_assert_false (
      g_input_stream_read_all (stalled, buf, sizeof buf, &got, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpuint (got, ==, 1000);
  g_clear_error (&error);

  fake_instagram_set_cdn_trickle (fx->fi, 300, 1);
  soup_session_set_timeout (session, 5); /* for the next connection */
  start = g_get_monotonic_time ();
  slow = cdn_open_slow (fx, session, &slow_msg);
  g_assert_true (g_input_stream_read_all (slow, buf, 600, &got, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 900 * 1000);
}

static void
test_stall (Fixture *fx, gconstpointer data)
{
  gint64 start;
  g_autofree char *fast = NULL;

  fake_instagram_set_stall_ms (fx->fi, "/accounts/", 400);
  start = g_get_monotonic_time ();
  fast = get_page (fx, "/", 200);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 300000);
  start = g_get_monotonic_time ();
  g_free (get_page (fx, "/accounts/login/", 200));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 400000);
  fake_instagram_set_stall (fx->fi, "/accounts/", 0);
  start = g_get_monotonic_time ();
  g_free (get_page (fx, "/accounts/login/", 200));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 300000);
}

/* Shutting down with an answer still held back must not hang or leak. */
static void
on_sent (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GInputStream) in =
      soup_session_send_finish (SOUP_SESSION (source), result, NULL);
  *(gboolean *) data = TRUE;
}

static void
test_stall_shutdown (void)
{
  g_autoptr (GError) error = NULL;
  FakeInstagram *fi = fake_instagram_new (NULL, &error);
  g_autoptr (SoupSession) session =
      soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autofree char *uri = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  gboolean done = FALSE;

  g_assert_no_error (error);
  uri = g_strconcat (fake_instagram_get_base (fi), "/", NULL);
  msg = soup_message_new ("GET", uri);
  fake_instagram_set_stall (fi, "/", 30);
  soup_session_send_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_sent,
      &done);
  while (fake_instagram_count (fi, NULL, "/") == 0)
    g_main_context_iteration (NULL, FALSE);
  fake_instagram_free (fi);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_log (Fixture *fx, gconstpointer data)
{
  g_autofree char *url =
      fake_instagram_dup_cdn_url (fx->fi, FAKE_MEDIA_NONFASTSTART);
  g_autoptr (GPtrArray) log = NULL;
  FakeRequest *req;

  g_free (get_page (fx, "/", 200));
  fake_instagram_reset_log (fx->fi);
  g_assert_cmpuint (fake_instagram_count (fx->fi, NULL, NULL), ==, 0);
  g_free (get_page (fx, "/", 200));
  g_free (get_page (fx, "/nothing/here", 404));
  g_bytes_unref (cdn_get (fx, "GET", url, "bytes=0-9", 206, NULL));
  g_bytes_unref (cdn_get (fx, "HEAD", url, NULL, 200, NULL));
  g_assert_cmpuint (fake_instagram_count (fx->fi, NULL, NULL), ==, 4);
  g_assert_cmpuint (fake_instagram_count (fx->fi, "GET", "/cdn/"), ==, 1);
  g_assert_cmpuint (fake_instagram_count (fx->fi, "HEAD", NULL), ==, 1);
  g_assert_cmpuint (fake_instagram_count (fx->fi, "POST", NULL), ==, 0);

  log = fake_instagram_dup_log (fx->fi);
  g_assert_cmpuint (log->len, ==, 4);
  req = g_ptr_array_index (log, 1);
  g_assert_cmpstr (req->path, ==, "/nothing/here");
  g_assert_cmpuint (req->status, ==, 404);
  req = g_ptr_array_index (log, 2);
  g_assert_cmpstr (req->range, ==, "bytes=0-9");
  g_assert_cmpuint (req->status, ==, 206);
  g_assert_nonnull (strstr (req->query, "oe="));
  g_assert_cmpstr (soup_message_headers_get_one (req->headers, "Range"), ==,
      "bytes=0-9");
}

/* ---- the DASH reel -------------------------------------------------------- */

/* What a test checks of one Representation. */
typedef struct
{
  char *id;
  char *codecs;
  char *base_url; /* unescaped */
  char *index_range;
  char *init_range;
  char *timescale;
  gint width;
  gint height;
} DashRep;

static void
dash_rep_free (DashRep *rep)
{
  g_free (rep->id);
  g_free (rep->codecs);
  g_free (rep->base_url);
  g_free (rep->index_range);
  g_free (rep->init_range);
  g_free (rep->timescale);
  g_free (rep);
}

typedef struct
{
  char *profiles;
  GPtrArray *reps; /* DashRep */
  DashRep *rep; /* the one being parsed */
  gboolean in_base_url;
} Mpd;

static void
mpd_free (Mpd *mpd)
{
  g_free (mpd->profiles);
  g_ptr_array_unref (mpd->reps);
  g_free (mpd);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Mpd, mpd_free)

static const char *
attr (const char **names, const char **values, const char *name)
{
  for (guint i = 0; names[i] != NULL; i++) {
    if (g_str_equal (names[i], name))
      return values[i];
  }
  return NULL;
}

/* An integer attribute, 0 when absent. */
static gint
int_attr (const char **names, const char **values, const char *name)
{
  const char *value = attr (names, values, name);

  return value != NULL ? atoi (value) : 0;
}

static void
mpd_start (GMarkupParseContext *context, const char *element,
    const char **names, const char **values, gpointer data, GError **error)
{
  Mpd *mpd = data;
  DashRep *rep = mpd->rep;

  if (g_str_equal (element, "MPD")) {
    mpd->profiles = g_strdup (attr (names, values, "profiles"));
  } else if (g_str_equal (element, "Representation")) {
    rep = mpd->rep = g_new0 (DashRep, 1);
    rep->id = g_strdup (attr (names, values, "id"));
    rep->codecs = g_strdup (attr (names, values, "codecs"));
    rep->width = int_attr (names, values, "width");
    rep->height = int_attr (names, values, "height");
    g_ptr_array_add (mpd->reps, rep);
  } else if (rep != NULL && g_str_equal (element, "SegmentBase")) {
    rep->index_range = g_strdup (attr (names, values, "indexRange"));
    rep->timescale = g_strdup (attr (names, values, "timescale"));
  } else if (rep != NULL && g_str_equal (element, "Initialization")) {
    rep->init_range = g_strdup (attr (names, values, "range"));
  }
  mpd->in_base_url = rep != NULL && g_str_equal (element, "BaseURL");
}

static void
mpd_end (GMarkupParseContext *context, const char *element, gpointer data,
    GError **error)
{
  Mpd *mpd = data;

  mpd->in_base_url = FALSE;
  if (g_str_equal (element, "Representation"))
    mpd->rep = NULL;
}

static void
mpd_text (GMarkupParseContext *context, const char *text, gsize len,
    gpointer data, GError **error)
{
  Mpd *mpd = data;

  if (mpd->in_base_url)
    mpd->rep->base_url = g_strndup (text, len);
}

/* Parses a manifest, failing the test unless it is well-formed XML. */
static Mpd *
parse_mpd (const char *text)
{
  static const GMarkupParser parser = { mpd_start, mpd_end, mpd_text };
  g_autoptr (GError) error = NULL;
  Mpd *mpd = g_new0 (Mpd, 1);
  g_autoptr (GMarkupParseContext) context =
      g_markup_parse_context_new (&parser, 0, mpd, NULL);

  mpd->reps = g_ptr_array_new_with_free_func ((GDestroyNotify) dash_rep_free);
  g_assert_true (g_markup_parse_context_parse (context, text, -1, &error)
      && g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  return mpd;
}

static const struct
{
  const char *id;
  const char *media;
  const char *codecs;
  gint width, height;
  guint samples; /* frames of video, AAC frames of audio */
} dash_expected[] = {
  { FAKE_DASH_ID_V1080, FAKE_MEDIA_DASH_V1080, FAKE_DASH_CODECS_V1080,
      FAKE_DASH_WIDTH_1080, FAKE_DASH_HEIGHT_1080, FAKE_MEDIA_DASH_FRAMES },
  { FAKE_DASH_ID_V720, FAKE_MEDIA_DASH_V720, FAKE_DASH_CODECS_V720,
      FAKE_DASH_WIDTH_720, FAKE_DASH_HEIGHT_720, FAKE_MEDIA_DASH_FRAMES },
  { FAKE_DASH_ID_VP9_1080, FAKE_MEDIA_DASH_VP9_1080, FAKE_DASH_CODECS_VP9_1080,
      FAKE_DASH_WIDTH_1080, FAKE_DASH_HEIGHT_1080, FAKE_MEDIA_DASH_FRAMES },
  { FAKE_DASH_ID_AUDIO, FAKE_MEDIA_DASH_AUDIO, FAKE_DASH_CODECS_AUDIO, 0, 0,
      FAKE_MEDIA_DASH_AUDIO_BUFFERS },
};

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8)
      | p[3];
}

/* The body of the first box @type directly in @data[start, end), or NULL.
 * 32-bit box sizes only: the test files are small. */
static const guint8 *
find_box (const guint8 *data, gsize start, gsize end, const char *type,
    gsize *body_end)
{
  while (start + 8 <= end) {
    gsize size = be32 (data + start);

    g_assert_cmpuint (size, >=, 8);
    g_assert_cmpuint (start + size, <=, end);
    if (memcmp (data + start + 4, type, 4) == 0) {
      *body_end = start + size;
      return data + start + 8;
    }
    start += size;
  }
  return NULL;
}

/* The box at the path "moov/trak/..." inside @data[0, size), or NULL. */
static const guint8 *
find_path (const guint8 *data, gsize start, gsize size, const char *path,
    gsize *body_end)
{
  g_auto (GStrv) types = g_strsplit (path, "/", -1);
  const guint8 *body = data + start;
  gsize end = size;

  for (guint i = 0; body != NULL && types[i] != NULL; i++)
    body = find_box (data, body - data, end, types[i], &end);
  *body_end = end;
  return body;
}

/* The body of box @type in the first sample entry of an init segment's
 * stsd; @fields is the size of the entry's own fields before its boxes
 * (78 for a VisualSampleEntry, 28 for an AudioSampleEntry). */
static const guint8 *
sample_entry_box (GBytes *init, const char *entry, gsize fields,
    const char *type)
{
  gsize size = g_bytes_get_size (init), end;
  const guint8 *data = g_bytes_get_data (init, NULL);
  const guint8 *stsd =
      find_path (data, 0, size, "moov/trak/mdia/minf/stbl/stsd", &end);

  /* stsd: version/flags and entry count, then the first entry */
  g_assert_nonnull (stsd);
  g_assert_cmpmem (stsd + 12, 4, entry, 4);
  return find_box (data, stsd + 8 + 8 + fields - data, end, type, &end);
}

/* Checks the codecs string against the sample entry in the init segment. */
static void
assert_codecs (const char *codecs, GBytes *init)
{
  const guint8 *box;

  if (g_str_has_prefix (codecs, "avc1.")) {
    /* avcC: version, profile, compatibility, level */
    g_autofree char *found = NULL;

    box = sample_entry_box (init, "avc1", 78, "avcC");
    g_assert_nonnull (box);
    found = g_strdup_printf ("avc1.%02x%02x%02x", box[1], box[2], box[3]);
    g_assert_cmpstr (found, ==, codecs);
  } else if (g_str_has_prefix (codecs, "vp09.")) {
    /* vpcC: version 1, flags, profile, level, bit depth in the high
     * nibble. mp4mux writes level 10 whatever the size, so the level of
     * the codecs string (4.0 for 1080p30) is not compared. */
    box = sample_entry_box (init, "vp09", 78, "vpcC");
    g_assert_nonnull (box);
    g_assert_true (g_str_has_prefix (codecs, "vp09.00."));
    g_assert_cmpuint (box[4], ==, 0);
    g_assert_cmpuint (box[6] >> 4, ==, 8);
    g_assert_true (g_str_has_suffix (codecs, ".08"));
  } else {
    /* esds: ES_Descriptor (3), DecoderConfigDescriptor (4) with MPEG-4
     * audio (0x40), DecoderSpecificInfo (5): the AudioSpecificConfig, whose
     * first 5 bits are the object type, 2 = LC. mp4mux uses 1-byte
     * lengths. */
    box = sample_entry_box (init, "mp4a", 28, "esds");
    g_assert_nonnull (box);
    g_assert_cmpstr (codecs, ==, "mp4a.40.2");
    g_assert_cmpuint (box[4], ==, 3);
    g_assert_cmpuint (box[9], ==, 4);
    g_assert_cmpuint (box[11], ==, 0x40);
    g_assert_cmpuint (box[24], ==, 5);
    g_assert_cmpuint (box[26] >> 3, ==, 2);
  }
}

/* Samples in one moof's trun and their total duration (every file has
 * per-sample durations, trun flag 0x100). */
static guint
trun_samples (const guint8 *file, gsize moof, gsize size, guint64 *duration)
{
  gsize end;
  const guint8 *trun = find_path (file, moof, size, "moof/traf/trun", &end);
  guint32 flags, count, pos = 8;

  g_assert_nonnull (trun);
  flags = be32 (trun) & 0xffffff;
  count = be32 (trun + 4);
  g_assert_true (flags & 0x100);
  pos += (flags & 0x001 ? 4 : 0) + (flags & 0x004 ? 4 : 0);
  for (guint32 i = 0; i < count; i++) {
    *duration += be32 (trun + pos);
    pos += 4 + (flags & 0x200 ? 4 : 0) + (flags & 0x400 ? 4 : 0)
        + (flags & 0x800 ? 4 : 0);
  }
  return count;
}

/* Checks a sidx against the moof+mdat pairs after it: one reference per
 * pair, sizes and durations that add up, SAP type 1 at each start. */
static void
assert_sidx (GBytes *file_bytes, gsize index_start, const DashRep *rep,
    guint samples)
{
  gsize size = g_bytes_get_size (file_bytes);
  const guint8 *file = g_bytes_get_data (file_bytes, NULL);
  const guint8 *sidx = file + index_start;
  gsize offset = index_start + be32 (sidx);
  guint64 total_samples = 0, total_duration = 0;
  guint32 timescale = be32 (sidx + 16);
  guint refs, i;

  g_assert_cmpuint (sidx[8], ==, 0); /* version 0: 32-bit times */
  g_assert_cmpuint (timescale, ==, g_ascii_strtoull (rep->timescale, NULL, 10));
  g_assert_cmpuint (be32 (sidx + 20), ==, 0); /* earliest_presentation_time */
  g_assert_cmpuint (be32 (sidx + 24), ==, 0); /* first_offset */
  refs = be32 (sidx + 28) & 0xffff;
  g_assert_cmpuint (refs, ==, FAKE_DASH_SUBSEGMENTS);
  for (i = 0; i < refs; i++) {
    const guint8 *ref = sidx + 32 + 12 * i;
    guint64 duration = 0;

    g_assert_cmpmem (file + offset + 4, 4, "moof", 4);
    total_samples += trun_samples (file, offset, size, &duration);
    g_assert_cmpuint (be32 (ref + 4), ==, duration);
    g_assert_cmphex (be32 (ref + 8), ==, 0x90000000); /* SAP 1, type 1 */
    total_duration += duration;
    offset += be32 (ref) & 0x7fffffff;
  }
  g_assert_cmpuint (offset, ==, size); /* nothing after: no mfra */
  g_assert_cmpuint (total_samples, ==, samples);
  if (rep->width > 0) /* 30 fps */
    g_assert_cmpuint (total_duration * 30, ==, (guint64) samples * timescale);
  else /* AAC frames of 1024 samples */
    g_assert_cmpuint (total_duration, ==, (guint64) samples * 1024);
}

static GBytes *
cdn_range (Fixture *fx, const char *url, guint64 first, guint64 last)
{
  g_autofree char *range =
      g_strdup_printf ("bytes=%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT, first,
          last);
  GBytes *body = cdn_get (fx, "GET", url, range, 206, NULL);

  g_assert_cmpuint (g_bytes_get_size (body), ==, last - first + 1);
  return body;
}

/* The Range header of the last request the fake logged. */
static char *
last_range (Fixture *fx, const char *media)
{
  g_autoptr (GPtrArray) log = fake_instagram_dup_log (fx->fi);
  g_autofree char *path = g_strconcat ("/cdn/", media, NULL);
  FakeRequest *req = g_ptr_array_index (log, log->len - 1);

  g_assert_cmpstr (req->path, ==, path);
  return g_strdup (req->range);
}

/* One representation: the ranges match the file, the CDN serves them and
 * logs each Range, and the boxes there are what the ranges claim. */
static void
assert_dash_rep (Fixture *fx, const DashRep *rep, guint i)
{
  const char *media = dash_expected[i].media;
  guint64 init_end, index_start, index_end;
  g_autofree char *init_range = NULL, *index_range = NULL, *logged = NULL;
  g_autofree char *init_header = NULL;
  g_autoptr (GMappedFile) file =
      g_mapped_file_new (fake_instagram_get_media_path (fx->fi, media), FALSE,
          NULL);
  g_autoptr (GBytes) bytes = g_mapped_file_get_bytes (file);
  g_autoptr (GBytes) init = NULL, index = NULL, next = NULL;

  g_assert_cmpstr (rep->codecs, ==, dash_expected[i].codecs);
  g_assert_cmpint (rep->width, ==, dash_expected[i].width);
  g_assert_cmpint (rep->height, ==, dash_expected[i].height);
  g_assert_true (fake_instagram_dash_ranges (fx->fi, media, &init_end,
      &index_start, &index_end));
  init_range = g_strdup_printf ("0-%" G_GUINT64_FORMAT, init_end);
  index_range = g_strdup_printf ("%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT,
      index_start, index_end);
  g_assert_cmpstr (rep->init_range, ==, init_range);
  g_assert_cmpstr (rep->index_range, ==, index_range);
  g_assert_cmpuint (index_start, ==, init_end + 1);

  init = cdn_range (fx, rep->base_url, 0, init_end);
  logged = last_range (fx, media);
  init_header = g_strconcat ("bytes=", init_range, NULL);
  g_assert_cmpstr (logged, ==, init_header);
  g_assert_cmpmem ((const char *) g_bytes_get_data (init, NULL) + 4, 4, "ftyp",
      4);
  assert_codecs (rep->codecs, init);
  index = cdn_range (fx, rep->base_url, index_start, index_end);
  g_assert_cmpmem ((const char *) g_bytes_get_data (index, NULL) + 4, 4, "sidx",
      4);
  next = cdn_range (fx, rep->base_url, index_end + 1, index_end + 8);
  g_assert_cmpmem ((const char *) g_bytes_get_data (next, NULL) + 4, 4, "moof",
      4);
  assert_sidx (bytes, index_start, rep, dash_expected[i].samples);
}

/* A manifest as the fake serves it: no placeholder left, Instagram's
 * profile, and every representation checked against its file. */
static void
assert_dash_manifest (Fixture *fx, const char *text)
{
  g_autoptr (Mpd) mpd = parse_mpd (text);
  guint i;

  g_assert_null (strstr (text, "@CDN"));
  g_assert_null (strstr (text, "@DASHSEG"));
  g_assert_cmpstr (mpd->profiles, ==,
      "urn:mpeg:dash:profile:isoff-on-demand:2011");
  g_assert_cmpuint (mpd->reps->len, ==, FAKE_DASH_REPRESENTATION_COUNT);
  for (i = 0; i < mpd->reps->len; i++) {
    const DashRep *rep = g_ptr_array_index (mpd->reps, i);

    g_assert_cmpstr (rep->id, ==, dash_expected[i].id);
    assert_dash_rep (fx, rep, i);
  }
}

static void
test_dash (Fixture *fx, gconstpointer data)
{
  g_autoptr (JsonNode) polaris_json = polaris (fx, FAKE_PK_DASH, 200);
  g_autoptr (JsonNode) info = media_info (fx, FAKE_PK_DASH, TRUE, 200);
  g_autoptr (JsonNode) xdt =
      graphql_query (fx, "POST", "doc_id", XDT_DOC_ID, FAKE_SC_DASH, 200);
  JsonNode *item =
      at (polaris_json, "data.xig_polaris_media.if_not_gated_logged_out");

  g_assert_cmpstr (at_string (item, "code"), ==, FAKE_SC_DASH);
  g_assert_cmpstr (at_string (item, "user.username"), ==, FAKE_DASH_OWNER);
  g_assert_cmpuint (json_array_get_length (
                        json_node_get_array (at (item, "video_versions"))),
      ==, FAKE_DASH_PROGRESSIVE_COUNT);
  g_assert_nonnull (
      strstr (at_string (item, "video_versions.0.url"), FAKE_MEDIA_DASH_PROG));
  assert_dash_manifest (fx, at_string (item, "video_dash_manifest"));
  assert_dash_manifest (fx, at_string (info, "items.0.video_dash_manifest"));
  assert_dash_manifest (fx,
      at_string (xdt,
          "data.xdt_shortcode_media.dash_info."
          "video_dash_manifest"));
  g_assert_true (json_node_get_boolean (
      at (xdt, "data.xdt_shortcode_media.dash_info.is_dash_eligible")));
}

/* The 2026 reels as section 6.1 describes real answers: the pk a JSON
 * number above 2^53 (json-glib keeps it as an int64), an AV1 or VP9
 * ladder, xHE-AAC audio only, progressive stopping at 720x1280. */
static void
assert_2026_reel (Fixture *fx, const char *pk, const char *video_codecs)
{
  g_autoptr (JsonNode) info = media_info (fx, pk, TRUE, 200);
  JsonNode *item = at (info, "items.0");
  const char *mpd = at_string (item, "video_dash_manifest");
  g_autofree char *pk_text = NULL;

  g_assert_cmpint (json_node_get_value_type (at (item, "pk")), ==,
      G_TYPE_INT64);
  pk_text = g_strdup_printf ("%" G_GINT64_FORMAT,
      json_node_get_int (at (item, "pk")));
  g_assert_cmpstr (pk_text, ==, pk);
  g_assert_cmpint (json_node_get_int (at (item, "pk")), >,
      G_GINT64_CONSTANT (9007199254740992));
  for (guint i = 0; i < 3; i++) {
    g_autofree char *path = g_strdup_printf ("video_versions.%u.", i);
    g_autofree char *url = g_strconcat (path, "url", NULL);
    g_autofree char *height = g_strconcat (path, "height", NULL);

    g_assert_cmpint (json_node_get_int (at (item, height)), ==, 1280);
    g_assert_nonnull (strstr (at_string (item, url), FAKE_MEDIA_R26_PROG));
  }
  g_assert_nonnull (strstr (mpd, video_codecs));
  g_assert_nonnull (strstr (mpd, "codecs=\"" FAKE_R26_CODECS_AUDIO "\""));
  g_assert_null (strstr (mpd, "avc1"));
  g_assert_null (strstr (mpd, "mp4a.40.2\""));
  g_assert_null (strstr (mpd, "@DASHSEG"));
}

static void
test_2026_reels (Fixture *fx, gconstpointer data)
{
  assert_2026_reel (fx, FAKE_PK_R26_AV1, "codecs=\"av01.0.08M.08\"");
  assert_2026_reel (fx, FAKE_PK_R26_VP9, "codecs=\"vp09.00.31.08\"");
}

static void
test_dash_ranges_refused (Fixture *fx, gconstpointer data)
{
  guint64 a, b, c;

  /* a progressive file has no sidx, an image is not an MP4 */
  g_assert_false (
      fake_instagram_dash_ranges (fx->fi, FAKE_MEDIA_DASH_PROG, &a, &b, &c));
  g_assert_false (
      fake_instagram_dash_ranges (fx->fi, FAKE_MEDIA_DASH_THUMB, &a, &b, &c));
  g_assert_false (fake_instagram_dash_ranges (fx->fi, "nope.mp4", &a, &b, &c));
}

/* ---- stories, highlights, checkpoints ----------------------------------- */

/* GET @path with X-IG-App-ID; NULL for a 302 to the login page. */
static JsonNode *
api_get (Fixture *fx, const char *path, gboolean logged_in, guint status)
{
  g_autoptr (SoupMessage) msg = new_msg (fx, "GET", path);
  g_autoptr (GBytes) body = NULL;
  const char *location;

  add_header (msg, "X-IG-App-ID", APP_ID);
  if (logged_in)
    add_header (msg, "Cookie", "csrftoken=x; sessionid=" FAKE_SESSION_ID);
  body = send (fx, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, status);
  if (status != 302)
    return parse_json (body);
  location =
      soup_message_headers_get_one (soup_message_get_response_headers (msg),
          "Location");
  g_assert_true (g_str_has_prefix (location, fake_instagram_get_base (fx->fi)));
  g_assert_nonnull (strstr (location, "/accounts/login/?next=/api/v1/"));
  return NULL;
}

static JsonNode *
profile (Fixture *fx, const char *username, gboolean logged_in, guint status)
{
  g_autofree char *path =
      g_strdup_printf ("/api/v1/users/web_profile_info/?username=%s", username);

  return api_get (fx, path, logged_in, status);
}

static void
test_profile (Fixture *fx, gconstpointer data)
{
  g_autoptr (JsonNode) stories = profile (fx, FAKE_STORY_USER, TRUE, 200);
  g_autoptr (JsonNode) quiet = profile (fx, FAKE_NOSTORY_USER, TRUE, 200);
  g_autoptr (JsonNode) unknown = profile (fx, FAKE_UNKNOWN_USER, TRUE, 200);
  g_autoptr (JsonNode) anon = NULL;
  g_autoptr (SoupMessage) msg =
      new_msg (fx, "GET", "/api/v1/users/web_profile_info/?username=x");

  g_assert_cmpstr (at_string (stories, "data.user.id"), ==, FAKE_STORY_USER_PK);
  g_assert_cmpstr (at_string (stories, "data.user.username"), ==,
      FAKE_STORY_USER);
  g_assert_false (json_node_get_boolean (at (stories, "data.user.is_private")));
  g_assert_nonnull (at_string (stories, "data.user.full_name"));
  g_assert_cmpstr (at_string (stories, "status"), ==, "ok");
  g_assert_cmpstr (at_string (quiet, "data.user.id"), ==, FAKE_NOSTORY_USER_PK);
  g_assert_true (at_null (unknown, "data.user"));
  g_assert_cmpstr (at_string (unknown, "status"), ==, "ok");
  /* Anyone with the web app id may ask (instaloader 4.15.2+). */
  anon = profile (fx, FAKE_STORY_USER, FALSE, 200);
  g_assert_cmpstr (at_string (anon, "data.user.id"), ==, FAKE_STORY_USER_PK);
  g_bytes_unref (send (fx, msg)); /* no X-IG-App-ID */
  g_assert_cmpuint (soup_message_get_status (msg), ==, 400);
}

static JsonNode *
reels_media (Fixture *fx, const char *query, gboolean logged_in, guint status)
{
  g_autofree char *path =
      g_strconcat ("/api/v1/feed/reels_media/?", query, NULL);

  return api_get (fx, path, logged_in, status);
}

static gint64
at_int (JsonNode *node, const char *path)
{
  JsonNode *found = at (node, path);

  g_assert_nonnull (found);
  return json_node_get_int (found);
}

/* The CDN serves the file behind the URL at @path of @node. */
static void
assert_cdn_serves (Fixture *fx, JsonNode *node, const char *path,
    const char *name)
{
  const char *url = at_string (node, path);
  g_autoptr (GMappedFile) file =
      g_mapped_file_new (fake_instagram_get_media_path (fx->fi, name), FALSE,
          NULL);
  g_autoptr (GBytes) expected = NULL;
  g_autoptr (GBytes) got = NULL;

  g_assert_nonnull (file);
  g_assert_nonnull (strstr (url, name));
  expected = g_mapped_file_get_bytes (file);
  got = cdn_get (fx, "GET", url, NULL, 200, NULL);
  g_assert_true (g_bytes_equal (got, expected));
}

static void
check_story_reel (Fixture *fx, JsonNode *reel)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 t1 = at_int (reel, "items.0.taken_at");
  gint64 t2 = at_int (reel, "items.1.taken_at");

  g_assert_cmpint (at_int (reel, "id"), ==, 787132);
  g_assert_cmpstr (at_string (reel, "reel_type"), ==, "user_reel");
  g_assert_cmpstr (at_string (reel, "user.username"), ==, FAKE_STORY_USER);
  g_assert_cmpint (at_int (reel, "media_count"), ==, 2);
  g_assert_cmpstr (at_string (reel, "items.0.pk"), ==, FAKE_STORY_PK_1);
  g_assert_cmpstr (at_string (reel, "items.1.pk"), ==, FAKE_STORY_PK_2);
  g_assert_cmpint (t1, <, t2);
  g_assert_cmpint (t2, <=, now);
  g_assert_cmpint (at_int (reel, "items.0.expiring_at"), ==, t1 + 86400);
  g_assert_cmpint (at_int (reel, "items.1.expiring_at"), >, now);
  g_assert_cmpint (at_int (reel, "latest_reel_media"), ==, t2);
  g_assert_cmpint (at_int (reel, "expiring_at"), ==, t2 + 86400);
  g_assert_cmpstr (at_string (reel, "items.0.product_type"), ==, "story");
  g_assert_cmpint (at_int (reel, "items.0.media_type"), ==, 2);
  g_assert_cmpint (at_int (reel, "items.1.media_type"), ==, 1);
  g_assert_true (json_node_get_boolean (at (reel, "items.0.has_audio")));
  g_assert_cmpfloat (json_node_get_double (at (reel, "items.0.video_duration")),
      ==, 1.0);
  g_assert_true (at_null (reel, "items.0.caption"));
  g_assert_null (at (reel, "items.0.fake_age"));
  assert_cdn_serves (fx, reel, "items.0.video_versions.0.url",
      FAKE_MEDIA_STORY_1);
  assert_cdn_serves (fx, reel, "items.1.image_versions2.candidates.0.url",
      FAKE_MEDIA_STORY_2);
}

/* web_profile_info of a grid user: the first 12 posts as GraphQL edges,
 * newest first, the rest behind page_info; private ones for followers. */
static void
test_profile_grid (Fixture *fx, gconstpointer data)
{
  g_autoptr (JsonNode) grid = profile (fx, FAKE_GRID_USER, FALSE, 200);
  g_autoptr (JsonNode) priv = profile (fx, FAKE_PRIVATE_USER, FALSE, 200);
  g_autoptr (JsonNode) follower = profile (fx, FAKE_PRIVATE_USER, TRUE, 200);
  g_autoptr (JsonNode) locked = profile (fx, FAKE_LOCKED_USER, TRUE, 200);
  JsonNode *edges = at (grid, "data.user.edge_owner_to_timeline_media.edges");
  JsonArray *a = json_node_get_array (edges);
  static const char *const types[] = { "GraphImage", "GraphVideo", "GraphVideo",
    "GraphSidecar", "GraphVideo" };

  g_assert_cmpstr (at_string (grid, "data.user.id"), ==, FAKE_GRID_USER_PK);
  g_assert_cmpint (json_node_get_int (at (grid,
                       "data.user.edge_owner_to_timeline_media.count")),
      ==, FAKE_GRID_COUNT);
  g_assert_true (json_node_get_boolean (at (grid,
      "data.user."
      "edge_owner_to_timeline_media."
      "page_info.has_next_page")));
  g_assert_cmpuint (json_array_get_length (a), ==, FAKE_WEB_PAGE_SIZE);
  for (guint i = 0; i < FAKE_WEB_PAGE_SIZE; i++) {
    JsonNode *edge = json_array_get_element (a, i);
    g_autofree char *code =
        fake_instagram_profile_shortcode (FAKE_GRID_USER, i);

    g_assert_cmpstr (at_string (edge, "node.shortcode"), ==, code);
    g_assert_cmpstr (at_string (edge, "node.__typename"), ==, types[i % 5]);
    g_assert_cmpint (json_node_get_int (at (edge, "node.taken_at_timestamp")),
        ==, FAKE_GRID_TAKEN_AT - 3600 * (gint64) i);
  }
  g_assert_cmpstr (at_string (json_array_get_element (a, 2),
                       "node.product_type"),
      ==, "clips");
  g_assert_true (json_node_get_boolean (at (priv, "data.user.is_private")));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (at (priv,
                        "data.user.edge_owner_to_timeline_media.edges"))),
      ==, 0);
  g_assert_true (
      json_node_get_boolean (at (follower, "data.user.followed_by_viewer")));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (at (follower,
                        "data.user.edge_owner_to_timeline_media.edges"))),
      ==, FAKE_PRIVATE_COUNT);
  g_assert_false (
      json_node_get_boolean (at (locked, "data.user.followed_by_viewer")));
}

static JsonNode *
feed (Fixture *fx, const char *pk_and_query, gboolean logged_in, guint status)
{
  g_autofree char *path =
      g_strconcat ("/api/v1/feed/user/", pk_and_query, NULL);

  return api_get (fx, path, logged_in, status);
}

/* POST /api/v1/clips/user/ with @form, logged in. */
static JsonNode *
clips_user (Fixture *fx, const char *form, guint status)
{
  g_autoptr (SoupMessage) msg = new_msg (fx, "POST", "/api/v1/clips/user/");
  g_autoptr (GBytes) request = g_bytes_new (form, strlen (form));
  g_autoptr (GBytes) body = NULL;

  add_header (msg, "X-IG-App-ID", APP_ID);
  add_header (msg, "Cookie", "csrftoken=x; sessionid=" FAKE_SESSION_ID);
  soup_message_set_request_body_from_bytes (msg,
      "application/x-www-form-urlencoded", request);
  body = send (fx, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, status);
  return parse_json (body);
}

/* The reels tab of the 2026 profile: its pin, its tab-only reels, pages
 * of FAKE_R26_PAGE_SIZE by max_id; items in the 2026 shape. */
static void
test_clips_user (Fixture *fx, gconstpointer data)
{
  g_autoptr (JsonNode) first =
      clips_user (fx, "target_user_id=" FAKE_R26_USER_PK "&page_size=30", 200);
  g_autoptr (JsonNode) last = clips_user (fx,
      "target_user_id=" FAKE_R26_USER_PK "&page_size=30&max_id=TAB3", 200);
  g_autoptr (JsonNode) bad =
      clips_user (fx, "target_user_id=" FAKE_R26_USER_PK "&max_id=nope", 400);
  g_autoptr (JsonNode) junk = clips_user (fx, "target_user_id=4100000013", 200);
  JsonNode *pinned = at (first, "items.0.media");

  g_assert_cmpuint (json_array_get_length (
                        json_node_get_array (at (first, "items"))),
      ==, FAKE_R26_PAGE_SIZE);
  g_assert_cmpint (json_node_get_int (at (pinned, "pk")), ==,
      (gint64) FAKE_PK_R26_BASE + 4);
  g_assert_cmpstr (at_string (pinned, "clips_tab_pinned_user_ids.0"), ==,
      FAKE_R26_USER_PK);
  g_assert_null (at (pinned, "media_type"));
  g_assert_null (at (pinned, "code"));
  g_assert_cmpstr (at_string (first, "paging_info.max_id"), ==, "TAB3");
  g_assert_true (
      json_node_get_boolean (at (first, "paging_info.more_available")));
  g_assert_cmpint (json_node_get_int (at (last, "items.0.media.pk")), ==,
      (gint64) FAKE_PK_R26_BASE + 2);
  g_assert_false (
      json_node_get_boolean (at (last, "paging_info.more_available")));
  g_assert_cmpstr (at_string (bad, "status"), ==, "fail");
  g_assert_cmpstr (at_string (junk, "paging_info.more_available"), ==, "yes");
}

/* The mobile feed: sessions only, count up to 33, next_max_id paging to
 * the end, the posts streamable like any other. */
static void
test_feed_user (Fixture *fx, gconstpointer data)
{
  g_autoptr (GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cursor = NULL;
  g_autoptr (JsonNode) all = NULL, capped = NULL, loop1 = NULL, loop2 = NULL;
  g_autoptr (JsonNode) huge = NULL, junk = NULL, info = NULL;
  g_autofree char *last = NULL, *info_path = NULL;
  guint pages = 0;

  g_assert_null (feed (fx, FAKE_GRID_USER_PK "/", FALSE, 302));
  do {
    g_autofree char *q = cursor
        ? g_strdup_printf (FAKE_GRID_USER_PK "/?count=12&max_id=%s", cursor)
        : g_strdup (FAKE_GRID_USER_PK "/?count=12");
    g_autoptr (JsonNode) page = feed (fx, q, TRUE, 200);
    JsonArray *items = json_node_get_array (at (page, "items"));

    for (guint i = 0; i < json_array_get_length (items); i++) {
      JsonNode *item = json_array_get_element (items, i);

      g_assert_cmpstr (at_string (item, "user.username"), ==, FAKE_GRID_USER);
      g_ptr_array_add (codes, g_strdup (at_string (item, "code")));
    }
    g_free (cursor);
    cursor = json_node_get_boolean (at (page, "more_available"))
        ? g_strdup (at_string (page, "next_max_id"))
        : NULL;
    if (cursor == NULL)
      g_assert_null (at (page, "next_max_id"));
    pages++;
  } while (cursor != NULL && pages < 10);
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (codes->len, ==, FAKE_GRID_COUNT);
  for (guint i = 0; i < FAKE_GRID_COUNT; i++) {
    g_autofree char *code =
        fake_instagram_profile_shortcode (FAKE_GRID_USER, i);

    g_assert_cmpstr (g_ptr_array_index (codes, i), ==, code);
  }
  all = feed (fx, FAKE_GRID_USER_PK "/?count=30", TRUE, 200);
  g_assert_false (json_node_get_boolean (at (all, "more_available")));
  g_assert_cmpint (json_node_get_int (at (all, "num_results")), ==, 30);
  capped = feed (fx, FAKE_THREE_USER_PK "/?count=1000", TRUE, 200);
  g_assert_cmpint (json_node_get_int (at (capped, "num_results")), ==, 3);
  g_assert_cmpstr (at_string (json_array_get_element (json_node_get_array (
                                                          at (capped, "items")),
                                  0),
                       "product_type"),
      ==, "clips");
  /* a grid post is a post like any other */
  last = fake_instagram_profile_shortcode (FAKE_GRID_USER, 29);
  info_path = g_strdup_printf ("/api/v1/media/%s/info/",
      at_string (json_array_get_element (json_node_get_array (
                                             at (all, "items")),
                     29),
          "pk"));
  info = api_get (fx, info_path, TRUE, 200);
  g_assert_cmpstr (at_string (info, "items.0.code"), ==, last);
  g_assert_null (fake_instagram_profile_shortcode (FAKE_GRID_USER, 30));
  json_node_unref (feed (fx, FAKE_GRID_USER_PK "/?max_id=nope", TRUE, 400));
  json_node_unref (feed (fx, FAKE_LOCKED_USER_PK "/", TRUE, 400));
  json_node_unref (feed (fx, "999/", TRUE, 404));
  /* hostile feeds */
  loop1 = feed (fx, "4100000010/", TRUE, 200);
  loop2 = feed (fx, "4100000010/?max_id=LOOP", TRUE, 200);
  g_assert_cmpstr (at_string (loop1, "next_max_id"), ==, "LOOP");
  g_assert_cmpstr (at_string (loop2, "next_max_id"), ==, "LOOP");
  g_assert_cmpstr (at_string (loop1, "items.0.pk"), !=,
      at_string (loop2, "items.0.pk"));
  huge = feed (fx, "4100000011/", TRUE, 200);
  g_assert_cmpuint (json_array_get_length (
                        json_node_get_array (at (huge, "items"))),
      ==, FAKE_HUGE_COUNT);
  junk = feed (fx, "4100000013/", TRUE, 200);
  g_assert_cmpstr (at_string (junk, "more_available"), ==, "yes");
}

static void
test_story (Fixture *fx, gconstpointer data)
{
  g_autoptr (JsonNode) root =
      reels_media (fx, "reel_ids=" FAKE_STORY_USER_PK, TRUE, 200);

  g_assert_cmpstr (at_string (root, "status"), ==, "ok");
  check_story_reel (fx, at (root, "reels." FAKE_STORY_USER_PK));
  check_story_reel (fx, at (root, "reels_media.0"));
  g_assert_null (at (root, "reels_media.1"));
  g_assert_null (reels_media (fx, "reel_ids=" FAKE_STORY_USER_PK, FALSE, 302));
}

#define HIGHLIGHT_REEL "highlight:" FAKE_HIGHLIGHT_ID

static void
check_highlight_reel (Fixture *fx, JsonNode *reel)
{
  g_assert_cmpstr (at_string (reel, "id"), ==, HIGHLIGHT_REEL);
  g_assert_cmpstr (at_string (reel, "reel_type"), ==, "highlight_reel");
  g_assert_cmpstr (at_string (reel, "title"), ==, FAKE_HIGHLIGHT_TITLE);
  g_assert_null (at (reel, "expiring_at"));
  g_assert_cmpint (at_int (reel, "media_count"), ==, 2);
  g_assert_cmpstr (at_string (reel, "items.0.pk"), ==, FAKE_HIGHLIGHT_PK_1);
  g_assert_cmpstr (at_string (reel, "items.1.pk"), ==, FAKE_HIGHLIGHT_PK_2);
  g_assert_cmpint (at_int (reel, "items.0.taken_at"), ==,
      FAKE_HIGHLIGHT_TAKEN_AT_1);
  g_assert_cmpint (at_int (reel, "latest_reel_media"), ==,
      FAKE_HIGHLIGHT_TAKEN_AT_2);
  assert_cdn_serves (fx, reel, "items.0.image_versions2.candidates.0.url",
      FAKE_MEDIA_HIGHLIGHT_1);
  assert_cdn_serves (fx, reel, "items.1.video_versions.0.url",
      FAKE_MEDIA_HIGHLIGHT_2);
}

static void
test_highlight (Fixture *fx, gconstpointer data)
{
  g_autoptr (JsonNode) one =
      reels_media (fx, "reel_ids=highlight%3A" FAKE_HIGHLIGHT_ID, TRUE, 200);
  g_autoptr (JsonNode) both = reels_media (fx,
      "reel_ids=" FAKE_STORY_USER_PK "&reel_ids=" HIGHLIGHT_REEL, TRUE, 200);

  check_highlight_reel (fx, at (one, "reels." HIGHLIGHT_REEL));
  check_highlight_reel (fx, at (one, "reels_media.0"));
  check_story_reel (fx, at (both, "reels_media.0"));
  check_highlight_reel (fx, at (both, "reels_media.1"));
  g_assert_nonnull (at (both, "reels." FAKE_STORY_USER_PK));
  g_assert_nonnull (at (both, "reels." HIGHLIGHT_REEL));
  g_assert_null (reels_media (fx, "reel_ids=" HIGHLIGHT_REEL, FALSE, 302));
}

static void
assert_no_reels (JsonNode *root)
{
  g_assert_cmpuint (json_object_get_size (
                        json_node_get_object (at (root, "reels"))),
      ==, 0);
  g_assert_cmpuint (json_array_get_length (
                        json_node_get_array (at (root, "reels_media"))),
      ==, 0);
  g_assert_cmpstr (at_string (root, "status"), ==, "ok");
}

static void
test_no_story (Fixture *fx, gconstpointer data)
{
  g_autoptr (JsonNode) quiet =
      reels_media (fx, "reel_ids=" FAKE_NOSTORY_USER_PK, TRUE, 200);
  g_autoptr (JsonNode) unknown =
      reels_media (fx, "reel_ids=highlight:1", TRUE, 200);
  g_autoptr (JsonNode) none = reels_media (fx, "", TRUE, 200);

  assert_no_reels (quiet);
  assert_no_reels (unknown);
  assert_no_reels (none);
}

static void
test_reels_forms (Fixture *fx, gconstpointer data)
{
  g_autoptr (JsonNode) dict = NULL;
  g_autoptr (JsonNode) list = NULL;
  g_autoptr (JsonNode) neither = NULL;

  fake_instagram_set_reels_forms (fx->fi, TRUE, FALSE);
  dict = reels_media (fx, "reel_ids=" FAKE_STORY_USER_PK, TRUE, 200);
  fake_instagram_set_reels_forms (fx->fi, FALSE, TRUE);
  list = reels_media (fx, "reel_ids=" FAKE_STORY_USER_PK, TRUE, 200);
  fake_instagram_set_reels_forms (fx->fi, FALSE, FALSE);
  neither = reels_media (fx, "reel_ids=" FAKE_STORY_USER_PK, TRUE, 200);
  check_story_reel (fx, at (dict, "reels." FAKE_STORY_USER_PK));
  g_assert_null (at (dict, "reels_media"));
  check_story_reel (fx, at (list, "reels_media.0"));
  g_assert_null (at (list, "reels"));
  g_assert_null (at (neither, "reels"));
  g_assert_null (at (neither, "reels_media"));
  g_assert_cmpstr (at_string (neither, "status"), ==, "ok");
}

static void
test_checkpoint (Fixture *fx, gconstpointer data)
{
  const char *prefix = "/api/v1/feed/reels_media/";
  g_autoptr (JsonNode) cp = NULL;
  g_autoptr (JsonNode) ch = NULL;
  g_autoptr (JsonNode) fb = NULL;
  g_autoptr (JsonNode) ok = NULL;
  g_autoptr (JsonNode) other = NULL;

  fake_instagram_set_checkpoint (fx->fi, prefix, "checkpoint_required", 1);
  other = profile (fx, FAKE_STORY_USER, TRUE, 200);
  cp = reels_media (fx, "reel_ids=" FAKE_STORY_USER_PK, FALSE, 400);
  fake_instagram_set_checkpoint (fx->fi, prefix, "challenge_required", 1);
  ch = reels_media (fx, "reel_ids=" FAKE_STORY_USER_PK, TRUE, 400);
  fake_instagram_set_checkpoint (fx->fi, prefix, "feedback_required", 1);
  fb = reels_media (fx, "reel_ids=" FAKE_STORY_USER_PK, TRUE, 400);
  ok = reels_media (fx, "reel_ids=" FAKE_STORY_USER_PK, TRUE, 200);
  g_assert_cmpstr (at_string (cp, "message"), ==, "checkpoint_required");
  g_assert_cmpstr (at_string (cp, "checkpoint_url"), ==, "/challenge/AbCdEf/");
  g_assert_false (json_node_get_boolean (at (cp, "lock")));
  g_assert_cmpstr (at_string (cp, "status"), ==, "fail");
  g_assert_cmpstr (at_string (ch, "message"), ==, "challenge_required");
  g_assert_cmpstr (at_string (ch, "challenge.api_path"), ==, "/challenge/");
  g_assert_cmpstr (at_string (ch, "challenge.url"), ==,
      "https://i.instagram.com/challenge/");
  g_assert_true (json_node_get_boolean (at (ch, "challenge.lock")));
  g_assert_false (json_node_get_boolean (at (ch, "challenge.logout")));
  g_assert_true (json_node_get_boolean (at (ch, "challenge.native_flow")));
  g_assert_cmpstr (at_string (ch, "error_type"), ==,
      "checkpoint_challenge_required");
  g_assert_cmpstr (at_string (fb, "message"), ==, "feedback_required");
  g_assert_cmpstr (at_string (fb, "feedback_message"), ==,
      "This action was blocked. Please try again later.");
  g_assert_cmpstr (at_string (fb, "status"), ==, "fail");
  g_assert_cmpuint (fake_instagram_count (fx->fi, "GET", prefix), ==, 4);
}

static void
test_checkpoint_count (Fixture *fx, gconstpointer data)
{
  const char *path = "/api/v1/media/" FAKE_PK_IMAGE "/info/";
  guint i;

  fake_instagram_set_checkpoint (fx->fi, "/api/v1/media/",
      "checkpoint_required", 2);
  for (i = 0; i < 2; i++)
    json_node_unref (api_get (fx, path, TRUE, 400));
  json_node_unref (api_get (fx, path, TRUE, 200));
  fake_instagram_set_checkpoint (fx->fi, "/api/v1/media/", "feedback_required",
      5);
  fake_instagram_set_checkpoint (fx->fi, "/api/v1/media/", NULL, 0);
  json_node_unref (api_get (fx, path, TRUE, 200));
  g_assert_cmpuint (fake_instagram_count (fx->fi, NULL, "/api/v1/media/"), ==,
      4);
}

/* ---- the December 2026 generation -------------------------------------- */

#define IOS_APP_ID "124024574287414"
#define AIGM_PROVIDER \
  "__relay_internal__pv__PolarisAIGMMediaWebLabelEnabledrelayprovider"
#define PLEASE_WAIT \
  "{\"message\":\"Please wait a few minutes before you try again.\"," \
  "\"require_login\":true,\"status\":\"fail\"}"
#define ROTATED_POST_ROOT "31415926535897932"
#define ROTATED_POLARIS "27182818284590452"

static const char *
content_type (SoupMessage *msg)
{
  return soup_message_headers_get_content_type (
      soup_message_get_response_headers (msg), NULL);
}

static const char *
location (SoupMessage *msg)
{
  return soup_message_headers_get_one (soup_message_get_response_headers (msg),
      "Location");
}

/* GET @path with X-IG-App-ID @app_id and Cookie @cookie (either NULL:
 * none); checks the status; the Location of a 302, else the body. */
static char *
get_as (Fixture *fx, const char *path, const char *app_id, const char *cookie,
    guint status)
{
  g_autoptr (SoupMessage) msg = new_msg (fx, "GET", path);
  g_autoptr (GBytes) body = NULL;

  if (app_id != NULL)
    add_header (msg, "X-IG-App-ID", app_id);
  if (cookie != NULL)
    add_header (msg, "Cookie", cookie);
  body = send (fx, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, status);
  if (status == 302)
    return g_strdup (location (msg));
  return body_text (body);
}

/* POST /graphql/query as instaloader does it (PR #2706), with a browser's
 * provider variable; @lsd and @csrf_header may be NULL. */
static SoupMessage *
post_root_msg (Fixture *fx, const char *cookie, const char *csrf_header,
    const char *lsd, const char *doc_id, const char *shortcode)
{
  SoupMessage *msg = new_msg (fx, "POST", "/graphql/query");
  g_autofree char *variables =
      g_strdup_printf ("{\"shortcode\":\"%s\",\"" AIGM_PROVIDER "\":false}",
          shortcode);

  if (cookie != NULL)
    add_header (msg, "Cookie", cookie);
  if (csrf_header != NULL)
    add_header (msg, "X-CSRFToken", csrf_header);
  set_form (msg,
      soup_form_encode ("variables", variables, "doc_id", doc_id,
          "server_timestamps", "true", lsd ? "lsd" : NULL, lsd, NULL));
  return msg;
}

/* PolarisPostRootQuery from a fresh anonymous (or logged-in) session. */
static JsonNode *
post_root (Fixture *fx, const char *doc_id, const char *shortcode,
    gboolean logged_in, guint expect_status)
{
  Session s = { 0 };
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autofree char *cookie = NULL;

  open_session (fx, &s);
  cookie = g_strdup_printf ("csrftoken=%s%s", s.csrftoken,
      logged_in ? "; sessionid=" FAKE_SESSION_ID : "");
  msg = post_root_msg (fx, cookie, s.csrftoken, NULL, doc_id, shortcode);
  body = send (fx, msg);
  session_clear (&s);
  g_assert_cmpuint (soup_message_get_status (msg), ==, expect_status);
  g_assert_cmpstr (content_type (msg), ==, "application/json");
  return parse_json (body);
}

#define WEB_INFO "data.xdt_api__v1__media__shortcode__web_info"

static void
test_2026_post_root (Fixture *fx, gconstpointer data)
{
  g_autoptr (JsonNode) reel = NULL, carousel = NULL, private = NULL;
  g_autoptr (JsonNode) friend = NULL, deleted = NULL;
  g_autofree char *cdn = g_strconcat (fake_instagram_get_base (fx->fi), "/cdn/",
      FAKE_MEDIA_REEL_480, "?", NULL);

  fake_instagram_set_era (fx->fi, FAKE_ERA_2026_12);
  g_assert_cmpuint (fake_instagram_get_2026_features (fx->fi), ==,
      FAKE_2026_ALL);
  reel = post_root (fx, FAKE_POST_ROOT_DOC_ID, FAKE_SC_REEL, FALSE, 200);
  g_assert_cmpstr (at_string (reel, WEB_INFO ".items.0.code"), ==,
      FAKE_SC_REEL);
  g_assert_cmpstr (at_string (reel, WEB_INFO ".items.0.pk"), ==, FAKE_PK_REEL);
  g_assert_true (
      g_str_has_prefix (at_string (reel,
                            WEB_INFO ".items.0.video_versions.0.url"),
          cdn));
  g_assert_null (at (reel, WEB_INFO ".items.1"));
  g_assert_cmpstr (at_string (reel, "status"), ==, "ok");
  carousel =
      post_root (fx, FAKE_POST_ROOT_DOC_ID, FAKE_SC_CAROUSEL, FALSE, 200);
  g_assert_nonnull (at (carousel,
      WEB_INFO ".items.0.carousel_media.1"
               ".video_versions.0.url"));
  private = post_root (fx, FAKE_POST_ROOT_DOC_ID, FAKE_SC_PRIVATE, FALSE, 200);
  g_assert_true (at_null (private, WEB_INFO));
  friend = post_root (fx, FAKE_POST_ROOT_DOC_ID, FAKE_SC_PRIVATE, TRUE, 200);
  g_assert_cmpstr (at_string (friend, WEB_INFO ".items.0.pk"), ==,
      FAKE_PK_PRIVATE);
  deleted = post_root (fx, FAKE_POST_ROOT_DOC_ID, FAKE_SC_DELETED, FALSE, 200);
  g_assert_true (at_null (deleted, WEB_INFO));
}

/* 403 without the header, with another value, without the cookie; an LSD
 * is not needed but must be valid when sent. */
static void
test_2026_post_root_csrf (Fixture *fx, gconstpointer data)
{
  Session s = { 0 };
  g_autofree char *cookie = NULL;
  struct
  {
    gboolean cookie;
    const char *header;
    const char *lsd;
    guint status;
  } cases[] = {
    { TRUE, NULL, NULL, 403 },
    { TRUE, "0123456789abcdef0123456789abcdef", NULL, 403 },
    { FALSE, NULL, NULL, 403 },
    { TRUE, "", "notIssuedByTheFake", 400 },
    { TRUE, "", "", 200 },
  };
  guint i;

  fake_instagram_set_era (fx->fi, FAKE_ERA_2026_12);
  open_session (fx, &s);
  cookie = g_strdup_printf ("csrftoken=%s", s.csrftoken);
  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    const char *header = cases[i].header;
    const char *lsd = cases[i].lsd;
    g_autoptr (SoupMessage) msg = NULL;
    g_autoptr (GBytes) body = NULL;
    g_autoptr (JsonNode) json = NULL;

    if (header != NULL && *header == '\0')
      header = s.csrftoken;
    if (lsd != NULL && *lsd == '\0')
      lsd = s.lsd;
    msg = post_root_msg (fx, cases[i].cookie ? cookie : NULL, header, lsd,
        FAKE_POST_ROOT_DOC_ID, FAKE_SC_IMAGE);
    body = send (fx, msg);
    json = parse_json (body);
    g_assert_cmpuint (soup_message_get_status (msg), ==, cases[i].status);
    if (cases[i].status == 403)
      g_assert_cmpstr (at_string (json, "message"), ==,
          "CSRF token missing or incorrect");
  }
  session_clear (&s);
}

static void
test_2026_xdt_null (Fixture *fx, gconstpointer data)
{
  const char *codes[] = { FAKE_SC_REEL, FAKE_SC_IMAGE, FAKE_SC_CAROUSEL };
  g_autoptr (JsonNode) polaris_json = NULL;
  guint i;

  fake_instagram_set_era (fx->fi, FAKE_ERA_2026_12);
  for (i = 0; i < G_N_ELEMENTS (codes); i++) {
    g_autoptr (JsonNode) post =
        graphql_query (fx, "POST", "doc_id", XDT_DOC_ID, codes[i], 200);
    g_autoptr (JsonNode) get =
        graphql_query (fx, "GET", "doc_id", XDT_DOC_ID, codes[i], 200);

    g_assert_true (at_null (post, "data.xdt_shortcode_media"));
    g_assert_true (at_null (get, "data.xdt_shortcode_media"));
    g_assert_cmpstr (at_string (post, "status"), ==, "ok");
  }
  polaris_json = polaris (fx, FAKE_PK_REEL, 200);
  g_assert_cmpstr (at_string (polaris_json, "data.xig_polaris_media.pk"), ==,
      FAKE_PK_REEL);
}

/* Checks the prefix and content type and parses the rest. */
static JsonNode *
parse_prefixed (SoupMessage *msg, GBytes *body)
{
  g_autofree char *text = body_text (body);

  g_assert_cmpstr (content_type (msg), ==, "text/javascript");
  g_assert_true (g_str_has_prefix (text, "for (;;);{"));
  return json_from_string (text + strlen ("for (;;);"), NULL);
}

static void
test_2026_js_prefix (Fixture *fx, gconstpointer data)
{
  Session s = { 0 };
  g_autoptr (SoupMessage) ok = NULL, refused = NULL, xdt = NULL, root = NULL;
  g_autoptr (GBytes) ok_body = NULL, refused_body = NULL, xdt_body = NULL;
  g_autoptr (GBytes) root_body = NULL;
  g_autoptr (JsonNode) ok_json = NULL, refused_json = NULL, xdt_json = NULL;
  g_autoptr (JsonNode) root_json = NULL, plain = NULL;
  g_autofree char *cookie = NULL;
  g_autofree char *home = NULL;

  fake_instagram_set_js_prefix (fx->fi, TRUE);
  open_session (fx, &s);
  ok = polaris_msg (fx, &s, s.csrftoken, POLARIS_DOC_ID, FAKE_PK_REEL);
  ok_body = send (fx, ok);
  ok_json = parse_prefixed (ok, ok_body);
  g_assert_cmpuint (soup_message_get_status (ok), ==, 200);
  g_assert_cmpstr (at_string (ok_json, "data.xig_polaris_media.pk"), ==,
      FAKE_PK_REEL);

  refused = polaris_msg (fx, &s, "0123456789abcdef0123456789abcdef",
      POLARIS_DOC_ID, FAKE_PK_REEL);
  refused_body = send (fx, refused);
  refused_json = parse_prefixed (refused, refused_body);
  g_assert_cmpuint (soup_message_get_status (refused), ==, 403);
  g_assert_cmpstr (at_string (refused_json, "status"), ==, "fail");

  xdt = new_msg (fx, "GET",
      "/graphql/query/?doc_id=" XDT_DOC_ID
      "&variables=%7B%22shortcode%22%3A%22" FAKE_SC_IMAGE "%22%7D");
  xdt_body = send (fx, xdt);
  xdt_json = parse_prefixed (xdt, xdt_body);
  g_assert_cmpstr (at_string (xdt_json, "data.xdt_shortcode_media.shortcode"),
      ==, FAKE_SC_IMAGE);

  fake_instagram_set_era (fx->fi, FAKE_ERA_2026_12);
  cookie = g_strdup_printf ("csrftoken=%s", s.csrftoken);
  root = post_root_msg (fx, cookie, s.csrftoken, NULL, FAKE_POST_ROOT_DOC_ID,
      FAKE_SC_VIDEO);
  root_body = send (fx, root);
  root_json = parse_prefixed (root, root_body);
  g_assert_cmpstr (at_string (root_json, WEB_INFO ".items.0.code"), ==,
      FAKE_SC_VIDEO);
  session_clear (&s);

  /* Pages and REST answers keep their types; off again, plain JSON. */
  home = get_page (fx, "/", 200);
  g_assert_true (g_str_has_prefix (home, "<!DOCTYPE html>"));
  fake_instagram_set_js_prefix (fx->fi, FALSE);
  plain = polaris (fx, FAKE_PK_REEL, 200);
  g_assert_nonnull (at (plain, "data.xig_polaris_media"));
}

/* HTTP 200, text/html, a login page of a few KB, no cookie, no JSON. */
static void
assert_wall (Fixture *fx, SoupMessage *msg, GBytes *body)
{
  g_autofree char *html = body_text (body);
  g_autofree char *csrf = response_cookie (msg, "csrftoken");

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (content_type (msg), ==, "text/html");
  g_assert_cmpuint (strlen (html), >, 3000);
  g_assert_cmpuint (strlen (html), <, 20000);
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (html, "<title>Login • Instagram</title>"));
  g_assert_null (strstr (html, "RelayPrefetchedStreamCache"));
  g_assert_null (strstr (html, "xig_polaris_media"));
  g_assert_null (strstr (html, "expectedPreloaders"));
  g_assert_null (csrf);
}

static void
test_2026_wall (Fixture *fx, gconstpointer data)
{
  Session s = { 0 };
  g_autoptr (SoupMessage) polaris_wall = NULL, query_wall = NULL;
  g_autoptr (SoupMessage) hash_wall = NULL;
  g_autoptr (GBytes) b1 = NULL, b2 = NULL, b3 = NULL;
  g_autofree char *cookie = NULL;
  g_autofree char *page = NULL;
  g_autoptr (JsonNode) sjs = NULL;
  g_autoptr (JsonNode) again = NULL;

  open_session (fx, &s);
  fake_instagram_set_era (fx->fi, FAKE_ERA_2026_12);
  fake_instagram_set_graphql_wall (fx->fi, TRUE);
  polaris_wall =
      polaris_msg (fx, &s, s.csrftoken, POLARIS_DOC_ID, FAKE_PK_REEL);
  b1 = send (fx, polaris_wall);
  assert_wall (fx, polaris_wall, b1);
  cookie = g_strdup_printf ("csrftoken=%s", s.csrftoken);
  query_wall = post_root_msg (fx, cookie, s.csrftoken, NULL,
      FAKE_POST_ROOT_DOC_ID, FAKE_SC_REEL);
  b2 = send (fx, query_wall);
  assert_wall (fx, query_wall, b2);
  hash_wall = new_msg (fx, "GET", "/graphql/query/?query_hash=" QUERY_HASH);
  b3 = send (fx, hash_wall);
  assert_wall (fx, hash_wall, b3);
  session_clear (&s);

  /* The post page still has its data-sjs cache. */
  page = get_page (fx, "/p/" FAKE_SC_REEL "/", 200);
  sjs = script_holding (page, "data-sjs>", "RelayPrefetchedStreamCache");
  g_assert_nonnull (sjs);
  g_assert_cmpstr (at_string (page_media (sjs), "if_not_gated_logged_out.code"),
      ==, FAKE_SC_REEL);

  fake_instagram_set_graphql_wall (fx->fi, FALSE);
  again = polaris (fx, FAKE_PK_REEL, 200);
  g_assert_nonnull (at (again, "data.xig_polaris_media"));
}

/* A revoked doc_id: 401 "Please wait" every time, on both endpoints. */
static void
assert_revoked (Fixture *fx, const char *doc_id)
{
  Session s = { 0 };
  g_autofree char *get_path = g_strdup_printf ("/graphql/query/?doc_id=%s"
                                               "&variables=%%7B%%7D",
      doc_id);
  guint i;

  open_session (fx, &s);
  for (i = 0; i < 4; i++) {
    g_autoptr (SoupMessage) msg =
        polaris_msg (fx, &s, s.csrftoken, doc_id, FAKE_PK_REEL);
    g_autoptr (GBytes) body = send (fx, msg);
    g_autofree char *text = body_text (body);
    g_autofree char *get = NULL;

    g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
    g_assert_cmpstr (content_type (msg), ==, "application/json");
    g_assert_cmpstr (text, ==, PLEASE_WAIT);
    g_assert_null (
        soup_message_headers_get_one (soup_message_get_response_headers (msg),
            "Retry-After"));
    get = get_as (fx, get_path, APP_ID, NULL, 401);
    g_assert_cmpstr (get, ==, PLEASE_WAIT);
  }
  session_clear (&s);
}

static void
test_2026_retired (Fixture *fx, gconstpointer data)
{
  g_autoptr (JsonNode) xdt = NULL;
  g_autoptr (JsonNode) back = NULL;

  fake_instagram_retire_doc_id (fx->fi, POLARIS_DOC_ID, TRUE);
  assert_revoked (fx, POLARIS_DOC_ID);
  g_assert_cmpuint (fake_instagram_count (fx->fi, NULL, "/api/graphql"), ==, 4);
  /* Only that doc_id: the others and the pages answer as before. */
  xdt = graphql_query (fx, "POST", "doc_id", XDT_DOC_ID, FAKE_SC_REEL, 200);
  g_assert_cmpstr (at_string (xdt, "data.xdt_shortcode_media.shortcode"), ==,
      FAKE_SC_REEL);
  g_free (get_page (fx, "/p/" FAKE_SC_REEL "/", 200));
  fake_instagram_retire_doc_id (fx->fi, POLARIS_DOC_ID, FALSE);
  back = polaris (fx, FAKE_PK_REEL, 200);
  g_assert_nonnull (
      at (back, "data.xig_polaris_media.if_not_gated_logged_out"));
}

/* The queryID of @name in the page's expectedPreloaders, or NULL. Each
 * entry is {queryID:"ID",variables:{…},queryName:"NAME"}. */
static char *
preloader_id (const char *html, const char *name)
{
  const char *list = strstr (html, "expectedPreloaders:[");
  const char *p = list;

  while (p != NULL && (p = strstr (p, "{queryID:\"")) != NULL) {
    const char *id = p + strlen ("{queryID:\"");
    const char *id_end = strchr (id, '"');
    const char *query = strstr (id_end, "queryName:\"");
    const char *query_name = query + strlen ("queryName:\"");
    const char *name_end = strchr (query_name, '"');

    g_assert_nonnull (query);
    if ((gsize) (name_end - query_name) == strlen (name)
        && strncmp (query_name, name, name_end - query_name) == 0)
      return g_strndup (id, id_end - id);
    p = name_end;
  }
  return NULL;
}

static guint
count_in (const char *text, const char *needle)
{
  guint n = 0;

  while ((text = strstr (text, needle)) != NULL) {
    n++;
    text += strlen (needle);
  }
  return n;
}

static void
test_2026_preloaders (Fixture *fx, gconstpointer data)
{
  g_autofree char *home = NULL, *page = NULL;
  g_autofree char *home_root = NULL, *home_polaris = NULL;
  g_autofree char *page_root = NULL, *page_polaris = NULL;

  fake_instagram_set_era (fx->fi, FAKE_ERA_2026_12);
  home = get_page (fx, "/", 200);
  page = get_page (fx, "/reel/" FAKE_SC_REEL "/", 200);
  home_root = preloader_id (home, FAKE_POST_ROOT_QUERY_NAME);
  home_polaris = preloader_id (home, FAKE_POLARIS_QUERY_NAME);
  page_root = preloader_id (page, FAKE_POST_ROOT_QUERY_NAME);
  page_polaris = preloader_id (page, FAKE_POLARIS_QUERY_NAME);
  g_assert_cmpstr (home_root, ==, FAKE_POST_ROOT_DOC_ID);
  g_assert_cmpstr (home_polaris, ==, FAKE_POLARIS_DOC_ID);
  g_assert_cmpstr (page_root, ==, FAKE_POST_ROOT_DOC_ID);
  g_assert_cmpstr (page_polaris, ==, FAKE_POLARIS_DOC_ID);
  /* The script form of the notes: JavaScript keys, the post's variables,
   * an unrelated preloader first. */
  g_assert_nonnull (
      strstr (page, "<script type=\"text/javascript\">requireLazy("));
  g_assert_nonnull (strstr (page,
      "expectedPreloaders:[{queryID:\"25516980651312394\",variables:{"
      "media_id:\"" FAKE_PK_REEL "\"},queryName:"
      "\"PolarisPostCommentsPaginationQuery\"},"));
  g_assert_nonnull (strstr (page,
      "{queryID:\"" FAKE_POST_ROOT_DOC_ID
      "\",variables:{shortcode:\"" FAKE_SC_REEL "\"," AIGM_PROVIDER
      ":false},queryName:\"PolarisPostRootQuery\"}"));
  g_assert_nonnull (strstr (home, "variables:{},queryName:"));
  g_assert_null (preloader_id (page, "PolarisPostActionLoadPostQueryQuery"));
}

static void
test_2026_rotation (Fixture *fx, gconstpointer data)
{
  g_autofree char *page = NULL, *home = NULL, *id = NULL;
  g_autoptr (JsonNode) served = NULL;
  g_autoptr (JsonNode) default_again = NULL;

  fake_instagram_set_era (fx->fi, FAKE_ERA_2026_12);
  fake_instagram_rotate_doc_id (fx->fi, FAKE_POST_ROOT_QUERY_NAME,
      ROTATED_POST_ROOT);
  id = fake_instagram_dup_doc_id (fx->fi, FAKE_POST_ROOT_QUERY_NAME);
  g_assert_cmpstr (id, ==, ROTATED_POST_ROOT);
  page = get_page (fx, "/p/" FAKE_SC_IMAGE "/", 200);
  home = get_page (fx, "/", 200);
  g_assert_cmpuint (count_in (page, ROTATED_POST_ROOT), ==, 1);
  g_assert_cmpuint (count_in (home, ROTATED_POST_ROOT), ==, 1);
  g_assert_null (strstr (page, FAKE_POST_ROOT_DOC_ID));
  g_free (id);
  id = preloader_id (page, FAKE_POST_ROOT_QUERY_NAME);
  g_assert_cmpstr (id, ==, ROTATED_POST_ROOT);
  served = post_root (fx, id, FAKE_SC_IMAGE, FALSE, 200);
  g_assert_cmpstr (at_string (served, WEB_INFO ".items.0.code"), ==,
      FAKE_SC_IMAGE);
  assert_revoked (fx, FAKE_POST_ROOT_DOC_ID);

  fake_instagram_rotate_doc_id (fx->fi, FAKE_POST_ROOT_QUERY_NAME, NULL);
  default_again =
      post_root (fx, FAKE_POST_ROOT_DOC_ID, FAKE_SC_IMAGE, FALSE, 200);
  g_assert_nonnull (at (default_again, WEB_INFO ".items.0"));
}

/* In the June generation a rotation alone turns the preloaders on. */
static void
test_2026_rotation_polaris (Fixture *fx, gconstpointer data)
{
  g_autofree char *page = NULL, *plain = NULL, *id = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonNode) json = NULL;
  Session s = { 0 };

  plain = get_page (fx, "/p/" FAKE_SC_REEL "/", 200);
  g_assert_null (strstr (plain, "expectedPreloaders"));
  g_clear_pointer (&plain, g_free);
  fake_instagram_rotate_doc_id (fx->fi, FAKE_POLARIS_QUERY_NAME,
      ROTATED_POLARIS);
  page = get_page (fx, "/p/" FAKE_SC_REEL "/", 200);
  id = preloader_id (page, FAKE_POLARIS_QUERY_NAME);
  g_assert_cmpstr (id, ==, ROTATED_POLARIS);
  g_assert_null (preloader_id (page, FAKE_POST_ROOT_QUERY_NAME));
  g_assert_cmpuint (count_in (page, ROTATED_POLARIS), ==, 1);

  open_session (fx, &s);
  msg = polaris_msg (fx, &s, s.csrftoken, id, FAKE_PK_REEL);
  body = send (fx, msg);
  json = parse_json (body);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (at_string (json, "data.xig_polaris_media.pk"), ==,
      FAKE_PK_REEL);
  session_clear (&s);
  assert_revoked (fx, POLARIS_DOC_ID);

  fake_instagram_rotate_doc_id (fx->fi, FAKE_POLARIS_QUERY_NAME, NULL);
  plain = get_page (fx, "/p/" FAKE_SC_REEL "/", 200);
  g_assert_null (strstr (plain, "expectedPreloaders"));
  g_clear_pointer (&json, json_node_unref);
  json = polaris (fx, FAKE_PK_REEL, 200);
}

#define STALE_COOKIE "csrftoken=x; sessionid=123%3AexpiredSession%3A9"
#define GOOD_COOKIE "csrftoken=x; sessionid=" FAKE_SESSION_ID

static void
assert_auth_platform (Fixture *fx, const char *where)
{
  g_autofree char *prefix = g_strconcat (fake_instagram_get_base (fx->fi),
      "/auth_platform/?apc=Ad", NULL);
  g_autofree char *page = NULL;

  g_assert_true (g_str_has_prefix (where, prefix));
  g_assert_cmpuint (strlen (where), ==, strlen (prefix) + 62);
  page = get_as (fx, where + strlen (fake_instagram_get_base (fx->fi)), NULL,
      NULL, 200);
  g_assert_nonnull (strstr (page, "Login • Instagram"));
}

static void
test_2026_auth_platform (Fixture *fx, gconstpointer data)
{
  const char *info = "/api/v1/media/" FAKE_PK_IMAGE "/info/";
  g_autofree char *stale = NULL, *anon = NULL, *good = NULL;
  g_autofree char *expired = NULL, *page = NULL, *app = NULL;
  g_autofree char *june = NULL;

  fake_instagram_set_era (fx->fi, FAKE_ERA_2026_12);
  stale = get_as (fx, info, APP_ID, STALE_COOKIE, 302);
  assert_auth_platform (fx, stale);
  anon = get_as (fx, info, APP_ID, "csrftoken=x", 302);
  g_assert_nonnull (strstr (anon, "/accounts/login/?next=/api/v1/media/"));
  good = get_as (fx, info, APP_ID, GOOD_COOKIE, 200);
  g_assert_nonnull (strstr (good, "\"pk\":\"" FAKE_PK_IMAGE "\""));

  /* The user's own session goes stale: logged out everywhere. */
  fake_instagram_set_session_stale (fx->fi, TRUE);
  expired = get_as (fx, info, APP_ID, GOOD_COOKIE, 302);
  assert_auth_platform (fx, expired);
  page = get_as (fx, "/p/" FAKE_SC_PRIVATE "/", NULL, GOOD_COOKIE, 302);
  g_assert_nonnull (strstr (page, "/accounts/login/?next="));
  app = get_as (fx, info, IOS_APP_ID, GOOD_COOKIE, 403);
  g_assert_nonnull (strstr (app, "\"message\":\"login_required\""));

  /* The June generation knows only the login page. */
  fake_instagram_set_era (fx->fi, FAKE_ERA_2026_06);
  june = get_as (fx, info, APP_ID, GOOD_COOKIE, 302);
  g_assert_nonnull (strstr (june, "/accounts/login/?next="));
  g_free (get_as (fx, "/auth_platform/?apc=Ado6", NULL, NULL, 404));
}

static void
test_2026_stories (Fixture *fx, gconstpointer data)
{
  const char *reels = "/api/v1/feed/reels_media/?reel_ids=" FAKE_STORY_USER_PK;
  const char *user =
      "/api/v1/users/web_profile_info/?username=" FAKE_STORY_USER;
  g_autofree char *home =
      g_strconcat (fake_instagram_get_base (fx->fi), "/", NULL);
  g_autofree char *web = NULL, *web_user = NULL, *stale = NULL;
  g_autofree char *anon = NULL, *app_anon = NULL;
  g_autofree char *app = NULL, *app_user = NULL;
  g_autoptr (JsonNode) app_json = NULL, user_json = NULL;

  fake_instagram_set_era (fx->fi, FAKE_ERA_2026_12);
  web = get_as (fx, reels, APP_ID, GOOD_COOKIE, 302);
  web_user = get_as (fx, user, APP_ID, GOOD_COOKIE, 302);
  g_assert_cmpstr (web, ==, home);
  g_assert_cmpstr (web_user, ==, home);
  stale = get_as (fx, reels, APP_ID, STALE_COOKIE, 302);
  assert_auth_platform (fx, stale);
  anon = get_as (fx, reels, APP_ID, NULL, 302);
  g_assert_nonnull (strstr (anon, "/accounts/login/?next=/api/v1/feed/"));

  /* The app API answers with the same session, not without one. */
  app = get_as (fx, reels, IOS_APP_ID, GOOD_COOKIE, 200);
  app_json = json_from_string (app, NULL);
  check_story_reel (fx, at (app_json, "reels." FAKE_STORY_USER_PK));
  app_user = get_as (fx, user, IOS_APP_ID, GOOD_COOKIE, 200);
  user_json = json_from_string (app_user, NULL);
  g_assert_cmpstr (at_string (user_json, "data.user.id"), ==,
      FAKE_STORY_USER_PK);
  app_anon = get_as (fx, reels, IOS_APP_ID, STALE_COOKIE, 403);
  g_assert_nonnull (strstr (app_anon, "login_required"));
}

/* 2026: the web path of the user feed redirects a session to the
 * homepage, the app API answers it. */
static void
test_2026_feed (Fixture *fx, gconstpointer data)
{
  const char *feed = "/api/v1/feed/user/" FAKE_GRID_USER_PK "/?count=12";
  g_autofree char *home =
      g_strconcat (fake_instagram_get_base (fx->fi), "/", NULL);
  g_autofree char *web = NULL, *app = NULL;
  g_autoptr (JsonNode) json = NULL;

  fake_instagram_set_era (fx->fi, FAKE_ERA_2026_12);
  web = get_as (fx, feed, APP_ID, GOOD_COOKIE, 302);
  g_assert_cmpstr (web, ==, home);
  app = get_as (fx, feed, IOS_APP_ID, GOOD_COOKIE, 200);
  json = json_from_string (app, NULL);
  g_assert_cmpuint (json_array_get_length (
                        json_node_get_array (at (json, "items"))),
      ==, 12);
}

/* Nothing of the above before a test asks for it. */
static void
test_2026_default (Fixture *fx, gconstpointer data)
{
  Session s = { 0 };
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonNode) json = NULL, xdt = NULL, pol = NULL;
  g_autofree char *cookie = NULL, *home = NULL, *page = NULL;
  g_autofree char *stale = NULL, *story = NULL, *id = NULL;

  g_assert_cmpuint (fake_instagram_get_2026_features (fx->fi), ==, 0);
  id = fake_instagram_dup_doc_id (fx->fi, FAKE_POLARIS_QUERY_NAME);
  g_assert_cmpstr (id, ==, POLARIS_DOC_ID);
  open_session (fx, &s);
  cookie = g_strdup_printf ("csrftoken=%s", s.csrftoken);
  msg = post_root_msg (fx, cookie, s.csrftoken, NULL, FAKE_POST_ROOT_DOC_ID,
      FAKE_SC_REEL);
  body = send (fx, msg);
  json = parse_json (body);
  g_assert_cmpstr (at_string (json, "errors.0.message"), ==, "execution error");
  session_clear (&s);
  xdt = graphql_query (fx, "POST", "doc_id", XDT_DOC_ID, FAKE_SC_REEL, 200);
  g_assert_nonnull (at (xdt, "data.xdt_shortcode_media.shortcode"));
  pol = polaris (fx, FAKE_PK_REEL, 200);
  home = get_page (fx, "/", 200);
  page = get_page (fx, "/p/" FAKE_SC_REEL "/", 200);
  g_assert_null (strstr (home, "expectedPreloaders"));
  g_assert_null (strstr (page, "expectedPreloaders"));
  stale = get_as (fx, "/api/v1/media/" FAKE_PK_IMAGE "/info/", APP_ID,
      STALE_COOKIE, 302);
  g_assert_nonnull (strstr (stale, "/accounts/login/?next="));
  story = get_as (fx, "/api/v1/feed/reels_media/?reel_ids=" FAKE_STORY_USER_PK,
      APP_ID, GOOD_COOKIE, 200);
  g_free (get_as (fx, "/auth_platform/", NULL, NULL, 404));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fake/shortcodes", test_shortcodes);
  g_test_add ("/fake/2026-reels", Fixture, NULL, fixture_setup, test_2026_reels,
      fixture_teardown);
  g_test_add ("/fake/clips-user", Fixture, NULL, fixture_setup, test_clips_user,
      fixture_teardown);
#define ADD(path, fn) \
  g_test_add ("/fake/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("homepage", test_homepage);
  ADD ("ruling", test_ruling);
  ADD ("polaris", test_polaris);
  ADD ("reel-bench", test_reel_bench);
  ADD ("polaris-errors", test_polaris_errors);
  ADD ("polaris-bad-lsd", test_polaris_bad_lsd);
  ADD ("polaris-disabled", test_polaris_disabled);
  ADD ("page", test_page);
  ADD ("page-errors", test_page_errors);
  ADD ("xdt", test_xdt);
  ADD ("query-hash", test_query_hash);
  ADD ("media-info", test_media_info);
  ADD ("cdn", test_cdn);
  ADD ("cdn-refusals", test_cdn_refusals);
  ADD ("cdn-stall-trickle", test_cdn_stall_trickle);
  ADD ("stall", test_stall);
  ADD ("log", test_log);
  ADD ("dash", test_dash);
  ADD ("dash-ranges-refused", test_dash_ranges_refused);
  ADD ("profile", test_profile);
  ADD ("profile-grid", test_profile_grid);
  ADD ("feed-user", test_feed_user);
  ADD ("2026/feed", test_2026_feed);
  ADD ("story", test_story);
  ADD ("highlight", test_highlight);
  ADD ("no-story", test_no_story);
  ADD ("reels-forms", test_reels_forms);
  ADD ("checkpoint", test_checkpoint);
  ADD ("checkpoint-count", test_checkpoint_count);
  ADD ("2026/default-unchanged", test_2026_default);
  ADD ("2026/post-root", test_2026_post_root);
  ADD ("2026/post-root-csrf", test_2026_post_root_csrf);
  ADD ("2026/xdt-null", test_2026_xdt_null);
  ADD ("2026/js-prefix", test_2026_js_prefix);
  ADD ("2026/wall", test_2026_wall);
  ADD ("2026/retired", test_2026_retired);
  ADD ("2026/preloaders", test_2026_preloaders);
  ADD ("2026/rotation", test_2026_rotation);
  ADD ("2026/rotation-polaris", test_2026_rotation_polaris);
  ADD ("2026/auth-platform", test_2026_auth_platform);
  ADD ("2026/stories", test_2026_stories);
#undef ADD
  g_test_add_func ("/fake/stall-shutdown", test_stall_shutdown);
  return g_test_run ();
}
