/* test-applications-view.c — the Applications page: an application from
 * the job description to the plan, the header's countdown, edits that
 * survive switching, and a page that does nothing while hidden
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sb-applications-page.h"
#include "sb-countdown.h"
#include "sb-coverage-matrix.h"
#include "sb-coverage-page.h"
#include "sb-introduction-editor.h"
#include "sb-questions-page.h"
#include "sb-current-application-button.h"
#include "sb-requirement-row.h"
#include "sb-round-row.h"
#include "sb-settings.h"
#include "sb-story-chooser.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-window-private.h"
#include "sb-wrap-box.h"

#define JOB_DESCRIPTION \
  "About the role\n" \
  "Acme moves money for small shops.\n" \
  "\n" \
  "Responsibilities:\n" \
  "- Own the design and delivery of payment services end to end\n" \
  "- Lead incident reviews and drive fixes to completion\n" \
  "- Mentor engineers on the team\n" \
  "\n" \
  "Benefits:\n" \
  "- Health insurance\n" \
  "\n" \
  "Acme is an equal opportunity employer.\n"

typedef struct
{
  SbTestDir          *dir;
  char               *path;
  SbStore            *store;
  SbStory            *outage;
  SbStory            *migration;
  SbWindow           *window;
  SbApplicationsPage *page;
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
  g_assert_no_error (error);
  if (theme_slug != NULL)
    g_assert_true (sb_store_set_story_theme (store, story, theme_slug, SB_STRENGTH_PRIMARY, &error));
  return story;
}

static void
open_window (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->store = sb_store_open (f->path, &error);
  g_assert_no_error (error);
  f->window = sb_window_new (NULL, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
  sb_test_iterate_main_loop ();
  f->page = SB_APPLICATIONS_PAGE (sb_test_find_widget (GTK_WIDGET (f->window), SB_TYPE_APPLICATIONS_PAGE));
  g_assert_nonnull (f->page);
}

static void
close_window (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  sb_test_iterate_main_loop ();
  f->window = NULL;
  f->page = NULL;
  f->outage = NULL;
  f->migration = NULL;
  g_assert_finalize_object (f->store);
  f->store = NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = sb_settings_new ();

  /* Each test starts where a new window does, not on the page the test
   * before left open. */
  if (settings != NULL)
    g_settings_reset (settings, "last-page");
  f->dir = sb_test_dir_new ();
  f->path = sb_test_dir_file (f->dir, "bank.sqlite3");
  open_window (f);
  f->outage = add_story (f->store, "Checkout outage", "lp-ownership");
  f->migration = add_story (f->store, "Ledger migration", "lp-dive-deep");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "stories");
  sb_test_iterate_main_loop ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    close_window (f);
  g_free (f->path);
  sb_test_dir_free (f->dir);
}

static void
show_page (Fixture *f)
{
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "applications");
  sb_test_iterate_main_loop ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
}

static GPtrArray *
rows_of (GtkListBox *list,
         GType       type)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
      g_ptr_array_add (rows, child);
  return rows;
}

/* The uuids the chooser offers, in order (headings left out). */
static GPtrArray *
offered (SbStoryChooser *chooser)
{
  GPtrArray *uuids = g_ptr_array_new ();
  GtkListBoxRow *row;

  sb_story_chooser_refill (chooser);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (sb_story_chooser_get_list (chooser), i)) != NULL; i++)
    if (sb_story_chooser_row_get_uuid (row) != NULL && gtk_widget_get_visible (GTK_WIDGET (row)))
      g_ptr_array_add (uuids, (gpointer) sb_story_chooser_row_get_uuid (row));
  return uuids;
}

static gboolean
offers (SbStoryChooser *chooser,
        const char     *uuid)
{
  g_autoptr(GPtrArray) uuids = offered (chooser);

  for (guint i = 0; i < uuids->len; i++)
    if (g_strcmp0 (uuids->pdata[i], uuid) == 0)
      return TRUE;
  return FALSE;
}

/* The button that activates @action, under @root. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *action)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The button under @root whose tooltip is @tooltip. */
static GtkWidget *
find_button_by_tooltip (GtkWidget  *root,
                        const char *tooltip)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_by_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The message dialog shown over the window, or NULL. */
static AdwMessageDialog *
find_dialog (Fixture *f)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static SbApplication *
new_application (Fixture *f)
{
  SbApplication *application;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "applications.new", NULL));
  sb_test_iterate_main_loop ();
  application = sb_applications_page_get_selected (f->page);
  g_assert_nonnull (application);
  return application;
}

