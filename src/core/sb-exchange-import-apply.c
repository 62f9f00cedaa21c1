/* sb-exchange-import-apply.c — a read Storybank file applied to the bank
 *
 * Step 3 of an import (see sb-exchange-import.c): the catalog, the
 * stories with their links and rehearsals, the drills, the applications
 * and the deleted questions, written inside the one transaction of
 * sb_store_run_in_transaction(), counting what changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-exchange"

#include "config.h"

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>
#include <string.h>

#include "sb-exchange-import-private.h"

/* ---- step 3: apply, inside one transaction --------------------------- */

static gboolean
apply_catalog (SbStore  *store,
               Import   *import,
               GError  **error)
{
  for (guint i = 0; i < import->frameworks->len; i++)
    {
      ImportFramework *framework = import->frameworks->pdata[i];

      if (framework->add &&
          sb_store_add_framework (store, framework->slug, framework->name,
                                  framework->description, error) == NULL)
        return FALSE;
      for (guint j = 0; j < framework->themes->len; j++)
        {
          ImportTheme *theme = framework->themes->pdata[j];

          if (theme->edit)
            {
              SbTheme *existing = sb_store_find_theme (store, theme->slug);

              if (g_strcmp0 (sb_theme_get_name (existing), theme->name) != 0 ||
                  (theme->description != NULL &&
                   g_strcmp0 (sb_theme_get_description (existing), theme->description) != 0))
                {
                  if (!sb_store_update_theme (store, existing, theme->name,
                                              theme->description != NULL ? theme->description
                                                                         : sb_theme_get_description (existing),
                                              error))
                    return FALSE;
                }
              continue;
            }
          if (!theme->add)
            continue;
          if (sb_store_add_theme_with_slug (store, theme->framework_slug, theme->slug, theme->name,
                                            theme->description, error) == NULL)
            return FALSE;
          import->summary.themes_added++;
        }
    }

  for (guint i = 0; i < import->questions->len; i++)
    {
      ImportQuestion *question = import->questions->pdata[i];
      g_autoptr(GError) local_error = NULL;
      SbQuestion *added;

      if (question->edit)
        {
          SbQuestion *existing = sb_store_find_question (store, question->slug);

          if (!sb_store_update_question (store, existing, question->text,
                                         question->listen_for != NULL ? question->listen_for
                                                                      : sb_question_get_listen_for (existing),
                                         question->themes != NULL ? (const char * const *) question->themes
                                                                  : sb_question_get_theme_slugs (existing),
                                         error))
            return FALSE;
          continue;
        }
      if (!question->add)
        continue;
      if (question->slug != NULL)
        added = sb_store_add_question_with_slug (store, question->slug, question->text,
                                                 question->listen_for,
                                                 (const char * const *) question->themes,
                                                 &local_error);
      else
        added = sb_store_add_question (store, question->text, question->listen_for,
                                       (const char * const *) question->themes, &local_error);
      if (added == NULL)
        {
          /* The slug is taken by a question the person deleted (hidden, so
           * not in the store's list): leave it deleted, and its links out. */
          if (question->slug != NULL &&
              g_error_matches (local_error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_CONSTRAINT))
            {
              g_hash_table_add (import->skipped_questions, question->slug);
              continue;
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      import->summary.questions_added++;
    }
  return TRUE;
}

static gboolean
apply_story_links (SbStore      *store,
                   Import       *import,
                   SbStory      *story,
                   ImportStory  *in,
                   GError      **error)
{
  if (in->themes != NULL)
    {
      g_autoptr(GArray) current = sb_store_get_story_themes (store, story);

      for (guint i = 0; i < current->len; i++)
        {
          const char *slug = g_array_index (current, SbThemeLink, i).theme_slug;
          gboolean keep = FALSE;

          for (guint j = 0; j < in->themes->len && !keep; j++)
            keep = strcmp (g_array_index (in->themes, ImportLink, j).slug, slug) == 0;
          if (!keep && !sb_store_set_story_theme (store, story, slug, SB_STRENGTH_NONE, error))
            return FALSE;
        }
      for (guint j = 0; j < in->themes->len; j++)
        {
          ImportLink *link = &g_array_index (in->themes, ImportLink, j);
          if (!sb_store_set_story_theme (store, story, link->slug, link->strength, error))
            return FALSE;
        }
    }

  if (in->questions != NULL)
    {
      g_auto(GStrv) current = sb_store_get_story_questions (store, story);

      for (guint i = 0; current[i] != NULL; i++)
        if (!g_strv_contains ((const char * const *) in->questions, current[i]) &&
            !sb_store_set_story_question (store, story, current[i], FALSE, error))
          return FALSE;
      for (guint j = 0; in->questions[j] != NULL; j++)
        if (!g_hash_table_contains (import->skipped_questions, in->questions[j]) &&
            !sb_store_set_story_question (store, story, in->questions[j], TRUE, error))
          return FALSE;
    }
  return TRUE;
}

/* Only the rehearsals the story does not have yet (by time and length), so
 * that importing the same file twice does not double the history. */
static gboolean
apply_story_practice (SbStore      *store,
                      Import       *import,
                      SbStory      *story,
                      ImportStory  *in,
                      GError      **error)
{
  for (guint i = 0; in->practice != NULL && i < in->practice->len; i++)
    {
      SbRehearsal *rehearsal = &g_array_index (in->practice, SbRehearsal, i);
      g_autoptr(GError) local_error = NULL;

      if (sb_practice_has_rehearsal (store, story, rehearsal->practiced_at, rehearsal->seconds, &local_error))
        continue;
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!sb_practice_add_rehearsal (store, story, rehearsal, error))
        return FALSE;
      import->summary.rehearsals_added++;
    }
  return TRUE;
}

/* The story's theme links (with strength) and chosen questions, as one
 * string to compare before and after an import. */
static char *
links_signature (SbStore *store,
                 SbStory *story)
{
  g_autoptr(GArray) themes = sb_store_get_story_themes (store, story);
  g_auto(GStrv) questions = sb_store_get_story_questions (store, story);
  GString *signature = g_string_new (NULL);

  for (guint i = 0; i < themes->len; i++)
    {
      SbThemeLink *link = &g_array_index (themes, SbThemeLink, i);
      g_string_append_printf (signature, "%s:%d,", link->theme_slug, link->strength);
    }
  g_string_append_c (signature, '|');
  for (guint i = 0; questions[i] != NULL; i++)
    g_string_append_printf (signature, "%s,", questions[i]);
  return g_string_free (signature, FALSE);
}

static gboolean
apply_story (SbStore      *store,
             Import       *import,
             ImportStory  *in,
             GError      **error)
{
  SbStory *existing = in->uuid != NULL ? sb_store_find_story (store, in->uuid) : NULL;

  if (existing != NULL)
    {
      g_autofree char *links_before = links_signature (store, existing);
      g_autofree char *links_after = NULL;
      guint rehearsals_before = import->summary.rehearsals_added;
      gboolean changed;

      /* Written to the bank and merged into memory like another program's
       * change: an edit the person has not saved yet in this story stays
       * theirs, and a rolled-back import leaves memory as it was. */
      if (!sb_store_update_story_from (store, existing, (const char * const *) in->fields,
                                       in->status, in->example, &changed, error))
        return FALSE;
      if (!apply_story_links (store, import, existing, in, error) ||
          !apply_story_practice (store, import, existing, in, error))
        return FALSE;
      /* "Updated" means something changed: importing one's own export
       * again reports nothing updated. */
      links_after = links_signature (store, existing);
      if (changed || strcmp (links_before, links_after) != 0 ||
          import->summary.rehearsals_added != rehearsals_before)
        import->summary.stories_updated++;
      return TRUE;
    }
  else
    {
      g_autoptr(SbStory) story = sb_story_new ();

      if (in->uuid != NULL)
        sb_story_set_uuid (story, in->uuid);
      for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
        if (in->fields[f] != NULL)
          sb_story_set_field (story, f, in->fields[f]);
      if (in->status >= 0)
        sb_story_set_status (story, in->status);
      if (in->example >= 0)
        sb_story_set_is_example (story, in->example);
      sb_story_set_created (story, in->created);
      sb_story_set_updated (story, in->updated);
      if (!sb_store_insert_story (store, story, error))
        return FALSE;
      import->summary.stories_added++;
      return apply_story_links (store, import, story, in, error) &&
             apply_story_practice (store, import, story, in, error);
    }
}

gboolean
_sb_exchange_import_apply_cb (SbStore   *store,
                              gpointer   user_data,
                              GError   **error)
{
  Import *import = user_data;

  if (!apply_catalog (store, import, error))
    return FALSE;

  if (import->person_name != NULL)
    {
      g_autofree char *current = sb_store_get_person_name (store);
      /* The bank's own name wins; a file only fills it in. */
      if ((current == NULL || *current == '\0') &&
          !sb_store_set_person_name (store, import->person_name, error))
        return FALSE;
    }

  for (guint i = 0; i < import->stories->len; i++)
    if (!apply_story (store, import, import->stories->pdata[i], error))
      return FALSE;
  if (!_sb_exchange_apply_drills (store, import->drills, &import->summary.drills_added, error))
    return FALSE;

  /* After the stories, which their plans and requirements name. */
  if (!_sb_import_applications_apply (store, import->applications, &import->summary, error))
    return FALSE;

  /* Last, so the stories' links above never point at a question deleted
   * here. A question some story in the bank answers is kept: deleting it
   * would hide the person's chosen answer. */
  for (guint i = 0; import->deleted_questions != NULL && import->deleted_questions[i] != NULL; i++)
    {
      SbQuestion *question = sb_store_find_question (store, import->deleted_questions[i]);
      g_autoptr(GPtrArray) answers = NULL;

      if (question == NULL || !sb_question_get_builtin (question))
        continue;
      answers = sb_store_get_question_stories (store, import->deleted_questions[i]);
      if (answers->len == 0 && !sb_store_delete_question (store, question, error))
        return FALSE;
    }

  /* Many stories written at once leave the full-text index in pieces
   * whose merging would otherwise run inside the next autosaves. */
  if (import->summary.stories_added + import->summary.stories_updated > 0 &&
      !sb_database_compact_search_index (sb_store_get_database (store), error))
    return FALSE;
  return TRUE;
}
