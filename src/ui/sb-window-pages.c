/* sb-window-pages.c — the window's pages: building them late, switching, the Practice badge
 *
 * The Stories page is built with the window; the others sit in an AdwBin
 * until first shown, asked for, or built in an idle after the first frame.
 * Also the actions that open a page (Alt+1…5, a framework on Coverage or
 * Questions, an application) and the Practice tab's badge.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-applications-page.h"
#include "sb-coverage-page.h"
#include "sb-current-application-button.h"
#include "sb-drill.h"
#include "sb-practice-modes.h"
#include "sb-practice-page.h"
#include "sb-practice.h"
#include "sb-questions-page.h"
#include "sb-story-editor.h"
#include "sb-story-list.h"
#include "sb-window-private.h"
#include "sb-window.h"

guint
_sb_window_count_practice_due (SbWindow *self)
{
  return sb_practice_count_due (self->store, 0) + sb_drill_count_due (self->store, 0);
}

/* The Practice tab says how much is due today: the stories to tell (never
 * rehearsed ones included) plus the questions to drill (drilled before:
 * never drilled ones are not counted, a bank ships well over a hundred).
 * Read once things settle, not at every change. */
static gboolean
update_practice_badge_cb (gpointer user_data)
{
  SbWindow *self = user_data;

  self->badge_source_id = 0;
  if (self->practice_stack_page != NULL && self->store != NULL)
    adw_view_stack_page_set_badge_number (self->practice_stack_page,
                                          _sb_window_count_practice_due (self));
  return G_SOURCE_REMOVE;
}

/* What is due changes with the date too: the badge is read again just
 * after each local midnight (and whenever the window is focused). */
static gboolean
midnight_cb (gpointer user_data)
{
  SbWindow *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);
  GTimeSpan until = g_date_time_difference (tomorrow, now);

  if (self->midnight_source_id != 0)
    _sb_window_queue_practice_badge (self);
  self->midnight_source_id = g_timeout_add_seconds ((guint) CLAMP (until / G_USEC_PER_SEC + 1, 1, 86401),
                                                    midnight_cb, self);
  return G_SOURCE_REMOVE;
}

void
_sb_window_queue_practice_badge (SbWindow *self)
{
  if (self->badge_source_id == 0)
    self->badge_source_id = g_timeout_add_seconds (1, update_practice_badge_cb, self);
}

static const char * const all_pages[] = { "stories", "coverage", "questions", "practice", "applications" };

/* The page's own widget, in its bin; NULL until it is built. */
static GtkWidget *
page_widget (SbWindow   *self,
             const char *name)
{
  GtkWidget *bin = name != NULL ? adw_view_stack_get_child_by_name (self->view_stack, name) : NULL;

  return ADW_IS_BIN (bin) ? adw_bin_get_child (ADW_BIN (bin)) : NULL;
}

/* Only the page shown is visible; the others are hidden in their bins.
 * GTK restyles every visible widget when a state of the window changes
 * (which widget has the focus, the window's backdrop), mapped or not:
 * with the five pages visible, switching pages restyled ~4,600 widgets
 * at 1,000 stories (about two thirds of a switch's time). A hidden widget
 * is restyled when it is shown, if anything changed.
 *
 * The page about to be shown is made visible before the switch
 * (sb_window_show_page()), so that the view stack can move the focus into
 * it as it always did. A page is never hidden with the focus inside:
 * GTK 4.8 then keeps a reference to it (to move the focus later) that
 * outlives the window, and with it the bank. */
static void
show_only_page (SbWindow   *self,
                const char *shown)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (page_widget (self, shown) != NULL)
    gtk_widget_set_visible (page_widget (self, shown), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (all_pages); i++)
    {
      GtkWidget *page = page_widget (self, all_pages[i]);

      if (page == NULL || g_strcmp0 (all_pages[i], shown) == 0 || !gtk_widget_get_visible (page))
        continue;
      if (focus != NULL && gtk_widget_is_ancestor (focus, page))
        {
          gtk_root_set_focus (GTK_ROOT (self), NULL);
          focus = NULL;
        }
      gtk_widget_set_visible (page, FALSE);
    }
}

