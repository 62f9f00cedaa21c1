/* test-drill-view.c — the "Which story?" drill on screen: a round from the
 * keyboard, the countdown running out, Escape, the history, the badge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sb-drill.h"
#include "sb-drill-view.h"
#include "sb-next-fixes.h"
#include "sb-next-fixes-dialog.h"
#include "sb-practice.h"
#include "sb-practice-modes.h"
#include "sb-story-history.h"
#include "sb-test-store.h"
#include "sb-test-ui.h"
#include "sb-window-private.h"

#define DAY 86400

typedef struct
{
  SbTestDir   *dir;
  SbStore     *store;
  SbStory     *outage;
  SbStory     *ledger;
  SbStory     *hiring;
  GtkWidget   *window;
  SbDrillView *view;
} Fixture;

static SbStory *
add_story (SbStore    *store,
           const char *title,
           const char *action,
           const char *theme_slug)
{
  g_autoptr(GError) error = NULL;
  SbStory *story = sb_store_create_story (store, title, &error);

  g_assert_no_error (error);
  sb_story_set_field (story, SB_STORY_FIELD_ACTION, action);
  g_assert_true (sb_store_save_story (store, story, &error));
  if (theme_slug != NULL)
    g_assert_true (sb_store_set_story_theme (store, story, theme_slug, SB_STRENGTH_PRIMARY, &error));
  g_assert_no_error (error);
  return story;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay = adw_toast_overlay_new ();

  f->dir = sb_test_dir_new ();
  path = sb_test_dir_file (f->dir, "bank.sqlite3");
  f->store = sb_store_open (path, &error);
  g_assert_no_error (error);
  f->outage = add_story (f->store, "Checkout outage", "I paged the database team and rolled back the deploy.",
                         "core-production-incident");
  f->ledger = add_story (f->store, "Ledger migration", "I moved the ledger to the new schema.", NULL);
  f->hiring = add_story (f->store, "Hiring loop", "I rewrote the interview guide.", NULL);

  f->window = gtk_window_new ();
  f->view = SB_DRILL_VIEW (sb_drill_view_new (f->store));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->view));
  gtk_window_set_child (GTK_WINDOW (f->window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 700, 700);
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

/* What typing does once the search entry's short delay has passed. */
static void
type (Fixture    *f,
      const char *text)
{
  GtkWidget *entry = sb_drill_view_get_entry (f->view);

  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "search-changed");
  /* The query runs in the store's worker; the rows follow when it is done. */
  while (sb_drill_view_get_search_running (f->view) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sb_drill_view_get_search_running (f->view));
  sb_test_iterate_main_loop ();
}

/* A key pressed in the entry, through its key controllers. */
static void
press (Fixture *f,
       guint    keyval)
{
  GtkWidget *entry = sb_drill_view_get_entry (f->view);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (entry);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  g_assert_true (handled);
  sb_test_iterate_main_loop ();
}

static void
enter (Fixture *f)
{
  g_signal_emit_by_name (sb_drill_view_get_entry (f->view), "activate");
  sb_test_iterate_main_loop ();
}

static guint
count_rows (SbStore    *store,
           const char *where)
{
  return sb_test_count_rows (store, "question_drills", where);
}

static gboolean
strv_has_prefix (GStrv       strv,
                 const char *prefix)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (g_str_has_prefix (strv[i], prefix))
      return TRUE;
  return FALSE;
}

/* The button that activates @action under @root. */
static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
can_link (Fixture *f)
{
  GtkWidget *button = find_action_button (GTK_WIDGET (f->view), "drill.link-pick");

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

static void
start (Fixture *f)
{
  g_assert_cmpstr (sb_drill_view_get_stage (f->view), ==, "start");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "drill.start", NULL));
  sb_test_iterate_main_loop ();
  g_assert_cmpstr (sb_drill_view_get_stage (f->view), ==, "ask");
}

/* ---- a round, from the keyboard -------------------------------------- */

