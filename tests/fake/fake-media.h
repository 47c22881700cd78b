/* gst-instagram tests: the posts and media files of the fake Instagram.
 * make-media.sh generates the files; keep the numbers here in step.
 * SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

/* Shortcodes of the posts the fake serves, with their pks. */
#define FAKE_SC_IMAGE "DLAi8xlySmh" /* 3 JPEG candidates, caption, location */
#define FAKE_PK_IMAGE "3657076607422114209"
#define FAKE_SC_VIDEO "aye83DjauH" /* feed video, one video_versions entry */
#define FAKE_PK_VIDEO "482584233761418119"
#define FAKE_SC_REEL "Chunk8-jurw" /* clips: 480p type 101 first, 720p, 360p */
#define FAKE_PK_REEL "2913440072144448240"
#define FAKE_SC_CAROUSEL "BqvsDleB3lV" /* children: image, video, image */
#define FAKE_PK_CAROUSEL "1922949326347663701"
#define FAKE_SC_NONFASTSTART "DMOcbJSRaBu" /* moov after a 5.4 MiB mdat */
#define FAKE_PK_NONFASTSTART "3679002956306686062"
#define FAKE_SC_PRIVATE "C5_A1TQNPrY" /* owner is private: login only */
#define FAKE_PK_PRIVATE "3350400310592207576"
#define FAKE_SC_DELETED "CzzzzzzzzzA" /* valid code the fake does not know */
#define FAKE_PK_DELETED "3239160417704950976"
#define FAKE_SC_BIG "CbenchBig20" /* needs make-media.sh --big */
#define FAKE_PK_BIG "2800849501689613748"
#define FAKE_SC_DASH "DASHreel4sQ" /* clips: 1080p only in DASH, below */
#define FAKE_PK_DASH "3463864837389912848"
#define FAKE_SC_REEL_BENCH "CbenchReel1" /* clips, FAKE_MEDIA_REEL_BENCH */
#define FAKE_PK_REEL_BENCH "2800849501956991349"
#define FAKE_SC_PORTRAIT "DPortrait9A" /* the DASH reel + 1080p progressive */
#define FAKE_PK_PORTRAIT "3740431745523834688"
/* The DASH reel with a hostile audio BaseURL (the video ones are sound):
 * relative "dash-audio.mp4", "file:///etc/hostname", or none at all. */
#define FAKE_SC_AUDIO_RELATIVE "DAudioRel1A"
#define FAKE_PK_AUDIO_RELATIVE "3471842285803167040"
#define FAKE_SC_AUDIO_FILE "DAudioFile1"
#define FAKE_PK_AUDIO_FILE "3471842285602887605"
#define FAKE_SC_AUDIO_MISSING "DAudioNone1"
#define FAKE_PK_AUDIO_MISSING "3471842285738686389"
#define FAKE_SC_SILENT "DQsilentRl1" /* clips without sound, see below */
#define FAKE_PK_SILENT "3759531898027972981"
/* The 2026 reels, served as real 2026 answers are (instagram-2026-12.md
 * section 6.1, below): pk a JSON number above 2^53. */
#define FAKE_SC_R26_AV1 "DRqAYKuAIUx" /* AV1 DASH ladder */
#define FAKE_PK_R26_AV1 "3776832898280228145"
/* The VP9 ladder another client gets: also what the AV1 reel's media info
 * answers the app (iOS or Android app id) with. */
#define FAKE_SC_R26_VP9 "DRqAYKuAIUy"
#define FAKE_PK_R26_VP9 "3776832898280228146"

/* The crowd: FAKE_CROWD_COUNT more video posts, clones of the video post
 * with pks FAKE_PK_CROWD_BASE + i (shortcodes from
 * fake_instagram_crowd_shortcode()), for tests of many posts at once. */
#define FAKE_CROWD_COUNT 64
#define FAKE_PK_CROWD_BASE G_GUINT64_CONSTANT (3000000000000000000)

/* Videos: H.264 (I420, High profile) at 30 fps, GOP 30, mp4mux; AAC-LC
 * stereo 44.1 kHz where noted. The audio packet count depends on how qtdemux
 * reads the file (gstreamer-notes §4), so tests should count video. */
