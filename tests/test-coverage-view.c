/* test-coverage-view.c — the Coverage page and its matrix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-coverage-view"

#include "config.h"

#include <math.h>

#include <adwaita.h>

#include "sb-coverage-page.h"
#include "sb-questions-page.h"
#include "sb-readiness.h"
#include "sb-story-row.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-theme-dots.h"
#include "sb-theme-editor.h"
#include "sb-window-private.h"

typedef struct
{
  SbTestDir *dir;
  SbStore   *store;
  char      *framework;   /* slug of the first framework */
} Fixture;

static void draw_matrix (SbCoverageMatrix *matrix);

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SbFramework) framework = NULL;

  f->dir = sb_test_dir_new ();
  path = sb_test_dir_file (f->dir, "bank.sqlite3");
  f->store = sb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);

  framework = g_list_model_get_item (sb_store_get_frameworks (f->store), 0);
  g_assert_nonnull (framework);
  f->framework = g_strdup (sb_framework_get_slug (framework));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  g_free (f->framework);
  sb_test_dir_free (f->dir);
}

static SbStory *
add_story (Fixture    *f,
           const char *title)
{
  g_autoptr(GError) error = NULL;
  /* The store owns the story. */
  SbStory *story = sb_store_create_story (f->store, title, &error);

  g_assert_no_error (error);
  g_assert_nonnull (story);
  return story;
}

static const char *
theme_slug (Fixture *f,
            guint    i)
{
  GListModel *themes = sb_store_get_themes (f->store, f->framework);
  g_autoptr(SbTheme) theme = g_list_model_get_item (themes, i);

  g_assert_nonnull (theme);
  /* The store keeps the theme alive. */
  return sb_theme_get_slug (sb_store_find_theme (f->store, sb_theme_get_slug (theme)));
}

/* The page, shown in a window of its own: it sets up the matrix only once
 * it is shown. Returns a reference; close_page() ends both. */
static SbCoveragePage *
new_page (Fixture *f)
{
  SbCoveragePage *page = g_object_new (SB_TYPE_COVERAGE_PAGE, "store", f->store, NULL);
  GtkWidget *window = gtk_window_new ();

  g_object_ref (page);
  sb_coverage_page_set_framework (page, f->framework);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (page)))
    g_main_context_iteration (NULL, TRUE);
  sb_test_iterate_main_loop ();
  return page;
}

static void
close_page (SbCoveragePage *page)
{
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))));
  g_assert_finalize_object (page);
}

static void
test_toggle_cycles (Fixture       *f,
                    gconstpointer  data)
{
  SbStory *story = add_story (f, "Checkout outage");
  SbCoveragePage *page = new_page (f);
  SbCoverageMatrix *matrix = sb_coverage_page_get_matrix (page);
  const char *slug = theme_slug (f, 0);
  const char *uuid = sb_story_get_uuid (story);
  SbCoverage *coverage;

  g_assert_cmpint (sb_store_get_story_theme (f->store, story, slug), ==, SB_STRENGTH_NONE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (matrix), "matrix.toggle", "(ss)", uuid, slug));
  g_assert_cmpint (sb_store_get_story_theme (f->store, story, slug), ==, SB_STRENGTH_PRIMARY);

  sb_test_iterate_main_loop ();
  coverage = sb_coverage_matrix_get_coverage (matrix);
  g_assert_cmpint (sb_coverage_get_cell (coverage, 0, 0), ==, SB_STRENGTH_PRIMARY);
  g_assert_cmpuint (sb_coverage_get_theme_count (coverage, 0), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (matrix), "matrix.toggle", "(ss)", uuid, slug));
  g_assert_cmpint (sb_store_get_story_theme (f->store, story, slug), ==, SB_STRENGTH_SECONDARY);

  /* The page forwards the same action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "matrix.toggle", "(ss)", uuid, slug));
  g_assert_cmpint (sb_store_get_story_theme (f->store, story, slug), ==, SB_STRENGTH_NONE);

  sb_test_iterate_main_loop ();
  coverage = sb_coverage_matrix_get_coverage (matrix);
  g_assert_cmpint (sb_coverage_get_cell (coverage, 0, 0), ==, SB_STRENGTH_NONE);

  close_page (page);
}

static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
    }
  return handled;
}

/* Without a mouse: arrows move the focus cell, Space links, and the toast's
 * Undo puts the link back as it was. */
static void
test_keyboard_and_undo (Fixture       *f,
                        gconstpointer  data)
{
  SbStory *first = add_story (f, "Checkout outage");
  SbStory *second = add_story (f, "Search rewrite");
  SbCoveragePage *page = new_page (f);
  SbCoverageMatrix *matrix = sb_coverage_page_get_matrix (page);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  const char *slug = theme_slug (f, 1);
  AdwToast *toast;

  /* Moved from its own window into one with a toast overlay. */
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (page));
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();

  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (matrix)));
  g_assert_true (press_key (GTK_WIDGET (matrix), GDK_KEY_Down));    /* second theme */
  g_assert_true (press_key (GTK_WIDGET (matrix), GDK_KEY_Right));   /* second story */
  g_assert_true (press_key (GTK_WIDGET (matrix), GDK_KEY_space));
  g_assert_cmpint (sb_store_get_story_theme (f->store, second, slug), ==, SB_STRENGTH_PRIMARY);
  g_assert_cmpint (sb_store_get_story_theme (f->store, first, slug), ==, SB_STRENGTH_NONE);
  g_assert_cmpstr (sb_coverage_matrix_get_selected_theme (matrix), ==, slug);

  toast = sb_coverage_matrix_get_last_toast (matrix);
  g_assert_nonnull (toast);
  g_signal_emit_by_name (toast, "button-clicked");
  g_assert_cmpint (sb_store_get_story_theme (f->store, second, slug), ==, SB_STRENGTH_NONE);

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
  g_assert_finalize_object (page);
}

