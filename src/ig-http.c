/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-http.h"
#include "ig-error.h"

struct _IgHttp
{
  SoupSession *session;
  SoupCookieJar *jar;
  gboolean ssl_strict;
};

static GProxyResolver *
proxy_resolver_for (const char *proxy)
{
  if (proxy == NULL || *proxy == '\0')
    return NULL;
  return g_simple_proxy_resolver_new (proxy, NULL);
}

IgHttp *
ig_http_new (const IgHttpOptions *options, gboolean cookies)
{
  IgHttp *http = g_new0 (IgHttp, 1);
  g_autoptr (GProxyResolver) resolver = proxy_resolver_for (options->proxy);

  http->ssl_strict = options->ssl_strict;
  http->session = soup_session_new_with_options ("timeout", options->timeout_s,
      "user-agent", NULL, NULL);
  if (resolver != NULL)
    soup_session_set_proxy_resolver (http->session, resolver);
  if (cookies) {
    http->jar = soup_cookie_jar_new ();
    soup_session_add_feature (http->session, SOUP_SESSION_FEATURE (http->jar));
  }
  return http;
}

void
ig_http_free (IgHttp *http)
{
  if (http == NULL)
    return;
  soup_session_abort (http->session);
  g_clear_object (&http->jar);
  g_object_unref (http->session);
  g_free (http);
}

SoupSession *
ig_http_get_session (IgHttp *http)
{
  return http->session;
}

SoupCookieJar *
ig_http_get_cookie_jar (IgHttp *http)
{
  return http->jar;
}

char *
ig_http_dup_cookie (IgHttp *http, const char *uri, const char *name)
{
  g_autoptr (GUri) guri = g_uri_parse (uri, SOUP_HTTP_URI_FLAGS, NULL);
  GSList *cookies, *l;
  char *value = NULL;

  if (http->jar == NULL || guri == NULL)
    return NULL;
  cookies = soup_cookie_jar_get_cookie_list (http->jar, guri, TRUE);
  for (l = cookies; l != NULL && value == NULL; l = l->next) {
    if (g_strcmp0 (soup_cookie_get_name (l->data), name) == 0)
      value = g_strdup (soup_cookie_get_value (l->data));
  }
  g_slist_free_full (cookies, (GDestroyNotify) soup_cookie_free);
  return value;
}

static gboolean
accept_any_certificate (SoupMessage *msg, GTlsCertificate *certificate,
    GTlsCertificateFlags errors, gpointer data)
{
  return TRUE;
}

void
ig_http_prepare (IgHttp *http, SoupMessage *msg)
{
  if (!http->ssl_strict)
    g_signal_connect (msg, "accept-certificate",
        G_CALLBACK (accept_any_certificate), NULL);
}


/* Reads @stream to its end, refusing to hold more than @max_body bytes. */
static GBytes *
read_capped (GInputStream *stream, gsize max_body, const char *uri,
    GCancellable *cancellable, GError **error)
{
  g_autoptr (GByteArray) data = g_byte_array_new ();
  guint8 chunk[16384];
  gssize n;

  while ((n = g_input_stream_read (stream, chunk, sizeof chunk, cancellable,
              error))
      > 0) {
    if (data->len + (gsize) n > max_body) {
      g_set_error (error, IG_ERROR, IG_ERROR_BAD_RESPONSE,
          "The answer from %s is larger than %" G_GSIZE_FORMAT " bytes", uri,
          max_body);
      return NULL;
    }
    g_byte_array_append (data, chunk, n);
  }
  if (n < 0)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static char *
absolute_location (SoupMessage *msg)
{
  const char *location =
      soup_message_headers_get_one (soup_message_get_response_headers (msg),
          "Location");
  g_autoptr (GUri) resolved = NULL;

  if (location == NULL)
    return NULL;
  resolved = g_uri_parse_relative (soup_message_get_uri (msg), location,
      SOUP_HTTP_URI_FLAGS, NULL);
  return resolved != NULL ? g_uri_to_string (resolved) : NULL;
}

static IgResponse *
response_new (SoupMessage *msg, GBytes *body)
{
  IgResponse *response = g_new0 (IgResponse, 1);
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);

  response->status = soup_message_get_status (msg);
  response->uri = g_uri_to_string (soup_message_get_uri (msg));
  response->content_type =
      g_strdup (soup_message_headers_get_content_type (headers, NULL));
  response->retry_after =
      g_strdup (soup_message_headers_get_one (headers, "Retry-After"));
  if (SOUP_STATUS_IS_REDIRECTION (response->status))
    response->location = absolute_location (msg);
  response->body = body;
  return response;
}

static void
set_network_error (GError **error, GError *cause, SoupMessage *msg)
{
  g_autofree char *uri = g_uri_to_string (soup_message_get_uri (msg));

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
    g_propagate_error (error, cause);
    return;
  }
  g_set_error (error, IG_ERROR, IG_ERROR_NETWORK, "Could not read %s: %s", uri,
      cause->message);
  g_error_free (cause);
}

#define BODY_KEY "ig-http-body"
#define TYPE_KEY "ig-http-body-type"

void
ig_http_set_request_body (SoupMessage *msg, const char *content_type,
    GBytes *body)
{
  g_object_set_data_full (G_OBJECT (msg), BODY_KEY, g_bytes_ref (body),
      (GDestroyNotify) g_bytes_unref);
  g_object_set_data_full (G_OBJECT (msg), TYPE_KEY, g_strdup (content_type),
      g_free);
  soup_message_set_request_body_from_bytes (msg, content_type, body);
}

void
ig_http_rewind_request_body (SoupMessage *msg)
{
  GBytes *body = g_object_get_data (G_OBJECT (msg), BODY_KEY);

  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg,
        g_object_get_data (G_OBJECT (msg), TYPE_KEY), body);
}

/* A connection lost before the answer, which a new one may not lose. */
static gboolean
is_lost_connection (const GError *error)
{
  return error->domain == G_IO_ERROR
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static GInputStream *
send (IgHttp *http, SoupMessage *msg, GCancellable *cancellable,
    GError **error)
{
  GError *local = NULL;
  GInputStream *stream =
      soup_session_send (http->session, msg, cancellable, &local);

  if (stream != NULL || !is_lost_connection (local)) {
    if (local != NULL)
      g_propagate_error (error, local);
    return stream;
  }
  g_clear_error (&local);
  ig_http_rewind_request_body (msg);
  return soup_session_send (http->session, msg, cancellable, error);
}

IgResponse *
ig_http_fetch (IgHttp *http, SoupMessage *msg, gsize max_body,
    GCancellable *cancellable, GError **error)
{
  g_autoptr (GInputStream) stream = NULL;
  GError *local = NULL;
  GBytes *body;
  g_autofree char *uri = g_uri_to_string (soup_message_get_uri (msg));

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  ig_http_prepare (http, msg);
  stream = send (http, msg, cancellable, &local);
  if (stream == NULL) {
    set_network_error (error, local, msg);
    return NULL;
  }
  body = read_capped (stream, max_body, uri, cancellable, &local);
  if (body == NULL) {
    if (local->domain == IG_ERROR)
      g_propagate_error (error, local);
    else
      set_network_error (error, local, msg);
    return NULL;
  }
  return response_new (msg, body);
}

void
ig_response_free (IgResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->uri);
  g_free (response->location);
  g_free (response->content_type);
  g_free (response->retry_after);
  g_bytes_unref (response->body);
  g_free (response);
}
