/* sb-practice-page.c — rehearse a story out loud against the clock
 *
 * The list on the left is the schedule (sb-practice-page-queue.c). The
 * right side asks a question the story answers, times the telling, and
 * after “Done” asks how it went; the rating sets when the story comes
 * back.
 *
 * The clock is a monotonic start time and a 200 ms tick that only redraws
 * a label: nothing blocks a frame, and a rehearsal logs one row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-practice-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-label.h"
#include "sb-practice.h"
#include "sb-practice-page-private.h"
#include "sb-story-check.h"
#include "sb-story-history.h"
#include "sb-story-row.h"
#include "sb-ui-resources.h"

#define TICK_MS            200
#define MAX_QUESTIONS      12
#define SECONDS_PER_DAY    (24 * 60 * 60)

G_DEFINE_FINAL_TYPE (SbPracticePage, sb_practice_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- words ------------------------------------------------------------ */

/* "0:07", "1:48", "12:03" */
static char *
format_clock (guint seconds)
{
  return g_strdup_printf ("%u:%02u", seconds / 60, seconds % 60);
}

/* When a story comes back, said as a person would. */
char *
_sb_practice_page_format_due (const SbPracticeStats *stats,
                              gint64                 now)
{
  gint64 days;

  if (stats->n_rehearsals == 0)
    return g_strdup (_("Not rehearsed yet"));
  if (stats->due_at <= now)
    return g_strdup (_("Due now"));
  days = (stats->due_at - now + SECONDS_PER_DAY - 1) / SECONDS_PER_DAY;
  if (days <= 1)
    return g_strdup (_("Due tomorrow"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Due in %u day", "Due in %u days", (guint) days),
                          (guint) days);
}

static char *
format_history (const SbPracticeStats *stats,
                gint64                 now)
{
  g_autofree char *mean = NULL;
  g_autofree char *due = NULL;
  g_autofree char *times = NULL;
  gint64 days_ago;

  if (stats->n_rehearsals == 0)
    return g_strdup (_("Not rehearsed yet. Tell it out loud, as if the interviewer had just asked."));

  mean = sb_format_spoken_length (stats->mean_seconds);
  due = _sb_practice_page_format_due (stats, now);
  times = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Rehearsed once", "Rehearsed %u times",
                                        stats->n_rehearsals),
                           stats->n_rehearsals);
  days_ago = MAX (0, (now - stats->last_at) / SECONDS_PER_DAY);
  if (days_ago == 0)
    /* Translators: "Rehearsed 3 times · last today · about 1 min 48 s on average · Due in 4 days" */
    return g_strdup_printf (_("%s · last today · %s on average · %s"), times, mean, due);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s · last %u day ago · %s on average · %s",
                                       "%s · last %u days ago · %s on average · %s",
                                       (guint) days_ago),
                          times, (guint) days_ago, mean, due);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* ---- the clock -------------------------------------------------------- */

static guint
elapsed_seconds (SbPracticePage *self)
{
  if (self->started_us == 0)
    return self->measured_seconds;
  return (guint) ((g_get_monotonic_time () - self->started_us) / G_USEC_PER_SEC);
}

static void
update_clock (SbPracticePage *self)
{
  guint seconds = elapsed_seconds (self);
  g_autofree char *clock = format_clock (seconds);
  g_autofree char *aim = NULL;
  gboolean running = self->started_us != 0;
  gboolean measured = !running && self->awaiting_rating;

  gtk_label_set_label (self->timer_label, clock);
  gtk_level_bar_set_value (self->time_bar, MIN (seconds, gtk_level_bar_get_max_value (self->time_bar)));

  gtk_widget_remove_css_class (GTK_WIDGET (self->aim_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->aim_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->aim_label), "dim-label");

  if (!running && !measured)
    {
      aim = g_strdup (_("Aim for 1:30 to 2:00, out loud, without notes."));
      gtk_widget_add_css_class (GTK_WIDGET (self->aim_label), "dim-label");
    }
  else if (seconds < SB_CHECK_MIN_SECONDS)
    {
      aim = g_strdup (running ? _("Keep going: give the detail of what you did.")
                              : _("Short of 1:30: the Action probably needs more of what you did."));
      if (running)
        gtk_widget_add_css_class (GTK_WIDGET (self->aim_label), "dim-label");
      else
        gtk_widget_add_css_class (GTK_WIDGET (self->aim_label), "warning");
    }
  else if (seconds <= SB_CHECK_MAX_SECONDS)
    {
      aim = g_strdup (running ? _("In the range: land the Result and what you learned.")
                              : _("Right in the 1:30 to 2:00 range."));
      gtk_widget_add_css_class (GTK_WIDGET (self->aim_label), "success");
    }
  else
    {
      aim = g_strdup (running ? _("Over 2:00: wrap up with the Result.")
                              : _("Over 2:00: trim the Situation and keep the Action."));
      gtk_widget_add_css_class (GTK_WIDGET (self->aim_label), "warning");
    }
  gtk_label_set_label (self->aim_label, aim);
}

