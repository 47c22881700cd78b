/* The bad-input catalogue: malformed URIs and malformed answers from every
 * endpoint instagramsrc talks to. Each case must end with the documented
 * GStreamer error (or, where the input is documented as tolerated, with a
 * byte-identical download), a message that names the URI, a pipeline back
 * in NULL, within a time bound, and no leak (the suite also runs under
 * valgrind).
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include <gst/check/gstcheck.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "fake-media.h"
#include "ig-test-utils.h"

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define ON_VALGRIND() (RUNNING_ON_VALGRIND != 0)
#endif
#endif
#ifndef ON_VALGRIND
#define ON_VALGRIND() FALSE
#endif

#define W "https://www.instagram.com"
#define REEL_URI W "/reel/" FAKE_SC_REEL "/"
#define IMAGE_URI W "/p/" FAKE_SC_IMAGE "/"
#define CAROUSEL_URI W "/p/" FAKE_SC_CAROUSEL "/"
/* API bodies are capped at this (src/ig-http.h IG_HTTP_MAX_API_BODY). */
#define API_CAP (8 * 1024 * 1024)

static FakeInstagram *fake;
static IgTestRedirector *loop_server; /* 302 to the same URL, forever */
static IgTestRedirector *login_server; /* 302 to the fake's login page */

static void
setup (void)
{
  g_autofree char *login = NULL;

  /* A critical anywhere (json-glib, libsoup, GLib...) is a bug here, not
   * only in the domains gst-check watches. */
  g_log_set_always_fatal (
      g_log_set_always_fatal (G_LOG_FATAL_MASK) | G_LOG_LEVEL_CRITICAL);
  fake = ig_test_start_fake ();
  loop_server = ig_test_redirector_new (NULL);
  login = g_strdup_printf ("%s/accounts/login/?next=%%2F",
      fake_instagram_get_base (fake));
  login_server = ig_test_redirector_new (login);
}

static void
teardown (void)
{
  g_clear_pointer (&loop_server, ig_test_redirector_free);
  g_clear_pointer (&login_server, ig_test_redirector_free);
  ig_test_stop_fake (fake);
}

/* Wall-clock bounds are ten times longer under valgrind. */
static gint64
slow (gint64 us)
{
  return ON_VALGRIND () ? 10 * us : us;
}

/* ---- URIs ------------------------------------------------------------- */

/* GStreamer itself refuses these before asking any handler: no scheme
 * (GST_URI_ERROR_BAD_URI "Invalid URI: ..."), ... */
static const char *const invalid_uris[] = {
  "",
  "not a uri",
  "www.instagram.com/p/DLAi8xlySmh/",
  "//www.instagram.com/p/DLAi8xlySmh/",
  "/p/DLAi8xlySmh/",
  "\x01\x02\x03",
};

/* ... or a scheme instagramsrc does not register
 * (GST_URI_ERROR_UNSUPPORTED_PROTOCOL). */
static const char *const foreign_uris[] = {
  "ftp://instagram.com/p/DLAi8xlySmh/",
  "file:///p/DLAi8xlySmh",
  "javascript:alert(1)",
  "data:text/html,<b>instagram</b>",
  "instagrams://p/DLAi8xlySmh",
};

/* instagram://, http:// and https:// URIs instagramsrc's handler must
 * refuse with GST_URI_ERROR_BAD_URI. The core parser has a longer list
 * (tests/unit/test-uri.c); these go through GStreamer. */
static const char *const bad_uris[] = {
  "https://example.com/p/DLAi8xlySmh/",
  "https://scontent.cdninstagram.com/v/t51.2885-15/x.mp4",
  "https://instagram.fxxx1-1.fna.fbcdn.net/o1/v/t16/x.mp4",
  "http://example.com/",
  "https://",
  "https:",
  "instagram:",
  "instagram://",
  W,
  W "/",
  W "/p/",
  W "/reel/",
  W "/tv/",
  W "/explore/",
  W "/natgeo/tagged/",
  W "/natgeo/saved/",
  W "/natgeo/highlights/",
  W "/natgeo/reels/extra/",
  W "/bad-name/",
  W "/bad-name/reels/",
  W "/explore/tags/cats/",
  W "/accounts/edit/",
  W "/direct/inbox/",
  W "/challenge/",
  W "/auth_platform/",
  "instagram://user",
  "instagram://user?username=",
  "instagram://user?username=bad-name",
  "instagram://user/natgeo",
  W "/accounts/login/?next=/p/DLAi8xlySmh/",
  W "/share/tv/BAK7xPz9gl/",
  W "/reels/audio/123456/",
  W "/p/!!!/",
  W "/p/DLAi8x lySmh/",
  W "/p/DLAi8xlySm$/",
  W "/p/DLAi8xlySm+/",
  W "/p/DLAi8xlySm\xc3\xa9/",
  W "/p/Q__________/",
  W "/p/___________/",
  W "/p/AAAAAAAAAAAB/",
  W
  "/p/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/",
  W "/p/DLAi8xlySmh%2F/",
  W "/p/DLAi8xlySmh%00/",
  W "/p/%ff%fe/",
  W "/p/DLAi8xlySmh/extra/",
  W "/p/DLAi8xlySmh//",
  W "/p/DLAi8xl\x01Smh/",
  W "/p/DLAi8xlySmh/\t",
  W "/p/DLAi8xlySmh/\r\n",
  W "/p/DLAi8xlySmh\x7f/",
  W "/bad-name/p/DLAi8xlySmh/",
  W "/stories/natgeo/abc/",
  W "/stories/natgeo/18446744073709551616/",
  W "/stories/highlights/0/",
  W "/stories/highlights/abc/",
  "https://user:pass@www.instagram.com/p/DLAi8xlySmh/",
  W ":8080/p/DLAi8xlySmh/",
  "http://www.instagram.com:443/p/DLAi8xlySmh/",
  "https://www.instagram.com.evil.com/p/DLAi8xlySmh/",
  "https://evilinstagram.com/p/DLAi8xlySmh/",
  "https://127.0.0.1/p/DLAi8xlySmh/",
  "instagram://bad/x",
  "instagram://p",
  "instagram://p/",
  "instagram://p/DLAi8xlySmh/extra",
  "instagram://tv/aye83DjauH",
  "instagram://user@p/DLAi8xlySmh",
  "instagram://media",
  "instagram://media?id=",
  "instagram://media?id=abc",
  "instagram://media?id=-5",
  "instagram://media?id=0",
  "instagram://media?id=1.5e18",
  "instagram://media?id=18446744073709551616",
  "instagram://media?id=99999999999999999999999",
  "instagram://stories/",
  "instagram://stories/bad-name",
  "instagram://stories/natgeo/1/2",
  "instagram://reel/Chunk8-jurw/x",
  "http://instagr.am:8080/p/Chunk8-jurw/",
  "https://m.instagram.com/p/Chunk8-jurw/embed/foo/",
  W "/stories/highlights/1/2/",
  W "/p/DLAi8xlySmh\xc3\x28/",
};

/* A URI as it can appear in a message: set_uri shows at most 256 bytes of
 * it, made valid UTF-8. */
static gboolean
message_names (const char *message, const char *uri)
{
  g_autofree char *shown = NULL;

  if (strlen (uri) <= 256 && g_utf8_validate (uri, -1, NULL))
    return strstr (message, uri) != NULL;
  shown = g_utf8_make_valid (uri, MIN (strlen (uri), 64));
  return strstr (message, shown) != NULL;
}

/* @uri is refused with @code and a message containing @text, and naming
 * @uri unless it is refused for its scheme. */
static void
assert_refused (GstElement *src, const char *uri, const char *good,
    GstURIError code, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *kept = NULL;
  GstElement *made;

  fail_if (gst_uri_handler_set_uri (GST_URI_HANDLER (src), uri, &error),
      "accepted: %s", uri);
  fail_unless (error != NULL && error->domain == GST_URI_ERROR
          && error->code == (gint) code,
      "%s: %s", uri, error ? error->message : "no error");
  fail_unless (strstr (error->message, text) != NULL, "%s", error->message);
  if (code == GST_URI_ERROR_BAD_URI) {
    fail_unless (g_utf8_validate (error->message, -1, NULL));
    fail_unless (message_names (error->message, uri), "%s not named in: %s",
        uri, error->message);
  }
  /* The previous, good URI stays. */
  kept = gst_uri_handler_get_uri (GST_URI_HANDLER (src));
  fail_unless_equals_string (kept, good);
  g_clear_error (&error);

  /* Whatever GStreamer makes of it (souphttpsrc, or nothing), it is never
   * instagramsrc. */
  made = gst_element_make_from_uri (GST_URI_SRC, uri, NULL, &error);
  if (made != NULL) {
    GstElementFactory *factory = gst_element_get_factory (made);

    fail_if (g_strcmp0 (GST_OBJECT_NAME (factory), "instagramsrc") == 0,
        "make_from_uri chose instagramsrc for %s", uri);
    gst_object_unref (gst_object_ref_sink (made));
  }
}

GST_START_TEST (test_bad_uris)
{
  GstElement *src = gst_element_factory_make ("instagramsrc", NULL);
  g_autofree char *huge = NULL;
  GString *s;
  char junk[255];

  fail_unless (src != NULL);
  fail_unless (gst_uri_handler_set_uri (GST_URI_HANDLER (src), REEL_URI, NULL));
  fail_unless (G_N_ELEMENTS (bad_uris) >= 60);
  for (guint i = 0; i < G_N_ELEMENTS (bad_uris); i++)
    assert_refused (src, bad_uris[i], REEL_URI, GST_URI_ERROR_BAD_URI,
        "Not an Instagram");
  for (guint i = 0; i < G_N_ELEMENTS (invalid_uris); i++)
    assert_refused (src, invalid_uris[i], REEL_URI, GST_URI_ERROR_BAD_URI,
        "Invalid URI");
  for (guint i = 0; i < G_N_ELEMENTS (foreign_uris); i++)
    assert_refused (src, foreign_uris[i], REEL_URI,
        GST_URI_ERROR_UNSUPPORTED_PROTOCOL, "not supported");

  /* 100 KB */
  s = g_string_new (REEL_URI "?igsh=");
  while (s->len < 100 * 1024)
    g_string_append (s, "abcdefghij");
  huge = g_string_free (s, FALSE);
  assert_refused (src, huge, REEL_URI, GST_URI_ERROR_BAD_URI,
      "Not an Instagram");
  /* NUL-free binary junk, all bytes 1..254, and not UTF-8 */
  memcpy (junk, W "/p/", strlen (W "/p/"));
  for (guint i = strlen (W "/p/"); i < sizeof junk - 1; i++)
    junk[i] = (char) (i + 1);
  junk[sizeof junk - 1] = '\0';
  assert_refused (src, junk, REEL_URI, GST_URI_ERROR_BAD_URI,
      "Not an Instagram");
  assert_refused (src, W "/p/\xff\xfe\xfd/", REEL_URI, GST_URI_ERROR_BAD_URI,
      "Not an Instagram");
  g_test_message ("%u malformed URIs refused by instagramsrc's URI handler "
                  "(BAD_URI), %u by GStreamer before it",
      (guint) G_N_ELEMENTS (bad_uris) + 3,
      (guint) (G_N_ELEMENTS (invalid_uris) + G_N_ELEMENTS (foreign_uris)));
  gst_object_unref (src);
}
GST_END_TEST;

