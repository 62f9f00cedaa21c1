/* sb-coverage-matrix.c — themes × stories, drawn cell by cell
 *
 * A bank can hold a thousand stories; a widget per cell (GtkGrid,
 * GtkColumnView) takes about a second to build at that size. This widget
 * keeps one SbCoverage snapshot and, on every frame, draws only the rows and
 * columns that are on screen. Header text is laid out once per row/column
 * (lazily, for the ones that have been visible) and reused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-coverage-matrix"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <adwaita.h>

#include "sb-coverage-matrix.h"

#define ROW_HEIGHT      40
#define COLUMN_WIDTH    36
#define HEADER_HEIGHT   170
#define MIN_HEADER_WIDTH 150
#define MAX_HEADER_WIDTH 260
#define DOT_RADIUS      7.f
#define MARK_RADIUS     5.f

typedef enum
{
  HIT_NONE,
  HIT_CORNER,
  HIT_ROW_HEADER,
  HIT_COLUMN_HEADER,
  HIT_CELL,
} HitRegion;

typedef struct
{
  GdkRGBA fg;
  GdkRGBA dim;
  GdkRGBA grid;
  GdkRGBA stripe;
  GdkRGBA view_bg;
  GdkRGBA header_bg;
  GdkRGBA accent;
  GdkRGBA selection;
  GdkRGBA error;
  GdkRGBA warning;
  GdkRGBA success;
} Palette;

struct _SbCoverageMatrix
{
  GtkWidget      parent_instance;

  SbStore       *store;
  GListModel    *stories;
  char          *framework;
  SbCoverage    *coverage;
  GPtrArray     *watched_stories;   /* SbStory refs with a notify::title handler */
  guint          rebuild_id;

  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  guint          hscroll_policy : 1;
  guint          vscroll_policy : 1;

  int            header_width;

  /* Lazily filled caches, one slot per row or column of the snapshot. */
  GPtrArray     *row_name_layouts;
  GPtrArray     *row_count_layouts;
  GPtrArray     *column_layouts;
  PangoLayout   *legend_layouts[3];

  int            focus_row;        /* -1: none */
  int            focus_column;
  char          *focus_theme;      /* identity of the focus cell across rebuilds */
  char          *focus_story;
  char          *selected_theme;

  guint          n_cells_drawn;
  AdwToast      *last_toast;       /* weak */
};

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
static gboolean
set_str (char       **slot,
         const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

static const char *
strength_to_string (SbStrength strength)
{
  switch (strength)
    {
    case SB_STRENGTH_PRIMARY:
      return _("primary");
    case SB_STRENGTH_SECONDARY:
      return _("secondary");
    case SB_STRENGTH_NONE:
    default:
      return _("not linked");
    }
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

static guint
n_rows (SbCoverageMatrix *self)
{
  return self->coverage != NULL ? sb_coverage_get_n_themes (self->coverage) : 0;
}

static guint
n_columns (SbCoverageMatrix *self)
{
  return self->coverage != NULL ? sb_coverage_get_n_stories (self->coverage) : 0;
}

static double
hvalue (SbCoverageMatrix *self)
{
  return self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0;
}

static double
vvalue (SbCoverageMatrix *self)
{
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              const char *fallback,
              GdkRGBA    *color)
{
  gboolean found;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  found = gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (!found)
    gdk_rgba_parse (color, fallback);
}

static void
palette_init (SbCoverageMatrix *self,
              Palette          *p)
{
  GtkWidget *widget = GTK_WIDGET (self);

#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, &p->fg);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &p->fg);
#endif
  p->dim = p->fg;
  p->dim.alpha *= 0.6f;
  p->grid = p->fg;
  p->grid.alpha *= 0.1f;
  p->stripe = p->fg;
  p->stripe.alpha *= 0.03f;

  lookup_color (widget, "view_bg_color", "#ffffff", &p->view_bg);
  lookup_color (widget, "window_bg_color", "#fafafa", &p->header_bg);
  lookup_color (widget, "accent_color", "#1c71d8", &p->accent);
  lookup_color (widget, "accent_bg_color", "#3584e4", &p->selection);
  p->selection.alpha = 0.15f;
  lookup_color (widget, "error_color", "#c01c28", &p->error);
  lookup_color (widget, "warning_color", "#9c6e03", &p->warning);
  lookup_color (widget, "success_color", "#1b8553", &p->success);
}

static void
append_dot (GtkSnapshot   *snapshot,
            float          cx,
            float          cy,
            float          radius,
            const GdkRGBA *color,
            gboolean       filled)
{
  GskRoundedRect rect;

  gsk_rounded_rect_init_from_rect (&rect,
                                   &GRAPHENE_RECT_INIT (cx - radius, cy - radius,
                                                        2 * radius, 2 * radius),
                                   radius);
  if (filled)
    {
      gtk_snapshot_push_rounded_clip (snapshot, &rect);
      gtk_snapshot_append_color (snapshot, color, &rect.bounds);
      gtk_snapshot_pop (snapshot);
    }
  else
    {
      const float widths[4] = { 2, 2, 2, 2 };
      const GdkRGBA colors[4] = { *color, *color, *color, *color };

      gtk_snapshot_append_border (snapshot, &rect, widths, colors);
    }
}

static const GdkRGBA *
level_color (const Palette   *p,
             SbCoverageLevel  level)
{
  switch (level)
    {
    case SB_COVERAGE_LEVEL_NONE:
      return &p->error;
    case SB_COVERAGE_LEVEL_THIN:
      return &p->warning;
    case SB_COVERAGE_LEVEL_GOOD:
    default:
      return &p->success;
    }
}

/* The caches hold NULL for rows and columns not laid out yet. */
static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
clear_layout_caches (SbCoverageMatrix *self)
{
  guint rows = n_rows (self);
  guint columns = n_columns (self);

  g_ptr_array_set_size (self->row_name_layouts, 0);
  g_ptr_array_set_size (self->row_count_layouts, 0);
  g_ptr_array_set_size (self->column_layouts, 0);
  g_ptr_array_set_size (self->row_name_layouts, rows);
  g_ptr_array_set_size (self->row_count_layouts, rows);
  g_ptr_array_set_size (self->column_layouts, columns);
  for (guint i = 0; i < G_N_ELEMENTS (self->legend_layouts); i++)
    g_clear_object (&self->legend_layouts[i]);
}

static PangoLayout *
row_name_layout (SbCoverageMatrix *self,
                 guint             row)
{
  PangoLayout *layout = g_ptr_array_index (self->row_name_layouts, row);

  if (layout == NULL)
    {
      SbTheme *theme = sb_coverage_get_theme (self->coverage, row);

      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), sb_theme_get_name (theme));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (layout, MAX (1, self->header_width - 28 - 40) * PANGO_SCALE);
      g_ptr_array_index (self->row_name_layouts, row) = layout;
    }

  return layout;
}

