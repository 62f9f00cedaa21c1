/* sb-coverage-matrix-private.h — what the parts of the coverage matrix share
 *
 * The widget is one object split by concern: sb-coverage-matrix.c (the
 * object, its properties, scrolling, the store and the rebuild),
 * sb-coverage-matrix-draw.c (size, drawing, layout caches and which cell is
 * where) and sb-coverage-matrix-input.c (clicks and keys, the focus cell,
 * the link toast with its Undo, tooltips and the accessible label).
 * Never included outside src/ui/sb-coverage-matrix*.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-coverage-matrix.h"

G_BEGIN_DECLS

#define ROW_HEIGHT      40
#define COLUMN_WIDTH    36
/* The headers grow to show whole names when the window has room. */
#define MIN_HEADER_HEIGHT 170
#define MAX_HEADER_HEIGHT 340
#define MIN_HEADER_WIDTH 150
#define MAX_HEADER_WIDTH 480
/* Beside a theme's name: its level mark (left) and its count (right). */
#define ROW_NAME_START   28
#define ROW_NAME_PADDING 68
/* Below a story's rotated title: room for the stretched-thin mark. */
#define COLUMN_TITLE_PADDING 18

typedef enum
{
  HIT_NONE,
  HIT_CORNER,
  HIT_ROW_HEADER,
  HIT_COLUMN_HEADER,
  HIT_CELL,
} HitRegion;

struct _SbCoverageMatrix
{
  GtkWidget      parent_instance;

  SbStore       *store;
  GListModel    *stories;
  char          *framework;
  SbCoverage    *coverage;
  GHashTable    *watched_stories;   /* SbStory refs with a notify::title handler */
  guint          rebuild_id;
  GPtrArray     *updated_stories;   /* SbStory refs whose links changed since */
  guint          full_rebuild : 1; /* …or more than that changed */
  guint          shown : 1;        /* FALSE: changes only mark it stale */
  guint          stale : 1;        /* the bank changed while hidden */
  guint          readiness_stale : 1; /* a story was saved while hidden */

  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  guint          hscroll_policy : 1;
  guint          vscroll_policy : 1;

  int            header_width;
  int            header_height;
  int            names_width;      /* the widest theme name, in pixels */
  int            titles_width;     /* the widest story title, as drawn */
  int            allocated_width;  /* at the last allocation */
  int            allocated_height;

  /* Lazily filled caches, one slot per row or column of the snapshot. */
  GPtrArray     *row_name_layouts;
  GPtrArray     *row_count_layouts;
  GPtrArray     *column_layouts;
  GArray        *column_readiness; /* gint8 SbReadinessLevel per column, -1: not read yet */
  guint          readiness_id;     /* reads them for the columns on screen */
  PangoLayout   *legend_layouts[3];
  PangoContext  *title_context;    /* unhinted, for the turned titles */

  int            focus_row;        /* -1: none */
  int            focus_column;
  char          *focus_theme;      /* identity of the focus cell across rebuilds */
  char          *focus_story;
  char          *selected_theme;

  guint          n_cells_drawn;
  AdwToast      *last_toast;       /* weak; NULL once dismissed */
  gint64         last_toast_shown_us;
};

/* The story's readiness for column @column, or -1 until an idle after the
 * frame has read it (after a rebuild or a save; sb-coverage-matrix-draw.c). */
int _sb_coverage_matrix_column_readiness (SbCoverageMatrix *self,
                                          guint             column);

static inline guint
_sb_coverage_matrix_n_rows (SbCoverageMatrix *self)
{
  return self->coverage != NULL ? sb_coverage_get_n_themes (self->coverage) : 0;
}

static inline guint
_sb_coverage_matrix_n_columns (SbCoverageMatrix *self)
{
  return self->coverage != NULL ? sb_coverage_get_n_stories (self->coverage) : 0;
}

static inline double
_sb_coverage_matrix_hvalue (SbCoverageMatrix *self)
{
  return self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0;
}

static inline double
_sb_coverage_matrix_vvalue (SbCoverageMatrix *self)
{
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

/* sb-coverage-matrix.c */
gboolean  _sb_coverage_matrix_set_str                     (char            **slot,
                                                           const char       *value);
void      _sb_coverage_matrix_set_selected_theme_internal (SbCoverageMatrix *self,
                                                           const char       *slug);
void      _sb_coverage_matrix_watch_title                 (SbCoverageMatrix *self,
                                                           SbStory          *story);
void      _sb_coverage_matrix_unwatch_titles              (SbCoverageMatrix *self);

/* sb-coverage-matrix-draw.c */
void      _sb_coverage_matrix_class_init_draw             (GtkWidgetClass   *widget_class);
void      _sb_coverage_matrix_clear_layout_caches         (SbCoverageMatrix *self);
void      _sb_coverage_matrix_measure_names               (SbCoverageMatrix *self);
void      _sb_coverage_matrix_measure_titles              (SbCoverageMatrix *self);
void      _sb_coverage_matrix_visible_columns             (SbCoverageMatrix *self,
                                                           int              *first,
                                                           int              *last);
PangoLayout *_sb_coverage_matrix_row_name_layout          (SbCoverageMatrix *self,
                                                           guint             row);
PangoLayout *_sb_coverage_matrix_column_layout            (SbCoverageMatrix *self,
                                                           guint             column);
HitRegion _sb_coverage_matrix_hit_test                    (SbCoverageMatrix *self,
                                                           double            x,
                                                           double            y,
                                                           int              *row,
                                                           int              *column);
void      _sb_coverage_matrix_cell_rect                   (SbCoverageMatrix *self,
                                                           int               row,
                                                           int               column,
                                                           GdkRectangle     *rect);

/* sb-coverage-matrix-input.c */
void      _sb_coverage_matrix_class_init_input            (GtkWidgetClass   *widget_class);
void      _sb_coverage_matrix_init_input                  (SbCoverageMatrix *self);
void      _sb_coverage_matrix_update_accessible           (SbCoverageMatrix *self);
char     *_sb_coverage_matrix_describe_point              (SbCoverageMatrix *self,
                                                           double            x,
                                                           double            y,
                                                           gboolean          keyboard_mode,
                                                           GdkRectangle     *area);
void      _sb_coverage_matrix_scroll_to_cell              (SbCoverageMatrix *self,
                                                           int               row,
                                                           int               column);
void      _sb_coverage_matrix_set_focus_cell              (SbCoverageMatrix *self,
                                                           int               row,
                                                           int               column,
                                                           gboolean          select_theme);
void      _sb_coverage_matrix_show_link_toast             (SbCoverageMatrix *self,
                                                           SbStory          *story,
                                                           SbTheme          *theme,
                                                           SbStrength        previous,
                                                           SbStrength        strength);

G_END_DECLS