static gboolean
tick_cb (gpointer user_data)
{
  update_clock (SB_PRACTICE_PAGE (user_data));
  return G_SOURCE_CONTINUE;
}

static void
reset_clock (SbPracticePage *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
  self->started_us = 0;
  self->measured_seconds = 0;
  self->awaiting_rating = FALSE;
  gtk_stack_set_visible_child_name (self->controls_stack, "ready");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "practice.stop", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "practice.rate", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "practice.discard", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "practice.start", self->story != NULL);
  update_clock (self);
}

/* ---- the story -------------------------------------------------------- */

static void
add_question (SbPracticePage *self,
              SbQuestion     *question)
{
  if (question == NULL || self->questions->len >= MAX_QUESTIONS)
    return;
  for (guint i = 0; i < self->questions->len; i++)
    if (self->questions->pdata[i] == question)
      return;
  g_ptr_array_add (self->questions, g_object_ref (question));
}

/* The questions to ask: those the person chose this story for, then those
 * about its primary themes, then its secondary ones. */
static void
collect_questions (SbPracticePage *self)
{
  g_auto(GStrv) chosen = NULL;
  g_autoptr(GArray) links = NULL;
  GListModel *questions = sb_store_get_questions (self->store);
  guint n_questions = g_list_model_get_n_items (questions);

  g_ptr_array_set_size (self->questions, 0);
  self->question_index = 0;
  if (self->story == NULL)
    return;

  chosen = sb_store_get_story_questions (self->store, self->story);
  for (guint i = 0; chosen != NULL && chosen[i] != NULL; i++)
    add_question (self, sb_store_find_question (self->store, chosen[i]));

  links = sb_store_get_story_themes (self->store, self->story);
  for (SbStrength strength = SB_STRENGTH_PRIMARY; strength <= SB_STRENGTH_SECONDARY; strength++)
    for (guint l = 0; l < links->len; l++)
      {
        SbThemeLink *link = &g_array_index (links, SbThemeLink, l);

        if (link->strength != strength)
          continue;
        for (guint q = 0; q < n_questions; q++)
          {
            g_autoptr(SbQuestion) question = g_list_model_get_item (questions, q);

            if (sb_question_has_theme (question, link->theme_slug))
              add_question (self, question);
          }
      }
}

static void
update_question (SbPracticePage *self)
{
  if (self->questions->len == 0)
    gtk_label_set_label (self->question_label,
                         _("Tell me about this project, and what you did yourself."));
  else
    gtk_label_set_label (self->question_label,
                         sb_question_get_text (self->questions->pdata[self->question_index]));
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_question_button), self->questions->len > 1);
}

static void
append_section (GString      *markup,
                const char   *heading,
                const char   *text)
{
  g_autofree char *escaped = NULL;
  g_autofree char *escaped_heading = NULL;

  if (text == NULL || *text == '\0')
    return;
  escaped = g_markup_escape_text (text, -1);
  escaped_heading = g_markup_escape_text (heading, -1);
  if (markup->len > 0)
    g_string_append (markup, "\n\n");
  g_string_append_printf (markup, "<b>%s</b>  %s", escaped_heading, escaped);
}

