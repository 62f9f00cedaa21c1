/* test-window-pages.c — the window builds its other pages after the first frame
 *
 * The Coverage, Questions, Practice and Applications pages are built when
 * first shown, when an action needs one, or in idles after the window's
 * first frame; never before that frame. Whichever way a page comes to be
 * built, it shows the bank as it is then.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "sb-application.h"
#include "sb-application-editor.h"
#include "sb-applications-page.h"
#include "sb-coverage-page.h"
#include "sb-practice-page.h"
#include "sb-questions-page.h"
#include "sb-story-editor.h"
#include "sb-test-store.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-window-private.h"

static const char * const lazy_pages[] = { "coverage", "questions", "practice", "applications" };

static SbStore *
open_bank (SbTestDir *dir)
{
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  SbStore *store = sb_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/* The page named @name, or NULL while it is not built. Walks the view
 * stack itself: sb_test_find_widget() would build every page. */
static GtkWidget *
built_page (SbWindow   *window,
            const char *name)
{
  GtkWidget *bin = adw_view_stack_get_child_by_name (window->view_stack, name);

  g_assert_true (ADW_IS_BIN (bin));
  return adw_bin_get_child (ADW_BIN (bin));
}

static void
close_window (SbWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
}

/* Iterates until @done says so, a few seconds at most. */
static void
wait_until (gboolean (*done) (SbWindow *), SbWindow *window)
{
  gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!done (window) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
all_built (SbWindow *window)
{
  for (guint i = 0; i < G_N_ELEMENTS (lazy_pages); i++)
    if (built_page (window, lazy_pages[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* Nothing but the Stories page before the first frame; every page soon
 * after it, without being shown. */
static void
test_pages_built_after_first_frame (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  SbWindow *window = sb_window_new (NULL, store);

  for (guint i = 0; i < G_N_ELEMENTS (lazy_pages); i++)
    g_assert_null (built_page (window, lazy_pages[i]));
  /* The switcher offers every page all the same. */
  for (guint i = 0; i < G_N_ELEMENTS (lazy_pages); i++)
    g_assert_nonnull (adw_view_stack_get_page (window->view_stack,
                                               adw_view_stack_get_child_by_name (window->view_stack,
                                                                                 lazy_pages[i])));
  /* The header's switcher has each page's button, as many for each page
   * (once per switcher it holds), none left over from adding them. */
  {
    static const char *titles[] = { "Stories", "Coverage", "Questions", "Practice", "Applications" };
    guint per_page = 0;

    for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
      {
        g_autoptr(GPtrArray) found = g_ptr_array_new ();

        sb_test_find_labels (GTK_WIDGET (window->switcher_title), titles[i], found);
        g_assert_cmpuint (found->len, >, 0);
        if (i == 0)
          per_page = found->len;
        g_assert_cmpuint (found->len, ==, per_page);
      }
  }
  gtk_window_present (GTK_WINDOW (window));
  wait_until (all_built, window);
  g_assert_true (all_built (window));
  g_assert_cmpstr (sb_window_get_page (window), ==, "stories");
  g_assert_true (SB_IS_PRACTICE_PAGE (window->practice_page));

  close_window (window);
}

/* Showing a page that is not built yet builds it at once, in the same
 * call: the page is there to draw in the switch's frame. */
static void
test_page_built_when_shown (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  SbWindow *window = sb_window_new (NULL, store);

  for (guint i = 0; i < G_N_ELEMENTS (lazy_pages); i++)
    {
      g_assert_null (built_page (window, lazy_pages[i]));
      sb_window_show_page (window, lazy_pages[i]);
      g_assert_cmpstr (sb_window_get_page (window), ==, lazy_pages[i]);
      g_assert_nonnull (built_page (window, lazy_pages[i]));
      g_assert_true (gtk_widget_get_parent (built_page (window, lazy_pages[i])) != NULL);
    }
  close_window (window);
}

/* The window's actions reach a page that is not built yet: the values of
 * an application on Coverage, a next fix on Practice. */
static void
test_actions_build_pages (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  SbWindow *window = sb_window_new (NULL, store);

  g_assert_null (built_page (window, "coverage"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-coverage-framework", "s", "core");
  g_assert_cmpstr (sb_window_get_page (window), ==, "coverage");
  g_assert_nonnull (built_page (window, "coverage"));

  g_assert_null (built_page (window, "questions"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-questions-framework", "s", "core");
  g_assert_cmpstr (sb_window_get_page (window), ==, "questions");
  g_assert_nonnull (built_page (window, "questions"));

  close_window (window);
}

/* Stories added before a page is built are on it when it is: a page built
 * late reads the bank as it is then, not as it was at start-up. */
static void
test_late_page_sees_new_stories (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  SbWindow *window = sb_window_new (NULL, store);
  g_autoptr(GError) error = NULL;
  SbStory *story = sb_store_create_story (store, "Moved the billing queue", &error);
  SbPracticePage *practice;
  gboolean queued = FALSE;

  g_assert_no_error (error);
  /* The queue holds stories with something written in them. */
  sb_story_set_field (story, SB_STORY_FIELD_ACTION, "I moved the queue to its own database.");
  g_assert_true (sb_store_save_story (store, story, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_null (built_page (window, "practice"));
  sb_window_show_page (window, "practice");
  sb_test_iterate_main_loop ();
  practice = SB_PRACTICE_PAGE (window->practice_page);
  for (guint i = 0; i < sb_practice_page_get_n_queued (practice); i++)
    queued |= sb_practice_page_get_queued_story (practice, i) == story;
  g_assert_true (queued);

  close_window (window);
}

/* Once it has settled, an idle window draws (almost) nothing: no tick
 * callback left running, no idle rebuilding a page (the cursor's blink is
 * turned off, it is the one thing that should draw). */
static void
test_idle_window_draws_nothing (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  SbWindow *window = sb_window_new (NULL, store);
  GdkFrameClock *clock;
  gint64 frame, until;

  g_autoptr(SbStory) example = g_list_model_get_item (sb_store_get_stories (store), 0);

  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  g_assert_nonnull (example);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  /* A story in the editor: its title watches frames for a while (the
   * tests before this one left another page in the settings). */
  sb_window_show_page (window, "stories");
  sb_story_list_select_story (sb_window_get_story_list (window), example);
  wait_until (all_built, window);
  /* Settle: the pages built, the badge read, the title fitted. */
  until = g_get_monotonic_time () + 1500 * 1000;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (2000), TRUE);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  frame = gdk_frame_clock_get_frame_counter (clock);
  until = g_get_monotonic_time () + 700 * 1000;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (2000), TRUE);
  /* A late one-off (the Practice badge read a second after the window
   * became active) may draw once; anything left ticking draws every frame
   * (~40 in this time). */
  g_assert_cmpint (gdk_frame_clock_get_frame_counter (clock) - frame, <=, 2);

  close_window (window);
}

static gboolean
bar_revealed (SbWindow *window)
{
  return adw_view_switcher_bar_get_reveal (window->switcher_bar);
}

/* The bottom switcher gets the pages when a narrow window reveals it, and
 * then offers every page; a wide window never builds its buttons. */
static void
test_switcher_bar_when_narrow (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  SbWindow *window = sb_window_new (NULL, store);
  gint64 until;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (all_built, window);
  g_assert_false (bar_revealed (window));
  g_assert_null (adw_view_switcher_bar_get_stack (window->switcher_bar));

  gtk_window_set_default_size (GTK_WINDOW (window), 380, 700);
  wait_until (bar_revealed, window);
  g_assert_true (bar_revealed (window));
  g_assert_true (adw_view_switcher_bar_get_stack (window->switcher_bar) == window->view_stack);
  /* A button per page, Stories and the four built late. */
  until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (2000), TRUE);
  {
    g_autoptr(GPtrArray) found = g_ptr_array_new ();

    sb_test_find_labels (GTK_WIDGET (window->switcher_bar), "Applications", found);
    g_assert_cmpuint (found->len, >=, 1);
  }

  close_window (window);
}

/* Only the page shown is visible: a page not shown is hidden in its bin,
 * whether built by an idle, by an action or when shown before, so that
 * GTK does not restyle its widgets each time a state of the window
 * changes. Every page is visible and drawn when it is shown. */
static gboolean
only_visible (SbWindow   *window,
              const char *shown)
{
  static const char * const pages[] = { "stories", "coverage", "questions", "practice", "applications" };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page = built_page (window, pages[i]);

      if (page != NULL && gtk_widget_get_visible (page) != g_str_equal (pages[i], shown))
        return FALSE;
    }
  return TRUE;
}

static gboolean
only_stories_visible (SbWindow *window)
{
  return only_visible (window, "stories");
}

/* Pages built while another is shown are styled in the next frame (so
 * their first switch does not pay for it), then hidden. */
static void
test_only_shown_page_visible (void)
{
  static const char * const order[] = { "coverage", "stories", "practice", "questions",
                                        "applications", "coverage", "stories" };
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  SbWindow *window = sb_window_new (NULL, store);

  gtk_window_present (GTK_WINDOW (window));
  sb_window_show_page (window, "stories");
  wait_until (all_built, window);
  g_assert_true (all_built (window));
  wait_until (only_stories_visible, window);
  g_assert_true (only_visible (window, "stories"));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      sb_window_show_page (window, order[i]);
      g_assert_true (only_visible (window, order[i]));
      sb_test_iterate_main_loop ();
      g_assert_true (gtk_widget_is_drawable (built_page (window, order[i])));
    }
  close_window (window);

  /* A page built by an action while another is shown stays hidden. */
  window = sb_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  sb_window_show_page (window, "stories");
  g_assert_null (built_page (window, "coverage"));
  g_assert_nonnull (_sb_window_ensure_page (window, "coverage"));
  wait_until (only_stories_visible, window);
  g_assert_true (only_visible (window, "stories"));
  sb_window_show_page (window, "coverage");
  g_assert_true (only_visible (window, "coverage"));
  close_window (window);
}

static gboolean
pages_warm (SbWindow *window)
{
  return _sb_window_get_pages_warm (window);
}

static gboolean
warming (SbWindow *window)
{
  return window->warm_stage > 0;
}

/* Once built, the pages not shown are warmed up one after the other: each
 * makes what its first show would (the Practice queue read, the
 * Questions list's first rows, the Coverage matrix) and is laid out at
 * the size it will get, off screen, then hidden again; the page shown and
 * the focus stay where they were. */
static void
test_pages_warmed_up (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  SbWindow *window;
  GtkWidget *focus;
  GtkWidget *list;
  SbApplicationsPage *applications;
  g_autoptr(GError) error = NULL;
  SbApplication *application = sb_store_create_application (store, "acme", "Acme", "Engineer", &error);

  g_assert_no_error (error);
  g_assert_nonnull (sb_store_add_requirement (store, application, "Own payment services", -1, &error));
  g_assert_no_error (error);
  window = sb_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  sb_window_show_page (window, "stories");
  wait_until (all_built, window);
  /* Built, nothing read yet: pages do their work when shown or warmed. */
  g_assert_cmpuint (sb_practice_page_get_n_queued (SB_PRACTICE_PAGE (window->practice_page)), ==, 0);
  list = sb_test_find_widget (window->practice_page, GTK_TYPE_LIST_VIEW);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)))), ==, 0);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (sb_window_get_story_list (window)), GTK_DIR_TAB_FORWARD));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);

  wait_until (pages_warm, window);
  g_assert_true (pages_warm (window));
  sb_test_iterate_main_loop ();
  g_assert_cmpstr (sb_window_get_page (window), ==, "stories");
  g_assert_true (only_visible (window, "stories"));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == focus);
  g_assert_cmpuint (sb_practice_page_get_n_queued (SB_PRACTICE_PAGE (window->practice_page)), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)))), >=, 1);
  /* Laid out while hidden: the list has the width it will be shown at. */
  g_assert_cmpint (gtk_widget_get_width (list), >, 0);
  g_assert_false (sb_coverage_page_is_empty (SB_COVERAGE_PAGE (built_page (window, "coverage"))));
  /* Drawn off screen: the matrix's column titles are laid out. */
  g_assert_nonnull (sb_coverage_matrix_get_drawn_title (sb_coverage_page_get_matrix (SB_COVERAGE_PAGE (
                                                          built_page (window, "coverage"))), 0));
  /* The Applications page shows its application, laid out. */
  applications = SB_APPLICATIONS_PAGE (built_page (window, "applications"));
  g_assert_true (sb_applications_page_is_built (applications));
  g_assert_cmpuint (sb_applications_page_get_n_rows (applications), ==, 1);
  g_assert_true (sb_applications_page_get_selected (applications) == application);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (sb_applications_page_get_editor (applications))), >, 0);

  close_window (window);
}

