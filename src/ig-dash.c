/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-dash.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "ig-error.h"
#include "ig-uri.h"

/* On 1.22, dashdemux2 (playbin3, decodebin3, urisourcebin) walks the sidx
 * of an isoff-on-demand manifest one subsegment at a time and never fetches
 * the last one: an Instagram video loses its last second. Two rewrites make
 * both dashdemux and dashdemux2 play everything (tests/element/test-dash.c
 * counts every frame with both):
 * - when the segment index is known, a SegmentList with one SegmentURL
 *   mediaRange and one SegmentTimeline entry per subsegment: seeks land on
 *   the subsegment (one GOP) holding the target;
 * - else the same SegmentBase declared isoff-main: each file is fetched
 *   whole, so a key-unit seek snaps back to the start of the file. */
#define PROFILE_MAIN "urn:mpeg:dash:profile:isoff-main:2011"

struct _IgDashManifest
{
  xmlDoc *doc; /* as parsed; render () rewrites a copy */
  GPtrArray *representations; /* IgDashRepresentation*, usable only */
  GArray *positions; /* per usable representation: its index among all */
};

static void
representation_free (IgDashRepresentation *r)
{
  g_free (r->id);
  g_free (r->codecs);
  g_free (r->url);
  g_free (r);
}

void
ig_dash_manifest_free (IgDashManifest *manifest)
{
  if (manifest == NULL)
    return;
  g_clear_pointer (&manifest->doc, xmlFreeDoc);
  g_ptr_array_unref (manifest->representations);
  g_array_unref (manifest->positions);
  g_free (manifest);
}

IgVideoCodec
ig_video_codec_from_codecs (const char *codecs)
{
  if (codecs == NULL)
    return IG_CODEC_OTHER;
  if (g_ascii_strncasecmp (codecs, "avc1", 4) == 0
      || g_ascii_strncasecmp (codecs, "avc3", 4) == 0)
    return IG_CODEC_H264;
  if (g_ascii_strncasecmp (codecs, "vp09", 4) == 0
      || g_ascii_strncasecmp (codecs, "vp9", 3) == 0)
    return IG_CODEC_VP9;
  if (g_ascii_strncasecmp (codecs, "av01", 4) == 0)
    return IG_CODEC_AV1;
  return IG_CODEC_OTHER;
}

const char *
ig_video_codec_to_string (IgVideoCodec codec)
{
  switch (codec) {
    case IG_CODEC_H264:
      return "h264";
    case IG_CODEC_VP9:
      return "vp9";
    case IG_CODEC_AV1:
      return "av1";
    case IG_CODEC_ANY:
      return "any";
    default:
      return "other";
  }
}

/* ---- walking the document ---------------------------------------------- */

static gboolean
is_element (const xmlNode *node, const char *name)
{
  return node->type == XML_ELEMENT_NODE
      && strcmp ((const char *) node->name, name) == 0;
}

static char *
get_attribute (const xmlNode *node, const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/* A non-negative integer attribute, or 0. */
static gint64
get_number (const xmlNode *node, const char *name)
{
  g_autofree char *text = get_attribute (node, name);
  guint64 value = 0;

  if (text == NULL
      || !g_ascii_string_to_unsigned (g_strstrip (text), 10, 0, G_MAXINT32,
          &value, NULL))
    return 0;
  return (gint64) value;
}

/* contentType, else the mimeType's top level, of @node; NULL if neither. */
static char *
content_type_of (const xmlNode *node)
{
  char *type = get_attribute (node, "contentType");
  char *slash;

  if (type == NULL && (type = get_attribute (node, "mimeType")) != NULL
      && (slash = strchr (type, '/')) != NULL)
    *slash = '\0';
  return type;
}

static char *
base_url_of (const xmlNode *representation)
{
  for (xmlNode *c = representation->children; c != NULL; c = c->next) {
    if (is_element (c, "BaseURL")) {
      xmlChar *text = xmlNodeGetContent (c);
      char *url = g_strstrip (g_strdup ((const char *) text));

      xmlFree (text);
      return url;
    }
  }
  return NULL;
}

/* "first-last" with first <= last. */
static gboolean
parse_range (const xmlNode *node, const char *name, guint64 *first,
    guint64 *last)
{
  g_autofree char *text = get_attribute (node, name);
  g_auto (GStrv) parts = NULL;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, "-", 3);
  return g_strv_length (parts) == 2
      && g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXINT64, first, NULL)
      && g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXINT64, last, NULL)
      && *first <= *last;
}

static const xmlNode *
child_element (const xmlNode *node, const char *name)
{
  for (const xmlNode *c = node->children; c != NULL; c = c->next) {
    if (is_element (c, name))
      return c;
  }
  return NULL;
}

