/* test-wrap-box.c — the chips' wrap box: lines fill up, then wrap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "sb-wrap-box.h"

static GtkWidget *
fixed_child (int width,
             int height)
{
  GtkWidget *child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_set_size_request (child, width, height);
  return child;
}

static void
test_wraps_at_width (void)
{
  GtkWidget *box = g_object_ref_sink (sb_wrap_box_new ());
  GtkWidget *children[3];
  GtkAllocation third;
  int min, nat;

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      children[i] = fixed_child (100, 20);
      sb_wrap_box_append (SB_WRAP_BOX (box), children[i]);
    }
  g_assert_cmpuint (sb_wrap_box_get_n_children (SB_WRAP_BOX (box)), ==, 3);

  /* As narrow as one child; naturally all three on a line, 6 px apart. */
  gtk_widget_measure (box, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 100);
  g_assert_cmpint (nat, ==, 312);

  /* Room for all: one line. Room for two: the third wraps below. */
  gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, 400, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 20);
  gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, 250, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 46);
  gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, 100, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 72);

  gtk_widget_size_allocate (box, &(GtkAllocation) { 0, 0, 250, 46 }, -1);
  gtk_widget_get_allocation (children[2], &third);
  g_assert_cmpint (third.x, ==, 0);
  g_assert_cmpint (third.y, ==, 26);
  gtk_widget_get_allocation (children[1], &third);
  g_assert_cmpint (third.x, ==, 106);
  g_assert_cmpint (third.y, ==, 0);

  /* A hidden child takes no room. */
  gtk_widget_set_visible (children[1], FALSE);
  gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, 250, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 20);

  sb_wrap_box_remove_all (SB_WRAP_BOX (box));
  g_assert_cmpuint (sb_wrap_box_get_n_children (SB_WRAP_BOX (box)), ==, 0);
  gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, 250, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 0);
  g_assert_finalize_object (box);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wrap-box/wraps-at-width", test_wraps_at_width);

  return g_test_run ();
}