static PangoLayout *
row_count_layout (SbCoverageMatrix *self,
                  guint             row)
{
  PangoLayout *layout = g_ptr_array_index (self->row_count_layouts, row);

  if (layout == NULL)
    {
      char text[16];

      g_snprintf (text, sizeof text, "%u", sb_coverage_get_theme_count (self->coverage, row));
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      g_ptr_array_index (self->row_count_layouts, row) = layout;
    }

  return layout;
}

static PangoLayout *
column_layout (SbCoverageMatrix *self,
               guint             column)
{
  PangoLayout *layout = g_ptr_array_index (self->column_layouts, column);

  if (layout == NULL)
    {
      SbStory *story = sb_coverage_get_story (self->coverage, column);

      PangoAttrList *attrs = pango_attr_list_new ();

      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                               sb_story_get_display_title (story));
      pango_attr_list_insert (attrs, pango_attr_scale_new (0.9));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (layout, (HEADER_HEIGHT - 18) * PANGO_SCALE);
      g_ptr_array_index (self->column_layouts, column) = layout;
    }

  return layout;
}

static PangoLayout *
legend_layout (SbCoverageMatrix *self,
               guint             i)
{
  if (self->legend_layouts[i] == NULL)
    {
      const char *texts[] = { N_("Primary story"), N_("Secondary story"), N_("Stretched thin") };
      PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), _(texts[i]));
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (0.83));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (layout, MAX (1, self->header_width - 44) * PANGO_SCALE);
      self->legend_layouts[i] = layout;
    }

  return self->legend_layouts[i];
}

static HitRegion
hit_test (SbCoverageMatrix *self,
          double            x,
          double            y,
          int              *row,
          int              *column)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int r = -1, c = -1;

  *row = *column = -1;
  if (self->coverage == NULL || x < 0 || y < 0 || x >= width || y >= height)
    return HIT_NONE;

  if (x >= self->header_width)
    {
      double cx = x - self->header_width + hvalue (self);
      c = (int) floor (cx / COLUMN_WIDTH);
      if (c < 0 || c >= (int) n_columns (self))
        c = -1;
    }
  if (y >= HEADER_HEIGHT)
    {
      double cy = y - HEADER_HEIGHT + vvalue (self);
      r = (int) floor (cy / ROW_HEIGHT);
      if (r < 0 || r >= (int) n_rows (self))
        r = -1;
    }

  *row = r;
  *column = c;

  if (x < self->header_width && y < HEADER_HEIGHT)
    return HIT_CORNER;
  if (x < self->header_width)
    return r >= 0 ? HIT_ROW_HEADER : HIT_NONE;
  if (y < HEADER_HEIGHT)
    return c >= 0 ? HIT_COLUMN_HEADER : HIT_NONE;
  return (r >= 0 && c >= 0) ? HIT_CELL : HIT_NONE;
}

static void
cell_rect (SbCoverageMatrix *self,
           int               row,
           int               column,
           GdkRectangle     *rect)
{
  rect->x = self->header_width + column * COLUMN_WIDTH - (int) hvalue (self);
  rect->y = HEADER_HEIGHT + row * ROW_HEIGHT - (int) vvalue (self);
  rect->width = COLUMN_WIDTH;
  rect->height = ROW_HEIGHT;
}

static char *
describe_cell (SbCoverageMatrix *self,
               int               row,
               int               column)
{
  SbTheme *theme = sb_coverage_get_theme (self->coverage, row);
  SbStory *story = sb_coverage_get_story (self->coverage, column);
  SbStrength strength = sb_coverage_get_cell (self->coverage, row, column);

  /* Translators: theme × story: link strength, read by screen readers */
  return g_strdup_printf (_("%s × %s: %s"),
                          sb_theme_get_name (theme),
                          sb_story_get_display_title (story),
                          strength_to_string (strength));
}

