/* storybank-bench.c — how Storybank holds up as the bank grows
 *
 * For each bank size (100, 1,000 and 10,000 stories by default; pick with
 * STORYBANK_BENCH_SIZES=100,1000 or the first argument) it generates a
 * realistic bank (bench-bank.c), exports it to JSON and measures:
 *
 *   import       sb_exchange_import_json of that file into an empty bank
 *   open         sb_store_open of the bank
 *   first frame  process start → first frame of the real `storybank`
 *                window (Stories page), median of STORYBANK_BENCH_RUNS runs
 *                (default 5), next to the same figure for an empty
 *                AdwApplicationWindow (bench-empty-window) started the same
 *                way in the same run, and the ratio of the two
 *   interactions in a window of this process: search-as-you-type per
 *                keystroke (the keystroke's frame; the query runs in a
 *                worker, so also the frame that shows its results,
 *                search_results_frame_ms, and the wall time from the
 *                keystroke to it, search_results_shown_ms; each frame
 *                between the two, search_wait_frame_ms; and each frame
 *                after it that fills the rest of the list in,
 *                search_fill_frame_ms; the story chooser's search the same
 *                way, chooser_*), typing one character in the editor (and
 *                typing on for three seconds, across a save, type_steady_*), switching
 *                to each page (first time and again), the coverage matrix
 *                rebuild (the call, and to the end of its frame), a click
 *                on a cell to its frame, and drawing, selecting a
 *                question (its frame, and the wall time until its
 *                suggestions are shown), autosave commit (sb_store_save_story), the cheat-sheet PDF, the story
 *                checks on one story
 *   import shown importing 1,000 new stories into the bank with the
 *                window on the Practice page, up to the frame that shows them;
 *                then 4,000 new themes the same way
 *   peak RSS     of the app at its first frame (its VmHWM); of the app over
 *                a scripted session (STORYBANK_BENCH_SESSION: once the
 *                idles and workers after the first frame are done, and at
 *                the end of every page shown, questions selected, typing
 *                and autosave; peak_rss_app_pages_mb once every page
 *                was shown, rss_app_session_end_mb what it holds at the
 *                end); and of this process so far (sizes run smallest
 *                first)
 *
 * An interaction's time is the main thread's work from the call to the end
 * of the frame that shows it: wall time less the time the main loop spent
 * waiting in poll(), so the wait for the next frame slot does not count.
 *
 * STORYBANK_BENCH_KEEP=DIR keeps each generated bank as DIR/bank-N.sqlite3,
 * to profile the app on it (perf, callgrind) outside the benchmark.
 *
 * Prints one JSON object per size on stdout (times in ms), progress on
 * stderr. Asserts nothing about the times: machines differ. A warning or
 * critical does not stop the measuring (the figures are still worth
 * having); it is counted in the size's "warnings" and fails the run at
 * the end, as G_DEBUG=fatal-warnings would have.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "storybank-bench"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <adwaita.h>

#include "bench-bank.h"
#include "bench-frames.h"
#include "sb-cheat-sheet.h"
#include "sb-coverage-page.h"
#include "sb-example.h"
#include "sb-exchange.h"
#include "sb-practice-page.h"
#include "sb-questions-page.h"
#include "sb-settings.h"
#include "sb-story-check.h"
#include "sb-story-editor.h"
#include "sb-story-chooser.h"
#include "sb-story-list.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-window.h"

/* ---- statistics ------------------------------------------------------- */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The @p quantile (0–1) of @samples (ms), nearest rank. */
static double
quantile (GArray *samples,
          double  p)
{
  guint rank;

  if (samples->len == 0)
    return 0;
  g_array_sort (samples, compare_doubles);
  rank = (guint) (p * samples->len + 0.999999);
  rank = CLAMP (rank, 1, samples->len);
  return g_array_index (samples, double, rank - 1);
}

static double
median (GArray *samples)
{
  return quantile (samples, 0.5);
}

/* The JSON line, written by hand: JsonGenerator prints 0.29 as
 * 0.28999999999999998, and two decimals are more than the noise allows. */
typedef GString JsonOut;

static void
json_member (JsonOut    *out,
             const char *name)
{
  char last = out->len > 0 ? out->str[out->len - 1] : '{';

  if (last != '{')
    g_string_append_c (out, ',');
  if (name != NULL)
    g_string_append_printf (out, "\"%s\":", name);
}

static void
json_begin (JsonOut    *out,
            const char *name)
{
  json_member (out, name);
  g_string_append_c (out, '{');
}

static void
json_end (JsonOut *out)
{
  g_string_append_c (out, '}');
}

static void
add_int (JsonOut    *out,
         const char *name,
         gint64      value)
{
  json_member (out, name);
  g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
}

static void
add_ms (JsonOut    *out,
        const char *name,
        double      ms)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  json_member (out, name);
  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.2f", ms));
}

static void
add_percentiles (JsonOut     *builder,
                 const char  *name,
                 GArray      *samples)
{
  json_begin (builder, name);
  add_ms (builder, "p50", quantile (samples, 0.5));
  add_ms (builder, "p99", quantile (samples, 0.99));
  add_ms (builder, "max", quantile (samples, 1.0));
  add_int (builder, "n", samples->len);
  json_end (builder);
}

static void
append_ms (GArray *samples,
           double  ms)
{
  g_array_append_val (samples, ms);
}

static double
ms_since (gint64 start_us)
{
  return (g_get_monotonic_time () - start_us) / 1000.0;
}

static void measure_gtk_floors (JsonOut    *builder,
                                const char *text,
                                int         width,
                                int         height,
                                int         text_width);

/* ---- warnings ----------------------------------------------------------- */

static guint n_warnings;

static GLogWriterOutput
counting_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if (log_level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL))
    n_warnings++;
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* ---- main-thread work ------------------------------------------------- */

/* time_interaction(), settle() and the frame counting: bench-frames.h */

/* ---- start-up in a fresh process -------------------------------------- */

typedef struct
{
  double first_frame_ms;
  double peak_rss_mb;
} StartUp;

/* Starts @program on @database (none: the floor) with @env_var set and
 * returns what it printed on stdout once it ended with status 0. */
