/* gst-instagram: one HTTP helper for every API request (libsoup 3, sync).
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Caps the bytes read from an API answer or page before parsing. */
#define IG_HTTP_MAX_API_BODY (8 * 1024 * 1024)

typedef struct _IgHttp IgHttp;

/* How to reach the network; copied by ig_http_new(). */
typedef struct
{
  const char *proxy; /* NULL: the environment's proxy settings */
  guint timeout_s; /* 0: no limit */
  gboolean ssl_strict; /* FALSE: accept any TLS certificate */
} IgHttpOptions;

/* An answer read whole (within a cap). Redirects are never followed, so a
 * login wall shows up as a 3xx with its Location. */
typedef struct
{
  guint status;
  char *uri; /* the requested URI */
  char *location; /* absolute Location of a 3xx, else NULL */
  char *content_type; /* without parameters, may be NULL */
  char *retry_after; /* Retry-After header, may be NULL */
  GBytes *body; /* never NULL */
} IgResponse;

/* A session with its own cookie jar (when @cookies) for the API hosts.
 * Creating it does no I/O. */
IgHttp *ig_http_new (const IgHttpOptions *options, gboolean cookies);
void ig_http_free (IgHttp *http);

SoupSession *ig_http_get_session (IgHttp *http);
SoupCookieJar *ig_http_get_cookie_jar (IgHttp *http);

/* The value of cookie @name that would be sent to @uri, or NULL. */
char *ig_http_dup_cookie (IgHttp *http, const char *uri, const char *name);

/* Applies the session's TLS policy to @msg; ig_http_fetch() does it itself,
 * streaming callers of soup_session_send() call it first. */
void ig_http_prepare (IgHttp *http, SoupMessage *msg);

/* Sends @msg from the calling thread and reads at most @max_body bytes.
 * A connection that breaks before any answer (reset, closed: not a
 * timeout) is tried once more on a new one, as browsers do. Transport
 * failures: IG_ERROR_NETWORK naming the URI; cancellation:
 * G_IO_ERROR_CANCELLED; a longer body: IG_ERROR_BAD_RESPONSE. */
IgResponse *ig_http_fetch (IgHttp *http, SoupMessage *msg, gsize max_body,
    GCancellable *cancellable, GError **error);

/* Sets a request body on @msg that a resend can replay (a sent body stream
 * is used up). */
void ig_http_set_request_body (SoupMessage *msg, const char *content_type,
    GBytes *body);
/* Gives @msg its body again before a resend. */
void ig_http_rewind_request_body (SoupMessage *msg);


void ig_response_free (IgResponse *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IgResponse, ig_response_free)

G_END_DECLS
