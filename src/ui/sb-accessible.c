/* sb-accessible.c — plain accessible names for controls with mnemonics
 *
 * GTK 4.8 gives a button the text of its label as its accessible label,
 * mnemonic underscore and all, and also marks it as labelled by the label
 * inside it, so a screen reader says "_New Story New Story"; a check
 * button says "_Only questions…"; an expander has no name at all and is
 * read as "GtkExpander". Rather than name each control by hand in every
 * file (and miss the next one), every such control watches its own label
 * and puts its name right whenever the label changes, dialogs and toasts
 * included:
 *
 *  - a button (toggle and menu buttons' inner buttons too) drops the
 *    label GTK gave it, so its name is the label inside it, once, plain;
 *  - a check button and an expander are labelled by the label they show
 *    (whose own name has no underscore);
 *  - the widget a row activates (a check box in a list of themes) is
 *    labelled by the row's title already: a label of its own is dropped,
 *    or it would be said twice.
 *
 * A name set on purpose (an <accessibility> label in a template, or
 * gtk_accessible_update_property() after the label) comes after the
 * label is set, and stays.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-accessible"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sb-accessible.h"

/* The label a control shows: named by it, a screen reader says what the
 * eye reads, without the mnemonic's underscore. */
static GtkWidget *
find_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = GTK_IS_LABEL (child) ? child : find_label (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

static void
label_by_shown_text (GtkWidget *widget,
                     GtkWidget *label)
{
  if (label == NULL)
    return;
  gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
}

static void
label_changed_cb (GObject    *object,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  GtkWidget *widget = GTK_WIDGET (object);

  /* A button is labelled by its label already (GTK's copy of the text,
   * underscore and all, only doubles it); a check button and an expander
   * are not. */
  if (GTK_IS_CHECK_BUTTON (object) && gtk_check_button_get_label (GTK_CHECK_BUTTON (object)) != NULL)
    label_by_shown_text (widget, find_label (widget));
  else if (GTK_IS_BUTTON (object) && gtk_button_get_label (GTK_BUTTON (object)) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (object), GTK_ACCESSIBLE_PROPERTY_LABEL);
  else if (GTK_IS_EXPANDER (object))
    label_by_shown_text (widget, gtk_expander_get_label_widget (GTK_EXPANDER (object)));
}

static void
activatable_changed_cb (GObject    *object,
                        GParamSpec *pspec,
                        gpointer    user_data)
{
  GtkWidget *widget = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (object));
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (object));

  if (widget != NULL && title != NULL && *title != '\0')
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* "notify" takes no emission hooks, so each control watches its own
 * label from construction on: each class's constructed() is wrapped. A
 * label given to g_object_new() (as GtkBuilder and
 * gtk_button_new_with_mnemonic() do) is set after constructed() and
 * announced after that, so the handler sees it. */
static GHashTable *original_constructed;   /* GType → GObjectClass::constructed */

static void
constructed_wrapper (GObject *object)
{
  /* Set while a wrapped class's own constructed() runs: one that chains
   * up to a wrapped parent comes back here, and goes on from there. */
  GType running = GPOINTER_TO_SIZE (g_object_get_data (object, "sb-accessible-running"));
  void (*original) (GObject *) = NULL;
  GType type;

  /* The nearest wrapped class up from the instance's own (or from the
   * one running). */
  type = running != 0 ? g_type_parent (running) : G_OBJECT_TYPE (object);
  while (type != 0 && (original = g_hash_table_lookup (original_constructed, GSIZE_TO_POINTER (type))) == NULL)
    type = g_type_parent (type);
  if (original != NULL)
    {
      g_object_set_data (object, "sb-accessible-running", GSIZE_TO_POINTER (type));
      original (object);
      g_object_set_data (object, "sb-accessible-running", GSIZE_TO_POINTER (running));
    }
  if (running != 0)
    return;   /* the outermost call watches */

  if (ADW_IS_ACTION_ROW (object))
    {
      g_signal_connect (object, "notify::activatable-widget", G_CALLBACK (activatable_changed_cb), NULL);
      return;
    }
  g_signal_connect (object, "notify::label", G_CALLBACK (label_changed_cb), NULL);
  g_signal_connect (object, "notify::use-underline", G_CALLBACK (label_changed_cb), NULL);
  label_changed_cb (object, NULL, NULL);
}

static void
wrap_constructed (GType type)
{
  GObjectClass *klass = g_type_class_ref (type);

  if (klass->constructed != constructed_wrapper)
    {
      g_hash_table_insert (original_constructed, GSIZE_TO_POINTER (type), klass->constructed);
      klass->constructed = constructed_wrapper;
    }
  g_type_class_unref (klass);
}

void
sb_accessible_init (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      original_constructed = g_hash_table_new (NULL, NULL);
      /* GtkButton first: subclasses whose classes are made later copy
       * the wrapper with the rest of its class. */
      wrap_constructed (GTK_TYPE_BUTTON);
      wrap_constructed (GTK_TYPE_TOGGLE_BUTTON);
      wrap_constructed (GTK_TYPE_LINK_BUTTON);
      wrap_constructed (GTK_TYPE_CHECK_BUTTON);
      wrap_constructed (GTK_TYPE_EXPANDER);
      wrap_constructed (ADW_TYPE_ACTION_ROW);
      g_once_init_leave (&installed, 1);
    }
}
