/* gst-instagram tests: a fake Instagram per test and pipeline helpers.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gst/check/gstcheck.h>

#include "fake-instagram.h"
#include "ig-test-files.h"

G_BEGIN_DECLS

/* From now on the element starts cold: a new, empty GST_INSTAGRAM_CACHE_DIR
 * (no rate-limit state, no resolver cache), removed with the fake. */
void ig_test_fresh_cache (void);

/* Starts a fake Instagram on loopback and points the element at it through
 * the documented environment variables, with a fresh cache. */
FakeInstagram *ig_test_start_fake (void);
void ig_test_stop_fake (FakeInstagram *fake);

/* A fresh fake Instagram in *@fake for every test of @tc (a checked
 * fixture), stopped after it. */
void ig_test_use_fake (TCase *tc, FakeInstagram **fake);

/* Runs @pipeline to EOS or ERROR (at most @timeout_s seconds) and returns
 * that message; every element message and tag is collected on the way. */
typedef struct
{
  GstMessage *done; /* EOS or ERROR */
  gint64 done_us; /* when it was popped, g_get_real_time () */
  GstMessage *warning; /* the first WARNING, or NULL */
  GstStructure *rate_limit; /* the first instagram-rate-limit, or NULL */
  GstTagList *tags; /* merged tags seen on the bus */
  GstStructure *media; /* the instagram-media structure, or NULL */
  GstStructure *playlist; /* the instagram-playlist structure, or NULL */
  guint n_warnings; /* WARNING messages seen */
} IgTestRun;

IgTestRun *ig_test_run (GstElement *pipeline, guint timeout_s);
IgTestRun *ig_test_run_launch (const char *description, guint timeout_s);
/* TRUE under valgrind or the sanitizers (their test setups set
 * IG_TEST_MEMORY_CHECKER). */
gboolean ig_test_under_memory_checker (void);
void ig_test_run_free (IgTestRun *run);

/* Asserts that @run ended with an ERROR of @domain/@code whose text
 * contains @text_part (NULL = anything). */
void ig_test_assert_error (IgTestRun *run, GQuark domain, gint code,
    const char *text_part);
void ig_test_assert_eos (IgTestRun *run);

/* Waits (30 s at most) for @pipeline's ASYNC_DONE; an ERROR fails the test
 * with its message. */
void ig_test_wait_async_done (GstElement *pipeline);

/* Saves @uri (with extra instagramsrc @props) to a temporary file through
 * "instagramsrc ! filesink" and returns its path. */
char *ig_test_save (const char *uri, const char *props, IgTestRun **run);

/* A new temporary directory, removed by ig_test_stop_fake(). */
char *ig_test_make_temp_dir (void);


/* Requests the fake API saw (everything but the CDN). */
guint ig_test_api_requests (FakeInstagram *fake);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IgTestRun, ig_test_run_free)

/* A server on 127.0.0.1 (its own thread) that answers every request with
 * HTTP 302: to @location, or, when @location is NULL, to the request's own
 * URL, a redirect loop. The fake Instagram cannot send Location headers
 * for arbitrary paths; this can. */
typedef struct _IgTestRedirector IgTestRedirector;

IgTestRedirector *ig_test_redirector_new (const char *location);
/* "http://127.0.0.1:PORT", no trailing slash. */
const char *ig_test_redirector_get_base (IgTestRedirector *r);
/* Requests answered so far. */
guint ig_test_redirector_count (IgTestRedirector *r);
void ig_test_redirector_free (IgTestRedirector *r);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IgTestRedirector, ig_test_redirector_free)

G_END_DECLS