/* The warm-up's steps wait for a pause: while the person types, clicks or
 * scrolls (here, input every 100 ms for 1.5 s) no step runs, and they
 * go on once the input stops. */
static void
test_warm_up_waits_for_pause (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  SbWindow *window = sb_window_new (NULL, store);
  guint page, stage;
  gint64 until;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  sb_window_show_page (window, "stories");
  _sb_window_note_input (window);
  wait_until (all_built, window);
  g_assert_true (all_built (window));
  page = window->warm_page;
  stage = window->warm_stage;
  until = g_get_monotonic_time () + 1500 * 1000;
  while (g_get_monotonic_time () < until)
    {
      gint64 next = g_get_monotonic_time () + 100 * 1000;

      _sb_window_note_input (window);
      while (g_get_monotonic_time () < next)
        g_main_context_iteration (NULL, FALSE);
    }
  g_assert_cmpuint (window->warm_page, ==, page);
  g_assert_cmpuint (window->warm_stage, ==, stage);
  g_assert_false (pages_warm (window));

  wait_until (pages_warm, window);
  g_assert_true (pages_warm (window));
  close_window (window);
}

/* The Coverage page has drawn a column titled @title. */
static gboolean
coverage_shows (SbWindow   *window,
                const char *title)
{
  SbCoverageMatrix *matrix = sb_coverage_page_get_matrix (SB_COVERAGE_PAGE (built_page (window, "coverage")));

  for (guint column = 0; column < 4; column++)
    if (g_strcmp0 (sb_coverage_matrix_get_drawn_title (matrix, column), title) == 0)
      return TRUE;
  return FALSE;
}