/* Through the uri property a bad URI is refused and the element keeps
 * none; starting it fails with the reason (tests/element/test-refused.c
 * checks the exact text). */
GST_START_TEST (test_bad_uri_property)
{
  GstElement *pipeline =
      gst_parse_launch ("instagramsrc name=src ! fakesink", NULL);
  GstElement *src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  g_autofree char *uri = NULL;
  g_autoptr (IgTestRun) run = NULL;

  g_object_set (src, "uri", "instagram://media?id=18446744073709551616", NULL);
  g_object_get (src, "uri", &uri, NULL);
  fail_unless (uri == NULL, "%s", uri);
  run = ig_test_run (pipeline, 10);
  ig_test_assert_error (run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_FOUND,
      "Not an Instagram post, reel or story URI: "
      "instagram://media?id=18446744073709551616 (invalid media id)");
  fail_unless_equals_int (ig_test_api_requests (fake), 0);
  gst_object_unref (src);
  gst_object_unref (pipeline);
}
GST_END_TEST;

/* ---- API answers ------------------------------------------------------- */

/* Good answers are written with ' for " (no value needs a '), and
 * @CDN:NAME@ for a signed URL of the fake CDN, @LOOP@ for the redirect
 * loop server's base. */

#define REEL_ITEM \
  "{'taken_at':1661529231,'pk':'" FAKE_PK_REEL "'," \
  "'id':'" FAKE_PK_REEL "_25025320','code':'" FAKE_SC_REEL "'," \
  "'media_type':2,'product_type':'clips','original_width':720," \
  "'original_height':1280,'has_audio':true,'video_duration':2.0," \
  "'video_versions':[" \
  "{'type':101,'width':480,'height':854,'id':'101v','bandwidth':300000," \
  "'url':'@CDN:" FAKE_MEDIA_REEL_480 "@'}," \
  "{'type':102,'width':720,'height':1280,'id':'102v','bandwidth':600000," \
  "'url':'@CDN:" FAKE_MEDIA_REEL_720 "@'}]," \
  "'image_versions2':{'candidates':[{'width':720,'height':1280," \
  "'url':'@CDN:thumb-720x1280.jpg@'}]}," \
  "'user':{'pk':'25025320','username':'fakereels','full_name':'Fake Reels'}," \
  "'caption':{'text':'Gingerton'},'location':{'name':'Somewhere'}," \
  "'like_count':10,'comment_count':1,'play_count':12345,'view_count':12000}"

#define IMAGE_ITEM \
  "{'taken_at':1700000000,'pk':'" FAKE_PK_IMAGE "','code':'" FAKE_SC_IMAGE \
  "','media_type':1,'original_width':1080,'original_height':1350," \
  "'image_versions2':{'candidates':[" \
  "{'width':1080,'height':1350,'url':'@CDN:" FAKE_MEDIA_IMAGE_LARGE "@'}," \
  "{'width':640,'height':800,'url':'@CDN:" FAKE_MEDIA_IMAGE_MEDIUM "@'}]}," \
  "'user':{'username':'fakeimages'},'caption':{'text':'An image'}}"

#define CAROUSEL_ITEM \
  "{'pk':'" FAKE_PK_CAROUSEL "','code':'" FAKE_SC_CAROUSEL "'," \
  "'media_type':8,'carousel_media':[" \
  "{'pk':'1922949320000000001','media_type':1,'image_versions2':{" \
  "'candidates':[{'width':1080,'height':1080," \
  "'url':'@CDN:" FAKE_MEDIA_CAROUSEL_1 "@'}]}}," \
  "{'pk':'1922949320000000002','media_type':2,'video_versions':[" \
  "{'width':720,'height':900,'url':'@CDN:" FAKE_MEDIA_CAROUSEL_VIDEO "@'}]," \
  "'image_versions2':{'candidates':[{'width':720,'height':900," \
  "'url':'@CDN:carousel-2-720x900.jpg@'}]}}]," \
  "'user':{'username':'fakecarousel'}}"

#define REEL_NODE \
  "{'__typename':'XDTGraphVideo','id':'" FAKE_PK_REEL "'," \
  "'shortcode':'" FAKE_SC_REEL "','product_type':'clips'," \
  "'dimensions':{'height':1280,'width':720}," \
  "'display_url':'@CDN:thumb-720x1280.jpg@'," \
  "'display_resources':[{'src':'@CDN:thumb-720x1280.jpg@'," \
  "'config_width':720,'config_height':1280}],'is_video':true," \
  "'video_url':'@CDN:" FAKE_MEDIA_REEL_720 "@','video_duration':2.0," \
  "'has_audio':true,'dash_info':{'is_dash_eligible':true," \
  "'video_dash_manifest':null}," \
  "'owner':{'id':'25025320','username':'fakereels','full_name':'Fake Reels'}," \
  "'edge_media_to_caption':{'edges':[{'node':{'text':'Gingerton'}}]}," \
  "'taken_at_timestamp':1661529231,'location':{'name':'Somewhere'}," \
  "'edge_media_preview_like':{'count':10}," \
  "'edge_media_to_parent_comment':{'count':1},'video_view_count':12000}"

#define SIDECAR_NODE \
  "{'__typename':'XDTGraphSidecar','id':'" FAKE_PK_CAROUSEL "'," \
  "'shortcode':'" FAKE_SC_CAROUSEL "','edge_sidecar_to_children':{'edges':[" \
  "{'node':{'__typename':'XDTGraphImage','id':'1922949320000000001'," \
  "'dimensions':{'height':1080,'width':1080},'display_resources':[" \
  "{'src':'@CDN:" FAKE_MEDIA_CAROUSEL_1 "@','config_width':1080," \
  "'config_height':1080}]}}]},'owner':{'username':'fakecarousel'}}"

#define POLARIS_WRAP \
  "{'data':{'xig_polaris_media':{'__typename':'XIGPolarisMedia'," \
  "'if_not_gated_logged_out':@ITEM@}},'extensions':{'is_final':true}}"
#define POLARIS_ITEM "data.xig_polaris_media.if_not_gated_logged_out"
#define MEDIA_INFO_WRAP \
  "{'items':[@ITEM@],'num_results':1,'more_available':false,'status':'ok'}"
#define XDT_WRAP "{'data':{'xdt_shortcode_media':@ITEM@},'status':'ok'}"

typedef enum
{
  REDIRECT_NONE,
  REDIRECT_MOBILE_LOOP, /* GST_INSTAGRAM_MOBILE_BASE: the loop server */
  REDIRECT_WWW_LOOP, /* GST_INSTAGRAM_WWW_BASE: the loop server */
  REDIRECT_WWW_LOGIN, /* GST_INSTAGRAM_WWW_BASE: 302 to the login page */
} Redirect;

/* How a group of cases reaches the element. */
typedef struct
{
  const char *name;
  const char *uri;
  guint generation; /* FakeGeneration mask */
  const char *props; /* more instagramsrc properties */
  const char *prefix; /* where the rows' answers go unless they say */
  const char *wrap; /* a good answer: @ITEM@ is the item */
  const char *item;
  const char *item_path; /* where the item is in the answer */
  Redirect redirect;
} Setup;

/* Only Polaris answers: a malformed Polaris answer is the end of the
 * chain (the other strategies find nothing), so the final error says how
 * Polaris failed. */
static const Setup polaris_reel = { "polaris", REEL_URI, FAKE_GEN_POLARIS, "",
  "/api/graphql", POLARIS_WRAP, REEL_ITEM, POLARIS_ITEM, REDIRECT_NONE };
static const Setup polaris_image = { "polaris", IMAGE_URI, FAKE_GEN_POLARIS, "",
  "/api/graphql", POLARIS_WRAP, IMAGE_ITEM, POLARIS_ITEM, REDIRECT_NONE };
static const Setup polaris_carousel = { "polaris", CAROUSEL_URI,
  FAKE_GEN_POLARIS, "", "/api/graphql", POLARIS_WRAP, CAROUSEL_ITEM,
  POLARIS_ITEM, REDIRECT_NONE };
/* The same carousel, with a URI naming its 2nd or 3rd child. */
static const Setup polaris_carousel_2 = { "polaris",
  CAROUSEL_URI "?img_index=2", FAKE_GEN_POLARIS, "", "/api/graphql",
  POLARIS_WRAP, CAROUSEL_ITEM, POLARIS_ITEM, REDIRECT_NONE };
static const Setup polaris_carousel_3 = { "polaris",
  CAROUSEL_URI "?img_index=3", FAKE_GEN_POLARIS, "", "/api/graphql",
  POLARIS_WRAP, CAROUSEL_ITEM, POLARIS_ITEM, REDIRECT_NONE };
/* Only the xdt doc_id answers (the GraphQL shape). The query_hash request
 * gets the same override, which lacks data.shortcode_media. */
static const Setup xdt_reel = { "xdt", REEL_URI, FAKE_GEN_XDT, "",
  "/graphql/query", XDT_WRAP, REEL_NODE, "data.xdt_shortcode_media",
  REDIRECT_NONE };
static const Setup xdt_sidecar = { "xdt", CAROUSEL_URI, FAKE_GEN_XDT, "",
  "/graphql/query", XDT_WRAP, SIDECAR_NODE, "data.xdt_shortcode_media",
  REDIRECT_NONE };
/* Logged in, nothing anonymous works: the media info answer decides. */
static const Setup media_info = { "media-info", REEL_URI, 0,
  "session-id=" FAKE_SESSION_ID, "/api/v1/media/", MEDIA_INFO_WRAP, REEL_ITEM,
  "items.0", REDIRECT_NONE };
/* Logged in, and the anonymous chain works: a bad media info answer is
 * only a detour. */
static const Setup media_info_fallback = { "media-info+anon", REEL_URI,
  FAKE_GEN_ALL, "session-id=" FAKE_SESSION_ID, "/api/v1/media/",
  MEDIA_INFO_WRAP, REEL_ITEM, "items.0", REDIRECT_NONE };
