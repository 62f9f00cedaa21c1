/* sb-database.c — the SQLite connection behind a Storybank bank
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sb-backup.h"
#include "sb-checkpoint.h"
#include "sb-database-private.h"


G_DEFINE_FINAL_TYPE (SbDatabase, sb_database, G_TYPE_OBJECT)

/* How long a statement waits for another Storybank holding the bank. */
#define BUSY_TIMEOUT_MS 5000

G_DEFINE_QUARK (sb-database-error-quark, sb_database_error)

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

static void
sb_database_finalize (GObject *object)
{
  SbDatabase *self = (SbDatabase *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->checkpointer, sb_checkpointer_free);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->real_path, g_free);
  g_clear_pointer (&self->read_only_reason, g_free);

  G_OBJECT_CLASS (sb_database_parent_class)->finalize (object);
}

static void
sb_database_class_init (SbDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sb_database_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
sb_database_init (SbDatabase *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
}

static int
error_code_for_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      return SB_DATABASE_ERROR_NOT_A_BANK;
    case SQLITE_CORRUPT:
      return SB_DATABASE_ERROR_CORRUPT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return SB_DATABASE_ERROR_BUSY;
    case SQLITE_CONSTRAINT:
      return SB_DATABASE_ERROR_CONSTRAINT;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      return SB_DATABASE_ERROR_OPEN;
    default:
      return SB_DATABASE_ERROR_FAILED;
    }
}

static void
set_read_only_error (SbDatabase  *self,
                     GError     **error)
{
  g_autofree char *display = g_filename_display_name (self->path);

  g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_READ_ONLY,
               _("“%s” is open read-only: the change cannot be saved"), display);
}

void
sb_database_set_error (SbDatabase  *self,
                       GError     **error,
                       const char  *what)
{
  int rc = sqlite3_extended_errcode (self->db);

  if (self->read_only && (rc & 0xff) == SQLITE_READONLY)
    {
      set_read_only_error (self, error);
      return;
    }
  g_set_error (error, SB_DATABASE_ERROR, error_code_for_sqlite (rc),
               "%s: %s", what, sqlite3_errmsg (self->db));
}

char *
sb_database_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "storybank", "storybank.sqlite3", NULL);
}

/* Reads the first bytes of an existing file without opening it through
 * SQLite, so a file that is not ours is never touched. */
static gboolean
check_header (const char  *path,
              gboolean    *out_empty,
              GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  g_autofree char *display = g_filename_display_name (path);
  char header[100];
  struct stat st;
  ssize_t n;
  int fd;

  /* O_NONBLOCK: a named pipe swapped in after the caller looked must not
   * hang the open; fstat() then refuses it. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                   _("Could not open “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                   _("“%s” is not a regular file, so it cannot be a Storybank bank"), display);
      return FALSE;
    }
  n = read (fd, header, sizeof header);
  close (fd);

  if (n == 0)
    {
      *out_empty = TRUE;
      return TRUE;
    }
  *out_empty = FALSE;

  if (n < (ssize_t) sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_NOT_A_BANK,
                   _("“%s” is not a Storybank bank: it is not an SQLite database"), display);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (sqlite3     *db,
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
    g_set_error (error, SB_DATABASE_ERROR, error_code_for_sqlite (rc), "%s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return FALSE;
}

/* The URI to read @path for vetting, or to open a bank the person cannot
 * write, without creating anything beside it.
 *
 * A read-only connection is not enough: when a file's header says "WAL",
 * SQLite creates the -wal and -shm files next to it just to read it, even
 * when the file then turns out to be damaged or another program's. With
 * immutable=1 SQLite reads the main file alone and creates nothing.
 *
 * A -wal file that is already there means a live WAL database (perhaps open
 * in the app right now, or left by a crash) whose newest pages may be in the
 * WAL only: then read it the normal way, so those pages count, and the side
 * files are SQLite's own business. */
char *
sb_database_file_uri (const char *path,
                      const char *query)
{
  g_autoptr(GString) uri = g_string_new ("file:");

  for (const unsigned char *p = (const unsigned char *) path; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || strchr ("/-._~", *p) != NULL)
        g_string_append_c (uri, *p);
      else
        g_string_append_printf (uri, "%%%02X", *p);
    }
  g_string_append_printf (uri, "?%s", query);
  return g_string_free (g_steal_pointer (&uri), FALSE);
}