/* The story added and the title changed below. */
static gboolean
coverage_shows_outage (SbWindow *window)
{
  return coverage_shows (window, "Checkout outage") && coverage_shows (window, "Renamed while hidden");
}

/* A page warmed up, then hidden while the bank changes, shows the bank as
 * it is when it is shown: a story added since is in the Practice queue
 * and on the Coverage page, and a title the warm-up drew off screen is
 * shown as it is now. */
static void
test_warm_page_follows_bank (gconstpointer data)
{
  gboolean mid_warm_up = g_str_equal (data, "warming");
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  g_autoptr(GError) error = NULL;
  SbApplication *application = sb_store_create_application (store, "acme", "Acme", "Engineer", &error);
  SbWindow *window = sb_window_new (NULL, store);
  g_autoptr(SbStory) example = g_list_model_get_item (sb_store_get_stories (store), 0);
  SbPracticePage *practice;
  SbApplicationsPage *applications;
  SbStory *story;
  guint n_queued;
  gboolean queued = FALSE;

  g_assert_no_error (error);
  g_assert_nonnull (sb_store_add_requirement (store, application, "Own payment services", -1, &error));
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  sb_window_show_page (window, "stories");
  if (mid_warm_up)
    {
      /* The bank changes in the middle of the warm-up, which goes on. */
      wait_until (warming, window);
      g_assert_true (warming (window));
      n_queued = g_list_model_get_n_items (sb_store_get_stories (store));
      practice = SB_PRACTICE_PAGE (window->practice_page);
    }
  else
    {
      wait_until (pages_warm, window);
      g_assert_true (pages_warm (window));
      practice = SB_PRACTICE_PAGE (window->practice_page);
      n_queued = sb_practice_page_get_n_queued (practice);
      g_assert_true (coverage_shows (window, sb_story_get_title (example)));
      g_assert_false (coverage_shows_outage (window));
    }

  /* A title the warm-up drew off screen, changed while hidden. */
  g_assert_true (sb_store_edit_story (store, example, SB_STORY_FIELD_TITLE, "Renamed while hidden", &error));
  g_assert_no_error (error);
  story = sb_test_add_story (store, "Checkout outage", "I paged the database team and rolled back.");
  g_assert_true (sb_store_set_story_theme (store, story, "lp-ownership", SB_STRENGTH_PRIMARY, &error));
  g_assert_no_error (error);
  /* An application added, and a requirement to the one the page shows. */
  g_assert_nonnull (sb_store_create_application (store, "globex", "Globex", "Engineer", &error));
  g_assert_no_error (error);
  g_assert_nonnull (sb_store_add_requirement (store, application, "Mentor engineers", -1, &error));
  g_assert_no_error (error);
  sb_test_iterate_main_loop ();
  if (mid_warm_up)
    {
      wait_until (pages_warm, window);
      g_assert_true (pages_warm (window));
    }
  else  /* Hidden: nothing read yet. */
    g_assert_cmpuint (sb_practice_page_get_n_queued (practice), ==, n_queued);

  sb_window_show_page (window, "practice");
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (sb_practice_page_get_n_queued (practice), ==, n_queued + 1);
  for (guint i = 0; i < sb_practice_page_get_n_queued (practice); i++)
    queued |= sb_practice_page_get_queued_story (practice, i) == story;
  g_assert_true (queued);

  sb_window_show_page (window, "coverage");
  wait_until (coverage_shows_outage, window);
  g_assert_true (coverage_shows_outage (window));

  sb_window_show_page (window, "applications");
  sb_test_iterate_main_loop ();
  applications = SB_APPLICATIONS_PAGE (built_page (window, "applications"));
  g_assert_cmpuint (sb_applications_page_get_n_rows (applications), ==, 2);
  g_assert_true (sb_applications_page_get_selected (applications) == application);
  g_assert_nonnull (gtk_list_box_get_row_at_index (
    sb_application_editor_get_requirement_list (sb_applications_page_get_editor (applications)), 1));

  close_window (window);
}

