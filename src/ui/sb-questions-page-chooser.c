/* sb-questions-page-chooser.c — “Choose Another Story”: any story of the
 * bank for the selected question, found by full-text search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-questions-page"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sb-questions-page-private.h"

/* ---- any story for the question -------------------------------------- */

static void choose_search_activate_cb (SbQuestionsPage *self);

/* At most this many stories in the chooser; the search finds the rest. */
#define CHOOSER_ROWS 40

/* The search's results: the list follows (what it showed stays until
 * then, so typing never flashes an empty list). */
static void
chooser_found_cb (SbStorySearch *search,
                  GPtrArray     *stories,
                  const GError  *error,
                  gpointer       user_data)
{
  SbQuestionsPage *self = user_data;
  gboolean enter = self->choose_enter;

  self->choose_enter = FALSE;
  _sb_questions_page_remove_all_children (GTK_WIDGET (self->choose_list));
  if (stories == NULL)
    g_debug ("The chooser's search failed: %s", error->message);
  for (guint i = 0; stories != NULL && i < stories->len && i < CHOOSER_ROWS; i++)
    {
      SbStory *story = stories->pdata[i];
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sb_story_get_display_title (story));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "sb-uuid", g_strdup (sb_story_get_uuid (story)), g_free);
      gtk_list_box_append (self->choose_list, row);
    }
  if (enter)
    choose_search_activate_cb (self);
}

/* Best match first, over every part of each story (full-text search), in
 * the store's worker: a newer keystroke supersedes the query under way. */
static void
fill_chooser (SbQuestionsPage *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->choose_search));

  if (self->choose_query == NULL)
    self->choose_query = sb_story_search_new (self->store, chooser_found_cb, self);
  self->choose_enter = FALSE;
  sb_story_search_run (self->choose_query, query);
}

static void
choose_search_changed_cb (SbQuestionsPage *self)
{
  fill_chooser (self);
}

static void
choose_row_activated_cb (SbQuestionsPage *self,
                         GtkListBoxRow   *row,
                         GtkListBox      *list)
{
  const char *uuid = g_object_get_data (G_OBJECT (row), "sb-uuid");

  gtk_menu_button_popdown (self->choose_button);
  if (uuid != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "questions.use-story", "s", uuid);
}

static void
choose_popover_shown_cb (SbQuestionsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->choose_search), "");
  fill_chooser (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->choose_search));
}

/* Enter in the search takes the best match: of the query still running,
 * once it is done. */
static void
choose_search_activate_cb (SbQuestionsPage *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->choose_list, 0);

  if (self->choose_query != NULL && sb_story_search_get_running (self->choose_query))
    {
      self->choose_enter = TRUE;
      return;
    }
  if (first != NULL)
    choose_row_activated_cb (self, first, self->choose_list);
}

void
_sb_questions_page_build_chooser (SbQuestionsPage *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->choose_search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->choose_search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search stories"), -1);
  self->choose_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->choose_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->choose_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->choose_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Stories to choose from"), -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_set_size_request (scrolled, 320, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->choose_list));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->choose_search));
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (self->choose_button, popover);

  g_signal_connect_object (self->choose_search, "search-changed", G_CALLBACK (choose_search_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->choose_search, "activate", G_CALLBACK (choose_search_activate_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->choose_list, "row-activated", G_CALLBACK (choose_row_activated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (popover, "show", G_CALLBACK (choose_popover_shown_cb), self, G_CONNECT_SWAPPED);
}

void
_sb_questions_page_dispose_chooser (SbQuestionsPage *self)
{
  g_clear_object (&self->choose_query);
}

GtkListBox *
sb_questions_page_get_chooser_list (SbQuestionsPage *self)
{
  g_return_val_if_fail (SB_IS_QUESTIONS_PAGE (self), NULL);
  return self->choose_list;
}