static const Setup media_info_loop = { "media-info(ios)+anon", REEL_URI,
  FAKE_GEN_ALL, "session-id=" FAKE_SESSION_ID " api-client=ios", NULL, NULL,
  NULL, NULL, REDIRECT_MOBILE_LOOP };
/* Anonymous, Polaris being the working strategy; for the ruling check,
 * the homepage and the CDN. */
static const Setup anon = { "anon", REEL_URI, FAKE_GEN_POLARIS, "",
  "/api/v1/web/get_ruling_for_content/", POLARIS_WRAP, REEL_ITEM, POLARIS_ITEM,
  REDIRECT_NONE };
/* Only the post page's data-sjs cache answers. */
static const Setup page = { "page", REEL_URI, FAKE_GEN_PAGE, "", "/p/", NULL,
  NULL, NULL, REDIRECT_NONE };
static const Setup www_loop = { "www-loop", REEL_URI, FAKE_GEN_ALL, "", NULL,
  NULL, NULL, NULL, REDIRECT_WWW_LOOP };
static const Setup www_login = { "www-login", REEL_URI, FAKE_GEN_ALL, "", NULL,
  NULL, NULL, NULL, REDIRECT_WWW_LOGIN };

typedef struct _BadRow BadRow;
typedef GBytes *(*BodyFunc) (const BadRow *row);

/* One case: an answer and what must come of it. */
struct _BadRow
{
  const char *name;
  const Setup *setup;
  const char *prefix; /* NULL: the setup's */
  guint status; /* 0: 200 */
  const char *content_type; /* NULL: application/json */
  /* The answer: @body as is; or what @make returns; or else the setup's
   * good answer with member @path of its item set to the JSON @value (NULL:
   * removed), then the text @from replaced by @to. Placeholders are
   * expanded last. */
  const char *body;
  BodyFunc make;
  gint n; /* a parameter of @make */
  const char *path;
  const char *value;
  const char *from, *to;
  GQuark (*domain) (void); /* NULL: the download must succeed */
  gint code;
  const char *detail; /* error: in the debug string; success: unused */
  const char *media; /* success: the CDN file that must come out */
  const char *props; /* more instagramsrc properties */
  const char *no_tag; /* success: a tag that must be absent */
};

#define FAILS(c, d) \
  .domain = gst_resource_error_quark, .code = GST_RESOURCE_ERROR_##c, \
  .detail = d
#define READ(d) FAILS (READ, d)
#define SUCCEEDS(m) .media = m
#define SET(p, v) .path = p, .value = v
#define DEL(p) .path = p, .value = NULL
#define SUB(f, t) .from = f, .to = t

#define LOGIN_PAGE \
  "<!DOCTYPE html><html lang=\"en\"><head><title>Login \xe2\x80\xa2 " \
  "Instagram</title></head><body><form method=\"post\" " \
  "action=\"/accounts/login/ajax/\"><input name=\"username\"><input " \
  "name=\"enc_password\" type=\"password\"></form></body></html>"
#define CHECKPOINT_BODY \
  "{\"message\":\"checkpoint_required\",\"checkpoint_url\":" \
  "\"/challenge/123/abc/\",\"lock\":false,\"status\":\"fail\"}"
#define PLEASE_WAIT_BODY \
  "{\"message\":\"Please wait a few minutes before you try again.\"," \
  "\"require_login\":true,\"status\":\"fail\"}"

/* ---- generated bodies ---- */

static GBytes *
take_string (GString *s)
{
  gsize len = s->len;

  return g_bytes_new_take (g_string_free (s, FALSE), len);
}

static GBytes *
repeat (const char *open, const char *middle, const char *close, gint n)
{
  GString *s = g_string_new (NULL);

  for (gint i = 0; i < n; i++)
    g_string_append (s, open);
  g_string_append (s, middle);
  for (gint i = 0; close != NULL && i < n; i++)
    g_string_append (s, close);
  return take_string (s);
}

static GBytes *
deep_arrays (const BadRow *row)
{
  return repeat ("[", "1", "]", row->n);
}

static GBytes *
deep_objects (const BadRow *row)
{
  return repeat ("{\"a\":", "1", "}", row->n);
}

static GBytes *
deep_unclosed (const BadRow *row)
{
  return repeat ("[", "", NULL, row->n);
}

/* Brackets inside a string do not nest: this parses, and says the media
 * is null. */
static GBytes *
deep_in_string (const BadRow *row)
{
  GString *s = g_string_new ("{\"data\":{\"xig_polaris_media\":null},\"x\":\"");

  for (gint i = 0; i < row->n; i++)
    g_string_append (s, "[{");
  g_string_append (s, "\"}");
  return take_string (s);
}

/* A good item whose "extra" member nests @n deep. */
static GBytes *
deep_member (const BadRow *row)
{
  GString *s = g_string_new (
      "{\"data\":{\"xig_polaris_media\":{\"if_not_gated_logged_out\":"
      "{\"media_type\":1,\"extra\":");

  for (gint i = 0; i < row->n; i++)
    g_string_append_c (s, '[');
  for (gint i = 0; i < row->n; i++)
    g_string_append_c (s, ']');
  g_string_append (s, "}}}}");
  return take_string (s);
}

/* @n MiB of a JSON object that never ends. */
static GBytes *
huge_json (const BadRow *row)
{
  gsize len = (gsize) row->n * 1024 * 1024;
  char *data = g_malloc (len);

  memset (data, ' ', len);
  data[0] = '{';
  return g_bytes_new_take (data, len);
}

/* @n MiB of HTML. */
static GBytes *
huge_html (const BadRow *row)
{
  GString *s = g_string_new ("<!DOCTYPE html><html><body>");

  while (s->len < (gsize) row->n * 1024 * 1024)
    g_string_append (s, "<p>Instagram</p>");
  return take_string (s);
}

/* All bytes but NUL, over and over. */
static GBytes *
binary_junk (const BadRow *row)
{
  GString *s = g_string_new (NULL);

  for (gint i = 0; i < 64 * 255; i++)
    g_string_append_c (s, (char) (i % 255 + 1));
  return take_string (s);
}

/* A homepage whose LSD token is @n characters long. */
static GBytes *
long_lsd (const BadRow *row)
{
  GString *s = g_string_new ("<html><script>[\"LSD\",[],{\"token\":\"");

  for (gint i = 0; i < row->n; i++)
    g_string_append_c (s, 'A');
  g_string_append (s, "\"}]</script></html>");
  return take_string (s);
}

/* A post page whose data-sjs block nests @n deep. */
static GBytes *
page_deep (const BadRow *row)
{
  GString *s =
      g_string_new ("<html><script type=\"application/json\" data-sjs>"
                    "{\"xig_polaris_media\":{\"if_not_gated_logged_out\":");

  for (gint i = 0; i < row->n; i++)
    g_string_append_c (s, '[');
  for (gint i = 0; i < row->n; i++)
    g_string_append_c (s, ']');
  g_string_append (s, "}}</script></html>");
  return take_string (s);
}

/* ---- answer building ---- */