/* What "Peek at the Story" shows: the person's cue card first when there
 * is one (their own five lines are what they will glance at for real),
 * with the whole text behind a second expander; else the whole text. */
static void
update_peek (SbPracticePage *self)
{
  static const char *headings[] = {
    N_("Situation"), N_("Task"), N_("Action"), N_("Result"), N_("Learning"),
  };
  g_autoptr(GString) notes = g_string_new (NULL);
  gboolean has_card;

  if (self->story == NULL)
    return;
  has_card = sb_story_has_cue_card (self->story);

  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    append_section (notes, _(headings[i]), sb_story_get_field (self->story, SB_STORY_FIELD_SITUATION + i));
  if (notes->len == 0)
    g_string_append (notes, _("This story has no text yet."));

  if (has_card)
    {
      g_autoptr(GString) card = g_string_new (NULL);

      /* One line each, close together: a card, not a page. */
      for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
        {
          const char *line = sb_story_get_field (self->story, SB_STORY_FIELD_CUE_SITUATION + i);
          g_autofree char *heading = g_markup_escape_text (_(headings[i]), -1);
          g_autofree char *escaped = g_markup_escape_text (line, -1);

          if (*line == '\0')
            continue;
          if (card->len > 0)
            g_string_append_c (card, '\n');
          g_string_append_printf (card, "<b>%s</b>  %s", heading, escaped);
        }
      gtk_label_set_markup (self->cue_label, card->str);
      gtk_label_set_markup (self->full_label, notes->str);
      gtk_label_set_label (self->notes_label, "");
    }
  else
    {
      gtk_label_set_label (self->cue_label, "");
      gtk_label_set_label (self->full_label, "");
      gtk_label_set_markup (self->notes_label, notes->str);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->cue_label), has_card);
  gtk_widget_set_visible (GTK_WIDGET (self->full_expander), has_card);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_label), !has_card);
}

/* Opened: shown as the story is now (it may have changed since it was
 * picked); closed again, the whole story is folded away too. */
static void
peek_expanded_cb (SbPracticePage *self,
                  GParamSpec     *pspec,
                  GtkExpander    *expander)
{
  if (gtk_expander_get_expanded (expander))
    update_peek (self);
  else
    gtk_expander_set_expanded (self->full_expander, FALSE);
}

static void
update_story (SbPracticePage *self)
{
  SbPracticeStats stats = { 0, };
  g_autofree char *history = NULL;

  if (self->story == NULL)
    return;

  gtk_label_set_label (self->story_label, sb_story_get_display_title (self->story));
  sb_practice_get_stats (self->store, self->story, &stats);
  history = format_history (&stats, now_seconds ());
  gtk_label_set_label (self->history_label, history);
  sb_story_history_set_story (self->history_view, self->story);

  update_peek (self);
}

void
sb_practice_page_select_story (SbPracticePage *self,
                               SbStory        *story)
{
  g_return_if_fail (SB_IS_PRACTICE_PAGE (self));

  if (self->story == story && story != NULL)
    return;
  g_set_object (&self->story, story);
  collect_questions (self);
  update_question (self);
  update_story (self);
  /* A new story starts hidden: rehearsal is without notes. */
  gtk_expander_set_expanded (self->notes_expander, FALSE);
  reset_clock (self);

  self->selecting = TRUE;
  for (guint i = 0; i < self->queue->len; i++)
    if (self->queue->pdata[i] == story)
      {
        /* A story further down than the list has come yet: up to it now. */
        _sb_practice_page_fill_to (self, i + 1);
        gtk_single_selection_set_selected (self->queue_selection, i);
      }
  self->selecting = FALSE;
}

/* ---- the leaflet ------------------------------------------------------ */

static void
back_clicked_cb (SbPracticePage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
leaflet_folded_cb (SbPracticePage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), adw_leaflet_get_folded (self->leaflet));
}