static char *
spawn_reporting (const char  *program,
                 const char  *database,
                 const char  *env_var,
                 gint64      *start,
                 GError     **error)
{
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), env_var, "1", TRUE);
  g_autofree char *db_arg = database != NULL ? g_strdup_printf ("--database=%s", database) : NULL;
  const char *argv[] = { program, db_arg, NULL };
  g_autoptr(GIOChannel) channel = NULL;
  g_autofree char *output = NULL;
  GPid pid;
  int out_fd, status = 0;

  *start = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &pid, NULL, &out_fd, NULL, error))
    return NULL;
  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  g_io_channel_read_to_end (channel, &output, NULL, NULL);
  if (waitpid (pid, &status, 0) < 0)
    status = -1;
  g_spawn_close_pid (pid);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s ended with status %d (output “%s”)",
                   program, status, output != NULL ? output : "");
      return NULL;
    }
  return g_steal_pointer (&output);
}

static gboolean
spawn_to_first_frame (const char  *program,
                      const char  *database,
                      StartUp     *out,
                      GError     **error)
{
  g_autofree char *output = NULL;
  char *end = NULL;
  gint64 start, painted;
  const char *line;

  output = spawn_reporting (program, database, "STORYBANK_BENCH_FIRST_FRAME", &start, error);
  if (output == NULL)
    return FALSE;
  line = strstr (output, "first-frame ");
  if (line == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%s did not report its first frame (output “%s”)", program, output);
      return FALSE;
    }
  painted = g_ascii_strtoll (line + strlen ("first-frame "), &end, 10);
  out->first_frame_ms = (painted - start) / 1000.0;
  out->peak_rss_mb = g_ascii_strtoull (end, NULL, 10) / 1024.0;
  return TRUE;
}

/* The app's peak memory over a whole session (STORYBANK_BENCH_SESSION,
 * src/ui/sb-window-session.c): after its first frame it waits for what
 * follows it (pages built in idles, the page check and the daily backup in
 * workers), shows every page, selects questions, types and autosaves. Its
 * VmHWM once settled and at the end. It writes to the bank: run it on a
 * copy. */
typedef struct
{
  double settled_mb;
  double pages_mb;    /* every page shown once, back on Stories */
  double session_mb;
  double end_rss_mb;  /* VmRSS at the end: what the session keeps */
} Session;

/* A step's VmHWM, or with @rss its VmRSS. */
static double
session_step_mb (const char *output,
                 const char *step,
                 gboolean    rss)
{
  g_autofree char *key = g_strdup_printf ("session %s ", step);
  const char *line = strstr (output, key);
  char *end = NULL;
  guint64 kb;

  if (line == NULL)
    return 0;
  kb = g_ascii_strtoull (line + strlen (key), &end, 10);
  if (rss)
    kb = g_ascii_strtoull (end, NULL, 10);
  return kb / 1024.0;
}

static gboolean
spawn_session (const char  *program,
               const char  *database,
               Session     *out,
               GError     **error)
{
  g_autofree char *output = NULL;
  gint64 start;

  output = spawn_reporting (program, database, "STORYBANK_BENCH_SESSION", &start, error);
  if (output == NULL)
    return FALSE;
  out->settled_mb = session_step_mb (output, "settled", FALSE);
  out->pages_mb = session_step_mb (output, "stories", FALSE);
  out->session_mb = session_step_mb (output, "typed", FALSE);
  out->end_rss_mb = session_step_mb (output, "typed", TRUE);
  if (out->settled_mb == 0 || out->session_mb == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%s did not finish its session (output “%s”)", program, output);
      return FALSE;
    }
  g_printerr ("%s", output);
  return TRUE;
}

/* ---- the interactions ------------------------------------------------- */

/* 1,000 stories none of the banks has, for the import with a page shown. */
#define N_EXTRA_STORIES 1000
static char  *extra_json;
static gsize  extra_length;

typedef struct
{
  SbWindow        *window;
  SbStore         *store;
  SbStoryList     *list;
  SbStoryEditor   *editor;
  SbQuestionsPage *questions;
  const char      *text;
  const char      *name;
} Ui;

static void
nothing_cb (gpointer data)
{
}

static void
search_cb (gpointer data)
{
  Ui *ui = data;

  sb_story_list_set_search_text (ui->list, ui->text);
}

static void
type_cb (gpointer data)
{
  Ui *ui = data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (sb_story_editor_get_text_view (ui->editor,
                                                                                   SB_STORY_FIELD_ACTION));

  gtk_text_buffer_insert_interactive_at_cursor (buffer, ui->text, -1, TRUE);
}

/* A save of a story (not an edit making it unsaved). */
static void
count_save_cb (guint   *n_saves,
               SbStory *story,
               SbStore *store)
{
  if (!sb_store_story_is_unsaved (store, story))
    (*n_saves)++;
}

static void
show_page_cb (gpointer data)
{
  Ui *ui = data;

  sb_window_show_page (ui->window, ui->name);
}

static void
import_extra_cb (gpointer data)
{
  Ui *ui = data;
  g_autoptr(GError) error = NULL;

  if (!sb_exchange_import_json (ui->store, extra_json, extra_length, "extra.json", NULL, &error))
    g_error ("importing: %s", error->message);
}

/* A file of 4,000 new themes in a framework of their own (the issue's
 * catalog case: each theme added used to reload every story). */
static char *
themes_json (guint n)
{
  g_autoptr(GString) json = g_string_new ("{\"format\":\"storybank\",\"version\":2,\"frameworks\":"
                                          "[{\"slug\":\"bench-own\",\"name\":\"Bench themes\","
                                          "\"description\":\"\",\"builtin\":false,\"themes\":[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"slug\":\"bench-own-%u\",\"name\":\"Bench theme %u\","
                            "\"description\":\"\"}", i > 0 ? "," : "", i, i);
  g_string_append (json, "]}]}");
  return g_string_free (g_steal_pointer (&json), FALSE);
}

static void
import_themes_cb (gpointer data)
{
  Ui *ui = data;
  g_autofree char *json = themes_json (4000);
  g_autoptr(GError) error = NULL;

  if (!sb_exchange_import_json (ui->store, json, -1, "themes.json", NULL, &error))
    g_error ("importing themes: %s", error->message);
}