char *
sb_database_read_only_uri (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  return sb_database_file_uri (path, g_file_test (wal, G_FILE_TEST_EXISTS) ? "mode=ro" : "mode=ro&immutable=1");
}

gboolean
sb_database_quick_check (sqlite3     *db,
                         const char  *display,
                         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  const char *verdict = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    verdict = (const char *) sqlite3_column_text (stmt, 0);
  if (rc != SQLITE_ROW || g_strcmp0 (verdict, "ok") != 0)
    {
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_CORRUPT,
                   _("“%s” is damaged and cannot be read (%s)"), display,
                   verdict != NULL ? verdict : sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

/* Bytes 18 and 19 of the header are 2 in a bank in write-ahead-log mode. */
static gboolean
header_says_wal (const char *path)
{
  unsigned char header[20];
  gboolean wal = FALSE;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0);

  if (fd < 0)
    return FALSE;
  if (read (fd, header, sizeof header) == (ssize_t) sizeof header)
    wal = header[18] == 2 && header[19] == 2;
  close (fd);
  return wal;
}

/* Opens an existing file read-only and decides whether it is a Storybank
 * bank this program can use: the right application_id (or a blank SQLite
 * file), a schema version it knows, and pages that pass quick_check. Nothing
 * is written. */
static gboolean
vet_existing_file (const char  *path,
                   gboolean    *defer_check,
                   GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *uri = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db = NULL;
  int app_id = 0;
  int version = 0;
  int n_tables = 0;
  int rc;

  uri = sb_database_read_only_uri (path);
  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                   _("Could not open “%s”: %s"), display, sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return FALSE;
    }

  if (!query_int (db, "PRAGMA application_id", &app_id, &local_error) ||
      !query_int (db, "PRAGMA user_version", &version, &local_error) ||
      !query_int (db, "SELECT count(*) FROM sqlite_schema", &n_tables, &local_error))
    {
      if (g_error_matches (local_error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_NOT_A_BANK))
        g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_NOT_A_BANK,
                     _("“%s” is not a Storybank bank: it is not an SQLite database"), display);
      else
        g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_CORRUPT,
                     _("“%s” is damaged and cannot be read (%s)"), display, local_error->message);
      sqlite3_close_v2 (db);
      return FALSE;
    }

  if (app_id != SB_DATABASE_APPLICATION_ID && !(app_id == 0 && n_tables == 0))
    {
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_NOT_A_BANK,
                   _("“%s” is not a Storybank bank: it is another program’s SQLite database"),
                   display);
      sqlite3_close_v2 (db);
      return FALSE;
    }

  if (version > (int) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer Storybank (schema %d; this version knows up to %d). "
                     "Update Storybank to open it."),
                   display, version, (int) G_N_ELEMENTS (migrations));
      sqlite3_close_v2 (db);
      return FALSE;
    }

  /* The check reads every page (85 ms at 10,000 stories). It may wait
   * until after the window shows only for a bank that opening does not
   * write to: no migration, already a write-ahead log. */
  if (*defer_check)
    *defer_check = version == (int) G_N_ELEMENTS (migrations) && header_says_wal (path);

  if (!*defer_check && !sb_database_quick_check (db, display, error))
    {
      sqlite3_close_v2 (db);
      return FALSE;
    }

  sqlite3_close_v2 (db);
  return TRUE;
}

static gboolean
same_file_state (const GStatBuf *a,
                 const GStatBuf *b)
{
  return a->st_ino == b->st_ino && a->st_size == b->st_size &&
         a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Vetting reads the main file alone when no -wal is beside it. If another
 * Storybank closes the same bank at that moment, its last checkpoint writes
 * into the file under our feet and the read can look damaged or foreign. A
 * refusal therefore only stands when the file did not change meanwhile (a
 * file that is not ours does not); otherwise look again. */
static gboolean
vet_existing_file_settled (const char  *path,
                           gboolean    *defer_check,
                           GError     **error)
{
  gboolean may_defer = *defer_check;

  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      gboolean had_wal = g_file_test (wal, G_FILE_TEST_EXISTS);
      GStatBuf before, after;

      *defer_check = may_defer;
      if (g_stat (path, &before) != 0)
        return vet_existing_file (path, defer_check, error);
      if (vet_existing_file (path, defer_check, &local_error))
        return TRUE;
      if (attempt >= 5 || g_stat (path, &after) != 0 ||
          (same_file_state (&before, &after) && had_wal == g_file_test (wal, G_FILE_TEST_EXISTS)))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_usleep (20 * 1000);
    }
}