static void
update_accessible (SbCoverageMatrix *self)
{
  g_autofree char *label = NULL;

  if (self->coverage != NULL && self->focus_row >= 0 && self->focus_column >= 0)
    label = describe_cell (self, self->focus_row, self->focus_column);
  else if (self->coverage != NULL && n_columns (self) == 0)
    label = g_strdup (_("Coverage matrix, no stories"));
  else
    label = g_strdup (_("Coverage matrix"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Themes are rows and stories are columns. Arrow keys move "
                                    "between cells; Space or Enter links the story to the theme, "
                                    "makes it secondary, or unlinks it."),
                                  -1);
}

static void
set_selected_theme_internal (SbCoverageMatrix *self,
                             const char       *slug)
{
  if (set_str (&self->selected_theme, slug))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_THEME]);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
scroll_to_cell (SbCoverageMatrix *self,
                int               row,
                int               column)
{
  if (self->hadjustment != NULL && column >= 0)
    {
      double value = gtk_adjustment_get_value (self->hadjustment);
      double page = gtk_adjustment_get_page_size (self->hadjustment);
      double x = column * COLUMN_WIDTH;

      if (x < value)
        gtk_adjustment_set_value (self->hadjustment, x);
      else if (x + COLUMN_WIDTH > value + page)
        gtk_adjustment_set_value (self->hadjustment, x + COLUMN_WIDTH - page);
    }
  if (self->vadjustment != NULL && row >= 0)
    {
      double value = gtk_adjustment_get_value (self->vadjustment);
      double page = gtk_adjustment_get_page_size (self->vadjustment);
      double y = row * ROW_HEIGHT;

      if (y < value)
        gtk_adjustment_set_value (self->vadjustment, y);
      else if (y + ROW_HEIGHT > value + page)
        gtk_adjustment_set_value (self->vadjustment, y + ROW_HEIGHT - page);
    }
}

static void
set_focus_cell (SbCoverageMatrix *self,
                int               row,
                int               column,
                gboolean          select_theme)
{
  guint rows = n_rows (self);
  guint columns = n_columns (self);

  if (rows == 0 || columns == 0)
    {
      self->focus_row = self->focus_column = -1;
      g_clear_pointer (&self->focus_theme, g_free);
      g_clear_pointer (&self->focus_story, g_free);
      update_accessible (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  self->focus_row = CLAMP (row, 0, (int) rows - 1);
  self->focus_column = CLAMP (column, 0, (int) columns - 1);
  set_str (&self->focus_theme,
             sb_theme_get_slug (sb_coverage_get_theme (self->coverage, self->focus_row)));
  set_str (&self->focus_story,
             sb_story_get_uuid (sb_coverage_get_story (self->coverage, self->focus_column)));

  if (select_theme)
    set_selected_theme_internal (self, self->focus_theme);

  scroll_to_cell (self, self->focus_row, self->focus_column);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- undo toast --------------------------------------------------------- */

typedef struct
{
  SbStore    *store;
  char       *story_uuid;
  char       *theme_slug;
  SbStrength  previous;
} UndoLink;

static void
undo_link_free (gpointer data,
                GClosure *closure)
{
  UndoLink *undo = data;

  g_clear_object (&undo->store);
  g_free (undo->story_uuid);
  g_free (undo->theme_slug);
  g_free (undo);
}

static void
undo_button_clicked_cb (AdwToast *toast,
                        UndoLink *undo)
{
  g_autoptr(GError) error = NULL;
  SbStory *story = sb_store_find_story (undo->store, undo->story_uuid);

  if (story == NULL)
    return;   /* deleted meanwhile: nothing left to restore */

  if (!sb_store_set_story_theme (undo->store, story, undo->theme_slug, undo->previous, &error))
    g_warning ("Could not undo the link change: %s", error->message);
}

static void
show_toast (SbCoverageMatrix *self,
            AdwToast         *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
}

static void
show_link_toast (SbCoverageMatrix *self,
                 SbStory          *story,
                 SbTheme          *theme,
                 SbStrength        previous,
                 SbStrength        strength)
{
  g_autoptr(AdwToast) toast = NULL;
  const char *title = sb_story_get_display_title (story);
  const char *name = sb_theme_get_name (theme);
  UndoLink *undo;

  if (gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY) == NULL)
    return;

  switch (strength)
    {
    case SB_STRENGTH_PRIMARY:
      toast = adw_toast_new_format (_("“%s” now covers %s"), title, name);
      break;
    case SB_STRENGTH_SECONDARY:
      toast = adw_toast_new_format (_("“%s” is now a secondary story for %s"), title, name);
      break;
    case SB_STRENGTH_NONE:
    default:
      toast = adw_toast_new_format (_("“%s” no longer covers %s"), title, name);
      break;
    }
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);

  undo = g_new0 (UndoLink, 1);
  undo->store = g_object_ref (self->store);
  undo->story_uuid = g_strdup (sb_story_get_uuid (story));
  undo->theme_slug = g_strdup (sb_theme_get_slug (theme));
  undo->previous = previous;
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_button_clicked_cb),
                         undo, undo_link_free, 0);

  g_set_weak_pointer (&self->last_toast, toast);
  show_toast (self, toast);
}

/* ---- rebuild ------------------------------------------------------------ */