/* SegmentBase indexRange and its Initialization range. */
static void
read_segment_base (const xmlNode *node, IgDashRepresentation *r)
{
  const xmlNode *base = child_element (node, "SegmentBase");
  const xmlNode *init = base ? child_element (base, "Initialization") : NULL;

  r->has_index = init != NULL
      && parse_range (base, "indexRange", &r->index_first, &r->index_last)
      && parse_range (init, "range", &r->init_first, &r->init_last)
      && r->index_last - r->index_first < IG_SIDX_MAX_SIZE;
}

/* The representation @node describes, or NULL when it cannot be used. */
static IgDashRepresentation *
representation_new (const xmlNode *node, const char *set_type)
{
  g_autofree char *type = content_type_of (node);
  g_autofree char *url = base_url_of (node);
  IgDashRepresentation *r;
  const char *kind = type != NULL ? type : set_type;

  if (kind == NULL || !ig_uri_is_http_url (url)
      || (strcmp (kind, "video") != 0 && strcmp (kind, "audio") != 0))
    return NULL;
  r = g_new0 (IgDashRepresentation, 1);
  r->kind = strcmp (kind, "video") == 0 ? IG_DASH_VIDEO : IG_DASH_AUDIO;
  r->id = get_attribute (node, "id");
  r->codecs = get_attribute (node, "codecs");
  r->bandwidth = get_number (node, "bandwidth");
  r->url = g_steal_pointer (&url);
  read_segment_base (node, r);
  if (r->kind == IG_DASH_VIDEO) {
    r->width = (gint) get_number (node, "width");
    r->height = (gint) get_number (node, "height");
    r->codec = ig_video_codec_from_codecs (r->codecs);
  }
  return r;
}

typedef void (*RepresentationFunc) (xmlNode *node, const char *set_type,
    guint position, gpointer data);

/* Calls @func for every Representation of every AdaptationSet of every
 * Period, in document order; @position counts them from 0. */
static void
foreach_representation (xmlNode *mpd, RepresentationFunc func, gpointer data)
{
  guint position = 0;

  for (xmlNode *p = mpd->children; p != NULL; p = p->next) {
    if (!is_element (p, "Period"))
      continue;
    for (xmlNode *a = p->children; a != NULL; a = a->next) {
      g_autofree char *set_type = NULL;
      xmlNode *next;

      if (!is_element (a, "AdaptationSet"))
        continue;
      set_type = content_type_of (a);
      for (xmlNode *r = a->children; r != NULL; r = next) {
        next = r->next; /* @func may remove @r */
        if (is_element (r, "Representation"))
          func (r, set_type, position++, data);
      }
    }
  }
}

/* ---- parsing -------------------------------------------------------------- */

/* No network, no entity substitution, no DTD loading: the manifest comes
 * from a hostile network; a DTD is refused outright after parsing. */
static xmlDoc *
read_document (const char *xml, GError **error)
{
  static gsize initialised = 0;
  xmlParserCtxt *ctxt;
  xmlDoc *doc;

  if (g_once_init_enter (&initialised)) {
    xmlInitParser ();
    g_once_init_leave (&initialised, 1);
  }
  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL) {
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "out of memory parsing the DASH manifest");
    return NULL;
  }
  doc = xmlCtxtReadMemory (ctxt, xml, (int) strlen (xml), "manifest.mpd", NULL,
      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL) {
    xmlError *e = xmlCtxtGetLastError (ctxt);
    g_autofree char *why =
        g_strdup (e != NULL && e->message != NULL ? e->message : "?");

    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "the DASH manifest is not XML: %s", g_strchomp (why));
  } else if (doc->intSubset != NULL || xmlDocGetRootElement (doc) == NULL
      || !is_element (xmlDocGetRootElement (doc), "MPD")) {
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "the DASH manifest is not an MPD document%s",
        doc->intSubset != NULL ? " (it has a DTD)" : "");
    g_clear_pointer (&doc, xmlFreeDoc);
  }
  xmlFreeParserCtxt (ctxt);
  return doc;
}

static void
collect (xmlNode *node, const char *set_type, guint position, gpointer data)
{
  IgDashManifest *manifest = data;
  IgDashRepresentation *r = representation_new (node, set_type);

  if (r == NULL)
    return;
  g_ptr_array_add (manifest->representations, r);
  g_array_append_val (manifest->positions, position);
}

static gboolean
has_video (IgDashManifest *manifest)
{
  for (guint i = 0; i < manifest->representations->len; i++) {
    IgDashRepresentation *r = g_ptr_array_index (manifest->representations, i);

    if (r->kind == IG_DASH_VIDEO)
      return TRUE;
  }
  return FALSE;
}

