/* bench-bank.c — realistic banks of any size for storybank-bench
 *
 * The text is made of sentences put together from phrase lists, so the
 * full-text index, the word counts and the coach's checks see prose of
 * the length and variety a person writes, not one string repeated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-bank"

#include "config.h"

#include <glib/gi18n.h>

#include "bench-bank.h"
#include "sb-application.h"
#include "sb-practice.h"

const char * const bench_bank_search_words[] = { "migration", "latency", "onboarding", NULL };

static const char * const subjects[] = {
  "Our payments team", "The checkout service", "A customer in Brazil", "The data platform",
  "My manager", "The mobile release", "Our largest client", "The on-call rotation",
  "The search cluster", "A new hire", "The billing pipeline", "The security review",
  "Two senior engineers", "The onboarding flow", "Our warehouse partner", "The quarterly roadmap",
};
static const char * const troubles[] = {
  "was missing its deadline by three weeks", "kept paging people at night",
  "lost orders during every traffic spike", "disagreed about the database migration",
  "had no owner after a reorganisation", "doubled its latency after the last release",
  "was blocked on an approval nobody gave", "raised the same complaint for months",
  "ran on a framework that was out of support", "could not explain a drop in signups",
  "needed a plan before the board meeting", "was spending twice its cloud budget",
};
static const char * const actions[] = {
  "I wrote a one-page proposal and walked each team lead through it",
  "I mapped every call site and split the work into small, safe steps",
  "I paired with the engineer who knew the old code best",
  "I set up a dashboard that showed latency by region every morning",
  "I ran the migration behind a flag, one region at a time",
  "I interviewed six customers and wrote down their exact words",
  "I asked for a short daily check-in and kept it to fifteen minutes",
  "I wrote the runbook and trained the rotation on it",
  "I cut the scope to what mattered for launch and said so in writing",
  "I built a load test that reproduced the failure on demand",
  "I negotiated a new deadline with the client and offered a weekly demo",
  "I reviewed the onboarding funnel step by step with the designer",
  "we agreed on an owner for every open question",
  "I measured the cost of each service and shared the numbers openly",
};
static const char * const results[] = {
  "Latency fell from 900 ms to 120 ms at the 99th percentile",
  "We shipped two weeks early and saved $120k a year",
  "Pages at night dropped by 80% within a month",
  "Signups rose 14% in the quarter after the change",
  "The migration finished with zero lost orders",
  "The client renewed for three more years",
  "Onboarding time went from 10 days to 3",
  "Cloud spend fell by 35% without any outage",
};
static const char * const learnings[] = {
  "I learned to write the rollback plan before the launch plan",
  "Next time I would ask for the numbers on the first day",
  "I learned that a short written proposal moves people faster than a meeting",
  "I now agree on an owner before anything else",
  "I learned to show progress every week, even when it is small",
  "Measuring first saved us from fixing the wrong thing",
};
static const char * const joints[] = {
  "because", "so", "while", "after", "although", "and then", "which meant",
};

static void
append_sentence (GString     *text,
                 GRand       *rand,
                 const char * const *first,
                 guint        n_first,
                 const char * const *second,
                 guint        n_second)
{
  if (text->len > 0)
    g_string_append_c (text, ' ');
  g_string_append_printf (text, "%s %s %s.",
                          first[g_rand_int_range (rand, 0, n_first)],
                          joints[g_rand_int_range (rand, 0, G_N_ELEMENTS (joints))],
                          second[g_rand_int_range (rand, 0, n_second)]);
}

/* Sentences until the text holds about @words words. */
static char *
make_section (GRand              *rand,
              guint               words,
              const char * const *first,
              guint               n_first,
              const char * const *second,
              guint               n_second)
{
  GString *text = g_string_new (NULL);

  while (sb_count_words (text->str) < words)
    append_sentence (text, rand, first, n_first, second, n_second);
  return g_string_free (text, FALSE);
}

#define SECTION(rand, words, a, b) make_section (rand, words, a, G_N_ELEMENTS (a), b, G_N_ELEMENTS (b))

