/* sb-theme-dots.c — a story's theme dots, drawn by one widget
 *
 * The Stories list keeps some 200 rows (GtkListView in GTK 4.8 makes a
 * row for up to 200 items), and each row's dots were a box of widgets:
 * three or four widgets a row, each with its CSS node and style, about
 * 2 MB of a session at 10,000 stories. One widget draws them instead,
 * in the colours style.css names (@framework_0 …), the same size as the
 * .theme-dot widgets elsewhere: 8 px inside a 2 px ring, 3 px apart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-theme-dots"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-theme-dots.h"

#define DOT_SIZE 12
#define DOT_RING 2
#define DOT_SPACING 3

struct _SbThemeDots
{
  GtkWidget parent_instance;

  guint8    n_dots;
  guint8    colours[SB_THEME_DOTS_MAX];
  guint8    secondary[SB_THEME_DOTS_MAX];
  /* The palette, looked up at the first draw after a style change. */
  gboolean  have_palette;
  GdkRGBA   palette[SB_THEME_DOTS_N_COLOURS];
};

G_DEFINE_FINAL_TYPE (SbThemeDots, sb_theme_dots, GTK_TYPE_WIDGET)

/* The same as style.css, should a theme not define the names. */
static void
ensure_palette (SbThemeDots *self)
{
  static const char * const names[SB_THEME_DOTS_N_COLOURS] = {
    "framework_0", "framework_1", "framework_2", "framework_3", "framework_4", "framework_5",
  };
  GtkStyleContext *context;
  GdkRGBA text;

  if (self->have_palette)
    return;
  /* style.css defines the palette; without it (a widget outside the app)
   * the dots take the text's colour. */
  context = gtk_widget_get_style_context (GTK_WIDGET (self));
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (GTK_WIDGET (self), &text);
#else
  gtk_style_context_get_color (context, &text);
#endif
  for (guint i = 0; i < SB_THEME_DOTS_N_COLOURS; i++)
    if (!gtk_style_context_lookup_color (context, names[i], &self->palette[i]))
      self->palette[i] = text;
  self->have_palette = TRUE;
}

static void
sb_theme_dots_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  SB_THEME_DOTS (widget)->have_palette = FALSE;
  GTK_WIDGET_CLASS (sb_theme_dots_parent_class)->css_changed (widget, change);
}

static void
sb_theme_dots_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  SbThemeDots *self = SB_THEME_DOTS (widget);
  int size = 0;

  if (self->n_dots > 0)
    size = orientation == GTK_ORIENTATION_HORIZONTAL
           ? self->n_dots * DOT_SIZE + (self->n_dots - 1) * DOT_SPACING
           : DOT_SIZE;
  *minimum = *natural = size;
}

static void
sb_theme_dots_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  SbThemeDots *self = SB_THEME_DOTS (widget);
  float y = (gtk_widget_get_height (widget) - DOT_SIZE) / 2.f;
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int width = gtk_widget_get_width (widget);

  ensure_palette (self);
  for (guint i = 0; i < self->n_dots; i++)
    {
      float x = i * (DOT_SIZE + DOT_SPACING);
      graphene_rect_t rect;
      GskRoundedRect dot;
      GdkRGBA rgba;

      if (rtl)
        x = width - x - DOT_SIZE;
      rect = GRAPHENE_RECT_INIT (x, y, DOT_SIZE, DOT_SIZE);
      gsk_rounded_rect_init_from_rect (&dot, &rect, DOT_SIZE / 2.f);
      rgba = self->palette[self->colours[i]];
      if (self->secondary[i])
        {
          const float widths[4] = { DOT_RING, DOT_RING, DOT_RING, DOT_RING };
          const GdkRGBA colours[4] = { rgba, rgba, rgba, rgba };

          gtk_snapshot_append_border (snapshot, &dot, widths, colours);
        }
      else
        {
          gtk_snapshot_push_rounded_clip (snapshot, &dot);
          gtk_snapshot_append_color (snapshot, &rgba, &rect);
          gtk_snapshot_pop (snapshot);
        }
    }
}

static void
sb_theme_dots_class_init (SbThemeDotsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = sb_theme_dots_measure;
  widget_class->snapshot = sb_theme_dots_snapshot;
  widget_class->css_changed = sb_theme_dots_css_changed;
  gtk_widget_class_set_css_name (widget_class, "themedots");
  /* The row says what it is; the dots are what its themes look like
   * (their names are the tooltip). */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
sb_theme_dots_init (SbThemeDots *self)
{
}

GtkWidget *
sb_theme_dots_new (void)
{
  return g_object_new (SB_TYPE_THEME_DOTS, NULL);
}

/* A row rebound at a search keystroke to a story with the same dots
 * costs no redraw; other dots of the same number, no new layout. */
void
sb_theme_dots_set (SbThemeDots    *self,
                   guint           n_dots,
                   const guint    *colours,
                   const gboolean *secondary)
{
  guint8 new_colours[SB_THEME_DOTS_MAX] = { 0, };
  guint8 new_secondary[SB_THEME_DOTS_MAX] = { 0, };

  g_return_if_fail (SB_IS_THEME_DOTS (self));
  g_return_if_fail (n_dots == 0 || colours != NULL);

  n_dots = MIN (n_dots, SB_THEME_DOTS_MAX);
  for (guint i = 0; i < n_dots; i++)
    {
      new_colours[i] = colours[i] % SB_THEME_DOTS_N_COLOURS;
      new_secondary[i] = secondary != NULL && secondary[i] ? 1 : 0;
    }
  if (n_dots != self->n_dots)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else if (memcmp (new_colours, self->colours, n_dots) != 0 ||
           memcmp (new_secondary, self->secondary, n_dots) != 0)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  else
    return;
  self->n_dots = n_dots;
  memcpy (self->colours, new_colours, sizeof new_colours);
  memcpy (self->secondary, new_secondary, sizeof new_secondary);
}

guint
sb_theme_dots_get_n_dots (SbThemeDots *self)
{
  g_return_val_if_fail (SB_IS_THEME_DOTS (self), 0);
  return self->n_dots;
}

gboolean
sb_theme_dots_get_dot (SbThemeDots *self,
                       guint        index,
                       guint       *colour,
                       gboolean    *secondary)
{
  g_return_val_if_fail (SB_IS_THEME_DOTS (self), FALSE);

  if (index >= self->n_dots)
    return FALSE;
  if (colour != NULL)
    *colour = self->colours[index];
  if (secondary != NULL)
    *secondary = self->secondary[index] != 0;
  return TRUE;
}
