/* sb-store-sync.c — the store owns every unsaved edit, and follows what
 * other programs change in the same bank
 *
 * A story is unsaved while its text differs from the bank's copy it keeps
 * (sb_story_get_saved_field()). The store notices that through the story's
 * "dirty" property, whoever changed it, and writes it after a pause or a
 * ceiling; a refused write stays unsaved and is retried with a growing
 * delay, so nothing depends on the widget that happened to show the story.
 *
 * Other programs (a second window, `storybank --import` in a terminal)
 * commit to the same file. PRAGMA data_version tells when; the store then
 * reads the bank again and merges it three ways: the saved copy is the
 * common ancestor, the bank the other side, memory the person's side.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-store-private.h"
#include "sb-story-private.h"

/* A write that found the bank busy is retried soon; any other refusal (a
 * full disk, a read-only file) less and less often. */
#define BUSY_RETRY_MS     250
#define BUSY_RETRY_MAX_MS 2000
#define FAIL_RETRY_MS     1000
#define FAIL_RETRY_MAX_MS 30000

/* How long a write of the window's store waits for the lock. */
#define INTERACTIVE_BUSY_TIMEOUT_MS 20
#define BATCH_BUSY_TIMEOUT_MS       5000

static void schedule_autosave (SbStore *self);

static void
unsaved_free (Unsaved *unsaved)
{
  g_clear_error (&unsaved->error);
  g_free (unsaved);
}

void
_sb_store_sync_init (SbStore *self)
{
  self->unsaved = g_hash_table_new_full (NULL, NULL, g_object_unref, (GDestroyNotify) unsaved_free);
  self->conflicts = g_ptr_array_new_with_free_func (g_object_unref);
}

void
_sb_store_sync_dispose (SbStore *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_pointer (&self->unsaved, g_hash_table_unref);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
}

gboolean
_sb_store_read_data_version (SbStore  *self,
                             gint64   *out,
                             GError  **error)
{
  sqlite3_stmt *stmt = sb_database_prepare (self->db, "PRAGMA data_version", error);
  SbStep step;

  if (stmt == NULL)
    return FALSE;
  step = sb_database_step (self->db, stmt, error);
  if (step == SB_STEP_ERROR)
    return FALSE;
  if (step == SB_STEP_DONE)
    {
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_FAILED,
                   _("The bank could not be read: it gave no data version"));
      return FALSE;
    }
  *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* ---- the unsaved set ---------------------------------------------------- */

static void
set_unsaved (SbStore *self,
             SbStory *story)
{
  gint64 now = g_get_monotonic_time ();
  Unsaved *unsaved = g_hash_table_lookup (self->unsaved, story);

  if (unsaved != NULL)
    {
      unsaved->last_edit = now;
      return;
    }
  unsaved = g_new0 (Unsaved, 1);
  unsaved->first_edit = unsaved->last_edit = now;
  g_hash_table_insert (self->unsaved, g_object_ref (story), unsaved);
  g_signal_emit (self, _sb_store_signals[SAVE_STATE_CHANGED], 0, story);
}

static void
clear_unsaved (SbStore *self,
               SbStory *story)
{
  g_autoptr(SbStory) kept = g_object_ref (story);

  if (g_hash_table_remove (self->unsaved, story))
    g_signal_emit (self, _sb_store_signals[SAVE_STATE_CHANGED], 0, kept);
}

/* Each stored story's "notify::dirty", through the story's one watch
 * (sb-story-private.h) rather than a signal connection per story: at
 * 10,000 stories the closures alone were 3 MB and a tenth of the open. */
static void
story_dirty_cb (SbStory  *story,
                gpointer  user_data)
{
  SbStore *self = user_data;

  if (self->loading)
    return;
  if (sb_story_get_dirty (story))
    {
      set_unsaved (self, story);
      schedule_autosave (self);
    }
  else
    clear_unsaved (self, story);
}

void
_sb_store_watch_story (SbStore *self,
                       SbStory *story)
{
  _sb_story_set_dirty_func (story, story_dirty_cb, self);
  /* Text typed before the story was in the model (or kept by a merge). */
  if (sb_story_get_dirty (story))
    {
      set_unsaved (self, story);
      schedule_autosave (self);
    }
}

void
_sb_store_forget_story (SbStore *self,
                        SbStory *story)
{
  if (_sb_story_get_dirty_data (story) == self)
    _sb_story_set_dirty_func (story, NULL, NULL);
  clear_unsaved (self, story);
}

