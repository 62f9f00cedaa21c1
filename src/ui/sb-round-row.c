/* sb-round-row.c — one interview of the loop: its name, its focus and the
 * stories planned for it
 *
 * The name is edited in place and written 400 ms after the last key, or
 * when the focus leaves or the row goes. The focus themes are chosen with
 * SbFocusPicker; stories are planned with the story chooser, ranked by the
 * focus as the proposed plan ranks them (sb_coach_rank_stories()). The plan's warnings about the round (a story also planned in
 * another round, a focus theme no planned story covers) sit under it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-round-row"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sb-chip.h"
#include "sb-coach.h"
#include "sb-error-dialog.h"
#include "sb-focus-picker.h"
#include "sb-label.h"
#include "sb-plan.h"
#include "sb-round-row.h"
#include "sb-wrap-box.h"

#define SAVE_DELAY_MS 400
#define SUGGESTIONS 8
/* A button's height in Adwaita: text beside one is centred on it. */
#define LINE_HEIGHT 34

struct _SbRoundRow
{
  GtkListBoxRow   parent_instance;

  SbStore        *store;
  SbApplication  *application;
  SbRound        *round;
  guint           save_id;
  gboolean        loading;
  guint           n_warnings;

  GtkEntry       *entry;
  SbWrapBox      *focus_chips;
  GtkWidget      *focus_empty;
  GtkMenuButton  *focus_button;
  SbWrapBox      *story_chips;
  GtkLabel       *count_label;
  GtkMenuButton  *plan_button;
  SbStoryChooser *chooser;
  GtkBox         *warnings_box;
};

G_DEFINE_FINAL_TYPE (SbRoundRow, sb_round_row, GTK_TYPE_LIST_BOX_ROW)

/* ---- the name ---------------------------------------------------------- */

static gboolean
flush_full (SbRoundRow *self,
            gboolean    report)
{
  g_autoptr(GError) error = NULL;
  const char *text;

  if (self->save_id == 0)
    return TRUE;
  g_clear_handle_id (&self->save_id, g_source_remove);
  /* Gone with a split, a merge or an import: nothing to write to. */
  if (sb_store_get_round_application (self->store, self->round) == NULL)
    return TRUE;
  text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  if (g_strcmp0 (text, sb_round_get_name (self->round)) == 0)
    return TRUE;
  if (!sb_store_set_round_name (self->store, self->round, text, &error))
    {
      if (report)
        sb_error_dialog_show (GTK_WIDGET (self), _("Could Not Rename the Round"), error);
      else
        g_debug ("A round's last name is lost: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
sb_round_row_flush (SbRoundRow *self)
{
  g_return_val_if_fail (SB_IS_ROUND_ROW (self), FALSE);
  return flush_full (self, TRUE);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  sb_round_row_flush (user_data);
  return G_SOURCE_REMOVE;
}

static void
entry_changed_cb (SbRoundRow *self)
{
  if (self->loading)
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
name_changed_cb (SbRoundRow *self)
{
  if (self->save_id != 0)
    return;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), sb_round_get_name (self->round)) == 0)
    return;
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), sb_round_get_name (self->round));
  self->loading = FALSE;
}

static void
focus_leave_cb (SbRoundRow *self)
{
  sb_round_row_flush (self);
}

/* ---- focus ------------------------------------------------------------- */

static void
remove_focus_clicked_cb (GtkButton  *button,
                         SbRoundRow *self)
{
  const char *slug = g_object_get_data (G_OBJECT (button), "theme-slug");
  const char * const *focus = sb_round_get_focus (self->round);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) next = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; focus != NULL && focus[i] != NULL; i++)
    if (g_strcmp0 (focus[i], slug) != 0)
      g_strv_builder_add (builder, focus[i]);
  next = g_strv_builder_end (builder);
  if (!sb_store_set_round_focus (self->store, self->round, (const char * const *) next, &error))
    sb_error_dialog_show (GTK_WIDGET (self), _("Could Not Change the Focus"), error);
}

