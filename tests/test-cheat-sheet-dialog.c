/* test-cheat-sheet-dialog.c — choosing what goes on the cheat sheet
 *
 * Builds the dialog on a small bank, unticks a story and a theme the way a
 * person would, and checks the options it produces, the PDF it exports
 * (with pdftotext, when poppler-utils is installed), the name it saves to
 * the bank, the paper it remembers, and that the window's Print… and Export
 * PDF… open it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "sb-application.h"
#include "sb-cheat-sheet-dialog-private.h"
#include "sb-settings.h"
#include "sb-readiness.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-window.h"

#define THEME_ALPHA   "core-production-incident"
#define THEME_BRAVO   "core-data-migration"
#define THEME_CHARLIE "core-mentoring-leading"

typedef struct
{
  SbTestDir *dir;
  SbStore   *store;
  SbStory   *alpha;      /* borrowed from the store */
  SbStory   *bravo;
  SbStory   *charlie;
} Bank;

static SbStory *
add_story (SbStore    *store,
           const char *title,
           const char *theme_slug)
{
  g_autoptr(GError) error = NULL;
  SbStory *story = sb_store_create_story (store, title, &error);

  g_assert_no_error (error);
  sb_story_set_field (story, SB_STORY_FIELD_ACTION, "I wrote the plan and ran the rollout.");
  sb_story_set_field (story, SB_STORY_FIELD_RESULT, "Errors fell by 40% in a month.");
  sb_story_set_status (story, SB_STORY_STATUS_READY);
  g_assert_true (sb_store_save_story (store, story, &error));
  g_assert_true (sb_store_set_story_theme (store, story, theme_slug, SB_STRENGTH_PRIMARY, &error));
  g_assert_no_error (error);
  return story;
}

static Bank *
bank_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  Bank *bank = g_new0 (Bank, 1);

  bank->dir = sb_test_dir_new ();
  path = sb_test_dir_file (bank->dir, "bank.sqlite3");
  bank->store = sb_store_open (path, &error);
  g_assert_no_error (error);
  bank->alpha = add_story (bank->store, "Alpha outage story", THEME_ALPHA);
  bank->bravo = add_story (bank->store, "Bravo migration story", THEME_BRAVO);
  bank->charlie = add_story (bank->store, "Charlie mentoring story", THEME_CHARLIE);
  return bank;
}

static void
bank_free (Bank *bank)
{
  g_assert_finalize_object (bank->store);
  sb_test_dir_free (bank->dir);
  g_free (bank);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Bank, bank_free)

static SbCheatSheetDialog *
open_dialog (Bank *bank)
{
  SbCheatSheetDialog *dialog = sb_cheat_sheet_dialog_new (NULL, bank->store);

  gtk_window_present (GTK_WINDOW (dialog));
  sb_test_iterate_main_loop ();
  /* The first preview is laid out in a worker; have it now. */
  sb_cheat_sheet_dialog_flush (dialog);
  return dialog;
}

