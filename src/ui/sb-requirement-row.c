/* sb-requirement-row.c — one requirement of a job description, with the
 * stories that prove it
 *
 * The text is edited in place and written 400 ms after the last key, or
 * when the focus leaves, the row goes or the application changes. Linked
 * stories are chips: the title opens the story, × unlinks it. A
 * requirement no story proves says so in words and in the error colour,
 * as a theme without stories does on the Coverage page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-requirement-row"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sb-chip.h"
#include "sb-coach.h"
#include "sb-error-dialog.h"
#include "sb-label.h"
#include "sb-requirement-row.h"
#include "sb-wrap-box.h"

#define SAVE_DELAY_MS 400
#define SUGGESTIONS 8
/* A button's height in Adwaita: text beside one is centred on it. */
#define LINE_HEIGHT 34

struct _SbRequirementRow
{
  GtkListBoxRow   parent_instance;

  SbStore        *store;
  SbApplication  *application;
  SbRequirement  *requirement;
  guint           save_id;
  gboolean        loading;

  GtkTextView    *view;
  SbWrapBox      *chips;
  GtkWidget      *missing;
  GtkMenuButton  *link_button;
  SbStoryChooser *chooser;
};

G_DEFINE_FINAL_TYPE (SbRequirementRow, sb_requirement_row, GTK_TYPE_LIST_BOX_ROW)

/* ---- the text ---------------------------------------------------------- */

/* A requirement is one line: a pasted line break becomes a space. */
char *
sb_requirement_row_dup_text (SbRequirementRow *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  char *text;

  g_return_val_if_fail (SB_IS_REQUIREMENT_ROW (self), NULL);

  buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strdelimit (text, "\r\n", ' ');
}

static void
set_text (SbRequirementRow *self,
          const char       *text)
{
  self->loading = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->view), text, -1);
  self->loading = FALSE;
}

/* @report FALSE: the row is going away (its requirement perhaps with it),
 * and there is no one left to tell. */
static gboolean
flush_full (SbRequirementRow *self,
            gboolean          report)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->save_id == 0)
    return TRUE;
  g_clear_handle_id (&self->save_id, g_source_remove);
  /* Gone with a split, a merge or an import: nothing to write to. */
  if (sb_store_get_requirement_application (self->store, self->requirement) == NULL)
    return TRUE;
  text = sb_requirement_row_dup_text (self);
  if (g_strcmp0 (text, sb_requirement_get_text (self->requirement)) == 0)
    return TRUE;
  if (!sb_store_set_requirement_text (self->store, self->requirement, text, &error))
    {
      if (report)
        sb_error_dialog_show (GTK_WIDGET (self), _("Could Not Save the Requirement"), error);
      else
        g_debug ("A requirement's last edit is lost: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
sb_requirement_row_flush (SbRequirementRow *self)
{
  g_return_val_if_fail (SB_IS_REQUIREMENT_ROW (self), FALSE);
  return flush_full (self, TRUE);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  SbRequirementRow *self = user_data;

  /* flush() clears the id itself; keep the source alive until then. */
  sb_requirement_row_flush (self);
  return G_SOURCE_REMOVE;
}

static void
entry_changed_cb (SbRequirementRow *self)
{
  if (self->loading)
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
text_changed_cb (SbRequirementRow *self)
{
  g_autofree char *shown = NULL;

  /* Someone else's change (a merge, an undo) wins only over saved text. */
  if (self->save_id != 0)
    return;
  shown = sb_requirement_row_dup_text (self);
  if (g_strcmp0 (shown, sb_requirement_get_text (self->requirement)) == 0)
    return;
  set_text (self, sb_requirement_get_text (self->requirement));
}

static void
focus_leave_cb (SbRequirementRow *self)
{
  sb_requirement_row_flush (self);
}

/* Enter ends the line rather than breaking it. */
static gboolean
key_pressed_cb (SbRequirementRow *self,
                guint             keyval,
                guint             keycode,
                GdkModifierType   state)
{
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return GDK_EVENT_PROPAGATE;
  sb_requirement_row_flush (self);
  return GDK_EVENT_STOP;
}

/* ---- linked stories ---------------------------------------------------- */

static void
open_story_clicked_cb (GtkButton        *button,
                       SbRequirementRow *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (button), "sb-uuid");

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-story", "s", uuid);
}

static void
unlink_clicked_cb (GtkButton        *button,
                   SbRequirementRow *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (button), "sb-uuid");
  SbStory *story = sb_store_find_story (self->store, uuid);
  g_autoptr(GError) error = NULL;

  if (story != NULL &&
      !sb_store_set_requirement_story (self->store, self->requirement, story, FALSE, &error))
    sb_error_dialog_show (GTK_WIDGET (self), _("Could Not Unlink the Story"), error);
}

static void
update_stories (SbRequirementRow *self)
{
  const char * const *uuids = sb_requirement_get_story_uuids (self->requirement);
  guint n = 0;

  /* One line: "No story yet" or the chips, then "Link a Story…" (the two
   * are kept by the row while the line is rebuilt). */
  sb_wrap_box_remove_all (self->chips);
  for (guint i = 0; uuids != NULL && uuids[i] != NULL; i++)
    {
      SbStory *story = sb_store_find_story (self->store, uuids[i]);

      const char *title;
      g_autofree char *open_name = NULL;
      g_autofree char *remove_name = NULL;

      if (story == NULL)
        continue;
      title = sb_story_get_display_title (story);
      /* Translators: %s is a story's title */
      open_name = g_strdup_printf (_("Open “%s”"), title);
      /* Translators: %s is a story's title */
      remove_name = g_strdup_printf (_("Unlink “%s”"), title);
      sb_wrap_box_append (self->chips,
                          sb_chip_new (title, open_name, remove_name, G_CALLBACK (open_story_clicked_cb),
                                       G_CALLBACK (unlink_clicked_cb), "sb-uuid", uuids[i], self));
      n++;
    }
  if (n == 0)
    sb_wrap_box_append (self->chips, self->missing);
  sb_wrap_box_append (self->chips, GTK_WIDGET (self->link_button));
  gtk_widget_set_visible (self->missing, n == 0);
  if (n == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "requirement-missing");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "requirement-missing");
  if (self->chooser != NULL)
    sb_story_chooser_set_excluded (self->chooser, uuids);
}

