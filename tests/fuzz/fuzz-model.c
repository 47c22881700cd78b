/* libFuzzer target: the JSON model (REST and GraphQL shapes), the Polaris
 * and legacy GraphQL unwrappers and the post page's data-sjs scanner.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fuzz-common.h"
#include "ig-json.h"
#include "ig-model.h"
#include "ig-strategy.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

static void
check_post (IgPost *post, GError *error)
{
  /* Exactly one of a post and an error. */
  if ((post == NULL) == (error == NULL))
    abort ();
  if (post != NULL) {
    g_free (ig_post_dup_title (post));
    if (post->items == NULL)
      abort ();
    ig_post_free (post);
  }
}

#define RUN(call) \
  do { \
    GError *e = NULL; \
    IgPost *p = (call); \
    check_post (p, e); \
    g_clear_error (&e); \
  } while (0)

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *text = (const char *) data;
  g_autoptr (JsonParser) parser = NULL;
  JsonNode *root;

  /* The page scanner works on raw bytes of any kind (HTML). */
  RUN (ig_page_parse (text, size, &e));

  /* As ig_api_parse_json(): empty and too deeply nested bodies never reach
   * the parser (JSON-GLib recurses once per level). */
  if (size == 0 || !ig_json_nesting_ok (text, size, IG_JSON_MAX_NESTING))
    return 0;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, (gssize) size, NULL))
    return 0;
  root = json_parser_get_root (parser);
  if (root == NULL)
    return 0;

  RUN (ig_polaris_parse (root, &e));
  RUN (ig_graphql_parse (root, "xdt_shortcode_media", &e));
  RUN (ig_graphql_parse (root, "shortcode_media", &e));
  if (JSON_NODE_HOLDS_OBJECT (root)) {
    RUN (ig_post_from_rest (root, &e));
    RUN (ig_post_from_graphql (root, &e));
  }
  return 0;
}
