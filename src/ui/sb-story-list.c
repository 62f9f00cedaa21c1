/* sb-story-list.c — the searchable list of stories
 *
 * The list widget: its rows (kept and reused), the selection and when it
 * is told, the entry's keys and the public calls. How a search fills the
 * shown list over frames, and keeps the selected story selected, is in
 * sb-story-list-search.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-story-list"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sb-label.h"
#include "sb-story-list-private.h"
#include "sb-story-row.h"

G_DEFINE_FINAL_TYPE (SbStoryList, sb_story_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SELECTED_STORY,
  N_PROPS
};

enum {
  STORY_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_sb_story_list_update_visible_page (SbStoryList *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->shown)) == 0;

  gtk_stack_set_visible_child_name (self->content_stack,
                                    empty && self->searching ? "no-results" : "list");
}

static void
search_changed_cb (SbStoryList    *self,
                   GtkSearchEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  /* GtkSearchEntry already waits 150 ms after the last keystroke; after
   * sb_story_list_set_search_text() it tells of a search already run
   * (store changes rerun it themselves). */
  if (g_strcmp0 (text, self->query) == 0)
    return;
  g_free (self->query);
  self->query = g_steal_pointer (&text);
  _sb_story_list_run_search (self);
}

static void
stop_search_cb (SbStoryList    *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void flush_deferred_selection (SbStoryList *self);

void
_sb_story_list_search_activate_cb (SbStoryList    *self,
                                   GtkSearchEntry *entry)
{
  g_autoptr(SbStory) first = NULL;

  /* Enter in the search opens the best match: of the query still
   * running, once it is done. */
  if (sb_story_list_get_search_running (self))
    {
      self->activate_found = TRUE;
      return;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->shown)) == 0)
    return;
  first = g_list_model_get_item (G_LIST_MODEL (self->shown), 0);
  sb_story_list_select_story (self, first);
  flush_deferred_selection (self);
  g_signal_emit (self, signals[STORY_ACTIVATED], 0, first);
}

static void
list_activate_cb (SbStoryList *self,
                  guint        position,
                  GtkListView *list_view)
{
  g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (self->shown), position);

  if (story != NULL)
    g_signal_emit (self, signals[STORY_ACTIVATED], 0, story);
}

static gboolean
activate_selected_idle_cb (gpointer user_data)
{
  SbStoryList *self = user_data;
  SbStory *story = sb_story_list_get_selected_story (self);

  self->activate_idle_id = 0;
  if (story != NULL)
    g_signal_emit (self, signals[STORY_ACTIVATED], 0, story);
  return G_SOURCE_REMOVE;
}

/* A single click selects a row; in a narrow window it should also open the
 * story. The rows select on their own gesture, so look after it has run. */
static void
click_released_cb (SbStoryList     *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  g_clear_handle_id (&self->activate_idle_id, g_source_remove);
  self->activate_idle_id = g_idle_add (activate_selected_idle_cb, self);
}

/* A search's results move the selection when they take the selected
 * story out (the selection keeps its place, as GtkSingleSelection does);
 * the window then loads the newly selected story into the editor. That is
 * told after the frame that shows the results, not in it: its rows are
 * enough work for one frame, and when results come faster than frames
 * the editor loads only the last story selected. */
static void
stop_deferred_selection (SbStoryList *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->selection_paint_id != 0 && clock != NULL)
    g_signal_handler_disconnect (clock, self->selection_paint_id);
  self->selection_paint_id = 0;
  g_clear_handle_id (&self->selection_idle_id, g_source_remove);
}

void
_sb_story_list_notify_selection (SbStoryList *self)
{
  stop_deferred_selection (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_STORY]);
}

/* The selection changed and has not been told yet: tell it now. */
static void
flush_deferred_selection (SbStoryList *self)
{
  if (self->selection_paint_id != 0 || self->selection_idle_id != 0)
    _sb_story_list_notify_selection (self);
}

static gboolean
selection_idle_cb (gpointer user_data)
{
  SbStoryList *self = user_data;

  self->selection_idle_id = 0;
  _sb_story_list_notify_selection (self);
  return G_SOURCE_REMOVE;
}

static void
selection_after_paint_cb (GdkFrameClock *clock,
                          SbStoryList   *self)
{
  g_signal_handler_disconnect (clock, self->selection_paint_id);
  self->selection_paint_id = 0;
  if (self->selection_idle_id == 0)
    self->selection_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, selection_idle_cb, self, NULL);
}

