/* bench-coverage-matrix.c — how long the coverage matrix takes at 1,000 stories
 *
 * Fills a temporary bank with 1,000 stories linked across the first
 * framework's themes, then times: computing the SbCoverage snapshot, the
 * matrix's rebuild, and drawing frames while scrolling across the columns.
 * Prints the times; asserts nothing about them (machines differ).
 *
 * With BENCH_COVERAGE_BANK=FILE (a bank storybank-bench kept with
 * STORYBANK_BENCH_KEEP, copied first: the window writes to it) it opens
 * that bank in the real window instead and times, as main-thread work to
 * the end of the frame that shows it: the first switch to Coverage, the
 * switch again, a rebuild, a link toggled and a story renamed.
 * BENCH_COVERAGE_REPEAT=N does it in N windows one after the other (to
 * profile the first switch with perf).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-coverage-matrix"

#include "config.h"

#include <stdlib.h>

#include <adwaita.h>

#include "bench/bench-frames.h"
#include "sb-coverage-page.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-window.h"

#define N_STORIES 1000
#define N_FRAMES  200

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
bench_matrix (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (path, &error);
  g_autoptr(SbFramework) framework = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  GListModel *themes;
  GtkWidget *window;
  SbCoveragePage *page;
  SbCoverageMatrix *matrix;
  GtkAdjustment *hadjustment;
  gboolean timed_out = FALSE;
  guint n_themes, max_cells = 0;
  double seconds, worst = 0;

  g_assert_no_error (error);
  framework = g_list_model_get_item (sb_store_get_frameworks (store), 0);
  themes = sb_store_get_themes (store, sb_framework_get_slug (framework));
  n_themes = g_list_model_get_n_items (themes);

  for (guint i = 0; i < N_STORIES; i++)
    {
      g_autofree char *title = g_strdup_printf ("A story about project number %u", i);
      SbStory *story = sb_store_create_story (store, title, &error);

      g_assert_no_error (error);
      for (guint k = 0; k < n_themes; k++)
        {
          g_autoptr(SbTheme) theme = g_list_model_get_item (themes, k);
          guint h = (i * 7 + k * 13) % 11;

          if (h == 0 || h == 5)
            sb_store_set_story_theme (store, story, sb_theme_get_slug (theme),
                                      h == 0 ? SB_STRENGTH_PRIMARY : SB_STRENGTH_SECONDARY, &error);
          g_assert_no_error (error);
        }
    }

  g_timer_start (timer);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(SbCoverage) coverage = sb_coverage_new (store, sb_framework_get_slug (framework), &error);
      g_assert_no_error (error);
    }
  g_print ("sb_coverage_new, %u stories × %u themes: %.2f ms\n",
           N_STORIES, n_themes, g_timer_elapsed (timer, NULL) * 1000 / 10);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  page = g_object_new (SB_TYPE_COVERAGE_PAGE, "store", store, NULL);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  matrix = sb_coverage_page_get_matrix (page);

  g_timer_start (timer);
  sb_coverage_matrix_rebuild (matrix);
  g_print ("matrix rebuild: %.2f ms\n", g_timer_elapsed (timer, NULL) * 1000);

  g_timer_start (timer);
  gtk_window_present (GTK_WINDOW (window));
  g_timeout_add_seconds (20, timeout_cb, &timed_out);
  while (!timed_out && sb_coverage_matrix_get_n_cells_drawn (matrix) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_print ("window to first frame: %.2f ms\n", g_timer_elapsed (timer, NULL) * 1000);

  /* Scroll across every column, drawing one frame per step. */
  hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (matrix));
  g_timer_start (timer);
  for (guint i = 0; i < N_FRAMES; i++)
    {
      double upper = gtk_adjustment_get_upper (hadjustment) - gtk_adjustment_get_page_size (hadjustment);
      g_autoptr(GTimer) frame = g_timer_new ();
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      GskRenderNode *node;

      gtk_adjustment_set_value (hadjustment, upper * i / (N_FRAMES - 1));
      GTK_WIDGET_GET_CLASS (matrix)->snapshot (GTK_WIDGET (matrix), snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      g_clear_pointer (&node, gsk_render_node_unref);

      worst = MAX (worst, g_timer_elapsed (frame, NULL));
      max_cells = MAX (max_cells, sb_coverage_matrix_get_n_cells_drawn (matrix));
    }
  seconds = g_timer_elapsed (timer, NULL);
  g_print ("snapshot while scrolling: %.3f ms a frame on average, %.3f ms worst, "
           "at most %u of %u cells drawn\n",
           seconds * 1000 / N_FRAMES, worst * 1000, max_cells, N_STORIES * n_themes);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* ---- a kept bank in the real window ------------------------------------ */

typedef struct
{
  SbWindow         *window;
  SbCoverageMatrix *matrix;
  SbStore          *store;
  const char       *page;
  guint             i;
} Ui;

static void
show_page_cb (gpointer data)
{
  Ui *ui = data;

  sb_window_show_page (ui->window, ui->page);
}

static void
rebuild_cb (gpointer data)
{
  Ui *ui = data;

  sb_coverage_matrix_rebuild (ui->matrix);
}

static void
toggle_cb (gpointer data)
{
  Ui *ui = data;
  SbCoverage *coverage = sb_coverage_matrix_get_coverage (ui->matrix);
  SbStory *story = sb_coverage_get_story (coverage, sb_coverage_get_n_stories (coverage) - 1 - ui->i);
  SbTheme *theme = sb_coverage_get_theme (coverage, ui->i % sb_coverage_get_n_themes (coverage));
  g_autoptr(GError) error = NULL;

  if (!sb_coverage_matrix_toggle (ui->matrix, sb_story_get_uuid (story), sb_theme_get_slug (theme), &error))
    g_error ("toggling: %s", error->message);
}

static void
rename_cb (gpointer data)
{
  Ui *ui = data;
  SbCoverage *coverage = sb_coverage_matrix_get_coverage (ui->matrix);
  SbStory *story = sb_coverage_get_story (coverage, ui->i);
  g_autofree char *title = g_strdup_printf ("Renamed story %u", ui->i);

  sb_story_set_title (story, title);
}

static void
select_theme_cb (gpointer data)
{
  Ui *ui = data;
  SbCoverage *coverage = sb_coverage_matrix_get_coverage (ui->matrix);
  SbTheme *theme = sb_coverage_get_theme (coverage, ui->i % sb_coverage_get_n_themes (coverage));

  sb_coverage_matrix_set_selected_theme (ui->matrix, ui->i == G_MAXUINT ? NULL : sb_theme_get_slug (theme));
}

static void
print_samples (const char *what,
               GArray     *samples)
{
  g_autoptr(GString) line = g_string_new (what);

  g_string_append (line, ":");
  for (guint i = 0; i < samples->len; i++)
    g_string_append_printf (line, " %.2f", g_array_index (samples, double, i));
  g_print ("%s ms\n", line->str);
}

static void
bench_bank (const char *path,
            guint       repeat)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (path, &error);
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) again = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rebuilds = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rebuild_calls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) toggles = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) renames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) selects = g_array_new (FALSE, FALSE, sizeof (double));

  g_assert_no_error (error);
  bench_frames_init ();

  for (guint w = 0; w < repeat; w++)
    {
      GtkWidget *window = GTK_WIDGET (sb_window_new (NULL, store));
      Ui ui = { SB_WINDOW (window), NULL, store, NULL, 0 };
      double ms;

      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      gtk_window_present (GTK_WINDOW (window));
      watch_frames (window);
      sb_window_show_page (ui.window, "stories");
      settle (600);
      ui.matrix = SB_COVERAGE_MATRIX (sb_test_find_widget (window, SB_TYPE_COVERAGE_MATRIX));

      ui.page = "coverage";
      ms = time_interaction (window, show_page_cb, &ui);
      g_array_append_val (first, ms);
      settle (100);
      ui.page = "stories";
      time_interaction (window, show_page_cb, &ui);
      settle (100);
      ui.page = "coverage";
      ms = time_interaction (window, show_page_cb, &ui);
      g_array_append_val (again, ms);
      settle (100);

      for (ui.i = 0; ui.i < 5 && w == 0; ui.i++)
        {
          gint64 start = g_get_monotonic_time ();

          sb_coverage_matrix_rebuild (ui.matrix);
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (rebuild_calls, ms);
          settle (50);
          ms = time_interaction (window, rebuild_cb, &ui);
          g_array_append_val (rebuilds, ms);
          settle (50);
          ms = time_interaction (window, toggle_cb, &ui);
          g_array_append_val (toggles, ms);
          settle (50);
          ms = time_interaction (window, rename_cb, &ui);
          g_array_append_val (renames, ms);
          settle (50);
        }
      for (ui.i = 0; ui.i < 3 && w == 0; ui.i++)
        {
          ms = time_interaction (window, select_theme_cb, &ui);
          g_array_append_val (selects, ms);
          settle (50);
        }
      ui.i = G_MAXUINT;
      select_theme_cb (&ui);
      settle (50);

      /* Undo the toggles: the bank is left as it was. */
      for (guint i = 0; i < 5 && w == 0; i++)
        for (guint k = 0; k < 2; k++)
          {
            ui.i = i;
            toggle_cb (&ui);
          }

      gtk_window_destroy (GTK_WINDOW (window));
      settle (100);
    }

  g_print ("%u stories\n", g_list_model_get_n_items (sb_store_get_stories (store)));
  print_samples ("first switch to coverage", first);
  print_samples ("switch again", again);
  print_samples ("rebuild call", rebuild_calls);
  print_samples ("rebuild to frame", rebuilds);
  print_samples ("toggle to frame", toggles);
  print_samples ("rename to frame", renames);
  print_samples ("select a theme to frame", selects);
}

int
main (int   argc,
      char *argv[])
{
  const char *bank = g_getenv ("BENCH_COVERAGE_BANK");

  sb_test_ui_init (&argc, &argv);

  if (bank != NULL)
    {
      const char *repeat = g_getenv ("BENCH_COVERAGE_REPEAT");

      bench_bank (bank, repeat != NULL ? MAX (1, atoi (repeat)) : 1);
      return 0;
    }

  g_test_add_func ("/coverage-matrix/bench", bench_matrix);

  return g_test_run ();
}
