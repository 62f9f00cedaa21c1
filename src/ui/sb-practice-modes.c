/* sb-practice-modes.c — the Practice tab: telling a story, or "Which story?"
 *
 * Two kinds of practice share the tab, switched by two linked toggle
 * buttons above them: telling a story against the clock (SbPracticePage)
 * and picking the story for a question (SbDrillView). Each is its own
 * widget; this one only holds them, so neither knows of the other. The
 * one not shown is unmapped and does no work.
 *
 * The mode is a property with a stateful action ("practice-mode.mode"),
 * so the toggles follow it whoever changes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-practice-modes"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-drill-view.h"
#include "sb-practice-modes.h"
#include "sb-practice-page.h"

struct _SbPracticeModes
{
  GtkWidget  parent_instance;

  SbStore   *store;
  GtkWidget *box;
  GtkStack  *stack;
  GtkWidget *practice_page;
  GtkWidget *drill_view;
};

G_DEFINE_FINAL_TYPE (SbPracticeModes, sb_practice_modes, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
sb_practice_modes_new (SbStore *store)
{
  return g_object_new (SB_TYPE_PRACTICE_MODES, "store", store, NULL);
}

const char *
sb_practice_modes_get_mode (SbPracticeModes *self)
{
  g_return_val_if_fail (SB_IS_PRACTICE_MODES (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

void
sb_practice_modes_set_mode (SbPracticeModes *self,
                            const char      *mode)
{
  g_return_if_fail (SB_IS_PRACTICE_MODES (self));

  if (mode == NULL || gtk_stack_get_child_by_name (self->stack, mode) == NULL ||
      g_strcmp0 (mode, sb_practice_modes_get_mode (self)) == 0)
    return;
  gtk_stack_set_visible_child_name (self->stack, mode);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

GtkWidget *
sb_practice_modes_get_page (SbPracticeModes *self,
                            const char      *mode)
{
  g_return_val_if_fail (SB_IS_PRACTICE_MODES (self), NULL);
  return gtk_stack_get_child_by_name (self->stack, mode);
}

static GtkWidget *
mode_button_new (const char *label,
                 const char *mode,
                 const char *tooltip)
{
  GtkWidget *button = gtk_toggle_button_new_with_label (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "practice-mode.mode");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", mode);
  gtk_widget_set_tooltip_text (button, tooltip);
  /* GTK 4.8 does not name a toggle button by its label. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}

static void
set_store (SbPracticeModes *self,
           SbStore         *store)
{
  g_assert (self->store == NULL);
  g_return_if_fail (SB_IS_STORE (store));

  self->store = g_object_ref (store);
  self->practice_page = sb_practice_page_new (store);
  self->drill_view = sb_drill_view_new (store);
  gtk_stack_add_named (self->stack, self->practice_page, "tell");
  gtk_stack_add_named (self->stack, self->drill_view, "which");
  gtk_stack_set_visible_child_name (self->stack, "tell");
}

static void
sb_practice_modes_dispose (GObject *object)
{
  SbPracticeModes *self = SB_PRACTICE_MODES (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_practice_modes_parent_class)->dispose (object);
}

static void
sb_practice_modes_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SbPracticeModes *self = SB_PRACTICE_MODES (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_MODE:
      g_value_set_string (value, sb_practice_modes_get_mode (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_practice_modes_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SbPracticeModes *self = SB_PRACTICE_MODES (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;
    case PROP_MODE:
      sb_practice_modes_set_mode (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_practice_modes_class_init (SbPracticeModesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_practice_modes_dispose;
  object_class->get_property = sb_practice_modes_get_property;
  object_class->set_property = sb_practice_modes_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODE] =
    g_param_spec_string ("mode", NULL, NULL, "tell",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "practice-mode.mode", "mode");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "practicemodes");
}

static void
sb_practice_modes_init (SbPracticeModes *self)
{
  GtkWidget *switcher = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  gtk_widget_add_css_class (switcher, "linked");
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (switcher, 8);
  gtk_widget_set_margin_bottom (switcher, 4);
  gtk_widget_set_margin_start (switcher, 12);
  gtk_widget_set_margin_end (switcher, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (switcher), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Kind of practice"), -1);
  gtk_box_append (GTK_BOX (switcher),
                  mode_button_new (_("Tell a Story"), "tell",
                                   _("Tell a story out loud against the clock")));
  gtk_box_append (GTK_BOX (switcher),
                  mode_button_new (_("Which Story?"), "which",
                                   _("Pick the story you would tell for a question, in a few seconds")));
  gtk_box_append (GTK_BOX (self->box), switcher);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  /* Only the kind shown is measured: a homogeneous stack lays out the
   * hidden one in every frame too. */
  gtk_stack_set_hhomogeneous (self->stack, FALSE);
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->stack));
}
