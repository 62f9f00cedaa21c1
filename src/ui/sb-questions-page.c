/* sb-questions-page.c — the question bank beside the selected question
 *
 * A page the person does not see does no work: the list is given its
 * model (and so makes its rows, each counting its answers) when the page
 * is first shown, and while it is hidden a change in the bank only marks
 * it stale; it catches up, suggestions included, when it is shown again.
 * A page outside any stack (tests, a dialog) counts as shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-questions-page"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sb-coach.h"
#include "sb-label.h"
#include "sb-placeholder.h"
#include "sb-questions-page-private.h"
#include "sb-views-css.h"
#include "sb-views-resources.h"

G_DEFINE_FINAL_TYPE (SbQuestionsPage, sb_questions_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* g_set_str() arrived in GLib 2.76; Debian 12 has 2.74. */
gboolean
_sb_questions_page_set_str (char       **slot,
                            const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

/* ---- results -------------------------------------------------------- */

gboolean
_sb_questions_page_find_in_results (SbQuestionsPage *self,
                                    const char      *slug,
                                    guint           *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->results));

  for (guint i = 0; i < n && slug != NULL; i++)
    {
      g_autoptr(SbQuestion) question = g_list_model_get_item (G_LIST_MODEL (self->results), i);

      if (g_strcmp0 (sb_question_get_slug (question), slug) == 0)
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* Whatever changed the list (a search, a filter, an edit in the bank), the
 * detail shows a question the list shows, or none. */
static void
results_changed_cb (SbQuestionsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->results));

  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");

  if (self->selected_slug != NULL && !_sb_questions_page_find_in_results (self, self->selected_slug, NULL))
    {
      g_clear_pointer (&self->selected_slug, g_free);
      g_clear_pointer (&self->kept_slug, g_free);
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      _sb_questions_page_update_detail (self);
    }
}

/* ---- list rows ------------------------------------------------------ */

static void
update_row_caption (SbQuestionsPage *self,
                    GtkWidget       *row,
                    SbQuestion      *question)
{
  GtkLabel *caption = GTK_LABEL (gtk_widget_get_last_child (row));
  guint n = _sb_questions_page_count_answers (self, question);
  g_autofree char *text = NULL;

  if (n == 0)
    text = g_strdup (_("No story chosen yet"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u story", "%u stories", n), n);
  gtk_label_set_label (caption, text);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              SbQuestionsPage          *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *text = gtk_label_new (NULL);
  GtkWidget *caption = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "question-row");
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (text), 3);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             SbQuestionsPage          *self)
{
  SbQuestion *question = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (box)), sb_question_get_text (question));
  update_row_caption (self, box, question);
  g_hash_table_insert (self->bound_rows, box, question);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               SbQuestionsPage          *self)
{
  g_hash_table_remove (self->bound_rows, gtk_list_item_get_child (item));
}

/* ---- the list, a screenful at a time ---------------------------------- */

/* GtkListView (GTK 4.8) makes, binds and measures a row for every item up
 * to 200: the whole question bank, ~75 rows of up to three wrapped lines
 * (~0.2 ms of text layout each), in the frame that first shows the page.
 * It is given a slice of the results instead, a screenful first, one more
 * after each frame until the slice holds them all; a question chosen
 * further down makes it whole at once. Hidden meanwhile, it waits. */
#define SLICE_ROWS 16

static void
stop_growing (SbQuestionsPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->grow_paint_id != 0 && clock != NULL)
    g_signal_handler_disconnect (clock, self->grow_paint_id);
  self->grow_paint_id = 0;
  g_clear_handle_id (&self->grow_id, g_source_remove);
}

static gboolean
slice_is_whole (SbQuestionsPage *self)
{
  return gtk_slice_list_model_get_size (self->shown) >=
         g_list_model_get_n_items (G_LIST_MODEL (self->results));
}

static void queue_warm_after_paint (SbQuestionsPage *self);