typedef struct
{
  guint n_stories;
} FillData;

static const char * const requirements[] = {
  "Own a payments service end to end, from design to on-call",
  "Lead migrations of large PostgreSQL databases without downtime",
  "Mentor engineers and raise the bar of code review",
  "Work with product managers to cut scope and ship on time",
  "Bring latency and cloud cost down with measurements",
  "Write clear design documents and get teams to agree on them",
  "Handle incidents calmly and run blameless reviews",
  "Build relationships with customers and partners",
};
static const char * const round_names[] = {
  "Phone screen", "System design", "Behavioral", "Hiring manager",
};

/* Six applications a person is preparing at once, none of them the
 * current one (Practice and the header follow a current one, which would
 * change what the rest of the benchmark measures): each with a
 * requirement per line of its job description, a story or three linked
 * to most of them, and four rounds with two themes and three stories. */
static gboolean
fill_applications (SbStore    *store,
                   GRand      *rand,
                   GPtrArray  *stories,
                   GListModel *themes,
                   GError    **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  guint n_themes = g_list_model_get_n_items (themes);

  for (guint a = 0; a < 6 && stories->len > 0; a++)
    {
      g_autofree char *company = g_strdup_printf ("Company %u", a + 1);
      g_autoptr(GDateTime) day = g_date_time_add_days (now, 7 + 3 * a);
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
      g_autoptr(GString) description = g_string_new (NULL);
      SbApplication *application = sb_store_create_application (store, NULL, company,
                                                                "Senior Backend Engineer", error);

      if (application == NULL ||
          !sb_store_set_application_field (store, application, SB_APPLICATION_FIELD_DATE, date, error))
        return FALSE;
      for (guint r = 0; r < G_N_ELEMENTS (requirements); r++)
        g_string_append_printf (description, "- %s\n", requirements[r]);
      if (!sb_store_set_application_field (store, application, SB_APPLICATION_FIELD_JOB_DESCRIPTION,
                                           description->str, error))
        return FALSE;
      for (guint r = 0; r < G_N_ELEMENTS (requirements); r++)
        {
          SbRequirement *requirement = sb_store_add_requirement (store, application, requirements[r], -1, error);
          guint n_linked = g_rand_int_range (rand, 0, 4);

          if (requirement == NULL)
            return FALSE;
          for (guint l = 0; l < n_linked; l++)
            if (!sb_store_set_requirement_story (store, requirement,
                                                 g_ptr_array_index (stories, g_rand_int_range (rand, 0, stories->len)),
                                                 TRUE, error))
              return FALSE;
        }
      for (guint r = 0; r < G_N_ELEMENTS (round_names); r++)
        {
          SbRound *round = sb_store_add_round (store, application, round_names[r], -1, error);
          g_autoptr(SbTheme) first = g_list_model_get_item (themes, g_rand_int_range (rand, 0, n_themes));
          g_autoptr(SbTheme) second = g_list_model_get_item (themes, g_rand_int_range (rand, 0, n_themes));
          const char *focus[] = { sb_theme_get_slug (first), sb_theme_get_slug (second), NULL };

          if (round == NULL)
            return FALSE;
          if (first == second)
            focus[1] = NULL;
          if (!sb_store_set_round_focus (store, round, focus, error))
            return FALSE;
          for (guint s = 0; s < 3; s++)
            if (!sb_store_set_round_story (store, round,
                                           g_ptr_array_index (stories, g_rand_int_range (rand, 0, stories->len)),
                                           TRUE, error))
              return FALSE;
        }
    }
  return TRUE;
}

