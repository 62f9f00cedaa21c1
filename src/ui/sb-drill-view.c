/* sb-drill-view.c — the "Which story?" drill: a question, a countdown, a pick
 *
 * Four stages in one stack: "empty" (no story to pick yet), "start",
 * "ask" (the question, the countdown and a keyboard-first chooser) and
 * "reveal" (hit or miss in words, the stories linked to the question and
 * the top suggestions, Link My Pick, Next Question).
 *
 * The keyboard drives it all: the search entry has the focus while asking,
 * typing filters the stories (full-text, best match first), Up and Down
 * move the choice, Enter picks it and Escape says "I don't know"; on the
 * reveal Next Question has the focus, so Enter moves on.
 *
 * The countdown is a monotonic start time and a 100 ms tick that only
 * moves a bar; running out is a miss, but the chooser stays open so the
 * person still says which story they meant. Nothing is read from the bank
 * until the view is shown, and the queue only when a drill starts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-drill-view"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-coach.h"
#include "sb-drill.h"
#include "sb-drill-view.h"
#include "sb-label.h"
#include "sb-placeholder.h"
#include "sb-story-search.h"
#include "sb-ui-resources.h"

#define TICK_MS          100
#define MAX_CHOICES      40
#define SECONDS_PER_DAY  (24 * 60 * 60)

struct _SbDrillView
{
  GtkWidget       parent_instance;

  SbStore        *store;
  GPtrArray      *queue;            /* SbQuestion refs, in drill order */
  guint           queue_index;
  SbQuestion     *question;         /* the one asked or revealed */
  SbStory        *pick;             /* NULL: none (yet) */
  gboolean        hit;
  GPtrArray      *choices;          /* SbStory refs, one per chooser row */
  SbStorySearch  *search;           /* the chooser's, in the store's worker */
  gboolean        enter;            /* Enter while it ran: pick its best */
  gboolean        stale;            /* the bank changed while hidden */

  gint64          started_us;       /* monotonic; 0: no countdown */
  guint           tick_id;
  gboolean        timed_out;
  int             seconds_shown;    /* the whole seconds the label says */

  /* template */
  GtkStack       *stage_stack;
  GtkLabel       *due_label;
  GtkButton      *start_button;
  GtkLabel       *ask_question_label;
  GtkProgressBar *countdown_bar;
  GtkLabel       *countdown_label;
  GtkLabel       *countdown_note;
  GtkSearchEntry *pick_entry;
  GtkListBox     *pick_list;
  GtkLabel       *reveal_question_label;
  GtkBox         *verdict_box;
  GtkImage       *verdict_icon;
  GtkLabel       *verdict_label;
  GtkLabel       *schedule_label;
  GtkListBox     *linked_list;
  GtkListBox     *suggestions_list;
  GtkButton      *link_button;
  GtkButton      *next_button;
};

G_DEFINE_FINAL_TYPE (SbDrillView, sb_drill_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
stage (SbDrillView *self)
{
  return gtk_stack_get_visible_child_name (self->stage_stack);
}

static gboolean
in_stage (SbDrillView *self,
          const char  *name)
{
  return g_strcmp0 (stage (self), name) == 0;
}

static void
update_actions (SbDrillView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean asking = in_stage (self, "ask");
  gboolean revealing = in_stage (self, "reveal");
  gboolean can_link = FALSE;

  if (revealing && self->pick != NULL && self->question != NULL)
    {
      g_autoptr(GPtrArray) linked = sb_store_get_question_stories (self->store,
                                                                   sb_question_get_slug (self->question));
      can_link = !g_ptr_array_find (linked, self->pick, NULL);
    }

  gtk_widget_action_set_enabled (widget, "drill.start", in_stage (self, "start"));
  gtk_widget_action_set_enabled (widget, "drill.dont-know", asking);
  gtk_widget_action_set_enabled (widget, "drill.link-pick", can_link);
  gtk_widget_action_set_enabled (widget, "drill.next", revealing);
  gtk_widget_action_set_enabled (widget, "drill.end", asking || revealing);
}

static void
show_toast (SbDrillView *self,
            const char  *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

static void
remove_all_rows (GtkListBox *list)
{
  GtkListBoxRow *row;

  /* Rows only: the placeholder is a child too, and must stay. */
  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

/* ---- the start --------------------------------------------------------- */

static void
update_start (SbDrillView *self)
{
  g_autofree char *due = NULL;
  guint n_due;

  self->stale = FALSE;
  if (sb_store_get_n_stories (self->store) == 0)
    {
      gtk_stack_set_visible_child_name (self->stage_stack, "empty");
      update_actions (self);
      return;
    }

  n_due = sb_drill_count_due (self->store, 0);
  if (n_due == 0)
    due = g_strdup (_("No question is due today: the drill starts with questions no story answers yet."));
  else
    due = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u question is due today.",
                                        "%u questions are due today.", n_due),
                           n_due);
  gtk_label_set_label (self->due_label, due);
  gtk_stack_set_visible_child_name (self->stage_stack, "start");
  update_actions (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->start_button));
}

