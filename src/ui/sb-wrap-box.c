/* sb-wrap-box.c — children in a row that wraps like words, each at its own width
 *
 * GtkFlowBox lines its children up in columns as wide as the widest, which
 * spreads short theme chips far apart; libadwaita's wrap box arrives only in
 * 1.7. This lays children out left to right at their natural width (shrunk
 * to the line when one alone is wider) and starts a new line when the next
 * does not fit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-wrap-box"

#include "config.h"

#include "sb-wrap-box.h"

#define CHILD_SPACING 6
#define LINE_SPACING  6

struct _SbWrapBox
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (SbWrapBox, sb_wrap_box, GTK_TYPE_WIDGET)

typedef void (*PlaceFunc) (GtkWidget *child,
                           int        x,
                           int        y,
                           int        width,
                           int        height,
                           gpointer   user_data);

/* Walks the children as they would be placed in @width and returns the
 * total height; calls @place for each visible child when it is given. */
static int
layout_children (SbWrapBox *self,
                 int        width,
                 PlaceFunc  place,
                 gpointer   user_data)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  int x = 0, y = 0, line_height = 0;
  gboolean line_empty = TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min_width, nat_width, child_width, child_height;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat_width, NULL, NULL);
      child_width = MIN (nat_width, MAX (width, min_width));
      if (!line_empty && x + CHILD_SPACING + child_width > width)
        {
          y += line_height + LINE_SPACING;
          x = 0;
          line_height = 0;
          line_empty = TRUE;
        }
      if (!line_empty)
        x += CHILD_SPACING;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width, &child_height, NULL, NULL, NULL);

      if (place != NULL)
        place (child, rtl ? width - x - child_width : x, y, child_width, child_height, user_data);

      x += child_width;
      line_height = MAX (line_height, child_height);
      line_empty = FALSE;
    }
  return line_empty && y == 0 ? 0 : y + line_height;
}

static void
sb_wrap_box_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  SbWrapBox *self = SB_WRAP_BOX (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int min = 0, nat = 0;
      gboolean first = TRUE;

      /* As narrow as the widest child allows; naturally, all on one line. */
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min, child_nat;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, &child_nat, NULL, NULL);
          min = MAX (min, child_min);
          nat += child_nat + (first ? 0 : CHILD_SPACING);
          first = FALSE;
        }
      *minimum = min;
      *natural = nat;
    }
  else
    {
      int width = for_size, unused;

      /* For no width in particular: as narrow as it gets, the tallest. */
      if (width < 0)
        sb_wrap_box_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &width, &unused, NULL, NULL);
      *minimum = *natural = layout_children (self, width, NULL, NULL);
    }
}

static void
allocate_child (GtkWidget *child,
                int        x,
                int        y,
                int        width,
                int        height,
                gpointer   user_data)
{
  gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, width, height }, -1);
}

static void
sb_wrap_box_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  layout_children (SB_WRAP_BOX (widget), width, allocate_child, NULL);
}

static GtkSizeRequestMode
sb_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
sb_wrap_box_dispose (GObject *object)
{
  sb_wrap_box_remove_all (SB_WRAP_BOX (object));

  G_OBJECT_CLASS (sb_wrap_box_parent_class)->dispose (object);
}

static void
sb_wrap_box_class_init (SbWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_wrap_box_dispose;
  widget_class->measure = sb_wrap_box_measure;
  widget_class->size_allocate = sb_wrap_box_size_allocate;
  widget_class->get_request_mode = sb_wrap_box_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "wrapbox");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sb_wrap_box_init (SbWrapBox *self)
{
}

GtkWidget *
sb_wrap_box_new (void)
{
  return g_object_new (SB_TYPE_WRAP_BOX, NULL);
}

void
sb_wrap_box_append (SbWrapBox *self,
                    GtkWidget *child)
{
  g_return_if_fail (SB_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (gtk_widget_get_parent (child) == NULL);

  gtk_widget_insert_before (child, GTK_WIDGET (self), NULL);
}

void
sb_wrap_box_remove_all (SbWrapBox *self)
{
  GtkWidget *child;

  g_return_if_fail (SB_IS_WRAP_BOX (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
}

guint
sb_wrap_box_get_n_children (SbWrapBox *self)
{
  guint n = 0;

  g_return_val_if_fail (SB_IS_WRAP_BOX (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}