void
_sb_store_unwatch_stories (SbStore *self)
{
  GHashTableIter iter;
  gpointer value;

  if (self->story_by_uuid == NULL)
    return;
  g_hash_table_iter_init (&iter, self->story_by_uuid);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (_sb_story_get_dirty_data (value) == self)
      _sb_story_set_dirty_func (value, NULL, NULL);
}

guint
sb_store_get_n_unsaved (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), 0);
  return g_hash_table_size (self->unsaved);
}

gboolean
sb_store_story_is_unsaved (SbStore *self,
                           SbStory *story)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  return g_hash_table_contains (self->unsaved, story);
}

const GError *
sb_store_get_save_error (SbStore *self,
                         SbStory *story)
{
  Unsaved *unsaved;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  unsaved = g_hash_table_lookup (self->unsaved, story);
  return unsaved != NULL ? unsaved->error : NULL;
}

void
sb_store_set_interactive (SbStore  *self,
                          gboolean  interactive)
{
  g_return_if_fail (SB_IS_STORE (self));

  sb_database_set_busy_timeout (self->db, interactive ? INTERACTIVE_BUSY_TIMEOUT_MS
                                                    : BATCH_BUSY_TIMEOUT_MS);
  /* A checkpoint inside an autosave's commit would hold up a frame. */
  sb_database_set_background_checkpoints (self->db, interactive);
}

/* ---- writing -------------------------------------------------------------- */

static gint64
due_time (const Unsaved *unsaved)
{
  if (unsaved->error != NULL)
    return unsaved->retry_at;
  return MIN (unsaved->last_edit + SB_STORE_AUTOSAVE_PAUSE_MS * 1000,
              unsaved->first_edit + SB_STORE_AUTOSAVE_MAX_MS * 1000);
}

static void
note_refusal (SbStore      *self,
              SbStory      *story,
              const GError *error)
{
  Unsaved *unsaved = g_hash_table_lookup (self->unsaved, story);
  gboolean busy = g_error_matches (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_BUSY);
  gint64 delay_ms;
  gboolean first;

  if (unsaved == NULL)
    return;
  first = unsaved->error == NULL;
  unsaved->failures++;
  delay_ms = (busy ? BUSY_RETRY_MS : FAIL_RETRY_MS) << MIN (unsaved->failures - 1, 8u);
  delay_ms = MIN (delay_ms, busy ? BUSY_RETRY_MAX_MS : FAIL_RETRY_MAX_MS);
  unsaved->retry_at = g_get_monotonic_time () + delay_ms * 1000;
  g_clear_error (&unsaved->error);
  unsaved->error = g_error_copy (error);

  g_signal_emit (self, _sb_store_signals[SAVE_STATE_CHANGED], 0, story);
  if (first)
    g_signal_emit (self, _sb_store_signals[SAVE_FAILED], 0, story, error);
}

/* Writes one story and keeps the bookkeeping; the row itself is written by
 * _sb_store_write_story() in sb-store.c. */
