/* The rotating constants: the configuration file, its precedence below the
 * environment, ids adopted from pages, and the preloader manifest reader.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-config.h"
#include "ig-error.h"
#include "ig-preloaders.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

static IgConfig *
config_from (const char *text, GPtrArray *warnings)
{
  IgConfig *config;

  g_setenv (IG_ENV_CONFIG_FILE, "/nonexistent/instagram.conf", TRUE);
  config = ig_config_new_from_env (NULL);
  if (text != NULL)
    ig_config_read_data (config, "instagram.conf", text, strlen (text),
        warnings);
  return config;
}

static GPtrArray *
warnings_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
}

static void
assert_one_warning (GPtrArray *warnings, const char *text)
{
  const GError *w;

  g_assert_cmpuint (warnings->len, ==, 1);
  w = g_ptr_array_index (warnings, 0);
  g_assert_error (w, IG_ERROR, IG_ERROR_SETTINGS);
  g_assert_nonnull (strstr (w->message, text));
}

static void
test_file_sets_and_pins (void)
{
  g_autoptr (GPtrArray) warnings = warnings_new ();
  g_autoptr (IgConfig) config = config_from ("# fixes\n[api]\n"
                                             "polaris-doc-id = 111\n"
                                             "post-root-doc-id=222\n"
                                             "user-agent=Agent/1 (test)\n",
      warnings);

  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpstr (config->polaris_doc_id, ==, "111");
  g_assert_cmpstr (config->post_root_doc_id, ==, "222");
  g_assert_cmpstr (config->user_agent, ==, "Agent/1 (test)");
  g_assert_cmpstr (config->xdt_doc_id, ==, IG_DEFAULT_XDT_DOC_ID);
  /* pinned: a page's id does not replace the file's */
  g_assert_false (ig_config_adopt (config, IG_CONST_POLARIS_DOC_ID, "999"));
  g_assert_cmpstr (config->polaris_doc_id, ==, "111");
  g_assert_true (ig_config_adopt (config, IG_CONST_XDT_DOC_ID, "333"));
  g_assert_cmpstr (config->xdt_doc_id, ==, "333");
  g_assert_false (ig_config_adopt (config, IG_CONST_XDT_DOC_ID, "33x"));
}

/* The environment wins over the file. */
static void
test_env_wins (void)
{
  g_autoptr (IgConfig) config = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  int fd = g_file_open_tmp ("igconf-XXXXXX", &path, &error);

  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_true (g_file_set_contents (path,
      "[api]\npolaris-doc-id=111\nasbd-id=222\n", -1, NULL));
  g_setenv (IG_ENV_CONFIG_FILE, path, TRUE);
  g_setenv (IG_ENV_POLARIS_DOC_ID, "444", TRUE);
  config = ig_config_new_from_env (NULL);
  g_unsetenv (IG_ENV_POLARIS_DOC_ID);
  g_unsetenv (IG_ENV_CONFIG_FILE);
  g_unlink (path);
  g_assert_cmpstr (config->polaris_doc_id, ==, "444");
  g_assert_cmpstr (config->asbd_id, ==, "222");
}

/* Junk, a bad line, a bad value: one warning naming the file and line;
 * the built-in values (and the file's good values) stay. */
static void
test_malformed (void)
{
  g_autoptr (GPtrArray) junk = warnings_new ();
  g_autoptr (GPtrArray) line = warnings_new ();
  g_autoptr (GPtrArray) value = warnings_new ();
  const char binary[] = "\x7f"
                        "ELF\x01\x02\x00\x03";
  g_autoptr (IgConfig) a = NULL;
  g_autoptr (IgConfig) b = NULL;
  g_autoptr (IgConfig) c = config_from (NULL, NULL);

  ig_config_read_data (c, "instagram.conf", binary, sizeof binary, junk);
  assert_one_warning (junk, "instagram.conf:1: not a text configuration file");
  g_assert_cmpstr (c->polaris_doc_id, ==, IG_DEFAULT_POLARIS_DOC_ID);
  a = config_from ("[api]\npolaris-doc-id=111\nthis is not a key\n", line);
  assert_one_warning (line,
      "instagram.conf:3: not a key=value line, a [group] or a comment");
  g_assert_cmpstr (a->polaris_doc_id, ==, IG_DEFAULT_POLARIS_DOC_ID);
  b = config_from ("[api]\n\nxdt-doc-id=12ab\nasbd-id=7\n", value);
  assert_one_warning (value, "instagram.conf:3: xdt-doc-id has a malformed");
  g_assert_cmpstr (b->xdt_doc_id, ==, IG_DEFAULT_XDT_DOC_ID);
  g_assert_cmpstr (b->asbd_id, ==, "7");
}

static const char *
id_of (GHashTable *ids, const char *name)
{
  return g_hash_table_lookup (ids, name);
}

static void
test_preloaders (void)
{
  const char *page =
      "<script>requireLazy([],function(){(new X).handle({"
      "expectedPreloaders:[{queryID:\"27981003384861049\",variables:{"
      "username:\"nasa\",nested:{a:[1,{b:\"}\"}]}},queryName:"
      "\"PolarisLoggedOutDesktopWWWPostRootContentQuery\"},"
      "{\"queryID\":\"27553725110923321\",\"variables\":{\"first\":12},"
      "\"queryName\":\"PolarisPostRootQuery\"},"
      "{queryID:\"x1\",queryName:\"Bad\"},"
      "{queryID:\"1\",queryName:\"PolarisPostRootQuery\"}]})})</script>";
  g_autoptr (GHashTable) ids = ig_preloaders_parse (page, strlen (page));
  g_autoptr (GHashTable) none =
      ig_preloaders_parse ("expectedPreloaders:[{", 21);

  g_assert_cmpstr (id_of (ids,
                       "PolarisLoggedOutDesktopWWWPostRootContentQuery"),
      ==, "27981003384861049");
  g_assert_cmpstr (id_of (ids, "PolarisPostRootQuery"), ==,
      "27553725110923321");
  g_assert_null (id_of (ids, "Bad"));
  g_assert_cmpuint (g_hash_table_size (ids), ==, 2);
  g_assert_cmpuint (g_hash_table_size (none), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/config/file-sets-and-pins", test_file_sets_and_pins);
  g_test_add_func ("/config/env-wins", test_env_wins);
  g_test_add_func ("/config/malformed", test_malformed);
  g_test_add_func ("/config/preloaders", test_preloaders);
  return g_test_run ();
}
