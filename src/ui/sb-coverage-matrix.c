/* sb-coverage-matrix.c — themes × stories, drawn cell by cell
 *
 * A bank can hold a thousand stories; a widget per cell (GtkGrid,
 * GtkColumnView) takes about a second to build at that size. This widget
 * keeps one SbCoverage snapshot and, on every frame, draws only the rows and
 * columns that are on screen. Header text is laid out once per row/column
 * (lazily, for the ones that have been visible) and reused.
 *
 * The widget is one object split by concern over three files that share
 * sb-coverage-matrix-private.h: size, drawing and geometry are in
 * sb-coverage-matrix-draw.c; clicks, keys and the focus cell, the link toast
 * with its Undo, tooltips and the accessible label in sb-coverage-matrix-input.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-coverage-matrix"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include <adwaita.h>

#include "sb-coverage-matrix-private.h"

static void sb_coverage_matrix_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SbCoverageMatrix, sb_coverage_matrix, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE,
                                                      sb_coverage_matrix_scrollable_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_FRAMEWORK,
  PROP_SELECTED_THEME,
  N_PROPS,
  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum {
  COVERAGE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- helpers ---------------------------------------------------------- */

/* g_set_str() arrived in GLib 2.76; Debian 12 has 2.74. */
gboolean
_sb_coverage_matrix_set_str (char       **slot,
                             const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

static SbStrength
strength_next (SbStrength strength)
{
  switch (strength)
    {
    case SB_STRENGTH_NONE:
      return SB_STRENGTH_PRIMARY;
    case SB_STRENGTH_PRIMARY:
      return SB_STRENGTH_SECONDARY;
    case SB_STRENGTH_SECONDARY:
    default:
      return SB_STRENGTH_NONE;
    }
}

void
_sb_coverage_matrix_set_selected_theme_internal (SbCoverageMatrix *self,
                                                 const char       *slug)
{
  if (_sb_coverage_matrix_set_str (&self->selected_theme, slug))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_THEME]);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* ---- rebuild ------------------------------------------------------------ */

/* A story was saved: its readiness may have changed. Only its column is
 * read again, at the next draw. */
static void
readiness_stale_cb (SbCoverageMatrix *self,
                    SbStory          *story)
{
  if (!self->shown)
    {
      self->readiness_stale = TRUE;
      return;
    }
  for (guint c = 0; c < self->column_readiness->len; c++)
    if (sb_coverage_get_story (self->coverage, c) == story)
      {
        g_array_index (self->column_readiness, gint8, c) = -1;
        gtk_widget_queue_draw (GTK_WIDGET (self));
        return;
      }
}

/* ---- story titles ------------------------------------------------------- */

/* Only the titles the matrix holds laid out (columns that have been on
 * screen since the last rebuild) and the focus cell's are watched, and only
 * while the matrix is shown: a handler on every story cost ~10 ms at
 * 10,000 stories, to connect and as much again to disconnect. A title that
 * changes while the matrix is hidden is caught when it is shown again
 * (revalidate_titles). */