static void
close_dialog (SbCheatSheetDialog *dialog)
{
  g_object_ref (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  sb_test_iterate_main_loop ();
  g_assert_finalize_object (dialog);
}

/* ---- poppler-utils ---------------------------------------------------- */

static char *
run_poppler (const char *program,
             const char *pdf)
{
  g_autofree char *path = g_find_program_in_path (program);
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;
  const char *text_argv[] = { program, "-enc", "UTF-8", pdf, "-", NULL };
  const char *info_argv[] = { program, pdf, NULL };

  if (path == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) (g_str_equal (program, "pdftotext") ? text_argv : info_argv),
                NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return out;
}

/* ---- tests ------------------------------------------------------------ */

static void
test_dialog_defaults (void)
{
  g_autoptr(Bank) bank = bank_new ();
  SbCheatSheetDialog *dialog = open_dialog (bank);
  SbCheatSheetOptions options;
  SbCheatSheet *preview;

  /* Everything is ticked: the options say "all", so later stories count too. */
  sb_cheat_sheet_dialog_get_options (dialog, &options);
  g_assert_null (options.story_uuids);
  g_assert_null (options.theme_slugs);
  g_assert_cmpstr (options.framework_slug, ==, "core");

  g_assert_nonnull (sb_cheat_sheet_dialog_get_story_check (dialog, sb_story_get_uuid (bank->alpha)));
  /* Each story says how ready it is, as the list does. */
  {
    GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (sb_cheat_sheet_dialog_get_story_check (
                                                dialog, sb_story_get_uuid (bank->alpha))),
                                              ADW_TYPE_ACTION_ROW);
    g_auto(SbReadiness) readiness = sb_story_get_readiness (bank->store, bank->alpha);

    g_assert_nonnull (row);
    g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), readiness.label));
  }
  g_assert_nonnull (sb_cheat_sheet_dialog_get_theme_check (dialog, THEME_ALPHA));
  g_assert_null (sb_cheat_sheet_dialog_get_theme_check (dialog, "lp-ownership"));

  /* The preview was drawn from the same options. */
  preview = sb_cheat_sheet_dialog_get_preview_sheet (dialog);
  g_assert_nonnull (preview);
  g_assert_cmpuint (sb_cheat_sheet_get_n_themes (preview), ==,
                    g_list_model_get_n_items (sb_store_get_themes (bank->store, "core")));

  close_dialog (dialog);
}

/* Just past the dialog's pause before it lays the preview out again. */
#define PREVIEW_WAIT_MS 160

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Without a flush the preview still follows a change: laid out in a worker
 * after the pause, and shown when it is done. */