static gboolean
make_file_private (const char  *path,
                   GError     **error)
{
  if (g_chmod (path, 0600) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                   _("Could not make “%s” private: %s"), display, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Whether this process may write @path, by the effective ids the open
 * itself will use (access() would ask about the real ones). */
static gboolean
can_write (const char *path)
{
  return faccessat (AT_FDCWD, path, W_OK, AT_EACCESS) == 0;
}

/* Opening a named pipe would wait for a writer for ever, and a device or a
 * socket is no bank either: say what the path is instead. */
static void
set_not_a_file_error (GError     **error,
                      const char  *display,
                      mode_t       mode)
{
  if (S_ISFIFO (mode))
    g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                 _("“%s” is a named pipe, not a Storybank bank"), display);
  else if (S_ISSOCK (mode))
    g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                 _("“%s” is a socket, not a Storybank bank"), display);
  else if (S_ISCHR (mode) || S_ISBLK (mode))
    g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                 _("“%s” is a device, not a Storybank bank"), display);
  else
    g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                 _("“%s” is not a regular file, so it cannot be a Storybank bank"), display);
}

/* Creates @dir and its missing parents (0700), and records each folder it
 * made in @created, outermost first, so that a failed open can take them
 * away again. */
static gboolean
create_folders (const char  *dir,
                GPtrArray   *created,
                GError     **error)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *current = g_strdup (dir);

  for (;;)
    {
      GStatBuf st;
      char *parent;

      if (g_stat (current, &st) == 0)
        {
          if (!S_ISDIR (st.st_mode))
            {
              g_autofree char *display = g_filename_display_name (current);
              g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                           _("Could not create the bank: “%s” is not a folder"), display);
              return FALSE;
            }
          break;
        }
      if (errno != ENOENT)
        {
          int saved = errno;
          g_autofree char *display = g_filename_display_name (current);
          g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                       _("Could not open the folder “%s”: %s"), display, g_strerror (saved));
          return FALSE;
        }
      g_ptr_array_add (missing, g_strdup (current));
      parent = g_path_get_dirname (current);
      if (strcmp (parent, current) == 0)
        {
          g_free (parent);
          break;
        }
      g_free (current);
      current = parent;
    }

  for (guint i = missing->len; i-- > 0;)
    {
      const char *folder = missing->pdata[i];

      if (g_mkdir (folder, 0700) == 0)
        g_ptr_array_add (created, g_strdup (folder));
      else if (errno != EEXIST)
        {
          int saved = errno;
          g_autofree char *display = g_filename_display_name (folder);
          g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                       _("Could not create the folder “%s”: %s"), display, g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}

/* Makes the empty, private (0600) file of a new bank, so that SQLite, and
 * the -wal and -shm files it makes with the same mode, never expose it.
 * @created says whether this call made it (another Storybank opening the
 * same new bank at the same moment may have been first). */
static gboolean
create_bank_file (const char  *path,
                  const char  *dir,
                  gboolean    *created,
                  GError     **error)
{
  int fd;

  *created = FALSE;
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0 && errno == EEXIST)
    return TRUE;
  if (fd < 0)
    {
      int saved = errno;

      if (saved == EACCES || saved == EPERM || saved == EROFS)
        {
          g_autofree char *dir_display = g_filename_display_name (dir);
          g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                       _("Cannot make a new bank in the folder “%s”: %s"),
                       dir_display, g_strerror (saved));
        }
      else
        {
          g_autofree char *display = g_filename_display_name (path);
          g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                       _("Could not create “%s”: %s"), display, g_strerror (saved));
        }
      return FALSE;
    }
  fchmod (fd, 0600);
  close (fd);
  *created = TRUE;
  return TRUE;
}

/* Kept for backups: the folder and the empty private file in one. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  gboolean created;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *dir_display = g_filename_display_name (dir);
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                   _("Could not create the folder “%s”: %s"), dir_display, g_strerror (saved));
      return FALSE;
    }
  return create_bank_file (path, dir, &created, error);
}

/* Takes group and other access away from one of the bank's files when the
 * person owns it. A companion (-wal, -shm) of a writable bank also gets
 * the owner's write access back: a read-only run of an older Storybank
 * could leave them 0400, and SQLite cannot then write the bank at all. A
 * file someone else owns is never changed; when others can read it, it is
 * refused. */
