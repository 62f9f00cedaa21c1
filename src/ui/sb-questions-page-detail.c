/* sb-questions-page-detail.c — the selected question: what the interviewer
 * listens for, its themes, the stories chosen for it and the suggestions
 *
 * The story rows are kept from one question to the next; the ranking of
 * suggestions runs in slices between frames on a big bank and is kept
 * per question until the bank changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-questions-page"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sb-coach.h"
#include "sb-questions-page-private.h"

#define N_SUGGESTIONS 5
/* A question answered by hundreds of stories (a coach's bank) shows this
 * many, then a row that shows the rest: each row costs the frame. */
#define ANSWER_ROWS 10
/* A bank larger than this is not ranked within a frame: it goes straight
 * to the slices, which start after the frame that shows the detail. */
#define SUGGEST_IN_FRAME_MAX_STORIES 2000

/* ---- detail --------------------------------------------------------- */

void
_sb_questions_page_remove_all_children (GtkWidget *container)
{
  GtkWidget *child;

  /* Rows only: a list box's placeholder is a child too, and stays. */
  if (GTK_IS_LIST_BOX (container))
    {
      GtkListBoxRow *row;

      while ((row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (container), 0)) != NULL)
        gtk_list_box_remove (GTK_LIST_BOX (container), GTK_WIDGET (row));
      return;
    }

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (container))
        gtk_flow_box_remove (GTK_FLOW_BOX (container), child);
      else
        gtk_widget_unparent (child);
    }
}

/* The detail's rows are kept and given the next question's stories:
 * making an AdwActionRow (and laying out a new one) is most of what
 * selecting a question costs. Each list holds its story rows first, then
 * its one special row ("Show All", "Finding…"), made once and hidden
 * while not wanted. */
#define ROW_BUTTON  "sb-questions-row-button"
#define ROW_SPECIAL "sb-questions-row-special"

static gboolean
is_special_row (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), ROW_SPECIAL) != NULL;
}

/* The story row at @position, or NULL past the last story row. */
static GtkListBoxRow *
story_row_get (GtkListBox *list,
               guint       position)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, position);

  return row != NULL && !is_special_row (row) ? row : NULL;
}

/* Hides the story rows from @n on, keeping up to @keep story rows in all
 * for the next question (a list box's placeholder counts visible rows
 * only). */
static void
trim_story_rows (GtkListBox *list,
                 guint       n,
                 guint       keep)
{
  GtkListBoxRow *row;

  while ((row = story_row_get (list, MAX (n, keep))) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
  for (guint i = n; (row = story_row_get (list, i)) != NULL; i++)
    gtk_widget_set_visible (GTK_WIDGET (row), FALSE);
}

/* AdwActionRow's title and subtitle labels wrap (then ellipsize at their
 * line limit); these rows' labels only ellipsize. */
static void
unwrap_labels (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    {
      gtk_label_set_wrap (GTK_LABEL (widget), FALSE);
      gtk_label_set_ellipsize (GTK_LABEL (widget), PANGO_ELLIPSIZE_END);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    unwrap_labels (child);
}

static GtkWidget *
story_row_at (GtkListBox *list,
              guint       position,
              gboolean    answer)
{
  GtkListBoxRow *existing = story_row_get (list, position);
  GtkWidget *button, *row;

  if (existing != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (existing), TRUE);
      return GTK_WIDGET (existing);
    }

  if (answer)
    {
      button = gtk_button_new_from_icon_name ("list-remove-symbolic");
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove From Your Answers"));
      /* Named for its story when it gets one (set_story_row). */
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove From Your Answers"), -1);
    }
  else
    button = gtk_button_new_with_mnemonic (_("_Use This Story"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* A title and a reason on one line each, ellipsized: a wrapping label
   * is laid out again for every width it is measured at, and that was
   * most of the frame that shows a question. */
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  unwrap_labels (row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_object_set_data (G_OBJECT (row), ROW_BUTTON, button);
  if (answer)
    {
      /* One click opens the story in the editor. */
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Open the story"));
    }
  gtk_list_box_insert (list, row, position);
  return row;
}

/* The actions are set after their targets: an action without its
 * parameter is refused (with a warning). */
static void
set_story_row (GtkWidget  *row,
               gboolean    answer,
               SbStory    *story,
               const char *subtitle,
               const char *button_label)
{
  GtkWidget *button = g_object_get_data (G_OBJECT (row), ROW_BUTTON);
  const char *uuid = sb_story_get_uuid (story);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sb_story_get_display_title (story));
  if (subtitle != NULL)
    {
      /* Titles and reasons are the person's text, not markup. */
      g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, button_label, -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", uuid);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), answer ? "questions.unlink-story"
                                                                  : "questions.use-story");
  if (answer)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", uuid);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-story");
    }
}

static GtkWidget *
append_special_row (GtkListBox *list,
                    GtkWidget  *row)
{
  g_object_set_data (G_OBJECT (row), ROW_SPECIAL, GINT_TO_POINTER (TRUE));
  gtk_widget_set_visible (row, FALSE);
  gtk_list_box_append (list, row);
  return row;
}

/* "Show All N Answers", after the answers. */
static GtkWidget *
ensure_show_all_row (SbQuestionsPage *self)
{
  GtkWidget *row;

  if (self->show_all_row != NULL)
    return self->show_all_row;
  row = adw_action_row_new ();
  /* One line, like the story rows: a wrapping title is laid out at
   * every width it is measured at. */
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  unwrap_labels (row);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "questions.show-all-answers");
  self->show_all_row = append_special_row (self->answers_list, row);
  return row;
}