static gboolean
save_one (SbStore  *self,
          SbStory  *story,
          GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SbStory) kept = g_object_ref (story);

  if (_sb_store_write_story (self, story, &local_error))
    {
      _sb_store_emit_pending (self);
      /* Saved: the dirty flip took it out of the set, unless it was
       * already clean (then there is nothing left to take out either). */
      clear_unsaved (self, story);
      return TRUE;
    }
  _sb_store_emit_pending (self);
  note_refusal (self, story, local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
autosave_cb (gpointer user_data)
{
  SbStore *self = user_data;
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer key, value;

  self->autosave_id = 0;

  /* A millisecond early is on time: timeouts are not exact. */
  g_hash_table_iter_init (&iter, self->unsaved);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (due_time (value) <= now + 1000)
      g_ptr_array_add (due, g_object_ref (key));

  self->autosaving = TRUE;
  for (guint i = 0; i < due->len; i++)
    if (g_hash_table_contains (self->unsaved, due->pdata[i]))
      save_one (self, due->pdata[i], NULL);
  self->autosaving = FALSE;

  schedule_autosave (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_autosave (SbStore *self)
{
  GHashTableIter iter;
  gpointer value;
  gint64 next = G_MAXINT64;
  gint64 now = g_get_monotonic_time ();

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->unsaved == NULL)
    return;

  g_hash_table_iter_init (&iter, self->unsaved);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    next = MIN (next, due_time (value));
  if (next == G_MAXINT64)
    return;

  self->autosave_id = g_timeout_add ((guint) CLAMP ((next - now + 999) / 1000, 0, G_MAXINT),
                                     autosave_cb, self);
  g_source_set_name_by_id (self->autosave_id, "[storybank] autosave");
}

gboolean
sb_store_is_autosaving (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  return self->autosaving;
}

gboolean
sb_store_save_pending (SbStore  *self,
                       GError  **error)
{
  g_autoptr(GPtrArray) stories = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) first_error = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  g_hash_table_iter_init (&iter, self->unsaved);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (stories, g_object_ref (key));

  for (guint i = 0; i < stories->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (g_hash_table_contains (self->unsaved, stories->pdata[i]) &&
          !save_one (self, stories->pdata[i], &local_error) && first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }
  schedule_autosave (self);

  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
sb_store_save_story (SbStore  *self,
                     SbStory  *story,
                     GError  **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_STORY (story), FALSE);

  if (sb_story_get_id (story) == 0 && sb_store_find_story (self, sb_story_get_uuid (story)) != story)
    return _sb_store_story_is_stored (self, story, error);
  if (!save_one (self, story, error))
    return FALSE;
  schedule_autosave (self);
  return TRUE;
}

/* Each field as the conflict note and the cue line's limit name it. */
static const char *field_labels[SB_STORY_N_FIELDS] = {
  N_("Title"), N_("Situation"), N_("Task"), N_("Action"), N_("Result"), N_("Learning"), N_("Notes"),
  /* Translators: the cue card's lines, as in “Another copy of the Situation
   * cue line, changed elsewhere …” */
  N_("Situation cue line"), N_("Task cue line"), N_("Action cue line"), N_("Result cue line"),
  N_("Learning cue line"),
};

gboolean
sb_store_edit_story (SbStore       *self,
                     SbStory       *story,
                     SbStoryField   field,
                     const char    *text,
                     GError       **error)
{
  g_autofree char *line = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_STORY (story), FALSE);
  g_return_val_if_fail (field < SB_STORY_N_FIELDS, FALSE);

  if (text == NULL)
    text = "";
  /* A cue line is one line, whatever was pasted into it. */
  if (SB_STORY_FIELD_IS_CUE (field))
    text = line = sb_story_cue_line_normalize (text);
  if (sb_database_is_read_only (self->db))
    {
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_READ_ONLY, "%s",
                   sb_database_get_read_only_reason (self->db));
      return FALSE;
    }
  if (SB_STORY_FIELD_IS_CUE (field) && g_utf8_strlen (text, -1) > SB_STORY_MAX_CUE_CHARS)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                   /* Translators: %s: the line (“Situation cue line” …), then the
                    * story's title; %d: the most characters a cue line keeps */
                   _("The %s of “%s” would be longer than %d characters; a cue line is one short line"),
                   _(field_labels[field]), sb_story_get_display_title (story),
                   SB_STORY_MAX_CUE_CHARS);
      return FALSE;
    }
  if (g_utf8_strlen (text, -1) > SB_STORY_MAX_FIELD_CHARS (field))
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                   _("The %s of “%s” would be longer than %d characters, the most a story keeps"),
                   sb_story_field_to_string (field), sb_story_get_display_title (story),
                   SB_STORY_MAX_FIELD_CHARS (field));
      return FALSE;
    }

  sb_story_set_field (story, field, text);
  /* The dirty flip registered a first edit; later ones move the pause. A
   * story not in the bank (being built for an import) is not the store's
   * to write. */
  if (sb_story_get_dirty (story) && sb_store_find_story (self, sb_story_get_uuid (story)) == story)
    {
      set_unsaved (self, story);
      if (self->autosave_id == 0)
        schedule_autosave (self);
    }
  return TRUE;
}

gboolean
sb_store_edit_story_status (SbStore        *self,
                            SbStory        *story,
                            SbStoryStatus   status,
                            GError        **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_STORY (story), FALSE);

  sb_story_set_status (story, status);
  if (!sb_story_get_dirty (story))
    return TRUE;
  return sb_store_save_story (self, story, error);
}

/* ---- merging what others wrote ------------------------------------------- */

static void
add_conflict_note (SbStore      *self,
                   SbStory      *story,
                   SbStoryField  field,
                   const char   *theirs)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%x %H:%M");
  g_autofree char *heading = NULL;
  g_autoptr(GString) notes = g_string_new (sb_story_get_notes (story));

  /* Translators: a note added to a story when another window or an import
   * changed a section the person was changing too; %s: the section, then
   * the date and time. The other text follows on the next line. */
  heading = g_strdup_printf (_("Another copy of the %s, changed elsewhere on %s, kept here so neither is lost:"),
                             _(field_labels[field]), when);
  if (notes->len > 0)
    g_string_append (notes, "\n\n");
  g_string_append_printf (notes, "%s\n%s", heading, theirs);
  sb_story_set_field (story, SB_STORY_FIELD_NOTES, notes->str);

  if (!g_ptr_array_find (self->conflicts, story, NULL))
    g_ptr_array_add (self->conflicts, g_object_ref (story));
}