static gboolean
tighten_file (const char  *path,
              gboolean     companion,
              gboolean     writable,
              gboolean    *tightened,
              GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  GStatBuf st;
  mode_t mode, wanted;

  if (g_lstat (path, &st) != 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        return TRUE;
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                   _("Could not open “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      set_not_a_file_error (error, display, st.st_mode);
      return FALSE;
    }

  mode = st.st_mode & 07777;
  if (st.st_uid != geteuid ())
    {
      if ((mode & 0044) != 0)
        {
          g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                       _("“%s” belongs to another user and others can read it. Storybank keeps "
                         "a bank private and never changes another person’s file: copy it to a "
                         "file of your own, or ask its owner to make it private (chmod 600)."),
                       display);
          return FALSE;
        }
      return TRUE;
    }

  wanted = mode & 0700;
  if (companion && writable)
    wanted |= 0600;
  if (wanted == mode)
    return TRUE;
  if (g_chmod (path, wanted) != 0)
    {
      int saved = errno;

      /* A read-only file system: nothing to tighten that anyone could
       * change, and the bank opens read-only. */
      if (saved == EROFS)
        return TRUE;
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                   _("Could not make “%s” private: %s"), display, g_strerror (saved));
      return FALSE;
    }
  if ((mode & 0077) != 0)
    *tightened = TRUE;
  return TRUE;
}

static gboolean
tighten_bank_files (const char  *path,
                    gboolean     writable,
                    gboolean    *tightened,
                    GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  return tighten_file (path, FALSE, writable, tightened, error) &&
         tighten_file (wal, TRUE, writable, tightened, error) &&
         tighten_file (shm, TRUE, writable, tightened, error) &&
         tighten_file (journal, TRUE, writable, tightened, error);
}

/* After a failed open: the new bank file this open made (and what SQLite
 * made beside it), and the folders it made, go again. */
static void
remove_left_behind (const char *path,
                    gboolean    created_file,
                    GPtrArray  *created_dirs)
{
  if (path != NULL && created_file)
    {
      static const char *suffixes[] = { "-wal", "-shm", "-journal" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *side = g_strconcat (path, suffixes[i], NULL);
          g_unlink (side);
        }
      g_unlink (path);
    }
  for (guint i = created_dirs->len; i-- > 0;)
    g_rmdir (created_dirs->pdata[i]);
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
      set_read_only_error (self, error);
      sqlite3_free (message);
      return FALSE;
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SB_DATABASE_ERROR, error_code_for_sqlite (rc),
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
      set_read_only_error (self, error);
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

  if (query_int (self->db, "PRAGMA user_version", &version, NULL) &&
      query_int (self->db, "PRAGMA application_id", &app_id, NULL) &&
      version >= latest && app_id == SB_DATABASE_APPLICATION_ID)
    return TRUE;

  if (!sb_database_begin (self, error))
    return FALSE;
  if (!query_int (self->db, "PRAGMA user_version", &version, &local_error) ||
      !query_int (self->db, "PRAGMA application_id", &app_id, &local_error))
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

/* A write-ahead log lets the window read while the command line writes.
 * The pragma answers with the mode in force, which is not "wal" where the
 * file system cannot share memory between processes (some network and
 * FUSE file systems): a rollback journal is as safe against a crash, so
 * the bank still opens; a mode that keeps no journal on disk is refused.
 * Switching a new bank to WAL needs the file to itself, and SQLite answers
 * "busy" at once, without its busy handler, while another Storybank is
 * doing the same: wait for it like the busy timeout would. */
static gboolean
use_wal (SbDatabase  *self,
         const char  *display,
         GError     **error)
{
  for (guint waited_ms = 0;; waited_ms += 10)
    {
      sqlite3_stmt *stmt = NULL;
      int rc;

      rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          g_autofree char *mode = g_ascii_strdown ((const char *) sqlite3_column_text (stmt, 0), -1);

          sqlite3_finalize (stmt);
          if (g_str_equal (mode, "wal"))
            return TRUE;
          if (g_str_equal (mode, "delete") || g_str_equal (mode, "truncate") ||
              g_str_equal (mode, "persist"))
            {
              g_debug ("%s: the file system refused a write-ahead log; using the %s journal",
                       display, mode);
              return TRUE;
            }
          g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                       _("“%s” cannot be kept safe here: the file system allows no journal "
                         "on disk (journal mode “%s”)"), display, mode);
          return FALSE;
        }
      sqlite3_finalize (stmt);
      if ((rc & 0xff) != SQLITE_BUSY || waited_ms >= 5000)
        {
          g_set_error (error, SB_DATABASE_ERROR, error_code_for_sqlite (rc),
                       _("Could not open “%s”: %s"), display, sqlite3_errmsg (self->db));
          return FALSE;
        }
      g_usleep (10 * 1000);
    }
}