static void
story_title_changed_cb (SbCoverageMatrix *self)
{
  /* Only the header text changed: drop the cached layouts, no rebuild. */
  for (guint i = 0; i < self->column_layouts->len; i++)
    g_clear_object (&g_ptr_array_index (self->column_layouts, i));
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
unwatch_stories (SbCoverageMatrix *self)
{
  for (guint i = 0; i < self->watched_stories->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->watched_stories, i),
                                          story_title_changed_cb, self);
  g_ptr_array_set_size (self->watched_stories, 0);
}

static void
watch_stories (SbCoverageMatrix *self)
{
  guint n;

  unwatch_stories (self);
  if (self->coverage == NULL)
    return;

  n = sb_coverage_get_n_stories (self->coverage);
  for (guint i = 0; i < n; i++)
    {
      SbStory *story = sb_coverage_get_story (self->coverage, i);

      g_signal_connect_object (story, "notify::title", G_CALLBACK (story_title_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_ptr_array_add (self->watched_stories, g_object_ref (story));
    }
}

void
sb_coverage_matrix_rebuild (SbCoverageMatrix *self)
{
  g_autoptr(GError) error = NULL;
  SbCoverage *coverage = NULL;
  int row = -1, column = -1;

  g_return_if_fail (SB_IS_COVERAGE_MATRIX (self));

  g_clear_handle_id (&self->rebuild_id, g_source_remove);

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

  g_clear_pointer (&self->coverage, sb_coverage_unref);
  self->coverage = coverage;

  clear_layout_caches (self);
  watch_stories (self);

  /* Keep the focus cell and the selected theme on the same theme and story. */
  if (coverage != NULL)
    {
      gboolean selected_found = FALSE;

      for (guint r = 0; r < n_rows (self); r++)
        {
          const char *slug = sb_theme_get_slug (sb_coverage_get_theme (coverage, r));

          if (g_strcmp0 (slug, self->focus_theme) == 0)
            row = r;
          if (g_strcmp0 (slug, self->selected_theme) == 0)
            selected_found = TRUE;
        }
      for (guint c = 0; c < n_columns (self) && self->focus_story != NULL; c++)
        if (g_strcmp0 (sb_story_get_uuid (sb_coverage_get_story (coverage, c)),
                       self->focus_story) == 0)
          {
            column = c;
            break;
          }
      if (!selected_found)
        set_selected_theme_internal (self, NULL);
    }
  else
    set_selected_theme_internal (self, NULL);

  if (row >= 0 && column >= 0)
    {
      self->focus_row = row;
      self->focus_column = column;
    }
  else if (self->focus_row >= 0)
    set_focus_cell (self, row >= 0 ? row : self->focus_row,
                    column >= 0 ? column : self->focus_column, FALSE);

  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[COVERAGE_CHANGED], 0);
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  SbCoverageMatrix *self = user_data;

  self->rebuild_id = 0;
  sb_coverage_matrix_rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (SbCoverageMatrix *self)
{
  /* A burst of changes (an import, a quick run of clicks) costs one rebuild,
   * done before the next frame is drawn. */
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_idle_cb, self, NULL);
}

/* ---- public API --------------------------------------------------------- */

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
      g_signal_handlers_disconnect_by_func (self->stories, queue_rebuild, self);
      g_clear_object (&self->stories);
      g_clear_object (&self->store);
    }

  if (store != NULL)
    {
      self->store = g_object_ref (store);
      self->stories = g_object_ref (sb_store_get_stories (store));
      g_signal_connect_object (store, "story-links-changed", G_CALLBACK (queue_rebuild),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "catalog-changed", G_CALLBACK (queue_rebuild),
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

  if (!set_str (&self->framework, framework_slug))
    return;

  set_selected_theme_internal (self, NULL);
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
  set_selected_theme_internal (self, theme_slug);
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

  show_link_toast (self, story, theme, previous, next);
  queue_rebuild (self);
  return TRUE;
}

guint
sb_coverage_matrix_get_n_cells_drawn (SbCoverageMatrix *self)
{
  g_return_val_if_fail (SB_IS_COVERAGE_MATRIX (self), 0);
  return self->n_cells_drawn;
}

static void
toggle_cell (SbCoverageMatrix *self,
             int               row,
             int               column)
{
  g_autoptr(GError) error = NULL;
  SbTheme *theme = sb_coverage_get_theme (self->coverage, row);
  SbStory *story = sb_coverage_get_story (self->coverage, column);

  if (!sb_coverage_matrix_toggle (self, sb_story_get_uuid (story), sb_theme_get_slug (theme), &error))
    {
      g_autoptr(AdwToast) toast = adw_toast_new (error->message);
      show_toast (self, toast);
    }
}

static void
toggle_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SbCoverageMatrix *self = SB_COVERAGE_MATRIX (widget);
  g_autoptr(GError) error = NULL;
  const char *uuid, *slug;

  g_variant_get (parameter, "(&s&s)", &uuid, &slug);
  if (!sb_coverage_matrix_toggle (self, uuid, slug, &error))
    {
      g_autoptr(AdwToast) toast = adw_toast_new (error->message);
      g_debug ("matrix.toggle: %s", error->message);
      show_toast (self, toast);
    }
}

/* ---- input -------------------------------------------------------------- */