static void fill_choices (SbDrillView *self);

/* The bank changed: the start page's count, or the chooser, follows. */
static void
bank_changed_cb (SbDrillView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  if (in_stage (self, "start") || in_stage (self, "empty"))
    update_start (self);
  else if (in_stage (self, "ask"))
    /* A story deleted or added meanwhile: the chooser offers what is there. */
    fill_choices (self);
}

/* Only the start page counts what is due; a round goes on as it is. */
static void
practice_logged_cb (SbDrillView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->stale = TRUE;
  else if (in_stage (self, "start") || in_stage (self, "empty"))
    update_start (self);
}

static void fill_lists (SbDrillView *self);

/* A link undone with Ctrl+Z, or made on another page, shows at once. */
static void
links_changed_cb (SbDrillView *self)
{
  if (in_stage (self, "reveal") && self->question != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    fill_lists (self);
}

/* ---- the countdown ----------------------------------------------------- */

static double
elapsed (SbDrillView *self)
{
  if (self->started_us == 0)
    return 0;
  return (double) (g_get_monotonic_time () - self->started_us) / G_USEC_PER_SEC;
}

static void
stop_clock (SbDrillView *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
}

static void
update_countdown (SbDrillView *self)
{
  double left = MAX (0.0, SB_DRILL_SECONDS - elapsed (self));
  int whole = (int) (left + 0.999);

  gtk_progress_bar_set_fraction (self->countdown_bar, left / SB_DRILL_SECONDS);
  if (whole == self->seconds_shown && !(left <= 0 && !self->timed_out))
    return;
  self->seconds_shown = whole;

  if (left > 0)
    {
      g_autofree char *label = g_strdup_printf (_("%d s"), whole);
      g_autofree char *spoken = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d second left to pick",
                                                              "%d seconds left to pick", whole),
                                                 whole);

      gtk_label_set_label (self->countdown_label, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->countdown_bar),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, spoken, -1);
      return;
    }

  /* Out of time: a miss, but the pick is still wanted. */
  self->timed_out = TRUE;
  stop_clock (self);
  gtk_label_set_label (self->countdown_label, _("Time is up"));
  gtk_widget_add_css_class (GTK_WIDGET (self->countdown_label), "warning");
  gtk_label_set_label (self->countdown_note,
                       _("Time is up. Pick the story anyway: it counts as a miss, and you see which one fits."));
  gtk_widget_remove_css_class (GTK_WIDGET (self->countdown_note), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->countdown_note), "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->countdown_bar),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Time is up: pick anyway, it counts as a miss"), -1);
}

static gboolean
tick_cb (gpointer user_data)
{
  update_countdown (SB_DRILL_VIEW (user_data));
  return G_SOURCE_CONTINUE;
}