/* Before a bank whose -wal is there (a crash left it) is read: SQLite
 * would make the missing -shm with the bank's own mode (0400 or 0644, say),
 * and a later run that may write could not use a 0400 one. Make it 0600
 * first, one byte long: SQLite also gives an existing but empty side file
 * the bank's mode. It rebuilds the -shm's contents from the -wal. */
static void
prepare_shm (const char *path,
                         const char *dir)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  int fd;

  if (!g_file_test (wal, G_FILE_TEST_EXISTS) || !can_write (dir))
    return;
  fd = g_open (shm, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd >= 0)
    {
      if (write (fd, "", 1) != 1)
        g_debug ("Could not prepare %s: %s", shm, g_strerror (errno));
      close (fd);
    }
}

/* A -wal that a session which did not close left behind holds the newest
 * changes, and SQLite can only read it with a -shm beside it: without one,
 * and without the right to make one, say so rather than "damaged". */
static gboolean
check_wal_readable (const char  *real_path,
                    const char  *path,
                    const char  *dir,
                    GError     **error)
{
  g_autofree char *wal = g_strconcat (real_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (real_path, "-shm", NULL);
  g_autofree char *real_dir = g_path_get_dirname (real_path);

  if (!g_file_test (wal, G_FILE_TEST_EXISTS) || g_file_test (shm, G_FILE_TEST_EXISTS) ||
      can_write (real_dir))
    return TRUE;

  {
    g_autofree char *display = g_filename_display_name (path);
    g_autofree char *dir_display = g_filename_display_name (dir);

    g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_READ_ONLY,
                 _("The newest changes to “%s” are in its “-wal” file, left by a session that "
                   "did not close, and reading them needs a file beside it that cannot be made "
                   "in the folder “%s”. Open the bank once where you may write to the folder."),
                 display, dir_display);
    return FALSE;
  }
}

static gboolean
open_connection (SbDatabase  *self,
                 const char  *real_path,
                 const char  *real_dir,
                 GError     **error)
{
  g_autofree char *display = g_filename_display_name (self->path);
  int rc;

  /* NOMUTEX: a connection is used by one thread at a time (the one of its
   * SbStore; workers and the checkpoint open their own), so SQLite need
   * not lock it around every call: reading 10,000 stories makes 300,000
   * sqlite3_column_*() calls, and the locks were 15 % of opening. */
  if (self->read_only)
    {
      g_autofree char *uri = sb_database_read_only_uri (real_path);

      rc = sqlite3_open_v2 (uri, &self->db,
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW |
                            SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX,
                            NULL);
    }
  else
    rc = sqlite3_open_v2 (real_path, &self->db,
                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE |
                          SQLITE_OPEN_NOMUTEX,
                          NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                   _("Could not open “%s”: %s"), display, sqlite3_errstr (rc));
      return FALSE;
    }

  /* SQLite quietly falls back to reading when it may not write the file:
   * then open it read-only on purpose instead, so that nothing it makes
   * beside the bank carries the wrong mode. */
  if (!self->read_only && sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_clear_pointer (&self->db, sqlite3_close_v2);
      self->read_only = TRUE;
      self->read_only_reason =
        g_strdup_printf (_("“%s” could only be opened for reading, so nothing in it can be changed."),
                         display);
      return open_connection (self, real_path, real_dir, error);
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  self->busy_timeout_ms = BUSY_TIMEOUT_MS;
  sqlite3_busy_timeout (self->db, self->busy_timeout_ms);
  return TRUE;
}

/* Everything sb_database_open() does; on failure the caller removes what
 * it made, which this records in @out_real_path, @out_created_file and
 * @created_dirs. */