static void
click_released_cb (GtkGestureClick  *gesture,
                   int               n_press,
                   double            x,
                   double            y,
                   SbCoverageMatrix *self)
{
  int row, column;
  HitRegion region = hit_test (self, x, y, &row, &column);

  if (n_press != 1)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));

  switch (region)
    {
    case HIT_CELL:
      set_focus_cell (self, row, column, TRUE);
      toggle_cell (self, row, column);
      break;
    case HIT_ROW_HEADER:
      set_focus_cell (self, row, self->focus_column >= 0 ? self->focus_column : 0, FALSE);
      set_selected_theme_internal (self,
                                   sb_theme_get_slug (sb_coverage_get_theme (self->coverage, row)));
      break;
    case HIT_COLUMN_HEADER:
      set_focus_cell (self, self->focus_row >= 0 ? self->focus_row : 0, column, FALSE);
      break;
    case HIT_CORNER:
    case HIT_NONE:
    default:
      break;
    }
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SbCoverageMatrix      *self)
{
  int rows = n_rows (self), columns = n_columns (self);
  int row = MAX (self->focus_row, 0), column = MAX (self->focus_column, 0);
  gboolean ctrl = (state & GDK_CONTROL_MASK) != 0;
  int page_rows = 1;

  if (rows == 0 || columns == 0)
    return FALSE;

  if (self->vadjustment != NULL)
    page_rows = MAX (1, (int) (gtk_adjustment_get_page_size (self->vadjustment) / ROW_HEIGHT) - 1);

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      row--;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      row++;
      break;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      column += gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? 1 : -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      column += gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? -1 : 1;
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      row -= page_rows;
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      row += page_rows;
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      column = 0;
      if (ctrl)
        row = 0;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      column = columns - 1;
      if (ctrl)
        row = rows - 1;
      break;
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (self->focus_row < 0)
        set_focus_cell (self, 0, 0, TRUE);
      else
        toggle_cell (self, self->focus_row, self->focus_column);
      return TRUE;
    default:
      return FALSE;
    }

  set_focus_cell (self, row, column, TRUE);
  return TRUE;
}

static void
focus_enter_cb (GtkEventControllerFocus *controller,
                SbCoverageMatrix        *self)
{
  if (self->focus_row < 0)
    set_focus_cell (self, 0, 0, FALSE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                SbCoverageMatrix        *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
sb_coverage_matrix_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard_mode,
                                  GtkTooltip *tooltip)
{
  SbCoverageMatrix *self = SB_COVERAGE_MATRIX (widget);
  g_autofree char *text = NULL;
  GdkRectangle area;
  int row, column;
  HitRegion region;

  if (keyboard_mode)
    {
      if (self->focus_row < 0 || self->coverage == NULL)
        return FALSE;
      region = HIT_CELL;
      row = self->focus_row;
      column = self->focus_column;
    }
  else
    region = hit_test (self, x, y, &row, &column);

  switch (region)
    {
    case HIT_CELL:
      {
        SbTheme *theme = sb_coverage_get_theme (self->coverage, row);
        SbStory *story = sb_coverage_get_story (self->coverage, column);
        SbStrength strength = sb_coverage_get_cell (self->coverage, row, column);
        const char *what;

        if (strength == SB_STRENGTH_PRIMARY)
          what = _("Primary story for this theme");
        else if (strength == SB_STRENGTH_SECONDARY)
          what = _("Secondary story for this theme");
        else
          what = _("Not linked — click to link");
        text = g_strdup_printf ("%s\n%s\n%s", sb_theme_get_name (theme),
                                sb_story_get_display_title (story), what);
        cell_rect (self, row, column, &area);
      }
      break;

    case HIT_ROW_HEADER:
      {
        SbTheme *theme = sb_coverage_get_theme (self->coverage, row);
        guint count = sb_coverage_get_theme_count (self->coverage, row);
        g_autofree char *stories = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "%u story", "%u stories", count),
                                                    count);
        const char *description = sb_theme_get_description (theme);

        text = g_strdup_printf ("%s — %s%s%s", sb_theme_get_name (theme), stories,
                                description != NULL && *description ? "\n" : "",
                                description != NULL ? description : "");
        area.x = 0;
        area.y = HEADER_HEIGHT + row * ROW_HEIGHT - (int) vvalue (self);
        area.width = self->header_width;
        area.height = ROW_HEIGHT;
      }
      break;

    case HIT_COLUMN_HEADER:
      {
        SbStory *story = sb_coverage_get_story (self->coverage, column);
        guint count = sb_coverage_get_story_count (self->coverage, column);

        if (sb_coverage_story_is_overloaded (self->coverage, column))
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s\nStretched thin: linked to %u theme here. "
                                               "Keep it to the three it tells best.",
                                               "%s\nStretched thin: linked to %u themes here. "
                                               "Keep it to the three it tells best.",
                                               count),
                                  sb_story_get_display_title (story), count);
        else
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s\nLinked to %u theme here",
                                               "%s\nLinked to %u themes here", count),
                                  sb_story_get_display_title (story), count);
        area.x = self->header_width + column * COLUMN_WIDTH - (int) hvalue (self);
        area.y = 0;
        area.width = COLUMN_WIDTH;
        area.height = HEADER_HEIGHT;
      }
      break;

    case HIT_CORNER:
    case HIT_NONE:
    default:
      return FALSE;
    }

  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip, &area);
  return TRUE;
}

/* ---- drawing ------------------------------------------------------------ */