static void
start_clock (SbDrillView *self)
{
  g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "Pick within %d second.",
                                                        "Pick within %d seconds.", SB_DRILL_SECONDS),
                                           SB_DRILL_SECONDS);

  stop_clock (self);
  self->timed_out = FALSE;
  self->seconds_shown = -1;
  self->started_us = g_get_monotonic_time ();
  gtk_label_set_label (self->countdown_note, note);
  gtk_widget_remove_css_class (GTK_WIDGET (self->countdown_note), "warning");
  gtk_widget_add_css_class (GTK_WIDGET (self->countdown_note), "dim-label");
  gtk_widget_remove_css_class (GTK_WIDGET (self->countdown_label), "warning");
  self->tick_id = g_timeout_add (TICK_MS, tick_cb, self);
  update_countdown (self);
}

/* ---- the chooser ------------------------------------------------------- */

static void pick_entry_activate_cb (SbDrillView *self);

/* Best match first over every part of each story, the title weighted
 * highest: what the person remembers of it finds it. */
static void
choices_found_cb (SbStorySearch *search,
                  GPtrArray     *stories,
                  const GError  *error,
                  gpointer       user_data)
{
  SbDrillView *self = user_data;
  gboolean enter = self->enter;

  self->enter = FALSE;
  remove_all_rows (self->pick_list);
  g_ptr_array_set_size (self->choices, 0);
  if (stories == NULL)
    {
      g_debug ("The chooser's search failed: %s", error->message);
      return;
    }
  for (guint i = 0; i < stories->len && i < MAX_CHOICES; i++)
    {
      SbStory *story = stories->pdata[i];
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sb_story_get_display_title (story));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->pick_list, row);
      g_ptr_array_add (self->choices, g_object_ref (story));
    }
  /* Enter picks the best match straight away. */
  gtk_list_box_select_row (self->pick_list, gtk_list_box_get_row_at_index (self->pick_list, 0));
  if (enter)
    pick_entry_activate_cb (self);
}

/* The query runs in the store's worker; the rows stay until its results
 * come, and a newer keystroke supersedes it. Nothing typed fills at once. */
static void
fill_choices (SbDrillView *self)
{
  if (self->search == NULL)
    self->search = sb_story_search_new (self->store, choices_found_cb, self);
  self->enter = FALSE;
  sb_story_search_run (self->search, gtk_editable_get_text (GTK_EDITABLE (self->pick_entry)));
}

static void
pick_search_changed_cb (SbDrillView *self)
{
  if (in_stage (self, "ask"))
    fill_choices (self);
}

/* Keeps the chosen row in sight as Up and Down move it. */
static void
scroll_to_row (SbDrillView   *self,
               GtkListBoxRow *row)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self->pick_list), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *viewport;
  graphene_rect_t bounds;

  if (scroller == NULL)
    return;
  viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  if (viewport == NULL || gtk_widget_get_first_child (viewport) == NULL ||
      !gtk_widget_compute_bounds (GTK_WIDGET (row), gtk_widget_get_first_child (viewport), &bounds))
    return;
  gtk_adjustment_clamp_page (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                             bounds.origin.y - 12, bounds.origin.y + bounds.size.height + 12);
}

static gboolean
pick_entry_key_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   SbDrillView           *self)
{
  GtkListBoxRow *row;
  int index, n = (int) self->choices->len;

  if ((keyval != GDK_KEY_Up && keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Up &&
       keyval != GDK_KEY_KP_Down) || n == 0)
    return GDK_EVENT_PROPAGATE;

  row = gtk_list_box_get_selected_row (self->pick_list);
  index = row != NULL ? gtk_list_box_row_get_index (row) : -1;
  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    index = MAX (index - 1, 0);
  else
    index = MIN (index + 1, n - 1);
  row = gtk_list_box_get_row_at_index (self->pick_list, index);
  gtk_list_box_select_row (self->pick_list, row);
  scroll_to_row (self, row);
  return GDK_EVENT_STOP;
}

/* ---- the reveal -------------------------------------------------------- */

static GtkWidget *
story_row_new (SbStory    *story,
               const char *subtitle,
               gboolean    is_pick)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sb_story_get_display_title (story));
  if (subtitle != NULL)
    {
      /* Reasons name the person's themes: text, not markup. */
      g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
    }
  if (is_pick)
    {
      GtkWidget *tag = gtk_label_new (_("Your pick"));

      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (tag, "drill-pick-tag");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
    }
  return row;
}