static void
test_round (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) queue = sb_drill_get_queue (f->store, 0);
  g_autoptr(GPtrArray) choices = NULL;
  g_autoptr(GPtrArray) linked = NULL;
  g_auto(GStrv) linked_titles = NULL;
  g_auto(GStrv) suggested = NULL;
  SbQuestion *question;
  GtkWidget *entry = sb_drill_view_get_entry (f->view);

  start (f);
  /* The queue's first question, asked with the chooser in focus. */
  question = sb_drill_view_get_question (f->view);
  g_assert_true (question == queue->pdata[0]);
  g_assert_cmpstr (sb_question_get_slug (question), ==, "q-production-outage");
  /* (The entry's text, inside it, has the focus.) */
  g_assert_nonnull (gtk_root_get_focus (GTK_ROOT (f->window)));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), entry));
  g_assert_false (sb_drill_view_get_timed_out (f->view));

  /* Every story to start with, the best match chosen. */
  choices = sb_drill_view_get_choices (f->view);
  g_assert_cmpuint (choices->len, ==, 3);
  g_assert_true (sb_drill_view_get_chosen (f->view) == choices->pdata[0]);
  g_clear_pointer (&choices, g_ptr_array_unref);

  /* Typing filters. */
  type (f, "ledger");
  choices = sb_drill_view_get_choices (f->view);
  g_assert_cmpuint (choices->len, ==, 1);
  g_assert_true (choices->pdata[0] == f->ledger);
  g_clear_pointer (&choices, g_ptr_array_unref);
  type (f, "zzzz");
  choices = sb_drill_view_get_choices (f->view);
  g_assert_cmpuint (choices->len, ==, 0);
  /* Enter with nothing to pick picks nothing. */
  enter (f);
  g_assert_cmpstr (sb_drill_view_get_stage (f->view), ==, "ask");
  g_clear_pointer (&choices, g_ptr_array_unref);

  /* Up and Down move the choice, and stop at the ends. */
  type (f, "");
  choices = sb_drill_view_get_choices (f->view);
  press (f, GDK_KEY_Down);
  g_assert_true (sb_drill_view_get_chosen (f->view) == choices->pdata[1]);
  press (f, GDK_KEY_Down);
  press (f, GDK_KEY_Down);
  g_assert_true (sb_drill_view_get_chosen (f->view) == choices->pdata[2]);
  press (f, GDK_KEY_Up);
  press (f, GDK_KEY_Up);
  press (f, GDK_KEY_Up);
  g_assert_true (sb_drill_view_get_chosen (f->view) == choices->pdata[0]);

  /* Enter picks the chosen one: nothing is linked to the question, and
   * the outage is its top suggestion: a hit. Typed and entered before the
   * worker's query is back: the new query's best match, once it is. */
  type (f, "ledger");
  {
    GtkWidget *entry_widget = sb_drill_view_get_entry (f->view);
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    /* (Setting the text reports the emptied entry first: every story.) */
    gtk_editable_set_text (GTK_EDITABLE (entry_widget), "outage");
    g_signal_emit_by_name (entry_widget, "search-changed");
    g_assert_true (sb_drill_view_get_search_running (f->view));
    enter (f);
    while (sb_drill_view_get_search_running (f->view) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    sb_test_iterate_main_loop ();
  }
  g_assert_cmpstr (sb_drill_view_get_stage (f->view), ==, "reveal");
  g_assert_true (sb_drill_view_get_pick (f->view) == f->outage);
  g_assert_nonnull (strstr (sb_drill_view_get_verdict (f->view), "Right"));
  g_assert_nonnull (strstr (sb_drill_view_get_verdict (f->view), "Checkout outage"));
  g_assert_cmpuint (count_rows (f->store, "hit = 1 AND seconds <= 10"), ==, 1);

  /* The reveal: nothing linked yet, the suggestions with their reasons. */
  linked_titles = sb_drill_view_dup_linked_titles (f->view);
  g_assert_cmpuint (g_strv_length (linked_titles), ==, 0);
  suggested = sb_drill_view_dup_suggested (f->view);
  g_assert_true (strv_has_prefix (suggested, "Checkout outage — Primary: "));
  g_assert_cmpuint (g_strv_length (suggested), <=, SB_DRILL_TOP_SUGGESTIONS);
  g_clear_pointer (&linked_titles, g_strfreev);
  g_clear_pointer (&suggested, g_strfreev);

  /* Link My Pick links it, and it moves to the linked list. */
  g_assert_true (can_link (f));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "drill.link-pick", NULL));
  sb_test_iterate_main_loop ();
  linked = sb_store_get_question_stories (f->store, sb_question_get_slug (question));
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_true (linked->pdata[0] == f->outage);
  linked_titles = sb_drill_view_dup_linked_titles (f->view);
  g_assert_cmpstrv (linked_titles, ((const char * const[]) { "Checkout outage", NULL }));
  suggested = sb_drill_view_dup_suggested (f->view);
  g_assert_false (strv_has_prefix (suggested, "Checkout outage"));
  /* Linked already: Link My Pick is off. */
  g_assert_false (can_link (f));

  /* Next Question has the focus, so Enter moves on: another question. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "drill.next", NULL));
  sb_test_iterate_main_loop ();
  g_assert_cmpstr (sb_drill_view_get_stage (f->view), ==, "ask");
  g_assert_true (sb_drill_view_get_question (f->view) != question);
  g_assert_null (sb_drill_view_get_pick (f->view));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  /* The question drilled is not due again before two days. */
  {
    SbDrillStats stats;

    sb_drill_get_stats (f->store, question, &stats);
    g_assert_cmpuint (stats.interval_days, ==, SB_DRILL_FIRST_INTERVAL);
  }

  /* The drill can be left, and is back at the start. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "drill.end", NULL));
  g_assert_cmpstr (sb_drill_view_get_stage (f->view), ==, "start");
}

static void
test_next_has_focus (Fixture *f, gconstpointer data)
{
  start (f);
  enter (f);
  g_assert_cmpstr (sb_drill_view_get_stage (f->view), ==, "reveal");
  /* The focused button is Next Question: Enter activates it. */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

    g_assert_nonnull (focus);
    g_assert_true (GTK_IS_BUTTON (focus) || GTK_IS_BUTTON (gtk_widget_get_ancestor (focus, GTK_TYPE_BUTTON)));
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (GTK_IS_BUTTON (focus) ? focus
                                                       : gtk_widget_get_ancestor (focus, GTK_TYPE_BUTTON))),
                     ==, "drill.next");
  }
}