static void
show_whole_list (SbQuestionsPage *self)
{
  stop_growing (self);
  gtk_slice_list_model_set_size (self->shown, G_MAXUINT);
  /* The frame that shows the whole list first, then the warm-up. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    queue_warm_after_paint (self);
}

static void wait_to_grow (SbQuestionsPage *self);

static gboolean
grow_cb (gpointer user_data)
{
  SbQuestionsPage *self = user_data;
  guint size = gtk_slice_list_model_get_size (self->shown);

  self->grow_id = 0;
  if (_sb_questions_page_is_hidden (self))
    return G_SOURCE_REMOVE;   /* on again when shown (see map) */
  gtk_slice_list_model_set_size (self->shown, size + SLICE_ROWS);
  if (slice_is_whole (self))
    show_whole_list (self);
  else
    wait_to_grow (self);
  return G_SOURCE_REMOVE;
}

static void
grow_after_paint_cb (GdkFrameClock   *clock,
                     SbQuestionsPage *self)
{
  stop_growing (self);
  self->grow_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, grow_cb, self, NULL);
}

/* The next slice waits for the frame that shows this one; with no frame
 * to wait for, the rest comes in one go. */
static void
wait_to_grow (SbQuestionsPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  stop_growing (self);
  if (slice_is_whole (self))
    show_whole_list (self);
  else if (clock != NULL)
    self->grow_paint_id = g_signal_connect_object (clock, "after-paint",
                                                   G_CALLBACK (grow_after_paint_cb),
                                                   self, G_CONNECT_AFTER);
  else
    show_whole_list (self);
}

/* ---- selection ------------------------------------------------------ */

static void
select_in_list (SbQuestionsPage *self)
{
  guint position;

  if (!_sb_questions_page_find_in_results (self, self->selected_slug, &position))
    return;
  /* Further down than the list has come yet: all of it now. */
  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->shown)))
    show_whole_list (self);
  if (gtk_single_selection_get_selected (self->selection) != position)
    gtk_single_selection_set_selected (self->selection, position);
}

static gboolean
refilter_idle_cb (gpointer user_data)
{
  SbQuestionsPage *self = user_data;

  self->refilter_id = 0;
  _sb_questions_page_refilter (self);
  return G_SOURCE_REMOVE;
}

/* Another question chosen: the one answered in the detail may now leave
 * a "no story chosen" list (after the selection has settled). */
static void
release_kept_question (SbQuestionsPage *self)
{
  if (self->kept_slug == NULL || g_strcmp0 (self->kept_slug, self->selected_slug) == 0)
    return;
  g_clear_pointer (&self->kept_slug, g_free);
  if (gtk_check_button_get_active (self->unanswered_check) && self->refilter_id == 0)
    self->refilter_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refilter_idle_cb, self, NULL);
}

static void
selected_item_changed_cb (SbQuestionsPage *self)
{
  SbQuestion *question = gtk_single_selection_get_selected_item (self->selection);

  /* Nothing selected: a question that left the list has already left
   * the detail (see results_changed_cb). */
  if (question == NULL)
    return;

  if (_sb_questions_page_set_str (&self->selected_slug, sb_question_get_slug (question)))
    {
      release_kept_question (self);
      _sb_questions_page_update_detail (self);
    }
}

static void
list_activate_cb (SbQuestionsPage *self,
                  guint            position)
{
  gtk_single_selection_set_selected (self->selection, position);
  selected_item_changed_cb (self);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (SbQuestionsPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Hidden means inside a page of a stack other than the one shown: the
 * stack keeps its other children child-invisible. That child is not the
 * page itself in the window, which keeps each page in an AdwBin, so every
 * ancestor is asked. */
gboolean
_sb_questions_page_is_hidden (SbQuestionsPage *self)
{
  for (GtkWidget *widget = GTK_WIDGET (self); widget != NULL; widget = gtk_widget_get_parent (widget))
    if (!gtk_widget_get_child_visible (widget))
      return TRUE;
  return FALSE;
}

static void
refresh_captions (SbQuestionsPage *self)
{
  GHashTableIter iter;
  gpointer row, question;

  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &row, &question))
    update_row_caption (self, row, question);
}

