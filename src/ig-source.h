/* gst-instagram: the core's one entry point. An IgSource takes a URI and
 * the user's settings and gives the bytes of the media it names:
 *   URI -> reference -> API answer -> model -> chosen media -> bytes.
 * It knows nothing of GStreamer; the element is glue around it.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include "ig-delivery.h"
#include "ig-events.h"
#include "ig-model.h"
#include "ig-playlist.h"
#include "ig-ratelimit.h"

G_BEGIN_DECLS

/* Defaults of the settings (and of the element's properties). */
#define IG_SOURCE_DEFAULT_MAX_HEIGHT 0
#define IG_SOURCE_DEFAULT_MAX_RESOLUTION 0
#define IG_SOURCE_DEFAULT_MEDIA_KIND IG_MEDIA_KIND_AUTO
#define IG_SOURCE_DEFAULT_MEDIA_INDEX -1
#define IG_SOURCE_DEFAULT_TIMEOUT 15
#define IG_SOURCE_DEFAULT_RETRIES 3
#define IG_SOURCE_DEFAULT_SSL_STRICT TRUE
#define IG_SOURCE_DEFAULT_MAX_WAIT 900
#define IG_SOURCE_DEFAULT_DELIVERY IG_DELIVERY_PROGRESSIVE
#define IG_SOURCE_DEFAULT_VIDEO_CODEC IG_CODEC_ANY
#define IG_SOURCE_DEFAULT_PLAYLIST FALSE
#define IG_SOURCE_DEFAULT_MAX_ITEMS 0
/* API resends after a 5xx or a throttled answer when retries is -1 (the
 * media is then resumed without limit). */
#define IG_SOURCE_UNLIMITED_API_RETRIES 10

/* Environment variables that give a default to a setting the user left
 * unset, for players that cannot set properties. Read once, by
 * ig_source_new(); a malformed value is a warning and the default stays.
 * (The endpoints and rotating constants are read by ig-config.h.) */
#define IG_ENV_RATE_LIMITS "GST_INSTAGRAM_RATE_LIMITS" /* rate-limits syntax */
#define IG_ENV_DELIVERY "GST_INSTAGRAM_DELIVERY" /* progressive|dash|auto */
/* The folder of the files shared by every process of the user (the
 * rate-limit state and the resolver cache); default
 * $XDG_CACHE_HOME/gst-instagram. The rate-limit-state setting, when set,
 * wins for both (the cache sits beside it). */
#define IG_ENV_CACHE_DIR "GST_INSTAGRAM_CACHE_DIR"

/* Every setting; the element's properties, one for one. A plain struct:
 * copy with ig_source_options_copy(). */
typedef struct
{
  char *uri; /* as given, for messages; NULL: none */
  gint max_height; /* 0: no cap */
  guint max_resolution; /* the shorter side (ig-size-cap.h), 0: no cap */
  IgMediaKind media_kind; /* the video or image, its audio, its cover */
  gint media_index; /* -1: the URI's item */
  char *user_agent; /* NULL: built-in ones (API: a browser's; CDN: short) */
  char *proxy; /* NULL: the environment's */
  guint timeout; /* seconds, 0: no limit */
  gint retries; /* -1: no limit for the media, 10 for the API */
  gboolean ssl_strict;
  char *cookies_file;
  char *session_id; /* a secret: never logged */
  IgRateLimits limits; /* on the anonymous defaults, for the property */
  gboolean limits_set; /* else IG_ENV_RATE_LIMITS, else the defaults */
  char *rate_limits; /* what the property was set to (merged), or NULL */
  char *rate_limit_state; /* NULL: the default file; "": this process */
  guint max_wait; /* seconds */
  gboolean ios_client; /* the logged-in REST API as the iOS app */
  IgDelivery delivery;
  gboolean delivery_set; /* else IG_ENV_DELIVERY, else progressive */
  IgVideoCodec video_codec;
  /* A whole story, a whole highlight or a carousel as a list of its items
   * (profiles and reels tabs are always lists). */
  gboolean playlist;
  guint max_items; /* a list's most entries, 0: no limit but the API's */
} IgSourceOptions;

