/* sb-story-chooser.c — a popover to choose a story: ranked ones first,
 * then any story of the bank by search
 *
 * A bank holds a few dozen stories, so a GtkListBox capped at
 * CHOOSER_ROWS rows is plenty; the search finds the rest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-story-chooser"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sb-coach.h"
#include "sb-story-chooser.h"
#include "sb-story-search.h"

/* At most this many stories in the list; the search finds the rest. */
#define CHOOSER_ROWS 40

struct _SbStoryChooser
{
  GtkPopover              parent_instance;

  SbStore                *store;
  GHashTable             *excluded;   /* uuid set */
  SbStoryChooserRankFunc  rank_func;
  gpointer                rank_data;
  GDestroyNotify          rank_destroy;

  SbStorySearch          *query;      /* the search, in the store's worker */
  gboolean                enter;      /* Enter while it ran: take its first */

  GtkSearchEntry         *search;
  GtkListBox             *list;
};

G_DEFINE_FINAL_TYPE (SbStoryChooser, sb_story_chooser, GTK_TYPE_POPOVER)

enum {
  STORY_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
remove_rows (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static void
add_heading (SbStoryChooser *self,
             const char     *text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_append (self->list, row);
}

static void
add_story (SbStoryChooser *self,
           SbStory        *story,
           const char     *reason)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sb_story_get_display_title (story));
  if (reason != NULL && *reason != '\0')
    {
      /* Reasons quote the person's words, which are not markup. */
      g_autofree char *escaped = g_markup_escape_text (reason, -1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "sb-uuid", g_strdup (sb_story_get_uuid (story)), g_free);
  gtk_list_box_append (self->list, row);
}

static gboolean
is_excluded (SbStoryChooser *self,
             SbStory        *story)
{
  return self->excluded != NULL && g_hash_table_contains (self->excluded, sb_story_get_uuid (story));
}

/* The rows for @stories (a search's results, best match first): with
 * nothing typed, the ranking comes first, each with its reason. */
static void
show_stories (SbStoryChooser *self,
              GPtrArray      *stories)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search));
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ranked = NULL;
  guint n = 0;

  remove_rows (self->list);
  if (*query == '\0' && self->rank_func != NULL)
    ranked = self->rank_func (self, self->rank_data);
  if (ranked != NULL)
    {
      gboolean heading = FALSE;

      for (guint i = 0; i < ranked->len && n < CHOOSER_ROWS; i++)
        {
          SbSuggestion *suggestion = ranked->pdata[i];

          if (is_excluded (self, suggestion->story))
            continue;
          if (!heading)
            add_heading (self, _("Suggested"));
          heading = TRUE;
          add_story (self, suggestion->story, suggestion->reason);
          g_hash_table_add (shown, (gpointer) sb_story_get_uuid (suggestion->story));
          n++;
        }
      if (heading)
        add_heading (self, _("All Stories"));
    }

  for (guint i = 0; stories != NULL && i < stories->len && n < CHOOSER_ROWS; i++)
    {
      SbStory *story = stories->pdata[i];

      if (is_excluded (self, story) || g_hash_table_contains (shown, sb_story_get_uuid (story)))
        continue;
      add_story (self, story, NULL);
      n++;
    }
}

static void search_activate_cb (SbStoryChooser *self);

static void
found_cb (SbStorySearch *search,
          GPtrArray     *stories,
          const GError  *error,
          gpointer       user_data)
{
  SbStoryChooser *self = user_data;
  gboolean enter = self->enter;

  self->enter = FALSE;
  if (stories == NULL)
    g_debug ("The chooser's search failed: %s", error->message);
  show_stories (self, stories);
  if (enter)
    search_activate_cb (self);
}

/* Best match first, over every part of each story (full-text search), in
 * the store's worker: what the list shows stays until the results come,
 * and a newer keystroke supersedes the query under way. With nothing
 * typed the list fills at once. */
static void
fill (SbStoryChooser *self)
{
  self->enter = FALSE;
  if (self->store == NULL)
    {
      remove_rows (self->list);
      return;
    }
  if (self->query == NULL)
    self->query = sb_story_search_new (self->store, found_cb, self);
  sb_story_search_run (self->query, gtk_editable_get_text (GTK_EDITABLE (self->search)));
}

static void
search_changed_cb (SbStoryChooser *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search))));

  /* After sb_story_chooser_set_search_text() the entry tells, after its
   * pause, of a search already run. */
  if (self->query != NULL && g_strcmp0 (text, sb_story_search_get_query (self->query)) == 0 &&
      *text != '\0')
    return;
  fill (self);
}

static void
row_activated_cb (SbStoryChooser *self,
                  GtkListBoxRow  *row)
{
  const char *uuid = sb_story_chooser_row_get_uuid (row);

  if (uuid != NULL)
    sb_story_chooser_choose (self, uuid);
}

