/* sb-story-editor-chips.c — the story's themes, as chips under its title
 *
 * A chip per linked theme (filled dot: primary, ring: secondary): its dot
 * toggles the strength, its cross unlinks it; the theme picker adds one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-story-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sb-story-editor-private.h"
#include "sb-story-row.h"

static void
remove_theme_clicked_cb (GtkButton     *button,
                         SbStoryEditor *self)
{
  const char *slug = g_object_get_data (G_OBJECT (button), "theme-slug");
  g_autoptr(GError) error = NULL;

  if (self->story == NULL || slug == NULL)
    return;
  /* The chips stay where they are while the pointer is over them: the next
   * chip's × must not slide under it. The removed chip leaves a gap that
   * closes when the pointer leaves. */
  self->chips_frozen = self->chips_motion != NULL &&
                       gtk_event_controller_motion_contains_pointer (self->chips_motion);
  if (!sb_store_set_story_theme (self->store, self->story, slug, SB_STRENGTH_NONE, &error))
    {
      self->chips_frozen = FALSE;
      _sb_story_editor_emit_save_failed (self, error);
      return;
    }
  {
    GtkWidget *chip = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_BOX);

    while (chip != NULL && !gtk_widget_has_css_class (chip, "story-chip"))
      chip = gtk_widget_get_ancestor (gtk_widget_get_parent (chip), GTK_TYPE_BOX);
    if (chip != NULL && self->chips_frozen)
      {
        gtk_widget_set_opacity (chip, 0);
        gtk_widget_set_sensitive (chip, FALSE);
        gtk_widget_set_can_target (chip, FALSE);
      }
  }
  /* The window offers to take it back (and Ctrl+Z does). */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.announce-undo", NULL);
}

static void
toggle_strength_clicked_cb (GtkButton     *button,
                            SbStoryEditor *self)
{
  const char *slug = g_object_get_data (G_OBJECT (button), "theme-slug");
  g_autoptr(GError) error = NULL;
  SbStrength strength;

  if (self->story == NULL || slug == NULL)
    return;
  strength = sb_store_get_story_theme (self->store, self->story, slug);
  strength = strength == SB_STRENGTH_PRIMARY ? SB_STRENGTH_SECONDARY : SB_STRENGTH_PRIMARY;
  if (!sb_store_set_story_theme (self->store, self->story, slug, strength, &error))
    _sb_story_editor_emit_save_failed (self, error);
}

