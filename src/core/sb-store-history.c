/* sb-store-history.c — undo and redo of what the person did to the bank
 *
 * Every change the person makes through the store outside a transaction
 * (deleting a story, linking or unlinking a theme or a question) is
 * recorded with what it replaced, so Ctrl+Z can take it back and Ctrl+Shift+Z
 * do it again, whichever widget made it. Changes inside a transaction (an
 * import, a restore) are not the person's one click and are not recorded:
 * the backup made before them is their undo. Text edits are the text
 * widgets' own undo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-store-private.h"

/* Enough for a session; the oldest steps go first. */
#define MAX_STEPS 200

typedef enum
{
  STEP_DELETE,      /* a story deleted; undo restores it */
  STEP_THEME,       /* a theme link's strength changed */
  STEP_QUESTION,    /* a question link made or removed */
} StepKind;

struct _SbHistoryStep
{
  StepKind        kind;
  SbStory        *story;
  char           *slug;       /* theme or question */
  int             before;     /* SbStrength, or linked */
  int             after;
  SbDeletedStory *deleted;    /* STEP_DELETE while the story is deleted */
  char           *label;      /* "Delete “Checkout outage”" */
};

static void
step_free (SbHistoryStep *step)
{
  g_clear_object (&step->story);
  g_free (step->slug);
  g_clear_pointer (&step->deleted, sb_deleted_story_free);
  g_free (step->label);
  g_free (step);
}

void
_sb_store_history_init (SbStore *self)
{
  self->undo_steps = g_queue_new ();
  self->redo_steps = g_queue_new ();
}

void
_sb_store_history_dispose (SbStore *self)
{
  if (self->undo_steps != NULL)
    g_queue_free_full (g_steal_pointer (&self->undo_steps), (GDestroyNotify) step_free);
  if (self->redo_steps != NULL)
    g_queue_free_full (g_steal_pointer (&self->redo_steps), (GDestroyNotify) step_free);
}

static gboolean
recording (SbStore *self)
{
  return self->undo_steps != NULL && !self->replaying && !sb_database_in_transaction (self->db);
}

static void
push (SbStore       *self,
      SbHistoryStep *step)
{
  g_queue_push_head (self->undo_steps, step);
  while (g_queue_get_length (self->undo_steps) > MAX_STEPS)
    step_free (g_queue_pop_tail (self->undo_steps));
  /* A new action makes the undone ones unreachable, as in every editor. */
  g_queue_clear_full (self->redo_steps, (GDestroyNotify) step_free);
  self->history_serial++;
  g_signal_emit (self, _sb_store_signals[HISTORY_CHANGED], 0);
}

static char *
theme_name (SbStore    *self,
            const char *slug)
{
  SbTheme *theme = sb_store_find_theme (self, slug);
  return g_strdup (theme != NULL ? sb_theme_get_name (theme) : slug);
}

void
_sb_store_history_theme (SbStore    *self,
                         SbStory    *story,
                         const char *slug,
                         SbStrength  before,
                         SbStrength  after)
{
  SbHistoryStep *step;
  g_autofree char *name = NULL;

  if (!recording (self))
    return;
  name = theme_name (self, slug);
  step = g_new0 (SbHistoryStep, 1);
  step->kind = STEP_THEME;
  step->story = g_object_ref (story);
  step->slug = g_strdup (slug);
  step->before = before;
  step->after = after;
  if (after == SB_STRENGTH_NONE)
    /* Translators: an action that can be undone: %s a theme, then a story */
    step->label = g_strdup_printf (_("Unlink “%s” from “%s”"), name, sb_story_get_display_title (story));
  else if (before == SB_STRENGTH_NONE)
    step->label = g_strdup_printf (_("Link “%s” to “%s”"), name, sb_story_get_display_title (story));
  else
    step->label = g_strdup_printf (_("Change how “%s” covers “%s”"), sb_story_get_display_title (story), name);
  push (self, step);
}

