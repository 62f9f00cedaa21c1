/* test-backups-dialog.c — the Backups dialog: listing, preview, restore, back up now
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "sb-backup.h"
#include "sb-backups-dialog.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-window-private.h"

static void
add_story (SbStore    *store,
           const char *title)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (sb_store_create_story (store, title, &error));
  g_assert_no_error (error);
}

/* Runs the main loop until the dialog has read its list (the reading is in
 * a worker thread), for at most five seconds. */
static void
wait_for_list (SbBackupsDialog *dialog)
{
  gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (sb_backups_dialog_is_loading (dialog) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (sb_backups_dialog_is_loading (dialog));
  sb_test_iterate_main_loop ();
}

static gboolean
tree_has_label (GtkWidget  *root,
                const char *needle)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), needle) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (tree_has_label (child, needle))
      return TRUE;
  return FALSE;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Every button shows words, every backup row has a name a screen reader
 * says and takes keyboard focus; returns the number of rows. */
static guint
check_accessible (GtkWidget *widget)
{
  guint rows = 0;

  if (GTK_IS_BUTTON (widget) && !ADW_IS_SPLIT_BUTTON (gtk_widget_get_parent (widget)) &&
      gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW_CONTROLS) == NULL)
    g_assert_true (gtk_button_get_label (GTK_BUTTON (widget)) != NULL ||
                   gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL));
  if (GTK_IS_LIST_BOX_ROW (widget))
    {
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL));
      g_assert_true (gtk_widget_get_focusable (widget));
      rows++;
    }
  if (GTK_IS_LIST_BOX (widget))
    g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    rows += check_accessible (child);
  return rows;
}

static void
restored_cb (SbBackupsDialog *dialog,
             const char      *safety_path,
             char           **out)
{
  g_free (*out);
  *out = g_strdup (safety_path);
}