static void
fill_lists (SbDrillView *self)
{
  const char *slug = sb_question_get_slug (self->question);
  g_autoptr(GPtrArray) linked = sb_store_get_question_stories (self->store, slug);
  g_autoptr(GPtrArray) suggestions = sb_coach_suggest_stories (self->store, self->question,
                                                               SB_DRILL_TOP_SUGGESTIONS);

  remove_all_rows (self->linked_list);
  remove_all_rows (self->suggestions_list);
  for (guint i = 0; i < linked->len; i++)
    gtk_list_box_append (self->linked_list, story_row_new (linked->pdata[i], NULL,
                                                           linked->pdata[i] == self->pick));
  for (guint i = 0; i < suggestions->len; i++)
    {
      SbSuggestion *suggestion = suggestions->pdata[i];

      gtk_list_box_append (self->suggestions_list,
                           story_row_new (suggestion->story, suggestion->reason,
                                          suggestion->story == self->pick));
    }
  update_actions (self);
}

static char *
verdict_text (SbDrillView *self,
              gboolean     any_linked)
{
  const char *title = self->pick != NULL ? sb_story_get_display_title (self->pick) : NULL;

  if (self->pick == NULL)
    return g_strdup (self->timed_out ? _("Time ran out with no pick: a miss")
                                     : _("No pick: a miss"));
  if (self->hit)
    return g_strdup_printf (any_linked ? _("Right: “%s” is linked to this question")
                                       : _("Right: “%s” is one of the top suggestions"),
                            title);
  if (self->timed_out)
    return g_strdup_printf (_("Too late: “%s” came after the time ran out, so it is a miss"), title);
  return g_strdup_printf (any_linked ? _("A miss: “%s” is not a story linked to this question")
                                     : _("A miss: “%s” is not one of the top suggestions"),
                          title);
}

static void
fill_reveal (SbDrillView *self)
{
  g_autoptr(GPtrArray) linked = sb_store_get_question_stories (self->store,
                                                               sb_question_get_slug (self->question));
  g_autofree char *verdict = NULL;
  g_autofree char *schedule = NULL;
  SbDrillStats stats;

  gtk_label_set_label (self->reveal_question_label, sb_question_get_text (self->question));

  /* Said in words; the colour and the icon only repeat it. The links are
   * still those the pick was judged by: Link My Pick comes after. */
  verdict = verdict_text (self, linked->len > 0);
  gtk_label_set_label (self->verdict_label, verdict);
  gtk_image_set_from_icon_name (self->verdict_icon, self->hit ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_box), self->hit ? "warning" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_box), self->hit ? "success" : "warning");

  sb_drill_get_stats (self->store, self->question, &stats);
  if (stats.n_drills == 0)
    schedule = g_strdup ("");
  else if (stats.interval_days <= 1)
    schedule = g_strdup (_("This question comes back tomorrow."));
  else
    schedule = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "This question comes back in %u day.",
                                             "This question comes back in %u days.", stats.interval_days),
                                stats.interval_days);
  gtk_label_set_label (self->schedule_label, schedule);
  gtk_widget_set_visible (GTK_WIDGET (self->schedule_label), *schedule != '\0');

  fill_lists (self);
}

/* ---- the round --------------------------------------------------------- */

static void
ask (SbDrillView *self,
     SbQuestion  *question)
{
  g_set_object (&self->question, question);
  g_clear_object (&self->pick);
  self->hit = FALSE;

  gtk_label_set_label (self->ask_question_label, sb_question_get_text (question));
  gtk_stack_set_visible_child_name (self->stage_stack, "ask");
  /* Setting the text fills the chooser (search-changed comes later, and
   * is harmless); fill now so Enter works at once. */
  gtk_editable_set_text (GTK_EDITABLE (self->pick_entry), "");
  fill_choices (self);
  update_actions (self);
  start_clock (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->pick_entry));
}

/* The next question of the queue still in the bank; the queue is read
 * again when it runs out. */