static void
selected_item_cb (SbStoryList        *self,
                  GParamSpec         *pspec,
                  GtkSingleSelection *selection)
{
  GdkFrameClock *clock = gtk_widget_get_mapped (GTK_WIDGET (self))
                         ? gtk_widget_get_frame_clock (GTK_WIDGET (self)) : NULL;

  /* The selected story is still to come: nothing to tell (our own change),
   * or the person chose another meanwhile. */
  if (self->reselect != NULL)
    {
      if (self->splicing)
        return;
      g_clear_object (&self->reselect);
      gtk_single_selection_set_autoselect (self->selection, TRUE);
    }
  if (!self->defer_selection || clock == NULL)
    {
      _sb_story_list_notify_selection (self);
      return;
    }
  if (self->selection_paint_id == 0 && self->selection_idle_id == 0)
    self->selection_paint_id = g_signal_connect_object (clock, "after-paint",
                                                        G_CALLBACK (selection_after_paint_cb),
                                                        self, G_CONNECT_AFTER);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

static void
items_changed_cb (SbStoryList *self,
                  guint        position,
                  guint        removed,
                  guint        added,
                  GListModel  *model)
{
  _sb_story_list_update_visible_page (self);
}

static void
stories_changed_cb (SbStoryList *self,
                    guint        position,
                    guint        removed,
                    guint        added,
                    GListModel  *stories)
{
  /* A story added or restored while searching takes its place in the
   * ranking; otherwise the list follows the store's change as it is. */
  if (self->searching || sb_story_list_get_search_running (self))
    _sb_story_list_run_search_now (self);
  else
    {
      g_autoptr(GPtrArray) added_stories = g_ptr_array_new_full (added, g_object_unref);

      _sb_story_list_flush_pending (self);

      for (guint i = 0; i < added; i++)
        g_ptr_array_add (added_stories, g_list_model_get_item (stories, position + i));
      /* No longer the start of what a search put in. */
      g_clear_pointer (&self->source, g_ptr_array_unref);
      g_list_store_splice (self->shown, position, removed, added_stories->pdata, added);
    }
}

/* GTK 4.8's list view drops the rows of items a splice removes and makes
 * new ones for the items it adds: a search replaces up to 200 of them.
 * Building a row from its template and disposing of it was most of that,
 * so a row its list item lets go of (GTK 4.8 unparents it without a
 * "teardown") is kept and given to the next list item set up. */
#define MAX_SPARE_ROWS 250

static void
row_parent_cb (GtkWidget   *row,
               GParamSpec  *pspec,
               SbStoryList *self)
{
  if (gtk_widget_get_parent (row) != NULL || self->spare_rows == NULL ||
      self->spare_rows->len >= MAX_SPARE_ROWS)
    return;
  sb_story_row_set_story (SB_STORY_ROW (row), NULL);
  g_ptr_array_add (self->spare_rows, g_object_ref (row));
}

static void
setup_row_cb (SbStoryList              *self,
              GtkListItem              *item,
              GtkSignalListItemFactory *factory)
{
  g_autoptr(GtkWidget) row = NULL;

  if (self->spare_rows != NULL && self->spare_rows->len > 0)
    row = g_ptr_array_steal_index_fast (self->spare_rows, self->spare_rows->len - 1);
  else
    {
      row = g_object_ref_sink (sb_story_row_new (self->store));
      g_signal_connect_object (row, "notify::parent", G_CALLBACK (row_parent_cb), self, 0);
    }
  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (SbStoryList              *self,
             GtkListItem              *item,
             GtkSignalListItemFactory *factory)
{
  sb_story_row_set_story (SB_STORY_ROW (gtk_list_item_get_child (item)),
                          gtk_list_item_get_item (item));
}

static void
unbind_row_cb (SbStoryList              *self,
               GtkListItem              *item,
               GtkSignalListItemFactory *factory)
{
  sb_story_row_set_story (SB_STORY_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
set_store (SbStoryList *self,
           SbStore     *store)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GListModel *stories;

  g_assert (self->store == NULL);
  g_return_if_fail (SB_IS_STORE (store));

  self->store = g_object_ref (store);
  stories = sb_store_get_stories (store);

  self->shown = g_list_store_new (SB_TYPE_STORY);
  self->search = sb_story_search_new (store, _sb_story_list_found_cb, self);
  _sb_story_list_show_all_stories (self);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_single_selection_set_can_unselect (self->selection, FALSE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selected_item_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->shown, "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (stories, "items-changed",
                           G_CALLBACK (stories_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_row_cb), self, G_CONNECT_SWAPPED);
  self->spare_rows = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  _sb_story_list_update_visible_page (self);
}

static void
sb_story_list_dispose (GObject *object)
{
  SbStoryList *self = SB_STORY_LIST (object);
  GtkWidget *child;

  g_clear_handle_id (&self->activate_idle_id, g_source_remove);
  _sb_story_list_stop_query (self);
  g_clear_object (&self->search);
  stop_deferred_selection (self);
  _sb_story_list_stop_dropping (self);
  _sb_story_list_drop_pending (self);
  g_clear_object (&self->reselect);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  /* No more rows kept from here on (the template's dispose tears down). */
  g_clear_pointer (&self->spare_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_STORY_LIST);
  /* The template's unnamed boxes are ours to unparent. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_pointer (&self->source, g_ptr_array_unref);
  g_clear_pointer (&self->query, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_story_list_parent_class)->dispose (object);
}

static void
sb_story_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SbStoryList *self = SB_STORY_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SELECTED_STORY:
      g_value_set_object (value, sb_story_list_get_selected_story (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_story_list_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SbStoryList *self = SB_STORY_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
sb_story_list_grab_focus (GtkWidget *widget)
{
  SbStoryList *self = SB_STORY_LIST (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
sb_story_list_class_init (SbStoryListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_story_list_dispose;
  object_class->get_property = sb_story_list_get_property;
  object_class->set_property = sb_story_list_set_property;
  widget_class->grab_focus = sb_story_list_grab_focus;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_STORY] =
    g_param_spec_object ("selected-story", NULL, NULL, SB_TYPE_STORY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[STORY_ACTIVATED] =
    g_signal_new ("story-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SB_TYPE_STORY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/storybank/Storybank/sb-story-list.ui");
  gtk_widget_class_bind_template_child (widget_class, SbStoryList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SbStoryList, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SbStoryList, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "search_activate_cb",
                                                G_CALLBACK (_sb_story_list_search_activate_cb));
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
}

static void
sb_story_list_init (SbStoryList *self)
{
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The empty state's wrapping text: see sb-label.h. */
  sb_label_narrow_wrapping (GTK_WIDGET (self));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "released", G_CALLBACK (click_released_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));

  /* Typing anywhere in the list goes to the search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));
}

GtkWidget *
sb_story_list_new (SbStore *store)
{
  return g_object_new (SB_TYPE_STORY_LIST, "store", store, NULL);
}

SbStore *
sb_story_list_get_store (SbStoryList *self)
{
  g_return_val_if_fail (SB_IS_STORY_LIST (self), NULL);

  return self->store;
}

SbStory *
sb_story_list_get_selected_story (SbStoryList *self)
{
  g_return_val_if_fail (SB_IS_STORY_LIST (self), NULL);

  if (self->selection == NULL)
    return NULL;
  if (self->reselect != NULL)
    return self->reselect;
  return gtk_single_selection_get_selected_item (self->selection);
}

void
sb_story_list_select_story (SbStoryList *self,
                            SbStory     *story)
{
  GListModel *model;
  guint n;

  g_return_if_fail (SB_IS_STORY_LIST (self));

  _sb_story_list_flush_found (self);
  flush_deferred_selection (self);
  /* Another story than the one still to come: that one is no longer
   * wanted (autoselect stays off until this one is selected). */
  if (self->reselect != NULL && self->reselect != story)
    g_clear_object (&self->reselect);
  if (self->reselect == story)
    _sb_story_list_flush_pending (self);   /* it is selected once in */
  /* A story still to come: the list up to it, not all of it. */
  for (guint i = self->pending_next; self->pending != NULL && i < self->pending->len; i++)
    if (self->pending->pdata[i] == story)
      {
        _sb_story_list_append_pending (self, i + 1 - self->pending_next);
        break;
      }
  model = G_LIST_MODEL (self->shown);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbStory) item = g_list_model_get_item (model, i);

      if (item == story)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_single_selection_set_autoselect (self->selection, TRUE);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return;
        }
    }
  if (self->reselect == NULL)
    gtk_single_selection_set_autoselect (self->selection, TRUE);
}