static void
snapshot_cells (SbCoverageMatrix *self,
                GtkSnapshot      *snapshot,
                const Palette    *p,
                int               width,
                int               height,
                int first_row, int last_row,
                int first_column, int last_column)
{
  int hw = self->header_width;
  float x0 = hw - (float) hvalue (self);
  float y0 = HEADER_HEIGHT - (float) vvalue (self);
  float cells_width = MIN (width - hw, n_columns (self) * COLUMN_WIDTH - (float) hvalue (self));

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (hw, HEADER_HEIGHT,
                                                         width - hw, height - HEADER_HEIGHT));

  for (int r = first_row; r < last_row; r++)
    {
      float y = y0 + r * ROW_HEIGHT;
      SbTheme *theme = sb_coverage_get_theme (self->coverage, r);

      if (self->selected_theme != NULL &&
          g_strcmp0 (sb_theme_get_slug (theme), self->selected_theme) == 0)
        gtk_snapshot_append_color (snapshot, &p->selection,
                                   &GRAPHENE_RECT_INIT (hw, y, cells_width, ROW_HEIGHT));
      else if (r % 2 == 1)
        gtk_snapshot_append_color (snapshot, &p->stripe,
                                   &GRAPHENE_RECT_INIT (hw, y, cells_width, ROW_HEIGHT));
      gtk_snapshot_append_color (snapshot, &p->grid,
                                 &GRAPHENE_RECT_INIT (hw, y + ROW_HEIGHT - 1, cells_width, 1));
    }

  for (int c = first_column; c < last_column; c++)
    {
      float x = x0 + c * COLUMN_WIDTH;
      float rows_height = MIN (height - HEADER_HEIGHT, (last_row - first_row + 1) * ROW_HEIGHT);

      gtk_snapshot_append_color (snapshot, &p->grid,
                                 &GRAPHENE_RECT_INIT (x + COLUMN_WIDTH - 1, HEADER_HEIGHT,
                                                      1, MIN (rows_height,
                                                              y0 + last_row * ROW_HEIGHT - HEADER_HEIGHT)));
    }

  for (int r = first_row; r < last_row; r++)
    {
      float cy = y0 + r * ROW_HEIGHT + ROW_HEIGHT / 2.f;

      for (int c = first_column; c < last_column; c++)
        {
          float cx = x0 + c * COLUMN_WIDTH + COLUMN_WIDTH / 2.f;

          switch (sb_coverage_get_cell (self->coverage, r, c))
            {
            case SB_STRENGTH_PRIMARY:
              append_dot (snapshot, cx, cy, DOT_RADIUS, &p->accent, TRUE);
              break;
            case SB_STRENGTH_SECONDARY:
              append_dot (snapshot, cx, cy, DOT_RADIUS - 1, &p->accent, FALSE);
              break;
            case SB_STRENGTH_NONE:
            default:
              break;
            }
          self->n_cells_drawn++;
        }
    }

  if (gtk_widget_has_focus (GTK_WIDGET (self)) && self->focus_row >= 0)
    {
      GskRoundedRect ring;
      const float widths[4] = { 2, 2, 2, 2 };
      const GdkRGBA colors[4] = { p->accent, p->accent, p->accent, p->accent };

      gsk_rounded_rect_init_from_rect (&ring,
                                       &GRAPHENE_RECT_INIT (x0 + self->focus_column * COLUMN_WIDTH + 2,
                                                            y0 + self->focus_row * ROW_HEIGHT + 2,
                                                            COLUMN_WIDTH - 4, ROW_HEIGHT - 4),
                                       6);
      gtk_snapshot_append_border (snapshot, &ring, widths, colors);
    }

  gtk_snapshot_pop (snapshot);
}

static void
snapshot_row_headers (SbCoverageMatrix *self,
                      GtkSnapshot      *snapshot,
                      const Palette    *p,
                      int               height,
                      int               first_row,
                      int               last_row)
{
  int hw = self->header_width;
  float y0 = HEADER_HEIGHT - (float) vvalue (self);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, HEADER_HEIGHT, hw, height - HEADER_HEIGHT));
  gtk_snapshot_append_color (snapshot, &p->header_bg,
                             &GRAPHENE_RECT_INIT (0, HEADER_HEIGHT, hw, height - HEADER_HEIGHT));

  for (int r = first_row; r < last_row; r++)
    {
      float y = y0 + r * ROW_HEIGHT;
      SbTheme *theme = sb_coverage_get_theme (self->coverage, r);
      PangoLayout *name = row_name_layout (self, r);
      PangoLayout *count = row_count_layout (self, r);
      int lw, lh;

      if (self->selected_theme != NULL &&
          g_strcmp0 (sb_theme_get_slug (theme), self->selected_theme) == 0)
        gtk_snapshot_append_color (snapshot, &p->selection, &GRAPHENE_RECT_INIT (0, y, hw, ROW_HEIGHT));

      append_dot (snapshot, 14, y + ROW_HEIGHT / 2.f, MARK_RADIUS,
                  level_color (p, sb_coverage_get_theme_level (self->coverage, r)), TRUE);

      pango_layout_get_pixel_size (name, &lw, &lh);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (28, y + (ROW_HEIGHT - lh) / 2.f));
      gtk_snapshot_append_layout (snapshot, name, &p->fg);
      gtk_snapshot_restore (snapshot);

      pango_layout_get_pixel_size (count, &lw, &lh);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (hw - 14 - lw, y + (ROW_HEIGHT - lh) / 2.f));
      gtk_snapshot_append_layout (snapshot, count,
                                  level_color (p, sb_coverage_get_theme_level (self->coverage, r)));
      gtk_snapshot_restore (snapshot);

      gtk_snapshot_append_color (snapshot, &p->grid,
                                 &GRAPHENE_RECT_INIT (0, y + ROW_HEIGHT - 1, hw, 1));
    }

  gtk_snapshot_append_color (snapshot, &p->grid,
                             &GRAPHENE_RECT_INIT (hw - 1, HEADER_HEIGHT, 1, height - HEADER_HEIGHT));
  gtk_snapshot_pop (snapshot);
}