IgDashManifest *
ig_dash_manifest_parse (const char *xml, GError **error)
{
  g_autoptr (IgDashManifest) manifest = NULL;
  xmlDoc *doc;

  if (xml == NULL || strlen (xml) > IG_DASH_MAX_MANIFEST) {
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "the DASH manifest is empty or larger than %d bytes",
        IG_DASH_MAX_MANIFEST);
    return NULL;
  }
  if ((doc = read_document (xml, error)) == NULL)
    return NULL;
  manifest = g_new0 (IgDashManifest, 1);
  manifest->doc = doc;
  manifest->representations =
      g_ptr_array_new_with_free_func ((GDestroyNotify) representation_free);
  manifest->positions = g_array_new (FALSE, FALSE, sizeof (guint));
  foreach_representation (xmlDocGetRootElement (doc), collect, manifest);
  if (!has_video (manifest)) {
    g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
        "the DASH manifest has no video representation with an http(s) "
        "BaseURL");
    return NULL;
  }
  return g_steal_pointer (&manifest);
}

GPtrArray *
ig_dash_manifest_get_representations (IgDashManifest *manifest)
{
  return manifest->representations;
}

/* ---- choosing ------------------------------------------------------------- */

static gint64
area (const IgDashRepresentation *r)
{
  return (gint64) r->width * r->height;
}

/* Like yt-dlp: on equal resolution AV1 beats VP9, which beats H.264
 * (smaller for the same quality); then the higher bitrate. */
static gint
codec_rank (IgVideoCodec codec)
{
  switch (codec) {
    case IG_CODEC_AV1:
      return 3;
    case IG_CODEC_VP9:
      return 2;
    case IG_CODEC_H264:
      return 1;
    default:
      return 0;
  }
}

/* A representation a choice may take: of @kind, decoded by @decoders. */
static gboolean
eligible (const IgDashRepresentation *r, IgDashKind kind,
    const IgDecoders *decoders)
{
  return r->kind == kind
      && (decoders == NULL || ig_decoders_can_decode (decoders, r->codecs));
}

static gboolean
is_better (const IgDashRepresentation *a, const IgDashRepresentation *b)
{
  if (area (a) != area (b))
    return area (a) > area (b);
  if (codec_rank (a->codec) != codec_rank (b->codec))
    return codec_rank (a->codec) > codec_rank (b->codec);
  return a->bandwidth > b->bandwidth;
}

static gboolean
offers_codec (IgDashManifest *manifest, IgVideoCodec codec,
    const IgDecoders *decoders)
{
  for (guint i = 0; i < manifest->representations->len; i++) {
    IgDashRepresentation *r = g_ptr_array_index (manifest->representations, i);

    if (eligible (r, IG_DASH_VIDEO, decoders) && r->codec == codec)
      return TRUE;
  }
  return FALSE;
}

const IgDashRepresentation *
ig_dash_manifest_choose_video (IgDashManifest *manifest, const IgSizeCap *cap,
    IgVideoCodec preferred, const IgDecoders *decoders)
{
  const IgDashRepresentation *best = NULL, *smallest = NULL;
  gboolean restrict_codec =
      preferred != IG_CODEC_ANY && offers_codec (manifest, preferred, decoders);

  for (guint i = 0; i < manifest->representations->len; i++) {
    IgDashRepresentation *r = g_ptr_array_index (manifest->representations, i);

    if (!eligible (r, IG_DASH_VIDEO, decoders)
        || (restrict_codec && r->codec != preferred))
      continue;
    if (smallest == NULL || is_better (smallest, r))
      smallest = r;
    if (!ig_size_cap_allows (cap, r->width, r->height))
      continue;
    if (best == NULL || is_better (r, best))
      best = r;
  }
  return best != NULL ? best : smallest;
}

const IgDashRepresentation *
ig_dash_manifest_choose_audio (IgDashManifest *manifest,
    const IgDecoders *decoders)
{
  const IgDashRepresentation *best = NULL;

  for (guint i = 0; i < manifest->representations->len; i++) {
    IgDashRepresentation *r = g_ptr_array_index (manifest->representations, i);

    if (eligible (r, IG_DASH_AUDIO, decoders)
        && (best == NULL || r->bandwidth > best->bandwidth))
      best = r;
  }
  return best;
}

/* ---- rendering ------------------------------------------------------------ */

typedef struct
{
  gint keep[2]; /* positions of the video and audio kept, -1 none */
  const IgSidx *index[2]; /* their segment indexes, or NULL */
  const IgDashRepresentation *kept[2];
} Keep;

static gint
position_of (IgDashManifest *manifest, const IgDashRepresentation *r)
{
  for (guint i = 0; r != NULL && i < manifest->representations->len; i++) {
    if (g_ptr_array_index (manifest->representations, i) == r)
      return (gint) g_array_index (manifest->positions, guint, i);
  }
  return -1;
}