/* "Finding the stories that fit…", while a big bank is ranked. */
static GtkWidget *
ensure_finding_row (SbQuestionsPage *self)
{
  GtkWidget *row, *label;

  if (self->finding_row != NULL)
    return self->finding_row;
  label = gtk_label_new (_("Finding the stories that fit…"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  self->finding_row = append_special_row (self->suggestions_list, row);
  return row;
}

/* ---- suggestions ------------------------------------------------------ */

static void
show_suggestions (SbQuestionsPage *self,
                  GPtrArray       *suggestions)
{
  guint n = suggestions != NULL ? suggestions->len : 0;

  if (self->finding_row != NULL)
    gtk_widget_set_visible (self->finding_row, FALSE);
  g_ptr_array_set_size (self->suggestion_uuids, 0);
  for (guint i = 0; i < n; i++)
    {
      SbSuggestion *suggestion = g_ptr_array_index (suggestions, i);
      g_autofree char *label = g_strdup_printf (_("Use “%s” for This Question"),
                                                sb_story_get_display_title (suggestion->story));
      GtkWidget *row = story_row_at (self->suggestions_list, i, FALSE);

      gtk_widget_set_visible (row, TRUE);
      set_story_row (row, FALSE, suggestion->story, suggestion->reason, label);
      g_ptr_array_add (self->suggestion_uuids, g_strdup (sb_story_get_uuid (suggestion->story)));
    }
  trim_story_rows (self->suggestions_list, n, N_SUGGESTIONS);
}

void
_sb_questions_page_stop_suggestions (SbQuestionsPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->suggest_paint_id != 0 && clock != NULL)
    g_signal_handler_disconnect (clock, self->suggest_paint_id);
  self->suggest_paint_id = 0;
  g_clear_handle_id (&self->suggest_id, g_source_remove);
  g_clear_pointer (&self->suggest_run, sb_coach_suggest_run_free);
  g_clear_pointer (&self->suggest_slug, g_free);
}

/* The bank changed (links, stories, text): every ranking may have. */
void
_sb_questions_page_forget_suggestions (SbQuestionsPage *self)
{
  g_hash_table_remove_all (self->suggestions);
}

static void
finish_suggestions (SbQuestionsPage *self)
{
  GPtrArray *suggestions = sb_coach_suggest_finish (g_steal_pointer (&self->suggest_run));

  g_hash_table_insert (self->suggestions, g_strdup (self->suggest_slug), suggestions);
  _sb_questions_page_stop_suggestions (self);
  show_suggestions (self, suggestions);
}

static gboolean
suggest_idle_cb (gpointer user_data)
{
  SbQuestionsPage *self = user_data;

  /* Hidden meanwhile: catch up when shown. */
  if (_sb_questions_page_is_hidden (self))
    {
      self->suggest_id = 0;
      _sb_questions_page_stop_suggestions (self);
      self->stale = TRUE;
      return G_SOURCE_REMOVE;
    }
  if (!sb_coach_suggest_step (self->suggest_run, g_get_monotonic_time () + self->suggest_slice_us))
    return G_SOURCE_CONTINUE;
  self->suggest_id = 0;
  finish_suggestions (self);
  return G_SOURCE_REMOVE;
}

static void
detail_painted_cb (GdkFrameClock   *clock,
                   SbQuestionsPage *self)
{
  g_signal_handler_disconnect (clock, self->suggest_paint_id);
  self->suggest_paint_id = 0;
  if (self->suggest_run != NULL && self->suggest_id == 0)
    self->suggest_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, suggest_idle_cb, self, NULL);
}