static char *
date_in_days (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* ---- tests ------------------------------------------------------------- */

static void
test_job_to_linked_requirement (Fixture       *f,
                                gconstpointer  data)
{
  SbApplicationEditor *editor;
  SbApplication *application;
  g_autoptr(GPtrArray) rows = NULL;
  SbRequirementRow *first;
  SbStoryChooser *chooser;

  show_page (f);
  g_assert_cmpuint (sb_applications_page_get_n_rows (f->page), ==, 0);

  application = new_application (f);
  g_assert_cmpuint (sb_applications_page_get_n_rows (f->page), ==, 1);
  editor = sb_applications_page_get_editor (f->page);
  sb_application_editor_type_field (editor, SB_APPLICATION_FIELD_COMPANY, "Acme");
  sb_application_editor_type_field (editor, SB_APPLICATION_FIELD_JOB_DESCRIPTION, JOB_DESCRIPTION);
  /* Typing is written after a pause, or at once by a flush. */
  g_assert_cmpstr (sb_application_get_company (application), ==, "");
  g_assert_true (sb_application_editor_flush (editor));
  g_assert_cmpstr (sb_application_get_company (application), ==, "Acme");

  /* Splitting writes what was typed first, so it finds the lines. */
  sb_application_editor_type_field (editor, SB_APPLICATION_FIELD_JOB_DESCRIPTION,
                                    JOB_DESCRIPTION "- Hire and grow a team of five\n");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "application.split", NULL));
  sb_test_iterate_main_loop ();
  rows = rows_of (sb_application_editor_get_requirement_list (editor), SB_TYPE_REQUIREMENT_ROW);
  g_assert_cmpuint (rows->len, ==, g_list_model_get_n_items (sb_application_get_requirements (application)));
  g_assert_cmpuint (rows->len, >=, 4);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *text = sb_requirement_row_dup_text (rows->pdata[i]);

      g_assert_null (strstr (text, "Health insurance"));
      g_assert_null (strstr (text, "equal opportunity"));
      /* No story yet: said in words, not only in red. */
      g_assert_true (sb_requirement_row_is_marked_missing (rows->pdata[i]));
    }

  /* Link a story through the chooser: every story is offered. */
  first = rows->pdata[0];
  chooser = sb_requirement_row_get_chooser (first);
  g_assert_true (offers (chooser, sb_story_get_uuid (f->outage)));
  g_assert_true (offers (chooser, sb_story_get_uuid (f->migration)));
  g_assert_true (sb_story_chooser_choose (chooser, sb_story_get_uuid (f->outage)));
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (sb_requirement_get_n_stories (sb_requirement_row_get_requirement (first)), ==, 1);
  g_assert_false (sb_requirement_row_is_marked_missing (first));
  g_assert_true (sb_requirement_row_is_marked_missing (rows->pdata[1]));
  /* A linked story is not offered again. */
  g_assert_false (offers (chooser, sb_story_get_uuid (f->outage)));

  /* A search finds any story. */
  sb_story_chooser_set_search_text (chooser, "ledger");
  /* The query runs in the store's worker: the list follows when done. */
  g_assert_true (sb_story_chooser_get_search_running (chooser));
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (sb_story_chooser_get_search_running (chooser) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (sb_story_chooser_get_search_running (chooser));
  }
  {
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (sb_story_chooser_get_list (chooser), 0);

    g_assert_nonnull (row);
    g_assert_cmpstr (sb_story_chooser_row_get_uuid (row), ==, sb_story_get_uuid (f->migration));
  }

  /* Merge the first with the next: one row fewer, its story kept. */
  {
    guint n = rows->len;
    g_autoptr(GPtrArray) after = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (first), "requirement.merge-next", NULL));
    sb_test_iterate_main_loop ();
    after = rows_of (sb_application_editor_get_requirement_list (editor), SB_TYPE_REQUIREMENT_ROW);
    g_assert_cmpuint (after->len, ==, n - 1);
    g_assert_false (sb_requirement_row_is_marked_missing (after->pdata[0]));
  }

  /* A linked story's chip opens it in the editor; its × unlinks it. */
  {
    g_autoptr(GPtrArray) now = rows_of (sb_application_editor_get_requirement_list (editor),
                                        SB_TYPE_REQUIREMENT_ROW);
    GtkWidget *open = find_button_by_tooltip (now->pdata[0], "Open “Checkout outage”");
    GtkWidget *unlink = find_button_by_tooltip (now->pdata[0], "Unlink “Checkout outage”");

    g_assert_nonnull (open);
    g_assert_nonnull (unlink);
    g_signal_emit_by_name (open, "clicked");
    sb_test_iterate_main_loop ();
    g_assert_cmpstr (sb_window_get_page (f->window), ==, "stories");
    g_assert_true (sb_story_editor_get_story (sb_window_get_story_editor (f->window)) == f->outage);
    show_page (f);
    g_assert_true (sb_applications_page_get_selected (f->page) == application);

    g_signal_emit_by_name (unlink, "clicked");
    sb_test_iterate_main_loop ();
    g_assert_true (sb_requirement_row_is_marked_missing (now->pdata[0]));
    g_assert_true (sb_store_set_requirement_story (f->store, sb_requirement_row_get_requirement (now->pdata[0]),
                                                   f->outage, TRUE, NULL));
  }

  /* Splitting again asks before it replaces them. */
  {
    g_autoptr(GPtrArray) before = rows_of (sb_application_editor_get_requirement_list (editor),
                                          SB_TYPE_REQUIREMENT_ROW);
    g_autoptr(GPtrArray) after = NULL;

    AdwMessageDialog *dialog;
    g_autoptr(GPtrArray) again = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "application.split", NULL));
    sb_test_iterate_main_loop ();
    after = rows_of (sb_application_editor_get_requirement_list (editor), SB_TYPE_REQUIREMENT_ROW);
    g_assert_cmpuint (after->len, ==, before->len);
    g_assert_true (after->pdata[0] == before->pdata[0]);

    /* Cancelled: nothing changes. Replace: the lines of the description. */
    dialog = find_dialog (f);
    g_assert_nonnull (dialog);
    /* (A click closes the dialog too; the call only answers.) */
    adw_message_dialog_response (dialog, "cancel");
    gtk_window_destroy (GTK_WINDOW (dialog));
    sb_test_iterate_main_loop ();
    g_assert_null (find_dialog (f));
    again = rows_of (sb_application_editor_get_requirement_list (editor), SB_TYPE_REQUIREMENT_ROW);
    g_assert_true (again->pdata[0] == before->pdata[0]);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "application.split", NULL));
    sb_test_iterate_main_loop ();
    dialog = find_dialog (f);
    g_assert_nonnull (dialog);
    adw_message_dialog_response (dialog, "replace");
    gtk_window_destroy (GTK_WINDOW (dialog));
    sb_test_iterate_main_loop ();
    g_clear_pointer (&again, g_ptr_array_unref);
    again = rows_of (sb_application_editor_get_requirement_list (editor), SB_TYPE_REQUIREMENT_ROW);
    /* The merge is undone by the split: one line each again. */
    g_assert_cmpuint (again->len, ==, before->len + 1);
  }
}