/* A page's own list (not the one in a drop-down's popover). */
static GtkListView *
find_list_view (GtkWidget *root)
{
  if (GTK_IS_DROP_DOWN (root))
    return NULL;
  if (GTK_IS_LIST_VIEW (root))
    return GTK_LIST_VIEW (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListView *found = find_list_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
select_question_cb (gpointer data)
{
  Ui *ui = data;

  sb_questions_page_select_question (ui->questions, ui->name);
}

/* Whether a search box's query (or its results) is still to show. */
typedef gboolean (*SearchRunning) (gpointer box);

static gboolean
list_search_running (gpointer box)
{
  return sb_story_list_get_search_running (box);
}

static gboolean
chooser_search_running (gpointer box)
{
  return sb_story_chooser_get_search_running (box);
}

/* A search keystroke: the main thread's work in its frame (returned);
 * the query runs in the store's worker, so also the work of the frame
 * that shows the results (from the start of the main-loop iteration that
 * took them in to the end of that frame) and the wall time from the
 * keystroke to the end of that frame: how long the person waits. When the
 * results are in before the keystroke's frame, that frame is both. Each
 * frame drawn in between (the story list drops its old rows while the
 * query runs; the chooser fills its rows in) goes into @wait_frames: the
 * main thread's work since the last frame to its end. */
static double
time_worker_keystroke (GtkWidget     *window,
                       Interaction    keystroke,
                       Ui            *ui,
                       SearchRunning  running,
                       gpointer       box,
                       double        *results_frame_ms,
                       double        *shown_ms,
                       GArray        *wait_frames)
{
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + 120 * G_USEC_PER_SEC;
  double keystroke_ms = time_interaction (window, keystroke, ui);
  gint64 iteration_start = 0, iteration_polled = 0;
  gint64 frame_start = g_get_monotonic_time (), frame_polled = polled_us;
  guint painted = frames_painted;
  guint target;

  if (!running (box))
    {
      *results_frame_ms = keystroke_ms;
      *shown_ms = ms_since (start);
      return keystroke_ms;
    }
  while (running (box) && g_get_monotonic_time () < deadline)
    {
      iteration_start = g_get_monotonic_time ();
      iteration_polled = polled_us;
      g_main_context_iteration (NULL, TRUE);
      if (frames_painted != painted && running (box))
        {
          append_ms (wait_frames, (g_get_monotonic_time () - frame_start - (polled_us - frame_polled)) / 1000.0);
          painted = frames_painted;
          frame_start = g_get_monotonic_time ();
          frame_polled = polled_us;
        }
    }
  if (running (box))
    g_error ("no search results within two minutes");
  target = frames_painted + 1;
  gdk_frame_clock_request_phase (gtk_widget_get_frame_clock (window), GDK_FRAME_CLOCK_PHASE_PAINT);
  while (frames_painted < target && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (frames_painted < target)
    g_error ("no frame painted within two minutes");
  *results_frame_ms = (g_get_monotonic_time () - iteration_start - (polled_us - iteration_polled)) / 1000.0;
  *shown_ms = ms_since (start);
  return keystroke_ms;
}

static double
time_search_keystroke (GtkWidget *window,
                       Ui        *ui,
                       double    *results_frame_ms,
                       double    *shown_ms,
                       GArray    *wait_frames)
{
  return time_worker_keystroke (window, search_cb, ui, list_search_running, ui->list,
                                results_frame_ms, shown_ms, wait_frames);
}

/* The story chooser (requirements, rounds) of the window, open, and a
 * keystroke in its search. */
static SbStoryChooser *bench_chooser;

static void
chooser_search_cb (gpointer data)
{
  Ui *ui = data;

  sb_story_chooser_set_search_text (bench_chooser, ui->text);
}

/* The coverage matrix: a rebuild, and a click on a cell. */
typedef struct
{
  SbCoverageMatrix *matrix;
  const char       *story_uuid;
  const char       *theme_slug;
} CoverageToggle;

static void
rebuild_matrix_cb (gpointer data)
{
  sb_coverage_matrix_rebuild (data);
}

static void
toggle_link_cb (gpointer data)
{
  CoverageToggle *toggle = data;
  g_autoptr(GError) error = NULL;

  if (!sb_coverage_matrix_toggle (toggle->matrix, toggle->story_uuid, toggle->theme_slug, &error))
    g_error ("toggling a link: %s", error->message);
}

static void
measure_ui (SbStore     *store,
            JsonOut     *builder,
            const char  *dir)
{
  static const char * const pages[] = { "coverage", "questions", "practice", "applications", "stories" };
  g_autoptr(GArray) idle = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) queries = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_fill = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_results_frame = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_shown = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_wait = g_array_new (FALSE, FALSE, sizeof (double));
  GListModel *list_model;
  g_autoptr(GArray) typing = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) questions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) list_fill = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) questions_whole = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) practice_whole = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) first_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) saves = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) checks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rebuilds = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) draws = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rebuild_frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) toggles = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) panel_toggles = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pdfs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStory) edited = NULL;
  g_autoptr(SbStory) saved = NULL;
  GListModel *stories = sb_store_get_stories (store);
  GListModel *all_questions = sb_store_get_questions (store);
  GtkWidget *window;
  GtkTextView *action_view;
  GtkTextIter end;
  SbCoveragePage *coverage;
  SbCoverageMatrix *matrix;
  Ui ui = { 0, };
  gint64 start;

  /* Each size opens on the Stories page: the window reopens the page
   * it was last on, and the last size ended on another. */
  {
    g_autoptr(GSettings) settings = sb_settings_new ();

    if (settings != NULL)
      g_settings_reset (settings, "last-page");
  }

  start = g_get_monotonic_time ();
  window = GTK_WIDGET (sb_window_new (NULL, store));
  gtk_window_present (GTK_WINDOW (window));
  watch_frames (window);
  while (frames_painted == 0)
    g_main_context_iteration (NULL, TRUE);
  add_ms (builder, "window_in_process_ms", ms_since (start));
  settle (300);
  g_assert_cmpstr (sb_window_get_page (SB_WINDOW (window)), ==, "stories");

  ui.window = SB_WINDOW (window);
  ui.list = SB_STORY_LIST (sb_test_find_widget (window, SB_TYPE_STORY_LIST));
  ui.editor = SB_STORY_EDITOR (sb_test_find_widget (window, SB_TYPE_STORY_EDITOR));
  ui.questions = SB_QUESTIONS_PAGE (sb_test_find_widget (window, SB_TYPE_QUESTIONS_PAGE));
  coverage = SB_COVERAGE_PAGE (sb_test_find_widget (window, SB_TYPE_COVERAGE_PAGE));
  g_assert (ui.list != NULL && ui.editor != NULL && ui.questions != NULL && coverage != NULL);

  /* Once built, the pages are warmed up off screen in idles after frames
   * (a few seconds' worth): every interaction below is timed after that,
   * as a person acting a few seconds after start-up would see it. */
  {
    gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (!_sb_window_get_pages_warm (ui.window) && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
    g_assert_true (_sb_window_get_pages_warm (ui.window));
    settle (100);
  }

  /* The cost of a frame in which nothing changed: what every figure
   * below includes at least. */
  for (guint i = 0; i < 20; i++)
    append_ms (idle, time_interaction (window, nothing_cb, &ui));
  add_percentiles (builder, "empty_frame_ms", idle);

  /* Search as you type: each word one letter at a time, then cleared.
   * The list puts a screenful in the frame that shows a query's results
   * and the rest after it: those frames are timed too (as a person types
   * slower than that). First the window settles: it counts the Practice
   * badge one second after it becomes active (the first time it counts
   * every story's words, ~150 ms at 10,000 stories), which is start-up's
   * cost, not a keystroke's. */
  settle (1200);
  list_model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (sb_test_find_widget (GTK_WIDGET (ui.list),
                                                                                          GTK_TYPE_LIST_VIEW))));
  for (guint w = 0; bench_bank_search_words[w] != NULL; w++)
    {
      const char *word = bench_bank_search_words[w];

      /* Then one more "keystroke" clears the search. */
      for (gsize n = 1; n <= strlen (word) + 1; n++)
        {
          g_autofree char *prefix = n <= strlen (word) ? g_strndup (word, n) : g_strdup ("");
          double results_frame_ms, shown_ms;

          ui.text = prefix;
          append_ms (search, time_search_keystroke (window, &ui, &results_frame_ms, &shown_ms, search_wait));
          append_ms (search_results_frame, results_frame_ms);
          append_ms (search_shown, shown_ms);
          while (gtk_widget_get_mapped (GTK_WIDGET (ui.list)) &&
                 g_list_model_get_n_items (list_model) < sb_story_list_get_n_visible (ui.list))
            append_ms (search_fill, time_interaction (window, nothing_cb, &ui));
        }
    }
  add_percentiles (builder, "search_keystroke_ms", search);
  add_percentiles (builder, "search_results_frame_ms", search_results_frame);
  add_percentiles (builder, "search_results_shown_ms", search_shown);
  add_percentiles (builder, "search_fill_frame_ms", search_fill);
  add_percentiles (builder, "search_wait_frame_ms", search_wait);

  /* The store's share of it: the full-text query alone (on the main
   * connection; the window runs the same query in a worker). */
  for (guint w = 0; bench_bank_search_words[w] != NULL; w++)
    for (gsize n = 1; n <= strlen (bench_bank_search_words[w]); n++)
      {
        g_autofree char *prefix = g_strndup (bench_bank_search_words[w], n);
        g_autoptr(GPtrArray) results = NULL;

        start = g_get_monotonic_time ();
        results = sb_store_search_stories (store, prefix, &error);
        append_ms (queries, ms_since (start));
        g_clear_error (&error);
      }
  add_percentiles (builder, "search_query_ms", queries);

  /* The story chooser's search (and the Questions page's and the drill's,
   * which work the same way): a keystroke's frame, the frame that puts
   * its results (40 rows) in, and the wait for them. */
  {
    g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) results_frames = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) waits = g_array_new (FALSE, FALSE, sizeof (double));

    /* Its own window with a button to open it, as a requirement row has
     * (the frames counted are that window's). */
    GtkWidget *host = gtk_window_new ();
    GtkWidget *button = gtk_menu_button_new ();

    gtk_window_set_default_size (GTK_WINDOW (host), 400, 500);
    gtk_widget_set_valign (button, GTK_ALIGN_START);
    gtk_window_set_child (GTK_WINDOW (host), button);
    bench_chooser = SB_STORY_CHOOSER (sb_story_chooser_new (store));
    gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), GTK_WIDGET (bench_chooser));
    gtk_window_present (GTK_WINDOW (host));
    settle (300);
    watch_frames (host);
    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    settle (300);
    for (guint w = 0; bench_bank_search_words[w] != NULL; w++)
      for (gsize n = 1; n <= strlen (bench_bank_search_words[w]) + 1; n++)
        {
          const char *word = bench_bank_search_words[w];
          g_autofree char *prefix = n <= strlen (word) ? g_strndup (word, n) : g_strdup ("");
          double results_frame_ms, shown_ms;

          ui.text = prefix;
          append_ms (keys, time_worker_keystroke (host, chooser_search_cb, &ui, chooser_search_running,
                                                  bench_chooser, &results_frame_ms, &shown_ms, waits));
          append_ms (results_frames, results_frame_ms);
          append_ms (shown, shown_ms);
        }
    g_signal_handlers_disconnect_matched (gtk_widget_get_frame_clock (host), G_SIGNAL_MATCH_FUNC,
                                          0, 0, NULL, after_paint_cb, NULL);
    gtk_popover_popdown (GTK_POPOVER (bench_chooser));
    bench_chooser = NULL;
    gtk_window_destroy (GTK_WINDOW (host));
    settle (100);
    add_percentiles (builder, "chooser_keystroke_ms", keys);
    add_percentiles (builder, "chooser_results_frame_ms", results_frames);
    add_percentiles (builder, "chooser_results_shown_ms", shown);
    add_percentiles (builder, "chooser_wait_frame_ms", waits);
  }

  /* Typing at the end of the Action of the first story. */
  edited = g_list_model_get_item (stories, 0);
  sb_story_list_select_story (ui.list, edited);
  settle (200);
  action_view = sb_story_editor_get_text_view (ui.editor, SB_STORY_FIELD_ACTION);
  gtk_widget_grab_focus (GTK_WIDGET (action_view));
  gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (action_view), &end);
  gtk_text_buffer_place_cursor (gtk_text_view_get_buffer (action_view), &end);
  settle (100);
  {
    /* The same keystrokes in the main thread's CPU time as well: on a
     * machine shared with other work, the time the process spends
     * preempted inflates the wall-clock figure (several times over on a
     * loaded 2-core machine); this figure is steadier from run to run. */
    g_autoptr(GArray) typing_cpu = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint i = 0; i < 60; i++)
      {
        struct timespec before, after;

        ui.text = i % 6 == 5 ? " " : "a";
        clock_gettime (CLOCK_THREAD_CPUTIME_ID, &before);
        append_ms (typing, time_interaction (window, type_cb, &ui));
        clock_gettime (CLOCK_THREAD_CPUTIME_ID, &after);
        append_ms (typing_cpu, (after.tv_sec - before.tv_sec) * 1000.0 + (after.tv_nsec - before.tv_nsec) / 1e6);
      }
    add_percentiles (builder, "type_character_ms", typing);
    add_percentiles (builder, "type_character_cpu_ms", typing_cpu);
  }
  /* Then the person pauses: the footer's length (after
   * SB_STORY_EDITOR_LENGTH_PAUSE_MS), the autosave and the coach reading
   * again (after SB_STORY_EDITOR_AUTOSAVE_MS), to the frame that shows
   * them. None of it is in a keystroke's frame; the waits are not work. */
  {
    gint64 pause_start = g_get_monotonic_time ();
    gint64 pause_polled = polled_us;
    gint64 longest = 0;
    guint target;

    /* Its total, and its longest main-loop iteration: what one frame
     * could be held up by. */
    while (sb_story_editor_has_pending (ui.editor))
      {
        gint64 work = time_iteration ();

        longest = MAX (longest, work);
      }
    target = frames_painted + 1;
    gdk_frame_clock_request_phase (gtk_widget_get_frame_clock (window), GDK_FRAME_CLOCK_PHASE_PAINT);
    while (frames_painted < target)
      {
        gint64 work = time_iteration ();

        longest = MAX (longest, work);
      }
    add_ms (builder, "type_pause_ms",
            (g_get_monotonic_time () - pause_start - (polled_us - pause_polled)) / 1000.0);
    add_ms (builder, "type_pause_longest_ms", longest / 1000.0);
  }
  /* Then typing on for three seconds, as a person writing a paragraph
   * does: longer than SB_STORE_AUTOSAVE_MAX_MS, so the store saves in the
   * middle of it (type_steady_saves times), and the paragraph gains a
   * line or two. Each keystroke's main-thread CPU time, as above. */
  {
    g_autoptr(GArray) steady_cpu = g_array_new (FALSE, FALSE, sizeof (double));
    guint n_saves = 0;
    gulong handler = g_signal_connect_swapped (store, "save-state-changed",
                                               G_CALLBACK (count_save_cb), &n_saves);

    for (guint i = 0; i < 180; i++)
      {
        struct timespec before, after;

        ui.text = i % 6 == 5 ? " " : "a";
        clock_gettime (CLOCK_THREAD_CPUTIME_ID, &before);
        time_interaction (window, type_cb, &ui);
        clock_gettime (CLOCK_THREAD_CPUTIME_ID, &after);
        append_ms (steady_cpu, (after.tv_sec - before.tv_sec) * 1000.0 + (after.tv_nsec - before.tv_nsec) / 1e6);
      }
    g_signal_handler_disconnect (store, handler);
    add_percentiles (builder, "type_steady_cpu_ms", steady_cpu);
    add_int (builder, "type_steady_saves", n_saves);
  }
  sb_story_editor_flush (ui.editor);
  settle (100);

  /* Each page, the first time and again. The Questions and Practice
   * lists put a screenful in the frame that shows the page and the rest
   * after it: those frames are timed too (list_fill_frame_ms), and how
   * long until the list is whole (list_whole_ms, wall time). */
  /* The first switch is timed once the window has warmed the pages up
   * (see above), as a person switching a few seconds after start-up would
   * see it. The main thread's CPU time of each first switch too
   * (switch_page_first_cpu_ms): steadier than the wall time on a shared
   * machine. */
  json_begin (builder, "switch_page_first_ms");
  for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
    {
      GListModel *filling = NULL;
      guint whole = 0;
      struct timespec before, after;

      ui.name = pages[p];
      start = g_get_monotonic_time ();
      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &before);
      add_ms (builder, pages[p], time_interaction (window, show_page_cb, &ui));
      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &after);
      append_ms (first_cpu, (after.tv_sec - before.tv_sec) * 1000.0 + (after.tv_nsec - before.tv_nsec) / 1e6);
      if (g_str_equal (pages[p], "questions"))
        {
          filling = G_LIST_MODEL (gtk_list_view_get_model (find_list_view (GTK_WIDGET (ui.questions))));
          whole = g_list_model_get_n_items (sb_questions_page_get_results (ui.questions));
        }
      else if (g_str_equal (pages[p], "practice"))
        {
          SbPracticePage *practice = SB_PRACTICE_PAGE (sb_test_find_widget (window, SB_TYPE_PRACTICE_PAGE));

          filling = G_LIST_MODEL (gtk_list_view_get_model (find_list_view (GTK_WIDGET (practice))));
          whole = sb_practice_page_get_n_queued (practice);
        }
      while (filling != NULL && g_list_model_get_n_items (filling) < whole)
        append_ms (list_fill, time_interaction (window, nothing_cb, &ui));
      if (filling != NULL)
        append_ms (g_str_equal (pages[p], "questions") ? questions_whole : practice_whole, ms_since (start));
      settle (100);
    }
  json_end (builder);
  json_begin (builder, "switch_page_first_cpu_ms");
  for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
    add_ms (builder, pages[p], g_array_index (first_cpu, double, p));
  json_end (builder);
  add_percentiles (builder, "list_fill_frame_ms", list_fill);
  json_begin (builder, "list_whole_ms");
  add_ms (builder, "questions", median (questions_whole));
  add_ms (builder, "practice", median (practice_whole));
  json_end (builder);
  json_begin (builder, "switch_page_again_ms");
  for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
    {
      ui.name = pages[p];
      add_ms (builder, pages[p], time_interaction (window, show_page_cb, &ui));
      settle (100);
    }
  json_end (builder);

  /* The coverage matrix, on its page: rebuild, then draw one frame's worth. */
  sb_window_show_page (ui.window, "coverage");
  settle (200);
  matrix = sb_coverage_page_get_matrix (coverage);
  for (guint i = 0; i < 7; i++)
    {
      start = g_get_monotonic_time ();
      sb_coverage_matrix_rebuild (matrix);
      append_ms (rebuilds, ms_since (start));
    }
  for (guint i = 0; i < 30; i++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      GskRenderNode *node;

      start = g_get_monotonic_time ();
      GTK_WIDGET_GET_CLASS (matrix)->snapshot (GTK_WIDGET (matrix), snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      append_ms (draws, ms_since (start));
      g_clear_pointer (&node, gsk_render_node_unref);
    }
  /* The same to the end of the frame that shows it, and a click's link
   * change (each cell three times: back as it was). */
  for (guint i = 0; i < 7; i++)
    append_ms (rebuild_frames, time_interaction (window, rebuild_matrix_cb, matrix));
  for (guint i = 0; i < 21; i++)
    {
      SbCoverage *snapshot = sb_coverage_matrix_get_coverage (matrix);

      CoverageToggle toggle = {
        matrix,
        sb_story_get_uuid (sb_coverage_get_story (snapshot, (i / 3 * 997) % sb_coverage_get_n_stories (snapshot))),
        sb_theme_get_slug (sb_coverage_get_theme (snapshot, (i / 3) % sb_coverage_get_n_themes (snapshot))),
      };

      append_ms (toggles, time_interaction (window, toggle_link_cb, &toggle));
    }
  /* The same with a theme's panel open: every other cell on its row (the
   * panel's stories change), the others on other rows. */
  {
    SbCoverage *snapshot = sb_coverage_matrix_get_coverage (matrix);
    const char *selected = sb_theme_get_slug (sb_coverage_get_theme (snapshot, 0));

    sb_coverage_matrix_set_selected_theme (matrix, selected);
    settle (300);
    for (guint i = 0; i < 21; i++)
      {
        guint row = (i / 3) % 2 == 0 ? 0 : (i / 3) % sb_coverage_get_n_themes (snapshot);
        CoverageToggle toggle = {
          matrix,
          sb_story_get_uuid (sb_coverage_get_story (snapshot, (i / 3 * 991) % sb_coverage_get_n_stories (snapshot))),
          sb_theme_get_slug (sb_coverage_get_theme (snapshot, row)),
        };

        append_ms (panel_toggles, time_interaction (window, toggle_link_cb, &toggle));
        snapshot = sb_coverage_matrix_get_coverage (matrix);
      }
    sb_coverage_matrix_set_selected_theme (matrix, NULL);
    settle (100);
  }
  json_begin (builder, "coverage_matrix");
  add_ms (builder, "rebuild_ms", median (rebuilds));
  add_percentiles (builder, "draw_ms", draws);
  add_percentiles (builder, "rebuild_frame_ms", rebuild_frames);
  add_percentiles (builder, "toggle_frame_ms", toggles);
  add_percentiles (builder, "toggle_panel_frame_ms", panel_toggles);
  json_end (builder);

  /* Selecting questions on their page: the detail and its suggestions.
   * select_question_ms is the selection's frame (a bank over 2,000
   * stories is ranked in idle slices after it), and _cpu_ms the same in
   * the main thread's CPU time; select_question_shown_ms is the wall
   * time from the selection to the end of the frame that shows its
   * suggestions, for other questions (the first of them also has the
   * coach read every story's text once). */
  sb_window_show_page (ui.window, "questions");
  settle (200);
  {
    g_autoptr(GArray) questions_cpu = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) questions_shown = g_array_new (FALSE, FALSE, sizeof (double));
    guint n_questions = g_list_model_get_n_items (all_questions);

    for (guint q = 0; q < MIN (25u, n_questions); q++)
      {
        g_autoptr(SbQuestion) question = g_list_model_get_item (all_questions, q * 3 % n_questions);
        struct timespec before, after;

        ui.name = sb_question_get_slug (question);
        clock_gettime (CLOCK_THREAD_CPUTIME_ID, &before);
        append_ms (questions, time_interaction (window, select_question_cb, &ui));
        clock_gettime (CLOCK_THREAD_CPUTIME_ID, &after);
        append_ms (questions_cpu, (after.tv_sec - before.tv_sec) * 1000.0 + (after.tv_nsec - before.tv_nsec) / 1e6);
      }
    add_percentiles (builder, "select_question_ms", questions);
    add_percentiles (builder, "select_question_cpu_ms", questions_cpu);

    for (guint q = 0; q < MIN (7u, n_questions); q++)
      {
        g_autoptr(SbQuestion) question = g_list_model_get_item (all_questions, (q * 3 + 1) % n_questions);
        gint64 deadline;
        guint target;

        ui.name = sb_question_get_slug (question);
        start = g_get_monotonic_time ();
        time_interaction (window, select_question_cb, &ui);
        deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
        if (sb_questions_page_get_suggesting (ui.questions))
          {
            while (sb_questions_page_get_suggesting (ui.questions) && g_get_monotonic_time () < deadline)
              g_main_context_iteration (NULL, TRUE);
            if (sb_questions_page_get_suggesting (ui.questions))
              g_error ("no suggestions within two minutes");
            target = frames_painted + 1;
            gdk_frame_clock_request_phase (gtk_widget_get_frame_clock (window), GDK_FRAME_CLOCK_PHASE_PAINT);
            while (frames_painted < target && g_get_monotonic_time () < deadline)
              g_main_context_iteration (NULL, TRUE);
            if (frames_painted < target)
              g_error ("no frame painted within two minutes");
          }
        append_ms (questions_shown, ms_since (start));
      }
    add_percentiles (builder, "select_question_shown_ms", questions_shown);
  }
  sb_window_show_page (ui.window, "stories");
  settle (200);

  /* Autosave's commit, on a story the editor does not show. */
  saved = g_list_model_get_item (stories, g_list_model_get_n_items (stories) / 2);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *text = g_strdup_printf ("%s Then I checked it again (%u).",
                                               sb_story_get_situation (saved), i);

      sb_story_set_field (saved, SB_STORY_FIELD_SITUATION, text);
      start = g_get_monotonic_time ();
      if (!sb_store_save_story (store, saved, &error))
        g_error ("saving: %s", error->message);
      append_ms (saves, ms_since (start));
    }
  add_percentiles (builder, "autosave_commit_ms", saves);

  /* The cheat sheet, all of the first framework, as Export PDF… writes it. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *pdf = g_build_filename (dir, "sheet.pdf", NULL);
      SbCheatSheetOptions options;

      sb_cheat_sheet_options_init (&options);
      start = g_get_monotonic_time ();
      if (!sb_cheat_sheet_export_pdf (store, &options, pdf, &error))
        g_error ("cheat sheet: %s", error->message);
      append_ms (pdfs, ms_since (start));
    }
  add_ms (builder, "cheat_sheet_pdf_ms", median (pdfs));

  /* The coach's checks on one ~300-word story. */
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GPtrArray) findings = NULL;

      start = g_get_monotonic_time ();
      findings = sb_story_check (saved);
      append_ms (checks, ms_since (start));
    }
  add_percentiles (builder, "story_check_ms", checks);

  /* An import with the Practice page shown (it took 90 s at 1,000). */
  sb_window_show_page (ui.window, "practice");
  settle (200);
  ui.store = store;
  add_ms (builder, "import_1000_on_practice_page_ms", time_interaction (window, import_extra_cb, &ui));
  /* 4,000 new themes, with the window open (target: under a second). */
  add_ms (builder, "import_4000_themes_ms", time_interaction (window, import_themes_cb, &ui));

  {
    g_autofree char *action = g_strdup (sb_story_get_action (edited));
    int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);
    int text_width = gtk_widget_get_width (GTK_WIDGET (action_view));

    gtk_window_destroy (GTK_WINDOW (window));
    while (g_main_context_iteration (NULL, FALSE))
      ;
    measure_gtk_floors (builder, action, width, height, text_width);
  }
}