static void
ask_next (SbDrillView *self)
{
  for (guint round = 0; round < 2; round++)
    {
      if (self->queue == NULL || self->queue_index >= self->queue->len)
        {
          g_clear_pointer (&self->queue, g_ptr_array_unref);
          self->queue = sb_drill_get_queue (self->store, 0);
          self->queue_index = 0;
        }
      while (self->queue_index < self->queue->len)
        {
          SbQuestion *question = self->queue->pdata[self->queue_index++];

          if (sb_store_find_question (self->store, sb_question_get_slug (question)) == question)
            {
              ask (self, question);
              return;
            }
        }
    }
  /* Every question is hidden: nothing to ask. */
  update_start (self);
}

static void
pick (SbDrillView *self,
      SbStory     *story)
{
  g_autoptr(GError) error = NULL;
  double taken;
  guint seconds;

  if (!in_stage (self, "ask") || self->question == NULL)
    return;
  /* A search still running no longer matters. */
  if (self->search != NULL)
    sb_story_search_cancel (self->search);
  self->enter = FALSE;

  /* Judged by the clock the person saw: once it said time is up, it is. */
  taken = elapsed (self);
  update_countdown (self);
  stop_clock (self);
  self->started_us = 0;
  seconds = (guint) MIN (taken + 0.999, (double) SB_DRILL_MAX_SECONDS);
  if (self->timed_out)
    seconds = MAX (seconds, SB_DRILL_SECONDS + 1);
  else
    seconds = MIN (seconds, SB_DRILL_SECONDS);

  g_set_object (&self->pick, story);
  if (!sb_drill_log (self->store, self->question, story, seconds, 0, &self->hit, &error))
    {
      g_autofree char *title = g_strdup_printf (_("Not logged: %s"), error->message);
      show_toast (self, title);
      self->hit = FALSE;
    }

  gtk_stack_set_visible_child_name (self->stage_stack, "reveal");
  fill_reveal (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

/* Enter: the chosen row, or the best match; of the search still running,
 * once it is done. */
static void
pick_entry_activate_cb (SbDrillView *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->pick_list);

  if (sb_drill_view_get_search_running (self))
    {
      self->enter = TRUE;
      return;
    }
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->pick_list, 0);
  if (row == NULL)
    return;   /* nothing matches what was typed: there is nothing to pick */
  pick (self, self->choices->pdata[gtk_list_box_row_get_index (row)]);
}

static void
pick_row_activated_cb (SbDrillView   *self,
                       GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0 && (guint) index < self->choices->len)
    pick (self, self->choices->pdata[index]);
}

static void
pick_entry_stop_cb (SbDrillView *self)
{
  pick (self, NULL);
}

/* ---- actions ----------------------------------------------------------- */

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SbDrillView *self = SB_DRILL_VIEW (widget);

  g_clear_pointer (&self->queue, g_ptr_array_unref);
  ask_next (self);
}

static void
dont_know_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  pick (SB_DRILL_VIEW (widget), NULL);
}

static void
link_pick_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SbDrillView *self = SB_DRILL_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!in_stage (self, "reveal") || self->pick == NULL || self->question == NULL)
    return;
  if (!sb_store_set_story_question (self->store, self->pick, sb_question_get_slug (self->question),
                                    TRUE, &error))
    {
      title = g_strdup_printf (_("Not linked: %s"), error->message);
      show_toast (self, title);
      return;
    }
  title = g_strdup_printf (_("“%s” now answers this question"), sb_story_get_display_title (self->pick));
  show_toast (self, title);
  fill_lists (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbDrillView *self = SB_DRILL_VIEW (widget);

  if (in_stage (self, "reveal"))
    ask_next (self);
}

static void
end_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SbDrillView *self = SB_DRILL_VIEW (widget);

  stop_clock (self);
  self->started_us = 0;
  g_clear_object (&self->question);
  g_clear_object (&self->pick);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  update_start (self);
}

/* ---- public API -------------------------------------------------------- */