static void
test_plan_rounds (Fixture       *f,
                  gconstpointer  data)
{
  SbApplicationEditor *editor;
  SbApplication *application;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) ranked = NULL;
  SbRoundRow *hiring, *raiser;
  g_autoptr(GError) error = NULL;
  const char *focus[] = { "lp-dive-deep", NULL };

  show_page (f);
  application = new_application (f);
  editor = sb_applications_page_get_editor (f->page);
  /* No round yet: nothing to propose. */
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (editor), "application.propose")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "application.add-round", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "application.add-round", NULL));
  sb_test_iterate_main_loop ();
  rows = rows_of (sb_application_editor_get_round_list (editor), SB_TYPE_ROUND_ROW);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_true (gtk_widget_is_sensitive (find_button (GTK_WIDGET (editor), "application.propose")));
  hiring = rows->pdata[0];
  raiser = rows->pdata[1];

  /* The name is typed in place and written on a flush. */
  gtk_editable_set_text (sb_round_row_get_entry (hiring), "Hiring manager");
  g_assert_true (sb_application_editor_flush (editor));
  g_assert_cmpstr (sb_round_get_name (sb_round_row_get_round (hiring)), ==, "Hiring manager");

  /* Ranked for its focus: the Dive Deep story first. */
  g_assert_true (sb_store_set_round_focus (f->store, sb_round_row_get_round (hiring), focus, &error));
  g_assert_no_error (error);
  ranked = offered (sb_round_row_get_chooser (hiring));
  g_assert_cmpuint (ranked->len, >=, 2);
  g_assert_cmpstr (ranked->pdata[0], ==, sb_story_get_uuid (f->migration));
  g_assert_true (sb_story_chooser_choose (sb_round_row_get_chooser (hiring), sb_story_get_uuid (f->migration)));
  sb_test_iterate_main_loop ();
  g_assert_cmpstrv (sb_round_get_story_uuids (sb_round_row_get_round (hiring)),
                    ((const char *[]) { sb_story_get_uuid (f->migration), NULL }));

  /* The same story in the other round: warned beside both. */
  g_assert_true (sb_store_set_round_story (f->store, sb_round_row_get_round (raiser), f->migration, TRUE, &error));
  g_assert_no_error (error);
  sb_application_editor_update_warnings (editor);
  g_assert_cmpuint (sb_round_row_get_n_warnings (raiser) + sb_round_row_get_n_warnings (hiring), >=, 1);
  g_assert_true (sb_store_set_round_story (f->store, sb_round_row_get_round (raiser), f->migration, FALSE, &error));
  g_assert_no_error (error);

  /* Propose fills the empty round only, and never repeats a story. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "application.propose", NULL));
  sb_test_iterate_main_loop ();
  g_assert_cmpstrv (sb_round_get_story_uuids (sb_round_row_get_round (hiring)),
                    ((const char *[]) { sb_story_get_uuid (f->migration), NULL }));
  {
    const char * const *planned = sb_round_get_story_uuids (sb_round_row_get_round (raiser));

    g_assert_nonnull (planned);
    g_assert_nonnull (planned[0]);
    g_assert_false (g_strv_contains (planned, sb_story_get_uuid (f->migration)));
  }
  g_assert_true (g_list_model_get_n_items (sb_application_get_rounds (application)) == 2);

  /* Delete a round. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (raiser), "round.delete", NULL));
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (g_list_model_get_n_items (sb_application_get_rounds (application)), ==, 1);
}

static void
test_header_countdown (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = date_in_days (3);
  SbApplication *application, *globex;
  SbCurrentApplicationButton *button;

  button = SB_CURRENT_APPLICATION_BUTTON (sb_test_find_widget (GTK_WIDGET (f->window),
                                                               SB_TYPE_CURRENT_APPLICATION_BUTTON));
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));

  application = sb_store_create_application (f->store, NULL, "Acme", "Senior Backend Engineer", &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_set_application_field (f->store, application, SB_APPLICATION_FIELD_DATE, date, &error));
  globex = sb_store_create_application (f->store, NULL, "Globex", "", &error);
  g_assert_nonnull (globex);

  /* The switch in the editor makes it current. */
  show_page (f);
  g_assert_true (sb_applications_page_select_application (f->page, sb_application_get_slug (application)));
  {
    GtkSwitch *current = GTK_SWITCH (sb_test_find_widget (GTK_WIDGET (sb_applications_page_get_editor (f->page)),
                                                          GTK_TYPE_SWITCH));

    gtk_switch_set_active (current, TRUE);
  }
  sb_test_iterate_main_loop ();
  g_assert_true (sb_store_get_current_application (f->store) == application);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_cmpstr (sb_current_application_button_get_text (button), ==, "Acme · in 3 days");

  /* A click opens it on the Applications page, from another page and
   * another application. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "stories");
  sb_test_iterate_main_loop ();
  g_assert_true (sb_applications_page_select_application (f->page, sb_application_get_slug (globex)));
  g_signal_emit_by_name (button, "clicked");
  sb_test_iterate_main_loop ();
  g_assert_cmpstr (sb_window_get_page (f->window), ==, "applications");
  g_assert_true (sb_applications_page_get_selected (f->page) == application);

  /* The words: today, tomorrow, in N days, N days ago. */
  {
    g_autofree char *today = sb_countdown_format (0);
    g_autofree char *tomorrow = sb_countdown_format (1);
    g_autofree char *later = sb_countdown_format (12);
    g_autofree char *ago = sb_countdown_format (-4);

    g_assert_cmpstr (today, ==, "today");
    g_assert_cmpstr (tomorrow, ==, "tomorrow");
    g_assert_cmpstr (later, ==, "in 12 days");
    g_assert_cmpstr (ago, ==, "4 days ago");
    g_assert_null (sb_countdown_format (G_MININT));
  }

  /* No longer current: the header lets go. */
  g_assert_true (sb_store_set_current_application (f->store, NULL, &error));
  sb_test_iterate_main_loop ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));
}

