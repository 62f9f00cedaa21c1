/* sb-coverage-matrix-input.c — working the matrix by pointer, keyboard and screen reader
 *
 * A click or Space/Enter on the focus cell cycles a link (with an Undo toast);
 * the arrow keys move the focus cell. Tooltips and the accessible label say
 * which theme and story a cell joins and how.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-coverage-matrix"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sb-readiness.h"
#include "sb-coverage-matrix-private.h"

/* ---- accessibility ------------------------------------------------------ */

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

void
_sb_coverage_matrix_update_accessible (SbCoverageMatrix *self)
{
  g_autofree char *label = NULL;

  if (self->coverage != NULL && self->focus_row >= 0 && self->focus_column >= 0)
    {
      /* The label says the story's title: follow it. */
      label = describe_cell (self, self->focus_row, self->focus_column);
      _sb_coverage_matrix_watch_title (self, sb_coverage_get_story (self->coverage, self->focus_column));
    }
  else if (self->coverage != NULL && _sb_coverage_matrix_n_columns (self) == 0)
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

/* ---- focus cell --------------------------------------------------------- */

void
_sb_coverage_matrix_scroll_to_cell (SbCoverageMatrix *self,
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

void
_sb_coverage_matrix_set_focus_cell (SbCoverageMatrix *self,
                                    int               row,
                                    int               column,
                                    gboolean          select_theme)
{
  guint rows = _sb_coverage_matrix_n_rows (self);
  guint columns = _sb_coverage_matrix_n_columns (self);

  if (rows == 0 || columns == 0)
    {
      self->focus_row = self->focus_column = -1;
      g_clear_pointer (&self->focus_theme, g_free);
      g_clear_pointer (&self->focus_story, g_free);
      _sb_coverage_matrix_update_accessible (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  self->focus_row = CLAMP (row, 0, (int) rows - 1);
  self->focus_column = CLAMP (column, 0, (int) columns - 1);
  _sb_coverage_matrix_set_str (&self->focus_theme,
                               sb_theme_get_slug (sb_coverage_get_theme (self->coverage,
                                                                         self->focus_row)));
  _sb_coverage_matrix_set_str (&self->focus_story,
                               sb_story_get_uuid (sb_coverage_get_story (self->coverage,
                                                                         self->focus_column)));

  if (select_theme)
    _sb_coverage_matrix_set_selected_theme_internal (self, self->focus_theme);

  _sb_coverage_matrix_scroll_to_cell (self, self->focus_row, self->focus_column);
  _sb_coverage_matrix_update_accessible (self);
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

/* The toast says the newest change for this long after it came up, then a
 * change makes a new one: a title set on a shown toast does not restart its
 * timeout (5 s). */
#define TOAST_REUSE_US (3 * G_USEC_PER_SEC)

static void
undo_link_free (gpointer data)
{
  UndoLink *undo = data;

  g_clear_object (&undo->store);
  g_free (undo->story_uuid);
  g_free (undo->theme_slug);
  g_free (undo);
}

static void
undo_button_clicked_cb (AdwToast *toast,
                        gpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  UndoLink *undo = g_object_get_data (G_OBJECT (toast), "sb-undo-link");
  SbStory *story = sb_store_find_story (undo->store, undo->story_uuid);

  if (story == NULL)
    return;   /* deleted meanwhile: nothing left to restore */

  if (!sb_store_set_story_theme (undo->store, story, undo->theme_slug, undo->previous, &error))
    g_warning ("Could not undo the link change: %s", error->message);
}

static void
toast_dismissed_cb (SbCoverageMatrix *self,
                    AdwToast         *toast)
{
  if (self->last_toast == toast)
    g_clear_weak_pointer (&self->last_toast);
}

static void
show_toast (SbCoverageMatrix *self,
            AdwToast         *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
}

/* A run of clicks shows one toast that follows the newest change, and its
 * Undo takes that change back. A toast per click slid in over the last
 * one, which went back to the overlay's queue to come up again later with
 * the Undo of an older click; and making and showing one was more than
 * half of a click's frame. */
void
_sb_coverage_matrix_show_link_toast (SbCoverageMatrix *self,
                                     SbStory          *story,
                                     SbTheme          *theme,
                                     SbStrength        previous,
                                     SbStrength        strength)
{
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *text = NULL;
  const char *title = sb_story_get_display_title (story);
  const char *name = sb_theme_get_name (theme);
  gint64 now = g_get_monotonic_time ();
  UndoLink *undo;

  if (gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY) == NULL)
    return;

  switch (strength)
    {
    case SB_STRENGTH_PRIMARY:
      text = g_strdup_printf (_("“%s” now covers %s"), title, name);
      break;
    case SB_STRENGTH_SECONDARY:
      text = g_strdup_printf (_("“%s” is now a secondary story for %s"), title, name);
      break;
    case SB_STRENGTH_NONE:
    default:
      text = g_strdup_printf (_("“%s” no longer covers %s"), title, name);
      break;
    }

  undo = g_new0 (UndoLink, 1);
  undo->store = g_object_ref (self->store);
  undo->story_uuid = g_strdup (sb_story_get_uuid (story));
  undo->theme_slug = g_strdup (sb_theme_get_slug (theme));
  undo->previous = previous;

  if (self->last_toast != NULL && now - self->last_toast_shown_us < TOAST_REUSE_US)
    {
      adw_toast_set_title (self->last_toast, text);
      g_object_set_data_full (G_OBJECT (self->last_toast), "sb-undo-link", undo, undo_link_free);
      return;
    }

  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "sb-undo-link", undo, undo_link_free);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_button_clicked_cb), NULL);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, G_CONNECT_SWAPPED);

  g_set_weak_pointer (&self->last_toast, toast);
  self->last_toast_shown_us = now;
  show_toast (self, toast);
}