static void
test_dialog_preview_follows (void)
{
  g_autoptr(Bank) bank = bank_new ();
  SbCheatSheetDialog *dialog = open_dialog (bank);
  guint n_core_themes = g_list_model_get_n_items (sb_store_get_themes (bank->store, "core"));
  gboolean timed_out = FALSE;
  guint timeout_id;

  g_assert_cmpuint (sb_cheat_sheet_get_n_themes (sb_cheat_sheet_dialog_get_preview_sheet (dialog)),
                    ==, n_core_themes);
  gtk_check_button_set_active (sb_cheat_sheet_dialog_get_theme_check (dialog, THEME_CHARLIE), FALSE);

  timeout_id = g_timeout_add_seconds (10, timeout_cb, &timed_out);
  while (!timed_out &&
         sb_cheat_sheet_get_n_themes (sb_cheat_sheet_dialog_get_preview_sheet (dialog)) == n_core_themes)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
  g_assert_cmpuint (sb_cheat_sheet_get_n_themes (sb_cheat_sheet_dialog_get_preview_sheet (dialog)),
                    ==, n_core_themes - 1);

  /* Closing just as the next layout starts in its worker neither waits for
   * it nor keeps the dialog alive. */
  gtk_check_button_set_active (sb_cheat_sheet_dialog_get_theme_check (dialog, THEME_ALPHA), FALSE);
  timed_out = FALSE;
  timeout_id = g_timeout_add (PREVIEW_WAIT_MS, timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
  close_dialog (dialog);
}

static void
test_dialog_untick (void)
{
  g_autoptr(Bank) bank = bank_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = sb_test_dir_file (bank->dir, "sheet.pdf");
  g_autofree char *text = NULL;
  SbCheatSheetDialog *dialog = open_dialog (bank);
  guint n_core_themes = g_list_model_get_n_items (sb_store_get_themes (bank->store, "core"));
  SbCheatSheetOptions options;
  SbCheatSheet *preview;

  gtk_check_button_set_active (sb_cheat_sheet_dialog_get_story_check (dialog, sb_story_get_uuid (bank->bravo)),
                               FALSE);
  gtk_check_button_set_active (sb_cheat_sheet_dialog_get_theme_check (dialog, THEME_CHARLIE), FALSE);

  sb_cheat_sheet_dialog_get_options (dialog, &options);
  g_assert_nonnull (options.story_uuids);
  g_assert_cmpuint (g_strv_length ((GStrv) options.story_uuids), ==, 2);
  g_assert_true (g_strv_contains (options.story_uuids, sb_story_get_uuid (bank->alpha)));
  g_assert_true (g_strv_contains (options.story_uuids, sb_story_get_uuid (bank->charlie)));
  g_assert_false (g_strv_contains (options.story_uuids, sb_story_get_uuid (bank->bravo)));
  g_assert_nonnull (options.theme_slugs);
  g_assert_cmpuint (g_strv_length ((GStrv) options.theme_slugs), ==, n_core_themes - 1);
  g_assert_true (g_strv_contains (options.theme_slugs, THEME_ALPHA));
  g_assert_false (g_strv_contains (options.theme_slugs, THEME_CHARLIE));

  /* The preview follows after its pause; flushing skips the wait. */
  sb_cheat_sheet_dialog_flush (dialog);
  preview = sb_cheat_sheet_dialog_get_preview_sheet (dialog);
  g_assert_cmpuint (sb_cheat_sheet_get_n_themes (preview), ==, n_core_themes - 1);

  g_assert_true (sb_cheat_sheet_dialog_export_pdf (dialog, pdf, &error));
  g_assert_no_error (error);
  text = run_poppler ("pdftotext", pdf);
  if (text != NULL)
    {
      g_assert_nonnull (strstr (text, "Alpha outage story"));
      g_assert_null (strstr (text, "Bravo"));
      g_assert_null (strstr (text, "Charlie"));
      g_assert_null (strstr (text, "MENTORING AND LEADING"));
      /* Without Bravo, its theme has no story yet. */
      g_assert_nonnull (strstr (text, "NO STORY YET"));
      g_assert_nonnull (strstr (text, "Data migration"));
    }
  else
    g_test_message ("pdftotext (poppler-utils) is not installed: the PDF's text is not checked");

  /* All and None, for each list. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "cheat-sheet.all-stories", NULL);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "cheat-sheet.no-themes", NULL);
  sb_cheat_sheet_dialog_get_options (dialog, &options);
  g_assert_null (options.story_uuids);
  g_assert_nonnull (options.theme_slugs);
  g_assert_cmpuint (g_strv_length ((GStrv) options.theme_slugs), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "cheat-sheet.all-themes", NULL);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "cheat-sheet.no-stories", NULL);
  sb_cheat_sheet_dialog_get_options (dialog, &options);
  g_assert_null (options.theme_slugs);
  g_assert_nonnull (options.story_uuids);
  g_assert_cmpuint (g_strv_length ((GStrv) options.story_uuids), ==, 0);

  close_dialog (dialog);
}

static void
test_dialog_name (void)
{
  g_autoptr(Bank) bank = bank_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = sb_test_dir_file (bank->dir, "named.pdf");
  g_autofree char *text = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *kept = NULL;
  SbCheatSheetDialog *dialog;

  g_assert_true (sb_store_set_person_name (bank->store, "Old Name", &error));
  dialog = open_dialog (bank);
  g_assert_cmpstr (gtk_editable_get_text (sb_cheat_sheet_dialog_get_name_row (dialog)), ==, "Old Name");

  gtk_editable_set_text (sb_cheat_sheet_dialog_get_name_row (dialog), "  Zoë Ångström ");
  sb_cheat_sheet_dialog_flush (dialog);
  saved = sb_store_get_person_name (bank->store);
  g_assert_cmpstr (saved, ==, "Zoë Ångström");

  g_assert_true (sb_cheat_sheet_dialog_export_pdf (dialog, pdf, &error));
  g_assert_no_error (error);
  text = run_poppler ("pdftotext", pdf);
  if (text != NULL)
    g_assert_nonnull (strstr (text, "Zoë Ångström"));

  /* A name typed just before closing is kept too. */
  gtk_editable_set_text (sb_cheat_sheet_dialog_get_name_row (dialog), "Maya");
  close_dialog (dialog);
  kept = sb_store_get_person_name (bank->store);
  g_assert_cmpstr (kept, ==, "Maya");
}

static void
test_dialog_paper (void)
{
  g_autoptr(Bank) bank = bank_new ();
  g_autoptr(GSettings) settings = sb_settings_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = sb_test_dir_file (bank->dir, "letter.pdf");
  g_autofree char *info = NULL;
  g_autofree char *paper = NULL;
  SbCheatSheetDialog *dialog;
  SbCheatSheetOptions options;

  if (settings == NULL)
    {
      g_test_skip ("the GSettings schema is not installed (set GSETTINGS_SCHEMA_DIR)");
      return;
    }
  g_settings_set_string (settings, "paper-size", "auto");

  dialog = open_dialog (bank);
  g_assert_cmpuint (adw_combo_row_get_selected (sb_cheat_sheet_dialog_get_paper_row (dialog)), ==, 0);
  adw_combo_row_set_selected (sb_cheat_sheet_dialog_get_paper_row (dialog), 2);
  paper = g_settings_get_string (settings, "paper-size");
  g_assert_cmpstr (paper, ==, "letter");
  sb_cheat_sheet_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.paper, ==, SB_PAPER_LETTER);

  g_assert_true (sb_cheat_sheet_dialog_export_pdf (dialog, pdf, &error));
  g_assert_no_error (error);
  info = run_poppler ("pdfinfo", pdf);
  if (info != NULL)
    {
      g_assert_nonnull (strstr (info, "612 x 792 pts"));
      g_assert_nonnull (strstr (info, "Pages:           1\n"));
    }
  close_dialog (dialog);

  /* The next dialog remembers it. */
  dialog = open_dialog (bank);
  g_assert_cmpuint (adw_combo_row_get_selected (sb_cheat_sheet_dialog_get_paper_row (dialog)), ==, 2);
  close_dialog (dialog);
  g_settings_reset (settings, "paper-size");
}