/* Rename a shipped theme from the panel; delete one of your own. */
static void
test_edit_theme (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SbStory *story = add_story (f, "Checkout outage");
  SbCoveragePage *page = new_page (f);
  SbCoverageMatrix *matrix = sb_coverage_page_get_matrix (page);
  const char *shipped = theme_slug (f, 0);
  g_autofree char *slug = g_strdup (shipped);
  g_autofree char *own_slug = NULL;
  SbThemeEditor *editor;
  SbTheme *own;

  sb_coverage_matrix_set_selected_theme (matrix, slug);
  editor = sb_theme_editor_new (f->store, sb_store_find_theme (f->store, slug));
  g_object_ref_sink (editor);
  g_assert_false (sb_theme_editor_can_delete (editor));
  g_assert_cmpstr (gtk_editable_get_text (sb_theme_editor_get_name_row (editor)), ==,
                   sb_theme_get_name (sb_store_find_theme (f->store, slug)));

  /* An empty name is refused where the person can see it. */
  gtk_editable_set_text (sb_theme_editor_get_name_row (editor), "   ");
  g_assert_false (sb_theme_editor_save (editor));
  g_assert_nonnull (sb_theme_editor_get_error (editor));

  gtk_editable_set_text (sb_theme_editor_get_name_row (editor), "Firefighting");
  g_assert_null (sb_theme_editor_get_error (editor));
  gtk_editable_set_text (sb_theme_editor_get_description_row (editor), "Outages I led.");
  g_assert_true (sb_theme_editor_save (editor));
  g_assert_cmpstr (sb_theme_get_name (sb_store_find_theme (f->store, slug)), ==, "Firefighting");
  g_assert_cmpstr (sb_theme_get_description (sb_store_find_theme (f->store, slug)), ==, "Outages I led.");
  g_assert_true (sb_theme_get_edited (sb_store_find_theme (f->store, slug)));
  g_clear_object (&editor);

  /* One's own theme can go, and takes its links with it. */
  own = sb_store_add_own_theme (f->store, "Googleyness", &error);
  g_assert_no_error (error);
  own_slug = g_strdup (sb_theme_get_slug (own));
  g_assert_true (sb_store_set_story_theme (f->store, story, own_slug, SB_STRENGTH_PRIMARY, &error));
  editor = sb_theme_editor_new (f->store, own);
  g_object_ref_sink (editor);
  g_assert_true (sb_theme_editor_can_delete (editor));
  g_assert_true (sb_theme_editor_delete (editor));
  g_assert_null (sb_store_find_theme (f->store, own_slug));
  g_assert_cmpint (sb_store_get_story_theme (f->store, story, own_slug), ==, SB_STRENGTH_NONE);
  g_clear_object (&editor);

  sb_test_iterate_main_loop ();
  close_page (page);
}

static void
test_summary_and_rows (Fixture       *f,
                       gconstpointer  data)
{
  SbStory *a = add_story (f, "Checkout outage");
  SbStory *b = add_story (f, "Search rewrite");
  SbStory *c = add_story (f, "Hiring loop");
  g_autoptr(GError) error = NULL;
  SbCoveragePage *page;
  SbCoverage *coverage;
  guint n_themes = g_list_model_get_n_items (sb_store_get_themes (f->store, f->framework));
  g_autofree char *expected = NULL;
  g_autofree char *none_text = NULL;

  g_assert_cmpuint (n_themes, >=, 2);

  sb_store_set_story_theme (f->store, a, theme_slug (f, 0), SB_STRENGTH_PRIMARY, &error);
  g_assert_no_error (error);
  sb_store_set_story_theme (f->store, b, theme_slug (f, 0), SB_STRENGTH_SECONDARY, &error);
  g_assert_no_error (error);
  sb_store_set_story_theme (f->store, c, theme_slug (f, 1), SB_STRENGTH_PRIMARY, &error);
  g_assert_no_error (error);

  page = new_page (f);
  coverage = sb_coverage_matrix_get_coverage (sb_coverage_page_get_matrix (page));
  g_assert_nonnull (coverage);
  g_assert_false (sb_coverage_page_is_empty (page));
  g_assert_cmpuint (sb_coverage_get_n_themes (coverage), ==, n_themes);
  g_assert_cmpuint (sb_coverage_get_n_stories (coverage), ==, sb_store_get_n_stories (f->store));
  g_assert_cmpuint (sb_coverage_get_theme_count (coverage, 0), ==, 2);
  g_assert_cmpuint (sb_coverage_get_theme_count (coverage, 1), ==, 1);

  if (n_themes > 2)
    {
      none_text = g_strdup_printf (n_themes - 2 == 1 ? "%u theme has no story" : "%u themes have no story",
                                   n_themes - 2);
      expected = g_strdup_printf ("%s · 1 needs a second story", none_text);
    }
  else
    expected = g_strdup ("1 theme needs a second story");
  g_assert_cmpstr (sb_coverage_page_get_summary (page), ==, expected);

  /* A change in the store reaches the summary after one idle. */
  sb_store_set_story_theme (f->store, a, theme_slug (f, 1), SB_STRENGTH_SECONDARY, &error);
  g_assert_no_error (error);
  sb_test_iterate_main_loop ();
  g_clear_pointer (&expected, g_free);
  if (n_themes > 2)
    expected = g_steal_pointer (&none_text);
  else
    expected = g_strdup ("Every theme has at least two stories");
  g_assert_cmpstr (sb_coverage_page_get_summary (page), ==, expected);

  close_page (page);
}

static void
test_empty_state (Fixture       *f,
                  gconstpointer  data)
{
  SbCoveragePage *page = new_page (f);
  g_assert_true (sb_coverage_page_is_empty (page));

  add_story (f, "First story");
  sb_test_iterate_main_loop ();
  g_assert_false (sb_coverage_page_is_empty (page));
  g_assert_cmpuint (sb_coverage_get_n_stories (sb_coverage_matrix_get_coverage (sb_coverage_page_get_matrix (page))), ==, 1);

  close_page (page);
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_large_bank_draws_visible_cells (Fixture       *f,
                                     gconstpointer  data)
{
  const guint n_stories = 1000;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  SbCoveragePage *page;
  SbCoverageMatrix *matrix;
  GtkSnapshot *snapshot;
  g_autoptr(GskRenderNode) node = NULL;
  gboolean timed_out = FALSE;
  guint timeout_id;
  guint n_themes = g_list_model_get_n_items (sb_store_get_themes (f->store, f->framework));
  guint bound;
  int width, height;

  for (guint i = 0; i < n_stories; i++)
    {
      g_autofree char *title = g_strdup_printf ("Story number %u", i);
      SbStory *story = add_story (f, title);

      sb_store_set_story_theme (f->store, story, theme_slug (f, i % n_themes),
                                i % 3 ? SB_STRENGTH_PRIMARY : SB_STRENGTH_SECONDARY, &error);
      g_assert_no_error (error);
    }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  page = g_object_new (SB_TYPE_COVERAGE_PAGE, "store", f->store, NULL);
  sb_coverage_page_set_framework (page, f->framework);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  matrix = sb_coverage_page_get_matrix (page);
  gtk_window_present (GTK_WINDOW (window));

  timeout_id = g_timeout_add_seconds (20, timeout_cb, &timed_out);
  while (!timed_out && (!gtk_widget_get_mapped (GTK_WIDGET (matrix)) ||
                        sb_coverage_matrix_get_n_cells_drawn (matrix) == 0))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);

  g_assert_cmpuint (sb_coverage_get_n_stories (sb_coverage_matrix_get_coverage (matrix)), ==, n_stories);

  /* One more frame, drawn on demand. */
  width = gtk_widget_get_width (GTK_WIDGET (matrix));
  height = gtk_widget_get_height (GTK_WIDGET (matrix));
  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (matrix)->snapshot (GTK_WIDGET (matrix), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  /* Only what fits on screen is drawn: columns are 36 px wide, rows 40 px
   * high, and one partly visible row and column at each edge. */
  bound = (width / 36 + 2) * (height / 40 + 2);
  g_assert_cmpuint (sb_coverage_matrix_get_n_cells_drawn (matrix), >, 0);
  g_assert_cmpuint (sb_coverage_matrix_get_n_cells_drawn (matrix), <=, bound);
  g_assert_cmpuint (sb_coverage_matrix_get_n_cells_drawn (matrix), <, n_stories * n_themes);

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
}


static GtkWidget *
find_by_css_class (GtkWidget  *root,
                   const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_css_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static SbCoveragePage *
show_page_in_window (Fixture    *f,
                     int         width,
                     int         height,
                     GtkWidget **window_out)
{
  GtkWidget *window = gtk_window_new ();
  SbCoveragePage *page = g_object_new (SB_TYPE_COVERAGE_PAGE, "store", f->store, NULL);
  SbCoverageMatrix *matrix = sb_coverage_page_get_matrix (page);
  gboolean timed_out = FALSE;
  guint timeout_id;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  sb_coverage_page_set_framework (page, f->framework);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));

  timeout_id = g_timeout_add_seconds (20, timeout_cb, &timed_out);
  while (!timed_out && (!gtk_widget_get_mapped (GTK_WIDGET (matrix)) ||
                        sb_coverage_matrix_get_n_cells_drawn (matrix) == 0))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
  sb_test_iterate_main_loop ();

  *window_out = window;
  return page;
}