gboolean
_sb_questions_page_refresh_idle_cb (gpointer user_data)
{
  SbQuestionsPage *self = user_data;
  gboolean changed;

  self->refresh_id = 0;

  /* Hidden since the change: catch up when shown. */
  if (_sb_questions_page_is_hidden (self))
    {
      self->stale = TRUE;
      return G_SOURCE_REMOVE;
    }

  if (self->selected_slug != NULL && sb_store_find_question (self->store, self->selected_slug) == NULL)
    g_clear_pointer (&self->selected_slug, g_free);   /* deleted */

  changed = _sb_questions_page_rebuild_filters (self);
  if (changed || gtk_check_button_get_active (self->unanswered_check))
    _sb_questions_page_refilter (self);
  refresh_captions (self);
  select_in_list (self);
  _sb_questions_page_update_detail (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (SbQuestionsPage *self)
{
  _sb_questions_page_forget_suggestions (self);
  /* Hidden: nothing now, catch up when shown (see map). */
  if (_sb_questions_page_is_hidden (self))
    {
      self->stale = TRUE;
      g_clear_handle_id (&self->refresh_id, g_source_remove);
      return;
    }
  /* An import links many stories at once: one refresh for the burst. */
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, _sb_questions_page_refresh_idle_cb, self, NULL);
}

/* ---- public API ----------------------------------------------------- */

GtkWidget *
sb_questions_page_new (SbStore *store)
{
  return g_object_new (SB_TYPE_QUESTIONS_PAGE, "store", store, NULL);
}

SbStore *
sb_questions_page_get_store (SbQuestionsPage *self)
{
  g_return_val_if_fail (SB_IS_QUESTIONS_PAGE (self), NULL);
  return self->store;
}

void
sb_questions_page_focus_search (SbQuestionsPage *self)
{
  g_return_if_fail (SB_IS_QUESTIONS_PAGE (self));

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

SbQuestion *
sb_questions_page_get_selected_question (SbQuestionsPage *self)
{
  g_return_val_if_fail (SB_IS_QUESTIONS_PAGE (self), NULL);

  if (self->store == NULL || self->selected_slug == NULL)
    return NULL;
  return sb_store_find_question (self->store, self->selected_slug);
}

void
sb_questions_page_select_question (SbQuestionsPage *self,
                                   const char      *slug)
{
  SbQuestion *question;

  g_return_if_fail (SB_IS_QUESTIONS_PAGE (self));

  if (slug == NULL || (question = sb_store_find_question (self->store, slug)) == NULL)
    return;

  if (_sb_questions_page_reveal_question (self, question))
    _sb_questions_page_show_toast (self, _("Filters cleared to show the question"));
  if (_sb_questions_page_set_str (&self->selected_slug, slug))
    release_kept_question (self);
  select_in_list (self);
  _sb_questions_page_update_detail (self);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_stack));
}

GListModel *
sb_questions_page_get_results (SbQuestionsPage *self)
{
  g_return_val_if_fail (SB_IS_QUESTIONS_PAGE (self), NULL);
  return G_LIST_MODEL (self->results);
}

/* ---- GObject -------------------------------------------------------- */