/* The ranking runs once per question until the bank changes; a big bank
 * is ranked between frames, the detail saying so meanwhile. */
static void
start_suggestions (SbQuestionsPage *self,
                   SbQuestion      *question)
{
  const char *slug = sb_question_get_slug (question);
  GPtrArray *cached = g_hash_table_lookup (self->suggestions, slug);

  _sb_questions_page_stop_suggestions (self);
  if (cached != NULL)
    {
      show_suggestions (self, cached);
      return;
    }

  self->suggest_slug = g_strdup (slug);
  self->suggest_run = sb_coach_suggest_begin (self->store, question, N_SUGGESTIONS);
  if (sb_store_get_n_stories (self->store) <= SUGGEST_IN_FRAME_MAX_STORIES &&
      sb_coach_suggest_step (self->suggest_run, g_get_monotonic_time () + self->suggest_slice_us))
    {
      finish_suggestions (self);
      return;
    }

  /* The rows stay, hidden, for the ranking to reuse. */
  g_ptr_array_set_size (self->suggestion_uuids, 0);
  trim_story_rows (self->suggestions_list, 0, N_SUGGESTIONS);
  gtk_widget_set_visible (ensure_finding_row (self), TRUE);
  /* Shown, the slices wait for the frame with the detail in it. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->suggest_paint_id = g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)),
                                                      "after-paint", G_CALLBACK (detail_painted_cb),
                                                      self, G_CONNECT_AFTER);
  else
    self->suggest_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, suggest_idle_cb, self, NULL);
}

static gboolean
chip_query_tooltip_cb (GtkWidget  *chip,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  gtk_tooltip_set_text (tooltip, g_object_get_data (G_OBJECT (chip), "sb-description"));
  return TRUE;
}

/* GtkLabel lays its text out again when given the same text (and a
 * wrapping one queues a resize): only when it changes. */
static void
set_label_text (GtkLabel   *label,
                const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text);
}

/* The theme chip at @position: kept, hidden, from one question to the
 * next, like the story rows. */
static GtkLabel *
chip_at (SbQuestionsPage *self,
         guint            position)
{
  GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (self->theme_chips, position);
  GtkWidget *chip;

  if (child != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (child), TRUE);
      return GTK_LABEL (gtk_flow_box_child_get_child (child));
    }
  chip = gtk_label_new (NULL);
  gtk_widget_add_css_class (chip, "theme-chip");
  /* The description is made a tooltip only on hover (see above). */
  g_signal_connect (chip, "query-tooltip", G_CALLBACK (chip_query_tooltip_cb), NULL);
  gtk_flow_box_append (self->theme_chips, chip);
  gtk_widget_set_focusable (gtk_widget_get_parent (chip), FALSE);
  return GTK_LABEL (chip);
}

