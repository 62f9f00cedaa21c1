/* test-practice-view.c — the Practice page: the schedule, the clock, the rating
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sb-practice.h"
#include "sb-practice-page.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"

typedef struct
{
  SbTestDir      *dir;
  SbStore        *store;
  SbStory        *first;
  SbStory        *second;
  GtkWidget      *window;
  SbPracticePage *page;
} Fixture;

static SbStory *
add_story (SbStore    *store,
           const char *title,
           const char *theme_slug)
{
  g_autoptr(GError) error = NULL;
  SbStory *story = sb_store_create_story (store, title, &error);

  g_assert_no_error (error);
  sb_story_set_field (story, SB_STORY_FIELD_ACTION, "I paged the database team and rolled back.");
  g_assert_true (sb_store_save_story (store, story, &error));
  if (theme_slug != NULL)
    g_assert_true (sb_store_set_story_theme (store, story, theme_slug, SB_STRENGTH_PRIMARY, &error));
  return story;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = sb_test_dir_new ();
  path = sb_test_dir_file (f->dir, "bank.sqlite3");
  f->store = sb_store_open (path, &error);
  g_assert_no_error (error);
  if (data == NULL)
    {
      f->first = add_story (f->store, "Checkout outage", "core-production-incident");
      f->second = add_story (f->store, "Ledger migration", NULL);
    }

  f->window = gtk_window_new ();
  f->page = SB_PRACTICE_PAGE (sb_practice_page_new (f->store));
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
  sb_test_iterate_main_loop ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  sb_test_iterate_main_loop ();
  g_assert_finalize_object (f->store);
  sb_test_dir_free (f->dir);
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_queue_and_question (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *question = NULL;

  /* Never rehearsed: both due, in the bank's order. */
  g_assert_cmpuint (sb_practice_page_get_n_queued (f->page), ==, 2);
  g_assert_true (sb_practice_page_get_queued_story (f->page, 0) == f->first);
  g_assert_true (sb_practice_page_get_story (f->page) == f->first);

  /* The question comes from the story's theme. */
  /* A copy: the page's own text is freed when the next question shows. */
  question = g_strdup (sb_practice_page_get_question_text (f->page));
  g_assert_nonnull (question);
  {
    GListModel *questions = sb_store_get_questions (f->store);
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (questions) && !found; i++)
      {
        g_autoptr(SbQuestion) q = g_list_model_get_item (questions, i);
        found = g_strcmp0 (sb_question_get_text (q), question) == 0 &&
                sb_question_has_theme (q, "core-production-incident");
      }
    g_assert_true (found);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "practice.next-question", NULL));
  g_assert_cmpstr (sb_practice_page_get_question_text (f->page), !=, question);
}

static void
test_time_and_rate (Fixture       *f,
                    gconstpointer  data)
{
  SbPracticeStats stats = { 0, };

  g_assert_false (sb_practice_page_is_running (f->page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "practice.start", NULL));
  g_assert_true (sb_practice_page_is_running (f->page));
  wait_ms (1100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "practice.stop", NULL));
  g_assert_false (sb_practice_page_is_running (f->page));
  g_assert_cmpuint (sb_practice_page_get_measured_seconds (f->page), >=, 1);
  g_assert_cmpuint (sb_practice_page_get_measured_seconds (f->page), <=, 3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "practice.rate", "i", SB_RATING_NAILED));
  sb_practice_get_stats (f->store, f->first, &stats);
  g_assert_cmpuint (stats.n_rehearsals, ==, 1);
  g_assert_cmpint (stats.last_rating, ==, SB_RATING_NAILED);
  g_assert_cmpuint (stats.last_seconds, >=, 1);
  g_assert_cmpuint (stats.interval_days, ==, SB_PRACTICE_FIRST_INTERVAL);

  /* The rehearsed story goes to the back; the next one is up. */
  g_assert_true (sb_practice_page_get_story (f->page) == f->second);
  g_assert_true (sb_practice_page_get_queued_story (f->page, 1) == f->first);
}

