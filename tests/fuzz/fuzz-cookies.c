/* libFuzzer target: the cookies.txt reader (ig_cookies_load through
 * SoupCookieJarText) and the session lookup.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fuzz-common.h"
#include "ig-cookies.h"

#include <unistd.h>

#define WWW_BASE "https://www.instagram.com"

/* One file per fuzzing process, rewritten for every input. */
static char *cookies_path;

static void
remove_cookies_file (void)
{
  if (cookies_path != NULL)
    unlink (cookies_path);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_glib ();
  /* libsoup 3.2's cookies.txt reader (SoupCookieJarText) meets an unknown
   * 8th, SameSite, column with g_return_val_if_reached() and then uses the
   * default policy: reported, not ours to fix, harmless unless criticals
   * are fatal. */
  fuzz_tolerated_critical = "string_to_same_site_policy";
  cookies_path = g_strdup_printf ("%s/gst-instagram-fuzz-cookies-%d.txt",
      g_get_tmp_dir (), (int) getpid ());
  atexit (remove_cookies_file);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SoupCookieJar) jar = NULL;
  gint added;

  /* Rewritten in place: no temporary file, no fsync() per input. */
  if (!g_file_set_contents_full (cookies_path, (const char *) data,
          (gssize) size, G_FILE_SET_CONTENTS_NONE, 0600, &error)) {
    g_printerr ("fuzz-cookies: %s\n", error->message);
    abort ();
  }
  jar = soup_cookie_jar_new ();
  added = ig_cookies_load (jar, WWW_BASE, cookies_path, NULL, &error);
  if (added < 0) {
    /* The file exists and is readable: it must load, however wrong. */
    abort ();
  }
  if (ig_cookies_have_session (jar, WWW_BASE)) {
    ig_cookies_drop_session (jar);
    if (ig_cookies_have_session (jar, WWW_BASE))
      abort ();
  }
  /* And with an explicit session id, which always wins. */
  g_clear_object (&jar);
  jar = soup_cookie_jar_new ();
  if (ig_cookies_load (jar, WWW_BASE, cookies_path, "4242fuzz", &error) < 1
      || !ig_cookies_have_session (jar, WWW_BASE))
    abort ();
  return 0;
}