static void
test_list_preview_restore (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "storybank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (bank, &error);
  g_autofree char *old_backup = NULL;
  g_autofree char *safety = NULL;
  SbBackupsDialog *dialog;
  AdwMessageDialog *confirm;
  GPtrArray *backups;
  guint before;

  g_assert_no_error (error);
  add_story (store, "Checkout outage");
  old_backup = sb_backup_create (bank, SB_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);
  add_story (store, "Ledger migration");
  g_free (sb_backup_create (bank, SB_BACKUP_REASON_DAILY, &error));
  g_assert_no_error (error);

  dialog = sb_backups_dialog_new (NULL, store);
  g_signal_connect (dialog, "restored", G_CALLBACK (restored_cb), &safety);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for_list (dialog);

  backups = sb_backups_dialog_get_backups (dialog);
  g_assert_cmpuint (backups->len, ==, 2);
  /* Newest first and selected; its stories in the preview. */
  g_assert_cmpint (((SbBackupInfo *) backups->pdata[0])->reason, ==, SB_BACKUP_REASON_DAILY);
  g_assert_true (tree_has_label (GTK_WIDGET (dialog), "• Ledger migration"));
  g_assert_true (tree_has_label (GTK_WIDGET (dialog), "Daily · 2 stories"));
  g_assert_true (tree_has_label (GTK_WIDGET (dialog), "Made by hand · 1 story"));
  g_assert_cmpuint (check_accessible (GTK_WIDGET (dialog)), ==, 2);

  /* Restore asks first; cancelling changes nothing. */
  sb_backups_dialog_select (dialog, 1);
  g_assert_cmpstr (sb_backups_dialog_get_selected_path (dialog), ==, old_backup);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "backups.restore", NULL);
  confirm = find_message_dialog ();
  g_assert_nonnull (confirm);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), "backed up first"));
  adw_message_dialog_response (confirm, "cancel");
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (sb_store_get_n_stories (store), ==, 2);
  g_assert_null (safety);

  /* Confirmed, it restores, and the store shows the restored bank. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "backups.restore", NULL);
  confirm = find_message_dialog ();
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "restore");
  /* The copy runs in a worker: the dialog goes on meanwhile. */
  {
    gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (safety == NULL && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  sb_test_iterate_main_loop ();
  g_assert_nonnull (safety);
  g_assert_cmpuint (sb_store_get_n_stories (store), ==, 1);
  wait_for_list (dialog);
  backups = sb_backups_dialog_get_backups (dialog);
  g_assert_cmpuint (backups->len, ==, 3);
  g_assert_cmpstr (((SbBackupInfo *) backups->pdata[0])->path, ==, safety);

  /* Back Up Now adds one, in a worker. */
  before = backups->len;
  gtk_widget_activate_action (GTK_WIDGET (dialog), "backups.back-up-now", NULL);
  {
    gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while ((sb_backups_dialog_get_backups (dialog) == NULL ||
            sb_backups_dialog_get_backups (dialog)->len == before) &&
           g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  backups = sb_backups_dialog_get_backups (dialog);
  g_assert_cmpuint (backups->len, ==, before + 1);
  g_assert_cmpint (((SbBackupInfo *) backups->pdata[0])->reason, ==, SB_BACKUP_REASON_MANUAL);

  gtk_window_destroy (GTK_WINDOW (dialog));
  sb_test_iterate_main_loop ();
}

static void
test_empty (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "storybank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (bank, &error);
  SbBackupsDialog *dialog = sb_backups_dialog_new (NULL, store);

  gtk_window_present (GTK_WINDOW (dialog));
  wait_for_list (dialog);
  g_assert_cmpuint (sb_backups_dialog_get_backups (dialog)->len, ==, 0);
  g_assert_true (tree_has_label (GTK_WIDGET (dialog), "No Backups Yet"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  sb_test_iterate_main_loop ();
}

/* The window's primary menu opens it. */
static void
test_window_action (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "storybank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (bank, &error);
  SbWindow *window = sb_window_new (NULL, store);
  GListModel *toplevels = NULL;
  SbBackupsDialog *dialog = NULL;

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.backups", NULL);
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);
      if (SB_IS_BACKUPS_DIALOG (item))
        dialog = SB_BACKUPS_DIALOG (item);
    }
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  wait_for_list (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
}

static guint
count_reason (const char     *bank,
              SbBackupReason  reason)
{
  g_autoptr(GPtrArray) backups = sb_backup_list (bank, NULL);
  guint n = 0;

  for (guint i = 0; backups != NULL && i < backups->len; i++)
    n += ((SbBackupInfo *) backups->pdata[i])->reason == reason;
  return n;
}

static void
wait_for_reason (const char     *bank,
                 SbBackupReason  reason)
{
  gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (count_reason (bank, reason) == 0 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* Opening a window makes the day's backup (in a worker); an import from the
 * window is preceded by one, and then happens. */
static void
test_window_backs_up (void)
{
  static const char json[] =
    "{\"format\":\"storybank\",\"version\":2,\"stories\":[{\"title\":\"Imported story\"}],"
    "\"applications\":[{\"id\":\"acme\",\"company\":\"Acme\"}]}";
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "storybank.sqlite3");
  g_autofree char *json_path = sb_test_dir_file (dir, "in.json");
  g_autoptr(GFile) json_file = g_file_new_for_path (json_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (bank, &error);
  SbWindow *window;
  guint n;

  g_assert_no_error (error);
  add_story (store, "Mine");
  g_assert_true (g_file_set_contents (json_path, json, -1, NULL));

  window = sb_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_reason (bank, SB_BACKUP_REASON_DAILY);
  g_assert_cmpuint (count_reason (bank, SB_BACKUP_REASON_DAILY), ==, 1);

  n = sb_store_get_n_stories (store);
  sb_window_import_file (window, json_file);
  wait_for_reason (bank, SB_BACKUP_REASON_BEFORE_IMPORT);
  g_assert_cmpuint (count_reason (bank, SB_BACKUP_REASON_BEFORE_IMPORT), ==, 1);
  {
    gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (sb_store_get_n_stories (store) == n && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_cmpuint (sb_store_get_n_stories (store), ==, n + 1);
  /* The toast counts the applications the file brought too. */
  g_assert_nonnull (sb_window_get_last_toast (window));
  g_assert_cmpstr (adw_toast_get_title (sb_window_get_last_toast (window)), ==,
                   "Imported 1 new story · 1 application");

  /* The imported story open in the editor; restoring the backup made before
   * the import takes it away, and the window follows. */
  {
    GListModel *stories = sb_store_get_stories (store);
    g_autoptr(SbStory) imported = g_list_model_get_item (stories, g_list_model_get_n_items (stories) - 1);
    g_autoptr(GPtrArray) backups = sb_backup_list (bank, NULL);
    const char *before_import = NULL;
    SbBackupsDialog *dialog = sb_backups_dialog_new (GTK_WINDOW (window), store);
    SbStory *shown;

    g_assert_cmpstr (sb_story_get_title (imported), ==, "Imported story");
    sb_story_list_select_story (sb_window_get_story_list (window), imported);
    sb_test_iterate_main_loop ();
    g_assert_true (sb_story_editor_get_story (sb_window_get_story_editor (window)) == imported);

    for (guint i = 0; i < backups->len; i++)
      if (((SbBackupInfo *) backups->pdata[i])->reason == SB_BACKUP_REASON_BEFORE_IMPORT)
        before_import = ((SbBackupInfo *) backups->pdata[i])->path;
    wait_for_list (dialog);
    g_assert_true (sb_backups_dialog_restore (dialog, before_import, &error));
    g_assert_no_error (error);
    sb_test_iterate_main_loop ();

    g_assert_cmpuint (sb_store_get_n_stories (store), ==, n);
    g_assert_null (sb_store_find_story (store, sb_story_get_uuid (imported)));
    shown = sb_story_editor_get_story (sb_window_get_story_editor (window));
    g_assert_true (shown == NULL || sb_store_find_story (store, sb_story_get_uuid (shown)) == shown);
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);

  g_test_add_func ("/backups-dialog/list-preview-restore", test_list_preview_restore);
  g_test_add_func ("/backups-dialog/empty", test_empty);
  g_test_add_func ("/backups-dialog/window-action", test_window_action);
  g_test_add_func ("/backups-dialog/window-backs-up", test_window_backs_up);

  return g_test_run ();
}
