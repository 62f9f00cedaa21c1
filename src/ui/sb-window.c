/* sb-window.c — the main window: the Stories page, the bank, undo, closing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-applications-page.h"
#include "sb-backup.h"
#include "sb-backups-dialog.h"
#include "sb-cheat-sheet-dialog.h"
#include "sb-current-application-button.h"
#include "sb-example.h"
#include "sb-exchange.h"
#include "sb-label.h"
#include "sb-menu-button.h"
#include "sb-next-fixes-dialog.h"
#include "sb-settings.h"
#include "sb-story-editor.h"
#include "sb-story-list.h"
#include "sb-ui-resources.h"
#include "sb-window-private.h"
#include "sb-window.h"

G_DEFINE_FINAL_TYPE (SbWindow, sb_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- messages -------------------------------------------------------- */

AdwToast *
_sb_window_show_toast (SbWindow   *self,
                       const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  g_set_weak_pointer (&self->last_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return toast;
}

void
_sb_window_show_error (SbWindow     *self,
                       const char   *heading,
                       const GError *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_failed_cb (SbWindow      *self,
                const GError  *error,
                SbStoryEditor *editor)
{
  g_autofree char *title = NULL;

  /* A last try while the window goes away has no one left to tell. */
  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->toast_overlay == NULL)
    return;
  title = g_strdup_printf (_("Not saved: %s"), error->message);
  _sb_window_show_toast (self, title);
}

static void
store_save_failed_cb (SbWindow     *self,
                      SbStory      *story,
                      const GError *error,
                      SbStore      *store)
{
  g_autofree char *title = NULL;

  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->toast_overlay == NULL)
    return;
  /* Busy is not a failure: the editor says "Waiting for the bank…". */
  if (g_error_matches (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_BUSY))
    return;
  /* Translators: %s is the story's title, then why the bank refused it */
  title = g_strdup_printf (_("“%s” is not saved yet, trying again: %s"),
                           sb_story_get_display_title (story), error->message);
  _sb_window_show_toast (self, title);
}

static void
changed_elsewhere_cb (SbWindow *self,
                      SbStory  *story,
                      SbStore  *store)
{
  g_autofree char *title = NULL;

  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->toast_overlay == NULL)
    return;
  title = g_strdup_printf (_("“%s” was changed elsewhere too; the other text is kept in its notes"),
                           sb_story_get_display_title (story));
  _sb_window_show_toast (self, title);
}

/* ---- the bank file ------------------------------------------------------ */

/* A bank the person cannot write opens read-only on purpose: say so above
 * everything and turn editing off, rather than fail every save. A bank
 * others could read was made private on opening: say so once. */
static void
show_bank_state (SbWindow *self)
{
  SbDatabase *db = sb_store_get_database (self->store);

  if (sb_store_is_read_only (self->store))
    {
      g_autofree char *text =
        g_strdup_printf (_("%s Editing is off; your stories are shown as they are."),
                         sb_database_get_read_only_reason (db));

      /* One line that fits a narrow window; the whole reason on hover and
       * for a screen reader. */
      gtk_label_set_label (self->read_only_label,
                           sb_database_is_damaged (db) ? _("This bank is damaged: editing is off")
                                                       : _("This bank is read-only: editing is off"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->read_only_banner), text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->read_only_label),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
      gtk_widget_set_visible (GTK_WIDGET (self->read_only_banner), TRUE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-story", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-story", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
      sb_story_editor_set_editable (self->story_editor, FALSE);
    }
  else if (sb_database_get_tightened (db))
    {
      g_autofree char *display = g_filename_display_name (sb_database_get_path (db));
      g_autofree char *title = g_strdup_printf (_("“%s” could be read by other users; it is now private to you"),
                                                display);
      _sb_window_show_toast (self, title);
    }
}

/* ---- other programs on the same bank --------------------------------- */

#define SYNC_INTERVAL_MS 2000

static void
sync_with_bank (SbWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !sb_store_sync (self->store, &error) &&
      !g_error_matches (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_BUSY))
    g_debug ("Could not read the bank's latest changes: %s", error->message);
}