/* ---- warming the pages up -------------------------------------------- */

/* A page built off screen is styled once, empty: pages make their content
 * when first shown (hidden, they do no work), so the frame of the first
 * switch to one made its rows, styled them, laid out every label and
 * allocated all of it: 18-28 ms at 10,000 stories, where a switch back
 * costs 7-8 (Applications, with an application of 8 requirements and 4
 * rounds: 113 ms, mostly shaping the text of its wrapping labels and
 * chips). Once every page is built and hidden, the window warms them
 * up one at a time, each step in a low-priority idle after a frame:
 *
 *   1. the page makes its content as its first show would
 *      (sb_*_page_prepare()) and is made visible, still unmapped, so that
 *      the next frame styles what it made (the view stack measures it too);
 *   2. it is measured and allocated at the size the view stack will give
 *      it (lay_out_page()) and hidden again;
 *   3. Coverage only: the matrix draws itself into a throw-away surface,
 *      which lays its column titles out and loads their turned glyphs.
 *
 * GTK 4.8 keeps what that measured across hiding and showing the page:
 * hiding one forgets its own allocation and resizes its parent, nothing
 * below it, so when it is shown its children keep their size requests,
 * allocations and text layouts, and the switch's frame mostly draws. The
 * page shown is skipped (a page shown at start-up, before any frame, was
 * never drawn: one shown and left is warmed up like the others). Hidden
 * after its warm-up, a page follows the bank as any hidden page does: it
 * notes a change and catches up when shown. The window's dispose stops
 * the warm-up. */
static const char * const warm_pages[] = { "coverage", "questions", "practice", "applications" };

static void
prepare_page (SbWindow   *self,
              const char *name,
              GtkWidget  *page)
{
  if (g_str_equal (name, "coverage"))
    sb_coverage_page_prepare (SB_COVERAGE_PAGE (page));
  else if (g_str_equal (name, "questions"))
    sb_questions_page_prepare (SB_QUESTIONS_PAGE (page));
  else if (g_str_equal (name, "practice"))
    sb_practice_page_prepare (SB_PRACTICE_PAGE (self->practice_page));
  else if (g_str_equal (name, "applications"))
    sb_applications_page_prepare (SB_APPLICATIONS_PAGE (page));
}

/* As the view stack does when the page is shown: its AdwBin gives the
 * page all of the stack's size. */
static void
lay_out_page (SbWindow  *self,
              GtkWidget *page)
{
  GtkWidget *stack = GTK_WIDGET (self->view_stack);
  int width = gtk_widget_get_width (stack);
  int height = gtk_widget_get_height (stack);
  int min_width, min_height;

  if (width <= 0 || height <= 0)
    return;
  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  width = MAX (width, min_width);
  gtk_widget_measure (page, GTK_ORIENTATION_VERTICAL, width, &min_height, NULL, NULL, NULL);
  gtk_widget_allocate (page, width, MAX (height, min_height), -1, NULL);
}

static void queue_warm_step (SbWindow *self);

typedef enum
{
  WARM_PREPARE,      /* make the content, show it off screen: styled next frame */
  WARM_LAY_OUT,      /* measure and allocate it, hide it */
  WARM_DRAW,         /* draw what would be drawn, into nothing (Coverage) */
} WarmStage;