static SbDatabase *
open_bank (const char  *path,
           gboolean     defer_check,
           GPtrArray   *created_dirs,
           char       **out_real_path,
           gboolean    *out_created_file,
           GError     **error)
{
  g_autoptr(SbDatabase) self = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *real_dir = NULL;
  g_autofree char *real_path = NULL;
  g_autofree char *read_only_reason = NULL;
  gboolean exists = FALSE;
  gboolean empty = TRUE;
  gboolean tightened = FALSE;
  GStatBuf st;

  /* Look at the path without following it, and before opening anything:
   * opening a named pipe would wait for ever. */
  if (g_lstat (path, &st) == 0)
    {
      exists = TRUE;
      if (S_ISLNK (st.st_mode))
        {
          /* SQLite opens the bank with SQLITE_OPEN_NOFOLLOW (its -wal and
           * -shm files would otherwise land beside the link, not the bank);
           * say so instead of SQLite's "unable to open database file". */
          g_autofree char *target = g_file_read_link (path, NULL);
          g_autofree char *target_display = target != NULL ? g_filename_display_name (target) : NULL;

          g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                       _("“%s” is a symbolic link (to “%s”); give the path of the bank file itself"),
                       display, target_display != NULL ? target_display : "?");
          return NULL;
        }
      if (S_ISDIR (st.st_mode))
        {
          g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                       _("“%s” is a folder, not a Storybank bank"), display);
          return NULL;
        }
      if (!S_ISREG (st.st_mode))
        {
          set_not_a_file_error (error, display, st.st_mode);
          return NULL;
        }
    }
  else if (errno != ENOENT)
    {
      int saved = errno;
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                   _("Could not open “%s”: %s"), display, g_strerror (saved));
      return NULL;
    }

  if (!exists && !create_folders (dir, created_dirs, error))
    return NULL;

  /* SQLITE_OPEN_NOFOLLOW refuses a symbolic link anywhere in the path, not
   * only the bank itself; a symlinked data folder is ordinary, so SQLite
   * gets the path with its folders resolved. */
  real_dir = realpath (dir, NULL);
  if (real_dir == NULL)
    {
      int saved = errno;
      g_autofree char *dir_display = g_filename_display_name (dir);
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                   _("Could not open the folder “%s”: %s"), dir_display, g_strerror (saved));
      return NULL;
    }
  real_path = g_build_filename (real_dir, base, NULL);
  *out_real_path = g_strdup (real_path);

  if (exists)
    {
      if (!check_header (real_path, &empty, error))
        return NULL;
      prepare_shm (real_path, real_dir);
      if (!empty && !check_wal_readable (real_path, path, dir, error))
        return NULL;
      if (empty)
        defer_check = FALSE;
      else if (!vet_existing_file_settled (real_path, &defer_check, error))
        return NULL;

      if (!can_write (real_path))
        read_only_reason = g_strdup_printf (_("You cannot write to “%s”, so it is open read-only: "
                                              "nothing in it can be changed."), display);
      else if (!can_write (real_dir))
        {
          g_autofree char *dir_display = g_filename_display_name (dir);
          read_only_reason = g_strdup_printf (_("You cannot write to the folder “%s”, so the bank is "
                                                "open read-only: nothing in it can be changed."),
                                              dir_display);
        }

      if (empty)
        {
          /* A 0-byte file holds nothing that could be lost, and SQLite
           * itself reads it as an empty database: it is what `touch`,
           * mktemp or a file chooser's "new file" leave behind for a bank
           * about to be made. So it becomes a new bank, made private (0600)
           * like one we create. */
          if (read_only_reason != NULL)
            {
              g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_READ_ONLY,
                           _("“%s” is empty, and no bank can be made in it: you cannot write "
                             "to it or to its folder"),
                           display);
              return NULL;
            }
          if (!make_file_private (real_path, error))
            return NULL;
        }
      else if (!tighten_bank_files (real_path, read_only_reason == NULL, &tightened, error))
        return NULL;
    }
  else
    {
      defer_check = FALSE;
      if (!create_bank_file (real_path, real_dir, out_created_file, error))
        return NULL;
    }

  self = g_object_new (SB_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->real_path = g_strdup (real_path);
  self->tightened = tightened;
  self->read_only = read_only_reason != NULL;
  self->read_only_reason = g_steal_pointer (&read_only_reason);
  self->check_pending = defer_check;

  if (!open_connection (self, real_path, real_dir, error))
    return NULL;
  /* Until its pages are checked, nothing may write to the file: not a
   * statement (query_only), nor the checkpoint of closing. */
  if (self->check_pending &&
      (sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL) != SQLITE_OK ||
       !sb_database_exec (self, "PRAGMA query_only = ON", error)))
    return NULL;

  /* Deleted rows are overwritten with zeros, not left in free space. */
  if (!sb_database_exec (self, "PRAGMA secure_delete = ON; PRAGMA foreign_keys = ON;", error))
    return NULL;

  if (self->read_only)
    {
      int version = 0;

      if (!sb_database_exec (self, "PRAGMA query_only = ON", error))
        return NULL;
      if (!query_int (self->db, "PRAGMA user_version", &version, error))
        return NULL;
      if (version < (int) G_N_ELEMENTS (migrations))
        {
          g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_READ_ONLY,
                       _("“%s” was written by an older Storybank and must be updated before it can "
                         "be opened, but it is read-only. Make it writable, or copy it, and open "
                         "it again."),
                       display);
          return NULL;
        }
      return g_steal_pointer (&self);
    }

  /* Migrate before switching to WAL: in a bank with a rollback journal
   * (every bank older than WAL, and every new one) a failed migration then
   * leaves the file byte for byte as it was. */
  if (!sb_database_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      /* Backups: a bank of an older schema is copied aside before migrating. */
      !sb_backup_before_migration (self, error) ||
      !migrate (self, error) ||
      !use_wal (self, display, error))
    return NULL;

  return g_steal_pointer (&self);
}