void
sb_story_list_focus_search (SbStoryList *self)
{
  g_return_if_fail (SB_IS_STORY_LIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
sb_story_list_set_search_text (SbStoryList *self,
                               const char  *text)
{
  g_return_if_fail (SB_IS_STORY_LIST (self));

  text = text != NULL ? text : "";
  /* Without waiting for the entry's pause, and once: setting the text
   * empties the entry first, which the entry tells of at once (a search
   * for everything, for nothing), and tells of the new text after its
   * pause, when search_changed_cb() finds the search already run. */
  g_free (self->query);
  self->query = g_strstrip (g_strdup (text));
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text) != 0)
    {
      g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
      g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
    }
  _sb_story_list_run_search (self);
}

guint
sb_story_list_get_n_visible (SbStoryList *self)
{
  g_return_val_if_fail (SB_IS_STORY_LIST (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->shown)) +
         (self->pending != NULL ? self->pending->len - self->pending_next : 0);
}

gboolean
sb_story_list_get_search_running (SbStoryList *self)
{
  g_return_val_if_fail (SB_IS_STORY_LIST (self), FALSE);

  return (self->search != NULL && sb_story_search_get_running (self->search)) ||
         self->found_paint_id != 0 || self->found_idle_id != 0 ||
         self->drop_paint_id != 0 || self->drop_id != 0;
}