static void
set_chip (GtkLabel *chip,
          SbTheme  *theme)
{
  const char *description = sb_theme_get_description (theme);
  gboolean described = description != NULL && *description != '\0';

  set_label_text (chip, sb_theme_get_name (theme));
  if (g_strcmp0 (g_object_get_data (G_OBJECT (chip), "sb-description"), described ? description : NULL) == 0)
    return;
  g_object_set_data_full (G_OBJECT (chip), "sb-description",
                          described ? g_strdup (description) : NULL, g_free);
  gtk_widget_set_has_tooltip (GTK_WIDGET (chip), described);
  if (described)
    gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
hide_chips_from (SbQuestionsPage *self,
                 guint            position)
{
  GtkFlowBoxChild *child;

  for (guint i = position; (child = gtk_flow_box_get_child_at_index (self->theme_chips, i)) != NULL; i++)
    gtk_widget_set_visible (GTK_WIDGET (child), FALSE);
}

void
_sb_questions_page_update_detail (SbQuestionsPage *self)
{
  SbQuestion *question = sb_questions_page_get_selected_question (self);
  g_autoptr(GPtrArray) answers = NULL;
  const char * const *slugs;
  const char *listen_for;
  guint n_themes = 0, n_rows;

  g_ptr_array_set_size (self->answer_uuids, 0);
  g_ptr_array_set_size (self->suggestion_uuids, 0);

  if (question == NULL)
    {
      /* The rows and chips stay, hidden, for the next question. */
      _sb_questions_page_stop_suggestions (self);
      hide_chips_from (self, 0);
      trim_story_rows (self->answers_list, 0, ANSWER_ROWS);
      trim_story_rows (self->suggestions_list, 0, N_SUGGESTIONS);
      if (self->show_all_row != NULL)
        gtk_widget_set_visible (self->show_all_row, FALSE);
      if (self->finding_row != NULL)
        gtk_widget_set_visible (self->finding_row, FALSE);
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "questions.edit", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "questions.delete", FALSE);
      return;
    }

  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "questions.edit", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "questions.delete", TRUE);
  {
    const char *tooltip = sb_question_get_builtin (question) ? _("Hide Question")
                                                             : _("Delete Question");
    const char *before = gtk_widget_get_tooltip_text (GTK_WIDGET (self->delete_button));

    /* Setting a tooltip asks the X server where the pointer is: only
     * when it changes. */
    if (g_strcmp0 (before, tooltip) != 0)
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->delete_button), tooltip);
  }

  set_label_text (self->question_label, sb_question_get_text (question));
  listen_for = sb_question_get_listen_for (question);
  set_label_text (self->listen_label, listen_for != NULL ? listen_for : "");
  gtk_widget_set_visible (self->listen_box, listen_for != NULL && *listen_for != '\0');

  slugs = sb_question_get_theme_slugs (question);
  for (guint i = 0; slugs != NULL && slugs[i] != NULL; i++)
    {
      SbTheme *theme = sb_store_find_theme (self->store, slugs[i]);

      if (theme == NULL)
        continue;
      set_chip (chip_at (self, n_themes++), theme);
    }
  hide_chips_from (self, n_themes);
  gtk_widget_set_visible (self->themes_box, n_themes > 0);

  if (g_strcmp0 (self->detail_slug, sb_question_get_slug (question)) != 0)
    {
      _sb_questions_page_set_str (&self->detail_slug, sb_question_get_slug (question));
      self->show_all_answers = FALSE;
    }
  answers = sb_store_get_question_stories (self->store, sb_question_get_slug (question));
  n_rows = self->show_all_answers ? answers->len : MIN (answers->len, ANSWER_ROWS);
  for (guint i = 0; i < answers->len; i++)
    {
      SbStory *story = g_ptr_array_index (answers, i);

      g_ptr_array_add (self->answer_uuids, g_strdup (sb_story_get_uuid (story)));
      if (i < n_rows)
        {
          g_autofree char *label = g_strdup_printf (_("Remove “%s” From Your Answers"),
                                                    sb_story_get_display_title (story));

          set_story_row (story_row_at (self->answers_list, i, TRUE), TRUE, story, NULL, label);
        }
    }
  trim_story_rows (self->answers_list, n_rows, ANSWER_ROWS);
  if (n_rows < answers->len)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("Show All %u Answer", "Show All %u Answers",
                                                          answers->len),
                                                answers->len);
      GtkWidget *row = ensure_show_all_row (self);

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) != 0)
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_set_visible (row, TRUE);
    }
  else if (self->show_all_row != NULL)
    gtk_widget_set_visible (self->show_all_row, FALSE);

  start_suggestions (self, question);
}

/* ---- made before the first selection ---------------------------------- */

/* The first question selected would make the detail's rows and chips,
 * load their fonts and lay all of it out for the first time: twice what
 * a later selection costs. Done here instead, from low-priority idles
 * once the page has been drawn, a step each (1 to 4 ms): the rows are
 * filled with the bank's first question and stories, laid out, then
 * hidden, so the selection only fills them. Nothing of it is shown. */
/* Makes (and fills) the story rows from @from to @to, and lays the list
 * out. */
