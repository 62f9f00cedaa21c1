/* bench-coverage-matrix.c — how long the coverage matrix takes at 1,000 stories
 *
 * Fills a temporary bank with 1,000 stories linked across the first
 * framework's themes, then times: computing the SbCoverage snapshot, the
 * matrix's rebuild, and drawing frames while scrolling across the columns.
 * Prints the times; asserts nothing about them (machines differ).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-coverage-matrix"

#include "config.h"

#include <adwaita.h>

#include "sb-coverage-page.h"
#include "sb-test-util.h"

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

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/coverage-matrix/bench", bench_matrix);

  return g_test_run ();
}