static void
update_focus (SbRoundRow *self)
{
  const char * const *focus = sb_round_get_focus (self->round);
  guint n = 0;

  /* One line: the themes (or "No focus chosen"), then "Choose Focus…";
   * the row keeps the last two while the line is rebuilt. */
  sb_wrap_box_remove_all (self->focus_chips);
  for (guint i = 0; focus != NULL && focus[i] != NULL; i++)
    {
      SbTheme *theme = sb_store_find_theme (self->store, focus[i]);
      const char *name = theme != NULL ? sb_theme_get_name (theme) : focus[i];
      /* Translators: %s is a theme's name */
      g_autofree char *remove_name = g_strdup_printf (_("Remove the focus on %s"), name);

      sb_wrap_box_append (self->focus_chips,
                          sb_chip_new (name, NULL, remove_name, NULL, G_CALLBACK (remove_focus_clicked_cb),
                                    "theme-slug", focus[i], self));
      n++;
    }
  if (n == 0)
    sb_wrap_box_append (self->focus_chips, self->focus_empty);
  sb_wrap_box_append (self->focus_chips, GTK_WIDGET (self->focus_button));
}

/* ---- planned stories --------------------------------------------------- */

static void
open_story_clicked_cb (GtkButton  *button,
                       SbRoundRow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-story", "s",
                              g_object_get_data (G_OBJECT (button), "sb-uuid"));
}

static void
unplan_clicked_cb (GtkButton  *button,
                   SbRoundRow *self)
{
  SbStory *story = sb_store_find_story (self->store, g_object_get_data (G_OBJECT (button), "sb-uuid"));
  g_autoptr(GError) error = NULL;

  if (story != NULL && !sb_store_set_round_story (self->store, self->round, story, FALSE, &error))
    sb_error_dialog_show (GTK_WIDGET (self), _("Could Not Change the Plan"), error);
}

static void
update_stories (SbRoundRow *self)
{
  const char * const *uuids = sb_round_get_story_uuids (self->round);
  guint n = 0;

  sb_wrap_box_remove_all (self->story_chips);
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
      remove_name = g_strdup_printf (_("Take “%s” out of the round"), title);
      sb_wrap_box_append (self->story_chips,
                          sb_chip_new (title, open_name, remove_name, G_CALLBACK (open_story_clicked_cb),
                                    G_CALLBACK (unplan_clicked_cb), "sb-uuid", uuids[i], self));
      n++;
    }
  /* Two or three stories a round: enough for the follow-ups, few enough
   * to know by heart. */
  if (n == 0)
    gtk_label_set_text (self->count_label, _("No story planned yet"));
  else if (n == 1)
    gtk_label_set_text (self->count_label, _("Plan two or three"));
  else if (n > 3)
    gtk_label_set_text (self->count_label, _("Two or three are enough"));
  if (n <= 1 || n > 3)
    sb_wrap_box_append (self->story_chips, GTK_WIDGET (self->count_label));
  sb_wrap_box_append (self->story_chips, GTK_WIDGET (self->plan_button));
  if (self->chooser != NULL)
    sb_story_chooser_set_excluded (self->chooser, uuids);
}

static GPtrArray *
rank_cb (SbStoryChooser *chooser,
         gpointer        user_data)
{
  SbRoundRow *self = user_data;

  /* The ranking the proposed plan uses: by the round's focus themes. */
  return sb_coach_rank_stories (self->store, "", sb_round_get_focus (self->round),
                                sb_round_get_story_uuids (self->round), SUGGESTIONS);
}

static void
story_chosen_cb (SbRoundRow *self,
                 SbStory    *story)
{
  g_autoptr(GError) error = NULL;

  if (!sb_store_set_round_story (self->store, self->round, story, TRUE, &error))
    sb_error_dialog_show (GTK_WIDGET (self), _("Could Not Plan the Story"), error);
}

/* The chooser is made when first opened: an application's rows would
 * otherwise build one each (~1.3 M instructions, and its widgets kept)
 * for the few a person opens. */