void
_sb_store_history_question (SbStore    *self,
                            SbStory    *story,
                            const char *slug,
                            gboolean    linked)
{
  SbHistoryStep *step;

  if (!recording (self))
    return;
  step = g_new0 (SbHistoryStep, 1);
  step->kind = STEP_QUESTION;
  step->story = g_object_ref (story);
  step->slug = g_strdup (slug);
  step->before = !linked;
  step->after = !!linked;
  step->label = linked
    ? g_strdup_printf (_("Choose “%s” for a question"), sb_story_get_display_title (story))
    : g_strdup_printf (_("Remove “%s” from a question"), sb_story_get_display_title (story));
  push (self, step);
}

void
_sb_store_history_delete (SbStore        *self,
                          SbStory        *story,
                          SbDeletedStory *deleted)
{
  SbHistoryStep *step;

  if (!recording (self))
    {
      sb_deleted_story_free (deleted);
      return;
    }
  step = g_new0 (SbHistoryStep, 1);
  step->kind = STEP_DELETE;
  step->story = g_object_ref (story);
  step->deleted = deleted;
  step->label = g_strdup_printf (_("Delete “%s”"), sb_story_get_display_title (story));
  push (self, step);
}

/* Applies @step backwards (@undo) or forwards. */
static gboolean
replay (SbStore        *self,
        SbHistoryStep  *step,
        gboolean        undo,
        GError        **error)
{
  gboolean ok = FALSE;

  self->replaying = TRUE;
  switch (step->kind)
    {
    case STEP_THEME:
      ok = sb_store_set_story_theme (self, step->story, step->slug,
                                     undo ? step->before : step->after, error);
      break;
    case STEP_QUESTION:
      ok = sb_store_set_story_question (self, step->story, step->slug,
                                        undo ? step->before : step->after, error);
      break;
    case STEP_DELETE:
      if (undo)
        {
          ok = sb_store_restore_story (self, step->deleted, error) != NULL;
          if (ok)
            g_clear_pointer (&step->deleted, sb_deleted_story_free);
        }
      else
        {
          step->deleted = sb_store_delete_story (self, step->story, error);
          ok = step->deleted != NULL;
        }
      break;
    default:
      g_assert_not_reached ();
    }
  self->replaying = FALSE;
  return ok;
}

static gboolean
move_step (SbStore  *self,
           GQueue   *from,
           GQueue   *to,
           gboolean  undo,
           SbStory **out_story,
           GError  **error)
{
  SbHistoryStep *step = g_queue_peek_head (from);

  if (out_story != NULL)
    *out_story = NULL;
  if (step == NULL)
    return TRUE;
  if (out_story != NULL)
    *out_story = step->story;
  g_queue_pop_head (from);
  if (!replay (self, step, undo, error))
    {
      /* What it refers to is gone (a theme deleted, a story deleted
       * elsewhere): this step cannot be taken back any more. */
      step_free (step);
      g_signal_emit (self, _sb_store_signals[HISTORY_CHANGED], 0);
      return FALSE;
    }
  g_queue_push_head (to, step);
  g_signal_emit (self, _sb_store_signals[HISTORY_CHANGED], 0);
  return TRUE;
}

gboolean
sb_store_undo (SbStore  *self,
               SbStory **out_story,
               GError  **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  return move_step (self, self->undo_steps, self->redo_steps, TRUE, out_story, error);
}

gboolean
sb_store_redo (SbStore  *self,
               SbStory **out_story,
               GError  **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  return move_step (self, self->redo_steps, self->undo_steps, FALSE, out_story, error);
}

const char *
sb_store_get_undo_label (SbStore *self)
{
  SbHistoryStep *step;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  step = g_queue_peek_head (self->undo_steps);
  return step != NULL ? step->label : NULL;
}

const char *
sb_store_get_redo_label (SbStore *self)
{
  SbHistoryStep *step;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  step = g_queue_peek_head (self->redo_steps);
  return step != NULL ? step->label : NULL;
}

guint
sb_store_get_history_serial (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), 0);
  return self->history_serial;
}