static void
test_discard_logs_nothing (Fixture       *f,
                           gconstpointer  data)
{
  SbPracticeStats stats = { 0, };

  gtk_widget_activate_action (GTK_WIDGET (f->page), "practice.start", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "practice.stop", NULL);
  /* Rating is only for a try just stopped; a discarded one is gone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "practice.discard", NULL));
  g_assert_cmpuint (sb_practice_page_get_measured_seconds (f->page), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "practice.rate", "i", SB_RATING_OKAY);
  sb_practice_get_stats (f->store, f->first, &stats);
  g_assert_cmpuint (stats.n_rehearsals, ==, 0);
  g_assert_true (sb_practice_page_get_story (f->page) == f->first);
}

static void
test_follows_the_bank (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SbStory *third;

  g_assert_cmpuint (sb_practice_page_get_n_queued (f->page), ==, 0);
  g_assert_null (sb_practice_page_get_story (f->page));
  /* Nothing to time. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "practice.start", NULL);
  g_assert_false (sb_practice_page_is_running (f->page));

  third = add_story (f->store, "Hiring loop", NULL);
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (sb_practice_page_get_n_queued (f->page), ==, 1);
  g_assert_true (sb_practice_page_get_story (f->page) == third);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* A page the person does not see does no work; shown, it is up to date. */
static void
test_hidden_page_waits (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  SbStore *store = sb_store_open (path, &error);
  GtkWidget *window = gtk_window_new ();
  AdwViewStack *stack = ADW_VIEW_STACK (adw_view_stack_new ());
  SbPracticePage *page;
  SbStory *third, *fourth;

  g_assert_no_error (error);
  add_story (store, "Checkout outage", NULL);
  add_story (store, "Ledger migration", NULL);
  page = SB_PRACTICE_PAGE (sb_practice_page_new (store));
  adw_view_stack_add_named (stack, gtk_label_new ("Stories"), "stories");
  adw_view_stack_add_named (stack, GTK_WIDGET (page), "practice");
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (stack));
  gtk_window_present (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();

  /* Hidden from the start: the schedule has not been read. */
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "stories");
  g_assert_cmpuint (sb_practice_page_get_n_queued (page), ==, 0);
  third = add_story (store, "Hiring loop", NULL);
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (sb_practice_page_get_n_queued (page), ==, 0);

  /* Shown: the whole bank, the story added meanwhile included. */
  adw_view_stack_set_visible_child_name (stack, "practice");
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (sb_practice_page_get_n_queued (page), ==, 3);
  g_assert_true (sb_practice_page_get_queued_story (page, 2) == third);

  /* Hidden again, a change waits for the page to be shown. */
  adw_view_stack_set_visible_child_name (stack, "stories");
  fourth = add_story (store, "Pricing page rewrite", NULL);
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (sb_practice_page_get_n_queued (page), ==, 3);
  adw_view_stack_set_visible_child_name (stack, "practice");
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (sb_practice_page_get_n_queued (page), ==, 4);
  g_assert_true (sb_practice_page_get_queued_story (page, 3) == fourth);

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
  g_assert_finalize_object (store);
}

/* A rehearsal logged while the page is hidden (an import of another
 * bank's log, say) is read when it is shown: the story goes down. */
static void
test_hidden_page_follows_log (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  SbStore *store = sb_store_open (path, &error);
  GtkWidget *window = gtk_window_new ();
  AdwViewStack *stack = ADW_VIEW_STACK (adw_view_stack_new ());
  SbPracticePage *page;
  SbStory *first, *second;

  g_assert_no_error (error);
  first = add_story (store, "Checkout outage", NULL);
  second = add_story (store, "Ledger migration", NULL);
  page = SB_PRACTICE_PAGE (sb_practice_page_new (store));
  adw_view_stack_add_named (stack, gtk_label_new ("Stories"), "stories");
  adw_view_stack_add_named (stack, GTK_WIDGET (page), "practice");
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (stack));
  gtk_window_present (GTK_WINDOW (window));
  adw_view_stack_set_visible_child_name (stack, "practice");
  sb_test_iterate_main_loop ();
  g_assert_true (sb_practice_page_get_queued_story (page, 0) == first);
  g_assert_true (sb_practice_page_get_story (page) == first);

  adw_view_stack_set_visible_child_name (stack, "stories");
  sb_test_iterate_main_loop ();
  g_assert_true (sb_practice_log (store, first, NULL, 100, SB_RATING_NAILED, 0, &error));
  g_assert_no_error (error);
  sb_test_iterate_main_loop ();
  /* Hidden: nothing read yet. */
  g_assert_true (sb_practice_page_get_queued_story (page, 0) == first);

  adw_view_stack_set_visible_child_name (stack, "practice");
  sb_test_iterate_main_loop ();
  g_assert_true (sb_practice_page_get_queued_story (page, 0) == second);
  g_assert_true (sb_practice_page_get_queued_story (page, 1) == first);

  /* Shown, a rehearsal logged elsewhere moves it too. */
  g_assert_true (sb_practice_log (store, second, NULL, 100, SB_RATING_NAILED, 0, &error));
  g_assert_no_error (error);
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (sb_practice_page_get_n_queued (page), ==, 2);
  g_assert_true (sb_practice_page_get_queued_story (page, 0) == first);

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
  g_assert_finalize_object (store);
}