GtkWidget *
sb_drill_view_new (SbStore *store)
{
  return g_object_new (SB_TYPE_DRILL_VIEW, "store", store, NULL);
}

const char *
sb_drill_view_get_stage (SbDrillView *self)
{
  g_return_val_if_fail (SB_IS_DRILL_VIEW (self), NULL);
  return stage (self);
}

SbQuestion *
sb_drill_view_get_question (SbDrillView *self)
{
  g_return_val_if_fail (SB_IS_DRILL_VIEW (self), NULL);
  return self->question;
}

SbStory *
sb_drill_view_get_pick (SbDrillView *self)
{
  g_return_val_if_fail (SB_IS_DRILL_VIEW (self), NULL);
  return self->pick;
}

GtkWidget *
sb_drill_view_get_entry (SbDrillView *self)
{
  g_return_val_if_fail (SB_IS_DRILL_VIEW (self), NULL);
  return GTK_WIDGET (self->pick_entry);
}

GPtrArray *
sb_drill_view_get_choices (SbDrillView *self)
{
  g_return_val_if_fail (SB_IS_DRILL_VIEW (self), NULL);
  return g_ptr_array_ref (self->choices);
}

gboolean
sb_drill_view_get_search_running (SbDrillView *self)
{
  g_return_val_if_fail (SB_IS_DRILL_VIEW (self), FALSE);
  return self->search != NULL && sb_story_search_get_running (self->search);
}

SbStory *
sb_drill_view_get_chosen (SbDrillView *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (SB_IS_DRILL_VIEW (self), NULL);
  row = gtk_list_box_get_selected_row (self->pick_list);
  return row != NULL ? self->choices->pdata[gtk_list_box_row_get_index (row)] : NULL;
}

const char *
sb_drill_view_get_verdict (SbDrillView *self)
{
  g_return_val_if_fail (SB_IS_DRILL_VIEW (self), NULL);
  return in_stage (self, "reveal") ? gtk_label_get_label (self->verdict_label) : NULL;
}

static GStrv
dup_row_texts (GtkListBox *list,
               gboolean    with_subtitle)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *title, *subtitle;

      if (!ADW_IS_ACTION_ROW (child))
        continue;
      title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child));
      subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (child));
      if (with_subtitle && subtitle != NULL)
        {
          g_autofree char *text = g_strdup_printf ("%s — %s", title, subtitle);
          g_strv_builder_add (builder, text);
        }
      else
        g_strv_builder_add (builder, title);
    }
  return g_strv_builder_end (builder);
}

GStrv
sb_drill_view_dup_linked_titles (SbDrillView *self)
{
  g_return_val_if_fail (SB_IS_DRILL_VIEW (self), NULL);
  return dup_row_texts (self->linked_list, FALSE);
}

GStrv
sb_drill_view_dup_suggested (SbDrillView *self)
{
  g_return_val_if_fail (SB_IS_DRILL_VIEW (self), NULL);
  return dup_row_texts (self->suggestions_list, TRUE);
}

void
sb_drill_view_shift_clock (SbDrillView *self,
                           guint        seconds)
{
  g_return_if_fail (SB_IS_DRILL_VIEW (self));
  if (self->started_us == 0)
    return;
  self->started_us -= (gint64) seconds * G_USEC_PER_SEC;
  update_countdown (self);
}

gboolean
sb_drill_view_get_timed_out (SbDrillView *self)
{
  g_return_val_if_fail (SB_IS_DRILL_VIEW (self), FALSE);
  return self->timed_out;
}

/* ---- GObject ----------------------------------------------------------- */

static void
sb_drill_view_map (GtkWidget *widget)
{
  SbDrillView *self = SB_DRILL_VIEW (widget);

  GTK_WIDGET_CLASS (sb_drill_view_parent_class)->map (widget);

  /* Days pass and the bank changes while hidden: the start page counts
   * again each time it is shown. A round under way is left as it is. */
  if (in_stage (self, "start") || in_stage (self, "empty"))
    update_start (self);
  else if (in_stage (self, "ask"))
    gtk_widget_grab_focus (GTK_WIDGET (self->pick_entry));
}

