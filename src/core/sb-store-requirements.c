/* sb-store-requirements.c — an application's requirement lines and the
 * stories that prove them
 *
 * A sibling of sb-store-applications.c (see there for how applications
 * are read and written), over sb-store-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-application-private.h"
#include "sb-requirements.h"
#include "sb-store-private.h"

/* ---- requirements ------------------------------------------------------- */

static const SbAppPart requirement_part = {
  .table = "requirements",
  .column = "text",
  .max_chars = SB_REQUIREMENT_MAX_CHARS,
  .get_store = _sb_application_get_requirement_store,
  .find_application = (SbApplication *(*) (SbStore *, gpointer, guint *, GError **)) _sb_store_requirement_application,
  .get_id = (gint64 (*) (gpointer)) sb_requirement_get_id,
  .get_text = (const char *(*) (gpointer)) sb_requirement_get_text,
  .set_text = (void (*) (gpointer, const char *)) _sb_requirement_set_text,
  .new_item = (gpointer (*) (gint64, gint64, const char *)) _sb_requirement_new,
};

SbRequirement *
sb_store_add_requirement (SbStore        *self,
                          SbApplication  *application,
                          const char     *text,
                          int             position,
                          GError        **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  g_return_val_if_fail (SB_IS_APPLICATION (application), NULL);

  return _sb_store_app_part_add (self, &requirement_part, application, text, position, _("requirement"), error);
}

gboolean
sb_store_set_requirement_text (SbStore        *self,
                               SbRequirement  *requirement,
                               const char     *text,
                               GError        **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_REQUIREMENT (requirement), FALSE);

  return _sb_store_app_part_set_text (self, &requirement_part, requirement, text, _("requirement"), error);
}

gboolean
sb_store_delete_requirement (SbStore        *self,
                             SbRequirement  *requirement,
                             GError        **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_REQUIREMENT (requirement), FALSE);

  return _sb_store_app_part_delete (self, &requirement_part, requirement, error);
}

static int
compare_bank_order (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  SbStore *self = user_data;
  SbStory *sa = sb_store_find_story (self, *(const char **) a);
  SbStory *sb = sb_store_find_story (self, *(const char **) b);
  gint64 ca = sa != NULL ? sb_story_get_created (sa) : G_MAXINT64;
  gint64 cb = sb != NULL ? sb_story_get_created (sb) : G_MAXINT64;
  gint64 ia = sa != NULL ? sb_story_get_id (sa) : G_MAXINT64;
  gint64 ib = sb != NULL ? sb_story_get_id (sb) : G_MAXINT64;

  if (ca != cb)
    return ca < cb ? -1 : 1;
  return (ia > ib) - (ia < ib);
}

/* @uuids (borrowed strings) in the bank's order of stories, as loading
 * gives them. */
static void
sort_bank_order (SbStore   *self,
                 GPtrArray *uuids)
{
  g_ptr_array_sort_with_data (uuids, compare_bank_order, self);
}

gboolean
sb_store_merge_requirements (SbStore        *self,
                             SbRequirement  *first,
                             SbRequirement  *second,
                             GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SbRequirement) kept = NULL;
  g_autoptr(GPtrArray) uuids = g_ptr_array_new ();
  g_autofree char *text = NULL;
  SbApplication *application, *other;
  const char * const *theirs;
  sqlite3_stmt *stmt;
  gboolean started;
  guint position;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_REQUIREMENT (first), FALSE);
  g_return_val_if_fail (SB_IS_REQUIREMENT (second), FALSE);

  if (!_sb_store_app_check_writable (self, error))
    return FALSE;
  application = _sb_store_requirement_application (self, first, NULL, error);
  if (application == NULL)
    return FALSE;
  other = _sb_store_requirement_application (self, second, NULL, error);
  if (other == NULL)
    return FALSE;
  if (first == second || application != other)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                   first == second ? _("A requirement cannot be merged with itself")
                                   : _("Only requirements of the same application can be merged"));
      return FALSE;
    }
  text = g_strdup_printf ("%s; %s", sb_requirement_get_text (first), sb_requirement_get_text (second));
  if (!_sb_store_app_check_text (text, SB_REQUIREMENT_MAX_CHARS, TRUE, _("merged requirement"), error))
    return FALSE;

  if (!_sb_store_app_write_begin (self, &started, error))
    return FALSE;
  if (_sb_store_requirement_application (self, first, NULL, &local_error) == NULL ||
      _sb_store_requirement_application (self, second, &position, &local_error) == NULL)
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
  stmt = sb_database_prepare (self->db, "UPDATE requirements SET text = ?2 WHERE id = ?1", &local_error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, sb_requirement_get_id (first));
      sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
    }
  if (stmt == NULL || !sb_database_step_done (self->db, stmt, &local_error) ||
      !_sb_store_exec_id_id (self,
                             "INSERT OR IGNORE INTO requirement_stories (requirement_id, story_id) "
                             "SELECT ?1, story_id FROM requirement_stories WHERE requirement_id = ?2",
                             sb_requirement_get_id (first), sb_requirement_get_id (second), &local_error) ||
      !_sb_store_exec_id (self, "DELETE FROM requirements WHERE id = ?1", sb_requirement_get_id (second), &local_error) ||
      !_sb_store_app_touch (self, sb_application_get_id (application), &local_error))
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
  if (!_sb_store_app_write_end (self, started, TRUE, NULL, error))
    return FALSE;

  for (const char * const *u = sb_requirement_get_story_uuids (first); *u != NULL; u++)
    g_ptr_array_add (uuids, (gpointer) *u);
  theirs = sb_requirement_get_story_uuids (second);
  for (guint i = 0; theirs[i] != NULL; i++)
    if (!_sb_requirement_has_story (first, theirs[i]))
      g_ptr_array_add (uuids, (gpointer) theirs[i]);
  sort_bank_order (self, uuids);
  g_ptr_array_add (uuids, NULL);

  kept = g_object_ref (second);
  g_object_freeze_notify (G_OBJECT (first));
  _sb_requirement_set_text (first, text);
  _sb_requirement_set_story_uuids (first, (const char * const *) uuids->pdata);
  g_object_thaw_notify (G_OBJECT (first));
  g_list_store_remove (_sb_application_get_requirement_store (application), position);
  _sb_store_applications_changed (self);
  return TRUE;
}