/* Shown, a burst of changes (an import) makes one new list, not one each. */
static void
test_burst_read_once (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *list = sb_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_LIST_VIEW);
  guint n_changes = 0;

  g_assert_nonnull (list);
  g_signal_connect_swapped (gtk_list_view_get_model (GTK_LIST_VIEW (list)), "items-changed",
                            G_CALLBACK (count_cb), &n_changes);
  /* Fewer than a screenful, which the list takes in one change. */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *title = g_strdup_printf ("Story %u", i);

      add_story (f->store, title, NULL);
    }
  g_assert_cmpuint (n_changes, ==, 0);
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (sb_practice_page_get_n_queued (f->page), ==, 22);
}

/* A long schedule shows a screenful first and the rest after the frame:
 * it ends complete and in order, and a story chosen further down than the
 * list has come yet is the one selected. */
static void
test_long_queue_fills_in_order (Fixture       *f,
                                gconstpointer  data)
{
  GtkWidget *list = sb_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_LIST_VIEW);
  GtkSingleSelection *selection;
  GListModel *model;
  g_autoptr(GPtrArray) queue = NULL;
  gboolean timed_out = FALSE;
  guint timeout_id;
  SbStory *deep;

  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *title = g_strdup_printf ("Story %u", i);

      add_story (f->store, title, NULL);
    }
  sb_test_iterate_main_loop ();
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  model = G_LIST_MODEL (selection);

  sb_practice_page_refresh (f->page);
  g_assert_cmpuint (sb_practice_page_get_n_queued (f->page), ==, 150);
  g_assert_cmpuint (g_list_model_get_n_items (model), <, 150);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);

  /* Chosen before the list reaches it. */
  deep = sb_practice_page_get_queued_story (f->page, 120);
  sb_practice_page_select_story (f->page, deep);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 120);

  timeout_id = g_timeout_add_seconds (10, timeout_cb, &timed_out);
  while (g_list_model_get_n_items (model) < 150 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);

  queue = sb_practice_get_queue (f->store, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, queue->len);
  for (guint i = 0; i < queue->len; i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (model, i);

      g_assert_true (story == queue->pdata[i]);
    }
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 120);
  g_assert_true (sb_practice_page_get_story (f->page) == deep);
}

/* A change in the bank during a try waits for the try to end. */
static void
test_try_undisturbed (Fixture       *f,
                      gconstpointer  data)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "practice.start", NULL));
  add_story (f->store, "Hiring loop", NULL);
  sb_test_iterate_main_loop ();
  g_assert_true (sb_practice_page_is_running (f->page));
  g_assert_cmpuint (sb_practice_page_get_n_queued (f->page), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "practice.stop", NULL));
  add_story (f->store, "Pricing page rewrite", NULL);
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (sb_practice_page_get_n_queued (f->page), ==, 2);

  /* Ended: the schedule catches up, on the same story. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "practice.discard", NULL));
  g_assert_cmpuint (sb_practice_page_get_n_queued (f->page), ==, 4);
  g_assert_true (sb_practice_page_get_story (f->page) == f->first);
}

/* A try outside 1:30–2:00 is not "Nailed It" by default. */
static void
test_honest_default_rating (Fixture       *f,
                            gconstpointer  data)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "practice.start", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "practice.stop", NULL));
  g_assert_cmpint (sb_practice_page_get_default_rating (f->page), ==, SB_RATING_OKAY);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "practice.discard", NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "practice.start", NULL));
  sb_practice_page_shift_clock (f->page, 100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "practice.stop", NULL));
  g_assert_cmpint (sb_practice_page_get_default_rating (f->page), ==, SB_RATING_NAILED);
}