#define FAKE_MEDIA_VIDEO "video-640x360.mp4" /* + audio, faststart */
#define FAKE_MEDIA_VIDEO_FRAMES 60
#define FAKE_MEDIA_REEL_480 "reel-480x854.mp4" /* + audio, faststart */
#define FAKE_MEDIA_REEL_720 "reel-720x1280.mp4" /* + audio, the largest */
#define FAKE_MEDIA_REEL_360 "reel-360x640.mp4" /* + audio */
#define FAKE_MEDIA_REEL_FRAMES 60 /* each of the three */
#define FAKE_MEDIA_CAROUSEL_VIDEO "carousel-2-720x900.mp4" /* + audio */
#define FAKE_MEDIA_CAROUSEL_VIDEO_FRAMES 45
#define FAKE_MEDIA_NONFASTSTART "nonfaststart-320x240.mp4" /* no audio */
#define FAKE_MEDIA_NONFASTSTART_FRAMES 90
#define FAKE_MEDIA_BIG "big-1280x720.mp4" /* no audio, about 200 MB */
#define FAKE_MEDIA_BIG_FRAMES 180
/* The reel without sound, FAKE_SC_SILENT ("has_audio": false, as
 * Instagram marks them): one progressive version without an audio track,
 * and a manifest with one video representation (the DASH reel's 720p file)
 * and no audio AdaptationSet. */
#define FAKE_MEDIA_SILENT "silent-720x1280.mp4" /* no audio, faststart */
#define FAKE_MEDIA_SILENT_FRAMES 120
#define FAKE_SILENT_OWNER "fakesilent"

/* The public reel of tests/bench/bench-start.py (FAKE_SC_REEL_BENCH) serves
 * the highlight's video: 1 136 158 bytes, like the reel issue 11 timed. */
#define FAKE_MEDIA_REEL_BENCH FAKE_MEDIA_HIGHLIGHT_2

/* The DASH reel, FAKE_SC_DASH, shaped like real Instagram's: progressive
 * video_versions capped at 720p (+ audio, faststart, 120 frames), and a
 * video_dash_manifest (isoff-on-demand, SegmentBase) with 1080p H.264,
 * 720p H.264, 1080p VP9 and one audio representation. Each DASH file is a
 * dashinit MP4 (ftyp, moov, sidx, then one moof+mdat per second) with one
 * track: 4 s, 30 fps, GOP 30 for video; AAC-LC stereo 44.1 kHz for audio.
 * fake_instagram_dash_ranges() gives the byte ranges the manifest has. */
#define FAKE_DASH_OWNER "fakedash" /* user.username */
#define FAKE_MEDIA_DASH_PROG "dash-prog-720x1280.mp4" /* video_versions[0] */
#define FAKE_MEDIA_DASH_PROG_480 "dash-prog-480x854.mp4" /* video_versions[1] */
#define FAKE_MEDIA_DASH_THUMB "dash-thumb-720x1280.jpg"
#define FAKE_DASH_PROGRESSIVE_COUNT 2 /* video_versions entries */
#define FAKE_DASH_REPRESENTATION_COUNT 4 /* 3 video + 1 audio */
#define FAKE_DASH_SUBSEGMENTS 4 /* sidx references (moof+mdat) per file */
#define FAKE_MEDIA_DASH_FRAMES 120 /* video frames of every representation */
/* AAC frames qtdemux gives for FAKE_MEDIA_DASH_AUDIO (4 fragments of 43;
 * the encoder drops the last partial frame of the 4 s of input). */
#define FAKE_MEDIA_DASH_AUDIO_BUFFERS 172