/* ---- out of time, and "I don't know" ---------------------------------- */

static void
test_time_out (Fixture *f, gconstpointer data)
{
  SbQuestion *question;
  SbDrillStats stats;

  start (f);
  question = sb_drill_view_get_question (f->view);
  sb_drill_view_shift_clock (f->view, SB_DRILL_SECONDS - 3);
  g_assert_false (sb_drill_view_get_timed_out (f->view));
  sb_drill_view_shift_clock (f->view, 4);
  g_assert_true (sb_drill_view_get_timed_out (f->view));
  /* Out of time, but still asking: the pick is still wanted. */
  g_assert_cmpstr (sb_drill_view_get_stage (f->view), ==, "ask");
  g_assert_cmpuint (count_rows (f->store, "1"), ==, 0);

  type (f, "outage");
  enter (f);
  g_assert_cmpstr (sb_drill_view_get_stage (f->view), ==, "reveal");
  /* The right story, too late: a miss, said so. */
  g_assert_nonnull (strstr (sb_drill_view_get_verdict (f->view), "Too late"));
  g_assert_cmpuint (count_rows (f->store, "hit = 0 AND seconds > 10 AND story_id IS NOT NULL"), ==, 1);
  sb_drill_get_stats (f->store, question, &stats);
  g_assert_cmpuint (stats.interval_days, ==, 1);

  /* Escape on the next one: no pick, a miss. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "drill.next", NULL));
  sb_test_iterate_main_loop ();
  g_signal_emit_by_name (sb_drill_view_get_entry (f->view), "stop-search");
  sb_test_iterate_main_loop ();
  g_assert_cmpstr (sb_drill_view_get_stage (f->view), ==, "reveal");
  g_assert_null (sb_drill_view_get_pick (f->view));
  g_assert_nonnull (strstr (sb_drill_view_get_verdict (f->view), "No pick"));
  g_assert_cmpuint (count_rows (f->store, "hit = 0 AND story_id IS NULL"), ==, 1);
  /* Nothing to link. */
  g_assert_false (can_link (f));
}

/* ---- the start page ---------------------------------------------------- */

static void
test_start_counts_due (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbQuestion) first = g_list_model_get_item (sb_store_get_questions (f->store), 0);
  g_autoptr(SbQuestion) second = g_list_model_get_item (sb_store_get_questions (f->store), 1);
  gint64 long_ago = g_get_real_time () / G_USEC_PER_SEC - 3 * DAY;

  g_assert_true (sb_drill_log (f->store, first, NULL, 5, long_ago, NULL, &error));
  g_assert_true (sb_drill_log (f->store, second, NULL, 5, long_ago, NULL, &error));
  g_assert_no_error (error);
  sb_test_iterate_main_loop ();
  /* The due ones come first. */
  start (f);
  g_assert_true (sb_drill_view_get_question (f->view) == first);
}