static void
test_switch_keeps_edit (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SbApplication *acme, *globex;
  SbApplicationEditor *editor;
  g_autofree char *acme_slug = NULL;
  g_autofree char *globex_slug = NULL;

  acme = sb_store_create_application (f->store, NULL, "Acme", "", &error);
  g_assert_no_error (error);
  globex = sb_store_create_application (f->store, NULL, "Globex", "", &error);
  g_assert_no_error (error);
  acme_slug = g_strdup (sb_application_get_slug (acme));
  globex_slug = g_strdup (sb_application_get_slug (globex));

  show_page (f);
  editor = sb_applications_page_get_editor (f->page);
  g_assert_true (sb_applications_page_select_application (f->page, acme_slug));
  sb_application_editor_type_field (editor, SB_APPLICATION_FIELD_NOTES, "Ask about the on-call rota");
  sb_application_editor_type_field (editor, SB_APPLICATION_FIELD_DATE, "2026-12-10");
  /* Then at once, before the pause: another application. */
  g_assert_true (sb_applications_page_select_application (f->page, globex_slug));
  g_assert_true (sb_applications_page_get_selected (f->page) == globex);
  sb_application_editor_type_field (editor, SB_APPLICATION_FIELD_WHY_COMPANY, "Their ledger is open source");

  /* A date that is not one is marked and not written. */
  sb_application_editor_type_field (editor, SB_APPLICATION_FIELD_DATE, "2026-13-40");
  g_assert_nonnull (sb_application_editor_get_date_error (editor));

  /* The introduction too, then closing the window at once. */
  sb_applications_page_show_introduction (f->page);
  gtk_text_buffer_set_text (sb_introduction_editor_get_buffer (sb_applications_page_get_introduction (f->page)),
                            "I build payment systems.", -1);
  g_assert_nonnull (sb_introduction_editor_get_hint (sb_applications_page_get_introduction (f->page)));
  close_window (f);

  /* What reached the file. */
  {
    g_autoptr(SbStore) store = sb_store_open (f->path, &error);
    SbApplication *reread;
    g_autofree char *introduction = NULL;

    g_assert_no_error (error);
    reread = sb_store_find_application (store, acme_slug);
    g_assert_nonnull (reread);
    g_assert_cmpstr (sb_application_get_field (reread, SB_APPLICATION_FIELD_NOTES), ==,
                     "Ask about the on-call rota");
    g_assert_cmpstr (sb_application_get_date (reread), ==, "2026-12-10");
    reread = sb_store_find_application (store, globex_slug);
    g_assert_cmpstr (sb_application_get_field (reread, SB_APPLICATION_FIELD_WHY_COMPANY), ==,
                     "Their ledger is open source");
    g_assert_cmpstr (sb_application_get_date (reread), ==, "");
    introduction = sb_store_get_introduction (store);
    g_assert_cmpstr (introduction, ==, "I build payment systems.");
  }
}