#define FAKE_MEDIA_DASH_V1080 "dash-v1080.mp4"
#define FAKE_DASH_ID_V1080 "1707346101080v"
#define FAKE_DASH_CODECS_V1080 "avc1.640028" /* High, level 4.0 */
#define FAKE_MEDIA_DASH_V720 "dash-v720.mp4"
#define FAKE_DASH_ID_V720 "1707346100720vd" /* FBDefaultQuality="1" */
#define FAKE_DASH_CODECS_V720 "avc1.64001f" /* High, level 3.1 */
#define FAKE_MEDIA_DASH_VP9_1080 "dash-vp9-1080.mp4"
#define FAKE_DASH_ID_VP9_1080 "1707346109108v"
#define FAKE_DASH_CODECS_VP9_1080 "vp09.00.40.08" /* profile 0, 8 bits */
#define FAKE_DASH_WIDTH_1080 1080
#define FAKE_DASH_HEIGHT_1080 1920
#define FAKE_DASH_WIDTH_720 720
#define FAKE_DASH_HEIGHT_720 1280
#define FAKE_MEDIA_DASH_AUDIO "dash-audio.mp4"
#define FAKE_DASH_ID_AUDIO "1707346100044ad"
#define FAKE_DASH_CODECS_AUDIO "mp4a.40.2" /* AAC-LC */
#define FAKE_DASH_AUDIO_RATE 44100
#define FAKE_DASH_AUDIO_CHANNELS 2
/* The best video as yt-dlp ranks them: the largest, VP9 before H.264. */
#define FAKE_MEDIA_DASH_BEST FAKE_MEDIA_DASH_VP9_1080
#define FAKE_DASH_BEST_ID FAKE_DASH_ID_VP9_1080

/* The portrait reel, FAKE_SC_PORTRAIT: the DASH reel's manifest and files,
 * and progressive video_versions 1080x1920 (its own file, first), then the
 * DASH reel's 720x1280 and 480x854; covers (image_versions2) 720x1280,
 * 1080x1920 and 480x854, in that order. max-resolution=720 picks the
 * 720x1280 file, max-height=720 the 480x854 one. */
#define FAKE_MEDIA_PORTRAIT_1080 "portrait-1080x1920.mp4" /* + audio, 120 fr */
#define FAKE_MEDIA_PORTRAIT_720 FAKE_MEDIA_DASH_PROG
#define FAKE_MEDIA_PORTRAIT_480 FAKE_MEDIA_DASH_PROG_480
#define FAKE_MEDIA_PORTRAIT_COVER "portrait-cover-1080x1920.jpg" /* largest */
#define FAKE_MEDIA_PORTRAIT_COVER_720 FAKE_MEDIA_DASH_THUMB
#define FAKE_MEDIA_PORTRAIT_COVER_480 "portrait-cover-480x854.jpg"
/* The DASH audio file is 4 s (FAKE_MEDIA_DASH_AUDIO_BUFFERS AAC frames). */
#define FAKE_MEDIA_DASH_AUDIO_DURATION_MS 4000

/* The 2026 reels (FAKE_SC_R26_AV1, FAKE_SC_R26_VP9), 2 s each (60 frames at
 * 30 fps, GOP 30: two subsegments): video_versions types 101, 102 and 103,
 * all 720x1280 and one URL, FAKE_MEDIA_R26_PROG (H.264 + AAC); a manifest
 * with an AV1 ladder 1080x1920, 720x1280, 540x960 (or a VP9 one, 720x1280
 * and 540x960) and two audio representations labelled xHE-AAC
 * (mp4a.40.42), whose files are AAC-LC: no USAC encoder exists here.
 * make-media.sh encodes AV1 with av1enc (libaom, gst-plugins-bad). */
#define FAKE_MEDIA_R26_PROG "r26-prog-720x1280.mp4"
#define FAKE_MEDIA_R26_AV1_1080 "r26-av1-1080.mp4"
#define FAKE_R26_ID_AV1_1080 "1262026401080v"
#define FAKE_R26_CODECS_AV1_1080 "av01.0.08M.08"
#define FAKE_MEDIA_R26_AV1_720 "r26-av1-720.mp4"
#define FAKE_R26_ID_AV1_720 "1262026400720v"
#define FAKE_MEDIA_R26_AV1_540 "r26-av1-540.mp4"
#define FAKE_MEDIA_R26_VP9_720 "r26-vp9-720.mp4"
#define FAKE_R26_ID_VP9_720 "1262026490720v"
#define FAKE_R26_CODECS_VP9_720 "vp09.00.31.08"
#define FAKE_MEDIA_R26_VP9_540 "r26-vp9-540.mp4"
#define FAKE_MEDIA_R26_AUDIO "r26-xhe-hi.mp4" /* the higher bandwidth */
#define FAKE_R26_ID_AUDIO "1262026420442a"
#define FAKE_MEDIA_R26_AUDIO_LO "r26-xhe-lo.mp4"
#define FAKE_R26_CODECS_AUDIO "mp4a.40.42"
#define FAKE_R26_FRAMES 60