static void
test_dialog_framework (void)
{
  g_autoptr(Bank) bank = bank_new ();
  AdwComboRow *row;
  SbCheatSheetDialog *dialog = open_dialog (bank);
  GListModel *frameworks = sb_store_get_frameworks (bank->store);
  SbCheatSheetOptions options;
  guint amazon = G_MAXUINT;

  for (guint i = 0; i < g_list_model_get_n_items (frameworks); i++)
    {
      g_autoptr(SbFramework) framework = g_list_model_get_item (frameworks, i);

      if (g_str_equal (sb_framework_get_slug (framework), "amazon-lp"))
        amazon = i;
    }
  g_assert_cmpuint (amazon, !=, G_MAXUINT);

  /* Another framework brings its own themes, all ticked. */
  gtk_check_button_set_active (sb_cheat_sheet_dialog_get_theme_check (dialog, THEME_ALPHA), FALSE);
  row = sb_cheat_sheet_dialog_get_framework_row (dialog);
  adw_combo_row_set_selected (row, amazon);
  g_assert_null (sb_cheat_sheet_dialog_get_theme_check (dialog, THEME_ALPHA));
  g_assert_nonnull (sb_cheat_sheet_dialog_get_theme_check (dialog, "lp-ownership"));
  sb_cheat_sheet_dialog_get_options (dialog, &options);
  g_assert_cmpstr (options.framework_slug, ==, "amazon-lp");
  g_assert_null (options.theme_slugs);

  close_dialog (dialog);
  {
    g_autoptr(GSettings) settings = sb_settings_new ();

    if (settings != NULL)
      g_settings_reset (settings, "cheat-sheet-framework");
  }
}

static guint
framework_position (SbStore    *store,
                    const char *slug)
{
  GListModel *frameworks = sb_store_get_frameworks (store);

  for (guint i = 0; i < g_list_model_get_n_items (frameworks); i++)
    {
      g_autoptr(SbFramework) framework = g_list_model_get_item (frameworks, i);

      if (g_str_equal (sb_framework_get_slug (framework), slug))
        return i;
    }
  g_assert_not_reached ();
}

/* The dialog opens on the framework last chosen for the sheet, whatever
 * Coverage showed since; before any choice, on the first framework. */