/* ---- actions ---------------------------------------------------------- */

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SbPracticePage *self = SB_PRACTICE_PAGE (widget);

  if (self->story == NULL || self->started_us != 0)
    return;
  self->measured_seconds = 0;
  self->started_us = g_get_monotonic_time ();
  self->tick_id = g_timeout_add (TICK_MS, tick_cb, self);
  gtk_stack_set_visible_child_name (self->controls_stack, "running");
  gtk_widget_action_set_enabled (widget, "practice.start", FALSE);
  gtk_widget_action_set_enabled (widget, "practice.stop", TRUE);
  gtk_expander_set_expanded (self->notes_expander, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->stop_button));
  update_clock (self);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbPracticePage *self = SB_PRACTICE_PAGE (widget);

  if (self->started_us == 0)
    return;
  self->measured_seconds = elapsed_seconds (self);
  self->started_us = 0;
  self->awaiting_rating = TRUE;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  gtk_stack_set_visible_child_name (self->controls_stack, "rate");
  gtk_widget_action_set_enabled (widget, "practice.stop", FALSE);
  gtk_widget_action_set_enabled (widget, "practice.rate", TRUE);
  gtk_widget_action_set_enabled (widget, "practice.discard", TRUE);
  /* The honest default: a try outside 1:30–2:00 was not nailed, however
   * well it went; the person can still say so. */
  {
    gboolean in_time = self->measured_seconds >= SB_CHECK_MIN_SECONDS &&
                       self->measured_seconds <= SB_CHECK_MAX_SECONDS;
    GtkWidget *preferred = GTK_WIDGET (in_time ? self->nailed_button : self->okay_button);
    GtkWidget *other = GTK_WIDGET (in_time ? self->okay_button : self->nailed_button);

    gtk_widget_remove_css_class (other, "suggested-action");
    gtk_widget_add_css_class (preferred, "suggested-action");
    gtk_widget_grab_focus (preferred);
  }
  update_clock (self);
}

void
sb_practice_page_shift_clock (SbPracticePage *self,
                              guint           seconds)
{
  g_return_if_fail (SB_IS_PRACTICE_PAGE (self));
  if (self->started_us != 0)
    self->started_us -= (gint64) seconds * G_USEC_PER_SEC;
}

int
sb_practice_page_get_default_rating (SbPracticePage *self)
{
  g_return_val_if_fail (SB_IS_PRACTICE_PAGE (self), 0);
  if (gtk_widget_has_css_class (GTK_WIDGET (self->nailed_button), "suggested-action"))
    return SB_RATING_NAILED;
  return SB_RATING_OKAY;
}

static void
show_toast (SbPracticePage *self,
            const char     *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

static void
rate_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbPracticePage *self = SB_PRACTICE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  SbQuestion *question = self->questions->len > 0 ? self->questions->pdata[self->question_index] : NULL;
  SbRating rating = (SbRating) g_variant_get_int32 (parameter);
  g_autoptr(SbStory) rated = NULL;

  /* Only a try that was timed and stopped can be rated. */
  if (self->story == NULL || !self->awaiting_rating)
    return;
  if (!sb_practice_log (self->store, self->story, question != NULL ? sb_question_get_slug (question) : NULL,
                        self->measured_seconds, rating, 0, &error))
    {
      g_autofree char *title = g_strdup_printf (_("Not logged: %s"), error->message);
      show_toast (self, title);
      return;
    }

  /* On to the next story in the schedule. */
  rated = g_object_ref (self->story);
  g_clear_object (&self->story);
  reset_clock (self);
  sb_practice_page_refresh (self);
  if (self->queue->len > 1 && self->story == rated)
    sb_practice_page_select_story (self, self->queue->pdata[0] != rated ? self->queue->pdata[0]
                                                                        : self->queue->pdata[1]);
}

static void
discard_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SbPracticePage *self = SB_PRACTICE_PAGE (widget);

  reset_clock (self);
  /* The bank may have changed during the try. */
  if (self->stale)
    sb_practice_page_refresh (self);
}

static void
next_question_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SbPracticePage *self = SB_PRACTICE_PAGE (widget);

  if (self->questions->len < 2)
    return;
  self->question_index = (self->question_index + 1) % self->questions->len;
  update_question (self);
}

/* ---- public API ------------------------------------------------------- */

GtkWidget *
sb_practice_page_new (SbStore *store)
{
  return g_object_new (SB_TYPE_PRACTICE_PAGE, "store", store, NULL);
}