static SbDatabase *
open_database (const char  *path,
               gboolean     defer_check,
               GError     **error)
{
  g_autoptr(GPtrArray) created_dirs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *default_path = NULL;
  g_autofree char *real_path = NULL;
  gboolean created_file = FALSE;
  SbDatabase *self;

  if (path == NULL)
    path = default_path = sb_database_default_path ();

  self = open_bank (path, defer_check, created_dirs, &real_path, &created_file, error);
  if (self == NULL)
    remove_left_behind (real_path, created_file, created_dirs);
  return self;
}

SbDatabase *
sb_database_open (const char  *path,
                  GError     **error)
{
  return open_database (path, FALSE, error);
}

SbDatabase *
sb_database_open_deferring_check (const char  *path,
                                  GError     **error)
{
  return open_database (path, TRUE, error);
}

gboolean
sb_database_is_read_only (SbDatabase *self)
{
  g_return_val_if_fail (SB_IS_DATABASE (self), FALSE);
  return self->read_only;
}

const char *
sb_database_get_read_only_reason (SbDatabase *self)
{
  g_return_val_if_fail (SB_IS_DATABASE (self), NULL);
  return self->read_only_reason;
}

gboolean
sb_database_get_tightened (SbDatabase *self)
{
  g_return_val_if_fail (SB_IS_DATABASE (self), FALSE);
  return self->tightened;
}

/* FTS5 writes a big transaction as many segments and merges them
 * incrementally: each later commit does a slice of that merge work (64
 * leaf pages per level, about 8–15 ms), so the first autosaves after an
 * import paid for it on the main thread. 'optimize' finishes all of it at
 * once, in the import's own transaction (a worker's or the command
 * line's): no extra commit, so no other window sees a new data_version
 * and reloads its stories for it. About 20 ms at 1,000 stories, 160 ms at
 * 10,000. */
gboolean
sb_database_compact_search_index (SbDatabase  *self,
                                  GError     **error)
{
  g_return_val_if_fail (SB_IS_DATABASE (self), FALSE);

  if (!_sb_database_ensure_checked (self, error))
    return FALSE;
  if (self->read_only)
    {
      set_read_only_error (self, error);
      return FALSE;
    }
  return sb_database_exec (self, "INSERT INTO stories_fts (stories_fts) VALUES ('optimize')", error);
}

/* A deleted story's row is zeroed at once (secure_delete), but the
 * full-text index only marks its words deleted in a newer segment; the
 * older segments keep them until the segments are merged, which
 * 'optimize' does (only when there is more than one segment, so a call
 * with nothing deleted costs next to nothing). The WAL still holds the old
 * pages until it is checkpointed and truncated. */
