/* sb-plan.c — an application's round plan: its warnings and a proposal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-plan"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-coach.h"
#include "sb-plan.h"

/* A requirement is named in a warning by its first words. */
#define MAX_REQUIREMENT_CHARS_IN_MESSAGE 80

void
sb_plan_warning_free (SbPlanWarning *warning)
{
  if (warning == NULL)
    return;
  g_free (warning->message);
  g_free (warning->story_uuid);
  g_free (warning->theme_slug);
  g_free (warning);
}

const char *
sb_plan_warning_kind_to_string (SbPlanWarningKind kind)
{
  switch (kind)
    {
    case SB_PLAN_WARNING_REPEAT:
      return "repeat";
    case SB_PLAN_WARNING_UNCOVERED_FOCUS:
      return "uncovered-focus";
    case SB_PLAN_WARNING_REQUIREMENT_WITHOUT_STORY:
      return "requirement-without-story";
    default:
      g_return_val_if_reached (NULL);
    }
}

static SbPlanWarning *
warning_new (SbPlanWarningKind  kind,
             char              *message)
{
  SbPlanWarning *warning = g_new0 (SbPlanWarning, 1);

  warning->kind = kind;
  warning->message = message;
  return warning;
}

static const char *
story_title (SbStore    *store,
             const char *uuid)
{
  SbStory *story = sb_store_find_story (store, uuid);

  return story != NULL ? sb_story_get_display_title (story) : uuid;
}

static gboolean
story_covers (SbStore    *store,
              const char *uuid,
              const char *theme_slug)
{
  SbStory *story = sb_store_find_story (store, uuid);

  return story != NULL && sb_store_get_story_theme (store, story, theme_slug) != SB_STRENGTH_NONE;
}

static char *
short_text (const char *text)
{
  const char *cut;

  if (g_utf8_strlen (text, -1) <= MAX_REQUIREMENT_CHARS_IN_MESSAGE)
    return g_strdup (text);
  cut = g_utf8_offset_to_pointer (text, MAX_REQUIREMENT_CHARS_IN_MESSAGE - 1);
  return g_strdup_printf ("%.*s…", (int) (cut - text), text);
}

GPtrArray *
sb_plan_get_warnings (SbStore       *store,
                      SbApplication *application)
{
  GPtrArray *warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_plan_warning_free);
  g_autoptr(GHashTable) first_round = g_hash_table_new (g_str_hash, g_str_equal); /* uuid → SbRound* */
  g_autoptr(GHashTable) warned = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *rounds, *requirements;

  g_return_val_if_fail (SB_IS_STORE (store), warnings);
  g_return_val_if_fail (SB_IS_APPLICATION (application), warnings);

  rounds = sb_application_get_rounds (application);
  for (guint r = 0; r < g_list_model_get_n_items (rounds); r++)
    {
      g_autoptr(SbRound) round = g_list_model_get_item (rounds, r);
      const char * const *planned = sb_round_get_story_uuids (round);
      const char * const *focus = sb_round_get_focus (round);

      for (guint i = 0; planned[i] != NULL; i++)
        {
          SbRound *earlier = g_hash_table_lookup (first_round, planned[i]);
          SbPlanWarning *warning;

          if (earlier == NULL)
            {
              g_hash_table_insert (first_round, (gpointer) planned[i], round);
              continue;
            }
          /* Once per story, at the round where it comes again first. */
          if (g_hash_table_contains (warned, planned[i]))
            continue;
          g_hash_table_add (warned, (gpointer) planned[i]);
          warning = warning_new (SB_PLAN_WARNING_REPEAT,
                                 /* Translators: a story planned twice in one loop:
                                  * "“Checkout outage” is planned for both “Hiring manager” and “Bar raiser”" */
                                 g_strdup_printf (_("“%s” is planned for both “%s” and “%s”"),
                                                  story_title (store, planned[i]),
                                                  sb_round_get_name (earlier), sb_round_get_name (round)));
          warning->story_uuid = g_strdup (planned[i]);
          warning->round_id = sb_round_get_id (round);
          g_ptr_array_add (warnings, warning);
        }

      for (guint t = 0; focus[t] != NULL; t++)
        {
          SbTheme *theme = sb_store_find_theme (store, focus[t]);
          gboolean covered = FALSE;
          SbPlanWarning *warning;

          for (guint i = 0; planned[i] != NULL && !covered; i++)
            covered = story_covers (store, planned[i], focus[t]);
          if (covered)
            continue;
          warning = warning_new (SB_PLAN_WARNING_UNCOVERED_FOCUS,
                                 /* Translators: "No story planned for “Bar raiser” covers Earn Trust" */
                                 g_strdup_printf (_("No story planned for “%s” covers %s"),
                                                  sb_round_get_name (round),
                                                  theme != NULL ? sb_theme_get_name (theme) : focus[t]));
          warning->theme_slug = g_strdup (focus[t]);
          warning->round_id = sb_round_get_id (round);
          g_ptr_array_add (warnings, warning);
        }
    }

  requirements = sb_application_get_requirements (application);
  for (guint i = 0; i < g_list_model_get_n_items (requirements); i++)
    {
      g_autoptr(SbRequirement) requirement = g_list_model_get_item (requirements, i);
      g_autofree char *text = NULL;
      SbPlanWarning *warning;

      if (sb_requirement_get_n_stories (requirement) > 0)
        continue;
      text = short_text (sb_requirement_get_text (requirement));
      warning = warning_new (SB_PLAN_WARNING_REQUIREMENT_WITHOUT_STORY,
                             /* Translators: %s is a requirement of the job */
                             g_strdup_printf (_("No story proves “%s”"), text));
      warning->requirement_id = sb_requirement_get_id (requirement);
      g_ptr_array_add (warnings, warning);
    }
  return warnings;
}