static gboolean
sync_timeout_cb (gpointer user_data)
{
  sync_with_bank (user_data);
  return G_SOURCE_CONTINUE;
}

/* Coming back to the window is when a person expects to see what they did
 * elsewhere; while it is active a cheap check (PRAGMA data_version) every
 * two seconds catches a window beside it. An inactive window does no work. */

static void
is_active_cb (SbWindow   *self,
              GParamSpec *pspec)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    {
      sync_with_bank (self);
      /* Days pass, and other programs log practice. */
      _sb_window_queue_practice_badge (self);
      /* The day may have changed while the laptop slept. */
      if (self->current_button != NULL)
        sb_current_application_button_update (SB_CURRENT_APPLICATION_BUTTON (self->current_button));
      if (self->sync_source_id == 0)
        self->sync_source_id = g_timeout_add (SYNC_INTERVAL_MS, sync_timeout_cb, self);
    }
  else
    g_clear_handle_id (&self->sync_source_id, g_source_remove);
}

/* ---- pages ----------------------------------------------------------- */

void
_sb_window_update_stories_stack (SbWindow *self)
{
  gboolean empty = sb_store_get_n_stories (self->store) == 0;

  gtk_stack_set_visible_child_name (self->stories_stack, empty ? "welcome" : "bank");
}

static void
stories_changed_cb (SbWindow   *self,
                    guint       position,
                    guint       removed,
                    guint       added,
                    GListModel *stories)
{
  _sb_window_update_stories_stack (self);
  _sb_window_queue_practice_badge (self);
}

static void show_undo_toast (SbWindow *self);

static gboolean
story_is_blank (SbStore *store,
                SbStory *story)
{
  g_autoptr(GArray) themes = NULL;
  g_auto(GStrv) questions = NULL;

  for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
    {
      g_autofree char *text = g_strstrip (g_strdup (sb_story_get_field (story, f)));
      if (*text != '\0')
        return FALSE;
    }
  themes = sb_store_get_story_themes (store, story);
  questions = sb_store_get_story_questions (store, story);
  return themes->len == 0 && questions[0] == NULL;
}

/* Ctrl+N and then elsewhere used to leave an "Untitled story" behind that
 * went on to appear everywhere. A new story left blank goes again, with
 * Undo in a toast (and Ctrl+Z). */
static void
remove_if_left_blank (SbWindow *self,
                      gboolean  announce)
{
  SbStory *fresh = self->fresh_story;
  g_autoptr(SbDeletedStory) deleted = NULL;

  if (fresh == NULL)
    return;
  g_clear_weak_pointer (&self->fresh_story);
  if (sb_store_find_story (self->store, sb_story_get_uuid (fresh)) != fresh ||
      !story_is_blank (self->store, fresh))
    return;
  deleted = sb_store_delete_story (self->store, fresh, NULL);
  if (deleted != NULL && announce)
    {
      show_undo_toast (self);
      if (self->undo_toast != NULL)
        adw_toast_set_title (self->undo_toast, _("The empty new story was removed"));
    }
}

static void
selected_story_cb (SbWindow    *self,
                   GParamSpec  *pspec,
                   SbStoryList *list)
{
  SbStory *selected = sb_story_list_get_selected_story (list);

  sb_story_editor_set_story (self->story_editor, selected);
  if (self->fresh_story != NULL && selected != self->fresh_story)
    remove_if_left_blank (self, TRUE);
  /* The next start opens on this story again, not the first one. */
  if (selected != NULL && self->settings != NULL && !self->restoring_selection)
    g_settings_set_string (self->settings, "last-story", sb_story_get_uuid (selected));
}

static void
select_last_story (SbWindow *self)
{
  g_autofree char *uuid = NULL;
  SbStory *story;

  if (self->settings == NULL)
    return;
  uuid = g_settings_get_string (self->settings, "last-story");
  story = sb_store_find_story (self->store, uuid);
  if (story != NULL)
    {
      self->restoring_selection = TRUE;
      sb_story_list_select_story (self->story_list, story);
      self->restoring_selection = FALSE;
    }
}

