/* gst-instagram tests: self-test of the fake Instagram, with a libsoup
 * client.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-private.h"
#include "fake-media.h"

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

static SoupMessage *
polaris_msg (Fixture *fx, const Session *s, const char *csrf_header,
    const char *doc_id, const char *pk)
{
  SoupMessage *msg = new_msg (fx, "POST", "/api/graphql");
  g_autofree char *variables = g_strdup_printf ("{\"media_id\":\"%s\"}", pk);
  g_autofree char *cookie = g_strdup_printf ("csrftoken=%s", s->csrftoken);
  char *form = soup_form_encode ("lsd", s->lsd, "fb_api_caller_class",
      "RelayModern", "fb_api_req_friendly_name",
      "PolarisLoggedOutDesktopWWWPostRootContentQuery", "server_timestamps",
      "true", "variables", variables, "doc_id", doc_id, NULL);
  g_autoptr (GBytes) bytes = g_bytes_new_take (form, strlen (form));

  add_header (msg, "X-IG-App-ID", APP_ID);
  add_header (msg, "X-FB-LSD", s->lsd);
  add_header (msg, "Cookie", cookie);
  if (csrf_header != NULL)
    add_header (msg, "X-CSRFToken", csrf_header);
  soup_message_set_request_body_from_bytes (msg,
      "application/x-www-form-urlencoded", bytes);
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
  g_assert_null (profile (fx, FAKE_STORY_USER, FALSE, 302));
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fake/shortcodes", test_shortcodes);
#define ADD(path, fn) \
  g_test_add ("/fake/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("homepage", test_homepage);
  ADD ("ruling", test_ruling);
  ADD ("polaris", test_polaris);
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
  ADD ("stall", test_stall);
  ADD ("log", test_log);
  ADD ("profile", test_profile);
  ADD ("story", test_story);
  ADD ("highlight", test_highlight);
  ADD ("no-story", test_no_story);
  ADD ("reels-forms", test_reels_forms);
  ADD ("checkpoint", test_checkpoint);
  ADD ("checkpoint-count", test_checkpoint_count);
#undef ADD
  g_test_add_func ("/fake/stall-shutdown", test_stall_shutdown);
  return g_test_run ();
}