static void
test_empty_bank (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SbStory *stories[] = { f->outage, f->ledger, f->hiring };

  for (guint i = 0; i < G_N_ELEMENTS (stories); i++)
    {
      g_autoptr(SbDeletedStory) deleted = sb_store_delete_story (f->store, stories[i], &error);
      g_assert_no_error (error);
    }
  sb_test_iterate_main_loop ();
  g_assert_cmpstr (sb_drill_view_get_stage (f->view), ==, "empty");
  g_assert_false (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (f->view), "drill.start")));
}

/* ---- the bank changes during a round ---------------------------------- */

static void
test_bank_changes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) choices = NULL;
  g_autoptr(SbDeletedStory) deleted = NULL;
  g_auto(GStrv) linked = NULL;

  start (f);
  /* A story deleted while the question is asked leaves the chooser. */
  deleted = sb_store_delete_story (f->store, f->hiring, &error);
  g_assert_no_error (error);
  sb_test_iterate_main_loop ();
  choices = sb_drill_view_get_choices (f->view);
  g_assert_cmpuint (choices->len, ==, 2);
  g_assert_false (g_ptr_array_find (choices, f->hiring, NULL));

  /* Linked from the reveal, then undone (Ctrl+Z): the list follows. */
  type (f, "outage");
  enter (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "drill.link-pick", NULL));
  sb_test_iterate_main_loop ();
  linked = sb_drill_view_dup_linked_titles (f->view);
  g_assert_cmpuint (g_strv_length (linked), ==, 1);
  g_clear_pointer (&linked, g_strfreev);
  g_assert_false (can_link (f));
  g_assert_true (sb_store_undo (f->store, NULL, &error));
  g_assert_no_error (error);
  sb_test_iterate_main_loop ();
  linked = sb_drill_view_dup_linked_titles (f->view);
  g_assert_cmpuint (g_strv_length (linked), ==, 0);
  g_assert_true (can_link (f));
  /* The verdict stays what it was when picked. */
  g_assert_nonnull (strstr (sb_drill_view_get_verdict (f->view), "Right"));
}

/* ---- a story's history: both kinds ------------------------------------ */

static void
test_history (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *history = sb_story_history_new (f->store);
  g_auto(GStrv) lines = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_object_ref_sink (history);
  g_assert_true (sb_practice_log (f->store, f->outage, NULL, 102, SB_RATING_NAILED, now - 60, &error));
  start (f);
  type (f, "outage");
  enter (f);

  sb_story_history_set_story (SB_STORY_HISTORY (history), f->outage);
  g_assert_true (gtk_widget_get_visible (history));
  lines = sb_story_history_dup_lines (SB_STORY_HISTORY (history));
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  /* Newest first. */
  g_assert_true (g_str_has_prefix (lines[0], "Picked for “Tell me about a production outage"));
  g_assert_nonnull (strstr (lines[0], "— right · today"));
  g_assert_cmpstr (lines[1], ==, "Told in 1:42 — Nailed it · today");

  /* A story never practised shows no history at all. */
  sb_story_history_set_story (SB_STORY_HISTORY (history), f->hiring);
  g_assert_false (gtk_widget_get_visible (history));
  g_object_unref (history);
}

/* ---- the window: the switch and the badge ----------------------------- */

static gboolean
wait_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static guint
wait_for_badge (AdwViewStackPage *page,
                guint             expected)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (15000, wait_cb, &timed_out);

  while (!timed_out && adw_view_stack_page_get_badge_number (page) != expected)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return adw_view_stack_page_get_badge_number (page);
}