static char *
expand (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text, *at;

  while ((at = strchr (p, '@')) != NULL) {
    const char *end = strchr (at + 1, '@');

    g_string_append_len (out, p, at - p);
    if (end != NULL && g_str_has_prefix (at, "@CDN:")) {
      g_autofree char *name = g_strndup (at + 5, end - at - 5);
      g_autofree char *url = fake_instagram_dup_cdn_url (fake, name);

      g_string_append (out, url);
      p = end + 1;
    } else if (g_str_has_prefix (at, "@LOOP@")) {
      g_string_append (out, ig_test_redirector_get_base (loop_server));
      p = at + 6;
    } else {
      g_string_append_c (out, '@');
      p = at + 1;
    }
  }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

static JsonNode *
parse_quoted (const char *text)
{
  g_autofree char *json = g_strdelimit (g_strdup (text), "'", '"');
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  fail_unless (node != NULL, "bad test JSON %s: %s", json,
      error ? error->message : "empty");
  return node;
}

/* Sets member @path ("a.b.0.c") of @root to @value (NULL: removes it). */
static void
mutate (JsonNode *root, const char *path, const char *value)
{
  g_auto (GStrv) parts = g_strsplit (path, ".", -1);
  guint n = g_strv_length (parts);
  JsonNode *node = root;

  for (guint i = 0; i < n; i++) {
    gboolean last = i + 1 == n;

    if (JSON_NODE_HOLDS_ARRAY (node)) {
      JsonArray *array = json_node_get_array (node);
      guint index = (guint) g_ascii_strtoull (parts[i], NULL, 10);

      fail_unless (index < json_array_get_length (array), "%s", path);
      if (last) {
        fail_unless (value != NULL, "cannot remove array element %s", path);
        json_array_remove_element (array, index);
        if (index == json_array_get_length (array))
          json_array_add_element (array, parse_quoted (value));
        else {
          /* json-glib has no insert: rebuild from here. */
          GList *rest = NULL;

          while (json_array_get_length (array) > index) {
            rest = g_list_prepend (rest, json_array_dup_element (array, index));
            json_array_remove_element (array, index);
          }
          rest = g_list_reverse (rest);
          json_array_add_element (array, parse_quoted (value));
          for (GList *l = rest; l != NULL; l = l->next)
            json_array_add_element (array, l->data);
          g_list_free (rest);
        }
        return;
      }
      node = json_array_get_element (array, index);
    } else {
      JsonObject *object;

      fail_unless (JSON_NODE_HOLDS_OBJECT (node), "%s", path);
      object = json_node_get_object (node);
      if (last) {
        if (value == NULL)
          json_object_remove_member (object, parts[i]);
        else
          json_object_set_member (object, parts[i], parse_quoted (value));
        return;
      }
      node = json_object_get_member (object, parts[i]);
      fail_unless (node != NULL, "no %s in %s", parts[i], path);
    }
  }
}

/* The setup's good answer, mutated as @row says, placeholders not yet
 * expanded. */
static char *
templated (const BadRow *row)
{
  const Setup *setup = row->setup;
  GString *wrapped = g_string_new (setup->wrap);
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *full = NULL;

  g_string_replace (wrapped, "@ITEM@", setup->item, 1);
  root = parse_quoted (wrapped->str);
  g_string_free (wrapped, TRUE);
  if (row->path != NULL) {
    full = row->path[0] != '\0'
        ? g_strconcat (setup->item_path, ".", row->path, NULL)
        : g_strdup (setup->item_path);
    mutate (root, full, row->value);
  }
  text = json_to_string (root, FALSE);
  if (row->from != NULL) {
    GString *s = g_string_new (text);

    fail_unless (strstr (text, row->from) != NULL, "%s: no '%s' in %s",
        row->name, row->from, text);
    g_string_replace (s, row->from, row->to, 1);
    return g_string_free (s, FALSE);
  }
  return g_steal_pointer (&text);
}

/* The good answer cut to @n bytes (n < 0: all but -n; 0: half). */
static GBytes *
truncated (const BadRow *row)
{
  BadRow good = { .setup = row->setup };
  g_autofree char *text = templated (&good);
  g_autofree char *full = expand (text);
  gsize len = strlen (full);
  gsize cut = row->n > 0 ? (gsize) row->n
      : row->n < 0       ? len - (gsize) -row->n
                         : len / 2;

  return g_bytes_new (full, MIN (cut, len));
}

/* The good answer followed by @to. */
static GBytes *
with_suffix (const BadRow *row)
{
  BadRow good = { .setup = row->setup };
  g_autofree char *text = templated (&good);
  g_autofree char *full = expand (text);

  return take_string (g_string_append (g_string_new (full), row->to));
}

/* The good answer preceded by @to. */
static GBytes *
with_prefix (const BadRow *row)
{
  BadRow good = { .setup = row->setup };
  g_autofree char *text = templated (&good);
  g_autofree char *full = expand (text);

  return take_string (g_string_prepend (g_string_new (full), row->to));
}

/* The good answer padded with spaces to exactly the 8 MiB cap. */
static GBytes *
at_cap (const BadRow *row)
{
  BadRow good = { .setup = row->setup };
  g_autofree char *text = templated (&good);
  g_autofree char *full = expand (text);
  GString *s = g_string_new (full);

  while (s->len < API_CAP)
    g_string_append_c (s, ' ');
  return take_string (s);
}

static GBytes *
row_body (const BadRow *row)
{
  g_autofree char *text = NULL;

  if (row->make != NULL)
    return row->make (row);
  if (row->body != NULL) {
    text = expand (row->body);
    return g_bytes_new (text, strlen (text));
  }
  if (row->setup->wrap == NULL)
    return NULL;
  {
    g_autofree char *raw = templated (row);

    text = expand (raw);
  }
  return g_bytes_new (text, strlen (text));
}

/* ---- the rows ---- */

#define P &polaris_reel
#define PI &polaris_image
#define PC &polaris_carousel
#define X &xdt_reel
#define XS &xdt_sidecar
#define M &media_info
#define MF &media_info_fallback
#define A &anon

#define REEL FAKE_MEDIA_REEL_720
#define REEL480 FAKE_MEDIA_REEL_480

/* The answer as a whole. */
static const BadRow answer_rows[] = {
  { "polaris: the good answer (control)", P, SUCCEEDS (REEL) },
  { "polaris: HTML login page, 200", P, .content_type = "text/html",
      .body = LOGIN_PAGE, READ ("looks like HTML") },
  { "polaris: empty body, 200", P, .body = "", READ ("empty answer") },
  { "polaris: empty body, 204", P, .status = 204, .body = "",
      READ ("empty answer") },
  { "polaris: only whitespace", P, .body = " \r\n\t ", READ ("polaris") },
  { "polaris: JSON null", P, .body = "null", READ ("not an object") },
  { "polaris: JSON array", P, .body = "[]", READ ("not an object") },
  { "polaris: JSON string", P, .body = "\"ok\"", READ ("not an object") },
  { "polaris: JSON number", P, .body = "42", READ ("not an object") },
  { "polaris: truncated after 1 byte", P, .make = truncated, .n = 1,
      READ ("not JSON") },
  { "polaris: truncated after 17 bytes", P, .make = truncated, .n = 17,
      READ ("not JSON") },
  { "polaris: truncated in the middle", P, .make = truncated, .n = 0,
      READ ("not JSON") },
  { "polaris: last byte missing", P, .make = truncated, .n = -1,
      READ ("not JSON") },
  /* json-glib 1.6 would read the first of several values and leak the
   * others: refused before parsing */
  { "polaris: trailing garbage", P, .make = with_suffix, .to = "}]xyz",
      READ ("not a single JSON value") },
  { "polaris: two documents", P, .make = with_suffix, .to = "{}",
      READ ("not a single JSON value") },
  { "polaris: null, then an object", P, .body = "null {\"data\":{}}",
      READ ("not a single JSON value") },
  { "polaris: an array, then an object", P, .body = "[1] {\"a\":[]}",
      READ ("not a single JSON value") },
  { "polaris: UTF-8 BOM first", P, .make = with_prefix, .to = "\xef\xbb\xbf",
      SUCCEEDS (REEL) },
  { "polaris: NUL-free binary junk", P,
      .content_type = "application/octet-stream", .make = binary_junk,
      READ ("not JSON") },
  { "polaris: arrays nested 10000 deep", P, .make = deep_arrays, .n = 10000,
      READ ("nests deeper than 512") },
  { "polaris: objects nested 10000 deep", P, .make = deep_objects, .n = 10000,
      READ ("nests deeper than 512") },
  { "polaris: 10000 unclosed brackets", P, .make = deep_unclosed, .n = 10000,
      READ ("nests deeper than 512") },
  { "polaris: 513 deep inside the item", P, .make = deep_member, .n = 513,
      READ ("nests deeper than 512") },
  { "polaris: 10000 brackets inside a string", P, .make = deep_in_string,
      .n = 10000, FAILS (NOT_FOUND, "knows no such media") },
  { "polaris: 10 MB body", P, .make = huge_json, .n = 10,
      READ ("larger than 8388608 bytes") },
  { "polaris: good answer padded to exactly 8 MiB", P, .make = at_cap,
      SUCCEEDS (REEL) },
  { "polaris: data.xig_polaris_media null", P,
      .body = "{\"data\":{\"xig_polaris_media\":null}}",
      FAILS (NOT_FOUND, "knows no such media") },
  { "polaris: gated for logged-out users", P,
      .body = "{\"data\":{\"xig_polaris_media\":{\"if_not_gated_logged_out\":"
              "null}}}",
      FAILS (NOT_AUTHORIZED, "logged-in users only") },
  { "polaris: GraphQL errors, data null", P,
      .body = "{\"errors\":[{\"message\":\"execution error\",\"severity\":"
              "\"CRITICAL\"}],\"data\":null,\"status\":\"ok\"}",
      READ ("doc_id may have been retired") },
  { "polaris: empty object", P, .body = "{}",
      READ ("no data.xig_polaris_media") },
  { "polaris: data is a string", P, .body = "{\"data\":\"x\"}",
      READ ("no data.xig_polaris_media") },
  { "polaris: item is a string", P, SET ("", "'x'"),
      READ ("the media is a string") },
  { "polaris: item is an array", P, SET ("", "[]"),
      READ ("the media is an array") },
  { "polaris: text/html carrying good JSON (accepted)", P,
      .content_type = "text/html", SUCCEEDS (REEL) },
  { "polaris: octet-stream carrying good JSON (accepted)", P,
      .content_type = "application/octet-stream", SUCCEEDS (REEL) },
  { "polaris: application/json carrying HTML", P, .body = LOGIN_PAGE,
      READ ("looks like HTML") },
  { "polaris: HTTP 404", P, .status = 404, .body = "{}",
      FAILS (NOT_FOUND, "HTTP 404") },
  { "polaris: HTTP 429", P, .status = 429, .content_type = "text/html",
      .body = "<html>429</html>", FAILS (BUSY, "rate limiting") },
  { "polaris: HTTP 401 please wait", P, .status = 401, .body = PLEASE_WAIT_BODY,
      FAILS (BUSY, "rate limiting") },
  { "polaris: HTTP 500", P, .status = 500, .content_type = "text/html",
      .body = "<html>oops</html>", FAILS (OPEN_READ, "server error HTTP 500") },
  { "polaris: HTTP 400 checkpoint_required", P, .status = 400,
      .body = CHECKPOINT_BODY, FAILS (NOT_AUTHORIZED, "checkpoint_required") },
  { "polaris: HTTP 403", P, .status = 403,
      .body = "{\"message\":\"forbidden\",\"status\":\"fail\"}",
      READ ("unexpected HTTP 403") },
  { "polaris: HTTP 302 without Location", P, .status = 302,
      .content_type = "text/html", .body = "<html>moved</html>",
      READ ("redirect to (no Location)") },
  { "polaris: HTTP 599", P, .status = 599, .body = "{}",
      FAILS (OPEN_READ, "server error HTTP 599") },
};

/* Every field the model reads, in the REST item shape, through Polaris. */
static const BadRow rest_rows[] = {
  { "rest: pk is a float (1.5e18)", P, SET ("pk", "1.5e18"),
      READ ("'pk' is a float beyond 2^53, which may have lost digits: "
            "1.5e+18") },
  { "rest: pk is negative", P, SET ("pk", "-5"), READ ("'pk' is negative") },
  { "rest: pk is a word", P, SET ("pk", "'abc'"), READ ("not a decimal id") },
  { "rest: pk overflows 64 bits", P, SET ("pk", "'18446744073709551616'"),
      READ ("not a decimal id") },
  { "rest: pk is an object", P, SET ("pk", "{}"), READ ("field 'pk'") },
  { "rest: pk is a boolean", P, SET ("pk", "true"), READ ("field 'pk'") },
  { "rest: no pk, id is not a media id", P, DEL ("pk"),
      SUB ("\"id\":\"" FAKE_PK_REEL "_", "\"id\":\"x"),
      READ ("field 'id' is not a media id") },
  { "rest: no pk and no id (tolerated)", P, DEL ("pk"),
      SUB (",\"id\":\"" FAKE_PK_REEL "_25025320\"", ""), SUCCEEDS (REEL) },
  { "rest: code is a number", P, SET ("code", "123"), READ ("field 'code'") },
  /* 2026 answers (instagram-2026-12.md 6.3): the code is the pk's, the
   * media type what the item holds, the caption may be its text */
  { "rest: no code (the pk's)", P, DEL ("code"), SUCCEEDS (REEL) },
  { "rest: no media_type (video_versions: a video)", P, DEL ("media_type"),
      SUCCEEDS (REEL) },
  { "rest: media_type is a string", P, SET ("media_type", "'2'"),
      READ ("field 'media_type' is a string") },
  { "rest: media_type 2.0 (accepted)", P, SET ("media_type", "2.0"),
      SUCCEEDS (REEL) },
  { "rest: media_type 2.5", P, SET ("media_type", "2.5"),
      READ ("'media_type' is not an integer: 2.5") },
  { "rest: media_type 3", P, SET ("media_type", "3"),
      READ ("not a known media type") },
  { "rest: media_type -1", P, SET ("media_type", "-1"),
      READ ("not a known media type") },
  { "rest: media_type huge", P, SET ("media_type", "9223372036854775807"),
      READ ("not a known media type") },
  { "rest: product_type is an array", P, SET ("product_type", "[]"),
      READ ("field 'product_type'") },
  { "rest: user is a string", P, SET ("user", "'fakereels'"),
      READ ("field 'user'") },
  { "rest: user.username is a number", P, SET ("user.username", "42"),
      READ ("field 'username'") },
  { "rest: user.full_name is an object", P, SET ("user.full_name", "{}"),
      READ ("field 'full_name'") },
  { "rest: caption is a string (2026)", P, SET ("caption", "'hi'"),
      SUCCEEDS (REEL) },
  { "rest: caption is an array", P, SET ("caption", "['hi']"),
      READ ("field 'caption'") },
  { "rest: caption.text is a number", P, SET ("caption.text", "5"),
      READ ("field 'text'") },
  { "rest: caption null (tolerated)", P, SET ("caption", "null"),
      SUCCEEDS (REEL), .no_tag = GST_TAG_TITLE },
  { "rest: caption.text not UTF-8", P, SUB ("Gingerton", "Ginger\xff\xfeton"),
      READ (NULL) },
  { "rest: caption.text a lone surrogate escape", P,
      SUB ("Gingerton", "Ginger\\ud800ton"), READ (NULL) },
  { "rest: taken_at is a word", P, SET ("taken_at", "'yesterday'"),
      READ ("field 'taken_at'") },
  { "rest: taken_at is a fraction", P, SET ("taken_at", "1.5"),
      READ ("'taken_at' is not an integer: 1.5") },
  { "rest: taken_at 1.661529231e9 (accepted)", P,
      SET ("taken_at", "1.661529231e9"), SUCCEEDS (REEL) },
  { "rest: taken_at negative (tolerated, no date)", P, SET ("taken_at", "-1"),
      SUCCEEDS (REEL), .no_tag = GST_TAG_DATE_TIME },
  { "rest: taken_at huge (tolerated, no date)", P,
      SET ("taken_at", "9223372036854775807"), SUCCEEDS (REEL),
      .no_tag = GST_TAG_DATE_TIME },
  { "rest: expiring_at is an array", P, SET ("expiring_at", "[]"),
      READ ("field 'expiring_at'") },
  { "rest: location is a string", P, SET ("location", "'Paris'"),
      READ ("field 'location'") },
  { "rest: location.name is a number", P, SET ("location.name", "1"),
      READ ("field 'name'") },
  { "rest: like_count -5 (tolerated as unknown)", P, SET ("like_count", "-5"),
      SUCCEEDS (REEL), .no_tag = "instagram-like-count" },
  { "rest: like_count 1e300", P, SET ("like_count", "1e300"),
      READ ("'like_count' is out of range") },
  { "rest: like_count 10.0 (accepted)", P, SET ("like_count", "10.0"),
      SUCCEEDS (REEL) },
  { "rest: like_count is a word", P, SET ("like_count", "'many'"),
      READ ("'like_count' is not a decimal number") },
  /* An integer beyond 64 bits is refused by name before json-glib reads it
   * (1.6 gives -1, 1.10 G_MAXINT64: neither is Instagram's number). */
  { "rest: like_count overflows 64 bits", P,
      SUB ("\"like_count\":10", "\"like_count\":99999999999999999999"),
      READ ("field 'like_count' is an integer beyond 64 bits: "
            "99999999999999999999") },
  { "rest: like_count below -2^63", P,
      SUB ("\"like_count\":10", "\"like_count\":-9223372036854775809"),
      READ ("field 'like_count' is an integer beyond 64 bits: "
            "-9223372036854775809") },
  { "rest: like_count 2^63-1 (fits)", P,
      SUB ("\"like_count\":10", "\"like_count\":9223372036854775807"),
      SUCCEEDS (REEL) },
  { "rest: pk integer overflows 64 bits", P,
      SUB ("\"pk\":\"" FAKE_PK_REEL "\"", "\"pk\":99999999999999999999"),
      READ ("field 'pk' is an integer beyond 64 bits") },
  { "rest: video width overflows 64 bits", P,
      SUB ("\"width\":720", "\"width\":99999999999999999999"),
      READ ("field 'width' is an integer beyond 64 bits") },
  { "rest: comment_count is an array", P, SET ("comment_count", "[]"),
      READ ("field 'comment_count'") },
  { "rest: view_count is a boolean", P, SET ("view_count", "true"),
      READ ("field 'view_count'") },
  { "rest: play_count is an object", P, SET ("play_count", "{}"),
      READ ("field 'play_count'") },
  { "rest: original_width is a string", P, SET ("original_width", "'720'"),
      READ ("field 'original_width'") },
  { "rest: original_height -1", P, SET ("original_height", "-1"),
      READ ("'original_height' is out of range") },
  { "rest: original_height 2^31", P, SET ("original_height", "2147483648"),
      READ ("'original_height' is out of range") },
  { "rest: video_duration is a string", P, SET ("video_duration", "'2s'"),
      READ ("field 'video_duration'") },
  { "rest: video_duration -2", P, SET ("video_duration", "-2"),
      READ ("'video_duration' is out of range") },
  { "rest: video_duration 1e300", P, SET ("video_duration", "1e300"),
      READ ("'video_duration' is out of range") },
  { "rest: has_audio is a string", P, SET ("has_audio", "'yes'"),
      READ ("field 'has_audio'") },
  { "rest: video_dash_manifest is a number", P,
      SET ("video_dash_manifest", "5"), READ ("field 'video_dash_manifest'") },
  { "rest: video_dash_manifest not XML, progressive", P,
      SET ("video_dash_manifest", "'this is <<< not { XML'"), SUCCEEDS (REEL) },
  { "rest: video_versions is an object", P, SET ("video_versions", "{}"),
      READ ("field 'video_versions'") },
  { "rest: video_versions empty", P, SET ("video_versions", "[]"),
      READ ("no usable image or video") },
  { "rest: no video_versions", P, DEL ("video_versions"),
      READ ("no usable image or video") },
  { "rest: video_versions[0] is a number", P, SET ("video_versions.0", "5"),
      READ ("'video_versions[0]' is an integer") },
  { "rest: video url is a number", P, SET ("video_versions.1.url", "5"),
      READ ("field 'url'") },
  { "rest: largest video without url (next one used)", P,
      DEL ("video_versions.1.url"), SUCCEEDS (REEL480) },
  { "rest: video width -1", P, SET ("video_versions.1.width", "-1"),
      READ ("'width' is out of range") },
  { "rest: video width 1.5", P, SET ("video_versions.1.width", "1.5"),
      READ ("'width' is not an integer: 1.5") },
  { "rest: video width 720.0 (accepted)", P,
      SET ("video_versions.1.width", "720.0"), SUCCEEDS (REEL) },
  { "rest: video height 1e300", P, SET ("video_versions.1.height", "1e300"),
      READ ("'height' is out of range 0..2147483647: 1e+300") },
  { "rest: video height 2^31", P, SET ("video_versions.1.height", "2147483648"),
      READ ("'height' is out of range") },
  { "rest: video type is a string", P, SET ("video_versions.1.type", "'x'"),
      READ ("field 'type'") },
  { "rest: video id is an object", P, SET ("video_versions.1.id", "{}"),
      READ ("field 'id'") },
  { "rest: video id is an integer (tolerated)", P,
      SET ("video_versions.1.id", "12345"), SUCCEEDS (REEL) },
  { "rest: video bandwidth is a word", P,
      SET ("video_versions.1.bandwidth", "'fast'"),
      READ ("'bandwidth' is not a decimal number") },
  { "rest: video bandwidth -1 (tolerated)", P,
      SET ("video_versions.1.bandwidth", "-1"), SUCCEEDS (REEL) },
  { "rest: largest video url javascript: (ignored)", P,
      SET ("video_versions.1.url", "'javascript:alert(1)'"),
      SUCCEEDS (REEL480) },
  { "rest: largest video url file:///etc/passwd (ignored)", P,
      SET ("video_versions.1.url", "'file:///etc/passwd'"),
      SUCCEEDS (REEL480) },
  { "rest: largest video url ftp:// (ignored)", P,
      SET ("video_versions.1.url", "'ftp://127.0.0.1/cdn/x.mp4'"),
      SUCCEEDS (REEL480) },
  { "rest: largest video url relative (ignored)", P,
      SET ("video_versions.1.url", "'/cdn/" REEL "'"), SUCCEEDS (REEL480) },
  { "rest: largest video url without host (ignored)", P,
      SET ("video_versions.1.url", "'http:///cdn/x.mp4'"), SUCCEEDS (REEL480) },
  { "rest: largest video url data: (ignored)", P,
      SET ("video_versions.1.url", "'data:video/mp4;base64,AAAA'"),
      SUCCEEDS (REEL480) },
  { "rest: every video url unusable", P,
      SET ("video_versions",
          "[{'width':720,'height':1280,'url':'javascript:alert(1)'},"
          "{'width':480,'height':854,'url':'file:///etc/passwd'}]"),
      READ ("no usable image or video") },
  { "rest: image_versions2 is a string", P, SET ("image_versions2", "'x'"),
      READ ("field 'image_versions2'") },
  { "rest: candidates is an object", P,
      SET ("image_versions2.candidates", "{}"), READ ("field 'candidates'") },
  { "rest: candidates[0] null", P, SET ("image_versions2.candidates.0", "null"),
      READ ("'candidates[0]' is null") },
  { "rest image: the good answer (control)", PI,
      SUCCEEDS (FAKE_MEDIA_IMAGE_LARGE) },
  { "rest image: no candidates", PI, SET ("image_versions2", "{}"),
      READ ("no usable image or video") },
  { "rest image: candidates empty", PI,
      SET ("image_versions2.candidates", "[]"),
      READ ("no usable image or video") },
  { "rest image: no image_versions2", PI, DEL ("image_versions2"),
      READ ("no usable image or video") },
  { "rest image: largest candidate without url", PI,
      DEL ("image_versions2.candidates.0.url"),
      SUCCEEDS (FAKE_MEDIA_IMAGE_MEDIUM) },
  { "rest image: candidate width is a string", PI,
      SET ("image_versions2.candidates.0.width", "'1080'"),
      READ ("field 'width'") },
  { "rest image: candidate height -1", PI,
      SET ("image_versions2.candidates.0.height", "-1"),
      READ ("'height' is out of range") },
  { "rest image: every candidate url unusable", PI,
      SET ("image_versions2.candidates",
          "[{'width':1080,'height':1350,'url':'javascript:alert(1)'},"
          "{'width':640,'height':800,'url':'file:///etc/passwd'},"
          "{'width':320,'height':400,'url':'img-320x400.jpg'}]"),
      READ ("no usable image or video") },
  { "rest carousel: the good answer (control)", PC,
      SUCCEEDS (FAKE_MEDIA_CAROUSEL_1) },
  { "rest carousel: carousel_media empty", PC, SET ("carousel_media", "[]"),
      READ ("no usable carousel item") },
  { "rest carousel: no carousel_media", PC, DEL ("carousel_media"),
      READ ("no usable carousel item") },
  { "rest carousel: carousel_media is an object", PC,
      SET ("carousel_media", "{}"), READ ("field 'carousel_media'") },
  { "rest carousel: carousel_media[0] null", PC,
      SET ("carousel_media.0", "null"), READ ("'carousel_media[0]' is null") },
  { "rest carousel: child without media_type (2026)", PC,
      DEL ("carousel_media.0.media_type"), SUCCEEDS (FAKE_MEDIA_CAROUSEL_1) },
  { "rest carousel: child without media_type or media", PC,
      SUB ("{\"pk\":\"1922949320000000001\",\"media_type\":1,"
           "\"image_versions2\"",
          "{\"pk\":\"1922949320000000001\",\"nothing\""),
      READ ("'media_type' is missing, and neither") },
  { "rest carousel: child is a carousel", PC,
      SET ("carousel_media.0.media_type", "8"),
      READ ("not a known media type") },
  { "rest carousel: child pk is a float", PC,
      SET ("carousel_media.0.pk", "1.5e18"),
      READ ("'pk' is a float beyond 2^53") },
  { "rest carousel: first child without media, the default", PC,
      SET ("carousel_media.0.image_versions2", "{}"),
      READ ("carousel item 1 of 2 has no usable media: the image has no "
            "candidate with an http(s) URL") },
  { "rest carousel: first child without media, media-index=1", PC,
      SET ("carousel_media.0.image_versions2", "{}"),
      SUCCEEDS (FAKE_MEDIA_CAROUSEL_VIDEO), .props = "media-index=1" },
  { "rest carousel: no child has media", PC,
      SET ("carousel_media",
          "[{'media_type':1,'image_versions2':{'candidates':[]}},"
          "{'media_type':2,'image_versions2':{'candidates':[{'width':1,"
          "'height':1,'url':'@CDN:" FAKE_MEDIA_CAROUSEL_1 "@'}]}}]"),
      READ ("no usable carousel item") },
};

/* Every field the model reads in the GraphQL shape, through the xdt
 * doc_id. */
static const BadRow graphql_rows[] = {
  { "graphql: the good answer (control)", X, SUCCEEDS (REEL) },
  { "graphql: xdt_shortcode_media null", X,
      .body = "{\"data\":{\"xdt_shortcode_media\":null},\"status\":\"ok\"}",
      FAILS (NOT_FOUND, "xdt_shortcode_media: Instagram returned no media") },
  { "graphql: HTML login page, 200", X, .content_type = "text/html",
      .body = LOGIN_PAGE, READ ("looks like HTML") },
  { "graphql: truncated in the middle", X, .make = truncated, .n = 0,
      READ ("not JSON") },
  { "graphql: no __typename", X, DEL ("__typename"),
      READ ("'__typename' is not a known media type") },
  { "graphql: __typename is a number", X, SET ("__typename", "5"),
      READ ("field '__typename'") },
  { "graphql: __typename GraphStory", X, SET ("__typename", "'GraphStory'"),
      READ ("'__typename' is not a known media type") },
  { "graphql: id is a float (1.5e18)", X, SET ("id", "1.5e18"),
      READ ("'id' is a float beyond 2^53") },
  { "graphql: id is a word", X, SET ("id", "'x'"), READ ("not a decimal id") },
  { "graphql: shortcode is an array", X, SET ("shortcode", "[]"),
      READ ("field 'shortcode'") },
  { "graphql: product_type is a number", X, SET ("product_type", "1"),
      READ ("field 'product_type'") },
  { "graphql: owner is a string", X, SET ("owner", "'x'"),
      READ ("field 'owner'") },
  { "graphql: owner.username is a number", X, SET ("owner.username", "1"),
      READ ("field 'username'") },
  { "graphql: owner.full_name is an array", X, SET ("owner.full_name", "[]"),
      READ ("field 'full_name'") },
  { "graphql: edge_media_to_caption is a string", X,
      SET ("edge_media_to_caption", "'x'"),
      READ ("field 'edge_media_to_caption'") },
  { "graphql: caption edges is an object", X,
      SET ("edge_media_to_caption.edges", "{}"), READ ("field 'edges'") },
  { "graphql: caption edges[0] is a number", X,
      SET ("edge_media_to_caption.edges.0", "5"),
      READ ("'edges[0]' is an integer") },
  { "graphql: caption node is a string", X,
      SET ("edge_media_to_caption.edges.0.node", "'x'"),
      READ ("field 'node'") },
  { "graphql: caption text is a number", X,
      SET ("edge_media_to_caption.edges.0.node.text", "5"),
      READ ("field 'text'") },
  { "graphql: caption edges empty (tolerated)", X,
      SET ("edge_media_to_caption.edges", "[]"), SUCCEEDS (REEL),
      .no_tag = GST_TAG_TITLE },
  { "graphql: taken_at_timestamp is a word", X,
      SET ("taken_at_timestamp", "'x'"),
      READ ("'taken_at_timestamp' is not a decimal number") },
  { "graphql: location.name is a number", X, SET ("location.name", "5"),
      READ ("field 'name'") },
  { "graphql: like count is a word", X,
      SET ("edge_media_preview_like.count", "'lots'"),
      READ ("'count' is not a decimal number") },
  { "graphql: like count -5 (tolerated as unknown)", X,
      SET ("edge_media_preview_like.count", "-5"), SUCCEEDS (REEL),
      .no_tag = "instagram-like-count" },
  { "graphql: edge_media_preview_like is a number", X,
      SET ("edge_media_preview_like", "5"),
      READ ("field 'edge_media_preview_like'") },
  { "graphql: comment count is an object", X,
      SET ("edge_media_to_parent_comment.count", "{}"),
      READ ("field 'count'") },
  { "graphql: video_view_count is a word", X, SET ("video_view_count", "'x'"),
      READ ("'video_view_count' is not a decimal number") },
  { "graphql: dimensions is a string", X, SET ("dimensions", "'720x1280'"),
      READ ("field 'dimensions'") },
  { "graphql: width -1", X, SET ("dimensions.width", "-1"),
      READ ("'width' is out of range") },
  { "graphql: height 1e300", X, SET ("dimensions.height", "1e300"),
      READ ("'height' is out of range 0..2147483647: 1e+300") },
  { "graphql: width 720.0 (accepted)", X, SET ("dimensions.width", "720.0"),
      SUCCEEDS (REEL) },
  { "graphql: taken_at_timestamp 1.661529231e9 (accepted)", X,
      SET ("taken_at_timestamp", "1.661529231e9"), SUCCEEDS (REEL) },
  { "graphql: video_duration is a string", X, SET ("video_duration", "'2'"),
      READ ("field 'video_duration'") },
  { "graphql: has_audio is a string", X, SET ("has_audio", "'yes'"),
      READ ("field 'has_audio'") },
  { "graphql: dash_info is a string", X, SET ("dash_info", "'x'"),
      READ ("field 'dash_info'") },
  { "graphql: dash manifest is a number", X,
      SET ("dash_info.video_dash_manifest", "5"),
      READ ("field 'video_dash_manifest'") },
  { "graphql: dash manifest not XML, progressive", X,
      SET ("dash_info.video_dash_manifest", "'<<<not XML'"), SUCCEEDS (REEL) },
  { "graphql: display_resources is an object", X,
      SET ("display_resources", "{}"), READ ("field 'display_resources'") },
  { "graphql: display_resources[0] null", X,
      SET ("display_resources.0", "null"),
      READ ("'display_resources[0]' is null") },
  { "graphql: display src is a number", X, SET ("display_resources.0.src", "5"),
      READ ("field 'src'") },
  { "graphql: config_width is a string", X,
      SET ("display_resources.0.config_width", "'720'"),
      READ ("field 'config_width'") },
  { "graphql: display_url is a number", X, SET ("display_url", "5"),
      READ ("field 'display_url'") },
  { "graphql: video_url is a number", X, SET ("video_url", "5"),
      READ ("field 'video_url'") },
  { "graphql: no video_url", X, DEL ("video_url"),
      READ ("no usable image or video") },
  { "graphql: video_url javascript:", X,
      SET ("video_url", "'javascript:alert(1)'"),
      READ ("no usable image or video") },
  { "graphql: video_url file:///etc/passwd", X,
      SET ("video_url", "'file:///etc/passwd'"),
      READ ("no usable image or video") },
  { "graphql sidecar: the good answer (control)", XS,
      SUCCEEDS (FAKE_MEDIA_CAROUSEL_1) },
  { "graphql sidecar: no children", XS,
      SET ("edge_sidecar_to_children.edges", "[]"),
      READ ("no usable carousel item") },
  { "graphql sidecar: no edge_sidecar_to_children", XS,
      DEL ("edge_sidecar_to_children"), READ ("no usable carousel item") },
  { "graphql sidecar: edge_sidecar_to_children is a string", XS,
      SET ("edge_sidecar_to_children", "'x'"),
      READ ("field 'edge_sidecar_to_children'") },
  { "graphql sidecar: edges[0] is a number", XS,
      SET ("edge_sidecar_to_children.edges.0", "5"),
      READ ("'edges[0]' is an integer") },
  { "graphql sidecar: child node null", XS,
      SET ("edge_sidecar_to_children.edges.0.node", "null"),
      READ ("no usable carousel item") },
  { "graphql sidecar: child is a sidecar", XS,
      SET ("edge_sidecar_to_children.edges.0.node.__typename",
          "'XDTGraphSidecar'"),
      READ ("not a known media type") },
  { "graphql sidecar: child src ftp:// only", XS,
      SET ("edge_sidecar_to_children.edges.0.node.display_resources.0.src",
          "'ftp://127.0.0.1/x.jpg'"),
      READ ("no usable carousel item") },
};

/* Media info (logged in), the ruling check, the homepage, the post page,
 * redirects and the CDN. */
static const BadRow other_rows[] = {
  { "media info: the good answer (control)", M, SUCCEEDS (REEL) },
  { "media info: HTML login page, 200", M, .content_type = "text/html",
      .body = LOGIN_PAGE, READ ("media info: the answer is not JSON") },
  { "media info: items empty", M, .body = "{\"items\":[],\"status\":\"ok\"}",
      READ ("media info: the answer has no items") },
  { "media info: no items", M, .body = "{\"status\":\"ok\"}",
      READ ("media info: the answer has no items") },
  { "media info: items is a string", M, .body = "{\"items\":\"x\"}",
      READ ("media info: the answer has no items") },
  { "media info: items[0] null", M, SET ("", "null"),
      READ ("the media is null") },
  { "media info: pk is a float", M, SET ("pk", "1.5e18"),
      READ ("'pk' is a float beyond 2^53") },
  { "media info: truncated", M, .make = truncated, .n = -2,
      READ ("media info: the answer is not JSON") },
  { "media info: 10 MB body", M, .make = huge_json, .n = 10,
      READ ("larger than 8388608 bytes") },
  { "media info: objects nested 10000 deep", M, .make = deep_objects,
      .n = 10000, READ ("nests deeper than 512") },
  { "media info: HTTP 400 checkpoint_required", M, .status = 400,
      .body = CHECKPOINT_BODY, FAILS (NOT_AUTHORIZED, "checkpoint_required") },
  { "media info: HTTP 400 media not found", M, .status = 400,
      .body = "{\"message\":\"Media not found or unavailable\","
              "\"status\":\"fail\"}",
      READ ("media info: unexpected HTTP 400") },
  { "media info: HTML, anonymous fallback works", MF,
      .content_type = "text/html", .body = LOGIN_PAGE, SUCCEEDS (REEL) },
  { "media info: truncated, anonymous fallback works", MF, .make = truncated,
      .n = 0, SUCCEEDS (REEL) },
  { "media info (ios): 302 loop to itself, fallback works", &media_info_loop,
      SUCCEEDS (REEL) },
  { "ruling: HTML, 200 (tolerated)", A, .content_type = "text/html",
      .body = LOGIN_PAGE, SUCCEEDS (REEL) },
  { "ruling: wrong types (tolerated)", A,
      .body = "{\"status\":5,\"title\":{},\"description\":[]}",
      SUCCEEDS (REEL) },
  { "ruling: 10 MB body (tolerated)", A, .make = huge_json, .n = 10,
      SUCCEEDS (REEL) },
  { "ruling: nested 10000 deep (tolerated)", A, .make = deep_arrays, .n = 10000,
      SUCCEEDS (REEL) },
  { "ruling: 302 without Location (tolerated)", A, .status = 302,
      .content_type = "text/html", .body = "<html>moved</html>",
      SUCCEEDS (REEL) },
  { "ruling: age gate (Restricted Video)", A,
      .body = "{\"status\":\"fail\",\"title\":\"Restricted Video\","
              "\"description\":\"You must be 18 years old or over to see "
              "this video.\"}",
      FAILS (NOT_AUTHORIZED, "Restricted Video") },
  { "ruling: HTTP 500", A, .status = 500, .content_type = "text/html",
      .body = "<html>oops</html>", FAILS (OPEN_READ, "ruling check") },
  { "ruling: HTTP 429", A, .status = 429, .content_type = "text/html",
      .body = "<html>429</html>", FAILS (BUSY, "ruling check") },
  { "site: every answer an HTML shell without LSD", A, .prefix = "/",
      .content_type = "text/html",
      .body = "<html><div id=\"splash-screen\"></div></html>",
      READ ("no LSD token") },
  { "site: LSD token 300 characters long", A, .prefix = "/",
      .content_type = "text/html", .make = long_lsd, .n = 300,
      READ ("no LSD token") },
  { "site: LSD token with markup in it", A, .prefix = "/",
      .content_type = "text/html",
      .body = "<script>[\"LSD\",[],{\"token\":\"<img src=x>\"}]</script>",
      READ ("no LSD token") },
  { "site: every answer empty", A, .prefix = "/", .content_type = "text/html",
      .body = "", READ ("no LSD token") },
  { "site: every answer 10 MB of HTML", A, .prefix = "/",
      .content_type = "text/html", .make = huge_html, .n = 10,
      READ ("larger than 8388608 bytes") },
  { "site: every answer HTTP 500", A, .prefix = "/", .status = 500,
      .content_type = "text/html", .body = "<html>oops</html>",
      FAILS (OPEN_READ, "homepage: server error HTTP 500") },
  /* The homepage redirecting to itself looks like Instagram's newer login
   * wall (a redirect to "/"), so it is reported as one. The HTTP helper
   * never follows API redirects: one request, no loop. */
  { "site: homepage 302 loop to itself", &www_loop,
      FAILS (NOT_AUTHORIZED, "homepage: Instagram redirected to the login") },
  { "site: every request 302 to the login page", &www_login,
      FAILS (NOT_AUTHORIZED, "redirected to the login page") },
  { "page: no data-sjs", &page, .content_type = "text/html",
      .body = "<html><body>post</body></html>", READ ("data-sjs") },
  { "page: data-sjs nested 10000 deep", &page, .content_type = "text/html",
      .make = page_deep, .n = 10000, READ ("data-sjs") },
  { "page: data-sjs never closed", &page, .content_type = "text/html",
      .body = "<script type=\"application/json\" data-sjs>{\"a\":",
      READ ("data-sjs") },
  { "page: data-sjs truncated JSON", &page, .content_type = "text/html",
      .body = "<script type=\"application/json\" data-sjs>{\"xig_polaris_"
              "media\":{\"if_not_gated_logged_out\":{\"media_ty</script>",
      READ ("data-sjs") },
  { "page: data-sjs with two JSON documents", &page,
      .content_type = "text/html",
      .body = "<script type=\"application/json\" data-sjs>{\"a\":1}"
              "{\"xig_polaris_media\":{\"if_not_gated_logged_out\":null}}"
              "</script>",
      READ ("data-sjs") },
  { "page: gated for logged-out users", &page, .content_type = "text/html",
      .body = "<script type=\"application/json\" data-sjs>{\"xig_polaris_"
              "media\":{\"if_not_gated_logged_out\":null}}</script>",
      FAILS (NOT_AUTHORIZED, "logged-in users only") },
  { "page: HTTP 404", &page, .status = 404, .content_type = "text/html",
      .body = "<html>Sorry, this page isn't available.</html>",
      FAILS (NOT_FOUND, "page: HTTP 404") },
  { "cdn: 200 with an HTML page", A, .prefix = "/cdn/",
      .content_type = "text/html", .body = LOGIN_PAGE,
      READ ("HTML page instead of media") },
  { "cdn: 200 with an empty body", A, .prefix = "/cdn/",
      .content_type = "video/mp4", .body = "", READ ("empty") },
  { "cdn: HTTP 404", A, .prefix = "/cdn/", .status = 404,
      .content_type = "text/plain", .body = "Not Found",
      FAILS (NOT_FOUND, "HTTP 404") },
  { "cdn: HTTP 403, also after resolving again", A, .prefix = "/cdn/",
      .status = 403, .content_type = "text/plain", .body = "Bad URL hash",
      FAILS (OPEN_READ, "HTTP 403") },
  { "cdn: HTTP 500", A, .prefix = "/cdn/", .status = 500,
      .content_type = "text/plain", .body = "oops",
      FAILS (OPEN_READ, "HTTP 500") },
  /* The CDN reader lets libsoup follow redirects, up to its limit. */
  { "cdn: video url in a 302 loop", P,
      SUB ("@CDN:" REEL "@", "@LOOP@/cdn/" REEL),
      FAILS (OPEN_READ, "Too many redirects") },
};

/* ---- running them ---- */

static void
apply_redirect (Redirect redirect)
{
  if (redirect == REDIRECT_MOBILE_LOOP)
    g_setenv ("GST_INSTAGRAM_MOBILE_BASE",
        ig_test_redirector_get_base (loop_server), TRUE);
  else if (redirect == REDIRECT_WWW_LOOP)
    g_setenv ("GST_INSTAGRAM_WWW_BASE",
        ig_test_redirector_get_base (loop_server), TRUE);
  else if (redirect == REDIRECT_WWW_LOGIN)
    g_setenv ("GST_INSTAGRAM_WWW_BASE",
        ig_test_redirector_get_base (login_server), TRUE);
}

static void
reset_fake (const char *prefix)
{
  if (prefix != NULL)
    fake_instagram_set_answer (fake, prefix, 0, NULL, NULL);
  fake_instagram_set_generation (fake, FAKE_GEN_ALL);
  ig_test_fresh_cache (); /* every row starts cold */
  g_setenv ("GST_INSTAGRAM_WWW_BASE", fake_instagram_get_base (fake), TRUE);
  g_setenv ("GST_INSTAGRAM_MOBILE_BASE", fake_instagram_get_base (fake), TRUE);
}

/* "read", "not-found", ... */
static const char *
code_name (gint code)
{
  GEnumClass *klass = g_type_class_ref (GST_TYPE_RESOURCE_ERROR);
  GEnumValue *value = g_enum_get_value (klass, code);

  g_type_class_unref (klass);
  return value != NULL ? value->value_nick : "?";
}

static gboolean
has_tag (const GstTagList *tags, const char *tag)
{
  return tags != NULL && gst_tag_list_get_tag_size (tags, tag) > 0;
}

/* Runs @row; returns NULL when it went as expected, else what went
 * wrong. *outcome says what happened. */
static char *
run_row (const BadRow *row, char **outcome)
{
  const Setup *setup = row->setup;
  const char *prefix = row->prefix ? row->prefix : setup->prefix;
  g_autoptr (GBytes) body = row_body (row);
  g_autofree char *dir = ig_test_make_temp_dir ();
  g_autofree char *out = g_build_filename (dir, "out.bin", NULL);
  g_autofree char *launch = g_strdup_printf (
      "instagramsrc uri=\"%s\" retries=0 timeout=10 %s %s ! filesink "
      "location=\"%s\"",
      setup->uri, setup->props, row->props ? row->props : "", out);
  g_autoptr (IgTestRun) run = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *debug = NULL;
  GstElement *pipeline;
  GstState state = GST_STATE_VOID_PENDING;
  gint64 start, took;
  char *problem = NULL;

  fake_instagram_set_generation (fake, setup->generation);
  apply_redirect (setup->redirect);
  if (body != NULL)
    fake_instagram_set_answer (fake, prefix, row->status ? row->status : 200,
        row->content_type ? row->content_type : "application/json", body);
  pipeline = gst_parse_launch (launch, &error);
  fail_unless (pipeline != NULL, "%s: %s", launch,
      error ? error->message : "?");
  start = g_get_monotonic_time ();
  run = ig_test_run (pipeline,
      (guint) (slow (60 * G_USEC_PER_SEC) / G_USEC_PER_SEC));
  took = g_get_monotonic_time () - start;
  if (gst_element_get_state (pipeline, &state, NULL, 0)
          != GST_STATE_CHANGE_SUCCESS
      || state != GST_STATE_NULL)
    problem = g_strdup ("the pipeline did not reach NULL");
  gst_object_unref (pipeline);
  reset_fake (body != NULL ? prefix : NULL);

  if (GST_MESSAGE_TYPE (run->done) == GST_MESSAGE_ERROR) {
    g_clear_error (&error);
    gst_message_parse_error (run->done, &error, &debug);
    *outcome = g_strdup_printf ("%s %s", g_quark_to_string (error->domain),
        gst_resource_error_quark () == error->domain ? code_name (error->code)
                                                     : "?");
  } else {
    *outcome = g_strdup ("EOS");
  }
  if (problem != NULL)
    return problem;
  if (took > slow (10 * G_USEC_PER_SEC))
    return g_strdup_printf ("took %.1f s", took / 1e6);
  if (row->domain == NULL) {
    if (error != NULL)
      return g_strdup_printf ("expected success, got %s (%s)", error->message,
          debug);
    if (!ig_test_files_equal (out,
            fake_instagram_get_media_path (fake, row->media)))
      return g_strdup_printf ("the output is not %s", row->media);
    if (row->no_tag != NULL && has_tag (run->tags, row->no_tag))
      return g_strdup_printf ("unexpected tag %s", row->no_tag);
    return NULL;
  }
  if (error == NULL)
    return g_strdup ("expected an error, got EOS");
  if (error->domain != row->domain () || error->code != row->code)
    return g_strdup_printf ("expected %s %s (%s), got: %s (%s)",
        g_quark_to_string (row->domain ()), code_name (row->code),
        row->detail ? row->detail : "", error->message, debug);
  if (strstr (error->message, setup->uri) == NULL)
    return g_strdup_printf ("the message does not name the URI: %s",
        error->message);
  if (row->detail != NULL && strstr (debug, row->detail) == NULL)
    return g_strdup_printf ("'%s' not in the debug string: %s", row->detail,
        debug);
  return NULL;
}

static void
run_rows (const char *title, const BadRow *rows, guint n)
{
  g_autoptr (GString) table = g_string_new (NULL);
  g_autoptr (GString) failures = g_string_new (NULL);
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < n; i++) {
    g_autofree char *outcome = NULL;
    g_autofree char *problem = run_row (&rows[i], &outcome);

    g_string_append_printf (table, "\n  %-58s -> %s%s", rows[i].name, outcome,
        problem ? "  ** MISMATCH" : "");
    if (problem != NULL)
      g_string_append_printf (failures, "\n  %s: %s", rows[i].name, problem);
  }
  g_test_message ("%s: %u cases in %.1f s%s", title, n,
      (g_get_monotonic_time () - start) / 1e6, table->str);
  fail_unless (failures->len == 0, "%s:%s", title, failures->str);
}