static void
set_number (xmlNode *node, const char *name, guint64 value)
{
  char text[24];

  g_snprintf (text, sizeof text, "%" G_GUINT64_FORMAT, value);
  xmlSetProp (node, (const xmlChar *) name, (const xmlChar *) text);
}

static void
set_range (xmlNode *node, const char *name, guint64 first, guint64 last)
{
  char text[48];

  g_snprintf (text, sizeof text, "%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT,
      first, last);
  xmlSetProp (node, (const xmlChar *) name, (const xmlChar *) text);
}

static xmlNode *
add_child (xmlNode *parent, const char *name)
{
  return xmlNewChild (parent, parent->ns, (const xmlChar *) name, NULL);
}

/* One <S t d> per subsegment. Runs of equal durations could be one
 * <S r>, but GStreamer 1.22's MPD client then lands a seek past the end of
 * a SegmentList (0 frames after seeking, with dashdemux and dashdemux2). */
static void
add_timeline (xmlNode *list, const IgSidx *sidx)
{
  xmlNode *timeline = add_child (list, "SegmentTimeline");
  guint64 t = sidx->earliest_presentation_time;

  for (guint i = 0; i < sidx->references->len; i++) {
    guint32 d = g_array_index (sidx->references, IgSidxReference, i).duration;
    xmlNode *s = add_child (timeline, "S");

    set_number (s, "t", t);
    set_number (s, "d", d);
    t += d;
  }
}

/* Replaces @node's SegmentBase by a SegmentList of its subsegments. */
static void
use_segment_list (xmlNode *node, const IgDashRepresentation *r,
    const IgSidx *sidx)
{
  xmlNode *list = xmlNewNode (node->ns, (const xmlChar *) "SegmentList");
  xmlNode *base = (xmlNode *) child_element (node, "SegmentBase");

  set_number (list, "timescale", sidx->timescale);
  if (sidx->earliest_presentation_time > 0)
    set_number (list, "presentationTimeOffset",
        sidx->earliest_presentation_time);
  set_range (add_child (list, "Initialization"), "range", r->init_first,
      r->init_last);
  add_timeline (list, sidx);
  for (guint i = 0; i < sidx->references->len; i++) {
    const IgSidxReference *ref =
        &g_array_index (sidx->references, IgSidxReference, i);

    set_range (add_child (list, "SegmentURL"), "mediaRange", ref->first,
        ref->last);
  }
  xmlReplaceNode (base, list);
  xmlFreeNode (base);
}

/* Removes @node and the indentation before it. */
static void
remove_node (xmlNode *node)
{
  xmlNode *prev = node->prev;

  if (prev != NULL && xmlIsBlankNode (prev)) {
    xmlUnlinkNode (prev);
    xmlFreeNode (prev);
  }
  xmlUnlinkNode (node);
  xmlFreeNode (node);
}

static void
rewrite_representation (xmlNode *node, const char *set_type, guint position,
    gpointer data)
{
  Keep *keep = data;

  for (guint i = 0; i < 2; i++) {
    if ((gint) position != keep->keep[i])
      continue;
    if (keep->index[i] != NULL && keep->kept[i]->has_index)
      use_segment_list (node, keep->kept[i], keep->index[i]);
    return;
  }
  remove_node (node);
}

static void
drop_empty_sets (xmlNode *mpd)
{
  for (xmlNode *p = mpd->children; p != NULL; p = p->next) {
    xmlNode *next;

    if (!is_element (p, "Period"))
      continue;
    for (xmlNode *a = p->children; a != NULL; a = next) {
      next = a->next;
      if (is_element (a, "AdaptationSet")
          && child_element (a, "Representation") == NULL)
        remove_node (a);
    }
  }
}

GBytes *
ig_dash_manifest_render (IgDashManifest *manifest,
    const IgDashRepresentation *video, const IgDashRepresentation *audio,
    const IgSidx *video_index, const IgSidx *audio_index)
{
  Keep keep = { { position_of (manifest, video),
                    position_of (manifest, audio) },
    { video_index, audio_index }, { video, audio } };
  xmlDoc *doc = xmlCopyDoc (manifest->doc, 1);
  xmlNode *mpd;
  xmlChar *text = NULL;
  int length = 0;
  GBytes *bytes;

  g_return_val_if_fail (doc != NULL, NULL); /* out of memory */
  mpd = xmlDocGetRootElement (doc);
  foreach_representation (mpd, rewrite_representation, &keep);
  drop_empty_sets (mpd);
  xmlSetProp (mpd, (const xmlChar *) "profiles",
      (const xmlChar *) PROFILE_MAIN);
  xmlDocDumpMemoryEnc (doc, &text, &length, "UTF-8");
  bytes = g_bytes_new (text, length);
  xmlFree (text);
  xmlFreeDoc (doc);
  return bytes;
}