static void
test_window_badge (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (path, &error);
  g_autoptr(SbQuestion) question = NULL;
  SbWindow *window;
  AdwViewStack *stack;
  AdwViewStackPage *page;
  GtkWidget *modes, *drill;
  guint stories_due;
  gint64 long_ago = g_get_real_time () / G_USEC_PER_SEC - 3 * DAY;

  g_assert_no_error (error);
  add_story (store, "Checkout outage", "I rolled back.", "core-production-incident");
  window = sb_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();

  stack = ADW_VIEW_STACK (sb_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  page = adw_view_stack_get_page (stack, adw_view_stack_get_child_by_name (stack, "practice"));
  stories_due = sb_practice_count_due (store, 0);
  g_assert_cmpuint (wait_for_badge (page, stories_due), ==, stories_due);

  /* A question drilled and missed three days ago is due: one more. */
  question = g_list_model_get_item (sb_store_get_questions (store), 0);
  g_assert_true (sb_drill_log (store, question, NULL, 5, long_ago, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wait_for_badge (page, stories_due + 1), ==, stories_due + 1);

  /* Drilled again now, from the page, and hit: it is no longer due. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "practice");
  modes = sb_test_find_widget (GTK_WIDGET (window), SB_TYPE_PRACTICE_MODES);
  g_assert_true (gtk_widget_activate_action (modes, "practice-mode.mode", "s", "which"));
  g_assert_cmpstr (sb_practice_modes_get_mode (SB_PRACTICE_MODES (modes)), ==, "which");
  sb_test_iterate_main_loop ();
  drill = sb_test_find_widget (GTK_WIDGET (window), SB_TYPE_DRILL_VIEW);
  g_assert_true (gtk_widget_get_mapped (drill));
  /* The telling drill is hidden, and unmapped once the crossfade ends. */
  {
    GtkWidget *tell = sb_practice_modes_get_page (SB_PRACTICE_MODES (modes), "tell");
    gboolean waited = FALSE;
    guint id = g_timeout_add (10000, wait_cb, &waited);

    while (!waited && gtk_widget_get_mapped (tell))
      g_main_context_iteration (NULL, TRUE);
    if (!waited)
      g_source_remove (id);
    g_assert_false (gtk_widget_get_mapped (tell));
  }
  g_assert_true (gtk_widget_activate_action (drill, "drill.start", NULL));
  g_assert_true (sb_drill_view_get_question (SB_DRILL_VIEW (drill)) == question);
  g_signal_emit_by_name (sb_drill_view_get_entry (SB_DRILL_VIEW (drill)), "activate");
  sb_test_iterate_main_loop ();
  g_assert_nonnull (strstr (sb_drill_view_get_verdict (SB_DRILL_VIEW (drill)), "Right"));
  g_assert_cmpuint (wait_for_badge (page, stories_due), ==, stories_due);
  g_assert_cmpuint (_sb_window_count_practice_due (window), ==, stories_due);

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
}

/* What to Fix Next sends a story never rehearsed to the telling drill,
 * even when the tab was left on "Which story?". */
static void
test_window_fix_shows_telling (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (path, &error);
  g_autoptr(GPtrArray) fixes = NULL;
  SbNextFixesDialog *dialog;
  SbWindow *window;
  GtkWidget *modes;
  SbStory *story;
  guint row = G_MAXUINT;

  g_assert_no_error (error);
  story = add_story (store, "Checkout outage", "I rolled back.", "core-production-incident");
  window = sb_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "practice");
  modes = sb_test_find_widget (GTK_WIDGET (window), SB_TYPE_PRACTICE_MODES);
  sb_practice_modes_set_mode (SB_PRACTICE_MODES (modes), "which");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "stories");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-fixes", NULL));
  dialog = SB_NEXT_FIXES_DIALOG (sb_window_get_last_dialog (window));
  g_assert_nonnull (dialog);
  fixes = sb_next_fixes (store, "core", 0);
  for (guint i = 0; i < fixes->len && row == G_MAXUINT; i++)
    if (((SbFix *) fixes->pdata[i])->kind == SB_FIX_NEVER_REHEARSED &&
        g_strcmp0 (((SbFix *) fixes->pdata[i])->target, sb_story_get_uuid (story)) == 0)
      row = i;
  g_assert_cmpuint (row, !=, G_MAXUINT);
  sb_next_fixes_dialog_activate_row (dialog, row);
  sb_test_iterate_main_loop ();
  g_assert_cmpstr (sb_practice_modes_get_mode (SB_PRACTICE_MODES (modes)), ==, "tell");

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/drill-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("round", test_round);
  ADD ("next-has-focus", test_next_has_focus);
  ADD ("time-out", test_time_out);
  ADD ("start-counts-due", test_start_counts_due);
  ADD ("empty-bank", test_empty_bank);
  ADD ("history", test_history);
  ADD ("bank-changes", test_bank_changes);
  g_test_add_func ("/drill-view/window-badge", test_window_badge);
  g_test_add_func ("/drill-view/window-fix-shows-telling", test_window_fix_shows_telling);

#undef ADD

  return g_test_run ();
}