static const char *long_titles[] = {
  "Checkout outage during the spring sale",
  "Ledger migration to Postgres without downtime",
  "Pushing back on the launch date with the VP",
  "Mentoring two engineers through first on-call",
};

/* With room to spare, story titles and theme names are whole; cut in a
 * narrow window, each says itself whole in its tooltip. */
static void
test_names_use_the_width (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *window;
  SbCoveragePage *page;
  SbCoverageMatrix *matrix;
  SbCoverage *coverage;
  g_autofree char *tip = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (long_titles); i++)
    {
      SbStory *story = add_story (f, long_titles[i]);

      /* The first one stretched thin: a long summary. */
      for (guint t = 0; i == 0 && t <= SB_COVERAGE_MAX_THEMES_PER_STORY; t++)
        g_assert_true (sb_store_set_story_theme (f->store, story, theme_slug (f, t),
                                                 SB_STRENGTH_PRIMARY, NULL));
    }

  page = show_page_in_window (f, 1100, 800, &window);
  matrix = sb_coverage_page_get_matrix (page);
  coverage = sb_coverage_matrix_get_coverage (matrix);
  for (guint c = 0; c < sb_coverage_get_n_stories (coverage); c++)
    g_assert_false (sb_coverage_matrix_is_title_cut (matrix, c));
  for (guint r = 0; r < sb_coverage_get_n_themes (coverage); r++)
    g_assert_false (sb_coverage_matrix_is_name_cut (matrix, r));
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();

  page = show_page_in_window (f, 380, 700, &window);
  matrix = sb_coverage_page_get_matrix (page);
  coverage = sb_coverage_matrix_get_coverage (matrix);
  {
    GdkRectangle cell;
    guint cut = 0;

    for (guint c = 0; c < sb_coverage_get_n_stories (coverage); c++)
      cut += sb_coverage_matrix_is_title_cut (matrix, c);
    for (guint r = 0; r < sb_coverage_get_n_themes (coverage); r++)
      cut += sb_coverage_matrix_is_name_cut (matrix, r);
    g_assert_cmpuint (cut, >, 0);

    /* The first column's header and the first row's header name themselves whole. */
    sb_coverage_matrix_get_cell_area (matrix, 0, 0, &cell);
    tip = sb_coverage_matrix_dup_tooltip_at (matrix, cell.x + cell.width / 2, cell.y - 20);
    g_assert_nonnull (strstr (tip, sb_story_get_display_title (sb_coverage_get_story (coverage, 0))));
    g_clear_pointer (&tip, g_free);
    tip = sb_coverage_matrix_dup_tooltip_at (matrix, 5, cell.y + cell.height / 2);
    g_assert_nonnull (strstr (tip, sb_theme_get_name (sb_coverage_get_theme (coverage, 0))));
    g_clear_pointer (&tip, g_free);

    /* The summary is not squeezed into a column beside the drop-down. */
    {
      GtkWidget *summary = find_by_css_class (GTK_WIDGET (page), "coverage-summary");
      int line, height;

      g_assert_nonnull (summary);
      gtk_widget_measure (summary, GTK_ORIENTATION_VERTICAL, G_MAXINT / 2, &line, NULL, NULL, NULL);
      height = gtk_widget_get_height (summary);
      g_assert_cmpint (height, <=, 2 * line);
    }
  }
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
}

/* A story's new title reaches its column header; once the page is gone,
 * a title change reaches nothing of it (the matrix let go of every story). */
static void
test_follows_titles (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *window;
  SbCoveragePage *page;
  SbCoverageMatrix *matrix;
  SbStory *story = add_story (f, "Checkout outage");
  GdkRectangle cell;
  g_autofree char *tip = NULL;

  page = show_page_in_window (f, 1100, 800, &window);
  matrix = sb_coverage_page_get_matrix (page);
  g_assert_cmpstr (sb_coverage_matrix_get_drawn_title (matrix, 0), ==, "Checkout outage");
  sb_story_set_title (story, "Ledger migration");
  sb_test_iterate_main_loop ();
  draw_matrix (matrix);
  g_assert_cmpstr (sb_coverage_matrix_get_drawn_title (matrix, 0), ==, "Ledger migration");
  sb_coverage_matrix_get_cell_area (matrix, 0, 0, &cell);
  tip = sb_coverage_matrix_dup_tooltip_at (matrix, cell.x + cell.width / 2, cell.y - 20);
  g_assert_nonnull (strstr (tip, "Ledger migration"));

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
  sb_story_set_title (story, "Pricing page rewrite");
  sb_test_iterate_main_loop ();
}

/* A cell says what a click does; the legend says what stretched thin
 * means, and the grid marks such a story. */
