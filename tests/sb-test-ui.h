/* sb-test-ui.h — what the UI tests share: start-up, the main loop, finding widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sb-accessible.h"
#include "sb-window-private.h"

/* gtk_test_init() and adw_init(), with the app's schema compiled beside the
 * tests (a run by hand outside meson finds it too) and settings in memory,
 * so no test writes the person's real settings. */
static inline void
sb_test_ui_init (int    *argc,
                 char ***argv)
{
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL && g_getenv ("G_TEST_BUILDDIR") != NULL)
    {
      g_autofree char *schemas = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "data", NULL);
      g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, TRUE);
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  gtk_test_init (argc, argv, NULL);
  adw_init ();
  /* As the application's startup does. */
  sb_accessible_init ();
}

/* Runs everything already due on the main loop, without waiting. */
static inline void
sb_test_iterate_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The first widget of @type in the tree under @root (itself included). */
static inline GtkWidget *
sb_test_find_widget (GtkWidget *root,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  /* A window builds its pages after its first frame or when shown; a test
   * looking for one gets them all, as if that had happened. */
  if (SB_IS_WINDOW (root))
    {
      static const char * const pages[] = { "coverage", "questions", "practice", "applications" };

      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        _sb_window_ensure_page (SB_WINDOW (root), pages[i]);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sb_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Every GtkLabel under @root (itself included) whose text is @text, added
 * to @found. */
static inline void
sb_test_find_labels (GtkWidget  *root,
                     const char *text,
                     GPtrArray  *found)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    sb_test_find_labels (child, text, found);
}

/* The first visible GtkLabel under @root whose text is @text, or NULL. */
static inline GtkWidget *
sb_test_find_visible_label (GtkWidget  *root,
                            const char *text)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  sb_test_find_labels (root, text, found);
  for (guint i = 0; i < found->len; i++)
    if (gtk_widget_is_visible (found->pdata[i]))
      return found->pdata[i];
  return NULL;
}