static void
test_dialog_remembers_framework (void)
{
  g_autoptr(Bank) bank = bank_new ();
  g_autoptr(GSettings) settings = sb_settings_new ();
  g_autofree char *saved = NULL;
  SbCheatSheetDialog *dialog;
  SbCheatSheetOptions options;

  if (settings == NULL)
    {
      g_test_skip ("the GSettings schema is not installed (set GSETTINGS_SCHEMA_DIR)");
      return;
    }
  g_settings_reset (settings, "cheat-sheet-framework");
  g_settings_set_string (settings, "coverage-framework", "evaluation");

  dialog = open_dialog (bank);
  sb_cheat_sheet_dialog_get_options (dialog, &options);
  g_assert_cmpstr (options.framework_slug, ==, "core");

  adw_combo_row_set_selected (sb_cheat_sheet_dialog_get_framework_row (dialog),
                              framework_position (bank->store, "amazon-lp"));
  saved = g_settings_get_string (settings, "cheat-sheet-framework");
  g_assert_cmpstr (saved, ==, "amazon-lp");
  close_dialog (dialog);

  /* Coverage moves on; the sheet does not follow it. */
  g_settings_set_string (settings, "coverage-framework", "core");
  dialog = open_dialog (bank);
  g_assert_cmpuint (adw_combo_row_get_selected (sb_cheat_sheet_dialog_get_framework_row (dialog)), ==,
                    framework_position (bank->store, "amazon-lp"));
  sb_cheat_sheet_dialog_get_options (dialog, &options);
  g_assert_cmpstr (options.framework_slug, ==, "amazon-lp");
  g_assert_nonnull (sb_cheat_sheet_dialog_get_theme_check (dialog, "lp-ownership"));
  close_dialog (dialog);

  /* A framework that is gone: the first one. */
  g_settings_set_string (settings, "cheat-sheet-framework", "no-such-framework");
  dialog = open_dialog (bank);
  sb_cheat_sheet_dialog_get_options (dialog, &options);
  g_assert_cmpstr (options.framework_slug, ==, "core");
  close_dialog (dialog);

  g_settings_reset (settings, "cheat-sheet-framework");
  g_settings_reset (settings, "coverage-framework");
}

/* Every GtkLabel under @widget (popovers included) showing @text. */
static void
assert_whole (GPtrArray  *labels,
              const char *where)
{
  g_assert_cmpuint (labels->len, >, 0);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (pango_layout_is_ellipsized (gtk_label_get_layout (label)))
        g_error ("“%s” is cut short %s", gtk_label_get_text (label), where);
    }
}

/* The framework drop-down shows whole names, chosen and in its list. */
static void
test_dialog_framework_names (void)
{
  g_autoptr(Bank) bank = bank_new ();
  g_autoptr(GPtrArray) in_row = g_ptr_array_new ();
  g_autoptr(GPtrArray) in_list = g_ptr_array_new ();
  g_autoptr(GSettings) settings = sb_settings_new ();
  SbCheatSheetDialog *dialog = open_dialog (bank);
  AdwComboRow *row = sb_cheat_sheet_dialog_get_framework_row (dialog);
  const char *name = "Amazon Leadership Principles";

  adw_combo_row_set_selected (row, framework_position (bank->store, "amazon-lp"));
  /* Open its list. */
  g_signal_emit_by_name (row, "activate");
  sb_test_iterate_main_loop ();

  /* The chosen name in the row, and again in the list. */
  sb_test_find_labels (GTK_WIDGET (row), name, in_row);
  g_assert_cmpuint (in_row->len, ==, 2);
  for (guint i = 0; i < in_row->len; i++)
    g_assert_true (gtk_widget_get_mapped (g_ptr_array_index (in_row, i)));
  assert_whole (in_row, "in the drop-down");
  sb_test_find_labels (GTK_WIDGET (row), "What interviewers evaluate", in_list);
  assert_whole (in_list, "in the list");

  close_dialog (dialog);
  if (settings != NULL)
    g_settings_reset (settings, "cheat-sheet-framework");
}