void
_sb_window_show_editor (SbWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->story_editor));
}

static void
story_activated_cb (SbWindow    *self,
                    SbStory     *story,
                    SbStoryList *list)
{
  if (adw_leaflet_get_folded (self->leaflet))
    _sb_window_show_editor (self);
}

static void
leaflet_folded_cb (SbWindow   *self,
                   GParamSpec *pspec,
                   AdwLeaflet *leaflet)
{
  sb_story_editor_set_show_back (self->story_editor, adw_leaflet_get_folded (leaflet));
}

/* ---- actions: stories ------------------------------------------------ */

static void
new_story_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  SbStory *story;

  sb_story_editor_flush (self->story_editor);
  sb_window_show_page (self, "stories");
  /* A search would hide the new, empty story straight away. */
  sb_story_list_set_search_text (self->story_list, "");

  story = sb_store_create_story (self->store, "", &error);
  if (story == NULL)
    {
      _sb_window_show_error (self, _("Could Not Add a Story"), error);
      return;
    }
  _sb_window_update_stories_stack (self);
  sb_story_list_select_story (self->story_list, story);
  g_set_weak_pointer (&self->fresh_story, story);
  _sb_window_show_editor (self);
  sb_story_editor_focus_title (self->story_editor);
}

static void
undo_toast_dismissed_cb (SbWindow *self,
                         AdwToast *toast)
{
  if (self->undo_toast == toast)
    self->undo_toast = NULL;
}

/* A toast that names the action just done, with an Undo button. It goes
 * when another action is recorded: its Undo would no longer undo it. */
static void
show_undo_toast (SbWindow *self)
{
  const char *label = sb_store_get_undo_label (self->store);
  g_autofree char *title = NULL;

  if (label == NULL)
    return;
  /* Translators: an action that was just done and can be undone */
  title = g_strdup_printf (_("Done: %s"), label);
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  self->undo_toast = _sb_window_show_toast (self, title);
  self->undo_toast_serial = sb_store_get_history_serial (self->store);
  adw_toast_set_button_label (self->undo_toast, _("_Undo"));
  adw_toast_set_action_name (self->undo_toast, "win.undo");
  adw_toast_set_priority (self->undo_toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (self->undo_toast, "dismissed",
                           G_CALLBACK (undo_toast_dismissed_cb), self, G_CONNECT_SWAPPED);
}

static void
history_changed_cb (SbWindow *self,
                    SbStore  *store)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", sb_store_get_undo_label (store) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-delete", sb_store_get_undo_label (store) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", sb_store_get_redo_label (store) != NULL);
  if (self->undo_toast != NULL && sb_store_get_history_serial (store) != self->undo_toast_serial)
    {
      AdwToast *toast = g_steal_pointer (&self->undo_toast);
      adw_toast_dismiss (toast);
    }
}

static void
announce_undo_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  show_undo_toast (SB_WINDOW (widget));
}

static void
delete_story_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  SbStory *story = sb_story_editor_get_story (self->story_editor);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDeletedStory) deleted = NULL;

  if (story == NULL)
    return;

  /* Keep the last words typed: undo brings back exactly what was there. */
  sb_story_editor_flush (self->story_editor);
  /* The store's history keeps its own copy for Ctrl+Z and the toast. */
  deleted = sb_store_delete_story (self->store, story, &error);
  if (deleted == NULL)
    {
      _sb_window_show_error (self, _("Could Not Delete the Story"), error);
      return;
    }
  show_undo_toast (self);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->story_list));
}

/* Undo and redo of what the person did (the store keeps the steps); in a
 * text field, Ctrl+Z is the field's own undo first. */