GST_START_TEST (test_answers)
{
  run_rows ("whole answers", answer_rows, G_N_ELEMENTS (answer_rows));
}
GST_END_TEST;

GST_START_TEST (test_rest_fields)
{
  run_rows ("REST item fields", rest_rows, G_N_ELEMENTS (rest_rows));
}
GST_END_TEST;

GST_START_TEST (test_graphql_fields)
{
  run_rows ("GraphQL fields", graphql_rows, G_N_ELEMENTS (graphql_rows));
}
GST_END_TEST;

GST_START_TEST (test_other_endpoints)
{
  run_rows ("other endpoints", other_rows, G_N_ELEMENTS (other_rows));
}
GST_END_TEST;

/* Three children, the 2nd a video whose only file is not http(s). */
#define CHILDREN_2ND_UNUSABLE \
  "[{'pk':'1922949320000000001','media_type':1,'image_versions2':{" \
  "'candidates':[{'width':1080,'height':1080," \
  "'url':'@CDN:" FAKE_MEDIA_CAROUSEL_1 "@'}]}}," \
  "{'pk':'1922949320000000002','media_type':2,'video_versions':[" \
  "{'width':720,'height':900,'url':'ftp://127.0.0.1/cdn/x.mp4'}]," \
  "'image_versions2':{'candidates':[{'width':720,'height':900," \
  "'url':'@CDN:carousel-2-720x900.jpg@'}]}}," \
  "{'pk':'1922949320000000003','media_type':1,'image_versions2':{" \
  "'candidates':[{'width':1080,'height':1080," \
  "'url':'@CDN:" FAKE_MEDIA_CAROUSEL_3 "@'}]}}]"
