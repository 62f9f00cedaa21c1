/* bench-cheat-sheet.c — how long the 60-story cheat sheet takes to lay out and draw
 *
 * Builds a bank of 60 long stories over the first framework's themes, then
 * renders the sheet to a PDF in memory N times (default 20; first argument
 * overrides) and prints the mean. The target is well under 100 ms. The
 * stories differ in length, as a person's do, so the layout has many ways
 * to shorten them to choose from: its hardest case.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <stdlib.h>

#include "sb-cheat-sheet.h"
#include "sb-test-util.h"

#define N_STORIES 60

static cairo_status_t
count_bytes_cb (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  *(gsize *) closure += length;
  return CAIRO_STATUS_SUCCESS;
}

static SbStore *
make_bank (const char *path)
{
  g_autoptr(GError) error = NULL;
  SbStore *store = sb_store_open (path, &error);
  g_autoptr(SbFramework) framework = NULL;
  GListModel *themes;
  guint n_themes;

  g_assert_no_error (error);
  sb_store_set_person_name (store, "Maya Okonkwo-Lindqvist", &error);
  g_assert_no_error (error);
  framework = g_list_model_get_item (sb_store_get_frameworks (store), 0);
  themes = sb_store_get_themes (store, sb_framework_get_slug (framework));
  n_themes = g_list_model_get_n_items (themes);
  g_assert_cmpuint (n_themes, >, 0);

  for (guint i = 0; i < N_STORIES; i++)
    {
      g_autofree char *title = g_strdup_printf ("Story %u: moving payments to a new processor", i);
      SbStory *story = sb_store_create_story (store, title, &error);
      g_autoptr(SbTheme) theme = g_list_model_get_item (themes, i % n_themes);
      g_autoptr(SbTheme) other = g_list_model_get_item (themes, (i + 5) % n_themes);

      g_autofree char *action = NULL;
      g_autofree char *result = NULL;
      g_autofree char *learning = NULL;

      g_assert_no_error (error);
      action = g_strdup_printf ("- I mapped every call site of the old API across %u services%s.\n"
                                "- I wrote an adapter so both processors ran side by side behind a flag%s.\n"
                                "- I moved traffic region by region, watching error budgets.\n"
                                "- I wrote the runbook and trained the on-call rotation.",
                                5 + i, i % 2 ? ", ranked by risk, and shared the list with each team" : "",
                                i % 3 ? ", and convinced two teams to lend me an engineer each" : "");
      result = g_strdup_printf ("We finished %u weeks early with 99.%02u%% of charges succeeding during "
                                "the cutover, and the new API cut fees by $%uk a year.%s",
                                1 + i % 4, i, 100 + i,
                                i % 4 ? " The runbook was reused by three other teams, and the "
                                        "on-call load fell by half over the next quarter." : "");
      learning = g_strdup_printf ("Announce the rollback plan before the launch plan: people commit "
                                  "faster when they know how to undo a change%s.",
                                  i % 5 ? ", and reviews get shorter when the way back is cheap" : "");
      sb_story_set_field (story, SB_STORY_FIELD_SITUATION,
                          "Our payments platform processed forty thousand orders an hour when the "
                          "card processor announced it would shut its old API down within the quarter. "
                          "Nobody owned the migration and the roadmap was full.");
      sb_story_set_field (story, SB_STORY_FIELD_ACTION, action);
      sb_story_set_field (story, SB_STORY_FIELD_RESULT, result);
      sb_story_set_field (story, SB_STORY_FIELD_LEARNING, learning);
      sb_story_set_status (story, i % 3 == 0 ? SB_STORY_STATUS_DRAFT : SB_STORY_STATUS_READY);
      sb_store_save_story (store, story, &error);
      g_assert_no_error (error);
      sb_store_set_story_theme (store, story, sb_theme_get_slug (theme), SB_STRENGTH_PRIMARY, &error);
      g_assert_no_error (error);
      sb_store_set_story_theme (store, story, sb_theme_get_slug (other), SB_STRENGTH_SECONDARY, &error);
      g_assert_no_error (error);
    }
  return store;
}

/* Gathers the sheet from the store and draws it: what Export PDF… does,
 * less the file. */
static double
render_once (SbStore     *store,
             SbPaperSize  paper)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCheatSheet) sheet = NULL;
  SbCheatSheetOptions options;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;
  gsize bytes = 0;
  gint64 start = g_get_monotonic_time ();

  sb_cheat_sheet_options_init (&options);
  options.paper = paper;
  sb_paper_size_get_points (paper, &width, &height);
  sheet = sb_cheat_sheet_new (store, &options, &error);
  g_assert_no_error (error);

  surface = cairo_pdf_surface_create_for_stream (count_bytes_cb, &bytes, width, height);
  cr = cairo_create (surface);
  sb_cheat_sheet_render (sheet, cr, width, height);
  cairo_show_page (cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (bytes, >, 0);

  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SbTestDir) dir = NULL;
  g_autofree char *path = NULL;
  SbStore *store;
  guint n = argc > 1 ? (guint) MAX (1, atoi (argv[1])) : 20;
  double first, total = 0, worst = 0;

  dir = sb_test_dir_new ();
  path = sb_test_dir_file (dir, "bench.sqlite3");
  store = make_bank (path);

  /* The first sheet also loads the fonts; it is reported on its own. */
  first = render_once (store, SB_PAPER_A4);
  for (guint i = 0; i < n; i++)
    {
      double ms = render_once (store, i % 2 == 0 ? SB_PAPER_A4 : SB_PAPER_LETTER);

      total += ms;
      worst = MAX (worst, ms);
    }

  g_print ("cheat sheet, %u stories: first %.1f ms (fonts loading), then mean %.1f ms, "
           "worst %.1f ms over %u iterations\n", N_STORIES, first, total / n, worst, n);
  g_object_unref (store);
  return 0;
}
