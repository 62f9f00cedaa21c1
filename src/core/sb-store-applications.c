/* sb-store-applications.c — the store's applications: one company's loop,
 * its requirements, its rounds and the stories planned for them
 *
 * Applications are few (a person prepares for a handful of loops at a
 * time), so they are read whole with the stories (at open, reload, after
 * another program committed, after a rolled-back change) and every object
 * is kept where its row still is, so widgets keep what they hold. Every
 * change is one transaction of its own (BEGIN IMMEDIATE, after taking in
 * what others committed), and memory follows only once the bank took it.
 * This file holds their lifetime and signal, the machinery every change
 * shares (the transaction, the checks, requirements and rounds alike), the
 * getters, and a deleted story's links kept for its undo. Loading is in
 * sb-store-applications-load.c, an application's own changes in
 * sb-store-applications-edit.c, requirements in sb-store-requirements.c,
 * rounds in sb-store-rounds.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-application-private.h"
#include "sb-store-private.h"

gint64
_sb_store_app_now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* ---- lifetime and signals ------------------------------------------------ */

void
_sb_store_applications_init (SbStore *self)
{
  self->applications = g_list_store_new (SB_TYPE_APPLICATION);
}

void
_sb_store_applications_dispose (SbStore *self)
{
  g_clear_object (&self->applications);
  g_clear_pointer (&self->current_application, g_free);
}

void
_sb_store_emit_applications (SbStore *self)
{
  /* Inside a transaction (an import) it waits for the end. */
  if (!self->emit_applications || sb_database_in_transaction (self->db))
    return;
  self->emit_applications = FALSE;
  g_signal_emit (self, _sb_store_signals[APPLICATIONS_CHANGED], 0);
}

/* After a change: now, or at the end of the transaction it is part of. */
void
_sb_store_applications_changed (SbStore *self)
{
  self->emit_applications = TRUE;
  _sb_store_emit_applications (self);
}

/* ---- writing ------------------------------------------------------------- */

/* Every change starts here: a transaction of its own (unless it is part
 * of one already), with what others committed taken in first. */
gboolean
_sb_store_app_write_begin (SbStore   *self,
                           gboolean  *started,
                           GError   **error)
{
  if (!_sb_store_write_begin (self, started, error))
    return FALSE;
  if (*started && !_sb_store_sync_in_write (self, error))
    {
      _sb_store_write_end (self, *started, FALSE, NULL);
      _sb_store_emit_pending (self);
      return FALSE;
    }
  return TRUE;
}

/* Ends the transaction _sb_store_app_write_begin() started; with @ok
 * FALSE, @local_error (taken) goes to @error. */
gboolean
_sb_store_app_write_end (SbStore   *self,
                         gboolean   started,
                         gboolean   ok,
                         GError    *local_error,
                         GError   **error)
{
  if (ok && !_sb_store_write_end (self, started, TRUE, error))
    ok = FALSE;
  else if (!ok)
    {
      _sb_store_write_end (self, started, FALSE, NULL);
      g_propagate_error (error, local_error);
    }
  _sb_store_emit_pending (self);
  return ok;
}

gboolean
_sb_store_app_begin_change (SbStore        *self,
                            SbApplication  *application,
                            gboolean       *started,
                            GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!_sb_store_app_write_begin (self, started, error))
    return FALSE;
  if (_sb_store_app_check (self, application, &local_error))
    return TRUE;
  return _sb_store_app_write_end (self, *started, FALSE, g_steal_pointer (&local_error), error);
}