SbStore *
sb_practice_page_get_store (SbPracticePage *self)
{
  g_return_val_if_fail (SB_IS_PRACTICE_PAGE (self), NULL);
  return self->store;
}

SbStory *
sb_practice_page_get_story (SbPracticePage *self)
{
  g_return_val_if_fail (SB_IS_PRACTICE_PAGE (self), NULL);
  return self->story;
}

const char *
sb_practice_page_get_question_text (SbPracticePage *self)
{
  g_return_val_if_fail (SB_IS_PRACTICE_PAGE (self), NULL);
  return gtk_label_get_label (self->question_label);
}

gboolean
sb_practice_page_is_running (SbPracticePage *self)
{
  g_return_val_if_fail (SB_IS_PRACTICE_PAGE (self), FALSE);
  return self->started_us != 0;
}

guint
sb_practice_page_get_measured_seconds (SbPracticePage *self)
{
  g_return_val_if_fail (SB_IS_PRACTICE_PAGE (self), 0);
  return self->awaiting_rating ? self->measured_seconds : 0;
}

/* ---- GObject ---------------------------------------------------------- */

static void
sb_practice_page_map (GtkWidget *widget)
{
  SbPracticePage *self = SB_PRACTICE_PAGE (widget);

  GTK_WIDGET_CLASS (sb_practice_page_parent_class)->map (widget);

  /* Stories change while the page is hidden, and days pass: a stale
   * schedule, or one read over a minute ago, is read again. */
  if (self->stale || now_seconds () - self->refreshed_at >= 60)
    sb_practice_page_refresh (self);
  else
    _sb_practice_page_resume_filling (self);
}

static void
set_store (SbPracticePage *self,
           SbStore        *store)
{
  g_assert (self->store == NULL);
  g_return_if_fail (SB_IS_STORE (store));

  self->store = g_object_ref (store);
  /* Under the figures: the history they are made of. */
  self->history_view = SB_STORY_HISTORY (sb_story_history_new (store));
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->history_label))),
                              GTK_WIDGET (self->history_view), GTK_WIDGET (self->history_label));
  g_signal_connect_object (sb_store_get_stories (store), "items-changed",
                           G_CALLBACK (_sb_practice_page_stories_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "story-links-changed",
                           G_CALLBACK (_sb_practice_page_stories_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "stories-reloaded",
                           G_CALLBACK (_sb_practice_page_stories_changed_cb), self, G_CONNECT_SWAPPED);
  /* Rehearsals logged by anything else than this page (an import). */
  g_signal_connect_object (store, "practice-logged",
                           G_CALLBACK (_sb_practice_page_stories_changed_cb), self, G_CONNECT_SWAPPED);
  /* Nothing is read until the page is shown (see map). */
  self->stale = TRUE;
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
sb_practice_page_dispose (GObject *object)
{
  SbPracticePage *self = SB_PRACTICE_PAGE (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  _sb_practice_page_stop_filling (self);
  if (self->queue_list != NULL)
    gtk_list_view_set_model (self->queue_list, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_PRACTICE_PAGE);
  g_clear_object (&self->queue_selection);
  g_clear_object (&self->queue_model);
  g_clear_object (&self->story);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_practice_page_parent_class)->dispose (object);
}

static void
sb_practice_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SbPracticePage *self = SB_PRACTICE_PAGE (object);

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
sb_practice_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SbPracticePage *self = SB_PRACTICE_PAGE (object);

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
sb_practice_page_class_init (SbPracticePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_practice_page_dispose;
  object_class->get_property = sb_practice_page_get_property;
  object_class->set_property = sb_practice_page_set_property;
  widget_class->map = sb_practice_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Names the bundle, so the linker keeps it (the template lives there). */
  (void) sb_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/storybank/Storybank/sb-practice-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SbPracticePage, stack);
  gtk_widget_class_bind_template_child (widget_class, SbPracticePage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SbPracticePage, due_label);
  gtk_widget_class_bind_template_child (widget_class, SbPracticePage, queue_list);
  gtk_widget_class_bind_template_child (widget_class, SbPracticePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, SbPracticePage, question_label);
  gtk_widget_class_bind_template_child (widget_class, SbPracticePage, next_question_button);
  gtk_widget_class_bind_template_child (widget_class, SbPracticePage, story_label);
  gtk_widget_class_bind_template_child (widget_class, SbPracticePage, history_label);
  gtk_widget_class_bind_template_child (widget_class, SbPracticePage, timer_label);
  gtk_widget_class_bind_template_child (widget_class, SbPracticePage, time_bar);
  gtk_widget_class_bind_template_child (widget_class, SbPracticePage, aim_label);
  gtk_widget_class_bind_template_child (widget_class, SbPracticePage, controls_stack);
  gtk_widget_class_bind_template_child (widget_class, SbPracticePage, stop_button);
  gtk_widget_class_bind_template_child (widget_class, SbPracticePage, okay_button);
  gtk_widget_class_bind_template_child (widget_class, SbPracticePage, nailed_button);
  gtk_widget_class_bind_template_child (widget_class, SbPracticePage, notes_expander);
  gtk_widget_class_bind_template_child (widget_class, SbPracticePage, notes_label);
  gtk_widget_class_bind_template_child (widget_class, SbPracticePage, cue_label);
  gtk_widget_class_bind_template_child (widget_class, SbPracticePage, full_expander);
  gtk_widget_class_bind_template_child (widget_class, SbPracticePage, full_label);
  gtk_widget_class_bind_template_callback (widget_class, peek_expanded_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "row_activated_cb",
                                                G_CALLBACK (_sb_practice_page_row_activated_cb));
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);

  gtk_widget_class_install_action (widget_class, "practice.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "practice.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "practice.rate", "i", rate_action);
  gtk_widget_class_install_action (widget_class, "practice.discard", NULL, discard_action);
  gtk_widget_class_install_action (widget_class, "practice.next-question", NULL, next_question_action);

  gtk_widget_class_set_css_name (widget_class, "practicepage");
}