/* Images: one JPEG frame each. */
#define FAKE_MEDIA_IMAGE_LARGE "img-1080x1350.jpg" /* candidates[0] */
#define FAKE_MEDIA_IMAGE_MEDIUM "img-640x800.jpg"
#define FAKE_MEDIA_IMAGE_SMALL "img-320x400.jpg"
#define FAKE_MEDIA_CAROUSEL_1 "carousel-1-1080x1080.jpg"
#define FAKE_MEDIA_CAROUSEL_3 "carousel-3-1080x1080.jpg"
#define FAKE_MEDIA_PRIVATE "private-1080x1080.jpg"

/* Stories (login only). FAKE_STORY_USER's current story has two items,
 * oldest first: 1 = FAKE_MEDIA_STORY_1 (video, + audio, 30 frames),
 * 2 = FAKE_MEDIA_STORY_2 (image). Their taken_at and expiring_at are
 * dynamic: computed when the request is answered, item 1 taken at now - 7200
 * and item 2 at now - 3600, each expiring 86400 s after it was taken (so
 * always in the future). The reel's expiring_at is the newest item's. */
#define FAKE_STORY_USER "fakestories"
#define FAKE_STORY_USER_PK "787132"
#define FAKE_STORY_PK_1 "3870193736105885141"
#define FAKE_STORY_PK_2 "3870204551247359338"
#define FAKE_STORY_AGE_1 7200 /* seconds before now, item 1's taken_at */
#define FAKE_STORY_AGE_2 3600
#define FAKE_MEDIA_STORY_1 "story-1-720x1280.mp4" /* + audio */
#define FAKE_MEDIA_STORY_FRAMES 30
#define FAKE_MEDIA_STORY_2 "story-2-1080x1920.jpg"
/* A highlight of FAKE_STORY_USER, reel id "highlight:" FAKE_HIGHLIGHT_ID:
 * 1 = FAKE_MEDIA_HIGHLIGHT_1 (image), 2 = FAKE_MEDIA_HIGHLIGHT_2 (video,
 * + audio, 30 frames). Fixed taken_at; no expiring_at anywhere. */
#define FAKE_HIGHLIGHT_ID "18090946048123978"

/* Share links the fake redirects (fake-share.c): /share/reel/ to
 * FAKE_SC_REEL, /share/p/ to FAKE_SC_IMAGE, /share/ to FAKE_SC_CAROUSEL
 * item 2, /s/ to the highlight. */
#define FAKE_SHARE_REEL "BAK7xPz9gl"
#define FAKE_SHARE_IMAGE "BAk7xPz9gm"
#define FAKE_SHARE_CAROUSEL "BAc7xPz9gn"
#define FAKE_SHARE_HIGHLIGHT "aGlnaGxpZ2h0OjE4MDkwOTQ2MDQ4MTIzOTc4"
#define FAKE_HIGHLIGHT_TITLE "Best of"
#define FAKE_HIGHLIGHT_PK_1 "3512960021870137501"
#define FAKE_HIGHLIGHT_PK_2 "3512964410239211302"
#define FAKE_HIGHLIGHT_TAKEN_AT_1 1735000000
#define FAKE_HIGHLIGHT_TAKEN_AT_2 1735003600
#define FAKE_MEDIA_HIGHLIGHT_1 "highlight-1-1080x1920.jpg"
#define FAKE_MEDIA_HIGHLIGHT_2 "highlight-2-720x1280.mp4" /* + audio */
#define FAKE_MEDIA_HIGHLIGHT_FRAMES 30
/* A user who exists but has no current story. */
#define FAKE_NOSTORY_USER "quietuser"
#define FAKE_NOSTORY_USER_PK "555000555"
/* web_profile_info answers "user": null. */
#define FAKE_UNKNOWN_USER "nosuchuser_zz"

/* Profiles (tests/fake/fake-profiles.c; instagram-api.md §3.1, §4.9 and
 * §2.1 A, instagram-2026-12.md §1.2). web_profile_info answers anyone
 * with the web app id (anonymous clients included, as instaloader 4.15.2+
 * uses it) with the user and, for a profile the viewer may see, the first
 * FAKE_WEB_PAGE_SIZE posts of the grid (GraphQL edges, page_info); paging
 * past that is for sessions only: GET /api/v1/feed/user/PK/?count=N
 * [&max_id=CURSOR] (mobile items, more_available, next_max_id; count
 * honoured up to FAKE_FEED_MAX_COUNT, default FAKE_WEB_PAGE_SIZE). The
 * posts are clones of the fixture posts, owned by the profile's user,
 * newest first, served by every post endpoint like the others. */