gboolean
_sb_store_exec_id (SbStore     *self,
                   const char  *sql,
                   gint64       id,
                   GError     **error)
{
  sqlite3_stmt *stmt = sb_database_prepare (self->db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return sb_database_step_done (self->db, stmt, error);
}

gboolean
_sb_store_exec_id_id (SbStore     *self,
                      const char  *sql,
                      gint64       a,
                      gint64       b,
                      GError     **error)
{
  sqlite3_stmt *stmt = sb_database_prepare (self->db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  return sb_database_step_done (self->db, stmt, error);
}

gboolean
_sb_store_app_touch (SbStore  *self,
                     gint64    application_id,
                     GError  **error)
{
  return _sb_store_exec_id_id (self, "UPDATE applications SET updated_at = max (updated_at, ?2) WHERE id = ?1",
                               application_id, _sb_store_app_now_seconds (), error);
}

/* Writes position = index for every item of @items (SbRequirement or SbRound). */
gboolean
_sb_store_app_write_positions (SbStore     *self,
                               const char  *table,
                               GPtrArray   *items,
                               gint64     (*get_id) (gpointer),
                               GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET position = ?2 WHERE id = ?1", table);

  for (guint i = 0; i < items->len; i++)
    if (!_sb_store_exec_id_id (self, sql, get_id (items->pdata[i]), i, error))
      return FALSE;
  return TRUE;
}

GPtrArray *
_sb_store_app_list_items (GListModel *model)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  return items;
}

char *
_sb_store_app_clean_line (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

/* ---- checks ------------------------------------------------------------- */

gboolean
_sb_store_app_check_writable (SbStore  *self,
                              GError  **error)
{
  if (!sb_database_is_read_only (self->db))
    return TRUE;
  g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_READ_ONLY, "%s",
               sb_database_get_read_only_reason (self->db));
  return FALSE;
}

/* Text for @what: valid UTF-8 of at most @max characters, and, when
 * @required, not only blanks. */
gboolean
_sb_store_app_check_text (const char  *text,
                          glong        max,
                          gboolean     required,
                          const char  *what,
                          GError     **error)
{
  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                   _("The %s is not valid text (UTF-8)"), what);
      return FALSE;
    }
  if (required && !_sb_store_check_text (text, what, error))
    return FALSE;
  if (g_utf8_strlen (text, -1) > max)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                   /* Translators: %s is what was too long ("job description"), %ld a number */
                   _("The %s would be longer than %ld characters, the most Storybank keeps"),
                   what, max);
      return FALSE;
    }
  return TRUE;
}

static SbApplication *
find_by_id (SbStore *self,
            gint64   id)
{
  return _sb_store_app_find_in (G_LIST_MODEL (self->applications), id, (gint64 (*) (gpointer)) sb_application_get_id);
}

gboolean
_sb_store_app_check (SbStore        *self,
                     SbApplication  *application,
                     GError        **error)
{
  g_autofree char *name = NULL;

  if (find_by_id (self, sb_application_get_id (application)) == application)
    return TRUE;
  name = sb_application_dup_display_name (application);
  g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
               _("The application “%s” is no longer in this bank"), name);
  return FALSE;
}

/* The application @requirement belongs to, or NULL with @error set. */
SbApplication *
_sb_store_requirement_application (SbStore        *self,
                                   SbRequirement  *requirement,
                                   guint          *position,
                                   GError        **error)
{
  SbApplication *application = find_by_id (self, _sb_requirement_get_application_id (requirement));
  guint found;

  if (application != NULL &&
      g_list_store_find (_sb_application_get_requirement_store (application), requirement, &found))
    {
      if (position != NULL)
        *position = found;
      return application;
    }
  g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
               _("The requirement “%s” is no longer in this bank"), sb_requirement_get_text (requirement));
  return NULL;
}

SbApplication *
_sb_store_round_application (SbStore  *self,
                             SbRound  *round,
                             guint    *position,
                             GError  **error)
{
  SbApplication *application = find_by_id (self, _sb_round_get_application_id (round));
  guint found;

  if (application != NULL && g_list_store_find (_sb_application_get_round_store (application), round, &found))
    {
      if (position != NULL)
        *position = found;
      return application;
    }
  g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
               _("The round “%s” is no longer in this bank"), sb_round_get_name (round));
  return NULL;
}

/* ---- requirements and rounds alike -------------------------------------- */

gint64
_sb_store_app_part_insert_row (SbStore          *self,
                               const SbAppPart  *part,
                               gint64            application_id,
                               const char       *text,
                               GError          **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO %s (application_id, position, %s) VALUES (?1, 0, ?2)",
                                          part->table, part->column);
  sqlite3_stmt *stmt = sb_database_prepare (self->db, sql, error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, application_id);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  if (!sb_database_step_done (self->db, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (sb_database_get_handle (self->db));
}

gpointer
_sb_store_app_part_add (SbStore          *self,
                        const SbAppPart  *part,
                        SbApplication    *application,
                        const char       *text,
                        int               position,
                        const char       *what,
                        GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GObject) item = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *line = _sb_store_app_clean_line (text);
  GListStore *store = part->get_store (application);
  gboolean started;
  gint64 id;

  if (!_sb_store_app_check_writable (self, error) || !_sb_store_app_check (self, application, error) ||
      !_sb_store_app_check_text (line, part->max_chars, TRUE, what, error))
    return NULL;

  if (!_sb_store_app_begin_change (self, application, &started, error))
    return NULL;
  if ((id = _sb_store_app_part_insert_row (self, part, sb_application_get_id (application), line, &local_error)) == 0)
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error), NULL;

  item = part->new_item (id, sb_application_get_id (application), line);
  items = _sb_store_app_list_items (G_LIST_MODEL (store));
  if (position < 0 || (guint) position > items->len)
    position = items->len;
  g_ptr_array_insert (items, position, g_object_ref (item));
  if (!_sb_store_app_write_positions (self, part->table, items, part->get_id, &local_error) ||
      !_sb_store_app_touch (self, sb_application_get_id (application), &local_error))
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error), NULL;
  if (!_sb_store_app_write_end (self, started, TRUE, NULL, error))
    return NULL;

  g_list_store_insert (store, position, item);
  _sb_store_applications_changed (self);
  return item;
}