/* ---- what GTK alone costs ------------------------------------------- */

typedef struct
{
  AdwViewStack *stack;
  const char   *name;
  GtkTextView  *view;
  const char   *text;
} Floor;

static void
floor_switch_cb (gpointer data)
{
  Floor *floor = data;

  adw_view_stack_set_visible_child_name (floor->stack, floor->name);
}

static void
floor_type_cb (gpointer data)
{
  Floor *floor = data;

  gtk_text_buffer_insert_interactive_at_cursor (gtk_text_view_get_buffer (floor->view), floor->text, -1, TRUE);
}

/* The same interactions on bare widgets, in a window of the Storybank
 * window's size, in the same process right after it: switching between
 * two pages of one label each in an AdwViewStack, and typing at the end
 * of a GtkTextView that holds the same Action text at the editor's
 * width. What GTK's layout and the cairo renderer's repaint cost on
 * their own; the figures above less these are Storybank's share. */
static void
measure_gtk_floors (JsonOut    *builder,
                    const char *text,
                    int         width,
                    int         height,
                    int         text_width)
{
  GtkWidget *window = adw_window_new ();
  AdwViewStack *stack = ADW_VIEW_STACK (adw_view_stack_new ());
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkTextView *view = GTK_TEXT_VIEW (gtk_text_view_new ());
  g_autoptr(GArray) switches = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) typing = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) typing_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  Floor floor = { stack, NULL, view, NULL };
  GtkTextIter end;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  adw_view_stack_add_titled (stack, gtk_label_new ("One"), "one", "One");
  adw_view_stack_add_titled (stack, gtk_label_new ("Two"), "two", "Two");
  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_widget_set_size_request (GTK_WIDGET (view), text_width, -1);
  gtk_widget_set_halign (GTK_WIDGET (view), GTK_ALIGN_CENTER);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (view));
  adw_view_stack_add_titled (stack, scrolled, "text", "Text");
  adw_view_stack_set_visible_child_name (stack, "one");
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (stack));
  gtk_window_present (GTK_WINDOW (window));
  watch_frames (window);
  settle (300);

  for (guint i = 0; i < 20; i++)
    {
      floor.name = i % 2 == 0 ? "two" : "one";
      append_ms (switches, time_interaction (window, floor_switch_cb, &floor));
      settle (50);
    }

  adw_view_stack_set_visible_child_name (stack, "text");
  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (view), &end);
  gtk_text_buffer_place_cursor (gtk_text_view_get_buffer (view), &end);
  settle (200);
  for (guint i = 0; i < 60; i++)
    {
      struct timespec before, after;

      floor.text = i % 6 == 5 ? " " : "a";
      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &before);
      append_ms (typing, time_interaction (window, floor_type_cb, &floor));
      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &after);
      append_ms (typing_cpu, (after.tv_sec - before.tv_sec) * 1000.0 + (after.tv_nsec - before.tv_nsec) / 1e6);
    }

  json_begin (builder, "gtk_floor");
  add_percentiles (builder, "switch_page_ms", switches);
  add_percentiles (builder, "type_character_ms", typing);
  add_percentiles (builder, "type_character_cpu_ms", typing_cpu);
  json_end (builder);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* ---- one bank size ---------------------------------------------------- */