#define UNUSABLE_2ND \
  "carousel item 2 of 3 has no usable media: the video has no file with " \
  "an http(s) URL"

/* Runs @row's URI against its answer, for a look at the run. */
static IgTestRun *
run_answer (const BadRow *row)
{
  g_autoptr (GBytes) body = row_body (row);
  g_autofree char *out = NULL;
  IgTestRun *run;

  fake_instagram_set_generation (fake, row->setup->generation);
  fake_instagram_set_answer (fake, row->setup->prefix, 200, "application/json",
      body);
  out = ig_test_save (row->setup->uri, "retries=0", &run);
  reset_fake (row->setup->prefix);
  return run;
}

/* A carousel child without usable media keeps Instagram's numbering:
 * img_index=3 is the 3rd child, and img_index=2 an error naming the 2nd. */
GST_START_TEST (test_carousel_numbering)
{
  static const BadRow rows[] = {
    { "carousel: img_index=3, the 2nd child unusable", &polaris_carousel_3,
        SET ("carousel_media", CHILDREN_2ND_UNUSABLE),
        SUCCEEDS (FAKE_MEDIA_CAROUSEL_3) },
    { "carousel: img_index=2, the 2nd child unusable", &polaris_carousel_2,
        SET ("carousel_media", CHILDREN_2ND_UNUSABLE), READ (UNUSABLE_2ND) },
  };
  g_autoptr (IgTestRun) run = NULL;
  const GstStructure *second_item;
  guint n = 0, streamed = 0;

  run_rows ("carousel numbering", rows, G_N_ELEMENTS (rows));
  /* the text, not only the debug string, names the item */
  run = run_answer (&rows[1]);
  ig_test_assert_error (run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_READ,
      UNUSABLE_2ND);
  g_clear_pointer (&run, ig_test_run_free);
  /* the media message lists the unusable child, without versions */
  run = run_answer (&rows[0]);
  ig_test_assert_eos (run);
  fail_unless (gst_structure_get_uint (run->media, "n-items", &n));
  fail_unless_equals_int (n, 3);
  fail_unless (
      gst_structure_get_uint (run->media, "streamed-index", &streamed));
  fail_unless_equals_int (streamed, 2);
  second_item = gst_value_get_structure (
      gst_value_array_get_value (gst_structure_get_value (run->media, "items"),
          1));
  fail_unless (gst_structure_get_uint (second_item, "index", &n));
  fail_unless_equals_int (n, 1);
  fail_unless_equals_string (gst_structure_get_string (second_item, "type"),
      "video");
  fail_unless_equals_string (gst_structure_get_string (second_item, "unusable"),
      "the video has no file with an http(s) URL");
  fail_if (gst_structure_has_field (second_item, "progressive"));
  fail_if (gst_structure_has_field (second_item, "dash"));
}
GST_END_TEST;

