/* gst-instagram tests: the fake Instagram as a program, for the demo and
 * the benchmarks. Serves until SIGINT or SIGTERM. Prints "fake-instagram
 * listening on BASE", then one "cdn-url NAME URL" line per --cdn-url;
 * --log FILE keeps its request log in a file another process can read;
 * --era 2026-12 and the flags after it serve December 2026's Instagram.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fake-instagram.h"

#include <errno.h>
#include <glib-unix.h>
#include <stdio.h>
#include <stdlib.h>

static const struct
{
  const char *name;
  guint mask;
} generations[] = {
  { "polaris", FAKE_GEN_POLARIS },
  { "page", FAKE_GEN_PAGE },
  { "xdt", FAKE_GEN_XDT },
  { "query_hash", FAKE_GEN_QUERY_HASH },
  { "all", FAKE_GEN_ALL },
  { "none", 0 },
};

static gboolean
parse_generations (const char *list, guint *mask, GError **error)
{
  g_auto (GStrv) names = g_strsplit (list, ",", -1);
  guint i, j;

  *mask = 0;
  for (i = 0; names[i] != NULL; i++) {
    const char *name = g_strstrip (names[i]);

    for (j = 0; j < G_N_ELEMENTS (generations); j++) {
      if (g_str_equal (name, generations[j].name))
        break;
    }
    if (j == G_N_ELEMENTS (generations)) {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
          "unknown generation \"%s\" (polaris, page, xdt, query_hash, all, "
          "none)",
          name);
      return FALSE;
    }
    *mask |= generations[j].mask;
  }
  return TRUE;
}

/* The December 2026 switches of the command line. */
typedef struct
{
  char *era;
  gboolean js_prefix;
  gboolean graphql_wall;
  gboolean stale_session;
  GStrv retired;
  GStrv rotations; /* NAME=DOC_ID */
} Options2026;

static void
options_2026_clear (Options2026 *o)
{
  g_free (o->era);
  g_strfreev (o->retired);
  g_strfreev (o->rotations);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options2026, options_2026_clear)

static gboolean
parse_era (const char *name, FakeEra *era, GError **error)
{
  if (g_strcmp0 (name, "2026-06") == 0)
    *era = FAKE_ERA_2026_06;
  else if (g_strcmp0 (name, "2026-12") == 0)
    *era = FAKE_ERA_2026_12;
  else {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "unknown era \"%s\" (2026-06, 2026-12)", name);
    return FALSE;
  }
  return TRUE;
}

static gboolean
apply_rotation (FakeInstagram *fi, const char *rotation, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (rotation, "=", 2);

  if (g_strv_length (parts) != 2 || *parts[1] == '\0'
      || (g_strcmp0 (parts[0], FAKE_POLARIS_QUERY_NAME) != 0
          && g_strcmp0 (parts[0], FAKE_POST_ROOT_QUERY_NAME) != 0)) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "bad rotation \"%s\" (" FAKE_POLARIS_QUERY_NAME
        "=ID or " FAKE_POST_ROOT_QUERY_NAME "=ID)",
        rotation);
    return FALSE;
  }
  fake_instagram_rotate_doc_id (fi, parts[0], parts[1]);
  return TRUE;
}

static gboolean
apply_2026 (FakeInstagram *fi, const Options2026 *o, GError **error)
{
  FakeEra era = FAKE_ERA_2026_06;
  guint i;

  if (o->era != NULL && !parse_era (o->era, &era, error))
    return FALSE;
  fake_instagram_set_era (fi, era);
  fake_instagram_set_js_prefix (fi, o->js_prefix);
  fake_instagram_set_graphql_wall (fi, o->graphql_wall);
  fake_instagram_set_session_stale (fi, o->stale_session);
  for (i = 0; o->retired != NULL && o->retired[i] != NULL; i++)
    fake_instagram_retire_doc_id (fi, o->retired[i], TRUE);
  for (i = 0; o->rotations != NULL && o->rotations[i] != NULL; i++) {
    if (!apply_rotation (fi, o->rotations[i], error))
      return FALSE;
  }
  return TRUE;
}

static gboolean
on_signal (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_CONTINUE;
}

/* Signed URLs for benchmarks that fetch the CDN directly. */
static void
print_cdn_urls (FakeInstagram *fi, GStrv names)
{
  guint i;

  for (i = 0; names != NULL && names[i] != NULL; i++) {
    g_autofree char *url = fake_instagram_dup_cdn_url (fi, names[i]);

    printf ("cdn-url %s %s\n", names[i], url);
  }
}