static void
replay_step (SbWindow *self,
             gboolean  undo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = g_strdup (undo ? sb_store_get_undo_label (self->store)
                                          : sb_store_get_redo_label (self->store));
  g_autofree char *title = NULL;
  SbStory *story = NULL;
  guint n_before;
  gboolean ok;

  if (label == NULL)
    return;
  sb_story_editor_flush (self->story_editor);
  if (self->undo_toast != NULL)
    {
      AdwToast *toast = g_steal_pointer (&self->undo_toast);
      adw_toast_dismiss (toast);
    }

  n_before = sb_store_get_n_stories (self->store);
  ok = undo ? sb_store_undo (self->store, &story, &error) : sb_store_redo (self->store, &story, &error);
  if (!ok)
    {
      /* Translators: %s says what could not be undone, then why */
      title = g_strdup_printf (_("Could not undo “%s”: %s"), label, error->message);
      _sb_window_show_toast (self, title);
      return;
    }

  /* A story that came back is shown, as it was before it went. */
  _sb_window_update_stories_stack (self);
  if (story != NULL && sb_store_get_n_stories (self->store) > n_before)
    {
      sb_window_show_page (self, "stories");
      sb_story_list_select_story (self->story_list, story);
    }

  title = undo ? g_strdup_printf (_("Undone: %s"), label) : g_strdup_printf (_("Redone: %s"), label);
  _sb_window_show_toast (self, title);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  replay_step (SB_WINDOW (widget), TRUE);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  replay_step (SB_WINDOW (widget), FALSE);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  sb_story_editor_flush (self->story_editor);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->story_list));
  gtk_widget_grab_focus (GTK_WIDGET (self->story_list));
}

/* A story named by its id, shown in the editor (from a question's answers). */
static void
show_story_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  SbStory *story = sb_store_find_story (self->store, g_variant_get_string (parameter, NULL));

  if (story == NULL)
    return;
  sb_window_show_page (self, "stories");
  sb_story_list_set_search_text (self->story_list, "");
  sb_story_list_select_story (self->story_list, story);
  _sb_window_show_editor (self);
}

/* ---- settings -------------------------------------------------------- */