/* ---- toggling ----------------------------------------------------------- */

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
  HitRegion region = _sb_coverage_matrix_hit_test (self, x, y, &row, &column);

  if (n_press != 1)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));

  switch (region)
    {
    case HIT_CELL:
      _sb_coverage_matrix_set_focus_cell (self, row, column, TRUE);
      toggle_cell (self, row, column);
      break;
    case HIT_ROW_HEADER:
      _sb_coverage_matrix_set_focus_cell (self, row, self->focus_column >= 0 ? self->focus_column : 0,
                                          FALSE);
      _sb_coverage_matrix_set_selected_theme_internal (self,
                                                       sb_theme_get_slug (sb_coverage_get_theme (self->coverage, row)));
      break;
    case HIT_COLUMN_HEADER:
      _sb_coverage_matrix_set_focus_cell (self, self->focus_row >= 0 ? self->focus_row : 0, column,
                                          FALSE);
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
  int rows = _sb_coverage_matrix_n_rows (self), columns = _sb_coverage_matrix_n_columns (self);
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
        _sb_coverage_matrix_set_focus_cell (self, 0, 0, TRUE);
      else
        toggle_cell (self, self->focus_row, self->focus_column);
      return TRUE;
    default:
      return FALSE;
    }

  _sb_coverage_matrix_set_focus_cell (self, row, column, TRUE);
  return TRUE;
}

