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
#include "sb-label.h"
#include "sb-story-chooser.h"
#include "sb-story-search.h"

/* At most this many stories in the list; the search finds the rest. */
#define CHOOSER_ROWS 40
/* Stories in the frame that shows a search's results (the popover shows
 * about six), then as many again in each frame after it: a row with a
 * wrapping title takes ~1.5 ms to make and lay out, so 40 at once held
 * that frame for ~70 ms. */
#define FIRST_ROWS    6
#define ROWS_PER_TICK 6

/* A row still to add: a heading, or a story with its reason. */
typedef struct
{
  char    *heading;
  SbStory *story;
  char    *reason;
} Entry;

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->heading);
  g_clear_object (&entry->story);
  g_free (entry->reason);
  g_free (entry);
}

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

  GPtrArray              *pending;    /* Entry*, the rows still to add; or NULL */
  guint                   next;       /* into pending */
  guint                   fill_id;    /* tick callback adding them */
  gboolean                fill_ticked;

  gint64                  keystroke_frame; /* the frame counter at the last search */
  GPtrArray              *found;      /* results waiting for the frame after it */
  gboolean                found_waiting;
  guint                   found_id;   /* tick callback putting them in */
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

/* The row at @index, made or reused: rows are kept from one search to
 * the next (a heading's row for a heading, a story's for a story) and
 * shown again, so a keystroke changes labels instead of tearing down and
 * building forty rows. */
static GtkWidget *
row_at (SbStoryChooser *self,
        guint           index,
        gboolean        heading)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, index);
  GtkWidget *made;

  if (row != NULL && (g_object_get_data (G_OBJECT (row), "sb-heading") != NULL) == heading)
    {
      gtk_widget_set_visible (GTK_WIDGET (row), TRUE);
      return GTK_WIDGET (row);
    }
  if (row != NULL)
    gtk_list_box_remove (self->list, GTK_WIDGET (row));
  if (heading)
    {
      GtkWidget *label = gtk_label_new (NULL);

      made = gtk_list_box_row_new ();
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (made), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (made), FALSE);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (made), FALSE);
      gtk_widget_set_focusable (made, FALSE);
      g_object_set_data (G_OBJECT (made), "sb-heading", GINT_TO_POINTER (TRUE));
    }
  else
    {
      made = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (made), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (made), TRUE);
      sb_label_narrow_wrapping (made);
    }
  gtk_list_box_insert (self->list, made, index);
  return made;
}

static void
place_heading (SbStoryChooser *self,
               guint           index,
               const char     *text)
{
  GtkWidget *row = row_at (self, index, TRUE);

  gtk_label_set_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row))), text);
}

static void
place_story (SbStoryChooser *self,
             guint           index,
             SbStory        *story,
             const char     *reason)
{
  GtkWidget *row = row_at (self, index, FALSE);
  /* Reasons quote the person's words, which are not markup. */
  g_autofree char *escaped = g_markup_escape_text (reason != NULL ? reason : "", -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sb_story_get_display_title (story));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  g_object_set_data_full (G_OBJECT (row), "sb-uuid", g_strdup (sb_story_get_uuid (story)), g_free);
}

static gboolean
is_excluded (SbStoryChooser *self,
             SbStory        *story)
{
  return self->excluded != NULL && g_hash_table_contains (self->excluded, sb_story_get_uuid (story));
}

static void
place_entry (SbStoryChooser *self,
             guint           index,
             Entry          *entry)
{
  if (entry->heading != NULL)
    place_heading (self, index, entry->heading);
  else
    place_story (self, index, entry->story, entry->reason);
}

/* Rows from @index on: hidden while the results come (what they showed is
 * stale), removed once the results are all in. */
static void
drop_rows_from (SbStoryChooser *self,
                guint           index,
                gboolean        remove)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->list, index)) != NULL)
    {
      if (remove)
        gtk_list_box_remove (self->list, GTK_WIDGET (row));
      else
        {
          gtk_widget_set_visible (GTK_WIDGET (row), FALSE);
          index++;
        }
    }
}

static void
stop_filling (SbStoryChooser *self)
{
  if (self->fill_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fill_id);
  self->fill_id = 0;
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  self->next = 0;
}

/* Places up to @n stories (and the headings among them) from pending;
 * FALSE once all are in (and the rows left over gone). */
static gboolean
add_pending (SbStoryChooser *self,
             guint           n)
{
  guint added = 0;

  if (self->pending == NULL)
    return FALSE;
  while (self->next < self->pending->len && added < n)
    {
      Entry *entry = g_ptr_array_index (self->pending, self->next);

      place_entry (self, self->next++, entry);
      if (entry->story != NULL)
        added++;
    }
  if (self->next < self->pending->len)
    {
      drop_rows_from (self, self->next, FALSE);
      return TRUE;
    }
  drop_rows_from (self, self->pending->len, TRUE);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  return FALSE;
}

/* The frame after the one that shows the results, and each after it. */
static gboolean
fill_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  SbStoryChooser *self = SB_STORY_CHOOSER (widget);

  if (!self->fill_ticked)
    {
      self->fill_ticked = TRUE;
      return G_SOURCE_CONTINUE;
    }
  if (add_pending (self, ROWS_PER_TICK))
    return G_SOURCE_CONTINUE;
  self->fill_id = 0;
  return G_SOURCE_REMOVE;
}

static void
queue_entry (GPtrArray  *entries,
             const char *heading,
             SbStory    *story,
             const char *reason)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->heading = g_strdup (heading);
  entry->story = story != NULL ? g_object_ref (story) : NULL;
  entry->reason = g_strdup (reason);
  g_ptr_array_add (entries, entry);
}