static void
test_says_what_marks_and_clicks_mean (Fixture       *f,
                                      gconstpointer  data)
{
  SbStory *story = add_story (f, "Checkout outage");
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  SbCoveragePage *page;
  SbCoverageMatrix *matrix;
  GdkRectangle cell;
  g_autofree char *tip = NULL;

  for (guint i = 0; i < SB_COVERAGE_MAX_THEMES_PER_STORY + 1; i++)
    {
      sb_store_set_story_theme (f->store, story, theme_slug (f, i), SB_STRENGTH_PRIMARY, &error);
      g_assert_no_error (error);
    }
  add_story (f, "Ledger migration");

  page = show_page_in_window (f, 1100, 800, &window);
  matrix = sb_coverage_page_get_matrix (page);

  /* Linked as primary: a click makes it secondary. */
  sb_coverage_matrix_get_cell_area (matrix, 0, 0, &cell);
  tip = sb_coverage_matrix_dup_tooltip_at (matrix, cell.x + 5, cell.y + 5);
  g_assert_nonnull (strstr (tip, "Click to make it secondary"));
  g_clear_pointer (&tip, g_free);
  /* Not linked: a click links it as primary. */
  sb_coverage_matrix_get_cell_area (matrix, 0, 1, &cell);
  tip = sb_coverage_matrix_dup_tooltip_at (matrix, cell.x + 5, cell.y + 5);
  g_assert_nonnull (strstr (tip, "Click to link it as primary"));
  g_clear_pointer (&tip, g_free);

  /* The legend explains the mark, and the page says it too. */
  tip = sb_coverage_matrix_dup_tooltip_at (matrix, 20, 20);
  g_assert_nonnull (tip);
  g_assert_nonnull (strstr (tip, "Stretched thin"));
  g_assert_nonnull (strstr (tip, "more than three themes"));
  g_assert_nonnull (strstr (sb_coverage_page_get_summary (page), "1 story stretched thin"));
  g_assert_nonnull (strstr (sb_coverage_page_get_hint (page), "Click a cell"));

  /* A story's column says how ready it is, as the list does. */
  {
    g_auto(SbReadiness) readiness = sb_story_get_readiness (f->store, story);
    g_autofree char *expected = g_strdup_printf ("(%s)", readiness.label);

    sb_coverage_matrix_get_cell_area (matrix, 0, 0, &cell);
    g_free (tip);
    tip = sb_coverage_matrix_dup_tooltip_at (matrix, cell.x + cell.width / 2, cell.y - 20);
    g_assert_nonnull (tip);
    g_assert_nonnull (strstr (tip, expected));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
}

/* A page not shown does no work: the matrix stays unbuilt while the bank
 * changes, and shows the bank as it is once the page is shown. */
static void
test_builds_when_shown (Fixture       *f,
                        gconstpointer  data)
{
  SbCoveragePage *page = g_object_new (SB_TYPE_COVERAGE_PAGE, "store", f->store, NULL);
  SbCoverageMatrix *matrix = sb_coverage_page_get_matrix (page);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *stack = gtk_stack_new ();
  SbStory *story;
  g_autoptr(GError) error = NULL;

  g_object_ref (page);
  sb_coverage_page_set_framework (page, f->framework);
  gtk_stack_add_named (GTK_STACK (stack), gtk_label_new ("Stories"), "stories");
  gtk_stack_add_named (GTK_STACK (stack), GTK_WIDGET (page), "coverage");
  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);

  story = add_story (f, "Checkout outage");
  sb_store_set_story_theme (f->store, story, theme_slug (f, 0), SB_STRENGTH_PRIMARY, &error);
  g_assert_no_error (error);
  sb_test_iterate_main_loop ();
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_null (sb_coverage_matrix_get_coverage (matrix));

  gtk_stack_set_visible_child_name (GTK_STACK (stack), "coverage");
  sb_test_iterate_main_loop ();
  g_assert_nonnull (sb_coverage_matrix_get_coverage (matrix));
  g_assert_false (sb_coverage_page_is_empty (page));
  g_assert_cmpuint (sb_coverage_get_theme_count (sb_coverage_matrix_get_coverage (matrix), 0), ==, 1);
  /* The framework asked for before it was shown is the one it shows. */
  g_assert_cmpstr (sb_coverage_matrix_get_framework (matrix), ==, f->framework);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (page);
}

/* Draws one frame's worth of the matrix on demand: the headers of the
 * columns on screen are laid out. */
static void
draw_matrix (SbCoverageMatrix *matrix)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  GTK_WIDGET_GET_CLASS (matrix)->snapshot (GTK_WIDGET (matrix), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
}

static guint
column_of (SbCoverage *coverage,
           SbStory    *story)
{
  for (guint c = 0; c < sb_coverage_get_n_stories (coverage); c++)
    if (sb_coverage_get_story (coverage, c) == story)
      return c;
  g_assert_not_reached ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  *(gboolean *) data = TRUE;
}

/* Shows or hides @widget as a person switching pages would, up to the
 * frame that paints it. */
static void
set_shown_and_paint (GtkWidget *widget,
                     gboolean   shown)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (widget));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gboolean painted = FALSE;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);

  gtk_widget_set_visible (widget, shown);
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
  sb_test_iterate_main_loop ();
}

/* Drops the last reference to @object, letting GTK finish what it holds
 * it for: hiding a shown widget keeps it referenced for a moment. */
static void
assert_finalized_soon (gpointer object)
{
  gpointer weak = object;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (object, &weak);
  g_object_unref (object);
  while (weak != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
  g_assert_null (weak);
}

/* Once shown, a hidden page still does no work: a change of links or of a
 * title only marks it stale, and it shows both when shown again. */
static void
test_catches_up_when_shown_again (Fixture       *f,
                                  gconstpointer  data)
{
  SbCoveragePage *page = g_object_new (SB_TYPE_COVERAGE_PAGE, "store", f->store, NULL);
  SbCoverageMatrix *matrix = sb_coverage_page_get_matrix (page);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  SbStory *a = add_story (f, "Checkout outage");
  SbStory *b = add_story (f, "Ledger migration");
  g_autoptr(GError) error = NULL;
  SbCoverage *before;

  g_object_ref (page);
  g_assert_true (sb_store_set_story_theme (f->store, a, theme_slug (f, 0), SB_STRENGTH_PRIMARY, &error));
  sb_coverage_page_set_framework (page, f->framework);
  gtk_widget_set_vexpand (GTK_WIDGET (page), TRUE);
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Stories"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (page));
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (matrix)))
    g_main_context_iteration (NULL, TRUE);
  sb_test_iterate_main_loop ();
  draw_matrix (matrix);
  before = sb_coverage_matrix_get_coverage (matrix);
  g_assert_cmpstr (sb_coverage_matrix_get_drawn_title (matrix, column_of (before, a)), ==, "Checkout outage");

  set_shown_and_paint (GTK_WIDGET (page), FALSE);
  g_assert_true (sb_store_set_story_theme (f->store, b, theme_slug (f, 0), SB_STRENGTH_SECONDARY, &error));
  g_assert_true (sb_store_set_story_theme (f->store, a, theme_slug (f, 1), SB_STRENGTH_PRIMARY, &error));
  sb_story_set_title (a, "Checkout outage, told again");
  sb_test_iterate_main_loop ();
  /* Nothing was computed while hidden. */
  g_assert_true (sb_coverage_matrix_get_coverage (matrix) == before);
  g_assert_cmpuint (sb_coverage_get_theme_count (before, 0), ==, 1);

  set_shown_and_paint (GTK_WIDGET (page), TRUE);
  {
    SbCoverage *coverage = sb_coverage_matrix_get_coverage (matrix);

    g_assert_cmpuint (sb_coverage_get_theme_count (coverage, 0), ==, 2);
    g_assert_cmpuint (sb_coverage_get_theme_count (coverage, 1), ==, 1);
    g_assert_cmpint (sb_coverage_get_cell (coverage, 0, column_of (coverage, b)), ==, SB_STRENGTH_SECONDARY);
    g_assert_cmpint (sb_coverage_get_cell (coverage, 1, column_of (coverage, a)), ==, SB_STRENGTH_PRIMARY);
    g_assert_cmpuint (sb_coverage_get_story_count (coverage, column_of (coverage, a)), ==, 2);
    draw_matrix (matrix);
    g_assert_cmpstr (sb_coverage_matrix_get_drawn_title (matrix, column_of (coverage, a)), ==,
                     "Checkout outage, told again");
  }

  /* Hidden again with nothing but a title changed: the header follows it. */
  set_shown_and_paint (GTK_WIDGET (page), FALSE);
  before = sb_coverage_matrix_get_coverage (matrix);
  sb_story_set_title (b, "Ledger migration without downtime");
  sb_test_iterate_main_loop ();
  set_shown_and_paint (GTK_WIDGET (page), TRUE);
  g_assert_true (sb_coverage_matrix_get_coverage (matrix) == before);
  draw_matrix (matrix);
  g_assert_cmpstr (sb_coverage_matrix_get_drawn_title (matrix, column_of (before, b)), ==,
                   "Ledger migration without downtime");
  g_assert_cmpstr (sb_coverage_matrix_get_drawn_title (matrix, column_of (before, a)), ==,
                   "Checkout outage, told again");

  /* A story written meanwhile is a new column (a rebuild); the headers
   * kept through it say the titles as they are now. */
  set_shown_and_paint (GTK_WIDGET (page), FALSE);
  g_assert_true (sb_store_set_story_theme (f->store, add_story (f, "Hiring loop"), theme_slug (f, 1),
                                           SB_STRENGTH_PRIMARY, &error));
  sb_story_set_title (a, "Checkout outage, a third time");
  sb_test_iterate_main_loop ();
  g_assert_true (sb_coverage_matrix_get_coverage (matrix) == before);
  set_shown_and_paint (GTK_WIDGET (page), TRUE);
  {
    SbCoverage *coverage = sb_coverage_matrix_get_coverage (matrix);

    g_assert_cmpuint (sb_coverage_get_n_stories (coverage), ==, 3);
    g_assert_cmpuint (sb_coverage_get_theme_count (coverage, 1), ==, 2);
    draw_matrix (matrix);
    g_assert_cmpstr (sb_coverage_matrix_get_drawn_title (matrix, column_of (coverage, a)), ==,
                     "Checkout outage, a third time");
    g_assert_cmpstr (sb_coverage_matrix_get_drawn_title (matrix, column_of (coverage, b)), ==,
                     "Ledger migration without downtime");
    g_assert_cmpstr (sb_coverage_matrix_get_drawn_title (matrix, 2), ==, "Hiring loop");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  assert_finalized_soon (page);
}

