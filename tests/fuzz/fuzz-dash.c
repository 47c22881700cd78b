/* libFuzzer target: the DASH manifest reader (ig_dash_manifest_parse, a
 * libxml2 document from the network), the choice of representations and
 * the manifest rewritten for the demuxers, with and without a segment
 * index; what it writes must read back.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#include "fuzz-common.h"
#include "ig-dash.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

/* Three subsegments right after @r's index, as ig_sidx_parse() gives them. */
static IgSidx *
fake_index (const IgDashRepresentation *r)
{
  IgSidx *sidx = g_new0 (IgSidx, 1);
  guint64 first = r->has_index ? r->index_last + 1 : 1000;

  sidx->timescale = 1000;
  sidx->references = g_array_new (FALSE, FALSE, sizeof (IgSidxReference));
  for (guint i = 0; i < 3; i++) {
    IgSidxReference ref = { first, first + 999, 1000 };

    g_array_append_val (sidx->references, ref);
    first += 1000;
  }
  return sidx;
}

static void
check_render (IgDashManifest *manifest, const IgDashRepresentation *video,
    const IgDashRepresentation *audio, const IgSidx *video_index,
    const IgSidx *audio_index)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  g_autoptr (IgDashManifest) again = NULL;
  g_autoptr (GError) error = NULL;
  gsize len;

  bytes = ig_dash_manifest_render (manifest, video, audio, video_index,
      audio_index);
  if (bytes == NULL)
    abort ();
  text =
      fuzz_strndup (g_bytes_get_data (bytes, &len), g_bytes_get_size (bytes));
  /* The rewritten manifest is a manifest too, with the chosen video. */
  again = ig_dash_manifest_parse (text, &error);
  if (again == NULL) {
    g_printerr ("rendered manifest does not parse: %s\n%s\n", error->message,
        text);
    abort ();
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const gint heights[] = { 0, 720, 1 };
  static const IgVideoCodec codecs[] = { IG_CODEC_ANY, IG_CODEC_H264,
    IG_CODEC_VP9, IG_CODEC_AV1 };
  g_autofree char *xml = fuzz_strndup (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (IgDashManifest) manifest = ig_dash_manifest_parse (xml, &error);
  const IgDashRepresentation *video, *audio;
  GPtrArray *reps;

  if (manifest == NULL) {
    if (error == NULL)
      abort ();
    return 0;
  }
  if (error != NULL)
    abort ();
  reps = ig_dash_manifest_get_representations (manifest);
  for (guint i = 0; i < reps->len; i++) {
    const IgDashRepresentation *r = g_ptr_array_index (reps, i);

    if (r->url == NULL || ig_video_codec_to_string (r->codec) == NULL
        || (r->has_index
            && (r->index_first > r->index_last
                || r->init_first > r->init_last)))
      abort ();
  }
  audio = ig_dash_manifest_choose_audio (manifest, NULL);
  if (audio != NULL && audio->kind != IG_DASH_AUDIO)
    abort ();
  for (guint h = 0; h < G_N_ELEMENTS (heights); h++) {
    for (guint c = 0; c < G_N_ELEMENTS (codecs); c++) {
      video = ig_dash_manifest_choose_video (manifest,
          &(IgSizeCap){ .max_height = heights[h] }, codecs[c], NULL);
      if (video == NULL || video->kind != IG_DASH_VIDEO)
        abort ();
    }
  }
  video = ig_dash_manifest_choose_video (manifest, NULL, IG_CODEC_ANY, NULL);
  check_render (manifest, video, audio, NULL, NULL);
  check_render (manifest, video, NULL, NULL, NULL);
  {
    g_autoptr (IgSidx) video_index = fake_index (video);
    g_autoptr (IgSidx) audio_index = audio ? fake_index (audio) : NULL;

    check_render (manifest, video, audio, video_index, audio_index);
  }
  return 0;
}