/* The focus comes back to where it was on a page: typing in a story,
 * away to Questions and back, the cursor is in the same field. */
static void
test_focus_comes_back (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  SbWindow *window = sb_window_new (NULL, store);
  g_autoptr(SbStory) example = g_list_model_get_item (sb_store_get_stories (store), 0);
  GtkTextView *action;

  gtk_window_present (GTK_WINDOW (window));
  sb_window_show_page (window, "stories");
  sb_story_list_select_story (sb_window_get_story_list (window), example);
  sb_test_iterate_main_loop ();
  action = sb_story_editor_get_text_view (SB_STORY_EDITOR (sb_test_find_widget (GTK_WIDGET (window),
                                                                               SB_TYPE_STORY_EDITOR)),
                                          SB_STORY_FIELD_ACTION);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (action)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "questions");
  sb_test_iterate_main_loop ();
  g_assert_cmpstr (sb_window_get_page (window), ==, "questions");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), built_page (window, "questions")));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "stories");
  sb_test_iterate_main_loop ();
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (action));

  /* A page shown by the program (a link on a page, not Alt+2): the focus
   * moves into it too, not nowhere. */
  sb_window_show_page (window, "coverage");
  sb_test_iterate_main_loop ();
  g_assert_nonnull (gtk_root_get_focus (GTK_ROOT (window)));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), built_page (window, "coverage")));
  close_window (window);
}