/* A change of one story's links reads its column again; several at once,
 * a deleted story or a question link give the same matrix as a rebuild. */
static void
test_follows_link_changes (Fixture       *f,
                           gconstpointer  data)
{
  SbStory *stories[40];
  g_autoptr(GError) error = NULL;
  SbCoveragePage *page;
  SbCoverageMatrix *matrix;
  SbCoverage *coverage;
  const char *question_slug;

  for (guint i = 0; i < G_N_ELEMENTS (stories); i++)
    {
      g_autofree char *title = g_strdup_printf ("Story %u", i);
      stories[i] = add_story (f, title);
    }
  page = new_page (f);
  matrix = sb_coverage_page_get_matrix (page);

  /* One story, from the store (the editor's chips do the same). */
  g_assert_true (sb_store_set_story_theme (f->store, stories[3], theme_slug (f, 0), SB_STRENGTH_PRIMARY, &error));
  g_assert_true (sb_store_set_story_theme (f->store, stories[3], theme_slug (f, 1), SB_STRENGTH_SECONDARY, &error));
  sb_test_iterate_main_loop ();
  coverage = sb_coverage_matrix_get_coverage (matrix);
  g_assert_cmpint (sb_coverage_get_cell (coverage, 0, 3), ==, SB_STRENGTH_PRIMARY);
  g_assert_cmpint (sb_coverage_get_cell (coverage, 1, 3), ==, SB_STRENGTH_SECONDARY);
  g_assert_cmpuint (sb_coverage_get_theme_count (coverage, 0), ==, 1);
  g_assert_cmpuint (sb_coverage_get_story_count (coverage, 3), ==, 2);
  g_assert_cmpuint (sb_coverage_get_n_stories (coverage), ==, G_N_ELEMENTS (stories));

  /* Unlinked again: the counts go down. */
  g_assert_true (sb_store_set_story_theme (f->store, stories[3], theme_slug (f, 0), SB_STRENGTH_NONE, &error));
  sb_test_iterate_main_loop ();
  coverage = sb_coverage_matrix_get_coverage (matrix);
  g_assert_cmpint (sb_coverage_get_cell (coverage, 0, 3), ==, SB_STRENGTH_NONE);
  g_assert_cmpuint (sb_coverage_get_theme_count (coverage, 0), ==, 0);
  g_assert_cmpuint (sb_coverage_get_story_count (coverage, 3), ==, 1);

  /* A question link changes nothing here. */
  {
    g_autoptr(SbQuestion) question = g_list_model_get_item (sb_store_get_questions (f->store), 0);

    question_slug = sb_question_get_slug (question);
    g_assert_true (sb_store_set_story_question (f->store, stories[5], question_slug, TRUE, &error));
    g_assert_no_error (error);
  }
  sb_test_iterate_main_loop ();
  coverage = sb_coverage_matrix_get_coverage (matrix);
  g_assert_cmpuint (sb_coverage_get_story_count (coverage, 5), ==, 0);

  /* Every story at once (more than are read one by one), one of them
   * deleted before the matrix saw it. */
  for (guint i = 0; i < G_N_ELEMENTS (stories); i++)
    g_assert_true (sb_store_set_story_theme (f->store, stories[i], theme_slug (f, 2), SB_STRENGTH_PRIMARY, &error));
  {
    SbDeletedStory *deleted = sb_store_delete_story (f->store, stories[7], &error);

    g_assert_no_error (error);
    g_assert_nonnull (deleted);
    sb_deleted_story_free (deleted);
  }
  sb_test_iterate_main_loop ();
  coverage = sb_coverage_matrix_get_coverage (matrix);
  g_assert_cmpuint (sb_coverage_get_n_stories (coverage), ==, G_N_ELEMENTS (stories) - 1);
  g_assert_cmpuint (sb_coverage_get_theme_count (coverage, 2), ==, G_N_ELEMENTS (stories) - 1);
  for (guint c = 0; c < sb_coverage_get_n_stories (coverage); c++)
    g_assert_cmpint (sb_coverage_get_cell (coverage, 2, c), ==, SB_STRENGTH_PRIMARY);

  /* The snapshot the matrix holds is the one a rebuild gives. */
  {
    g_autoptr(SbCoverage) fresh = sb_coverage_new (f->store, f->framework, &error);

    g_assert_no_error (error);
    for (guint r = 0; r < sb_coverage_get_n_themes (fresh); r++)
      {
        g_assert_cmpuint (sb_coverage_get_theme_count (fresh, r), ==, sb_coverage_get_theme_count (coverage, r));
        for (guint c = 0; c < sb_coverage_get_n_stories (fresh); c++)
          g_assert_cmpint (sb_coverage_get_cell (fresh, r, c), ==, sb_coverage_get_cell (coverage, r, c));
      }
  }

  close_page (page);
}

static gboolean
press_key_with (GtkWidget       *widget,
                guint            keyval,
                GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }
  return handled;
}

/* In a large bank the keyboard reaches the last story and the last theme,
 * the matrix scrolls there, and that corner shows the right story and
 * links. */