static void
setup_store (SbQuestionsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->filter = gtk_custom_filter_new (_sb_questions_page_filter_question, self, NULL);
  self->results = gtk_filter_list_model_new (g_object_ref (sb_store_get_questions (self->store)),
                                             g_object_ref (GTK_FILTER (self->filter)));
  self->shown = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->results)), 0, SLICE_ROWS);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  /* The model comes when the page is first shown (see map). */

  g_signal_connect_object (self->results, "items-changed",
                           G_CALLBACK (results_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selected_item_changed_cb), self, G_CONNECT_SWAPPED);

  _sb_questions_page_connect_filters (self);

  g_signal_connect_object (self->store, "story-links-changed",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "catalog-changed",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "stories-reloaded",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  /* A story's text decides which of the question's words it has. */
  g_signal_connect_object (self->store, "save-state-changed",
                           G_CALLBACK (_sb_questions_page_forget_suggestions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sb_store_get_stories (self->store), "items-changed",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);

  results_changed_cb (self);
  _sb_questions_page_update_detail (self);
}

static void
sb_questions_page_constructed (GObject *object)
{
  SbQuestionsPage *self = SB_QUESTIONS_PAGE (object);

  G_OBJECT_CLASS (sb_questions_page_parent_class)->constructed (object);

  if (self->store != NULL)
    setup_store (self);
}

/* The store builds its question → stories and theme → stories maps when
 * first asked after a change of links; the first selection would pay for
 * them in its frame. Asked here instead, once the page is drawn and its
 * list whole; then, an idle each, the detail's rows are made (see
 * prepare_detail_step). Hidden meanwhile, it waits for the next map. */
static gboolean
warm_maps_cb (gpointer user_data)
{
  SbQuestionsPage *self = user_data;

  if (_sb_questions_page_is_hidden (self))
    {
      self->maps_warm = FALSE;
      self->warm_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (!self->maps_warm)
    {
      g_autoptr(GPtrArray) unused = sb_store_get_question_stories (self->store, "");

      self->maps_warm = TRUE;
      return G_SOURCE_CONTINUE;
    }
  if (!_sb_questions_page_prepare_detail_step (self))
    return G_SOURCE_CONTINUE;
  self->maps_warm = FALSE;
  self->warm_id = 0;
  return G_SOURCE_REMOVE;
}

static void
queue_warm (SbQuestionsPage *self)
{
  if (self->warm_id == 0)
    self->warm_id = g_idle_add_full (G_PRIORITY_LOW, warm_maps_cb, self, NULL);
}

static void
warm_after_paint_cb (GdkFrameClock   *clock,
                     SbQuestionsPage *self)
{
  g_clear_signal_handler (&self->warm_paint_id, clock);
  queue_warm (self);
}

static void
queue_warm_after_paint (SbQuestionsPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL)
    queue_warm (self);
  else if (self->warm_paint_id == 0)
    self->warm_paint_id = g_signal_connect_object (clock, "after-paint",
                                                   G_CALLBACK (warm_after_paint_cb),
                                                   self, G_CONNECT_AFTER);
}

/* The list view gets its model (and makes the first slice's rows) when
 * the page is first shown, or before, when the window warms it up. */
static void
build_list (SbQuestionsPage *self)
{
  if (self->store == NULL || self->list_built)
    return;
  self->list_built = TRUE;
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

/* The window warms the page up before it is first shown: the first
 * slice's rows are made now, so that the frame that shows the page does
 * not make them. The rest of the list waits for the page to be shown. */
void
sb_questions_page_prepare (SbQuestionsPage *self)
{
  g_return_if_fail (SB_IS_QUESTIONS_PAGE (self));

  build_list (self);
}

static void
sb_questions_page_map (GtkWidget *widget)
{
  SbQuestionsPage *self = SB_QUESTIONS_PAGE (widget);

  GTK_WIDGET_CLASS (sb_questions_page_parent_class)->map (widget);

  if (self->store == NULL)
    return;
  build_list (self);
  if (!slice_is_whole (self) && self->grow_id == 0 && self->grow_paint_id == 0)
    wait_to_grow (self);
  if (slice_is_whole (self))
    queue_warm (self);
  if (self->stale)
    {
      self->stale = FALSE;
      g_clear_handle_id (&self->refresh_id, g_source_remove);
      _sb_questions_page_refresh_idle_cb (self);
    }
}

static void
sb_questions_page_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sb_questions_page_parent_class)->realize (widget);
  sb_views_ensure_css (widget);
}