static void
bench_size (guint        n_stories,
            const char  *floor_program,
            const char  *app_program,
            guint        n_runs)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *source_path = sb_test_dir_file (dir, "source.sqlite3");
  g_autofree char *bank_path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GString) builder = g_string_new (NULL);
  g_autoptr(GArray) app_frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) opens = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  SbImportSummary summary = { 0, };
  double app_rss = 0, floor_rss = 0, import_ms, floor_ms, app_ms;
  Session session = { 0, };
  gsize json_length = 0;
  gint64 start;
  struct rusage usage;
  guint warnings_before = n_warnings;

  g_printerr ("[%u stories] generating…\n", n_stories);
  {
    g_autoptr(SbStore) source = sb_store_open (source_path, &error);

    if (source == NULL || !bench_bank_fill (source, n_stories, &error))
      g_error ("generating the bank: %s", error->message);
    json = sb_exchange_export_json (source, &json_length);
  }

  g_printerr ("[%u stories] importing %.1f MB of JSON…\n", n_stories, json_length / 1e6);
  {
    g_autoptr(SbStore) bank = sb_store_open (bank_path, &error);

    if (bank == NULL)
      g_error ("opening the empty bank: %s", error->message);
    start = g_get_monotonic_time ();
    if (!sb_exchange_import_json (bank, json, json_length, "bench.json", &summary, &error))
      g_error ("importing: %s", error->message);
    import_ms = ms_since (start);
    g_assert_cmpuint (summary.stories_added, ==, n_stories);
    /* As after its first window: a bank in use writes nothing on opening. */
    g_assert_null (sb_example_seed (bank, &error));
    g_assert_no_error (error);
  }

  g_printerr ("[%u stories] opening…\n", n_stories);
  for (guint i = 0; i < MAX (3u, n_runs); i++)
    {
      g_autoptr(SbStore) bank = NULL;

      start = g_get_monotonic_time ();
      bank = sb_store_open (bank_path, &error);
      if (bank == NULL)
        g_error ("opening: %s", error->message);
      append_ms (opens, ms_since (start));
    }

  /* Alternate the two programs so drift in the machine hits both alike. */
  g_printerr ("[%u stories] starting the app and the floor %u times each…\n", n_stories, n_runs);
  for (guint i = 0; i < n_runs; i++)
    {
      StartUp app = { 0, }, floor = { 0, };

      if (!spawn_to_first_frame (floor_program, NULL, &floor, &error) ||
          !spawn_to_first_frame (app_program, bank_path, &app, &error))
        g_error ("start-up: %s", error->message);
      g_array_append_val (app_frames, app.first_frame_ms);
      g_array_append_val (floor_frames, floor.first_frame_ms);
      app_rss = MAX (app_rss, app.peak_rss_mb);
      floor_rss = MAX (floor_rss, floor.peak_rss_mb);
    }
  app_ms = median (app_frames);
  floor_ms = median (floor_frames);

  /* The session writes (it types): on a copy, so the figures below see
   * the bank as generated. Its peak hardly varies: one run. */
  g_printerr ("[%u stories] a whole session in the app…\n", n_stories);
  {
    g_autofree char *copy_path = sb_test_dir_file (dir, "session.sqlite3");
    g_autoptr(GFile) from = g_file_new_for_path (bank_path);
    g_autoptr(GFile) to = g_file_new_for_path (copy_path);

    if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error) ||
        !spawn_session (app_program, copy_path, &session, &error))
      g_error ("session: %s", error->message);
  }

  json_begin (builder, NULL);
  add_int (builder, "stories", n_stories);
  add_ms (builder, "import_ms", import_ms);
  add_ms (builder, "open_ms", median (opens));
  json_begin (builder, "first_frame");
  add_ms (builder, "app_ms", app_ms);
  add_ms (builder, "floor_ms", floor_ms);
  add_ms (builder, "ratio", app_ms / floor_ms);
  add_ms (builder, "app_min_ms", quantile (app_frames, 0));
  add_ms (builder, "app_max_ms", quantile (app_frames, 1));
  add_int (builder, "runs", n_runs);
  json_end (builder);

  if (g_getenv ("STORYBANK_BENCH_KEEP") != NULL)
    {
      g_autofree char *name = g_strdup_printf ("bank-%u.sqlite3", n_stories);
      g_autofree char *kept = g_build_filename (g_getenv ("STORYBANK_BENCH_KEEP"), name, NULL);
      g_autoptr(GFile) from = g_file_new_for_path (bank_path);
      g_autoptr(GFile) to = g_file_new_for_path (kept);

      if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
        g_error ("keeping the bank: %s", error->message);
      g_printerr ("[%u stories] kept the bank as %s\n", n_stories, kept);
    }

  g_printerr ("[%u stories] interactions…\n", n_stories);
  {
    g_autoptr(SbStore) bank = sb_store_open (bank_path, &error);

    if (bank == NULL)
      g_error ("opening: %s", error->message);
    measure_ui (bank, builder, dir->path);
  }

  getrusage (RUSAGE_SELF, &usage);
  add_ms (builder, "peak_rss_app_first_frame_mb", app_rss);
  add_ms (builder, "peak_rss_app_settled_mb", session.settled_mb);
  add_ms (builder, "peak_rss_app_session_mb", session.session_mb);
  add_ms (builder, "peak_rss_app_pages_mb", session.pages_mb);
  add_ms (builder, "rss_app_session_end_mb", session.end_rss_mb);
  add_ms (builder, "peak_rss_floor_mb", floor_rss);
  add_ms (builder, "peak_rss_bench_process_mb", usage.ru_maxrss / 1024.0);
  add_int (builder, "warnings", n_warnings - warnings_before);
  json_end (builder);

  g_print ("%s\n", builder->str);
}

