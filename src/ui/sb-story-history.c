/* sb-story-history.c — a story's practice history, both kinds, newest first
 *
 * One line per rehearsal ("Told in 1:42 — Nailed it") and per "Which
 * story?" drill that picked the story ("Picked for “Tell me about a
 * conflict…” — right"), merged by date, in an expander that starts closed:
 * the figures above it say enough while rehearsing. At most MAX_LINES are
 * shown; the rest are counted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-story-history"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-drill.h"
#include "sb-label.h"
#include "sb-practice.h"
#include "sb-story-history.h"

#define MAX_LINES          12
#define QUESTION_CHARS     40
#define SECONDS_PER_DAY    (24 * 60 * 60)

struct _SbStoryHistory
{
  GtkWidget    parent_instance;

  SbStore     *store;
  GtkExpander *expander;
  GtkBox      *lines;
};

G_DEFINE_FINAL_TYPE (SbStoryHistory, sb_story_history, GTK_TYPE_WIDGET)

typedef struct
{
  gint64  at;
  char   *text;
} Line;

static void
line_clear (Line *line)
{
  g_free (line->text);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const Line *x = a, *y = b;

  return x->at > y->at ? -1 : x->at < y->at;
}

/* "today", "yesterday", "3 Dec" */
static char *
format_when (gint64 at)
{
  g_autoptr(GDateTime) then = g_date_time_new_from_unix_local (at);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int days;

  if (then == NULL)
    return g_strdup ("");
  days = g_date_time_get_day_of_year (now) - g_date_time_get_day_of_year (then);
  if (g_date_time_get_year (now) == g_date_time_get_year (then) && days == 0)
    return g_strdup (_("today"));
  if (g_date_time_get_year (now) == g_date_time_get_year (then) && days == 1)
    return g_strdup (_("yesterday"));
  /* Translators: a date in a story's practice history, see g_date_time_format() */
  return g_date_time_format (then, _("%-d %b %Y"));
}

static const char *
rating_words (SbRating rating)
{
  if (rating >= SB_RATING_NAILED)
    return _("Nailed it");
  if (rating >= SB_RATING_OKAY)
    return _("Okay");
  if (rating >= SB_RATING_STUMBLED)
    return _("Stumbled");
  return NULL;
}

static char *
shorten (const char *text)
{
  if (text == NULL)
    return g_strdup ("");
  if (g_utf8_strlen (text, -1) <= QUESTION_CHARS)
    return g_strdup (text);
  {
    g_autofree char *cut = g_utf8_substring (text, 0, QUESTION_CHARS - 1);
    return g_strconcat (g_strchomp (cut), "…", NULL);
  }
}

static GArray *
collect_lines (SbStore *store,
               SbStory *story)
{
  g_autoptr(GArray) rehearsals = sb_practice_get_log (store, story);
  g_autoptr(GArray) drills = sb_drill_get_story_log (store, story);
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (Line));

  g_array_set_clear_func (lines, (GDestroyNotify) line_clear);
  for (guint i = 0; i < rehearsals->len; i++)
    {
      SbRehearsal *rehearsal = &g_array_index (rehearsals, SbRehearsal, i);
      const char *rating = rating_words (rehearsal->rating);
      g_autofree char *clock = g_strdup_printf ("%u:%02u", rehearsal->seconds / 60, rehearsal->seconds % 60);
      Line line = { .at = rehearsal->practiced_at };

      if (rating != NULL)
        /* Translators: "Told in 1:42 — Nailed it" */
        line.text = g_strdup_printf (_("Told in %s — %s"), clock, rating);
      else
        line.text = g_strdup_printf (_("Told in %s"), clock);
      g_array_append_val (lines, line);
    }
  for (guint i = 0; i < drills->len; i++)
    {
      SbDrill *drill = &g_array_index (drills, SbDrill, i);
      g_autofree char *question = shorten (drill->question_text);
      Line line = { .at = drill->drilled_at };

      if (drill->hit)
        /* Translators: a "Which story?" drill in a story's history */
        line.text = g_strdup_printf (_("Picked for “%s” — right"), question);
      else if (drill->seconds > SB_DRILL_SECONDS)
        line.text = g_strdup_printf (_("Picked for “%s” — too late, a miss"), question);
      else
        line.text = g_strdup_printf (_("Picked for “%s” — a miss"), question);
      g_array_append_val (lines, line);
    }
  g_array_sort (lines, compare_newest_first);
  return lines;
}

void
sb_story_history_set_story (SbStoryHistory *self,
                            SbStory        *story)
{
  g_autoptr(GArray) lines = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *child;

  g_return_if_fail (SB_IS_STORY_HISTORY (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lines))) != NULL)
    gtk_box_remove (self->lines, child);
  if (story == NULL || sb_story_get_id (story) == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }

  lines = collect_lines (self->store, story);
  gtk_widget_set_visible (GTK_WIDGET (self), lines->len > 0);
  heading = g_strdup_printf (_("_History (%u)"), lines->len);
  gtk_expander_set_label (self->expander, heading);

  for (guint i = 0; i < lines->len && i < MAX_LINES; i++)
    {
      Line *line = &g_array_index (lines, Line, i);
      g_autofree char *when = format_when (line->at);
      /* Translators: a history line and when: "Told in 1:42 — Nailed it · today" */
      g_autofree char *text = g_strdup_printf (_("%s · %s"), line->text, when);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      sb_label_set_wrapping (GTK_LABEL (label));
      gtk_box_append (self->lines, label);
    }
  if (lines->len > MAX_LINES)
    {
      guint more = lines->len - MAX_LINES;
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u earlier",
                                                            "and %u earlier", more), more);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->lines, label);
    }
}

GStrv
sb_story_history_dup_lines (SbStoryHistory *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (SB_IS_STORY_HISTORY (self), NULL);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->lines));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_strv_builder_add (builder, gtk_label_get_label (GTK_LABEL (child)));
  return g_strv_builder_end (builder);
}

GtkWidget *
sb_story_history_new (SbStore *store)
{
  SbStoryHistory *self;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);
  self = g_object_new (SB_TYPE_STORY_HISTORY, NULL);
  self->store = g_object_ref (store);
  return GTK_WIDGET (self);
}

static void
sb_story_history_dispose (GObject *object)
{
  SbStoryHistory *self = SB_STORY_HISTORY (object);

  if (self->expander != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->expander));
      self->expander = NULL;
    }
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_story_history_parent_class)->dispose (object);
}

static void
sb_story_history_class_init (SbStoryHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_story_history_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "storyhistory");
}

static void
sb_story_history_init (SbStoryHistory *self)
{
  self->expander = GTK_EXPANDER (gtk_expander_new_with_mnemonic (_("_History")));
  self->lines = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 4));
  gtk_widget_set_margin_top (GTK_WIDGET (self->lines), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->lines), "caption");
  gtk_expander_set_child (self->expander, GTK_WIDGET (self->lines));
  gtk_widget_set_parent (GTK_WIDGET (self->expander), GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