static void
story_title_changed_cb (SbCoverageMatrix *self,
                        GParamSpec       *pspec,
                        SbStory          *story)
{
  /* Only the header text changed: drop that column's layout, no rebuild. */
  for (guint c = 0; c < self->column_layouts->len; c++)
    if (g_ptr_array_index (self->column_layouts, c) != NULL &&
        sb_coverage_get_story (self->coverage, c) == story)
      g_clear_object (&g_ptr_array_index (self->column_layouts, c));
  _sb_coverage_matrix_measure_titles (self);
  _sb_coverage_matrix_update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_sb_coverage_matrix_watch_title (SbCoverageMatrix *self,
                                 SbStory          *story)
{
  if (!self->shown || g_hash_table_contains (self->watched_stories, story))
    return;
  /* Not g_signal_connect_object (): it adds a weak reference to the matrix
   * per story. dispose () disconnects them all (unwatch_titles). */
  g_signal_connect_swapped (story, "notify::title", G_CALLBACK (story_title_changed_cb), self);
  g_hash_table_add (self->watched_stories, g_object_ref (story));
}

void
_sb_coverage_matrix_unwatch_titles (SbCoverageMatrix *self)
{
  GHashTableIter iter;
  gpointer story;

  g_hash_table_iter_init (&iter, self->watched_stories);
  while (g_hash_table_iter_next (&iter, &story, NULL))
    g_signal_handlers_disconnect_by_func (story, story_title_changed_cb, self);
  g_hash_table_remove_all (self->watched_stories);
}

/* Shown again after titles may have changed unwatched: a layout that no
 * longer says its story's title is dropped; the others are watched again. */
static void
revalidate_titles (SbCoverageMatrix *self)
{
  for (guint c = 0; c < self->column_layouts->len; c++)
    {
      PangoLayout *layout = g_ptr_array_index (self->column_layouts, c);
      SbStory *story;

      if (layout == NULL)
        continue;
      story = sb_coverage_get_story (self->coverage, c);
      if (g_strcmp0 (pango_layout_get_text (layout), sb_story_get_display_title (story)) == 0)
        _sb_coverage_matrix_watch_title (self, story);
      else
        g_clear_object (&g_ptr_array_index (self->column_layouts, c));
    }
  _sb_coverage_matrix_measure_titles (self);
  _sb_coverage_matrix_update_accessible (self);
}

/* The header layouts of the snapshot going, by story (or theme). */
static GHashTable *
keep_layouts (SbCoverageMatrix *self,
              GPtrArray        *layouts,
              gboolean          rows)
{
  GHashTable *kept = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);

  for (guint i = 0; self->coverage != NULL && i < layouts->len; i++)
    {
      PangoLayout *layout = g_ptr_array_index (layouts, i);

      if (layout != NULL)
        g_hash_table_insert (kept,
                             rows ? (gpointer) sb_coverage_get_theme (self->coverage, i)
                                  : (gpointer) sb_coverage_get_story (self->coverage, i),
                             g_object_ref (layout));
    }
  return kept;
}

/* A rebuild keeps the headers on screen that still say the same: laying a
 * screenful of titles out again was ~2 ms of the frame after a rebuild. */
static void
reuse_layouts (SbCoverageMatrix *self,
               GHashTable       *titles,
               GHashTable       *names)
{
  int first, last;

  if (self->coverage == NULL)
    return;

  _sb_coverage_matrix_visible_columns (self, &first, &last);
  for (int c = first; c < last && g_hash_table_size (titles) > 0; c++)
    {
      SbStory *story = sb_coverage_get_story (self->coverage, c);
      PangoLayout *layout = g_hash_table_lookup (titles, story);

      if (layout != NULL &&
          g_strcmp0 (pango_layout_get_text (layout), sb_story_get_display_title (story)) == 0)
        {
          g_ptr_array_index (self->column_layouts, c) = g_object_ref (layout);
          _sb_coverage_matrix_watch_title (self, story);
        }
    }
  for (guint r = 0; r < _sb_coverage_matrix_n_rows (self) && g_hash_table_size (names) > 0; r++)
    {
      SbTheme *theme = sb_coverage_get_theme (self->coverage, r);
      PangoLayout *layout = g_hash_table_lookup (names, theme);

      if (layout != NULL && g_strcmp0 (pango_layout_get_text (layout), sb_theme_get_name (theme)) == 0)
        g_ptr_array_index (self->row_name_layouts, r) = g_object_ref (layout);
    }
}

void
sb_coverage_matrix_rebuild (SbCoverageMatrix *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) kept_titles = NULL;
  g_autoptr(GHashTable) kept_names = NULL;
  SbCoverage *coverage = NULL;
  int row = -1, column = -1;

  g_return_if_fail (SB_IS_COVERAGE_MATRIX (self));

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_ptr_array_set_size (self->updated_stories, 0);
  self->full_rebuild = FALSE;

  if (self->store != NULL)
    {
      coverage = sb_coverage_new (self->store, self->framework, &error);
      if (coverage == NULL && self->framework != NULL)
        {
          /* The remembered framework is gone: fall back to the first one. */
          g_debug ("Framework “%s”: %s", self->framework, error->message);
          g_clear_error (&error);
          coverage = sb_coverage_new (self->store, NULL, &error);
        }
      if (coverage == NULL)
        g_warning ("Could not compute the coverage: %s", error->message);
    }

  kept_titles = keep_layouts (self, self->column_layouts, FALSE);
  kept_names = keep_layouts (self, self->row_name_layouts, TRUE);

  g_clear_pointer (&self->coverage, sb_coverage_unref);
  self->coverage = coverage;

  self->stale = FALSE;
  _sb_coverage_matrix_clear_layout_caches (self);
  _sb_coverage_matrix_measure_names (self);
  reuse_layouts (self, kept_titles, kept_names);

  /* Keep the focus cell and the selected theme on the same theme and story. */
  if (coverage != NULL)
    {
      gboolean selected_found = FALSE;

      for (guint r = 0; r < _sb_coverage_matrix_n_rows (self); r++)
        {
          const char *slug = sb_theme_get_slug (sb_coverage_get_theme (coverage, r));

          if (g_strcmp0 (slug, self->focus_theme) == 0)
            row = r;
          if (g_strcmp0 (slug, self->selected_theme) == 0)
            selected_found = TRUE;
        }
      /* By the story itself: reading every story's id touched 10,000 of them. */
      {
        SbStory *focus = self->focus_story != NULL ? sb_store_find_story (self->store, self->focus_story) : NULL;

        for (guint c = 0; c < _sb_coverage_matrix_n_columns (self) && focus != NULL; c++)
          if (sb_coverage_get_story (coverage, c) == focus)
            {
              column = c;
              break;
            }
      }
      if (!selected_found)
        _sb_coverage_matrix_set_selected_theme_internal (self, NULL);
    }
  else
    _sb_coverage_matrix_set_selected_theme_internal (self, NULL);

  if (row >= 0 && column >= 0)
    {
      self->focus_row = row;
      self->focus_column = column;
    }
  else if (self->focus_row >= 0)
    _sb_coverage_matrix_set_focus_cell (self, row >= 0 ? row : self->focus_row,
                                        column >= 0 ? column : self->focus_column, FALSE);

  _sb_coverage_matrix_update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[COVERAGE_CHANGED], 0);
}