/* One step of the page's warm-up; FALSE if there was nothing to do. */
static gboolean
warm_step (SbWindow   *self,
           const char *name,
           GtkWidget  *page,
           const char *shown)
{
  switch ((WarmStage) self->warm_stage)
    {
    case WARM_PREPARE:
      /* The Practice queue comes from the schedule the store keeps once
       * read (~8 ms to work out at 10,000 stories). The badge's read,
       * a second after the window became active, is likely still to
       * come: done now, in a step of its own, the page's is short. */
      if (g_str_equal (name, "practice") && self->badge_source_id != 0)
        {
          g_clear_handle_id (&self->badge_source_id, g_source_remove);
          update_practice_badge_cb (self);
          return TRUE;
        }
      prepare_page (self, name, page);
      gtk_widget_set_visible (page, TRUE);
      self->warm_stage = WARM_LAY_OUT;
      return TRUE;
    case WARM_LAY_OUT:
      /* Hidden meanwhile (another page was shown): styled again first. */
      if (!gtk_widget_get_visible (page))
        {
          self->warm_stage = WARM_PREPARE;
          return warm_step (self, name, page, shown);
        }
      lay_out_page (self, page);
      show_only_page (self, shown);
      self->warm_stage = WARM_DRAW;
      return TRUE;
    case WARM_DRAW:
    default:
      self->warm_stage = WARM_PREPARE;
      self->warm_page++;
      /* The matrix lays its titles out, and the renderer loads their
       * turned glyphs, when first drawn: a third of its first frame. */
      if (g_str_equal (name, "coverage"))
        {
          sb_coverage_page_prepare_draw (SB_COVERAGE_PAGE (page));
          return TRUE;
        }
      return FALSE;
    }
}

static gboolean
warm_step_cb (gpointer user_data)
{
  SbWindow *self = user_data;
  const char *shown = adw_view_stack_get_visible_child_name (self->view_stack);

  self->warm_pages_id = 0;
  while (self->warm_page < G_N_ELEMENTS (warm_pages))
    {
      const char *name = warm_pages[self->warm_page];
      GtkWidget *page = page_widget (self, name);

      if (page == NULL || g_strcmp0 (name, shown) == 0)
        {
          self->warm_page++;
          self->warm_stage = WARM_PREPARE;
          continue;
        }
      if (warm_step (self, name, page, shown))
        {
          queue_warm_step (self);
          return G_SOURCE_REMOVE;
        }
    }
  return G_SOURCE_REMOVE;
}

/* A step runs a second after the person's last key, click or scroll at
 * the earliest: most take 1-7 ms, but the Applications page's are long
 * (building its editor, then laying out every label it holds), and a
 * keystroke that came in the middle of one would wait for it. */
#define WARM_INPUT_PAUSE_US (G_USEC_PER_SEC)

static gboolean
warm_wait_cb (gpointer user_data)
{
  SbWindow *self = user_data;

  self->warm_wait_id = 0;
  queue_warm_step (self);
  return G_SOURCE_REMOVE;
}

static void
warm_after_paint_cb (GdkFrameClock *clock,
                     SbWindow      *self)
{
  gint64 since_input = g_get_monotonic_time () - self->last_input_us;

  g_clear_signal_handler (&self->warm_paint_id, clock);
  if (self->warm_pages_id != 0 || self->warm_wait_id != 0)
    return;
  if (self->last_input_us != 0 && since_input < WARM_INPUT_PAUSE_US)
    self->warm_wait_id = g_timeout_add ((WARM_INPUT_PAUSE_US - since_input) / 1000 + 1, warm_wait_cb, self);
  else
    self->warm_pages_id = g_idle_add_full (G_PRIORITY_LOW, warm_step_cb, self, NULL);
}

/* The next step after the next frame (one is asked for: a step that
 * changed nothing on screen would wait for the next change). */
static void
queue_warm_step (SbWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL || self->warm_paint_id != 0)
    return;
  self->warm_paint_id = g_signal_connect_object (clock, "after-paint", G_CALLBACK (warm_after_paint_cb),
                                                 self, 0);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

/* Once every page is built and hidden again. */
static void
maybe_warm_pages (SbWindow *self)
{
  if (self->build_pages_id == 0 && self->style_pages_id == 0 && self->warm_page == 0 &&
      self->warm_stage == WARM_PREPARE && gtk_widget_get_mapped (GTK_WIDGET (self)))
    queue_warm_step (self);
}

void
_sb_window_note_input (SbWindow *self)
{
  self->last_input_us = g_get_monotonic_time ();
}