/* Enter in the search takes the first story shown: of the query still
 * running, once it is done. */
static void
search_activate_cb (SbStoryChooser *self)
{
  GtkListBoxRow *row;

  if (sb_story_chooser_get_search_running (self))
    {
      self->enter = TRUE;
      return;
    }

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    if (sb_story_chooser_row_get_uuid (row) != NULL)
      {
        row_activated_cb (self, row);
        return;
      }
}

static void
sb_story_chooser_show (GtkWidget *widget)
{
  SbStoryChooser *self = SB_STORY_CHOOSER (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search), "");
  fill (self);
  GTK_WIDGET_CLASS (sb_story_chooser_parent_class)->show (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->search));
}

static void
sb_story_chooser_dispose (GObject *object)
{
  SbStoryChooser *self = SB_STORY_CHOOSER (object);

  if (self->rank_destroy != NULL)
    g_clear_pointer (&self->rank_data, self->rank_destroy);
  self->rank_func = NULL;
  self->rank_destroy = NULL;
  g_clear_pointer (&self->excluded, g_hash_table_unref);
  g_clear_object (&self->query);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_story_chooser_parent_class)->dispose (object);
}

static void
sb_story_chooser_class_init (SbStoryChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_story_chooser_dispose;
  widget_class->show = sb_story_chooser_show;

  signals[STORY_CHOSEN] =
    g_signal_new ("story-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SB_TYPE_STORY);
}

static void
sb_story_chooser_init (SbStoryChooser *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search stories"), -1);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Stories to choose from"), -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  /* Fits a 360 px window with the popover's own margins. */
  gtk_widget_set_size_request (scrolled, 300, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->search));
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (GTK_POPOVER (self), box);

  g_signal_connect_object (self->search, "search-changed", G_CALLBACK (search_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search, "activate", G_CALLBACK (search_activate_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb),
                           self, G_CONNECT_SWAPPED);
}

GtkWidget *
sb_story_chooser_new (SbStore *store)
{
  SbStoryChooser *self;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  self = g_object_new (SB_TYPE_STORY_CHOOSER, NULL);
  self->store = g_object_ref (store);
  return GTK_WIDGET (self);
}

void
sb_story_chooser_set_rank_func (SbStoryChooser         *self,
                                SbStoryChooserRankFunc  func,
                                gpointer                user_data,
                                GDestroyNotify          destroy)
{
  g_return_if_fail (SB_IS_STORY_CHOOSER (self));

  if (self->rank_destroy != NULL)
    g_clear_pointer (&self->rank_data, self->rank_destroy);
  self->rank_func = func;
  self->rank_data = user_data;
  self->rank_destroy = destroy;
}

void
sb_story_chooser_set_excluded (SbStoryChooser     *self,
                               const char * const *uuids)
{
  g_return_if_fail (SB_IS_STORY_CHOOSER (self));

  g_clear_pointer (&self->excluded, g_hash_table_unref);
  if (uuids == NULL)
    return;
  self->excluded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; uuids[i] != NULL; i++)
    g_hash_table_add (self->excluded, g_strdup (uuids[i]));
}

void
sb_story_chooser_refill (SbStoryChooser *self)
{
  g_return_if_fail (SB_IS_STORY_CHOOSER (self));
  fill (self);
}

GtkListBox *
sb_story_chooser_get_list (SbStoryChooser *self)
{
  g_return_val_if_fail (SB_IS_STORY_CHOOSER (self), NULL);
  return self->list;
}

void
sb_story_chooser_set_search_text (SbStoryChooser *self,
                                  const char     *text)
{
  g_return_if_fail (SB_IS_STORY_CHOOSER (self));

  /* Once, now: setting the text empties the entry first, which the entry
   * tells of at once (a search for every story, 40 rows rebuilt), and it
   * tells of the new text after its pause. */
  g_signal_handlers_block_by_func (self->search, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search), text != NULL ? text : "");
  g_signal_handlers_unblock_by_func (self->search, search_changed_cb, self);
  fill (self);
}

gboolean
sb_story_chooser_get_search_running (SbStoryChooser *self)
{
  g_return_val_if_fail (SB_IS_STORY_CHOOSER (self), FALSE);

  return self->query != NULL && sb_story_search_get_running (self->query);
}

const char *
sb_story_chooser_row_get_uuid (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "sb-uuid");
}

gboolean
sb_story_chooser_choose (SbStoryChooser *self,
                         const char     *uuid)
{
  SbStory *story;

  g_return_val_if_fail (SB_IS_STORY_CHOOSER (self), FALSE);

  story = self->store != NULL ? sb_store_find_story (self->store, uuid) : NULL;
  gtk_popover_popdown (GTK_POPOVER (self));
  if (story == NULL)
    return FALSE;
  g_signal_emit (self, signals[STORY_CHOSEN], 0, story);
  return TRUE;
}