static void
focus_enter_cb (GtkEventControllerFocus *controller,
                SbCoverageMatrix        *self)
{
  if (self->focus_row < 0)
    _sb_coverage_matrix_set_focus_cell (self, 0, 0, FALSE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                SbCoverageMatrix        *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* What the legend's marks mean, and what a click does. */
static char *
describe_legend (void)
{
  G_STATIC_ASSERT (SB_COVERAGE_MAX_THEMES_PER_STORY == 3);   /* the words below say three */

  return g_strdup_printf ("%s\n%s\n%s\n%s\n\n%s",
                          _("Filled dot: a primary story, one that shows the theme strongly."),
                          _("Ring: a secondary story, one that touches on the theme."),
                          _("Small dot above a story: how ready it is (amber: draft, blue: needs work, "
                            "green: ready)."),
                          _("Stretched thin (a tinted, underlined story): linked to more than three "
                            "themes of this framework. An interviewer remembers a story for one or "
                            "two things: keep it to the three it tells best."),
                          _("Click a cell to link the story as primary, again for secondary, "
                            "and again to unlink it. Click a theme for its stories and questions."));
}

static const char *
level_to_string (SbCoverageLevel level)
{
  switch (level)
    {
    case SB_COVERAGE_LEVEL_NONE:
      return _("no story yet");
    case SB_COVERAGE_LEVEL_ONE:
      return _("needs a second story");
    case SB_COVERAGE_LEVEL_GOOD:
    default:
      return _("covered");
    }
}

char *
_sb_coverage_matrix_describe_point (SbCoverageMatrix *self,
                                    double            x,
                                    double            y,
                                    gboolean          keyboard_mode,
                                    GdkRectangle     *area)
{
  int row, column;
  HitRegion region;

  if (self->coverage == NULL)
    return NULL;

  if (keyboard_mode)
    {
      if (self->focus_row < 0)
        return NULL;
      region = HIT_CELL;
      row = self->focus_row;
      column = self->focus_column;
    }
  else
    region = _sb_coverage_matrix_hit_test (self, x, y, &row, &column);

  switch (region)
    {
    case HIT_CELL:
      {
        SbTheme *theme = sb_coverage_get_theme (self->coverage, row);
        SbStory *story = sb_coverage_get_story (self->coverage, column);
        SbStrength strength = sb_coverage_get_cell (self->coverage, row, column);
        const char *what;

        /* Each says what the next click does: none → primary → secondary → none. */
        if (strength == SB_STRENGTH_PRIMARY)
          what = _("Primary story for this theme. Click to make it secondary.");
        else if (strength == SB_STRENGTH_SECONDARY)
          what = _("Secondary story for this theme. Click to unlink it.");
        else
          what = _("Not linked. Click to link it as primary.");
        _sb_coverage_matrix_cell_rect (self, row, column, area);
        return g_strdup_printf ("%s\n%s\n%s", sb_theme_get_name (theme),
                                sb_story_get_display_title (story), what);
      }

    case HIT_ROW_HEADER:
      {
        SbTheme *theme = sb_coverage_get_theme (self->coverage, row);
        guint count = sb_coverage_get_theme_count (self->coverage, row);
        g_autofree char *stories = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "%u story", "%u stories", count),
                                                    count);
        const char *description = sb_theme_get_description (theme);

        area->x = 0;
        area->y = self->header_height + row * ROW_HEIGHT - (int) _sb_coverage_matrix_vvalue (self);
        area->width = self->header_width;
        area->height = ROW_HEIGHT;
        /* Translators: theme name — "2 stories" (covered) */
        return g_strdup_printf (_("%s — %s (%s)%s%s"), sb_theme_get_name (theme), stories,
                                level_to_string (sb_coverage_get_theme_level (self->coverage, row)),
                                description != NULL && *description ? "\n" : "",
                                description != NULL ? description : "");
      }

    case HIT_COLUMN_HEADER:
      {
        SbStory *story = sb_coverage_get_story (self->coverage, column);
        guint count = sb_coverage_get_story_count (self->coverage, column);
        g_auto(SbReadiness) readiness = sb_story_get_readiness (self->store, story);
        g_autofree char *title = g_strdup_printf ("%s (%s)", sb_story_get_display_title (story), readiness.label);

        area->x = self->header_width + column * COLUMN_WIDTH - (int) _sb_coverage_matrix_hvalue (self);
        area->y = 0;
        area->width = COLUMN_WIDTH;
        area->height = self->header_height;
        if (sb_coverage_story_is_overloaded (self->coverage, column))
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s\nStretched thin: linked to %u theme here. "
                                               "Keep it to the three it tells best.",
                                               "%s\nStretched thin: linked to %u themes here. "
                                               "Keep it to the three it tells best.",
                                               count),
                                  title, count);
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s\nLinked to %u theme here",
                                             "%s\nLinked to %u themes here", count),
                                title, count);
      }

    case HIT_CORNER:
      area->x = area->y = 0;
      area->width = self->header_width;
      area->height = self->header_height;
      return describe_legend ();

    case HIT_NONE:
    default:
      return NULL;
    }
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

  text = _sb_coverage_matrix_describe_point (self, x, y, keyboard_mode, &area);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip, &area);
  return TRUE;
}

/* ---- GtkWidget ---------------------------------------------------------- */

void
_sb_coverage_matrix_class_init_input (GtkWidgetClass *widget_class)
{
  widget_class->query_tooltip = sb_coverage_matrix_query_tooltip;

  gtk_widget_class_install_action (widget_class, "matrix.toggle", "(ss)", toggle_action_cb);
}

void
_sb_coverage_matrix_init_input (SbCoverageMatrix *self)
{
  GtkGesture *click;
  GtkEventController *key, *focus;

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
}