static gboolean
fill_cb (SbStore   *store,
         gpointer   user_data,
         GError   **error)
{
  FillData *data = user_data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);
  GListModel *themes = sb_store_get_themes (store, NULL);
  GListModel *questions = sb_store_get_questions (store);
  guint n_themes = g_list_model_get_n_items (themes);
  guint n_questions = g_list_model_get_n_items (questions);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_autoptr(GPtrArray) made = g_ptr_array_new ();

  g_return_val_if_fail (n_themes > 4 && n_questions > 0, FALSE);

  for (guint i = 0; i < data->n_stories; i++)
    {
      g_autofree char *title = g_strdup_printf ("%s %s (%u)",
                                                subjects[g_rand_int_range (rand, 0, G_N_ELEMENTS (subjects))],
                                                troubles[g_rand_int_range (rand, 0, G_N_ELEMENTS (troubles))],
                                                i + 1);
      g_autofree char *situation = SECTION (rand, 60, subjects, troubles);
      g_autofree char *task = SECTION (rand, 35, subjects, troubles);
      g_autofree char *action = SECTION (rand, 130, actions, actions);
      g_autofree char *result = SECTION (rand, 45, results, actions);
      g_autofree char *learning = SECTION (rand, 30, learnings, learnings);
      SbStory *story = sb_store_create_story (store, title, error);
      guint n_links = g_rand_int_range (rand, 2, 5);
      g_autofree const char **linked = g_new0 (const char *, n_links + 1);
      guint n_linked = 0, n_chosen = 0;

      if (story == NULL)
        return FALSE;
      g_ptr_array_add (made, story);
      sb_story_set_field (story, SB_STORY_FIELD_SITUATION, situation);
      sb_story_set_field (story, SB_STORY_FIELD_TASK, task);
      sb_story_set_field (story, SB_STORY_FIELD_ACTION, action);
      sb_story_set_field (story, SB_STORY_FIELD_RESULT, result);
      sb_story_set_field (story, SB_STORY_FIELD_LEARNING, learning);
      sb_story_set_status (story, i % 3 == 0 ? SB_STORY_STATUS_DRAFT : SB_STORY_STATUS_READY);
      if (!sb_store_save_story (store, story, error))
        return FALSE;

      /* 2–4 distinct themes, the first one primary. */
      for (guint l = 0; l < n_links; l++)
        {
          g_autoptr(SbTheme) theme = g_list_model_get_item (themes, g_rand_int_range (rand, 0, n_themes));
          const char *slug = sb_theme_get_slug (theme);

          if (g_strv_contains (linked, slug))
            continue;
          linked[n_linked++] = slug;
          if (!sb_store_set_story_theme (store, story, slug,
                                         l == 0 ? SB_STRENGTH_PRIMARY : SB_STRENGTH_SECONDARY, error))
            return FALSE;
        }

      /* One or two questions that ask about a linked theme. */
      for (guint q = 0; q < n_questions && n_chosen < 1 + i % 2; q++)
        {
          g_autoptr(SbQuestion) question = g_list_model_get_item (questions, (q + i * 7) % n_questions);

          for (guint l = 0; l < n_linked; l++)
            if (sb_question_has_theme (question, linked[l]))
              {
                if (!sb_store_set_story_question (store, story, sb_question_get_slug (question), TRUE, error))
                  return FALSE;
                n_chosen++;
                break;
              }
        }

      /* Half the bank has been rehearsed 1–4 times over the last weeks. */
      if (i % 2 == 0)
        {
          guint n_tries = g_rand_int_range (rand, 1, 5);

          for (guint t = 0; t < n_tries; t++)
            {
              static const SbRating ratings[] = { SB_RATING_STUMBLED, SB_RATING_OKAY, SB_RATING_NAILED };
              gint64 at = now - (gint64) (n_tries - t) * 3 * 24 * 60 * 60 - g_rand_int_range (rand, 0, 3600);

              if (!sb_practice_log (store, story, NULL, g_rand_int_range (rand, 70, 150),
                                    ratings[g_rand_int_range (rand, 0, 3)], at, error))
                return FALSE;
            }
        }
    }
  return fill_applications (store, rand, made, themes, error);
}

gboolean
bench_bank_fill (SbStore  *store,
                 guint     n_stories,
                 GError  **error)
{
  FillData data = { n_stories };

  return sb_store_run_in_transaction (store, fill_cb, &data, error);
}