static void
test_large_bank_reaches_the_end (Fixture       *f,
                                 gconstpointer  data)
{
  const guint n_stories = 1000;
  guint n_themes = g_list_model_get_n_items (sb_store_get_themes (f->store, f->framework));
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  SbCoveragePage *page;
  SbCoverageMatrix *matrix;
  SbCoverage *coverage;
  SbStory *last = NULL;
  GtkAdjustment *hadjustment, *vadjustment;
  GdkRectangle cell;
  g_autofree char *tip = NULL;

  for (guint i = 0; i < n_stories; i++)
    {
      g_autofree char *title = g_strdup_printf ("Story number %u", i);

      last = add_story (f, title);
    }
  g_assert_true (sb_store_set_story_theme (f->store, last, theme_slug (f, n_themes - 1),
                                           SB_STRENGTH_PRIMARY, &error));
  g_assert_true (sb_store_set_story_theme (f->store, last, theme_slug (f, 0),
                                           SB_STRENGTH_SECONDARY, &error));

  page = show_page_in_window (f, 900, 600, &window);
  matrix = sb_coverage_page_get_matrix (page);
  coverage = sb_coverage_matrix_get_coverage (matrix);
  hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (matrix));
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (matrix));
  /* The extent comes from the counts, whatever has been laid out. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), ==, n_stories * 36.0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >=, n_themes * 40.0);

  gtk_widget_grab_focus (GTK_WIDGET (matrix));
  g_assert_true (press_key_with (GTK_WIDGET (matrix), GDK_KEY_End, GDK_CONTROL_MASK));
  sb_test_iterate_main_loop ();
  /* The theme's panel opened beside it: the cell stays in sight. */
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (GTK_WIDGET (matrix), ADW_TYPE_FLAP)));
  while (!adw_flap_get_reveal_flap (ADW_FLAP (gtk_widget_get_ancestor (GTK_WIDGET (matrix), ADW_TYPE_FLAP))) ||
         adw_flap_get_reveal_progress (ADW_FLAP (gtk_widget_get_ancestor (GTK_WIDGET (matrix), ADW_TYPE_FLAP))) < 1)
    g_main_context_iteration (NULL, TRUE);
  sb_test_iterate_main_loop ();

  /* The last cell is on screen and says what it joins. */
  sb_coverage_matrix_get_cell_area (matrix, n_themes - 1, n_stories - 1, &cell);
  g_assert_cmpint (cell.x + cell.width, <=, gtk_widget_get_width (GTK_WIDGET (matrix)));
  g_assert_cmpint (cell.y + cell.height, <=, gtk_widget_get_height (GTK_WIDGET (matrix)));
  g_assert_cmpint (cell.x, >=, 0);
  tip = sb_coverage_matrix_dup_tooltip_at (matrix, cell.x + cell.width / 2, cell.y + cell.height / 2);
  g_assert_nonnull (strstr (tip, "Story number 999"));
  g_assert_nonnull (strstr (tip, "Primary story for this theme"));
  g_clear_pointer (&tip, g_free);
  draw_matrix (matrix);
  g_assert_cmpstr (sb_coverage_matrix_get_drawn_title (matrix, n_stories - 1), ==, "Story number 999");
  /* Only what is on screen was laid out. */
  g_assert_null (sb_coverage_matrix_get_drawn_title (matrix, n_stories / 2));

  /* Up to the first theme by keys, in the same column. */
  for (guint r = 0; r < n_themes; r++)
    g_assert_true (press_key_with (GTK_WIDGET (matrix), GDK_KEY_Up, 0));
  sb_test_iterate_main_loop ();
  sb_coverage_matrix_get_cell_area (matrix, 0, n_stories - 1, &cell);
  tip = sb_coverage_matrix_dup_tooltip_at (matrix, cell.x + cell.width / 2, cell.y + cell.height / 2);
  g_assert_nonnull (strstr (tip, "Secondary story for this theme"));
  g_assert_cmpint (sb_coverage_get_cell (coverage, 0, n_stories - 1), ==, SB_STRENGTH_SECONDARY);

  /* And back to the first story. */
  g_assert_true (press_key_with (GTK_WIDGET (matrix), GDK_KEY_Home, GDK_CONTROL_MASK));
  sb_test_iterate_main_loop ();
  g_assert_cmpfloat (gtk_adjustment_get_value (hadjustment), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
}

static guint
count_rows (GtkListBox  *list,
            const char **last_title)
{
  guint n = 0;
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, n)) != NULL)
    {
      *last_title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
      n++;
    }
  return n;
}

/* The theme panel lists a theme's first stories, primary ones first, and
 * all of them on request. */
static void
test_panel_lists_first_stories (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SbCoveragePage *page;
  SbCoverageMatrix *matrix;
  GtkListBox *list;
  const char *title = NULL;

  for (guint i = 0; i < 14; i++)
    {
      g_autofree char *name = g_strdup_printf ("Story %u", i);
      SbStory *story = add_story (f, name);

      /* The last two are the primary ones. */
      g_assert_true (sb_store_set_story_theme (f->store, story, theme_slug (f, 0),
                                               i >= 12 ? SB_STRENGTH_PRIMARY : SB_STRENGTH_SECONDARY,
                                               &error));
    }

  page = new_page (f);
  matrix = sb_coverage_page_get_matrix (page);
  list = GTK_LIST_BOX (sb_test_find_widget (GTK_WIDGET (page), GTK_TYPE_LIST_BOX));
  g_assert_nonnull (list);

  sb_coverage_matrix_set_selected_theme (matrix, theme_slug (f, 0));
  g_assert_cmpuint (count_rows (list, &title), ==, 11);
  g_assert_cmpstr (title, ==, "Show All 14 Stories");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list, 0))),
                   ==, "Story 12");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (list, 1))),
                   ==, "Primary story");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list, 2))),
                   ==, "Story 0");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 10)),
                                             "coverage.show-all-stories", NULL));
  g_assert_cmpuint (count_rows (list, &title), ==, 14);
  g_assert_cmpstr (title, ==, "Story 11");

  /* A change keeps them all; another theme starts short again. */
  g_assert_true (sb_store_set_story_theme (f->store, sb_coverage_get_story (sb_coverage_matrix_get_coverage (matrix), 0),
                                           theme_slug (f, 1), SB_STRENGTH_PRIMARY, &error));
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (count_rows (list, &title), ==, 14);
  sb_coverage_matrix_set_selected_theme (matrix, theme_slug (f, 1));
  g_assert_cmpuint (count_rows (list, &title), ==, 1);
  sb_coverage_matrix_set_selected_theme (matrix, theme_slug (f, 0));
  g_assert_cmpuint (count_rows (list, &title), ==, 11);

  close_page (page);
}

/* The theme dots (and chips' dots) under @root: a chip's dot is a
 * widget, a story row's are drawn by one SbThemeDots. */