gboolean
_sb_store_app_part_set_text (SbStore          *self,
                             const SbAppPart  *part,
                             gpointer          item,
                             const char       *text,
                             const char       *what,
                             GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *line = _sb_store_app_clean_line (text);
  g_autofree char *sql = NULL;
  SbApplication *application;
  sqlite3_stmt *stmt;
  gboolean started;

  if (!_sb_store_app_check_writable (self, error) || part->find_application (self, item, NULL, error) == NULL ||
      !_sb_store_app_check_text (line, part->max_chars, TRUE, what, error))
    return FALSE;
  if (strcmp (line, part->get_text (item)) == 0)
    return TRUE;

  if (!_sb_store_app_write_begin (self, &started, error))
    return FALSE;
  application = part->find_application (self, item, NULL, &local_error);
  if (application == NULL)
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
  sql = g_strdup_printf ("UPDATE %s SET %s = ?2 WHERE id = ?1", part->table, part->column);
  stmt = sb_database_prepare (self->db, sql, &local_error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, part->get_id (item));
      sqlite3_bind_text (stmt, 2, line, -1, SQLITE_STATIC);
    }
  if (stmt == NULL || !sb_database_step_done (self->db, stmt, &local_error) ||
      !_sb_store_app_touch (self, sb_application_get_id (application), &local_error))
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
  if (!_sb_store_app_write_end (self, started, TRUE, NULL, error))
    return FALSE;

  part->set_text (item, line);
  _sb_store_applications_changed (self);
  return TRUE;
}

gboolean
_sb_store_app_part_delete (SbStore          *self,
                           const SbAppPart  *part,
                           gpointer          item,
                           GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GObject) kept = NULL;
  g_autofree char *sql = NULL;
  SbApplication *application;
  gboolean started;
  guint position;

  if (!_sb_store_app_check_writable (self, error) || part->find_application (self, item, NULL, error) == NULL)
    return FALSE;

  if (!_sb_store_app_write_begin (self, &started, error))
    return FALSE;
  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", part->table);
  application = part->find_application (self, item, &position, &local_error);
  if (application == NULL ||
      !_sb_store_exec_id (self, sql, part->get_id (item), &local_error) ||
      !_sb_store_app_touch (self, sb_application_get_id (application), &local_error))
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
  if (!_sb_store_app_write_end (self, started, TRUE, NULL, error))
    return FALSE;

  kept = g_object_ref (item);
  g_list_store_remove (part->get_store (application), position);
  _sb_store_applications_changed (self);
  return TRUE;
}

/* ---- applications ------------------------------------------------------- */

GListModel *
sb_store_get_applications (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->applications);
}

SbApplication *
sb_store_find_application (SbStore    *self,
                           const char *slug)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  if (slug == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->applications)); i++)
    {
      g_autoptr(SbApplication) application = g_list_model_get_item (G_LIST_MODEL (self->applications), i);

      if (strcmp (sb_application_get_slug (application), slug) == 0)
        return application;
    }
  return NULL;
}

SbApplication *
sb_store_get_requirement_application (SbStore       *self,
                                      SbRequirement *requirement)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  g_return_val_if_fail (SB_IS_REQUIREMENT (requirement), NULL);
  return _sb_store_requirement_application (self, requirement, NULL, NULL);
}

SbApplication *
sb_store_get_round_application (SbStore *self,
                                SbRound *round)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  g_return_val_if_fail (SB_IS_ROUND (round), NULL);
  return _sb_store_round_application (self, round, NULL, NULL);
}

/* ---- a story deleted and brought back ----------------------------------- */

typedef struct
{
  gint64 round_id;
  guint  position;
} RoundSlot;

struct _SbAppLinks
{
  GArray *requirement_ids;  /* gint64 */
  GArray *round_slots;      /* RoundSlot */
};

void
_sb_app_links_free (SbAppLinks *links)
{
  if (links == NULL)
    return;
  g_array_unref (links->requirement_ids);
  g_array_unref (links->round_slots);
  g_free (links);
}

SbAppLinks *
_sb_app_links_copy (const SbAppLinks *links)
{
  SbAppLinks *copy;

  if (links == NULL)
    return NULL;
  copy = g_new0 (SbAppLinks, 1);
  copy->requirement_ids = g_array_copy (links->requirement_ids);
  copy->round_slots = g_array_copy (links->round_slots);
  return copy;
}

