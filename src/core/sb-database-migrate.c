/* sb-database-migrate.c — a bank's schema versions and the migrations between them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-database"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-database-private.h"

/* Each migration brings the schema from version N to N + 1 and runs in one
 * transaction together with the user_version bump. Never edit a released
 * entry: add a new one. */
static const char *migrations[] = {
  /* 1: stories, the catalog and their links */
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE frameworks ("
  "  id          INTEGER PRIMARY KEY,"
  "  slug        TEXT NOT NULL UNIQUE,"
  "  name        TEXT NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  position    INTEGER NOT NULL DEFAULT 0,"
  "  builtin     INTEGER NOT NULL DEFAULT 0,"
  "  edited      INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE themes ("
  "  id           INTEGER PRIMARY KEY,"
  "  framework_id INTEGER NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,"
  "  slug         TEXT NOT NULL UNIQUE,"
  "  name         TEXT NOT NULL,"
  "  description  TEXT NOT NULL DEFAULT '',"
  "  position     INTEGER NOT NULL DEFAULT 0,"
  "  builtin      INTEGER NOT NULL DEFAULT 0,"
  "  edited       INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX themes_framework ON themes (framework_id, position);"
  "CREATE TABLE stories ("
  "  id         INTEGER PRIMARY KEY,"
  "  uuid       TEXT NOT NULL UNIQUE,"
  "  title      TEXT NOT NULL DEFAULT '',"
  "  situation  TEXT NOT NULL DEFAULT '',"
  "  task       TEXT NOT NULL DEFAULT '',"
  "  action     TEXT NOT NULL DEFAULT '',"
  "  result     TEXT NOT NULL DEFAULT '',"
  "  learning   TEXT NOT NULL DEFAULT '',"
  "  notes      TEXT NOT NULL DEFAULT '',"
  "  status     INTEGER NOT NULL DEFAULT 0 CHECK (status IN (0, 1)),"
  "  is_example INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE story_themes ("
  "  story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,"
  "  theme_id INTEGER NOT NULL REFERENCES themes (id) ON DELETE CASCADE,"
  "  strength INTEGER NOT NULL CHECK (strength IN (1, 2)),"
  "  PRIMARY KEY (story_id, theme_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX story_themes_theme ON story_themes (theme_id);"
  "CREATE TABLE questions ("
  "  id         INTEGER PRIMARY KEY,"
  "  slug       TEXT NOT NULL UNIQUE,"
  "  text       TEXT NOT NULL,"
  "  listen_for TEXT NOT NULL DEFAULT '',"
  "  position   INTEGER NOT NULL DEFAULT 0,"
  "  builtin    INTEGER NOT NULL DEFAULT 0,"
  "  edited     INTEGER NOT NULL DEFAULT 0,"
  "  hidden     INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE question_themes ("
  "  question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,"
  "  theme_id    INTEGER NOT NULL REFERENCES themes (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (question_id, theme_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE story_questions ("
  "  story_id    INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,"
  "  question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (story_id, question_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX story_questions_question ON story_questions (question_id);"
  "CREATE VIRTUAL TABLE stories_fts USING fts5 ("
  "  title, situation, task, action, result, learning, notes,"
  "  content = 'stories', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "CREATE TRIGGER stories_ai AFTER INSERT ON stories BEGIN"
  "  INSERT INTO stories_fts (rowid, title, situation, task, action, result, learning, notes)"
  "  VALUES (new.id, new.title, new.situation, new.task, new.action, new.result, new.learning, new.notes);"
  "END;"
  "CREATE TRIGGER stories_ad AFTER DELETE ON stories BEGIN"
  "  INSERT INTO stories_fts (stories_fts, rowid, title, situation, task, action, result, learning, notes)"
  "  VALUES ('delete', old.id, old.title, old.situation, old.task, old.action, old.result, old.learning, old.notes);"
  "END;"
  "CREATE TRIGGER stories_au AFTER UPDATE ON stories BEGIN"
  "  INSERT INTO stories_fts (stories_fts, rowid, title, situation, task, action, result, learning, notes)"
  "  VALUES ('delete', old.id, old.title, old.situation, old.task, old.action, old.result, old.learning, old.notes);"
  "  INSERT INTO stories_fts (rowid, title, situation, task, action, result, learning, notes)"
  "  VALUES (new.id, new.title, new.situation, new.task, new.action, new.result, new.learning, new.notes);"
  "END;",

  /* 2: the rehearsal log, for timed practice and spaced repetition */
  "CREATE TABLE practice_log ("
  "  id          INTEGER PRIMARY KEY,"
  "  story_id    INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,"
  "  question_id INTEGER REFERENCES questions (id) ON DELETE SET NULL,"
  "  practiced_at INTEGER NOT NULL,"
  "  seconds     INTEGER NOT NULL CHECK (seconds >= 0),"
  "  rating      INTEGER CHECK (rating BETWEEN 1 AND 5)"
  ");"
  "CREATE INDEX practice_log_story ON practice_log (story_id, practiced_at);",

  /* 3: indexes on the foreign keys that had none, so deleting a theme or a
   * question finds its question_themes and practice_log rows without
   * reading the whole table */
  "CREATE INDEX question_themes_theme ON question_themes (theme_id);"
  "CREATE INDEX practice_log_question ON practice_log (question_id);",

  /* 4: cue cards (five short lines per story), the "Which story?" drill's
   * log, and applications: one company's loop with its job requirements,
   * rounds and the story planned for each */
  "ALTER TABLE stories ADD COLUMN cue_situation TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE stories ADD COLUMN cue_task      TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE stories ADD COLUMN cue_action    TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE stories ADD COLUMN cue_result    TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE stories ADD COLUMN cue_learning  TEXT NOT NULL DEFAULT '';"
  "CREATE TABLE question_drills ("
  "  id          INTEGER PRIMARY KEY,"
  "  question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,"
  "  story_id    INTEGER REFERENCES stories (id) ON DELETE SET NULL,"
  "  drilled_at  INTEGER NOT NULL,"
  "  seconds     INTEGER NOT NULL DEFAULT 0 CHECK (seconds >= 0),"
  "  hit         INTEGER NOT NULL CHECK (hit IN (0, 1))"
  ");"
  "CREATE INDEX question_drills_question ON question_drills (question_id, drilled_at);"
  "CREATE INDEX question_drills_story ON question_drills (story_id);"
  "CREATE TABLE applications ("
  "  id              INTEGER PRIMARY KEY,"
  "  slug            TEXT NOT NULL UNIQUE,"
  "  company         TEXT NOT NULL DEFAULT '',"
  "  role            TEXT NOT NULL DEFAULT '',"
  "  loop_date       TEXT NOT NULL DEFAULT '',"
  "  job_description TEXT NOT NULL DEFAULT '',"
  "  why_company     TEXT NOT NULL DEFAULT '',"
  "  notes           TEXT NOT NULL DEFAULT '',"
  "  status          INTEGER NOT NULL DEFAULT 0 CHECK (status IN (0, 1)),"
  "  framework_id    INTEGER REFERENCES frameworks (id) ON DELETE SET NULL,"
  "  created_at      INTEGER NOT NULL,"
  "  updated_at      INTEGER NOT NULL"
  ");"
  "CREATE INDEX applications_framework ON applications (framework_id);"
  "CREATE TABLE requirements ("
  "  id             INTEGER PRIMARY KEY,"
  "  application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,"
  "  position       INTEGER NOT NULL DEFAULT 0,"
  "  text           TEXT NOT NULL"
  ");"
  "CREATE INDEX requirements_application ON requirements (application_id, position);"
  "CREATE TABLE requirement_stories ("
  "  requirement_id INTEGER NOT NULL REFERENCES requirements (id) ON DELETE CASCADE,"
  "  story_id       INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (requirement_id, story_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX requirement_stories_story ON requirement_stories (story_id);"
  "CREATE TABLE rounds ("
  "  id             INTEGER PRIMARY KEY,"
  "  application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,"
  "  position       INTEGER NOT NULL DEFAULT 0,"
  "  name           TEXT NOT NULL"
  ");"
  "CREATE INDEX rounds_application ON rounds (application_id, position);"
  "CREATE TABLE round_focus ("
  "  round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,"
  "  theme_id INTEGER NOT NULL REFERENCES themes (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (round_id, theme_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX round_focus_theme ON round_focus (theme_id);"
  "CREATE TABLE round_stories ("
  "  round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,"
  "  story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (round_id, story_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX round_stories_story ON round_stories (story_id);",
};

/* All the missing migrations run in one transaction, with the user_version
 * bump: a failing step leaves the file exactly as it was, never half
 * updated. The version is read again under the write lock, since another
 * Storybank opening the same new bank at the same moment (the app and the
 * command line) may have migrated it while this one waited. */
static gboolean
migrate (SbDatabase  *self,
         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  int latest = G_N_ELEMENTS (migrations);
  int version = 0;
  int app_id = 0;

  if (_sb_database_query_int (self->db, "PRAGMA user_version", &version, NULL) &&
      _sb_database_query_int (self->db, "PRAGMA application_id", &app_id, NULL) &&
      version >= latest && app_id == SB_DATABASE_APPLICATION_ID)
    return TRUE;

  if (!sb_database_begin (self, error))
    return FALSE;
  if (!_sb_database_query_int (self->db, "PRAGMA user_version", &version, &local_error) ||
      !_sb_database_query_int (self->db, "PRAGMA application_id", &app_id, &local_error))
    {
      sb_database_rollback (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (int target = version + 1; target <= latest; target++)
    {
      if (!sb_database_exec (self, migrations[target - 1], &local_error))
        {
          sb_database_rollback (self);
          g_set_error (error, SB_DATABASE_ERROR, local_error->code,
                       _("Could not update the bank to schema %d: %s"),
                       target, local_error->message);
          return FALSE;
        }
    }

  if (version < latest)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", latest);

      if (!sb_database_exec (self, bump, error))
        {
          sb_database_rollback (self);
          return FALSE;
        }
    }
  if (app_id != SB_DATABASE_APPLICATION_ID &&
      !sb_database_exec (self, "PRAGMA application_id = " G_STRINGIFY (SB_DATABASE_APPLICATION_ID), error))
    {
      sb_database_rollback (self);
      return FALSE;
    }
  return sb_database_commit (self, error);
}

/* Backups: a restored older bank is brought up to date like an opened one. */
gboolean
sb_database_migrate (SbDatabase  *self,
                     GError     **error)
{
  g_return_val_if_fail (SB_IS_DATABASE (self), FALSE);
  return migrate (self, error);
}

int
sb_database_get_schema_version (SbDatabase *self)
{
  int version = -1;

  g_return_val_if_fail (SB_IS_DATABASE (self), -1);
  _sb_database_query_int (self->db, "PRAGMA user_version", &version, NULL);
  return version;
}

int
sb_database_get_latest_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}