gboolean
sb_store_split_requirements (SbStore        *self,
                             SbApplication  *application,
                             GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) old = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) kept = g_hash_table_new (NULL, NULL);
  g_auto(GStrv) lines = NULL;
  gboolean started;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_APPLICATION (application), FALSE);

  if (!_sb_store_app_check_writable (self, error) || !_sb_store_app_check (self, application, error))
    return FALSE;

  if (!_sb_store_app_begin_change (self, application, &started, error))
    return FALSE;

  lines = sb_requirements_split (sb_application_get_field (application, SB_APPLICATION_FIELD_JOB_DESCRIPTION));
  old = _sb_store_app_list_items (sb_application_get_requirements (application));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      SbRequirement *same = NULL;

      /* A line the person already has keeps its row and its stories. */
      for (guint j = 0; j < old->len && same == NULL; j++)
        if (!g_hash_table_contains (kept, old->pdata[j]) &&
            strcmp (sb_requirement_get_text (old->pdata[j]), lines[i]) == 0)
          same = old->pdata[j];
      if (same != NULL)
        {
          g_hash_table_add (kept, same);
          g_ptr_array_add (items, g_object_ref (same));
        }
      else
        {
          gint64 id = _sb_store_app_part_insert_row (self, &requirement_part, sb_application_get_id (application),
                                                     lines[i], &local_error);

          if (id == 0)
            return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
          g_ptr_array_add (items, _sb_requirement_new (id, sb_application_get_id (application), lines[i]));
        }
    }
  for (guint j = 0; j < old->len; j++)
    if (!g_hash_table_contains (kept, old->pdata[j]) &&
        !_sb_store_exec_id (self, "DELETE FROM requirements WHERE id = ?1", sb_requirement_get_id (old->pdata[j]), &local_error))
      return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
  if (!_sb_store_app_write_positions (self, requirement_part.table, items, requirement_part.get_id, &local_error) ||
      !_sb_store_app_touch (self, sb_application_get_id (application), &local_error))
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
  if (!_sb_store_app_write_end (self, started, TRUE, NULL, error))
    return FALSE;

  _sb_store_app_sync_list (_sb_application_get_requirement_store (application), items);
  _sb_store_applications_changed (self);
  return TRUE;
}

gboolean
sb_store_set_requirement_story (SbStore        *self,
                                SbRequirement  *requirement,
                                SbStory        *story,
                                gboolean        linked,
                                GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) uuids = g_ptr_array_new ();
  SbApplication *application;
  const char *uuid;
  gboolean started;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_REQUIREMENT (requirement), FALSE);
  g_return_val_if_fail (SB_IS_STORY (story), FALSE);

  if (!_sb_store_app_check_writable (self, error) || _sb_store_requirement_application (self, requirement, NULL, error) == NULL ||
      !_sb_store_story_is_stored (self, story, error))
    return FALSE;
  uuid = sb_story_get_uuid (story);
  if (!!_sb_requirement_has_story (requirement, uuid) == !!linked)
    return TRUE;

  if (!_sb_store_app_write_begin (self, &started, error))
    return FALSE;
  application = _sb_store_requirement_application (self, requirement, NULL, &local_error);
  if (application == NULL || !_sb_store_story_is_stored (self, story, &local_error) ||
      !_sb_store_exec_id_id (self,
                             linked ? "INSERT OR IGNORE INTO requirement_stories (requirement_id, story_id) VALUES (?1, ?2)"
                          : "DELETE FROM requirement_stories WHERE requirement_id = ?1 AND story_id = ?2",
                             sb_requirement_get_id (requirement), sb_story_get_id (story), &local_error) ||
      !_sb_store_app_touch (self, sb_application_get_id (application), &local_error))
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
  if (!_sb_store_app_write_end (self, started, TRUE, NULL, error))
    return FALSE;

  for (const char * const *u = sb_requirement_get_story_uuids (requirement); *u != NULL; u++)
    if (strcmp (*u, uuid) != 0)
      g_ptr_array_add (uuids, (gpointer) *u);
  if (linked)
    g_ptr_array_add (uuids, (gpointer) uuid);
  sort_bank_order (self, uuids);
  g_ptr_array_add (uuids, NULL);
  _sb_requirement_set_story_uuids (requirement, (const char * const *) uuids->pdata);
  _sb_store_applications_changed (self);
  return TRUE;
}