/* Reads again only the columns of the stories whose links changed: after a
 * click, rebuilding (the store's theme → stories map first) took ~10 ms at
 * 10,000 stories; this copies the cells. The stories and themes are the
 * same, so only the counts' layouts go. */
static gboolean
apply_story_updates (SbCoverageMatrix *self)
{
  g_autoptr(SbCoverage) coverage = sb_coverage_ref (self->coverage);

  for (guint i = 0; i < self->updated_stories->len; i++)
    {
      SbCoverage *updated = sb_coverage_new_updated (coverage, self->store,
                                                     self->updated_stories->pdata[i]);

      if (updated == NULL)
        return FALSE;
      g_clear_pointer (&coverage, sb_coverage_unref);
      coverage = updated;
    }
  g_ptr_array_set_size (self->updated_stories, 0);

  g_clear_pointer (&self->coverage, sb_coverage_unref);
  self->coverage = g_steal_pointer (&coverage);
  g_ptr_array_set_size (self->row_count_layouts, 0);
  g_ptr_array_set_size (self->row_count_layouts, _sb_coverage_matrix_n_rows (self));
  _sb_coverage_matrix_update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[COVERAGE_CHANGED], 0);
  return TRUE;
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  SbCoverageMatrix *self = user_data;

  self->rebuild_id = 0;
  if (self->full_rebuild || self->coverage == NULL || !apply_story_updates (self))
    sb_coverage_matrix_rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_rebuild (SbCoverageMatrix *self)
{
  /* A burst of changes (an import, a quick run of clicks) costs one rebuild,
   * done before the next frame is drawn. */
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_idle_cb, self, NULL);
}

static void
queue_rebuild (SbCoverageMatrix *self)
{
  self->full_rebuild = TRUE;
  /* Hidden, it only notes that the bank changed (sb_coverage_matrix_set_shown). */
  if (!self->shown)
    self->stale = TRUE;
  else
    schedule_rebuild (self);
}

/* More stories than this changed at once (an import): rebuild. */
#define MAX_UPDATED_STORIES 32

/* Hidden, the story is only noted: a few stories whose themes the person
 * changed on the Stories page are read again when shown, without the
 * store's map (rebuilding it is ~8 ms at 10,000 stories). */
static void
story_links_changed_cb (SbCoverageMatrix *self,
                        SbStory          *story)
{
  if (self->updated_stories->len >= MAX_UPDATED_STORIES)
    self->full_rebuild = TRUE;
  else if (!g_ptr_array_find (self->updated_stories, story, NULL))
    g_ptr_array_add (self->updated_stories, g_object_ref (story));

  if (!self->shown)
    self->stale = TRUE;
  else
    schedule_rebuild (self);
}

/* ---- public API --------------------------------------------------------- */