int
main (int argc, char **argv)
{
  gint port = 0;
  g_autofree char *media_dir = NULL;
  g_autofree char *generation = NULL;
  gint64 expiry = 0;
  g_auto (GStrv) cdn_names = NULL;
  g_autofree char *tls_cert = NULL, *tls_key = NULL;
  g_autofree char *log_path = NULL;
  FILE *log = NULL;
  g_auto (Options2026) o26 = { 0 };
  GOptionEntry entries[] = { { "port", 'p', 0, G_OPTION_ARG_INT, &port,
                                 "Port (0 = random)", "N" },
    { "media-dir", 'm', 0, G_OPTION_ARG_FILENAME, &media_dir,
        "Directory made by make-media.sh", "DIR" },
    { "generation", 'g', 0, G_OPTION_ARG_STRING, &generation,
        "Working resolver generations, e.g. page,xdt (default all)", "LIST" },
    { "cdn-expiry", 0, 0, G_OPTION_ARG_INT64, &expiry,
        "Seconds CDN URLs stay valid (default 3 days)", "S" },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert,
        "Serve https with this PEM certificate (needs --tls-key)", "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key,
        "PEM private key of --tls-cert", "FILE" },
    { "cdn-url", 0, 0, G_OPTION_ARG_STRING_ARRAY, &cdn_names,
        "Print \"cdn-url NAME URL\" for this media file (repeatable)", "NAME" },
    { "log", 0, 0, G_OPTION_ARG_FILENAME, &log_path,
        "Append a line per request to FILE once answered: \"TIME_US STATUS "
        "METHOD PATH[?QUERY]\"",
        "FILE" },
    { "era", 0, 0, G_OPTION_ARG_STRING, &o26.era,
        "Instagram as of 2026-06 (default) or 2026-12", "ERA" },
    { "js-prefix", 0, 0, G_OPTION_ARG_NONE, &o26.js_prefix,
        "GraphQL answers start with \"for (;;);\" (text/javascript)", NULL },
    { "graphql-wall", 0, 0, G_OPTION_ARG_NONE, &o26.graphql_wall,
        "GraphQL endpoints answer 200 with an HTML login page", NULL },
    { "retire-doc-id", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o26.retired,
        "This doc_id gets a persistent 401 \"Please wait\" (repeatable)",
        "ID" },
    { "rotate-doc-id", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o26.rotations,
        "Serve query NAME only under ID, named in expectedPreloaders "
        "(repeatable)",
        "NAME=ID" },
    { "stale-session", 0, 0, G_OPTION_ARG_NONE, &o26.stale_session,
        "The fake session cookie no longer logs in", NULL },
    { NULL } };
  g_autoptr (GOptionContext) options =
      g_option_context_new ("- serve a fake Instagram on 127.0.0.1");
  g_autoptr (GError) error = NULL;
  g_autoptr (FakeInstagram) fi = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  guint mask = FAKE_GEN_ALL;
  guint sigint_id, sigterm_id;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error)
      || (generation != NULL
          && !parse_generations (generation, &mask, &error))) {
    fprintf (stderr, "fake-instagram: %s\n", error->message);
    return EXIT_FAILURE;
  }
  if (port < 0 || port > 65535) {
    fprintf (stderr, "fake-instagram: bad port %d\n", port);
    return EXIT_FAILURE;
  }
  if (tls_cert != NULL && tls_key != NULL)
    fi = fake_instagram_new_tls (media_dir, (guint16) port, tls_cert, tls_key,
        &error);
  else
    fi = fake_instagram_new_on_port (media_dir, (guint16) port, &error);
  if (fi == NULL) {
    fprintf (stderr, "fake-instagram: %s\n", error->message);
    return EXIT_FAILURE;
  }
  if (log_path != NULL) {
    log = fopen (log_path, "a");
    if (log == NULL) {
      fprintf (stderr, "fake-instagram: %s: %s\n", log_path,
          g_strerror (errno));
      return EXIT_FAILURE;
    }
    fake_instagram_set_log_stream (fi, log);
  }
  fake_instagram_set_generation (fi, mask);
  if (!apply_2026 (fi, &o26, &error)) {
    fprintf (stderr, "fake-instagram: %s\n", error->message);
    return EXIT_FAILURE;
  }
  if (expiry != 0)
    fake_instagram_set_cdn_expiry (fi, expiry);

  loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, on_signal, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, on_signal, loop);
  printf ("fake-instagram listening on %s\n", fake_instagram_get_base (fi));
  print_cdn_urls (fi, cdn_names);
  fflush (stdout);
  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  if (log != NULL) {
    fake_instagram_set_log_stream (fi, NULL);
    fclose (log);
  }
  return EXIT_SUCCESS;
}