/* ---- proposing ---------------------------------------------------------- */

typedef struct
{
  SbRound   *round;
  GPtrArray *stories;   /* SbStory*, borrowed */
} Planned;

typedef struct
{
  GArray *planned;      /* Planned */
} Proposal;

static void
planned_clear (Planned *planned)
{
  g_clear_object (&planned->round);
  g_clear_pointer (&planned->stories, g_ptr_array_unref);
}

/* Candidates for a round without focus: every story with something
 * written, readiest first, in the bank's order otherwise. */
static GPtrArray *
rank_by_readiness (SbStore             *store,
                   GHashTable          *taken)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_suggestion_free);
  GListModel *stories = sb_store_get_stories (store);

  for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (stories, i);
      SbSuggestion *suggestion;

      if (g_hash_table_contains (taken, story) || sb_story_get_word_count (story) == 0)
        continue;
      {
        g_auto(SbReadiness) readiness = sb_story_get_readiness (store, story);

        suggestion = g_new0 (SbSuggestion, 1);
        suggestion->story = g_object_ref (story);
        suggestion->score = 1;
        suggestion->readiness = readiness.level;
      }
      g_ptr_array_add (result, suggestion);
    }
  /* Stable: equal readiness keeps the bank's order. */
  for (guint i = 1; i < result->len; i++)
    for (guint j = i; j > 0; j--)
      {
        SbSuggestion *a = result->pdata[j - 1], *b = result->pdata[j];

        if (a->readiness >= b->readiness)
          break;
        result->pdata[j - 1] = b;
        result->pdata[j] = a;
      }
  return result;
}

static guint
count_new_themes (SbStore            *store,
                  SbStory            *story,
                  const char * const *focus,
                  GHashTable         *covered)
{
  guint n = 0;

  for (guint t = 0; focus[t] != NULL; t++)
    if (!g_hash_table_contains (covered, focus[t]) &&
        sb_store_get_story_theme (store, story, focus[t]) != SB_STRENGTH_NONE)
      n++;
  return n;
}

/* Up to @per_round stories for @round, none of @taken (which grows). */
static GPtrArray *
propose_round (SbStore    *store,
               SbRound    *round,
               guint       per_round,
               GHashTable *taken)
{
  GPtrArray *chosen = g_ptr_array_new ();
  const char * const *focus = sb_round_get_focus (round);
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GHashTable) covered = g_hash_table_new (g_str_hash, g_str_equal);

  if (focus[0] != NULL)
    {
      g_autoptr(GPtrArray) uuids = g_ptr_array_new ();
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, taken);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (uuids, (gpointer) sb_story_get_uuid (key));
      g_ptr_array_add (uuids, NULL);
      /* The round's name says who asks, not what a story is about: the
       * themes alone rank. */
      candidates = sb_coach_rank_stories (store, NULL, focus, (const char * const *) uuids->pdata, 0);
    }
  else
    candidates = rank_by_readiness (store, taken);

  while (chosen->len < per_round)
    {
      SbSuggestion *best = NULL;
      guint best_new = 0;
      guint best_index = 0;

      /* Candidates come best first: a later one wins only by covering
       * more of what is not covered yet, or by being readier. */
      for (guint i = 0; i < candidates->len; i++)
        {
          SbSuggestion *candidate = candidates->pdata[i];
          guint n_new;

          if (candidate == NULL || g_hash_table_contains (taken, candidate->story))
            continue;
          n_new = count_new_themes (store, candidate->story, focus, covered);
          if (best == NULL || n_new > best_new ||
              (n_new == best_new && candidate->readiness > best->readiness))
            {
              best = candidate;
              best_new = n_new;
              best_index = i;
            }
        }
      if (best == NULL)
        break;
      g_ptr_array_add (chosen, best->story);
      g_hash_table_add (taken, best->story);
      for (guint t = 0; focus[t] != NULL; t++)
        if (sb_store_get_story_theme (store, best->story, focus[t]) != SB_STRENGTH_NONE)
          g_hash_table_add (covered, (gpointer) focus[t]);
      candidates->pdata[best_index] = NULL;
      sb_suggestion_free (best);
    }
  return chosen;
}