static void
set_store (SbDrillView *self,
           SbStore     *store)
{
  g_assert (self->store == NULL);
  g_return_if_fail (SB_IS_STORE (store));

  self->store = g_object_ref (store);
  g_signal_connect_object (sb_store_get_stories (store), "items-changed",
                           G_CALLBACK (bank_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "stories-reloaded",
                           G_CALLBACK (bank_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "catalog-changed",
                           G_CALLBACK (bank_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "practice-logged",
                           G_CALLBACK (practice_logged_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "story-links-changed",
                           G_CALLBACK (links_changed_cb), self, G_CONNECT_SWAPPED);
  self->stale = TRUE;
}

static void
sb_drill_view_dispose (GObject *object)
{
  SbDrillView *self = SB_DRILL_VIEW (object);

  stop_clock (self);
  g_clear_object (&self->search);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_DRILL_VIEW);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_object (&self->question);
  g_clear_object (&self->pick);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_drill_view_parent_class)->dispose (object);
}

static void
sb_drill_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SbDrillView *self = SB_DRILL_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_drill_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SbDrillView *self = SB_DRILL_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_drill_view_class_init (SbDrillViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_drill_view_dispose;
  object_class->get_property = sb_drill_view_get_property;
  object_class->set_property = sb_drill_view_set_property;
  widget_class->map = sb_drill_view_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  (void) sb_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/storybank/Storybank/sb-drill-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SbDrillView, stage_stack);
  gtk_widget_class_bind_template_child (widget_class, SbDrillView, due_label);
  gtk_widget_class_bind_template_child (widget_class, SbDrillView, start_button);
  gtk_widget_class_bind_template_child (widget_class, SbDrillView, ask_question_label);
  gtk_widget_class_bind_template_child (widget_class, SbDrillView, countdown_bar);
  gtk_widget_class_bind_template_child (widget_class, SbDrillView, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, SbDrillView, countdown_note);
  gtk_widget_class_bind_template_child (widget_class, SbDrillView, pick_entry);
  gtk_widget_class_bind_template_child (widget_class, SbDrillView, pick_list);
  gtk_widget_class_bind_template_child (widget_class, SbDrillView, reveal_question_label);
  gtk_widget_class_bind_template_child (widget_class, SbDrillView, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, SbDrillView, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, SbDrillView, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, SbDrillView, schedule_label);
  gtk_widget_class_bind_template_child (widget_class, SbDrillView, linked_list);
  gtk_widget_class_bind_template_child (widget_class, SbDrillView, suggestions_list);
  gtk_widget_class_bind_template_child (widget_class, SbDrillView, link_button);
  gtk_widget_class_bind_template_child (widget_class, SbDrillView, next_button);
  gtk_widget_class_bind_template_callback (widget_class, pick_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, pick_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, pick_entry_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, pick_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "drill.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "drill.dont-know", NULL, dont_know_action);
  gtk_widget_class_install_action (widget_class, "drill.link-pick", NULL, link_pick_action);
  gtk_widget_class_install_action (widget_class, "drill.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "drill.end", NULL, end_action);
  /* Escape anywhere in a question (the list has the focus, say) is
   * "I don't know", as it is in the search entry. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "drill.dont-know", NULL);

  gtk_widget_class_set_css_name (widget_class, "drillview");
}

static void
sb_drill_view_init (SbDrillView *self)
{
  GtkEventController *keys;

  self->choices = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Its wrapping labels measured at 12 characters: see sb-label.h. */
  sb_label_narrow_wrapping (GTK_WIDGET (self));

  /* Up and Down in the entry move the choice, the focus stays put. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (pick_entry_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->pick_entry), keys);

  gtk_list_box_set_placeholder (self->linked_list,
                                sb_placeholder_new (_("No story is linked to this question yet.")));
  gtk_list_box_set_placeholder (self->suggestions_list,
                                sb_placeholder_new (_("No other story fits this question by its themes or words.")));

  gtk_stack_set_visible_child_name (self->stage_stack, "start");
  update_actions (self);
}