gboolean
sb_database_forget_deleted (SbDatabase  *self,
                            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;
  int busy;

  g_return_val_if_fail (SB_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!_sb_database_ensure_checked (self, error))
    return FALSE;
  if (self->read_only)
    {
      set_read_only_error (self, error);
      return FALSE;
    }
  if (!sb_database_exec (self, "INSERT INTO stories_fts (stories_fts) VALUES ('optimize')", error))
    return FALSE;

  /* A truncating checkpoint waits for every reader to finish; another
   * window's read takes milliseconds, and a longer one is reported as
   * busy rather than holding up the delete for the full busy timeout. */
  sqlite3_busy_timeout (self->db, 250);
  sb_checkpointer_hold (self->checkpointer);
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sb_checkpointer_release (self->checkpointer);
  sqlite3_busy_timeout (self->db, self->busy_timeout_ms);
  if (rc != SQLITE_ROW)
    {
      sb_database_set_error (self, error, _("The deleted text could not be erased"));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  busy = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (busy)
    {
      g_autofree char *display = g_filename_display_name (self->path);
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_BUSY,
                   _("Deleted text is still in the journal of “%s” while another program reads "
                     "the bank; it is erased the next time this succeeds"), display);
      return FALSE;
    }
  return TRUE;
}

void
sb_database_set_busy_timeout (SbDatabase *self,
                              int         ms)
{
  g_return_if_fail (SB_IS_DATABASE (self));
  self->busy_timeout_ms = ms;
  sqlite3_busy_timeout (self->db, ms);
}

/* The WAL's size at which the worker folds it into the bank: SQLite's own
 * limit. The first commit after a complete checkpoint starts the WAL
 * again and syncs its header, on the committing thread (a few ms on a busy
 * disk): the larger the WAL, the rarer that is, and the worker's
 * checkpoint costs the main thread nothing. */
#define BACKGROUND_CHECKPOINT_PAGES 1000

void
sb_database_set_background_checkpoints (SbDatabase *self,
                                        gboolean    enabled)
{
  g_return_if_fail (SB_IS_DATABASE (self));

  if (!enabled)
    g_clear_pointer (&self->checkpointer, sb_checkpointer_free);
  else if (self->checkpointer == NULL && !self->read_only)
    self->checkpointer = sb_checkpointer_new (self->db, self->real_path, BACKGROUND_CHECKPOINT_PAGES);
}

guint
sb_database_get_n_background_checkpoints (SbDatabase *self)
{
  g_return_val_if_fail (SB_IS_DATABASE (self), 0);
  return self->checkpointer != NULL ? sb_checkpointer_get_n_done (self->checkpointer) : 0;
}

void
sb_database_wait_background_checkpoints (SbDatabase *self)
{
  g_return_if_fail (SB_IS_DATABASE (self));
  if (self->checkpointer != NULL)
    sb_checkpointer_wait (self->checkpointer);
}

/* Backups: a restored older bank is brought up to date like an opened one. */
gboolean
sb_database_migrate (SbDatabase  *self,
                     GError     **error)
{
  g_return_val_if_fail (SB_IS_DATABASE (self), FALSE);
  return migrate (self, error);
}

const char *
sb_database_get_path (SbDatabase *self)
{
  g_return_val_if_fail (SB_IS_DATABASE (self), NULL);
  return self->path;
}

sqlite3 *
sb_database_get_handle (SbDatabase *self)
{
  g_return_val_if_fail (SB_IS_DATABASE (self), NULL);
  return self->db;
}

int
sb_database_get_schema_version (SbDatabase *self)
{
  int version = -1;

  g_return_val_if_fail (SB_IS_DATABASE (self), -1);
  query_int (self->db, "PRAGMA user_version", &version, NULL);
  return version;
}

int
sb_database_get_latest_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
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
      set_read_only_error (self, error);
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

gboolean
sb_database_backup_to (SbDatabase  *self,
                       const char  *dest_path,
                       GError     **error)
{
  g_autofree char *display = g_filename_display_name (dest_path);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (SB_IS_DATABASE (self), FALSE);

  if (!create_private_file (dest_path, error))
    return FALSE;

  rc = sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", self->db, "main");
      if (backup != NULL)
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
      else
        rc = sqlite3_errcode (dest);
    }

  if (rc != SQLITE_OK)
    {
      g_set_error (error, SB_DATABASE_ERROR, error_code_for_sqlite (rc),
                   _("Could not back up the bank to “%s”: %s"), display,
                   dest != NULL ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      sqlite3_close_v2 (dest);
      return FALSE;
    }

  sqlite3_close_v2 (dest);
  return TRUE;
}