void
sb_coverage_matrix_set_shown (SbCoverageMatrix *self,
                              gboolean          shown)
{
  g_return_if_fail (SB_IS_COVERAGE_MATRIX (self));

  shown = !!shown;
  if (self->shown == (guint) shown)
    return;
  self->shown = shown;

  if (!shown)
    {
      if (self->rebuild_id != 0)
        {
          g_clear_handle_id (&self->rebuild_id, g_source_remove);
          self->stale = TRUE;
        }
      _sb_coverage_matrix_unwatch_titles (self);
      return;
    }

  if (self->stale)
    {
      self->stale = FALSE;
      if (self->full_rebuild || self->coverage == NULL || !apply_story_updates (self))
        {
          sb_coverage_matrix_rebuild (self);
          return;
        }
    }
  if (self->coverage == NULL)
    return;
  if (self->readiness_stale)
    memset (self->column_readiness->data, -1, self->column_readiness->len);
  self->readiness_stale = FALSE;
  revalidate_titles (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GtkWidget *
sb_coverage_matrix_new (SbStore *store)
{
  return g_object_new (SB_TYPE_COVERAGE_MATRIX, "store", store, NULL);
}

SbStore *
sb_coverage_matrix_get_store (SbCoverageMatrix *self)
{
  g_return_val_if_fail (SB_IS_COVERAGE_MATRIX (self), NULL);
  return self->store;
}

void
sb_coverage_matrix_set_store (SbCoverageMatrix *self,
                              SbStore          *store)
{
  g_return_if_fail (SB_IS_COVERAGE_MATRIX (self));
  g_return_if_fail (store == NULL || SB_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->store, queue_rebuild, self);
      g_signal_handlers_disconnect_by_func (self->store, story_links_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->store, readiness_stale_cb, self);
      g_signal_handlers_disconnect_by_func (self->stories, queue_rebuild, self);
      g_clear_object (&self->stories);
      g_clear_object (&self->store);
    }

  if (store != NULL)
    {
      self->store = g_object_ref (store);
      self->stories = g_object_ref (sb_store_get_stories (store));
      g_signal_connect_object (store, "story-links-changed", G_CALLBACK (story_links_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "catalog-changed", G_CALLBACK (queue_rebuild),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "save-state-changed", G_CALLBACK (readiness_stale_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "stories-reloaded", G_CALLBACK (queue_rebuild),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->stories, "items-changed", G_CALLBACK (queue_rebuild),
                               self, G_CONNECT_SWAPPED);
    }

  sb_coverage_matrix_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

const char *
sb_coverage_matrix_get_framework (SbCoverageMatrix *self)
{
  g_return_val_if_fail (SB_IS_COVERAGE_MATRIX (self), NULL);
  return self->framework;
}

void
sb_coverage_matrix_set_framework (SbCoverageMatrix *self,
                                  const char       *framework_slug)
{
  g_return_if_fail (SB_IS_COVERAGE_MATRIX (self));

  if (!_sb_coverage_matrix_set_str (&self->framework, framework_slug))
    return;

  _sb_coverage_matrix_set_selected_theme_internal (self, NULL);
  g_clear_pointer (&self->focus_theme, g_free);
  self->focus_row = self->focus_column >= 0 ? 0 : -1;
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, 0);
  sb_coverage_matrix_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAMEWORK]);
}

SbCoverage *
sb_coverage_matrix_get_coverage (SbCoverageMatrix *self)
{
  g_return_val_if_fail (SB_IS_COVERAGE_MATRIX (self), NULL);
  return self->coverage;
}

const char *
sb_coverage_matrix_get_selected_theme (SbCoverageMatrix *self)
{
  g_return_val_if_fail (SB_IS_COVERAGE_MATRIX (self), NULL);
  return self->selected_theme;
}

void
sb_coverage_matrix_set_selected_theme (SbCoverageMatrix *self,
                                       const char       *theme_slug)
{
  g_return_if_fail (SB_IS_COVERAGE_MATRIX (self));
  _sb_coverage_matrix_set_selected_theme_internal (self, theme_slug);
}

gboolean
sb_coverage_matrix_toggle (SbCoverageMatrix  *self,
                           const char        *story_uuid,
                           const char        *theme_slug,
                           GError           **error)
{
  SbStory *story;
  SbTheme *theme;
  SbStrength previous, next;

  g_return_val_if_fail (SB_IS_COVERAGE_MATRIX (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  story = sb_store_find_story (self->store, story_uuid);
  theme = sb_store_find_theme (self->store, theme_slug);
  if (story == NULL || theme == NULL)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   story == NULL ? _("No story with the id “%s”") : _("No theme “%s”"),
                   story == NULL ? story_uuid : theme_slug);
      return FALSE;
    }

  previous = sb_store_get_story_theme (self->store, story, theme_slug);
  next = strength_next (previous);
  if (!sb_store_set_story_theme (self->store, story, theme_slug, next, error))
    return FALSE;

  _sb_coverage_matrix_show_link_toast (self, story, theme, previous, next);
  story_links_changed_cb (self, story);
  return TRUE;
}

gboolean
sb_coverage_matrix_is_name_cut (SbCoverageMatrix *self,
                                guint             row)
{
  g_return_val_if_fail (SB_IS_COVERAGE_MATRIX (self), FALSE);
  g_return_val_if_fail (row < _sb_coverage_matrix_n_rows (self), FALSE);
  return pango_layout_is_ellipsized (_sb_coverage_matrix_row_name_layout (self, row));
}

gboolean
sb_coverage_matrix_is_title_cut (SbCoverageMatrix *self,
                                 guint             column)
{
  g_return_val_if_fail (SB_IS_COVERAGE_MATRIX (self), FALSE);
  g_return_val_if_fail (column < _sb_coverage_matrix_n_columns (self), FALSE);
  return pango_layout_is_ellipsized (_sb_coverage_matrix_column_layout (self, column));
}

const char *
sb_coverage_matrix_get_drawn_title (SbCoverageMatrix *self,
                                    guint             column)
{
  PangoLayout *layout;

  g_return_val_if_fail (SB_IS_COVERAGE_MATRIX (self), NULL);
  if (column >= self->column_layouts->len)
    return NULL;
  layout = g_ptr_array_index (self->column_layouts, column);
  return layout != NULL ? pango_layout_get_text (layout) : NULL;
}

void
sb_coverage_matrix_get_cell_area (SbCoverageMatrix *self,
                                  int               row,
                                  int               column,
                                  GdkRectangle     *area)
{
  g_return_if_fail (SB_IS_COVERAGE_MATRIX (self));
  _sb_coverage_matrix_cell_rect (self, row, column, area);
}

char *
sb_coverage_matrix_dup_tooltip_at (SbCoverageMatrix *self,
                                   double            x,
                                   double            y)
{
  GdkRectangle area;

  g_return_val_if_fail (SB_IS_COVERAGE_MATRIX (self), NULL);
  return _sb_coverage_matrix_describe_point (self, x, y, FALSE, &area);
}

guint
sb_coverage_matrix_get_n_cells_drawn (SbCoverageMatrix *self)
{
  g_return_val_if_fail (SB_IS_COVERAGE_MATRIX (self), 0);
  return self->n_cells_drawn;
}

/* ---- system settings ---------------------------------------------------- */

static void
sb_coverage_matrix_system_setting_changed (GtkWidget        *widget,
                                           GtkSystemSetting  setting)
{
  SbCoverageMatrix *self = SB_COVERAGE_MATRIX (widget);

  GTK_WIDGET_CLASS (sb_coverage_matrix_parent_class)->system_setting_changed (widget, setting);
  if (setting == GTK_SYSTEM_SETTING_FONT_NAME || setting == GTK_SYSTEM_SETTING_FONT_CONFIG ||
      setting == GTK_SYSTEM_SETTING_DPI)
    {
      _sb_coverage_matrix_clear_layout_caches (self);
      _sb_coverage_matrix_measure_names (self);
      gtk_widget_queue_draw (widget);
    }
}

/* ---- GtkScrollable ------------------------------------------------------ */

static void
adjustment_value_changed_cb (GtkAdjustment    *adjustment,
                             SbCoverageMatrix *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (SbCoverageMatrix  *self,
                GtkAdjustment    **slot,
                GtkAdjustment     *adjustment)
{
  if (adjustment != NULL && *slot == adjustment)
    return;

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed_cb, self);
      g_clear_object (slot);
    }

  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);

  *slot = g_object_ref_sink (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed_cb), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static gboolean