static void
test_hidden_page_does_no_work (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Never shown: nothing built, nothing read, whatever the bank does. */
  g_assert_false (sb_applications_page_is_built (f->page));
  g_assert_nonnull (sb_store_create_application (f->store, NULL, "Acme", "", &error));
  g_assert_no_error (error);
  sb_test_iterate_main_loop ();
  g_assert_false (sb_applications_page_is_built (f->page));
  g_assert_cmpuint (sb_applications_page_get_n_refreshes (f->page), ==, 0);

  /* Shown: it reads the bank as it is. */
  show_page (f);
  g_assert_true (sb_applications_page_is_built (f->page));
  g_assert_cmpuint (sb_applications_page_get_n_rows (f->page), ==, 1);
  g_assert_cmpstr (sb_application_get_company (sb_applications_page_get_selected (f->page)), ==, "Acme");

  /* Hidden again: a change only marks it stale... */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "coverage");
  sb_test_iterate_main_loop ();
  {
    guint refreshes = sb_applications_page_get_n_refreshes (f->page);

    g_assert_nonnull (sb_store_create_application (f->store, NULL, "Globex", "", &error));
    sb_test_iterate_main_loop ();
    g_assert_cmpuint (sb_applications_page_get_n_refreshes (f->page), ==, refreshes);
    g_assert_cmpuint (sb_applications_page_get_n_rows (f->page), ==, 1);
  }

  /* ... and showing it reads it once. */
  show_page (f);
  g_assert_cmpuint (sb_applications_page_get_n_rows (f->page), ==, 2);

  /* Deleted by the store while shown: the list follows. */
  g_assert_true (sb_store_delete_application (f->store, sb_applications_page_get_selected (f->page), &error));
  g_assert_no_error (error);
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (sb_applications_page_get_n_rows (f->page), ==, 1);
  g_assert_nonnull (sb_applications_page_get_selected (f->page));
}

static void
test_delete_asks (Fixture       *f,
                  gconstpointer  data)
{
  SbApplicationEditor *editor;
  AdwMessageDialog *dialog;

  show_page (f);
  new_application (f);
  editor = sb_applications_page_get_editor (f->page);
  sb_application_editor_type_field (editor, SB_APPLICATION_FIELD_COMPANY, "Acme");

  /* Cancel keeps it, with what was typed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "application.delete", NULL));
  sb_test_iterate_main_loop ();
  dialog = find_dialog (f);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (g_list_model_get_n_items (sb_store_get_applications (f->store)), ==, 1);

  /* Delete: gone, and the page says what an application is again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "application.delete", NULL));
  sb_test_iterate_main_loop ();
  dialog = find_dialog (f);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (g_list_model_get_n_items (sb_store_get_applications (f->store)), ==, 0);
  g_assert_cmpuint (sb_applications_page_get_n_rows (f->page), ==, 0);
  g_assert_null (sb_applications_page_get_selected (f->page));
}

static GtkWidget *
find_button_labelled (GtkWidget  *root,
                      const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_labelled (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The application's values open on the Coverage page and as the Questions
 * page's filter; with no values, the row is not offered. */
static void
test_values_on_other_pages (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SbApplicationEditor *editor;
  SbApplication *application;
  GtkWidget *coverage, *questions;
  GListModel *results;
  guint n_all = g_list_model_get_n_items (sb_store_get_questions (f->store));

  application = sb_store_create_application (f->store, NULL, "Acme", "Engineer", &error);
  g_assert_no_error (error);
  show_page (f);
  g_assert_true (sb_applications_page_select_application (f->page, sb_application_get_slug (application)));
  sb_test_iterate_main_loop ();
  editor = sb_applications_page_get_editor (f->page);
  coverage = find_button_labelled (GTK_WIDGET (editor), "Co_verage");
  questions = find_button_labelled (GTK_WIDGET (editor), "_Questions");
  g_assert_nonnull (coverage);
  g_assert_nonnull (questions);
  g_assert_false (gtk_widget_is_visible (coverage));

  g_assert_true (sb_store_set_application_framework (f->store, application, "amazon-lp", &error));
  g_assert_no_error (error);
  sb_test_iterate_main_loop ();
  g_assert_true (gtk_widget_is_visible (coverage));

  g_signal_emit_by_name (coverage, "clicked");
  sb_test_iterate_main_loop ();
  g_assert_cmpstr (sb_window_get_page (f->window), ==, "coverage");
  g_assert_cmpstr (sb_coverage_matrix_get_framework (sb_coverage_page_get_matrix (
                     SB_COVERAGE_PAGE (sb_test_find_widget (GTK_WIDGET (f->window), SB_TYPE_COVERAGE_PAGE)))),
                   ==, "amazon-lp");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "applications");
  sb_test_iterate_main_loop ();
  g_signal_emit_by_name (questions, "clicked");
  sb_test_iterate_main_loop ();
  g_assert_cmpstr (sb_window_get_page (f->window), ==, "questions");
  results = sb_questions_page_get_results (SB_QUESTIONS_PAGE (sb_test_find_widget (GTK_WIDGET (f->window),
                                                                                  SB_TYPE_QUESTIONS_PAGE)));
  g_assert_cmpuint (g_list_model_get_n_items (results), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (results), <, n_all);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(SbQuestion) question = g_list_model_get_item (results, i);
      gboolean about_a_value = FALSE;

      for (const char * const *slug = sb_question_get_theme_slugs (question); *slug != NULL; slug++)
        if (g_str_has_prefix (*slug, "lp-"))
          about_a_value = TRUE;
      g_assert_true (about_a_value);
    }
}

/* The introduction is timed like a story: the text hides while the clock
 * runs, and stopping says how the try compares with 60 to 90 seconds. */