static guint
count_theme_dots (GtkWidget *root)
{
  guint n = gtk_widget_has_css_class (root, "theme-dot") ? 1 : 0;

  if (SB_IS_THEME_DOTS (root))
    n += sb_theme_dots_get_n_dots (SB_THEME_DOTS (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_theme_dots (child);
  return n;
}

/* The Stories list's row bound to @story, or NULL. */
static SbStoryRow *
find_story_row (GtkWidget *root,
                SbStory   *story)
{
  if (SB_IS_STORY_ROW (root))
    return sb_story_row_get_story (SB_STORY_ROW (root)) == story ? SB_STORY_ROW (root) : NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      SbStoryRow *row = find_story_row (child, story);

      if (row != NULL)
        return row;
    }
  return NULL;
}

static gboolean
strv_has (GStrv        strv,
          const char  *s)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, s);
}

/* The theme panel slides in; the test goes on once it is in. */
static void
wait_for_panel (SbCoveragePage *page)
{
  AdwFlap *flap = ADW_FLAP (sb_test_find_widget (GTK_WIDGET (page), ADW_TYPE_FLAP));
  gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (adw_flap_get_reveal_progress (flap) < 1.0 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  sb_test_iterate_main_loop ();
}

static GStrv
dup_suggestions (SbQuestionsPage *questions)
{
  sb_test_iterate_main_loop ();
  while (sb_questions_page_get_suggesting (questions))
    g_main_context_iteration (NULL, TRUE);
  return sb_questions_page_dup_suggestion_uuids (questions);
}

static void
record_nan_progress_cb (AdwFlap    *flap,
                        GParamSpec *pspec,
                        gboolean   *saw_nan)
{
  if (isnan (adw_flap_get_reveal_progress (flap)))
    *saw_nan = TRUE;
}

/* A theme chosen on a page shown a moment ago, before it has been laid
 * out: the panel slides in all the same. (libadwaita 1.2 starts the slide
 * by dividing by the panel's laid-out width: with none yet the slide was
 * NaN, the matrix laid out at a width of INT_MIN, a GTK warning.) */
static void
test_panel_slides_in_on_new_page (Fixture       *f,
                                  gconstpointer  data)
{
  SbStory *story = add_story (f, "Checkout outage");
  const char *slug = theme_slug (f, 0);
  SbTheme *theme = sb_store_find_theme (f->store, slug);
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  SbCoveragePage *page = g_object_new (SB_TYPE_COVERAGE_PAGE, "store", f->store, NULL);
  AdwFlap *flap = ADW_FLAP (sb_test_find_widget (GTK_WIDGET (page), ADW_TYPE_FLAP));
  gboolean saw_nan = FALSE;
  gint64 until;

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  g_assert_true (sb_store_set_story_theme (f->store, story, slug, SB_STRENGTH_PRIMARY, &error));
  g_assert_no_error (error);
  g_signal_connect (flap, "notify::reveal-progress", G_CALLBACK (record_nan_progress_cb), &saw_nan);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  sb_coverage_page_set_framework (page, f->framework);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (flap)), ==, 0);
  sb_coverage_matrix_set_selected_theme (sb_coverage_page_get_matrix (page), slug);

  until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!(adw_flap_get_reveal_progress (flap) >= 1.0) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  sb_test_iterate_main_loop ();
  g_assert_false (saw_nan);
  g_assert_cmpfloat (adw_flap_get_reveal_progress (flap), ==, 1.0);
  g_assert_true (adw_flap_get_reveal_flap (flap));
  g_assert_nonnull (sb_test_find_visible_label (GTK_WIDGET (page), sb_theme_get_name (theme)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (sb_coverage_page_get_matrix (page))), >, 0);

  /* Closed again: it slides out. */
  sb_coverage_matrix_set_selected_theme (sb_coverage_page_get_matrix (page), NULL);
  until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (adw_flap_get_reveal_progress (flap) > 0 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (saw_nan);
  g_assert_false (adw_flap_get_reveal_flap (flap));

  g_signal_handlers_disconnect_by_func (flap, record_nan_progress_cb, &saw_nan);
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
}

/* A click on a cell in the window reaches everything that shows the link:
 * the cell and the counts, the summary, the theme panel, the hidden
 * Stories page's row dots and editor chips. The Questions page, built but
 * hidden, takes it in when shown (not before: a page not shown does no
 * work), and undoing the click takes it out everywhere again. */
