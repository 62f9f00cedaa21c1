/* sb-test-store.h — a test's own bank, open in a store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>
#include <string.h>

#include "sb-exchange.h"
#include "sb-store.h"
#include "sb-test-util.h"

/* A saved story titled @title whose Action is @action (the store's). */
static inline SbStory *
sb_test_add_story (SbStore    *store,
                   const char *title,
                   const char *action)
{
  g_autoptr(GError) error = NULL;
  SbStory *story = sb_store_create_story (store, title, &error);

  g_assert_no_error (error);
  sb_story_set_field (story, SB_STORY_FIELD_ACTION, action);
  g_assert_true (sb_store_save_story (store, story, &error));
  g_assert_no_error (error);
  return story;
}

/* A fresh bank file in a temporary folder of its own, and its store. */
typedef struct
{
  SbTestDir *dir;
  char      *path;
  SbStore   *store;
} SbTestBank;

static inline void
sb_test_bank_init (SbTestBank *bank)
{
  g_autoptr(GError) error = NULL;

  bank->dir = sb_test_dir_new ();
  bank->path = sb_test_dir_file (bank->dir, "bank.sqlite3");
  bank->store = sb_store_open (bank->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bank->store);
}

/* Asserts that nothing else still holds the store (unless the test closed
 * it already), and removes the folder. */
static inline void
sb_test_bank_clear (SbTestBank *bank)
{
  if (bank->store != NULL)
    g_assert_finalize_object (bank->store);
  bank->store = NULL;
  g_clear_pointer (&bank->path, g_free);
  g_clear_pointer (&bank->dir, sb_test_dir_free);
}

static inline SbTestBank *
sb_test_bank_new (void)
{
  SbTestBank *bank = g_new0 (SbTestBank, 1);

  sb_test_bank_init (bank);
  return bank;
}

static inline void
sb_test_bank_free (SbTestBank *bank)
{
  sb_test_bank_clear (bank);
  g_free (bank);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbTestBank, sb_test_bank_free)

/* How many rows of @table match @where (SQL), read straight from the
 * file, so a refusal is seen to have written nothing. */
static inline guint
sb_test_count_rows (SbStore    *store,
                    const char *table,
                    const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s", table, where);
  sqlite3 *db = sb_database_get_handle (sb_store_get_database (store));
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The bank's export with its "exported" time taken out: two snapshots of
 * an unchanged bank are then equal. */
static inline char *
sb_test_export_stable (SbStore *store)
{
  g_autofree char *json = sb_exchange_export_json (store, NULL);
  char *line = strstr (json, "\"exported\" : \"");
  char *end;

  g_assert_nonnull (line);
  end = strchr (line, '\n');
  g_assert_nonnull (end);
  memmove (line, end + 1, strlen (end + 1) + 1);
  return g_steal_pointer (&json);
}