static gboolean
input_event_cb (GtkEventControllerLegacy *controller,
                GdkEvent                 *event,
                SbWindow                 *self)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
      _sb_window_note_input (self);
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

void
_sb_window_stop_warming_pages (SbWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_clear_handle_id (&self->warm_pages_id, g_source_remove);
  g_clear_handle_id (&self->warm_wait_id, g_source_remove);
  if (self->warm_paint_id != 0 && clock != NULL)
    g_signal_handler_disconnect (clock, self->warm_paint_id);
  self->warm_paint_id = 0;
}

gboolean
_sb_window_get_pages_warm (SbWindow *self)
{
  return self->warm_page >= G_N_ELEMENTS (warm_pages);
}

static void
visible_page_cb (SbWindow     *self,
                 GParamSpec   *pspec,
                 AdwViewStack *stack)
{
  const char *name = adw_view_stack_get_visible_child_name (stack);

  if (name != NULL)
    _sb_window_ensure_page (self, name);
  show_only_page (self, name);
  /* Rehearsals were perhaps logged there. */
  if (g_strcmp0 (name, "practice") != 0)
    _sb_window_queue_practice_badge (self);

  /* Leaving the Stories page is as good a moment as any to save. */
  if (self->story_editor != NULL && g_strcmp0 (name, "stories") != 0)
    sb_story_editor_flush (self->story_editor);
  if (self->applications_page != NULL && g_strcmp0 (name, "applications") != 0)
    sb_applications_page_flush (SB_APPLICATIONS_PAGE (self->applications_page));
  if (self->settings != NULL && name != NULL)
    g_settings_set_string (self->settings, "last-page", name);
}

void
sb_window_show_page (SbWindow   *self,
                     const char *name)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  if (name == NULL || adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    return;
  /* Visible before the switch: see show_only_page(). */
  _sb_window_ensure_page (self, name);
  if (page_widget (self, name) != NULL)
    gtk_widget_set_visible (page_widget (self, name), TRUE);
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

const char *
sb_window_get_page (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  const char *page = sb_window_get_page (self);

  if (g_strcmp0 (page, "stories") == 0)
    {
      if (adw_leaflet_get_folded (self->leaflet))
        adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->story_list));
      sb_story_list_focus_search (self->story_list);
    }
  else if (g_strcmp0 (page, "questions") == 0)
    sb_questions_page_focus_search (SB_QUESTIONS_PAGE (_sb_window_ensure_page (self, "questions")));
}

/* After the page is laid out: moving the focus into a page not allocated
 * yet made GTK 4.8 scroll widgets of its hidden side panel at a width of
 * G_MININT. */
static gboolean
focus_page_idle_cb (gpointer user_data)
{
  SbWindow *self = user_data;
  GtkWidget *page = adw_view_stack_get_visible_child (self->view_stack);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (page != NULL && gtk_widget_get_mapped (page) &&
      (focus == NULL || !gtk_widget_is_ancestor (focus, page)))
    gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
  return G_SOURCE_REMOVE;
}

/* A framework (an application's values) on the Coverage page, or as the
 * Questions page's filter. */
static void
show_coverage_framework_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  sb_window_show_page (self, "coverage");
  sb_coverage_page_set_framework (SB_COVERAGE_PAGE (_sb_window_ensure_page (self, "coverage")),
                                  g_variant_get_string (parameter, NULL));
}

static void
show_questions_framework_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  sb_window_show_page (self, "questions");
  sb_questions_page_set_framework_filter (SB_QUESTIONS_PAGE (_sb_window_ensure_page (self, "questions")),
                                          g_variant_get_string (parameter, NULL));
}

/* An application named by its slug, shown on the Applications page (the
 * header's current application). */
static void
show_application_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  sb_window_show_page (self, "applications");
  sb_applications_page_select_application (SB_APPLICATIONS_PAGE (_sb_window_ensure_page (self, "applications")),
                                           g_variant_get_string (parameter, NULL));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  sb_window_show_page (self, g_variant_get_string (parameter, NULL));
  /* Alt+2 and friends take the keyboard into the page, rather than leave
   * the focus ring on the tab of the page before. */
  g_idle_add_full (G_PRIORITY_LOW, focus_page_idle_cb, g_object_ref (self), g_object_unref);
}