static GPtrArray *
rank_cb (SbStoryChooser *chooser,
         gpointer        user_data)
{
  SbRequirementRow *self = user_data;

  sb_requirement_row_flush (self);
  return sb_coach_suggest_for_requirement (self->store, self->requirement, SUGGESTIONS);
}

static void
story_chosen_cb (SbRequirementRow *self,
                 SbStory          *story)
{
  g_autoptr(GError) error = NULL;

  if (!sb_store_set_requirement_story (self->store, self->requirement, story, TRUE, &error))
    sb_error_dialog_show (GTK_WIDGET (self), _("Could Not Link the Story"), error);
}

/* The chooser is made when first opened: an application's rows would
 * otherwise build one each (~1.3 M instructions, and its widgets kept)
 * for the few a person opens. */
static SbStoryChooser *
ensure_chooser (SbRequirementRow *self)
{
  if (self->chooser != NULL)
    return self->chooser;
  self->chooser = SB_STORY_CHOOSER (sb_story_chooser_new (self->store));
  sb_story_chooser_set_rank_func (self->chooser, rank_cb, self, NULL);
  sb_story_chooser_set_excluded (self->chooser, sb_requirement_get_story_uuids (self->requirement));
  g_signal_connect_object (self->chooser, "story-chosen", G_CALLBACK (story_chosen_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (self->link_button, GTK_WIDGET (self->chooser));
  return self->chooser;
}

static void
create_chooser_cb (GtkMenuButton *button,
                   gpointer       user_data)
{
  ensure_chooser (user_data);
}

/* ---- actions ----------------------------------------------------------- */

static SbRequirement *
next_requirement (SbRequirementRow *self)
{
  GListModel *model = sb_application_get_requirements (self->application);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i + 1 < n; i++)
    {
      g_autoptr(SbRequirement) requirement = g_list_model_get_item (model, i);

      if (requirement == self->requirement)
        return g_list_model_get_item (model, i + 1);
    }
  return NULL;
}

static void
merge_next_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SbRequirementRow *self = SB_REQUIREMENT_ROW (widget);
  g_autoptr(SbRequirement) next = next_requirement (self);
  g_autoptr(GError) error = NULL;

  if (next == NULL || !sb_requirement_row_flush (self))
    return;
  if (!sb_store_merge_requirements (self->store, self->requirement, next, &error))
    sb_error_dialog_show (GTK_WIDGET (self), _("Could Not Merge the Requirements"), error);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SbRequirementRow *self = SB_REQUIREMENT_ROW (widget);
  g_autoptr(SbRequirement) requirement = g_object_ref (self->requirement);
  g_autoptr(GError) error = NULL;

  /* What was typed goes with it. */
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (!sb_store_delete_requirement (self->store, requirement, &error))
    sb_error_dialog_show (GTK_WIDGET (self), _("Could Not Delete the Requirement"), error);
}

static void
update_actions (SbRequirementRow *self)
{
  g_autoptr(SbRequirement) next = next_requirement (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "requirement.merge-next", next != NULL);
}

/* ---- GObject ------------------------------------------------------------ */

static void
sb_requirement_row_unmap (GtkWidget *widget)
{
  flush_full (SB_REQUIREMENT_ROW (widget), FALSE);
  GTK_WIDGET_CLASS (sb_requirement_row_parent_class)->unmap (widget);
}

static void
sb_requirement_row_dispose (GObject *object)
{
  SbRequirementRow *self = SB_REQUIREMENT_ROW (object);

  if (self->requirement != NULL && self->store != NULL)
    flush_full (self, FALSE);
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->link_button != NULL)
    gtk_menu_button_set_popover (self->link_button, NULL);
  self->chooser = NULL;
  g_clear_object (&self->link_button);
  g_clear_object (&self->missing);
  g_clear_object (&self->requirement);
  g_clear_object (&self->application);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_requirement_row_parent_class)->dispose (object);
}

