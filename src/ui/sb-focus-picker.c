/* sb-focus-picker.c — a searchable popover that chooses the themes a round
 * of interviews focuses on
 *
 * The company's values (the application's framework) come first, then the
 * core themes, then every other framework: a bar raiser at Amazon probes
 * its principles, a hiring manager elsewhere the core themes. A few dozen
 * themes: a filtered GtkListBox is plenty.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-focus-picker"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "sb-focus-picker.h"

struct _SbFocusPicker
{
  GtkPopover      parent_instance;

  SbStore        *store;
  SbApplication  *application;
  SbRound        *round;
  gboolean        updating;

  GtkSearchEntry *search;
  GtkListBox     *list;
};

G_DEFINE_FINAL_TYPE (SbFocusPicker, sb_focus_picker, GTK_TYPE_POPOVER)

static gboolean
round_has_focus (SbRound    *round,
                 const char *slug)
{
  const char * const *focus = sb_round_get_focus (round);

  return focus != NULL && g_strv_contains (focus, slug);
}

gboolean
sb_focus_picker_toggle (SbFocusPicker *self,
                        const char    *theme_slug,
                        GError       **error)
{
  const char * const *focus;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) next = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (SB_IS_FOCUS_PICKER (self), FALSE);

  focus = sb_round_get_focus (self->round);
  for (guint i = 0; focus != NULL && focus[i] != NULL; i++)
    {
      if (g_strcmp0 (focus[i], theme_slug) == 0)
        found = TRUE;
      else
        g_strv_builder_add (builder, focus[i]);
    }
  if (!found)
    g_strv_builder_add (builder, theme_slug);
  next = g_strv_builder_end (builder);
  return sb_store_set_round_focus (self->store, self->round, (const char * const *) next, error);
}

static void
check_toggled_cb (GtkCheckButton *check,
                  SbFocusPicker  *self)
{
  const char *slug = g_object_get_data (G_OBJECT (check), "theme-slug");
  g_autoptr(GError) error = NULL;

  if (self->updating)
    return;
  if (gtk_check_button_get_active (check) == round_has_focus (self->round, slug))
    return;
  if (!sb_focus_picker_toggle (self, slug, &error))
    {
      g_debug ("Could not change the round's focus: %s", error->message);
      self->updating = TRUE;
      gtk_check_button_set_active (check, round_has_focus (self->round, slug));
      self->updating = FALSE;
    }
}

static void
add_heading (SbFocusPicker *self,
             const char    *text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_top (label, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  g_object_set_data (G_OBJECT (row), "heading", GINT_TO_POINTER (TRUE));
  gtk_list_box_append (self->list, row);
}

static void
add_framework (SbFocusPicker *self,
               SbFramework   *framework)
{
  GListModel *themes = sb_store_get_themes (self->store, sb_framework_get_slug (framework));
  guint n = themes != NULL ? g_list_model_get_n_items (themes) : 0;

  if (n == 0)
    return;
  add_heading (self, sb_framework_get_name (framework));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbTheme) theme = g_list_model_get_item (themes, i);
      GtkWidget *check = gtk_check_button_new_with_label (sb_theme_get_name (theme));
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   round_has_focus (self->round, sb_theme_get_slug (theme)));
      g_object_set_data_full (G_OBJECT (check), "theme-slug", g_strdup (sb_theme_get_slug (theme)), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), check);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      g_object_set_data_full (G_OBJECT (row), "search-key",
                              g_utf8_casefold (sb_theme_get_name (theme), -1), g_free);
      gtk_list_box_append (self->list, row);
    }
}

static void
fill (SbFocusPicker *self)
{
  GListModel *frameworks = sb_store_get_frameworks (self->store);
  const char *values = sb_application_get_framework (self->application);
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->list, 0)) != NULL)
    gtk_list_box_remove (self->list, GTK_WIDGET (row));

  if (values != NULL && sb_store_find_framework (self->store, values) != NULL)
    add_framework (self, sb_store_find_framework (self->store, values));
  if (g_strcmp0 (values, "core") != 0 && sb_store_find_framework (self->store, "core") != NULL)
    add_framework (self, sb_store_find_framework (self->store, "core"));
  for (guint i = 0; i < g_list_model_get_n_items (frameworks); i++)
    {
      g_autoptr(SbFramework) framework = g_list_model_get_item (frameworks, i);
      const char *slug = sb_framework_get_slug (framework);

      if (g_strcmp0 (slug, values) != 0 && g_strcmp0 (slug, "core") != 0)
        add_framework (self, framework);
    }
}

void
sb_focus_picker_refill (SbFocusPicker *self)
{
  g_return_if_fail (SB_IS_FOCUS_PICKER (self));
  fill (self);
}

static gboolean
filter_func (GtkListBoxRow *row,
             gpointer       user_data)
{
  SbFocusPicker *self = user_data;
  const char *key = g_object_get_data (G_OBJECT (row), "search-key");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search));
  g_autofree char *needle = NULL;

  if (*text == '\0')
    return TRUE;
  /* Headings only show the whole list. */
  if (key == NULL)
    return FALSE;
  needle = g_utf8_casefold (text, -1);
  return strstr (key, needle) != NULL;
}

static void
search_changed_cb (SbFocusPicker *self)
{
  gtk_list_box_invalidate_filter (self->list);
}

static void
sb_focus_picker_show (GtkWidget *widget)
{
  SbFocusPicker *self = SB_FOCUS_PICKER (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search), "");
  fill (self);
  GTK_WIDGET_CLASS (sb_focus_picker_parent_class)->show (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->search));
}

static void
sb_focus_picker_dispose (GObject *object)
{
  SbFocusPicker *self = SB_FOCUS_PICKER (object);

  g_clear_object (&self->round);
  g_clear_object (&self->application);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_focus_picker_parent_class)->dispose (object);
}

static void
sb_focus_picker_class_init (SbFocusPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_focus_picker_dispose;
  widget_class->show = sb_focus_picker_show;
}

static void
sb_focus_picker_init (SbFocusPicker *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search themes"), -1);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_list_box_set_filter_func (self->list, filter_func, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Themes to focus on"), -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_set_size_request (scrolled, 280, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->search));
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (GTK_POPOVER (self), box);

  g_signal_connect_object (self->search, "search-changed", G_CALLBACK (search_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

GtkWidget *
sb_focus_picker_new (SbStore       *store,
                     SbApplication *application,
                     SbRound       *round)
{
  SbFocusPicker *self;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);
  g_return_val_if_fail (SB_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (SB_IS_ROUND (round), NULL);

  self = g_object_new (SB_TYPE_FOCUS_PICKER, NULL);
  self->store = g_object_ref (store);
  self->application = g_object_ref (application);
  self->round = g_object_ref (round);
  return GTK_WIDGET (self);
}