static void
sb_questions_page_dispose (GObject *object)
{
  SbQuestionsPage *self = SB_QUESTIONS_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->refilter_id, g_source_remove);
  g_clear_handle_id (&self->warm_id, g_source_remove);
  if (self->warm_paint_id != 0 && gtk_widget_get_frame_clock (GTK_WIDGET (self)) != NULL)
    g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (self)), self->warm_paint_id);
  self->warm_paint_id = 0;
  stop_growing (self);
  _sb_questions_page_stop_suggestions (self);
  _sb_questions_page_dispose_chooser (self);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_QUESTIONS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_object (&self->results);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_questions_page_parent_class)->dispose (object);
}

static void
sb_questions_page_finalize (GObject *object)
{
  SbQuestionsPage *self = SB_QUESTIONS_PAGE (object);

  g_free (self->search);
  g_free (self->selected_slug);
  g_free (self->kept_slug);
  g_ptr_array_unref (self->framework_slugs);
  g_ptr_array_unref (self->theme_slugs);
  g_ptr_array_unref (self->answer_uuids);
  g_ptr_array_unref (self->suggestion_uuids);
  g_hash_table_unref (self->bound_rows);
  g_hash_table_unref (self->suggestions);
  g_free (self->detail_slug);

  G_OBJECT_CLASS (sb_questions_page_parent_class)->finalize (object);
}

static void
sb_questions_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SbQuestionsPage *self = SB_QUESTIONS_PAGE (object);

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
sb_questions_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SbQuestionsPage *self = SB_QUESTIONS_PAGE (object);

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
sb_questions_page_class_init (SbQuestionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sb_questions_page_constructed;
  object_class->dispose = sb_questions_page_dispose;
  object_class->finalize = sb_questions_page_finalize;
  object_class->get_property = sb_questions_page_get_property;
  object_class->set_property = sb_questions_page_set_property;

  widget_class->realize = sb_questions_page_realize;
  widget_class->map = sb_questions_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _sb_questions_page_install_actions (widget_class);

  (void) sb_views_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/storybank/Storybank/sb-questions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SbQuestionsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionsPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionsPage, framework_filter);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionsPage, theme_filter);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionsPage, unanswered_check);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionsPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionsPage, question_label);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionsPage, listen_box);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionsPage, listen_label);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionsPage, themes_box);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionsPage, theme_chips);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionsPage, answers_list);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionsPage, suggestions_list);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionsPage, choose_button);
  _sb_questions_page_bind_filter_callbacks (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "questions-page");
}

static void
sb_questions_page_init (SbQuestionsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Its wrapping labels measured at 12 characters: see sb-label.h. */
  sb_label_narrow_wrapping (GTK_WIDGET (self));
  _sb_questions_page_build_chooser (self);

  self->framework_slugs = g_ptr_array_new_with_free_func (g_free);
  self->theme_slugs = g_ptr_array_new_with_free_func (g_free);
  self->answer_uuids = g_ptr_array_new_with_free_func (g_free);
  self->suggestion_uuids = g_ptr_array_new_with_free_func (g_free);
  self->bound_rows = g_hash_table_new (NULL, NULL);
  self->suggestions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_ptr_array_unref);
  self->suggest_slice_us = SUGGEST_SLICE_US;
  _sb_questions_page_init_filters (self);

  gtk_list_box_set_placeholder (self->answers_list,
                                sb_placeholder_new (_("No story chosen yet. Use one of the "
                                                   "suggestions below.")));
  gtk_list_box_set_placeholder (self->suggestions_list,
                                sb_placeholder_new (_("No other story fits yet. Link stories to "
                                                   "this question’s themes on the Coverage page.")));

  g_object_bind_property (self->leaflet, "folded", self->back_button, "visible",
                          G_BINDING_SYNC_CREATE);
  /* In a narrow window one tap opens the question. */
  g_object_bind_property (self->leaflet, "folded", self->list_view, "single-click-activate",
                          G_BINDING_SYNC_CREATE);
}