static void
test_time_introduction (Fixture       *f,
                        gconstpointer  data)
{
  SbIntroductionEditor *editor;
  GtkToggleButton *button;
  GtkTextView *view;

  show_page (f);
  sb_applications_page_show_introduction (f->page);
  sb_test_iterate_main_loop ();
  editor = sb_applications_page_get_introduction (f->page);
  button = GTK_TOGGLE_BUTTON (sb_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_TOGGLE_BUTTON));
  view = GTK_TEXT_VIEW (sb_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW));
  g_assert_nonnull (button);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "I build payment systems.", -1);

  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (view)));
  gtk_toggle_button_set_active (button, TRUE);
  g_assert_true (sb_introduction_editor_is_timing (editor));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (view)));

  sb_introduction_editor_finish_try (editor, 75);
  g_assert_false (sb_introduction_editor_is_timing (editor));
  g_assert_false (gtk_toggle_button_get_active (button));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (view)));
  g_assert_nonnull (sb_test_find_visible_label (GTK_WIDGET (editor), "Said in 1:15: within 60 to 90 seconds."));

  /* The real button stops the clock too; a second try of under a minute
   * says so. */
  gtk_toggle_button_set_active (button, TRUE);
  gtk_toggle_button_set_active (button, FALSE);
  g_assert_false (sb_introduction_editor_is_timing (editor));
  g_assert_nonnull (sb_test_find_visible_label (GTK_WIDGET (editor),
                                        "Said in 0:00: under a minute. Add what you do best and one result."));
  {
    g_autofree char *over = sb_introduction_describe_try (95);

    g_assert_cmpstr (over, ==, "Said in 1:35: over 90 seconds. Keep the headlines; they will ask for more.");
  }
}


static void
run_main_loop_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static void
chosen_cb (SbStoryChooser *chooser,
           SbStory        *story,
           SbStory       **chosen)
{
  *chosen = story;
}

static void
wait_for_chooser (SbStoryChooser *chooser)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (sb_story_chooser_get_search_running (chooser) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sb_story_chooser_get_search_running (chooser));
}

/* The uuids the chooser's rows offer now, in order (a row hidden while
 * results come in offers nothing). */
static GPtrArray *
rows_now (SbStoryChooser *chooser)
{
  GPtrArray *uuids = g_ptr_array_new ();
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (sb_story_chooser_get_list (chooser), i)) != NULL; i++)
    if (sb_story_chooser_row_get_uuid (row) != NULL && gtk_widget_get_visible (GTK_WIDGET (row)))
      g_ptr_array_add (uuids, (gpointer) sb_story_chooser_row_get_uuid (row));
  return uuids;
}

static void
assert_rows_are_search (SbStoryChooser *chooser,
                        SbStore        *store,
                        const char     *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = sb_store_search_stories (store, query, &error);
  g_autoptr(GPtrArray) rows = rows_now (chooser);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, MIN (expected->len, 40));
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstr (rows->pdata[i], ==, sb_story_get_uuid (expected->pdata[i]));
}

/* The chooser's search runs in the store's worker: its rows are the
 * synchronous search's, in order; the rows stay until the results come; a
 * newer keystroke supersedes the one running; Enter meanwhile takes the
 * new query's best match once it is back. */
static void
test_chooser_search (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SbStoryChooser) chooser = NULL;
  GtkWidget *entry;
  SbStory *chosen = NULL;

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *title = g_strdup_printf ("Ledger step %u", i);

      add_story (f->store, title, NULL);
    }
  chooser = g_object_ref_sink (SB_STORY_CHOOSER (sb_story_chooser_new (f->store)));
  entry = sb_test_find_widget (GTK_WIDGET (chooser), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  g_signal_connect (chooser, "story-chosen", G_CALLBACK (chosen_cb), &chosen);

  /* Nothing typed: every story at once. */
  sb_story_chooser_set_search_text (chooser, "");
  g_assert_false (sb_story_chooser_get_search_running (chooser));
  assert_rows_are_search (chooser, f->store, "");

  /* Typed fast: until the last query is back the rows stay; then only
   * its results, in the search's order (the older one never lands). */
  sb_story_chooser_set_search_text (chooser, "led");
  sb_story_chooser_set_search_text (chooser, "ledger");
  g_assert_true (sb_story_chooser_get_search_running (chooser));
  assert_rows_are_search (chooser, f->store, "");
  wait_for_chooser (chooser);
  assert_rows_are_search (chooser, f->store, "ledger");
  run_main_loop_for (200);
  assert_rows_are_search (chooser, f->store, "ledger");

  /* Enter while a query runs: its best match, once back. */
  sb_story_chooser_set_search_text (chooser, "checkout");
  g_signal_emit_by_name (entry, "activate");
  g_assert_null (chosen);
  wait_for_chooser (chooser);
  g_assert_true (chosen == f->outage);
}

/* Shown, the chooser puts a screenful of a search's results in the frame
 * that shows them and the rest in the frames after it (40 rows with
 * wrapping titles held one frame for ~70 ms); it says it is still busy
 * until the list is whole, Enter meanwhile takes the first story, and a
 * chooser closed halfway gets the rest at once. */
static guint
n_rows_now (SbStoryChooser *chooser)
{
  g_autoptr(GPtrArray) rows = rows_now (chooser);

  return rows->len;
}