static void
snapshot_column_headers (SbCoverageMatrix *self,
                         GtkSnapshot      *snapshot,
                         const Palette    *p,
                         int               width,
                         int               first_column,
                         int               last_column)
{
  int hw = self->header_width;
  float x0 = hw - (float) hvalue (self);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (hw, 0, width - hw, HEADER_HEIGHT));
  gtk_snapshot_append_color (snapshot, &p->header_bg,
                             &GRAPHENE_RECT_INIT (hw, 0, width - hw, HEADER_HEIGHT));

  for (int c = first_column; c < last_column; c++)
    {
      float x = x0 + c * COLUMN_WIDTH;
      PangoLayout *layout = column_layout (self, c);
      int lw, lh;

      if (gtk_widget_has_focus (GTK_WIDGET (self)) && c == self->focus_column)
        gtk_snapshot_append_color (snapshot, &p->selection,
                                   &GRAPHENE_RECT_INIT (x, 0, COLUMN_WIDTH, HEADER_HEIGHT));

      pango_layout_get_pixel_size (layout, &lw, &lh);
      gtk_snapshot_save (snapshot);
      /* Bottom-to-top text, its baseline side towards the next column. */
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (x + (COLUMN_WIDTH - lh) / 2.f, HEADER_HEIGHT - 10));
      gtk_snapshot_rotate (snapshot, -90);
      gtk_snapshot_append_layout (snapshot, layout, &p->fg);
      gtk_snapshot_restore (snapshot);

      if (sb_coverage_story_is_overloaded (self->coverage, c))
        gtk_snapshot_append_color (snapshot, &p->warning,
                                   &GRAPHENE_RECT_INIT (x + 4, HEADER_HEIGHT - 5, COLUMN_WIDTH - 8, 3));

      gtk_snapshot_append_color (snapshot, &p->grid,
                                 &GRAPHENE_RECT_INIT (x + COLUMN_WIDTH - 1, 0, 1, HEADER_HEIGHT));
    }

  gtk_snapshot_append_color (snapshot, &p->grid,
                             &GRAPHENE_RECT_INIT (hw, HEADER_HEIGHT - 1, width - hw, 1));
  gtk_snapshot_pop (snapshot);
}

static void
snapshot_corner (SbCoverageMatrix *self,
                 GtkSnapshot      *snapshot,
                 const Palette    *p)
{
  int hw = self->header_width;
  float y = HEADER_HEIGHT - 3 * 24 - 8;

  gtk_snapshot_append_color (snapshot, &p->header_bg, &GRAPHENE_RECT_INIT (0, 0, hw, HEADER_HEIGHT));

  /* The legend: what a filled dot, a ring and an underline mean. */
  for (guint i = 0; i < 3; i++, y += 24)
    {
      PangoLayout *layout = legend_layout (self, i);
      int lw, lh;

      if (i == 0)
        append_dot (snapshot, 18, y + 12, DOT_RADIUS - 2, &p->accent, TRUE);
      else if (i == 1)
        append_dot (snapshot, 18, y + 12, DOT_RADIUS - 3, &p->accent, FALSE);
      else
        gtk_snapshot_append_color (snapshot, &p->warning, &GRAPHENE_RECT_INIT (10, y + 17, 16, 3));

      pango_layout_get_pixel_size (layout, &lw, &lh);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (34, y + (24 - lh) / 2.f));
      gtk_snapshot_append_layout (snapshot, layout, &p->dim);
      gtk_snapshot_restore (snapshot);
    }

  gtk_snapshot_append_color (snapshot, &p->grid, &GRAPHENE_RECT_INIT (0, HEADER_HEIGHT - 1, hw, 1));
  gtk_snapshot_append_color (snapshot, &p->grid, &GRAPHENE_RECT_INIT (hw - 1, 0, 1, HEADER_HEIGHT));
}

static void
sb_coverage_matrix_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  SbCoverageMatrix *self = SB_COVERAGE_MATRIX (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int rows = n_rows (self), columns = n_columns (self);
  int first_row, last_row, first_column, last_column;
  Palette p;

  self->n_cells_drawn = 0;
  if (self->coverage == NULL || width <= 0 || height <= 0)
    return;

  palette_init (self, &p);

  first_column = CLAMP ((int) floor (hvalue (self) / COLUMN_WIDTH), 0, columns);
  last_column = CLAMP ((int) ceil ((hvalue (self) + width - self->header_width) / COLUMN_WIDTH), first_column, columns);
  first_row = CLAMP ((int) floor (vvalue (self) / ROW_HEIGHT), 0, rows);
  last_row = CLAMP ((int) ceil ((vvalue (self) + height - HEADER_HEIGHT) / ROW_HEIGHT), first_row, rows);

  gtk_snapshot_append_color (snapshot, &p.view_bg, &GRAPHENE_RECT_INIT (0, 0, width, height));

  snapshot_cells (self, snapshot, &p, width, height, first_row, last_row, first_column, last_column);
  snapshot_row_headers (self, snapshot, &p, height, first_row, last_row);
  snapshot_column_headers (self, snapshot, &p, width, first_column, last_column);
  snapshot_corner (self, snapshot, &p);
}