static void
restore_window_state (SbWindow *self)
{
  if (self->settings == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (SbWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static gboolean
close_unsaved_idle_cb (gpointer user_data)
{
  SbWindow *self = user_data;

  self->close_unsaved = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
close_unsaved_response_cb (SbWindow         *self,
                           const char       *response,
                           AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;
  /* Once the dialog has closed itself: it still points at us until then. */
  g_idle_add_full (G_PRIORITY_DEFAULT, close_unsaved_idle_cb, g_object_ref (self), g_object_unref);
}

/* Closing must not throw away what the bank refused to take: say so and
 * let the person keep the window, copy the text out, and try again. */
static void
ask_close_unsaved (SbWindow *self)
{
  GtkWidget *dialog;

  guint n = sb_store_get_n_unsaved (self->store);
  g_autofree char *body = NULL;

  body = g_strdup_printf (ngettext ("The bank could not store your latest edit of %u story. If you "
                                    "close now, it is lost. Keep the window open: Storybank keeps "
                                    "trying, and the story list marks what is not saved.",
                                    "The bank could not store your latest edits of %u stories. If you "
                                    "close now, they are lost. Keep the window open: Storybank keeps "
                                    "trying, and the story list marks what is not saved.", n), n);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Your Last Changes Are Not Saved"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Window Open"),
                                    "discard", _("_Close Without Saving"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_unsaved_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
sb_window_close_request (GtkWindow *window)
{
  SbWindow *self = SB_WINDOW (window);

  remove_if_left_blank (self, FALSE);
  if (!sb_window_flush (self) && !self->close_unsaved)
    {
      ask_close_unsaved (self);
      return GDK_EVENT_STOP;
    }
  save_window_state (self);

  return GTK_WINDOW_CLASS (sb_window_parent_class)->close_request (window);
}

/* ---- construction ---------------------------------------------------- */

/* The bank was opened before its pages were checked; the verdict. */
static void
bank_checked_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SbWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (sb_database_check_finish (SB_DATABASE (source), result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->check_cancellable == NULL)
    return;
  /* Damaged: the bank is read-only now; say so, as for a bank opened
   * read-only, and point to the backups. */
  show_bank_state (self);
}

static void
first_paint_cb (GdkFrameClock *clock,
                SbWindow      *self)
{
  SbDatabase *db = sb_store_get_database (self->store);

  g_clear_signal_handler (&self->first_paint_id, clock);
  /* Also when a write during start-up already found damage: the verdict
   * is then at hand, and said the same way. */
  if ((sb_database_get_check_pending (db) || sb_database_is_damaged (db)) &&
      self->check_cancellable == NULL)
    {
      self->check_cancellable = g_cancellable_new ();
      sb_database_check_async (db, self->check_cancellable, bank_checked_cb, g_object_ref (self));
    }
  _sb_window_start_daily_backup (self);
  _sb_window_pages_after_first_frame (self);
  _sb_window_start_bench_session (self);
}

static void
window_realized_cb (SbWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock != NULL && self->first_paint_id == 0)
    self->first_paint_id = g_signal_connect_object (clock, "after-paint", G_CALLBACK (first_paint_cb),
                                                    self, G_CONNECT_AFTER);
}

static void
sb_window_constructed (GObject *object)
{
  SbWindow *self = SB_WINDOW (object);
  AdwLeafletPage *separator_page;
  GtkWidget *separator;

  G_OBJECT_CLASS (sb_window_parent_class)->constructed (object);

  g_return_if_fail (SB_IS_STORE (self->store));

  if (!sb_store_is_read_only (self->store))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SbStory) example = sb_example_seed (self->store, &error);

      /* The bank opens all the same; the example is a nicety. */
      if (error != NULL)
        g_debug ("Could not add the example story: %s", error->message);
    }

  self->story_list = SB_STORY_LIST (sb_story_list_new (self->store));
  gtk_widget_set_size_request (GTK_WIDGET (self->story_list), 280, -1);
  self->story_editor = SB_STORY_EDITOR (sb_story_editor_new (self->store));
  gtk_widget_set_size_request (GTK_WIDGET (self->story_editor), 360, -1);
  gtk_widget_set_hexpand (GTK_WIDGET (self->story_editor), TRUE);
  separator = gtk_separator_new (GTK_ORIENTATION_VERTICAL);

  adw_leaflet_append (self->leaflet, GTK_WIDGET (self->story_list));
  separator_page = adw_leaflet_append (self->leaflet, separator);
  adw_leaflet_page_set_navigatable (separator_page, FALSE);
  adw_leaflet_append (self->leaflet, GTK_WIDGET (self->story_editor));
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->story_list));

  g_signal_connect_object (self->story_list, "notify::selected-story",
                           G_CALLBACK (selected_story_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->story_list, "story-activated",
                           G_CALLBACK (story_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->story_editor, "save-failed",
                           G_CALLBACK (save_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "save-failed",
                           G_CALLBACK (store_save_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed-elsewhere",
                           G_CALLBACK (changed_elsewhere_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "history-changed",
                           G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
  history_changed_cb (self, self->store);
  g_signal_connect_object (self->store, "practice-logged",
                           G_CALLBACK (_sb_window_queue_practice_badge), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (is_active_cb), NULL);
  sb_store_set_interactive (self->store, TRUE);
  g_signal_connect_object (sb_store_get_stories (self->store), "items-changed",
                           G_CALLBACK (stories_changed_cb), self, G_CONNECT_SWAPPED);

  select_last_story (self);
  sb_story_editor_set_story (self->story_editor, sb_story_list_get_selected_story (self->story_list));
  sb_story_editor_set_show_back (self->story_editor, adw_leaflet_get_folded (self->leaflet));
  _sb_window_update_stories_stack (self);

  _sb_window_add_pages (self);

  /* The daily backup (a thread copying the bank) and the Practice badge
   * (a query over every story's rehearsals) wait for the first frame. */
  g_signal_connect (self, "realize", G_CALLBACK (window_realized_cb), NULL);
  _sb_window_watch_midnight (self);

  show_bank_state (self);
  sb_menu_button_hide_tooltip_while_open (self->menu_button);

  restore_window_state (self);
  if (self->settings != NULL)
    {
      g_autofree char *page = g_settings_get_string (self->settings, "last-page");
      sb_window_show_page (self, page);
    }
}

static void
sb_window_dispose (GObject *object)
{
  SbWindow *self = SB_WINDOW (object);

  g_clear_handle_id (&self->sync_source_id, g_source_remove);
  g_clear_handle_id (&self->badge_source_id, g_source_remove);
  g_clear_handle_id (&self->warm_source_id, g_source_remove);
  g_clear_handle_id (&self->build_pages_id, g_source_remove);
  if (self->style_pages_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->style_pages_id);
  self->style_pages_id = 0;
  _sb_window_stop_warming_pages (self);
  g_clear_handle_id (&self->midnight_source_id, g_source_remove);
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  _sb_window_dispose_files (self);
  g_clear_weak_pointer (&self->fresh_story);
  if (self->store != NULL)
    sb_store_save_pending (self->store, NULL);
  /* Tearing the stack down changes its visible page; that is not the person
   * choosing a page, so it must not overwrite the remembered one. */
  if (self->view_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->view_stack, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_WINDOW);
  g_clear_weak_pointer (&self->last_toast);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_window_parent_class)->dispose (object);
}

static void
sb_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SbWindow *self = SB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SbWindow *self = SB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_window_class_init (SbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = sb_window_constructed;
  object_class->dispose = sb_window_dispose;
  object_class->get_property = sb_window_get_property;
  object_class->set_property = sb_window_set_property;
  window_class->close_request = sb_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Keeps the shell's resources in the link (see sb-app.c). */
  (void) sb_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/storybank/Storybank/sb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, read_only_banner);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, stories_stack);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, leaflet);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);

  gtk_widget_class_install_action (widget_class, "win.new-story", NULL, new_story_action);
  gtk_widget_class_install_action (widget_class, "win.delete-story", NULL, delete_story_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.announce-undo", NULL, announce_undo_action);
  /* Bubble phase: a text field that can undo its own typing does so first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.show-story", "s", show_story_action);
  _sb_window_install_file_actions (widget_class);
  _sb_window_install_page_actions (widget_class);

  /* Without an application (tests) the shortcuts still work. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-story", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
sb_window_init (SbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The welcome page's wrapping text: see sb-label.h. */
  sb_label_narrow_wrapping (GTK_WIDGET (self->stories_stack));
  self->settings = sb_settings_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-delete", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", FALSE);
}

SbWindow *
sb_window_new (GtkApplication *app,
               SbStore        *store)
{
  g_return_val_if_fail (app == NULL || GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  return g_object_new (SB_TYPE_WINDOW, "application", app, "store", store, NULL);
}

SbStore *
sb_window_get_store (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);

  return self->store;
}

gboolean
sb_window_flush (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);

  if (self->applications_page != NULL &&
      !sb_applications_page_flush (SB_APPLICATIONS_PAGE (self->applications_page)))
    return FALSE;
  return self->store == NULL || sb_store_save_pending (self->store, NULL);
}

SbStoryEditor *
sb_window_get_story_editor (SbWindow *self)
{
  return self->story_editor;
}

SbStoryList *
sb_window_get_story_list (SbWindow *self)
{
  return self->story_list;
}

GtkWidget *
sb_window_get_last_dialog (SbWindow *self)
{
  return self->last_dialog;
}

const char *
sb_window_get_banner_text (SbWindow *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->read_only_banner)))
    return NULL;
  return gtk_widget_get_tooltip_text (GTK_WIDGET (self->read_only_banner));
}

AdwToast *
sb_window_get_last_toast (SbWindow *self)
{
  return self->last_toast;
}