static GtkWidget *
create_chip (SbStoryEditor *self,
             SbTheme       *theme,
             SbStrength     strength)
{
  GtkWidget *chip, *toggle, *toggle_box, *dot, *label, *remove;
  gboolean primary = strength == SB_STRENGTH_PRIMARY;
  g_autofree char *toggle_name = NULL;
  g_autofree char *remove_name = NULL;

  chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (chip, "story-chip");
  gtk_widget_set_halign (chip, GTK_ALIGN_START);

  toggle_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (dot, "theme-dot");
  gtk_widget_add_css_class (dot, sb_framework_css_class (self->store, sb_theme_get_framework_slug (theme)));
  if (!primary)
    gtk_widget_add_css_class (dot, "secondary");
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  label = gtk_label_new (sb_theme_get_name (theme));
  /* A long theme name must not make the narrow window wider. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (toggle_box), dot);
  gtk_box_append (GTK_BOX (toggle_box), label);

  toggle = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (toggle), toggle_box);
  gtk_widget_add_css_class (toggle, "flat");
  gtk_widget_add_css_class (toggle, "chip-toggle");
  gtk_widget_set_tooltip_text (toggle, primary
                               ? _("Primary theme: the story shows this strongly. Click to make it secondary.")
                               : _("Secondary theme: the story touches on this. Click to make it primary."));
  toggle_name = g_strdup_printf (primary ? _("%s, primary theme. Make secondary")
                                         : _("%s, secondary theme. Make primary"),
                                 sb_theme_get_name (theme));
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, toggle_name, -1);
  g_object_set_data_full (G_OBJECT (toggle), "theme-slug", g_strdup (sb_theme_get_slug (theme)), g_free);
  g_signal_connect (toggle, "clicked", G_CALLBACK (toggle_strength_clicked_cb), self);

  remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_add_css_class (remove, "chip-remove");
  remove_name = g_strdup_printf (_("Remove %s"), sb_theme_get_name (theme));
  gtk_widget_set_tooltip_text (remove, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
  g_object_set_data_full (G_OBJECT (remove), "theme-slug", g_strdup (sb_theme_get_slug (theme)), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_theme_clicked_cb), self);

  gtk_box_append (GTK_BOX (chip), toggle);
  gtk_box_append (GTK_BOX (chip), remove);
  return chip;
}

void
_sb_story_editor_update_chips (SbStoryEditor *self)
{
  g_autoptr(GArray) links = NULL;

  sb_wrap_box_remove_all (self->chips_box);

  gtk_widget_set_visible (GTK_WIDGET (self->chips_box), FALSE);
  if (self->story == NULL || sb_story_get_id (self->story) == 0)
    return;

  links = sb_store_get_story_themes (self->store, self->story);
  for (guint i = 0; i < links->len; i++)
    {
      SbThemeLink *link = &g_array_index (links, SbThemeLink, i);
      SbTheme *theme = sb_store_find_theme (self->store, link->theme_slug);
      GtkWidget *chip;

      if (theme == NULL)
        continue;
      chip = create_chip (self, theme, link->strength);
      sb_wrap_box_append (self->chips_box, chip);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->chips_box),
                          sb_wrap_box_get_n_children (self->chips_box) > 0);
}

/* Hidden (the Stories page while another is shown), the chips wait to be
 * shown: a click in the coverage matrix on the edited story made them
 * again, and the hidden page measured them, in the click's frame. */
static void
refresh_chips (SbStoryEditor *self)
{
  if (self->chips_frozen || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->chips_stale = TRUE;
  else
    _sb_story_editor_update_chips (self);
}

static void
story_links_changed_cb (SbStoryEditor *self,
                        SbStory       *story,
                        SbStore       *store)
{
  if (story == self->story)
    refresh_chips (self);
}

static void
editor_map_cb (SbStoryEditor *self)
{
  if (self->chips_stale && !self->chips_frozen)
    {
      self->chips_stale = FALSE;
      _sb_story_editor_update_chips (self);
    }
}

static void
chips_pointer_leave_cb (SbStoryEditor            *self,
                        GtkEventControllerMotion *motion)
{
  if (!self->chips_frozen)
    return;
  self->chips_frozen = FALSE;
  if (self->chips_stale)
    {
      self->chips_stale = FALSE;
      _sb_story_editor_update_chips (self);
    }
}

/* A theme renamed or deleted: the chips show names. */
static void
catalog_changed_cb (SbStoryEditor *self,
                    SbStore       *store)
{
  refresh_chips (self);
}

/* The store's links and catalog change the chips. */
void
_sb_story_editor_watch_chips_store (SbStoryEditor *self,
                                    SbStore       *store)
{
  g_signal_connect_object (store, "story-links-changed",
                           G_CALLBACK (story_links_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "catalog-changed",
                           G_CALLBACK (catalog_changed_cb), self, G_CONNECT_SWAPPED);
}

/* While the pointer is over the chips they hold still (a chip removed
 * under it would move the next one there); they catch up when it leaves. */
void
_sb_story_editor_init_chips (SbStoryEditor *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  g_signal_connect_object (motion, "leave", G_CALLBACK (chips_pointer_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->chips_box), motion);
  self->chips_motion = GTK_EVENT_CONTROLLER_MOTION (motion);
  g_signal_connect (self, "map", G_CALLBACK (editor_map_cb), NULL);
}