#define FAKE_WEB_PAGE_SIZE 12
#define FAKE_FEED_MAX_COUNT 33
/* 30 posts; post i (0 = newest) is a clone of kind i % 5: the image post,
 * the feed video, the reel (clips), the carousel, the DASH reel (clips).
 * taken_at FAKE_GRID_TAKEN_AT - 3600 * i; caption "Grid post I+1". */
#define FAKE_GRID_USER "fakegrid"
#define FAKE_GRID_USER_PK "4100000001"
#define FAKE_GRID_COUNT 30
#define FAKE_GRID_CLIPS 12 /* kinds 2 and 4 */
#define FAKE_PK_GRID_BASE G_GUINT64_CONSTANT (3100000000000000000)
#define FAKE_GRID_TAKEN_AT G_GINT64_CONSTANT (1764000000)
/* 3 posts, newest first: a reel, a carousel, an image (clones). */
#define FAKE_THREE_USER "fakethree"
#define FAKE_THREE_USER_PK "4100000002"
#define FAKE_THREE_COUNT 3
#define FAKE_PK_THREE_BASE G_GUINT64_CONSTANT (3100000000000001000)
/* The profile as 2026 answers show it (instagram-2026-12.md 6.2, 6.3):
 * FAKE_R26_COUNT posts, i = 0..6 cloning the AV1 reel, the image, the VP9
 * reel, the carousel, the reel, the reel, the AV1 reel; the grid shows
 * posts 0..FAKE_R26_GRID-1 and pins post 0 (timeline_pinned_user_ids);
 * feed/user serves FAKE_R26_PAGE_SIZE items a page, in the 2026 item
 * shape (no media_type, no code, pk a number, caption a string,
 * taken_at_timestamp, user with only an id, carousel_media_count 10), and
 * its last page says more_available true with next_max_id false. The
 * reels tab (POST api/v1/clips/user/, logged in) lists posts 4 (pinned in
 * the tab: clips_tab_pinned_user_ids), 0, 5, 2, 6: 5 and 6 are on no grid
 * page, the grid's pin is not the tab's; FAKE_R26_PAGE_SIZE a page. */
#define FAKE_R26_USER "fake2026"
#define FAKE_R26_USER_PK "4100000020"
#define FAKE_PK_R26_BASE G_GUINT64_CONSTANT (3100000000000003000)
#define FAKE_R26_COUNT 7
#define FAKE_R26_GRID 5
#define FAKE_R26_PAGE_SIZE 3
/* Private, followed by the fake session's account: 2 posts (an image, a
 * video) for the session; anonymously is_private with the count and no
 * edges, and feed/user is a login redirect. */
#define FAKE_PRIVATE_USER "fakeprivate"
#define FAKE_PRIVATE_USER_PK "4100000003"
#define FAKE_PRIVATE_COUNT 2
#define FAKE_PK_PRIVATE_BASE G_GUINT64_CONSTANT (3100000000000002000)
/* Private and not followed by the session: feed/user answers 400 "Not
 * authorized to view user" even logged in. */
#define FAKE_LOCKED_USER "fakelocked"
#define FAKE_LOCKED_USER_PK "4100000004"
/* Hostile feeds (logged in; anonymously their first page is the same):
 * LOOP: next_max_id is always "LOOP", each page 2 new image posts that
 * exist nowhere else; HUGE: FAKE_HUGE_COUNT items on one page; EMPTY: no
 * items but more_available; JUNK: items of wrong types and missing codes
 * (FAKE_JUNK_USABLE of them usable), more_available "yes", next_max_id {};
 * BADPAGE: items is an object. */
#define FAKE_LOOP_USER "fakeloop"
#define FAKE_HUGE_USER "fakehuge"
#define FAKE_HUGE_COUNT 10000
#define FAKE_EMPTY_USER "fakeempty"
#define FAKE_JUNK_USER "fakejunk"
#define FAKE_JUNK_USABLE 2
#define FAKE_BADPAGE_USER "fakebadpage"
