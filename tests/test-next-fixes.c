/* test-next-fixes.c — what to fix next, most useful first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sb-next-fixes.h"
#include "sb-practice.h"
#include "sb-test-util.h"

static SbStory *
add_story (SbStore    *store,
           const char *title,
           const char *action)
{
  g_autoptr(GError) error = NULL;
  SbStory *story = sb_store_create_story (store, title, &error);

  g_assert_no_error (error);
  if (action != NULL)
    {
      g_assert_true (sb_store_edit_story (store, story, SB_STORY_FIELD_ACTION, action, &error));
      g_assert_true (sb_store_save_story (store, story, &error));
    }
  g_assert_no_error (error);
  return story;
}

static const SbFix *
find_fix (GPtrArray  *fixes,
          SbFixKind   kind,
          const char *target,
          guint      *position)
{
  for (guint i = 0; i < fixes->len; i++)
    {
      const SbFix *fix = fixes->pdata[i];

      if (fix->kind == kind && g_strcmp0 (fix->target, target) == 0)
        {
          *position = i;
          return fix;
        }
    }
  return NULL;
}

static void
test_order_and_content (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (path, &error);
  g_autoptr(GPtrArray) fixes = NULL;
  const char *wide[] = { "core-production-incident", "core-scaling-performance", "core-data-migration",
                         "core-cross-team" };
  SbStory *thin, *stretched;
  guint gap0 = 0, gap1 = 0, problems = 0, wide_at = 0, unanswered = 0, never = 0;
  guint n_questions = 0;

  g_assert_no_error (error);
  thin = add_story (store, "Thin", "I fixed it.");
  stretched = add_story (store, "Everywhere",
                         "I read a week of traces and found that retries from three clients piled onto the "
                         "same slow shard, so I rewrote the retry logic with jitter and a budget.");
  for (guint i = 0; i < G_N_ELEMENTS (wide); i++)
    g_assert_true (sb_store_set_story_theme (store, stretched, wide[i], SB_STRENGTH_SECONDARY, &error));
  g_assert_no_error (error);

  fixes = sb_next_fixes (store, "core", 0);

  /* A theme with no story comes before one with a single story. */
  g_assert_nonnull (find_fix (fixes, SB_FIX_THEME_GAP, "core-ambiguity", &gap0));
  g_assert_nonnull (find_fix (fixes, SB_FIX_THEME_GAP, "core-production-incident", &gap1));
  g_assert_cmpuint (gap0, <, gap1);
  /* Then the stories an interviewer would mark down, then the stretched. */
  g_assert_nonnull (find_fix (fixes, SB_FIX_STORY_PROBLEMS, sb_story_get_uuid (thin), &problems));
  g_assert_cmpuint (gap1, <, problems);
  g_assert_nonnull (find_fix (fixes, SB_FIX_STRETCHED, sb_story_get_uuid (stretched), &wide_at));
  g_assert_nonnull (strstr (((SbFix *) fixes->pdata[wide_at])->detail, "4"));
  g_assert_cmpuint (problems, <, wide_at);
  /* Then a handful of questions with no story, then rehearsal. */
  for (guint i = 0; i < fixes->len; i++)
    if (((SbFix *) fixes->pdata[i])->kind == SB_FIX_UNANSWERED)
      {
        n_questions++;
        unanswered = unanswered == 0 ? i : unanswered;
      }
  g_assert_cmpuint (n_questions, >, 0);
  g_assert_cmpuint (n_questions, <=, 8);
  g_assert_cmpuint (wide_at, <, unanswered);
  g_assert_nonnull (find_fix (fixes, SB_FIX_NEVER_REHEARSED, sb_story_get_uuid (thin), &never));
  g_assert_cmpuint (unanswered, <, never);

  /* A story rehearsed today is no longer on the list for rehearsal. */
  g_clear_pointer (&fixes, g_ptr_array_unref);
  g_assert_true (sb_practice_log (store, stretched, NULL, 100, SB_RATING_NAILED, 0, &error));
  g_assert_no_error (error);
  fixes = sb_next_fixes (store, "core", 0);
  g_assert_null (find_fix (fixes, SB_FIX_NEVER_REHEARSED, sb_story_get_uuid (stretched), &never));
  g_assert_null (find_fix (fixes, SB_FIX_DUE, sb_story_get_uuid (stretched), &never));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/next-fixes/order-and-content", test_order_and_content);
  return g_test_run ();
}