/* The frame after a tick lays the new pages out (and styles them); the
 * tick after that hides them. */
static gboolean
style_pages_tick_cb (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       user_data)
{
  SbWindow *self = SB_WINDOW (widget);

  if (++self->style_pages_ticks < 2)
    return G_SOURCE_CONTINUE;
  self->style_pages_id = 0;
  show_only_page (self, adw_view_stack_get_visible_child_name (self->view_stack));
  maybe_warm_pages (self);
  return G_SOURCE_REMOVE;
}

/* Each page after Stories sits in an AdwBin until it is built: when first
 * shown, when an action needs it, or in an idle after the first frame, one
 * page per idle. Building one costs a few milliseconds; four of them before
 * the first frame held the window back for nothing. Returns the page. */
GtkWidget *
_sb_window_ensure_page (SbWindow   *self,
                        const char *name)
{
  GtkWidget *bin = adw_view_stack_get_child_by_name (self->view_stack, name);
  GtkWidget *page;

  if (!ADW_IS_BIN (bin))
    return NULL;
  page = adw_bin_get_child (ADW_BIN (bin));
  if (page != NULL)
    return page;

  if (g_str_equal (name, "coverage"))
    page = self->coverage_page = g_object_new (SB_TYPE_COVERAGE_PAGE, "store", self->store, NULL);
  else if (g_str_equal (name, "questions"))
    page = self->questions_page = g_object_new (SB_TYPE_QUESTIONS_PAGE, "store", self->store, NULL);
  else if (g_str_equal (name, "practice"))
    {
      /* Two kinds of practice in the tab; practice_page is the telling one. */
      page = self->practice_modes = sb_practice_modes_new (self->store);
      self->practice_page = sb_practice_modes_get_page (SB_PRACTICE_MODES (page), "tell");
    }
  else if (g_str_equal (name, "applications"))
    page = self->applications_page = sb_applications_page_new (self->store);
  else
    return NULL;
  adw_bin_set_child (ADW_BIN (bin), page);
  /* Built for a page not shown: styled in the next frame (as the page
   * would be when first shown, in that switch's frame), then hidden as
   * show_only_page() keeps it. With no frame to come, at once. */
  if (g_strcmp0 (name, adw_view_stack_get_visible_child_name (self->view_stack)) != 0)
    {
      if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
        gtk_widget_set_visible (page, FALSE);
      else if (self->style_pages_id == 0)
        {
          self->style_pages_ticks = 0;
          self->style_pages_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), style_pages_tick_cb,
                                                               NULL, NULL);
        }
    }
  return page;
}

static void switcher_bar_reveal_cb (SbWindow           *self,
                                    GParamSpec         *pspec,
                                    AdwViewSwitcherBar *bar);

static const char * const lazy_pages[] = { "practice", "questions", "coverage", "applications" };

static gboolean
build_pages_cb (gpointer user_data)
{
  SbWindow *self = user_data;

  for (guint i = 0; i < G_N_ELEMENTS (lazy_pages); i++)
    {
      GtkWidget *bin = adw_view_stack_get_child_by_name (self->view_stack, lazy_pages[i]);

      if (adw_bin_get_child (ADW_BIN (bin)) == NULL)
        {
          _sb_window_ensure_page (self, lazy_pages[i]);
          return G_SOURCE_CONTINUE;
        }
    }
  self->build_pages_id = 0;
  maybe_warm_pages (self);
  return G_SOURCE_REMOVE;
}