void ig_source_options_init (IgSourceOptions *options);
void ig_source_options_copy (IgSourceOptions *dest, const IgSourceOptions *src);
void ig_source_options_clear (IgSourceOptions *options);

/* The media an IgSource chose, as told to the listener before any byte. */
typedef struct
{
  const char *uri;
  const char *permalink; /* the canonical https://www.instagram.com/... */
  const IgPost *post;
  guint index; /* the item streamed */
  const IgDeliveryChoice *choice;
} IgSourceMedia;

/* What an IgSource tells while it opens and reads; any field may be NULL.
 * Callbacks run on the thread that calls ig_source_open()/read(). */
typedef struct
{
  IgEvents events; /* rate waits, warnings, a refused session */
  void (*media_chosen) (gpointer data, const IgSourceMedia *media);
  /* A URI that names many items was listed: the bytes are then its
   * text/uri-list. Before any byte. */
  void (*playlist_chosen) (gpointer data, const IgPlaylist *list);
  /* Asked while choosing what to stream: does this machine decode the DASH
   * codecs string @codecs? (The element looks in GStreamer's registry.)
   * NULL: everything decodes. */
  IgCanDecodeFunc can_decode;
} IgSourceListener;

typedef struct _IgSource IgSource;

/* A source for @options->uri (copied), no I/O. Settings left unset take
 * their environment defaults here (malformed ones are told to @listener as
 * warnings). NULL with IG_ERROR_BAD_URI when there is no URI or it is not
 * one instagramsrc accepts. @listener is copied; @data is passed to it. */
IgSource *ig_source_new (const IgSourceOptions *options,
    const IgSourceListener *listener, gpointer data, GError **error);
void ig_source_free (IgSource *source);

/* TRUE when @source streams a list (text/uri-list) rather than media:
 * profiles and reels tabs, and with the playlist setting a whole story, a
 * whole highlight or a post without ?img_index. */
gboolean ig_source_is_list (IgSource *source);

/* Resolves the URI (API requests through the shared rate limiter), picks
 * the item and what to stream (progressive file or DASH manifest, with
 * its segment indexes), tells the listener, and opens the file from the
 * current position. A URL the CDN refuses is renewed once (the post is
 * resolved again). G_IO_ERROR_CANCELLED when @cancellable fired; else an
 * IgError. */
gboolean ig_source_open (IgSource *source, GCancellable *cancellable,
    GError **error);

/* Up to @len bytes from the current position: the count, 0 at the end, -1
 * with @error set. Drops are resumed (retries), stalls end within the
 * timeout, and an expired or revoked URL is renewed once per source. */
gssize ig_source_read (IgSource *source, guint8 *buf, gsize len,
    GCancellable *cancellable, GError **error);

/* Moves the position to @offset; FALSE when the media is not seekable
 * there. Before open() it sets where open() starts. */
gboolean ig_source_seek (IgSource *source, guint64 offset);

/* After open(): the size in bytes (FALSE when unknown), whether byte
 * seeking works, and the media type: "video/mp4", "audio/mp4" (the DASH
 * audio file of media-kind audio, whatever the CDN calls it), "image/jpeg"
 * (or another image type the CDN named), "application/dash+xml",
 * "text/uri-list" (a list, served from memory like the manifest), or NULL
 * when only the bytes can tell. */
gboolean ig_source_get_size (IgSource *source, guint64 *size);
gboolean ig_source_is_seekable (IgSource *source);
const char *ig_source_get_media_type (IgSource *source);

/* Applies the rate-limits setting @text (ig_rate_limits_parse() syntax)
 * and marks it set; on a malformed value FALSE, and @options is kept. */
gboolean ig_source_options_set_rate_limits (IgSourceOptions *options,
    const char *text, GError **error);

/* The settings the user left unset take the values of IG_ENV_DELIVERY and
 * IG_ENV_RATE_LIMITS; malformed ones are added to @warnings (GError*,
 * IG_ERROR_SETTINGS) and leave the default. The limits start from the
 * logged-in defaults (ig_rate_limits_init_logged_in()) when a session is
 * given (cookies-file or session-id), then take the environment's or the
 * property's keys. ig_source_new() calls it. */
void ig_source_options_apply_env (IgSourceOptions *options,
    GPtrArray *warnings);

G_END_DECLS