sb_coverage_matrix_get_border (GtkScrollable *scrollable,
                               GtkBorder     *border)
{
  SbCoverageMatrix *self = SB_COVERAGE_MATRIX (scrollable);

  /* The sticky headers: the scrolled window keeps scrollbars clear of them. */
  border->left = self->header_width;
  border->top = self->header_height;
  border->right = border->bottom = 0;
  return TRUE;
}

static void
sb_coverage_matrix_scrollable_init (GtkScrollableInterface *iface)
{
  iface->get_border = sb_coverage_matrix_get_border;
}

/* ---- GObject ------------------------------------------------------------ */

/* The caches hold NULL for rows and columns not laid out yet. */
static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
sb_coverage_matrix_dispose (GObject *object)
{
  SbCoverageMatrix *self = SB_COVERAGE_MATRIX (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_handle_id (&self->readiness_id, g_source_remove);
  g_clear_weak_pointer (&self->last_toast);
  _sb_coverage_matrix_unwatch_titles (self);
  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->store, queue_rebuild, self);
      g_signal_handlers_disconnect_by_func (self->store, story_links_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->store, readiness_stale_cb, self);
      g_signal_handlers_disconnect_by_func (self->stories, queue_rebuild, self);
    }
  g_clear_object (&self->stories);
  g_ptr_array_set_size (self->updated_stories, 0);
  g_clear_object (&self->store);
  g_clear_pointer (&self->coverage, sb_coverage_unref);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_value_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_ptr_array_set_size (self->row_name_layouts, 0);
  g_ptr_array_set_size (self->row_count_layouts, 0);
  g_ptr_array_set_size (self->column_layouts, 0);
  for (guint i = 0; i < G_N_ELEMENTS (self->legend_layouts); i++)
    g_clear_object (&self->legend_layouts[i]);
  g_clear_object (&self->title_context);

  G_OBJECT_CLASS (sb_coverage_matrix_parent_class)->dispose (object);
}