static SbStoryChooser *
ensure_chooser (SbRoundRow *self)
{
  if (self->chooser != NULL)
    return self->chooser;
  self->chooser = SB_STORY_CHOOSER (sb_story_chooser_new (self->store));
  sb_story_chooser_set_rank_func (self->chooser, rank_cb, self, NULL);
  sb_story_chooser_set_excluded (self->chooser, sb_round_get_story_uuids (self->round));
  g_signal_connect_object (self->chooser, "story-chosen", G_CALLBACK (story_chosen_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (self->plan_button, GTK_WIDGET (self->chooser));
  return self->chooser;
}

static void
create_chooser_cb (GtkMenuButton *button,
                   gpointer       user_data)
{
  ensure_chooser (user_data);
}

/* ---- warnings ---------------------------------------------------------- */

void
sb_round_row_set_warnings (SbRoundRow *self,
                           GPtrArray  *warnings)
{
  GtkWidget *child;

  g_return_if_fail (SB_IS_ROUND_ROW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->warnings_box))) != NULL)
    gtk_box_remove (self->warnings_box, child);
  self->n_warnings = 0;
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    {
      SbPlanWarning *warning = warnings->pdata[i];
      GtkWidget *line, *icon, *label;

      if (warning->round_id != sb_round_get_id (self->round))
        continue;
      line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      label = gtk_label_new (warning->message);
      sb_label_set_wrapping (GTK_LABEL (label));
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (line), icon);
      gtk_box_append (GTK_BOX (line), label);
      gtk_widget_add_css_class (line, "warning");
      gtk_box_append (self->warnings_box, line);
      self->n_warnings++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_box), self->n_warnings > 0);
}

guint
sb_round_row_get_n_warnings (SbRoundRow *self)
{
  g_return_val_if_fail (SB_IS_ROUND_ROW (self), 0);
  return self->n_warnings;
}

/* ---- actions ----------------------------------------------------------- */

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SbRoundRow *self = SB_ROUND_ROW (widget);
  g_autoptr(SbRound) round = g_object_ref (self->round);
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (!sb_store_delete_round (self->store, round, &error))
    sb_error_dialog_show (GTK_WIDGET (self), _("Could Not Delete the Round"), error);
}

/* ---- GObject ------------------------------------------------------------ */

static void
sb_round_row_unmap (GtkWidget *widget)
{
  flush_full (SB_ROUND_ROW (widget), FALSE);
  GTK_WIDGET_CLASS (sb_round_row_parent_class)->unmap (widget);
}

static void
sb_round_row_dispose (GObject *object)
{
  SbRoundRow *self = SB_ROUND_ROW (object);

  if (self->round != NULL && self->store != NULL)
    flush_full (self, FALSE);
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->plan_button != NULL)
    gtk_menu_button_set_popover (self->plan_button, NULL);
  if (self->focus_button != NULL)
    gtk_menu_button_set_popover (self->focus_button, NULL);
  self->chooser = NULL;
  g_clear_object (&self->plan_button);
  g_clear_object (&self->focus_button);
  g_clear_object (&self->count_label);
  g_clear_object (&self->focus_empty);
  g_clear_object (&self->round);
  g_clear_object (&self->application);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_round_row_parent_class)->dispose (object);
}

static void
sb_round_row_class_init (SbRoundRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_round_row_dispose;
  widget_class->unmap = sb_round_row_unmap;

  gtk_widget_class_install_action (widget_class, "round.delete", NULL, delete_action);
}

static void
sb_round_row_init (SbRoundRow *self)
{
}