/* The DASH delivery modes fall back to the progressive file when the
 * manifest is not XML. */
GST_START_TEST (test_manifest_not_xml_delivery)
{
  static const BadRow rows[] = {
    { "rest: manifest not XML, delivery=auto", P,
        SET ("video_dash_manifest", "'this is <<< not { XML'"), SUCCEEDS (REEL),
        .props = "delivery=auto" },
    { "rest: manifest not XML, delivery=dash", P,
        SET ("video_dash_manifest", "'this is <<< not { XML'"), SUCCEEDS (REEL),
        .props = "delivery=dash" },
    { "rest: manifest empty, delivery=dash", P,
        SET ("video_dash_manifest", "''"), SUCCEEDS (REEL),
        .props = "delivery=dash" },
  };
  GstElementFactory *factory = gst_element_factory_find ("instagramsrc");
  GstElement *probe = gst_element_factory_create (factory, NULL);
  gboolean has_delivery =
      g_object_class_find_property (G_OBJECT_GET_CLASS (probe), "delivery")
      != NULL;

  gst_object_unref (probe);
  gst_object_unref (factory);
  if (!has_delivery) {
    g_test_message ("no delivery property: DASH cases skipped");
    return;
  }
  run_rows ("manifest not XML", rows, G_N_ELEMENTS (rows));
}
GST_END_TEST;