/* Closing the window lets go of the bank, whichever pages were shown,
 * hidden or built, and wherever the focus was: the store (and its file)
 * is not kept open by a page. @data: the steps, "all" (every page built),
 * "story" (a story added), "focus" (the focus into the story list),
 * "alt:PAGE" (as Alt+N does) or a page shown by the program. Hiding a
 * page with the focus inside once kept the bank open after the window
 * (GTK 4.8 keeps a reference to move the focus later). */
static void
test_close_releases_bank (gconstpointer data)
{
  const char *steps = data;
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  SbStore *store = open_bank (dir);
  SbWindow *window = sb_window_new (NULL, store);
  g_auto(GStrv) pages = g_strsplit (steps, " ", -1);

  gtk_window_present (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
  for (guint i = 0; pages[i] != NULL; i++)
    {
      if (g_str_equal (pages[i], "all"))
        wait_until (all_built, window);
      else if (g_str_equal (pages[i], "warm"))
        {
          wait_until (pages_warm, window);
          g_assert_true (pages_warm (window));
        }
      else if (g_str_equal (pages[i], "warming"))
        {
          /* Closed in the middle of the warm-up: a page prepared and
           * visible off screen, waiting for its frame. */
          wait_until (warming, window);
          g_assert_true (warming (window));
          g_assert_false (pages_warm (window));
        }
      else if (g_str_equal (pages[i], "focus"))
        {
          GtkWidget *list = GTK_WIDGET (sb_window_get_story_list (window));

          g_assert_true (gtk_widget_child_focus (list, GTK_DIR_TAB_FORWARD));
        }
      else if (g_str_equal (pages[i], "story"))
        {
          g_autoptr(GError) error = NULL;
          SbStory *story = sb_test_add_story (store, "Checkout outage", "I paged the database team.");

          g_assert_true (sb_store_set_story_theme (store, story, "lp-ownership", SB_STRENGTH_PRIMARY, &error));
          g_assert_no_error (error);
        }
      else if (g_str_has_prefix (pages[i], "alt:"))
        gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", pages[i] + 4);
      else
        sb_window_show_page (window, pages[i]);
      sb_test_iterate_main_loop ();
    }
  close_window (window);
  g_assert_finalize_object (store);
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);

  g_test_add_func ("/window-pages/built-after-first-frame", test_pages_built_after_first_frame);
  g_test_add_func ("/window-pages/built-when-shown", test_page_built_when_shown);
  g_test_add_func ("/window-pages/actions-build-pages", test_actions_build_pages);
  g_test_add_func ("/window-pages/late-page-sees-new-stories", test_late_page_sees_new_stories);
  g_test_add_func ("/window-pages/idle-window-draws-nothing", test_idle_window_draws_nothing);
  g_test_add_func ("/window-pages/switcher-bar-when-narrow", test_switcher_bar_when_narrow);
  g_test_add_func ("/window-pages/only-shown-page-visible", test_only_shown_page_visible);
  g_test_add_func ("/window-pages/focus-comes-back", test_focus_comes_back);
  g_test_add_func ("/window-pages/warmed-up", test_pages_warmed_up);
  g_test_add_func ("/window-pages/warm-up-waits-for-pause", test_warm_up_waits_for_pause);
  g_test_add_data_func ("/window-pages/warm-page-follows-bank/after", "warm", test_warm_page_follows_bank);
  g_test_add_data_func ("/window-pages/warm-page-follows-bank/during", "warming", test_warm_page_follows_bank);
  g_test_add_data_func ("/window-pages/close-releases-bank/warm", "warm coverage stories", test_close_releases_bank);
  g_test_add_data_func ("/window-pages/close-releases-bank/warming", "focus warming", test_close_releases_bank);
  g_test_add_data_func ("/window-pages/close-releases-bank/built", "all", test_close_releases_bank);
  g_test_add_data_func ("/window-pages/close-releases-bank/shown", "all story coverage applications stories",
                        test_close_releases_bank);
  g_test_add_data_func ("/window-pages/close-releases-bank/keyboard", "alt:stories alt:coverage alt:applications",
                        test_close_releases_bank);
  g_test_add_data_func ("/window-pages/close-releases-bank/focus-in-page", "focus coverage",
                        test_close_releases_bank);
  g_test_add_data_func ("/window-pages/close-releases-bank/focus-back", "focus coverage stories",
                        test_close_releases_bank);

  return g_test_run ();
}