static guint
count_dialogs (SbCheatSheetDialog **found)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* owned by GTK */
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (SB_IS_CHEAT_SHEET_DIALOG (window))
        {
          *found = SB_CHEAT_SHEET_DIALOG (window);
          n++;
        }
    }
  return n;
}

/* Print… and Export PDF… in the window open one dialog, on its bank. */
/* "For" chooses the sheet of one application's loop; the current
 * application is chosen first, as the sheet follows it. */
static void
test_dialog_for_application (void)
{
  g_autoptr(Bank) bank = bank_new ();
  g_autoptr(GError) error = NULL;
  SbCheatSheetDialog *dialog;
  SbCheatSheetOptions options;
  SbApplication *application;

  /* Without an application there is nothing to choose. */
  dialog = open_dialog (bank);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (sb_cheat_sheet_dialog_get_for_row (dialog))));
  sb_cheat_sheet_dialog_get_options (dialog, &options);
  g_assert_null (options.application_slug);
  close_dialog (dialog);

  application = sb_store_create_application (bank->store, NULL, "Acme", "Engineer", &error);
  g_assert_no_error (error);
  g_assert_nonnull (sb_store_create_application (bank->store, NULL, "Globex", "", &error));
  g_assert_true (sb_store_set_current_application (bank->store, application, &error));
  g_assert_no_error (error);

  dialog = open_dialog (bank);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (sb_cheat_sheet_dialog_get_for_row (dialog))));
  sb_cheat_sheet_dialog_get_options (dialog, &options);
  g_assert_cmpstr (options.application_slug, ==, sb_application_get_slug (application));
  /* No themes to choose for a loop's sheet. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (sb_cheat_sheet_dialog_get_framework_row (dialog))));
  sb_cheat_sheet_dialog_flush (dialog);
  g_assert_nonnull (sb_cheat_sheet_dialog_get_preview_sheet (dialog));

  /* Back to every story. */
  adw_combo_row_set_selected (sb_cheat_sheet_dialog_get_for_row (dialog), 0);
  sb_cheat_sheet_dialog_get_options (dialog, &options);
  g_assert_null (options.application_slug);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (sb_cheat_sheet_dialog_get_framework_row (dialog))));
  close_dialog (dialog);
}

static void
test_window_opens_dialog (void)
{
  g_autoptr(Bank) bank = bank_new ();
  SbCheatSheetDialog *dialog = NULL;
  SbWindow *window = sb_window_new (NULL, bank->store);

  gtk_window_present (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (count_dialogs (&dialog), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-pdf", NULL));
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (count_dialogs (&dialog), ==, 1);
  g_assert_true (sb_cheat_sheet_dialog_get_store (dialog) == bank->store);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print", NULL));
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (count_dialogs (&dialog), ==, 1);

  /* Closing it (Escape) leaves no dialog behind. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (count_dialogs (&dialog), ==, 0);

  /* And Print… opens a fresh one afterwards. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print", NULL));
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (count_dialogs (&dialog), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (count_dialogs (&dialog), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);

  g_test_add_func ("/cheat-sheet-dialog/defaults", test_dialog_defaults);
  g_test_add_func ("/cheat-sheet-dialog/untick", test_dialog_untick);
  g_test_add_func ("/cheat-sheet-dialog/preview-follows", test_dialog_preview_follows);
  g_test_add_func ("/cheat-sheet-dialog/name", test_dialog_name);
  g_test_add_func ("/cheat-sheet-dialog/paper", test_dialog_paper);
  g_test_add_func ("/cheat-sheet-dialog/framework", test_dialog_framework);
  g_test_add_func ("/cheat-sheet-dialog/remembers-framework", test_dialog_remembers_framework);
  g_test_add_func ("/cheat-sheet-dialog/framework-names", test_dialog_framework_names);
  g_test_add_func ("/cheat-sheet-dialog/for-application", test_dialog_for_application);
  g_test_add_func ("/cheat-sheet-dialog/window", test_window_opens_dialog);

  return g_test_run ();
}
