/* sb-window-session.c — a scripted session for the benchmark's peak memory
 *
 * With STORYBANK_BENCH_SESSION set, the window plays a short session once
 * its first frame is drawn: it waits for the idles and workers that follow
 * the first frame (the pages built late, the page check, the daily backup),
 * shows every page, selects a few questions (the coach's suggestions), types
 * in a story and waits for its autosave, then ends the process. After each
 * step it prints "session STEP PEAK_RSS_KB RSS_KB" (VmHWM, VmRSS) on stdout;
 * storybank-bench reads the lines. Nothing else in the app looks at it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-window"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "sb-first-frame.h"
#include "sb-questions-page.h"
#include "sb-window-private.h"

static gboolean
flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the lowest-priority idle gets its turn (no
 * idle, redraw or list filling is left), for at most ten seconds. */
static void
wait_quiet (void)
{
  gboolean quiet = FALSE;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_idle_add_full (G_PRIORITY_LOW + 100, flag_cb, &quiet, NULL);
  while (!quiet && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop while @busy says so, for at most thirty seconds. */
static void
wait_while (gboolean (*busy) (gpointer),
            gpointer  object)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (busy (object) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
suggesting (gpointer page)
{
  return sb_questions_page_get_suggesting (page);
}

static gboolean
saving (gpointer editor)
{
  return sb_story_editor_has_pending (editor);
}

/* Quiet, then @ms more of the main loop (timeouts, workers), quiet again. */
static void
settle (guint ms)
{
  gboolean done = FALSE;

  wait_quiet ();
  g_timeout_add (ms, flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  wait_quiet ();
}

static void
report (const char *step)
{
  printf ("session %s %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT "\n", step,
          sb_first_frame_read_status_kb ("VmHWM:"), sb_first_frame_read_status_kb ("VmRSS:"));
  fflush (stdout);
}

static gboolean
session_cb (gpointer user_data)
{
  static const char * const pages[] = { "coverage", "questions", "practice", "applications", "stories" };
  SbWindow *self = user_data;
  SbDatabase *db = sb_store_get_database (self->store);
  GListModel *questions = sb_store_get_questions (self->store);
  GListModel *stories = sb_store_get_stories (self->store);
  SbQuestionsPage *page;

  report ("first-frame");
  /* The page check and the daily backup run in workers after the frame. */
  for (guint i = 0; i < 100 && sb_database_get_check_pending (db); i++)
    settle (100);
  settle (1500);
  report ("settled");

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      sb_window_show_page (self, pages[i]);
      settle (300);
      report (pages[i]);
    }

  sb_window_show_page (self, "questions");
  page = SB_QUESTIONS_PAGE (_sb_window_ensure_page (self, "questions"));
  for (guint q = 0, n = g_list_model_get_n_items (questions); q < MIN (3u, n); q++)
    {
      g_autoptr(SbQuestion) question = g_list_model_get_item (questions, q * 7 % n);

      sb_questions_page_select_question (page, sb_question_get_slug (question));
      wait_while (suggesting, page);
      settle (100);
    }
  report ("questions-selected");

  sb_window_show_page (self, "stories");
  if (g_list_model_get_n_items (stories) > 0)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (stories, 0);
      GtkTextView *view;
      GtkTextBuffer *buffer;
      GtkTextIter end;

      sb_story_list_select_story (self->story_list, story);
      settle (100);
      view = sb_story_editor_get_text_view (self->story_editor, SB_STORY_FIELD_ACTION);
      buffer = gtk_text_view_get_buffer (view);
      gtk_widget_grab_focus (GTK_WIDGET (view));
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_place_cursor (buffer, &end);
      for (guint i = 0; i < 30; i++)
        {
          gtk_text_buffer_insert_interactive_at_cursor (buffer, i % 6 == 5 ? " " : "a", -1, TRUE);
          settle (20);
        }
      wait_while (saving, self->story_editor);
      settle (500);
    }
  report ("typed");
  /* The bank is the benchmark's copy: nothing is left to save. */
  _Exit (0);
  return G_SOURCE_REMOVE;
}

void
_sb_window_start_bench_session (SbWindow *self)
{
  if (g_getenv (SB_BENCH_SESSION_ENV) == NULL)
    return;
  /* Not from the frame clock's signal: the session runs the main loop. */
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, session_cb, self, NULL);
}