/* The API helper never follows a redirect: one request to the loop. */
GST_START_TEST (test_api_redirect_not_followed)
{
  g_autoptr (IgTestRun) run = NULL;
  g_autofree char *launch = g_strdup_printf (
      "instagramsrc uri=%s retries=0 session-id=%s api-client=ios ! fakesink",
      REEL_URI, FAKE_SESSION_ID);

  fake_instagram_set_generation (fake, 0);
  g_setenv ("GST_INSTAGRAM_MOBILE_BASE",
      ig_test_redirector_get_base (loop_server), TRUE);
  run = ig_test_run_launch (launch, 30);
  ig_test_assert_error (run, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_READ,
      REEL_URI);
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *debug = NULL;

    gst_message_parse_error (run->done, &error, &debug);
    fail_unless (strstr (debug, "media info: unexpected HTTP 302 redirect to")
            != NULL,
        "%s", debug);
  }
  fail_unless_equals_int (ig_test_redirector_count (loop_server), 1);
}
GST_END_TEST;

static Suite *
badinput_suite (void)
{
  Suite *s = suite_create ("instagramsrc-badinput");
  TCase *tc = tcase_create ("badinput");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_bad_uris);
  tcase_add_test (tc, test_bad_uri_property);
  tcase_add_test (tc, test_answers);
  tcase_add_test (tc, test_rest_fields);
  tcase_add_test (tc, test_graphql_fields);
  tcase_add_test (tc, test_other_endpoints);
  tcase_add_test (tc, test_manifest_not_xml_delivery);
  tcase_add_test (tc, test_carousel_numbering);
  tcase_add_test (tc, test_api_redirect_not_followed);
  return s;
}

GST_CHECK_MAIN (badinput);