/* The bank now holds @theirs for @field. A field the person did not change
 * follows the bank; one they changed to the same text is saved; one they
 * changed otherwise keeps their text, and the bank's goes into the notes. */
void
_sb_store_merge_field (SbStore      *self,
                       SbStory      *story,
                       SbStoryField  field,
                       const char   *theirs)
{
  const char *saved = sb_story_get_saved_field (story, field);
  const char *mine = sb_story_get_field (story, field);

  if (strcmp (saved, theirs) == 0)
    return;

  if (strcmp (mine, saved) == 0 || strcmp (mine, theirs) == 0)
    {
      sb_story_set_field (story, field, theirs);
      sb_story_set_saved_field (story, field, theirs);
      return;
    }

  {
    g_autofree char *kept = g_strdup (theirs);

    sb_story_set_saved_field (story, field, theirs);
    /* The notes themselves in conflict: theirs are added to the person's. */
    add_conflict_note (self, story, field, kept);
  }
}

void
_sb_store_merge_status (SbStore       *self,
                        SbStory       *story,
                        SbStoryStatus  theirs)
{
  SbStoryStatus saved = sb_story_get_saved_status (story);

  if (saved == theirs)
    return;
  if (sb_story_get_status (story) == saved)
    sb_story_set_status (story, theirs);
  /* Otherwise the person's choice stands: it is written next. */
  sb_story_set_saved_status (story, theirs);
}

void
_sb_store_catalog_changed (SbStore *self)
{
  self->emit_catalog = TRUE;
  _sb_store_flush_catalog (self);
}

void
_sb_store_flush_catalog (SbStore *self)
{
  if (!self->emit_catalog || sb_database_in_transaction (self->db))
    return;
  self->emit_catalog = FALSE;
  g_signal_emit (self, _sb_store_signals[CATALOG_CHANGED], 0);
}

/* Signals that wait until a write's transaction is over, so that no handler
 * runs inside it. */
void
_sb_store_emit_pending (SbStore *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;

  if (self->emit_reload)
    {
      self->emit_reload = FALSE;
      self->emit_catalog = FALSE;
      g_signal_emit (self, _sb_store_signals[CATALOG_CHANGED], 0);
      g_signal_emit (self, _sb_store_signals[STORIES_RELOADED], 0);
    }
  _sb_store_flush_catalog (self);
  _sb_store_emit_applications (self);
  if (self->conflicts->len == 0)
    return;
  conflicts = g_steal_pointer (&self->conflicts);
  self->conflicts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < conflicts->len; i++)
    g_signal_emit (self, _sb_store_signals[CHANGED_ELSEWHERE], 0, conflicts->pdata[i]);
}

static gboolean
reload_if_changed (SbStore   *self,
                   gboolean  *changed,
                   GError   **error)
{
  gint64 version;

  *changed = FALSE;
  if (!_sb_store_read_data_version (self, &version, error))
    return FALSE;
  if (version == self->data_version)
    return TRUE;

  if (!_sb_store_load_catalog (self, error) || !_sb_store_load_stories (self, error))
    return FALSE;
  self->data_version = version;
  *changed = TRUE;
  return TRUE;
}

/* Inside a write's own transaction, before it writes: nobody can commit
 * between this read and the write. */
gboolean
_sb_store_sync_in_write (SbStore  *self,
                         GError  **error)
{
  gboolean changed;

  if (!reload_if_changed (self, &changed, error))
    return FALSE;
  if (changed)
    self->emit_reload = TRUE;
  return TRUE;
}

gboolean
sb_store_sync (SbStore  *self,
               GError  **error)
{
  gboolean changed;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  /* Inside an import's transaction the bank is ours alone. */
  if (sb_database_in_transaction (self->db))
    return TRUE;
  /* One read transaction, so the catalog and the stories are read from the
   * same moment of the bank. */
  if (!sb_database_exec (self->db, "BEGIN", error))
    return FALSE;
  if (!reload_if_changed (self, &changed, error))
    {
      sb_database_exec (self->db, "ROLLBACK", NULL);
      return FALSE;
    }
  if (!sb_database_exec (self->db, "COMMIT", error))
    return FALSE;
  if (changed)
    self->emit_reload = TRUE;
  _sb_store_emit_pending (self);
  return TRUE;
}