static void
prepare_story_rows (GtkListBox *list,
                    GListModel *stories,
                    guint       from,
                    guint       to,
                    gboolean    answer)
{
  guint n_stories = g_list_model_get_n_items (stories);
  int min, nat;

  for (guint i = from; i < to; i++)
    {
      g_autoptr(SbStory) story = i < n_stories ? g_list_model_get_item (stories, i) : NULL;
      GtkWidget *row = story_row_at (list, i, answer);

      if (story != NULL)
        set_story_row (row, answer, story, answer ? NULL : sb_story_get_display_title (story),
                       sb_story_get_display_title (story));
    }
  gtk_widget_measure (GTK_WIDGET (list), GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
}

gboolean
_sb_questions_page_prepare_detail_step (SbQuestionsPage *self)
{
  GListModel *stories = sb_store_get_stories (self->store);

  /* A question selected meanwhile has made them. */
  if (self->selected_slug != NULL)
    self->prepare_step = PREPARE_DONE;

  switch (self->prepare_step)
    {
    case 0:
      prepare_story_rows (self->answers_list, stories, 0, ANSWER_ROWS / 2, TRUE);
      break;

    case 1:
      {
        g_autofree char *title = g_strdup_printf (ngettext ("Show All %u Answer", "Show All %u Answers",
                                                            ANSWER_ROWS + 1),
                                                  ANSWER_ROWS + 1);

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ensure_show_all_row (self)), title);
        gtk_widget_set_visible (self->show_all_row, TRUE);
        prepare_story_rows (self->answers_list, stories, ANSWER_ROWS / 2, ANSWER_ROWS, TRUE);
      }
      break;

    case 2:
      gtk_widget_set_visible (ensure_finding_row (self), TRUE);
      prepare_story_rows (self->suggestions_list, stories, 0, N_SUGGESTIONS / 2, FALSE);
      break;

    case 3:
      prepare_story_rows (self->suggestions_list, stories, N_SUGGESTIONS / 2, N_SUGGESTIONS, FALSE);
      break;

    case 4:
      {
        g_autoptr(SbQuestion) question = g_list_model_get_item (sb_store_get_questions (self->store), 0);
        GtkWidget *detail = gtk_stack_get_child_by_name (self->detail_stack, "detail");
        int width = gtk_widget_get_width (GTK_WIDGET (self->detail_stack));
        guint n_themes = 0;
        int min, nat;

        if (question != NULL)
          {
            const char * const *slugs = sb_question_get_theme_slugs (question);

            set_label_text (self->question_label, sb_question_get_text (question));
            set_label_text (self->listen_label, sb_question_get_listen_for (question));
            for (guint i = 0; slugs != NULL && slugs[i] != NULL; i++)
              {
                SbTheme *theme = sb_store_find_theme (self->store, slugs[i]);

                if (theme != NULL)
                  set_chip (chip_at (self, n_themes++), theme);
              }
          }
        /* As the stack would lay it out. */
        gtk_widget_measure (detail, GTK_ORIENTATION_VERTICAL, width > 0 ? width : -1,
                            &min, &nat, NULL, NULL);
        hide_chips_from (self, 0);
        trim_story_rows (self->answers_list, 0, ANSWER_ROWS);
        trim_story_rows (self->suggestions_list, 0, N_SUGGESTIONS);
        gtk_widget_set_visible (self->show_all_row, FALSE);
        gtk_widget_set_visible (self->finding_row, FALSE);
        self->prepare_step = PREPARE_DONE;
      }
      break;

    default:
      return TRUE;
    }
  if (self->prepare_step < PREPARE_DONE)
    self->prepare_step++;
  return self->prepare_step == PREPARE_DONE;
}

/* ---- public API ----------------------------------------------------- */

static GStrv
dup_strv (GPtrArray *array)
{
  GStrv strv = g_new0 (char *, array->len + 1);

  for (guint i = 0; i < array->len; i++)
    strv[i] = g_strdup (g_ptr_array_index (array, i));
  return strv;
}

GStrv
sb_questions_page_dup_answer_uuids (SbQuestionsPage *self)
{
  g_return_val_if_fail (SB_IS_QUESTIONS_PAGE (self), NULL);
  return dup_strv (self->answer_uuids);
}

void
sb_questions_page_set_suggest_slice (SbQuestionsPage *self,
                                     gint64           us)
{
  g_return_if_fail (SB_IS_QUESTIONS_PAGE (self));
  self->suggest_slice_us = us;
}

gboolean
sb_questions_page_get_suggesting (SbQuestionsPage *self)
{
  g_return_val_if_fail (SB_IS_QUESTIONS_PAGE (self), FALSE);
  return self->suggest_run != NULL;
}

GStrv
sb_questions_page_dup_suggestion_uuids (SbQuestionsPage *self)
{
  g_return_val_if_fail (SB_IS_QUESTIONS_PAGE (self), NULL);
  return dup_strv (self->suggestion_uuids);
}