/* ---- main ------------------------------------------------------------- */

static GArray *
parse_sizes (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  GArray *sizes = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 n = 0;
      g_autoptr(GError) error = NULL;

      if (!g_ascii_string_to_unsigned (g_strstrip (parts[i]), 10, 1, 1000000, &n, &error))
        {
          g_printerr ("storybank-bench: “%s” in the sizes “%s” is not a number of stories "
                      "from 1 to 1000000\n", parts[i], text);
          exit (2);
        }
      g_array_append_vals (sizes, &(guint) { n }, 1);
    }
  return sizes;
}

static char *
sibling_program (const char *argv0,
                 const char *name)
{
  g_autofree char *dir = g_path_get_dirname (argv0);

  return g_build_filename (dir, name, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) sizes = NULL;
  g_autofree char *floor_program = NULL;
  const char *app_program = g_getenv ("STORYBANK_BIN");
  const char *runs_text = g_getenv ("STORYBANK_BENCH_RUNS");
  const char *sizes_text = argc > 1 ? argv[1] : g_getenv ("STORYBANK_BENCH_SIZES");
  guint n_runs = runs_text != NULL ? (guint) CLAMP (g_ascii_strtoull (runs_text, NULL, 10), 1, 100) : 5;
  gint64 start = g_get_monotonic_time ();

  /* Count warnings instead of dying of the first (see the top). */
  g_log_set_writer_func (counting_writer, NULL, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK);

  /* The app finds its schema beside the tests, as the UI tests do. */
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL && g_getenv ("G_TEST_BUILDDIR") != NULL)
    {
      g_autofree char *schemas = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "data", NULL);
      g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, TRUE);
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_init ();
  adw_init ();

  if (app_program == NULL)
    {
      g_printerr ("storybank-bench: set STORYBANK_BIN to the storybank program (meson does)\n");
      return 2;
    }
  floor_program = g_strdup (g_getenv ("STORYBANK_BENCH_FLOOR_BIN"));
  if (floor_program == NULL)
    floor_program = sibling_program (argv[0], "bench-empty-window");
  sizes = parse_sizes (sizes_text != NULL ? sizes_text : "100,1000,10000");

  {
    g_autoptr(SbTestDir) dir = sb_test_dir_new ();
    g_autofree char *path = sb_test_dir_file (dir, "extra.sqlite3");
    g_autoptr(GError) error = NULL;
    g_autoptr(SbStore) extra = sb_store_open (path, &error);

    if (extra == NULL || !bench_bank_fill (extra, N_EXTRA_STORIES, &error))
      g_error ("generating the extra stories: %s", error->message);
    extra_json = sb_exchange_export_json (extra, &extra_length);
  }

  bench_frames_init ();

  for (guint i = 0; i < sizes->len; i++)
    bench_size (g_array_index (sizes, guint, i), floor_program, app_program, n_runs);

  g_printerr ("storybank-bench: the whole run took %.1f s\n", ms_since (start) / 1000);
  if (n_warnings > 0)
    {
      g_printerr ("storybank-bench: %u warnings or criticals (see above)\n", n_warnings);
      return 1;
    }
  return 0;
}