static void
sb_coverage_matrix_finalize (GObject *object)
{
  SbCoverageMatrix *self = SB_COVERAGE_MATRIX (object);

  g_hash_table_unref (self->watched_stories);
  g_ptr_array_unref (self->updated_stories);
  g_ptr_array_unref (self->row_name_layouts);
  g_ptr_array_unref (self->row_count_layouts);
  g_ptr_array_unref (self->column_layouts);
  g_array_unref (self->column_readiness);
  g_free (self->framework);
  g_free (self->focus_theme);
  g_free (self->focus_story);
  g_free (self->selected_theme);

  G_OBJECT_CLASS (sb_coverage_matrix_parent_class)->finalize (object);
}

static void
sb_coverage_matrix_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SbCoverageMatrix *self = SB_COVERAGE_MATRIX (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_FRAMEWORK:
      g_value_set_string (value, self->framework);
      break;
    case PROP_SELECTED_THEME:
      g_value_set_string (value, self->selected_theme);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_coverage_matrix_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SbCoverageMatrix *self = SB_COVERAGE_MATRIX (object);

  switch (prop_id)
    {
    case PROP_STORE:
      sb_coverage_matrix_set_store (self, g_value_get_object (value));
      break;
    case PROP_FRAMEWORK:
      sb_coverage_matrix_set_framework (self, g_value_get_string (value));
      break;
    case PROP_SELECTED_THEME:
      sb_coverage_matrix_set_selected_theme (self, g_value_get_string (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_coverage_matrix_class_init (SbCoverageMatrixClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_coverage_matrix_dispose;
  object_class->finalize = sb_coverage_matrix_finalize;
  object_class->get_property = sb_coverage_matrix_get_property;
  object_class->set_property = sb_coverage_matrix_set_property;

  widget_class->system_setting_changed = sb_coverage_matrix_system_setting_changed;
  _sb_coverage_matrix_class_init_draw (widget_class);

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRAMEWORK] =
    g_param_spec_string ("framework", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_THEME] =
    g_param_spec_string ("selected-theme", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals[COVERAGE_CHANGED] =
    g_signal_new ("coverage-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  _sb_coverage_matrix_class_init_input (widget_class);

  gtk_widget_class_set_css_name (widget_class, "coverage-matrix");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
sb_coverage_matrix_init (SbCoverageMatrix *self)
{
  self->watched_stories = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->updated_stories = g_ptr_array_new_with_free_func (g_object_unref);
  self->shown = TRUE;
  self->row_name_layouts = g_ptr_array_new_with_free_func (unref_if_set);
  self->row_count_layouts = g_ptr_array_new_with_free_func (unref_if_set);
  self->column_layouts = g_ptr_array_new_with_free_func (unref_if_set);
  self->column_readiness = g_array_new (FALSE, FALSE, sizeof (gint8));
  self->focus_row = self->focus_column = -1;
  self->header_width = MIN_HEADER_WIDTH;
  self->header_height = MIN_HEADER_HEIGHT;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  _sb_coverage_matrix_init_input (self);

  _sb_coverage_matrix_update_accessible (self);
}

AdwToast *
sb_coverage_matrix_get_last_toast (SbCoverageMatrix *self)
{
  g_return_val_if_fail (SB_IS_COVERAGE_MATRIX (self), NULL);

  return self->last_toast;
}