void
_sb_window_add_pages (SbWindow *self)
{
  static const struct
  {
    const char *name;
    const char *title;
    const char *icon;
  } pages[] = {
    { "coverage", N_("Coverage"), "view-grid-symbolic" },
    { "questions", N_("Questions"), "help-faq-symbolic" },
    { "practice", N_("Practice"), "media-playback-start-symbolic" },
    { "applications", N_("Applications"), "system-users-symbolic" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      AdwViewStackPage *page = adw_view_stack_add_titled (self->view_stack, adw_bin_new (),
                                                          pages[i].name, _(pages[i].title));

      adw_view_stack_page_set_icon_name (page, pages[i].icon);
      if (g_str_equal (pages[i].name, "practice"))
        self->practice_stack_page = page;
    }
  /* Given the stack only now: libadwaita 1.2's switchers rebuild every
   * button whenever a page is added, so adding pages one by one under a
   * switcher title (two switchers) made 30 buttons for the 10 it keeps. */
  adw_view_switcher_title_set_stack (self->switcher_title, self->view_stack);

  /* Watches for input, which the pages' warm-up waits for a pause in. */
  {
    GtkEventController *input = gtk_event_controller_legacy_new ();

    gtk_event_controller_set_propagation_phase (input, GTK_PHASE_CAPTURE);
    g_signal_connect_object (input, "event", G_CALLBACK (input_event_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self), input);
  }

  self->current_button = sb_current_application_button_new (self->store);
  adw_header_bar_pack_start (self->header_bar, self->current_button);
  /* Revealed already (its binding ran with the template)? */
  switcher_bar_reveal_cb (self, NULL, self->switcher_bar);
}

/* The store builds its question → stories and theme → stories maps when
 * first asked; the Questions and Coverage pages ask in their first frame.
 * Asked here instead, in an idle once the window is drawn. */
static gboolean
warm_link_maps_cb (gpointer user_data)
{
  SbWindow *self = user_data;
  g_autoptr(GPtrArray) unused = sb_store_get_question_stories (self->store, "");

  self->warm_source_id = 0;
  return G_SOURCE_REMOVE;
}

/* Once the window is drawn: the Practice badge, the store's link maps and
 * the pages not built yet, each in an idle of its own. */
void
_sb_window_pages_after_first_frame (SbWindow *self)
{
  if (self->badge_source_id == 0)
    self->badge_source_id = g_idle_add_full (G_PRIORITY_LOW, update_practice_badge_cb, self, NULL);
  if (self->warm_source_id == 0)
    self->warm_source_id = g_idle_add_full (G_PRIORITY_LOW, warm_link_maps_cb, self, NULL);
  if (self->build_pages_id == 0)
    self->build_pages_id = g_idle_add_full (G_PRIORITY_LOW, build_pages_cb, self, NULL);
}

/* What is due changes with the date: from now on, the badge is read again
 * just after each local midnight. */
void
_sb_window_watch_midnight (SbWindow *self)
{
  midnight_cb (self);
}

/* The bottom switcher of a narrow window gets the pages when first
 * revealed: its buttons (one per page, each from a template) cost a wide
 * window's first frame for nothing. */
static void
switcher_bar_reveal_cb (SbWindow           *self,
                        GParamSpec         *pspec,
                        AdwViewSwitcherBar *bar)
{
  if (adw_view_switcher_bar_get_reveal (bar) && adw_view_switcher_bar_get_stack (bar) == NULL)
    adw_view_switcher_bar_set_stack (bar, self->view_stack);
}

void
_sb_window_install_page_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, SbWindow, switcher_bar);
  gtk_widget_class_bind_template_callback (widget_class, visible_page_cb);
  gtk_widget_class_bind_template_callback (widget_class, switcher_bar_reveal_cb);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-coverage-framework", "s",
                                   show_coverage_framework_action);
  gtk_widget_class_install_action (widget_class, "win.show-questions-framework", "s",
                                   show_questions_framework_action);
  gtk_widget_class_install_action (widget_class, "win.show-application", "s", show_application_action);

  /* Without an application (tests) the shortcuts still work. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  /* Alt+number walks the view switcher, as in other GNOME apps. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "s", "stories");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "s", "coverage");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-page", "s", "questions");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-page", "s", "practice");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK, "win.show-page", "s", "applications");
}