static void
sb_practice_page_init (SbPracticePage *self)
{
  self->questions = g_ptr_array_new_with_free_func (g_object_unref);
  self->queue = g_ptr_array_new_with_free_func (g_object_unref);
  self->queue_model = g_list_store_new (SB_TYPE_STORY);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Its wrapping labels measured at 12 characters: see sb-label.h. */
  sb_label_narrow_wrapping (GTK_WIDGET (self));

  {
    g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (_sb_practice_page_setup_row_cb), self);
    g_signal_connect (factory, "bind", G_CALLBACK (_sb_practice_page_bind_row_cb), self);
    gtk_list_view_set_factory (self->queue_list, factory);
  }
  self->queue_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->queue_model)));
  gtk_single_selection_set_autoselect (self->queue_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->queue_selection, TRUE);
  gtk_list_view_set_model (self->queue_list, GTK_SELECTION_MODEL (self->queue_selection));
  g_signal_connect_object (self->queue_selection, "notify::selected",
                           G_CALLBACK (_sb_practice_page_row_selected_cb), self, G_CONNECT_SWAPPED);
  /* In a narrow window one tap opens the story. */
  g_object_bind_property (self->leaflet, "folded", self->queue_list, "single-click-activate",
                          G_BINDING_SYNC_CREATE);

  /* The bar fills in the accent colour up to 1:30, green in the range,
   * and in the warning colour past 2:00. */
  gtk_level_bar_remove_offset_value (self->time_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->time_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->time_bar, GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_add_offset_value (self->time_bar, "short", SB_CHECK_MIN_SECONDS - 1);
  gtk_level_bar_add_offset_value (self->time_bar, "in-range", SB_CHECK_MAX_SECONDS);
  gtk_level_bar_add_offset_value (self->time_bar, "long", gtk_level_bar_get_max_value (self->time_bar));
}

const char *
sb_practice_page_get_peek_text (SbPracticePage *self)
{
  g_return_val_if_fail (SB_IS_PRACTICE_PAGE (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->cue_label)) ? gtk_label_get_text (self->cue_label)
                                                               : gtk_label_get_text (self->notes_label);
}