static GtkWidget *
caption_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
build (SbRoundRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *delete_button;
  GtkEventController *focus;

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);

  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->entry), TRUE);
  gtk_entry_set_max_length (self->entry, SB_ROUND_MAX_NAME_CHARS);
  gtk_entry_set_placeholder_text (self->entry, _("Hiring manager, Bar raiser…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Round name"), -1);
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), sb_round_get_name (self->round));
  self->loading = FALSE;
  g_signal_connect_object (self->entry, "changed", G_CALLBACK (entry_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (focus_leave_cb), self, G_CONNECT_SWAPPED);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), focus);

  delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (delete_button, "flat");
  gtk_widget_set_valign (delete_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete_button), "round.delete");
  gtk_widget_set_tooltip_text (delete_button, _("Delete the Round"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Delete the Round"), -1);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->entry));
  gtk_box_append (GTK_BOX (top), delete_button);

  /* Focus themes. */
  self->focus_chips = SB_WRAP_BOX (sb_wrap_box_new ());
  self->focus_empty = g_object_ref_sink (gtk_label_new (_("No focus chosen")));
  gtk_widget_add_css_class (self->focus_empty, "dim-label");
  gtk_widget_set_size_request (self->focus_empty, -1, LINE_HEIGHT);
  self->focus_button = g_object_ref_sink (GTK_MENU_BUTTON (gtk_menu_button_new ()));
  gtk_menu_button_set_label (self->focus_button, _("Choose _Focus…"));
  gtk_menu_button_set_use_underline (self->focus_button, TRUE);
  gtk_menu_button_set_popover (self->focus_button, sb_focus_picker_new (self->store, self->application,
                                                                        self->round));
  gtk_widget_add_css_class (GTK_WIDGET (self->focus_button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->focus_button),
                               _("The themes or values this interview probes"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->focus_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose Focus"), -1);

  /* Planned stories. */
  self->story_chips = SB_WRAP_BOX (sb_wrap_box_new ());
  self->count_label = g_object_ref_sink (GTK_LABEL (gtk_label_new (NULL)));
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
  gtk_widget_set_size_request (GTK_WIDGET (self->count_label), -1, LINE_HEIGHT);
  self->plan_button = g_object_ref_sink (GTK_MENU_BUTTON (gtk_menu_button_new ()));
  gtk_menu_button_set_label (self->plan_button, _("_Plan a Story…"));
  gtk_menu_button_set_use_underline (self->plan_button, TRUE);
  gtk_menu_button_set_create_popup_func (self->plan_button, create_chooser_cb, self, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->plan_button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->plan_button),
                               _("Plan a story to tell in this interview; two or three per round"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->plan_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Plan a Story"), -1);

  self->warnings_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 4));
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_box), FALSE);

  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), caption_new (_("Focus")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->focus_chips));
  gtk_box_append (GTK_BOX (box), caption_new (_("Stories")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->story_chips));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->warnings_box));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}

GtkWidget *
sb_round_row_new (SbStore       *store,
                  SbApplication *application,
                  SbRound       *round)
{
  SbRoundRow *self;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);
  g_return_val_if_fail (SB_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (SB_IS_ROUND (round), NULL);

  self = g_object_new (SB_TYPE_ROUND_ROW, NULL);
  self->store = g_object_ref (store);
  self->application = g_object_ref (application);
  self->round = g_object_ref (round);
  build (self);
  update_focus (self);
  update_stories (self);
  /* Its wrapping labels measured at 12 characters: see sb-label.h. */
  sb_label_narrow_wrapping (GTK_WIDGET (self));

  g_signal_connect_object (round, "notify::name", G_CALLBACK (name_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (round, "notify::focus", G_CALLBACK (update_focus), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (round, "notify::stories", G_CALLBACK (update_stories), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

SbRound *
sb_round_row_get_round (SbRoundRow *self)
{
  g_return_val_if_fail (SB_IS_ROUND_ROW (self), NULL);
  return self->round;
}

SbStoryChooser *
sb_round_row_get_chooser (SbRoundRow *self)
{
  g_return_val_if_fail (SB_IS_ROUND_ROW (self), NULL);
  return ensure_chooser (self);
}

GtkEditable *
sb_round_row_get_entry (SbRoundRow *self)
{
  g_return_val_if_fail (SB_IS_ROUND_ROW (self), NULL);
  return GTK_EDITABLE (self->entry);
}