/* The bank dropped @story's rows (ON DELETE CASCADE): memory follows, and
 * what it was linked to is kept for an undo. */
SbAppLinks *
_sb_store_applications_forget_story (SbStore *self,
                                     SbStory *story)
{
  SbAppLinks *links = g_new0 (SbAppLinks, 1);
  const char *uuid = sb_story_get_uuid (story);
  GListModel *applications = G_LIST_MODEL (self->applications);
  gboolean changed = FALSE;

  links->requirement_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  links->round_slots = g_array_new (FALSE, FALSE, sizeof (RoundSlot));
  for (guint a = 0; a < g_list_model_get_n_items (applications); a++)
    {
      g_autoptr(SbApplication) application = g_list_model_get_item (applications, a);
      GListModel *requirements = sb_application_get_requirements (application);
      GListModel *rounds = sb_application_get_rounds (application);

      for (guint i = 0; i < g_list_model_get_n_items (requirements); i++)
        {
          g_autoptr(SbRequirement) requirement = g_list_model_get_item (requirements, i);
          g_autoptr(GStrvBuilder) rest = NULL;
          g_auto(GStrv) uuids = NULL;
          gint64 id = sb_requirement_get_id (requirement);

          if (!_sb_requirement_has_story (requirement, uuid))
            continue;
          g_array_append_val (links->requirement_ids, id);
          rest = g_strv_builder_new ();
          for (const char * const *u = sb_requirement_get_story_uuids (requirement); *u != NULL; u++)
            if (strcmp (*u, uuid) != 0)
              g_strv_builder_add (rest, *u);
          uuids = g_strv_builder_end (rest);
          _sb_requirement_set_story_uuids (requirement, (const char * const *) uuids);
          changed = TRUE;
        }
      for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
        {
          g_autoptr(SbRound) round = g_list_model_get_item (rounds, i);
          g_autoptr(GStrvBuilder) rest = NULL;
          g_auto(GStrv) uuids = NULL;
          const char * const *planned = sb_round_get_story_uuids (round);

          for (guint p = 0; planned[p] != NULL; p++)
            if (strcmp (planned[p], uuid) == 0)
              {
                RoundSlot slot = { sb_round_get_id (round), p };
                g_array_append_val (links->round_slots, slot);
              }
          if (!_sb_round_has_story (round, uuid))
            continue;
          rest = g_strv_builder_new ();
          for (guint p = 0; planned[p] != NULL; p++)
            if (strcmp (planned[p], uuid) != 0)
              g_strv_builder_add (rest, planned[p]);
          uuids = g_strv_builder_end (rest);
          _sb_round_set_story_uuids (round, (const char * const *) uuids);
          changed = TRUE;
        }
    }
  /* sb_store_delete_story() emits it once the story is gone. */
  if (changed)
    self->emit_applications = TRUE;
  return links;
}

/* Puts @story back where it was linked and planned, in the bank; memory
 * is read back from it. Requirements and rounds deleted meanwhile are
 * skipped. Runs inside sb_store_restore_story()'s transaction. */
gboolean
_sb_store_applications_restore_story (SbStore           *self,
                                      SbStory           *story,
                                      const SbAppLinks  *links,
                                      GError           **error)
{
  if (links == NULL || (links->requirement_ids->len == 0 && links->round_slots->len == 0))
    return TRUE;
  for (guint i = 0; i < links->requirement_ids->len; i++)
    if (!_sb_store_exec_id_id (self,
                               "INSERT OR IGNORE INTO requirement_stories (requirement_id, story_id) "
                               "SELECT id, ?2 FROM requirements WHERE id = ?1",
                               g_array_index (links->requirement_ids, gint64, i), sb_story_get_id (story), error))
      return FALSE;
  for (guint i = 0; i < links->round_slots->len; i++)
    {
      RoundSlot *slot = &g_array_index (links->round_slots, RoundSlot, i);
      sqlite3_stmt *stmt;

      /* Make room at its old place, then put it there. */
      if (!_sb_store_exec_id_id (self, "UPDATE round_stories SET position = position + 1 WHERE round_id = ?1 AND position >= ?2",
                                 slot->round_id, slot->position, error))
        return FALSE;
      stmt = sb_database_prepare (self->db,
                                  "INSERT OR IGNORE INTO round_stories (round_id, story_id, position) "
                                  "SELECT id, ?2, ?3 FROM rounds WHERE id = ?1",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, slot->round_id);
      sqlite3_bind_int64 (stmt, 2, sb_story_get_id (story));
      sqlite3_bind_int (stmt, 3, slot->position);
      if (!sb_database_step_done (self->db, stmt, error))
        return FALSE;
    }
  /* sb_store_restore_story() emits "applications-changed" after its commit. */
  return _sb_store_load_applications (self, error);
}
