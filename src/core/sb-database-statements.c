/* sb-database-statements.c — running SQL on a bank: statements, steps, transactions, meta
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-database"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-database-private.h"

gboolean
_sb_database_query_int (sqlite3     *db,
                        const char  *sql,
                        int         *out,
                        GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_FAILED,
                 _("“%s” gave no answer"), sql);
  else
    g_set_error (error, SB_DATABASE_ERROR, _sb_database_error_code (rc), "%s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return FALSE;
}

gboolean
sb_database_exec (SbDatabase  *self,
                  const char  *sql,
                  GError     **error)
{
  char *message = NULL;
  int rc;

  g_return_val_if_fail (SB_IS_DATABASE (self), FALSE);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK && self->read_only && (rc & 0xff) == SQLITE_READONLY)
    {
      _sb_database_set_read_only_error (self, error);
      sqlite3_free (message);
      return FALSE;
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SB_DATABASE_ERROR, _sb_database_error_code (rc),
                   _("The bank could not be updated: %s"),
                   message != NULL ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

gboolean
sb_database_begin (SbDatabase  *self,
                   GError     **error)
{
  g_return_val_if_fail (SB_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!_sb_database_ensure_checked (self, error))
    return FALSE;
  if (self->read_only)
    {
      _sb_database_set_read_only_error (self, error);
      return FALSE;
    }
  if (!sb_database_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->in_transaction = TRUE;
  return TRUE;
}

gboolean
sb_database_commit (SbDatabase  *self,
                    GError     **error)
{
  g_return_val_if_fail (SB_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!sb_database_exec (self, "COMMIT", error))
    {
      sb_database_rollback (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  return TRUE;
}

void
sb_database_rollback (SbDatabase *self)
{
  g_return_if_fail (SB_IS_DATABASE (self));

  /* After some errors SQLite has already rolled back; a second ROLLBACK then
   * fails harmlessly, so its result is not interesting. */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
}

gboolean
sb_database_in_transaction (SbDatabase *self)
{
  g_return_val_if_fail (SB_IS_DATABASE (self), FALSE);
  return self->in_transaction;
}

sqlite3_stmt *
sb_database_prepare (SbDatabase  *self,
                     const char  *sql,
                     GError     **error)
{
  const char *key;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_DATABASE (self), NULL);

  key = g_intern_string (sql);
  stmt = g_hash_table_lookup (self->statements, key);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      sb_database_set_error (self, error, _("The bank could not be read"));
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) key, stmt);
  return stmt;
}

SbStep
sb_database_step (SbDatabase    *self,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  int rc;

  g_return_val_if_fail (SB_IS_DATABASE (self), SB_STEP_ERROR);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return SB_STEP_ROW;
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return SB_STEP_DONE;
    }
  sb_database_set_error (self, error, _("The bank could not be read"));
  sqlite3_reset (stmt);
  return SB_STEP_ERROR;
}

gboolean
sb_database_step_done (SbDatabase    *self,
                       sqlite3_stmt  *stmt,
                       GError       **error)
{
  int rc;

  g_return_val_if_fail (SB_IS_DATABASE (self), FALSE);

  if (!sqlite3_stmt_readonly (stmt) && !_sb_database_ensure_checked (self, error))
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  if (self->read_only && !sqlite3_stmt_readonly (stmt))
    {
      _sb_database_set_read_only_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  while (rc == SQLITE_ROW)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      sb_database_set_error (self, error, _("The bank could not be updated"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

char *
sb_database_get_meta (SbDatabase *self,
                      const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (SB_IS_DATABASE (self), NULL);

  stmt = sb_database_prepare (self, "SELECT value FROM meta WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sb_database_step (self, stmt, NULL) == SB_STEP_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gboolean
sb_database_set_meta (SbDatabase  *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_DATABASE (self), FALSE);

  if (value == NULL)
    stmt = sb_database_prepare (self, "DELETE FROM meta WHERE key = ?1", error);
  else
    stmt = sb_database_prepare (self,
                                "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return sb_database_step_done (self, stmt, error);
}