static gboolean
write_proposal (SbStore   *store,
                gpointer   user_data,
                GError   **error)
{
  Proposal *proposal = user_data;

  for (guint i = 0; i < proposal->planned->len; i++)
    {
      Planned *planned = &g_array_index (proposal->planned, Planned, i);

      for (guint s = 0; s < planned->stories->len; s++)
        if (!sb_store_set_round_story (store, planned->round, planned->stories->pdata[s], TRUE, error))
          return FALSE;
    }
  return TRUE;
}

gboolean
sb_plan_propose_full (SbStore        *store,
                      SbApplication  *application,
                      guint           per_round,
                      guint          *out_n_filled,
                      guint          *out_n_left_empty,
                      GError        **error)
{
  g_autoptr(GHashTable) taken = g_hash_table_new (NULL, NULL);   /* SbStory* planned anywhere */
  g_autoptr(GArray) planned = g_array_new (FALSE, TRUE, sizeof (Planned));
  Proposal proposal = { planned };
  GListModel *rounds;
  guint n_filled = 0, n_left_empty = 0;

  g_return_val_if_fail (SB_IS_STORE (store), FALSE);
  g_return_val_if_fail (SB_IS_APPLICATION (application), FALSE);

  if (out_n_filled != NULL)
    *out_n_filled = 0;
  if (out_n_left_empty != NULL)
    *out_n_left_empty = 0;
  if (per_round == 0)
    per_round = SB_PLAN_DEFAULT_PER_ROUND;
  g_array_set_clear_func (planned, (GDestroyNotify) planned_clear);

  rounds = sb_application_get_rounds (application);
  for (guint r = 0; r < g_list_model_get_n_items (rounds); r++)
    {
      g_autoptr(SbRound) round = g_list_model_get_item (rounds, r);
      const char * const *uuids = sb_round_get_story_uuids (round);

      for (guint i = 0; uuids[i] != NULL; i++)
        {
          SbStory *story = sb_store_find_story (store, uuids[i]);

          if (story != NULL)
            g_hash_table_add (taken, story);
        }
    }

  for (guint r = 0; r < g_list_model_get_n_items (rounds); r++)
    {
      g_autoptr(SbRound) round = g_list_model_get_item (rounds, r);
      Planned entry;

      if (sb_round_get_story_uuids (round)[0] != NULL)
        continue;   /* the person's own plan stands */
      entry.stories = propose_round (store, round, per_round, taken);
      if (entry.stories->len == 0)
        {
          g_ptr_array_unref (entry.stories);
          n_left_empty++;
          continue;
        }
      entry.round = g_steal_pointer (&round);
      g_array_append_val (planned, entry);
      n_filled++;
    }

  if (planned->len > 0)
    {
      gboolean ok = sb_database_in_transaction (sb_store_get_database (store))
        ? write_proposal (store, &proposal, error)
        : sb_store_run_in_transaction (store, write_proposal, &proposal, error);

      if (!ok)
        return FALSE;
    }
  if (out_n_filled != NULL)
    *out_n_filled = n_filled;
  if (out_n_left_empty != NULL)
    *out_n_left_empty = n_left_empty;
  return TRUE;
}

gboolean
sb_plan_propose (SbStore        *store,
                 SbApplication  *application,
                 guint           per_round,
                 GError        **error)
{
  return sb_plan_propose_full (store, application, per_round, NULL, NULL, error);
}