static void
test_chooser_fills_by_frames (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *button = gtk_button_new_with_label ("Choose");
  SbStoryChooser *chooser;
  GtkWidget *entry;
  SbStory *chosen = NULL;
  GdkFrameClock *clock;
  gint64 frame;
  guint n;

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *title = g_strdup_printf ("Ledger step %u", i);

      add_story (f->store, title, NULL);
    }
  chooser = SB_STORY_CHOOSER (sb_story_chooser_new (f->store));
  entry = sb_test_find_widget (GTK_WIDGET (chooser), GTK_TYPE_SEARCH_ENTRY);
  g_signal_connect (chooser, "story-chosen", G_CALLBACK (chosen_cb), &chosen);
  /* In the window, on a button of the header. */
  adw_header_bar_pack_end (ADW_HEADER_BAR (sb_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_HEADER_BAR)),
                           button);
  gtk_widget_set_parent (GTK_WIDGET (chooser), button);
  gtk_popover_popup (GTK_POPOVER (chooser));
  wait_for_chooser (chooser);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (chooser)));

  sb_story_chooser_set_search_text (chooser, "ledger");
  while (sb_story_chooser_get_search_running (chooser) && n_rows_now (chooser) != 6)
    g_main_context_iteration (NULL, TRUE);
  /* The first screenful; the rest is still to come, frame by frame. */
  g_assert_cmpuint (n_rows_now (chooser), ==, 6);
  g_assert_true (sb_story_chooser_get_search_running (chooser));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (chooser));
  frame = gdk_frame_clock_get_frame_counter (clock);
  n = n_rows_now (chooser);
  while (sb_story_chooser_get_search_running (chooser))
    {
      g_main_context_iteration (NULL, TRUE);
      /* Never more than six more in a frame. */
      if (gdk_frame_clock_get_frame_counter (clock) != frame)
        {
          g_assert_cmpuint (n_rows_now (chooser) - n, <=, 6 * (gdk_frame_clock_get_frame_counter (clock) - frame));
          frame = gdk_frame_clock_get_frame_counter (clock);
          n = n_rows_now (chooser);
        }
    }
  assert_rows_are_search (chooser, f->store, "ledger");

  /* Enter while the rest comes: the first story, at once. */
  sb_story_chooser_set_search_text (chooser, "step");
  while (sb_story_chooser_get_search_running (chooser) && n_rows_now (chooser) != 6)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_rows_now (chooser), ==, 6);
  g_assert_true (sb_story_chooser_get_search_running (chooser));
  {
    g_autoptr(GPtrArray) rows = rows_now (chooser);
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) expected = sb_store_search_stories (f->store, "step", &error);

    g_assert_cmpstr (rows->pdata[0], ==, sb_story_get_uuid (expected->pdata[0]));
    g_signal_emit_by_name (entry, "activate");
    g_assert_true (chosen == expected->pdata[0]);
  }
  /* Chosen, the popover closed: whatever was still to come is there. (A
   * frame lets GTK move the focus out of the closed popover, which it
   * holds until then.) */
  run_main_loop_for (100);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (chooser)));
  g_assert_false (sb_story_chooser_get_search_running (chooser));
  assert_rows_are_search (chooser, f->store, "step");

  gtk_widget_unparent (GTK_WIDGET (chooser));
  adw_header_bar_remove (ADW_HEADER_BAR (gtk_widget_get_ancestor (button, ADW_TYPE_HEADER_BAR)), button);
}

/* Results that come before the keystroke's frame is drawn (every story
 * for a cleared search comes at once) wait for the frame after it: the
 * keystroke's frame is the entry's alone. Meanwhile the chooser says it is
 * busy and Enter takes the first of the new results at once. */
static void
test_chooser_results_after_keystroke_frame (Fixture       *f,
                                            gconstpointer  data)
{
  GtkWidget *button = gtk_button_new_with_label ("Choose");
  SbStoryChooser *chooser;
  GtkWidget *entry;
  SbStory *chosen = NULL;
  GdkFrameClock *clock;
  gint64 frame;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *title = g_strdup_printf ("Ledger step %u", i);

      add_story (f->store, title, NULL);
    }
  chooser = SB_STORY_CHOOSER (sb_story_chooser_new (f->store));
  entry = sb_test_find_widget (GTK_WIDGET (chooser), GTK_TYPE_SEARCH_ENTRY);
  g_signal_connect (chooser, "story-chosen", G_CALLBACK (chosen_cb), &chosen);
  adw_header_bar_pack_end (ADW_HEADER_BAR (sb_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_HEADER_BAR)),
                           button);
  gtk_widget_set_parent (GTK_WIDGET (chooser), button);
  gtk_popover_popup (GTK_POPOVER (chooser));
  wait_for_chooser (chooser);
  sb_story_chooser_set_search_text (chooser, "outage");
  wait_for_chooser (chooser);
  assert_rows_are_search (chooser, f->store, "outage");

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (chooser));
  frame = gdk_frame_clock_get_frame_counter (clock);
  sb_story_chooser_set_search_text (chooser, "");
  g_assert_true (sb_story_chooser_get_search_running (chooser));
  assert_rows_are_search (chooser, f->store, "outage");
  /* The keystroke's frame: still the last search's rows. */
  while (gdk_frame_clock_get_frame_counter (clock) == frame)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sb_story_chooser_get_search_running (chooser));
  assert_rows_are_search (chooser, f->store, "outage");
  wait_for_chooser (chooser);
  assert_rows_are_search (chooser, f->store, "");

  /* Enter before they are in: the first of the new results. */
  sb_story_chooser_set_search_text (chooser, "outage");
  wait_for_chooser (chooser);
  sb_story_chooser_set_search_text (chooser, "");
  g_assert_true (sb_story_chooser_get_search_running (chooser));
  g_signal_emit_by_name (entry, "activate");
  {
    g_autoptr(GPtrArray) expected = sb_store_search_stories (f->store, "", NULL);

    g_assert_true (chosen == expected->pdata[0]);
  }
  run_main_loop_for (100);
  g_assert_false (sb_story_chooser_get_search_running (chooser));
  assert_rows_are_search (chooser, f->store, "");

  gtk_widget_unparent (GTK_WIDGET (chooser));
  adw_header_bar_remove (ADW_HEADER_BAR (gtk_widget_get_ancestor (button, ADW_TYPE_HEADER_BAR)), button);
}

