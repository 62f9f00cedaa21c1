/* sb-next-fixes-dialog.c — what to fix next, one click from where it is fixed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-next-fixes-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-next-fixes-dialog.h"

struct _SbNextFixesDialog
{
  AdwWindow   parent_instance;

  GPtrArray  *fixes;     /* SbFix */
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (SbNextFixesDialog, sb_next_fixes_dialog, ADW_TYPE_WINDOW)

enum {
  FIX_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
kind_icon (SbFixKind kind)
{
  switch (kind)
    {
    case SB_FIX_THEME_GAP:
      return "view-grid-symbolic";
    case SB_FIX_STORY_PROBLEMS:
    case SB_FIX_STRETCHED:
      return "x-office-document-symbolic";
    case SB_FIX_UNANSWERED:
      return "help-faq-symbolic";
    case SB_FIX_NEVER_REHEARSED:
    case SB_FIX_DUE:
    default:
      return "media-playback-start-symbolic";
    }
}

static void
row_activated_cb (SbNextFixesDialog *self,
                  GtkListBoxRow     *row,
                  GtkListBox        *list)
{
  int position = gtk_list_box_row_get_index (row);
  const SbFix *fix;

  if (position < 0 || (guint) position >= self->fixes->len)
    return;
  fix = self->fixes->pdata[position];
  g_signal_emit (self, signals[FIX_ACTIVATED], 0, (int) fix->kind, fix->target);
  gtk_window_close (GTK_WINDOW (self));
}

static void
sb_next_fixes_dialog_dispose (GObject *object)
{
  SbNextFixesDialog *self = SB_NEXT_FIXES_DIALOG (object);

  g_clear_pointer (&self->fixes, g_ptr_array_unref);
  G_OBJECT_CLASS (sb_next_fixes_dialog_parent_class)->dispose (object);
}

static void
sb_next_fixes_dialog_class_init (SbNextFixesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_next_fixes_dialog_dispose;
  signals[FIX_ACTIVATED] =
    g_signal_new ("fix-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sb_next_fixes_dialog_init (SbNextFixesDialog *self)
{
}

GtkWidget *
sb_next_fixes_dialog_new (GtkWindow  *parent,
                          SbStore    *store,
                          const char *framework_slug)
{
  SbNextFixesDialog *self;
  GtkWidget *box, *header, *scrolled, *clamp, *content;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  self = g_object_new (SB_TYPE_NEXT_FIXES_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "title", _("What to Fix Next"),
                       "default-width", 560,
                       "default-height", 620,
                       NULL);
  self->fixes = sb_next_fixes (store, framework_slug, 0);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);

  if (self->fixes->len == 0)
    {
      content = adw_status_page_new ();
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (content), "emblem-ok-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (content), _("Nothing Left to Fix"));
      adw_status_page_set_description (ADW_STATUS_PAGE (content),
                                       _("Every theme has two stories, every story reads well, "
                                         "and every story has been rehearsed."));
      gtk_widget_set_vexpand (content, TRUE);
      gtk_box_append (GTK_BOX (box), content);
    }
  else
    {
      self->list = GTK_LIST_BOX (gtk_list_box_new ());
      gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
      gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("What to fix next, most useful first"), -1);
      for (guint i = 0; i < self->fixes->len; i++)
        {
          const SbFix *fix = self->fixes->pdata[i];
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fix->title);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), fix->detail);
          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (kind_icon (fix->kind)));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_list_box_append (self->list, row);
        }
      g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb), self,
                               G_CONNECT_SWAPPED);

      clamp = adw_clamp_new ();
      gtk_widget_set_margin_top (clamp, 12);
      gtk_widget_set_margin_bottom (clamp, 12);
      gtk_widget_set_margin_start (clamp, 12);
      gtk_widget_set_margin_end (clamp, 12);
      adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->list));
      scrolled = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
      gtk_widget_set_vexpand (scrolled, TRUE);
      gtk_box_append (GTK_BOX (box), scrolled);
    }
  adw_window_set_content (ADW_WINDOW (self), box);
  return GTK_WIDGET (self);
}

guint
sb_next_fixes_dialog_get_n_rows (SbNextFixesDialog *self)
{
  g_return_val_if_fail (SB_IS_NEXT_FIXES_DIALOG (self), 0);
  return self->fixes->len;
}

void
sb_next_fixes_dialog_activate_row (SbNextFixesDialog *self,
                                   guint              position)
{
  GtkListBoxRow *row;

  g_return_if_fail (SB_IS_NEXT_FIXES_DIALOG (self));
  row = self->list != NULL ? gtk_list_box_get_row_at_index (self->list, (int) position) : NULL;
  if (row != NULL)
    row_activated_cb (self, row, self->list);
}