/* ---- size --------------------------------------------------------------- */

static void
sb_coverage_matrix_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  SbCoverageMatrix *self = SB_COVERAGE_MATRIX (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_HEADER_WIDTH + 2 * COLUMN_WIDTH;
      *natural = MAX_HEADER_WIDTH + MIN (n_columns (self), 200) * COLUMN_WIDTH;
    }
  else
    {
      *minimum = HEADER_HEIGHT + 2 * ROW_HEIGHT;
      *natural = HEADER_HEIGHT + n_rows (self) * ROW_HEIGHT;
    }
}

static void
configure_adjustment (GtkAdjustment *adjustment,
                      double         upper,
                      double         page_size,
                      double         step)
{
  double value;

  if (adjustment == NULL)
    return;

  page_size = MAX (page_size, 0);
  value = CLAMP (gtk_adjustment_get_value (adjustment), 0, MAX (0, upper - page_size));
  gtk_adjustment_configure (adjustment, value, 0, MAX (upper, page_size),
                            step, page_size * 0.9, page_size);
}

static void
sb_coverage_matrix_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  SbCoverageMatrix *self = SB_COVERAGE_MATRIX (widget);
  int header_width = CLAMP (width * 2 / 5, MIN_HEADER_WIDTH, MAX_HEADER_WIDTH);

  if (header_width != self->header_width)
    {
      self->header_width = header_width;
      clear_layout_caches (self);
    }

  configure_adjustment (self->hadjustment, n_columns (self) * COLUMN_WIDTH,
                        width - header_width, COLUMN_WIDTH);
  configure_adjustment (self->vadjustment, n_rows (self) * ROW_HEIGHT,
                        height - HEADER_HEIGHT, ROW_HEIGHT);
}

static void
sb_coverage_matrix_system_setting_changed (GtkWidget        *widget,
                                           GtkSystemSetting  setting)
{
  SbCoverageMatrix *self = SB_COVERAGE_MATRIX (widget);

  GTK_WIDGET_CLASS (sb_coverage_matrix_parent_class)->system_setting_changed (widget, setting);
  if (setting == GTK_SYSTEM_SETTING_FONT_NAME || setting == GTK_SYSTEM_SETTING_FONT_CONFIG ||
      setting == GTK_SYSTEM_SETTING_DPI)
    {
      clear_layout_caches (self);
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
  border->top = HEADER_HEIGHT;
  border->right = border->bottom = 0;
  return TRUE;
}

static void
sb_coverage_matrix_scrollable_init (GtkScrollableInterface *iface)
{
  iface->get_border = sb_coverage_matrix_get_border;
}

/* ---- GObject ------------------------------------------------------------ */

static void
sb_coverage_matrix_dispose (GObject *object)
{
  SbCoverageMatrix *self = SB_COVERAGE_MATRIX (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_weak_pointer (&self->last_toast);
  unwatch_stories (self);
  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->store, queue_rebuild, self);
      g_signal_handlers_disconnect_by_func (self->stories, queue_rebuild, self);
    }
  g_clear_object (&self->stories);
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

  G_OBJECT_CLASS (sb_coverage_matrix_parent_class)->dispose (object);
}

static void
sb_coverage_matrix_finalize (GObject *object)
{
  SbCoverageMatrix *self = SB_COVERAGE_MATRIX (object);

  g_ptr_array_unref (self->watched_stories);
  g_ptr_array_unref (self->row_name_layouts);
  g_ptr_array_unref (self->row_count_layouts);
  g_ptr_array_unref (self->column_layouts);
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

  widget_class->snapshot = sb_coverage_matrix_snapshot;
  widget_class->measure = sb_coverage_matrix_measure;
  widget_class->size_allocate = sb_coverage_matrix_size_allocate;
  widget_class->query_tooltip = sb_coverage_matrix_query_tooltip;
  widget_class->system_setting_changed = sb_coverage_matrix_system_setting_changed;

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

  gtk_widget_class_install_action (widget_class, "matrix.toggle", "(ss)", toggle_action_cb);

  gtk_widget_class_set_css_name (widget_class, "coverage-matrix");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
sb_coverage_matrix_init (SbCoverageMatrix *self)
{
  GtkGesture *click;
  GtkEventController *key, *focus;

  self->watched_stories = g_ptr_array_new_with_free_func (g_object_unref);
  self->row_name_layouts = g_ptr_array_new_with_free_func (unref_if_set);
  self->row_count_layouts = g_ptr_array_new_with_free_func (unref_if_set);
  self->column_layouts = g_ptr_array_new_with_free_func (unref_if_set);
  self->focus_row = self->focus_column = -1;
  self->header_width = MIN_HEADER_WIDTH;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  update_accessible (self);
}

AdwToast *
sb_coverage_matrix_get_last_toast (SbCoverageMatrix *self)
{
  g_return_val_if_fail (SB_IS_COVERAGE_MATRIX (self), NULL);

  return self->last_toast;
}