/* A row's "Link a Story…" chooser is made when the person opens it, by
 * click or keyboard, and then offers what a chooser made at once would:
 * every story but those linked already. */
static void
test_chooser_made_when_opened (Fixture       *f,
                               gconstpointer  data)
{
  SbApplication *application = new_application (f);
  SbApplicationEditor *editor = sb_applications_page_get_editor (f->page);
  g_autoptr(GError) error = NULL;
  SbRequirement *requirement = sb_store_add_requirement (f->store, application, "Own payment services", -1, &error);
  g_autoptr(GPtrArray) rows = NULL;
  GtkMenuButton *link = NULL;
  GtkWidget *chips, *popover;

  g_assert_no_error (error);
  g_assert_true (sb_store_set_requirement_story (f->store, requirement, f->outage, TRUE, &error));
  g_assert_no_error (error);
  sb_test_iterate_main_loop ();
  rows = rows_of (sb_application_editor_get_requirement_list (editor), SB_TYPE_REQUIREMENT_ROW);
  g_assert_cmpuint (rows->len, ==, 1);
  /* The link button ends the line of chips (the row's menu is above). */
  chips = sb_test_find_widget (rows->pdata[0], SB_TYPE_WRAP_BOX);
  g_assert_nonnull (chips);
  for (GtkWidget *child = gtk_widget_get_first_child (chips); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_MENU_BUTTON (child))
      link = GTK_MENU_BUTTON (child);
  g_assert_nonnull (link);
  g_assert_null (gtk_menu_button_get_popover (link));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (link)));

  gtk_menu_button_popup (link);
  sb_test_iterate_main_loop ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (link));
  g_assert_true (SB_IS_STORY_CHOOSER (popover));
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_false (offers (SB_STORY_CHOOSER (popover), sb_story_get_uuid (f->outage)));
  g_assert_true (offers (SB_STORY_CHOOSER (popover), sb_story_get_uuid (f->migration)));
  /* Made once: opened again, the same chooser. */
  gtk_menu_button_popdown (link);
  while (gtk_widget_get_mapped (popover))
    g_main_context_iteration (NULL, TRUE);
  gtk_menu_button_popup (link);
  sb_test_iterate_main_loop ();
  g_assert_true (GTK_WIDGET (gtk_menu_button_get_popover (link)) == popover);
  gtk_menu_button_popdown (link);
  while (gtk_widget_get_mapped (popover))
    g_main_context_iteration (NULL, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);

  g_test_add ("/applications-view/chooser-made-when-opened", Fixture, NULL,
              fixture_set_up, test_chooser_made_when_opened, fixture_tear_down);
  g_test_add ("/applications-view/chooser-search", Fixture, NULL,
              fixture_set_up, test_chooser_search, fixture_tear_down);
  g_test_add ("/applications-view/chooser-fills-by-frames", Fixture, NULL,
              fixture_set_up, test_chooser_fills_by_frames, fixture_tear_down);
  g_test_add ("/applications-view/chooser-results-after-keystroke-frame", Fixture, NULL,
              fixture_set_up, test_chooser_results_after_keystroke_frame, fixture_tear_down);
  g_test_add ("/applications-view/values-on-other-pages", Fixture, NULL,
              fixture_set_up, test_values_on_other_pages, fixture_tear_down);
  g_test_add ("/applications-view/time-introduction", Fixture, NULL,
              fixture_set_up, test_time_introduction, fixture_tear_down);
  g_test_add ("/applications-view/job-to-linked-requirement", Fixture, NULL,
              fixture_set_up, test_job_to_linked_requirement, fixture_tear_down);
  g_test_add ("/applications-view/plan-rounds", Fixture, NULL,
              fixture_set_up, test_plan_rounds, fixture_tear_down);
  g_test_add ("/applications-view/header-countdown", Fixture, NULL,
              fixture_set_up, test_header_countdown, fixture_tear_down);
  g_test_add ("/applications-view/switch-keeps-edit", Fixture, NULL,
              fixture_set_up, test_switch_keeps_edit, fixture_tear_down);
  g_test_add ("/applications-view/delete-asks", Fixture, NULL,
              fixture_set_up, test_delete_asks, fixture_tear_down);
  g_test_add ("/applications-view/hidden-page-does-no-work", Fixture, NULL,
              fixture_set_up, test_hidden_page_does_no_work, fixture_tear_down);

  return g_test_run ();
}