static void
sb_requirement_row_class_init (SbRequirementRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_requirement_row_dispose;
  widget_class->unmap = sb_requirement_row_unmap;

  gtk_widget_class_install_action (widget_class, "requirement.merge-next", NULL, merge_next_action);
  gtk_widget_class_install_action (widget_class, "requirement.delete", NULL, delete_action);
}

static void
sb_requirement_row_init (SbRequirementRow *self)
{
}

static GtkWidget *
build_menu_button (void)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();

  g_menu_append (menu, _("_Merge With Next"), "requirement.merge-next");
  g_menu_append (menu, _("_Delete"), "requirement.delete");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Requirement Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Requirement Menu"), -1);
  return button;
}

static void
build (SbRequirementRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *missing_icon, *missing_label;
  GtkEventController *focus, *key;
  GtkWidget *frame;

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  /* Wrapped, so a long requirement reads whole in a narrow window. */
  self->view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->view, FALSE);
  gtk_text_view_set_top_margin (self->view, 6);
  gtk_text_view_set_bottom_margin (self->view, 6);
  gtk_text_view_set_left_margin (self->view, 8);
  gtk_text_view_set_right_margin (self->view, 8);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "requirement-text");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Requirement"), -1);
  set_text (self, sb_requirement_get_text (self->requirement));
  g_signal_connect_object (gtk_text_view_get_buffer (self->view), "changed", G_CALLBACK (entry_changed_cb),
                           self, G_CONNECT_SWAPPED);
  key = gtk_event_controller_key_new ();
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->view), key);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->view), focus);
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->view));
  gtk_widget_add_css_class (frame, "view");
  gtk_widget_set_hexpand (frame, TRUE);
  gtk_box_append (GTK_BOX (top), frame);
  gtk_box_append (GTK_BOX (top), build_menu_button ());

  self->chips = SB_WRAP_BOX (sb_wrap_box_new ());

  self->missing = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  missing_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (missing_icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_widget_set_visible (missing_icon, TRUE);
  missing_label = gtk_label_new (_("No story yet"));
  gtk_box_append (GTK_BOX (self->missing), missing_icon);
  gtk_box_append (GTK_BOX (self->missing), missing_label);
  gtk_widget_add_css_class (self->missing, "error");
  /* As tall as the button beside it, so the words sit on its line. */
  gtk_widget_set_size_request (self->missing, -1, LINE_HEIGHT);

  self->link_button = g_object_ref_sink (GTK_MENU_BUTTON (gtk_menu_button_new ()));
  gtk_menu_button_set_label (self->link_button, _("_Link a Story…"));
  gtk_menu_button_set_use_underline (self->link_button, TRUE);
  gtk_menu_button_set_create_popup_func (self->link_button, create_chooser_cb, self, NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->link_button),
                               _("Link a story that proves this requirement"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->link_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Link a Story"), -1);
  gtk_widget_add_css_class (GTK_WIDGET (self->link_button), "flat");


  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->chips));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
  /* The row itself takes no focus: Tab goes straight to its controls. */
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}

GtkWidget *
sb_requirement_row_new (SbStore       *store,
                        SbApplication *application,
                        SbRequirement *requirement)
{
  SbRequirementRow *self;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);
  g_return_val_if_fail (SB_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (SB_IS_REQUIREMENT (requirement), NULL);

  self = g_object_new (SB_TYPE_REQUIREMENT_ROW, NULL);
  self->store = g_object_ref (store);
  self->application = g_object_ref (application);
  self->requirement = g_object_ref (requirement);
  build (self);
  update_stories (self);
  update_actions (self);
  /* Its wrapping labels measured at 12 characters: see sb-label.h. */
  sb_label_narrow_wrapping (GTK_WIDGET (self));

  g_signal_connect_object (requirement, "notify::text", G_CALLBACK (text_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (requirement, "notify::n-stories", G_CALLBACK (update_stories),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sb_application_get_requirements (application), "items-changed",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

SbRequirement *
sb_requirement_row_get_requirement (SbRequirementRow *self)
{
  g_return_val_if_fail (SB_IS_REQUIREMENT_ROW (self), NULL);
  return self->requirement;
}

SbStoryChooser *
sb_requirement_row_get_chooser (SbRequirementRow *self)
{
  g_return_val_if_fail (SB_IS_REQUIREMENT_ROW (self), NULL);
  return ensure_chooser (self);
}

GtkTextView *
sb_requirement_row_get_text_view (SbRequirementRow *self)
{
  g_return_val_if_fail (SB_IS_REQUIREMENT_ROW (self), NULL);
  return self->view;
}

gboolean
sb_requirement_row_is_marked_missing (SbRequirementRow *self)
{
  g_return_val_if_fail (SB_IS_REQUIREMENT_ROW (self), FALSE);
  return gtk_widget_get_visible (self->missing);
}