/* The rows for @stories (a search's results, best match first): with
 * nothing typed, the ranking comes first, each with its reason. A
 * screenful at once; while the popover is shown, the rest after it, a
 * few per frame (sb_story_chooser_get_search_running() says so). */
static void
show_stories (SbStoryChooser *self,
              GPtrArray      *stories)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search));
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ranked = NULL;
  GPtrArray *entries = g_ptr_array_new_with_free_func (entry_free);
  guint n = 0;

  stop_filling (self);
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
            queue_entry (entries, _("Suggested"), NULL, NULL);
          heading = TRUE;
          queue_entry (entries, NULL, suggestion->story, suggestion->reason);
          g_hash_table_add (shown, (gpointer) sb_story_get_uuid (suggestion->story));
          n++;
        }
      if (heading)
        queue_entry (entries, _("All Stories"), NULL, NULL);
    }

  for (guint i = 0; stories != NULL && i < stories->len && n < CHOOSER_ROWS; i++)
    {
      SbStory *story = stories->pdata[i];

      if (is_excluded (self, story) || g_hash_table_contains (shown, sb_story_get_uuid (story)))
        continue;
      queue_entry (entries, NULL, story, NULL);
      n++;
    }

  self->pending = entries;
  self->next = 0;
  /* Not shown, no frame to keep: all of them now. */
  if (!add_pending (self, gtk_widget_get_mapped (GTK_WIDGET (self)) ? FIRST_ROWS : G_MAXUINT))
    return;
  self->fill_ticked = FALSE;
  self->fill_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), fill_tick_cb, NULL, NULL);
}

static void search_activate_cb (SbStoryChooser *self);

static void
show_found (SbStoryChooser *self,
            GPtrArray      *stories)
{
  gboolean enter = self->enter;

  self->enter = FALSE;
  show_stories (self, stories);
  if (enter)
    search_activate_cb (self);
}

static void
stop_waiting_for_found (SbStoryChooser *self)
{
  if (self->found_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->found_id);
  self->found_id = 0;
  g_clear_pointer (&self->found, g_ptr_array_unref);
  self->found_waiting = FALSE;
}

/* Results that came before the keystroke's frame: in the frame after it. */
static gboolean
found_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  SbStoryChooser *self = SB_STORY_CHOOSER (widget);
  g_autoptr(GPtrArray) stories = NULL;

  if (gdk_frame_clock_get_frame_counter (clock) <= self->keystroke_frame + 1)
    return G_SOURCE_CONTINUE;
  stories = g_steal_pointer (&self->found);
  self->found_id = 0;
  self->found_waiting = FALSE;
  show_found (self, stories);
  return G_SOURCE_REMOVE;
}

/* Results that come before the keystroke's own frame is drawn (a query
 * faster than a frame, or every story for an empty search) go in in the
 * frame after it: the keystroke's frame stays the entry's alone (its rows,
 * each ~1.5 ms to lay out, held it for up to 15 ms at 10,000 stories). */
static void
found_cb (SbStorySearch *search,
          GPtrArray     *stories,
          const GError  *error,
          gpointer       user_data)
{
  SbStoryChooser *self = user_data;
  GdkFrameClock *clock = gtk_widget_get_mapped (GTK_WIDGET (self))
                         ? gtk_widget_get_frame_clock (GTK_WIDGET (self)) : NULL;

  if (stories == NULL)
    g_debug ("The chooser's search failed: %s", error->message);
  stop_waiting_for_found (self);
  if (clock == NULL || gdk_frame_clock_get_frame_counter (clock) > self->keystroke_frame)
    {
      show_found (self, stories);
      return;
    }
  self->found = stories != NULL ? g_ptr_array_ref (stories) : NULL;
  self->found_waiting = TRUE;
  self->found_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), found_tick_cb, NULL, NULL);
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
      stop_filling (self);
      stop_waiting_for_found (self);
      remove_rows (self->list);
      return;
    }
  /* The rows shown stay until the results come; the rest of them is not
   * worth adding now. */
  stop_filling (self);
  stop_waiting_for_found (self);
  if (gtk_widget_get_frame_clock (GTK_WIDGET (self)) != NULL)
    self->keystroke_frame = gdk_frame_clock_get_frame_counter (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
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

  /* The first row is there as soon as the results are. */
  if (self->found_waiting)
    {
      g_autoptr(GPtrArray) stories = g_steal_pointer (&self->found);

      stop_waiting_for_found (self);
      show_stories (self, stories);
    }
  if (self->query != NULL && sb_story_search_get_running (self->query))
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

/* Closed while rows were still to come: the rest at once (no frame to
 * keep), so the list is whole for whoever reads it. */
static void
sb_story_chooser_unmap (GtkWidget *widget)
{
  SbStoryChooser *self = SB_STORY_CHOOSER (widget);

  GTK_WIDGET_CLASS (sb_story_chooser_parent_class)->unmap (widget);
  if (self->found_waiting)
    {
      g_autoptr(GPtrArray) stories = g_steal_pointer (&self->found);

      stop_waiting_for_found (self);
      show_found (self, stories);
    }
  if (self->fill_id != 0)
    gtk_widget_remove_tick_callback (widget, self->fill_id);
  self->fill_id = 0;
  add_pending (self, G_MAXUINT);
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
  stop_filling (self);
  stop_waiting_for_found (self);
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
  widget_class->unmap = sb_story_chooser_unmap;

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

  return (self->query != NULL && sb_story_search_get_running (self->query)) || self->pending != NULL ||
         self->found_waiting;
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