/* The expander whose label reads @label, under @root. */
static GtkExpander *
find_expander (GtkWidget  *root,
               const char *label)
{
  if (GTK_IS_EXPANDER (root) && g_strcmp0 (gtk_expander_get_label (GTK_EXPANDER (root)), label) == 0)
    return GTK_EXPANDER (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkExpander *found = find_expander (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* "Peek" shows the person's cue card first, the whole story behind its
 * own expander; a story without a card shows its text as before; a card
 * changed since the story was picked shows as it is now. */
static void
test_peek_shows_cue_card (Fixture       *f,
                          gconstpointer  data)
{
  GtkExpander *peek = find_expander (GTK_WIDGET (f->page), "_Peek at the Story");
  GtkExpander *whole;
  g_autoptr(GError) error = NULL;
  const char *shown;

  g_assert_nonnull (peek);

  /* No card: the text, as before. */
  sb_practice_page_select_story (f->page, f->second);
  gtk_expander_set_expanded (peek, TRUE);
  /* Its child is in the tree while it is open. */
  whole = find_expander (GTK_WIDGET (f->page), "The _Whole Story");
  g_assert_nonnull (whole);
  shown = sb_practice_page_get_peek_text (f->page);
  g_assert_nonnull (strstr (shown, "I paged the database team and rolled back."));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (whole)));

  /* A card: its lines first, the whole text folded away. */
  g_assert_true (sb_store_edit_story (f->store, f->first, SB_STORY_FIELD_CUE_ACTION,
                                      "Paged the DBAs, rolled back", &error));
  g_assert_true (sb_store_edit_story (f->store, f->first, SB_STORY_FIELD_CUE_RESULT,
                                      "Checkout back in 9 min", &error));
  g_assert_true (sb_store_save_pending (f->store, &error));
  sb_practice_page_select_story (f->page, f->first);
  gtk_expander_set_expanded (peek, TRUE);
  shown = sb_practice_page_get_peek_text (f->page);
  g_assert_nonnull (strstr (shown, "Action  Paged the DBAs, rolled back"));
  g_assert_nonnull (strstr (shown, "Result  Checkout back in 9 min"));
  g_assert_null (strstr (shown, "I paged the database team"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (whole)));
  g_assert_false (gtk_expander_get_expanded (whole));

  /* Changed while the peek was closed: opened again, it is up to date. */
  gtk_expander_set_expanded (peek, FALSE);
  g_assert_true (sb_store_edit_story (f->store, f->first, SB_STORY_FIELD_CUE_RESULT,
                                      "Checkout back in 8 min", &error));
  g_assert_no_error (error);
  gtk_expander_set_expanded (peek, TRUE);
  g_assert_nonnull (strstr (sb_practice_page_get_peek_text (f->page), "Checkout back in 8 min"));
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);

#define ADD(path, func, data) g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/practice-view/queue-and-question", test_queue_and_question, NULL);
  ADD ("/practice-view/time-and-rate", test_time_and_rate, NULL);
  ADD ("/practice-view/discard-logs-nothing", test_discard_logs_nothing, NULL);
  ADD ("/practice-view/follows-the-bank", test_follows_the_bank, "empty");
  ADD ("/practice-view/burst-read-once", test_burst_read_once, NULL);
  ADD ("/practice-view/long-queue-fills-in-order", test_long_queue_fills_in_order, "empty");
  ADD ("/practice-view/try-undisturbed", test_try_undisturbed, NULL);
  ADD ("/practice-view/honest-default-rating", test_honest_default_rating, NULL);
  ADD ("/practice-view/peek-shows-cue-card", test_peek_shows_cue_card, NULL);
  g_test_add_func ("/practice-view/hidden-page-waits", test_hidden_page_waits);
  g_test_add_func ("/practice-view/hidden-page-follows-log", test_hidden_page_follows_log);
#undef ADD

  return g_test_run ();
}