static void
test_toggle_reaches_every_view (Fixture       *f,
                                gconstpointer  data)
{
  SbStory *story = add_story (f, "Checkout outage");
  SbStory *other = add_story (f, "Ledger migration");
  const char *slug = theme_slug (f, 0);
  SbTheme *theme = sb_store_find_theme (f->store, slug);
  const char *themes[] = { slug, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(SbQuestion) question = NULL;
  g_autofree char *question_slug = NULL;
  g_autofree char *summary = NULL;
  g_auto(GStrv) suggestions = NULL;
  g_autoptr(GPtrArray) chips = g_ptr_array_new ();
  SbWindow *window = sb_window_new (NULL, f->store);
  SbStoryEditor *editor = sb_window_get_story_editor (window);
  SbQuestionsPage *questions;
  SbCoveragePage *page;
  SbCoverageMatrix *matrix;
  SbCoverage *coverage;
  g_autofree char *expected = NULL;
  AdwToast *toast;
  guint column;

  question = g_object_ref (sb_store_add_question (f->store, "Tell me about an outage you owned.",
                                                  "Listen for ownership.", themes, &error));
  g_assert_no_error (error);
  question_slug = g_strdup (sb_question_get_slug (question));
  g_assert_true (sb_store_set_story_theme (f->store, other, slug, SB_STRENGTH_PRIMARY, &error));
  g_assert_no_error (error);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  sb_story_list_select_story (sb_window_get_story_list (window), story);
  sb_test_iterate_main_loop ();
  g_assert_true (sb_story_editor_get_story (editor) == story);
  g_assert_cmpuint (count_theme_dots (GTK_WIDGET (find_story_row (GTK_WIDGET (window), story))), ==, 0);

  /* The Questions page, shown once, then left for the Coverage page. */
  sb_window_show_page (window, "questions");
  questions = SB_QUESTIONS_PAGE (sb_test_find_widget (GTK_WIDGET (window), SB_TYPE_QUESTIONS_PAGE));
  sb_test_iterate_main_loop ();
  sb_questions_page_select_question (questions, question_slug);
  suggestions = dup_suggestions (questions);
  g_assert_true (strv_has (suggestions, sb_story_get_uuid (other)));
  g_assert_false (strv_has (suggestions, sb_story_get_uuid (story)));
  g_clear_pointer (&suggestions, g_strfreev);

  sb_window_show_page (window, "coverage");
  page = SB_COVERAGE_PAGE (sb_test_find_widget (GTK_WIDGET (window), SB_TYPE_COVERAGE_PAGE));
  matrix = sb_coverage_page_get_matrix (page);
  sb_coverage_page_set_framework (page, f->framework);
  sb_test_iterate_main_loop ();
  sb_coverage_matrix_set_selected_theme (matrix, slug);
  wait_for_panel (page);
  summary = g_strdup (sb_coverage_page_get_summary (page));
  g_assert_null (sb_test_find_visible_label (GTK_WIDGET (page), "Checkout outage"));

  g_assert_true (sb_coverage_matrix_toggle (matrix, sb_story_get_uuid (story), slug, &error));
  g_assert_no_error (error);
  sb_test_iterate_main_loop ();

  /* The matrix, its counts and the summary (the theme has its second story). */
  coverage = sb_coverage_matrix_get_coverage (matrix);
  g_assert_true (sb_coverage_get_theme (coverage, 0) == theme);
  for (column = 0; sb_coverage_get_story (coverage, column) != story; column++)
    ;
  g_assert_cmpint (sb_coverage_get_cell (coverage, 0, column), ==, SB_STRENGTH_PRIMARY);
  g_assert_cmpuint (sb_coverage_get_theme_count (coverage, 0), ==, 2);
  g_assert_cmpuint (sb_coverage_get_story_count (coverage, column), ==, 1);
  g_assert_cmpstr (sb_coverage_page_get_summary (page), !=, summary);
  /* The theme panel lists the story. */
  g_assert_nonnull (sb_test_find_visible_label (GTK_WIDGET (page), "Checkout outage"));
  /* The hidden Stories page: the row's dot at once; the editor's chip
   * when the page is shown. */
  g_assert_cmpuint (count_theme_dots (GTK_WIDGET (find_story_row (GTK_WIDGET (window), story))), ==, 1);
  sb_window_show_page (window, "stories");
  sb_test_iterate_main_loop ();
  sb_test_find_labels (GTK_WIDGET (editor), sb_theme_get_name (theme), chips);
  g_assert_cmpuint (chips->len, ==, 1);

  /* The hidden Questions page waits, then shows the story as a suggestion. */
  suggestions = dup_suggestions (questions);
  g_assert_false (strv_has (suggestions, sb_story_get_uuid (story)));
  g_clear_pointer (&suggestions, g_strfreev);
  sb_window_show_page (window, "questions");
  suggestions = dup_suggestions (questions);
  g_assert_true (strv_has (suggestions, sb_story_get_uuid (story)));
  g_clear_pointer (&suggestions, g_strfreev);

  /* Undone, from the window: gone everywhere again. */
  sb_window_show_page (window, "coverage");
  sb_test_iterate_main_loop ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  sb_test_iterate_main_loop ();
  g_assert_cmpint (sb_store_get_story_theme (f->store, story, slug), ==, SB_STRENGTH_NONE);
  coverage = sb_coverage_matrix_get_coverage (matrix);
  g_assert_cmpint (sb_coverage_get_cell (coverage, 0, column), ==, SB_STRENGTH_NONE);
  g_assert_cmpuint (sb_coverage_get_theme_count (coverage, 0), ==, 1);
  g_assert_cmpstr (sb_coverage_page_get_summary (page), ==, summary);
  g_assert_null (sb_test_find_visible_label (GTK_WIDGET (page), "Checkout outage"));
  g_assert_cmpuint (count_theme_dots (GTK_WIDGET (find_story_row (GTK_WIDGET (window), story))), ==, 0);
  sb_window_show_page (window, "stories");
  sb_test_iterate_main_loop ();
  g_ptr_array_set_size (chips, 0);
  sb_test_find_labels (GTK_WIDGET (editor), sb_theme_get_name (theme), chips);
  g_assert_cmpuint (chips->len, ==, 0);
  sb_window_show_page (window, "coverage");
  sb_test_iterate_main_loop ();

  /* Two clicks in a row: one toast, which says the second, and whose
   * Undo takes back the second only. */
  g_assert_true (sb_coverage_matrix_toggle (matrix, sb_story_get_uuid (story), slug, &error));
  toast = sb_coverage_matrix_get_last_toast (matrix);
  g_assert_nonnull (toast);
  expected = g_strdup_printf ("“Checkout outage” now covers %s", sb_theme_get_name (theme));
  g_assert_cmpstr (adw_toast_get_title (toast), ==, expected);
  g_assert_true (sb_coverage_matrix_toggle (matrix, sb_story_get_uuid (story), slug, &error));
  g_assert_no_error (error);
  sb_test_iterate_main_loop ();
  g_assert_true (sb_coverage_matrix_get_last_toast (matrix) == toast);
  g_assert_true (g_str_has_prefix (adw_toast_get_title (toast), "“Checkout outage” is now a secondary story"));
  g_signal_emit_by_name (toast, "button-clicked");
  sb_test_iterate_main_loop ();
  g_assert_cmpint (sb_store_get_story_theme (f->store, story, slug), ==, SB_STRENGTH_PRIMARY);
  g_assert_cmpint (sb_coverage_get_cell (sb_coverage_matrix_get_coverage (matrix), 0, column), ==,
                   SB_STRENGTH_PRIMARY);

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);

  g_test_add ("/coverage-view/toggle-cycles", Fixture, NULL,
              fixture_setup, test_toggle_cycles, fixture_teardown);
  g_test_add ("/coverage-view/keyboard-and-undo", Fixture, NULL,
              fixture_setup, test_keyboard_and_undo, fixture_teardown);
  g_test_add ("/coverage-view/edit-theme", Fixture, NULL,
              fixture_setup, test_edit_theme, fixture_teardown);
  g_test_add ("/coverage-view/summary-and-rows", Fixture, NULL,
              fixture_setup, test_summary_and_rows, fixture_teardown);
  g_test_add ("/coverage-view/empty-state", Fixture, NULL,
              fixture_setup, test_empty_state, fixture_teardown);
  g_test_add ("/coverage-view/names-use-the-width", Fixture, NULL,
              fixture_setup, test_names_use_the_width, fixture_teardown);
  g_test_add ("/coverage-view/says-what-marks-and-clicks-mean", Fixture, NULL,
              fixture_setup, test_says_what_marks_and_clicks_mean, fixture_teardown);
  g_test_add ("/coverage-view/follows-titles", Fixture, NULL,
              fixture_setup, test_follows_titles, fixture_teardown);
  g_test_add ("/coverage-view/large-bank", Fixture, NULL,
              fixture_setup, test_large_bank_draws_visible_cells, fixture_teardown);
  g_test_add ("/coverage-view/builds-when-shown", Fixture, NULL,
              fixture_setup, test_builds_when_shown, fixture_teardown);
  g_test_add ("/coverage-view/catches-up-when-shown-again", Fixture, NULL,
              fixture_setup, test_catches_up_when_shown_again, fixture_teardown);
  g_test_add ("/coverage-view/follows-link-changes", Fixture, NULL,
              fixture_setup, test_follows_link_changes, fixture_teardown);
  g_test_add ("/coverage-view/large-bank-reaches-the-end", Fixture, NULL,
              fixture_setup, test_large_bank_reaches_the_end, fixture_teardown);
  g_test_add ("/coverage-view/panel-slides-in-on-new-page", Fixture, NULL,
              fixture_setup, test_panel_slides_in_on_new_page, fixture_teardown);
  g_test_add ("/coverage-view/toggle-reaches-every-view", Fixture, NULL,
              fixture_setup, test_toggle_reaches_every_view, fixture_teardown);
  g_test_add ("/coverage-view/panel-lists-first-stories", Fixture, NULL,
              fixture_setup, test_panel_lists_first_stories, fixture_teardown);

  return g_test_run ();
}
