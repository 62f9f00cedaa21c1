/* sb-database-files.c — a bank's files before SQLite opens them
 *
 * Looking at a path without trusting it (its header, what kind of file it
 * is, whether it is ours and sound), making a new bank's folders and
 * private file, keeping the bank's files private, and taking away what a
 * failed open made. Also the URIs that read a bank without writing beside
 * it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sb-database-private.h"

/* Reads the first bytes of an existing file without opening it through
 * SQLite, so a file that is not ours is never touched. */
gboolean
_sb_database_check_header (const char  *path,
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

void
sb_database_use_small_cache (sqlite3 *db)
{
  /* Refused only on a connection that is already gone: nothing to do. */
  sqlite3_exec (db, "PRAGMA cache_size = -" G_STRINGIFY (SB_DATABASE_SMALL_CACHE_KB), NULL, NULL, NULL);
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

  if (!_sb_database_query_int (db, "PRAGMA application_id", &app_id, &local_error) ||
      !_sb_database_query_int (db, "PRAGMA user_version", &version, &local_error) ||
      !_sb_database_query_int (db, "SELECT count(*) FROM sqlite_schema", &n_tables, &local_error))
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

  if (version > sb_database_get_latest_schema_version ())
    {
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer Storybank (schema %d; this version knows up to %d). "
                     "Update Storybank to open it."),
                   display, version, sb_database_get_latest_schema_version ());
      sqlite3_close_v2 (db);
      return FALSE;
    }

  /* The check reads every page (85 ms at 10,000 stories). It may wait
   * until after the window shows only for a bank that opening does not
   * write to: no migration, already a write-ahead log. */
  if (*defer_check)
    *defer_check = version == sb_database_get_latest_schema_version () && header_says_wal (path);

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
gboolean
_sb_database_vet_existing_file_settled (const char  *path,
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

gboolean
_sb_database_make_file_private (const char  *path,
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
gboolean
_sb_database_can_write (const char *path)
{
  return faccessat (AT_FDCWD, path, W_OK, AT_EACCESS) == 0;
}

/* Opening a named pipe would wait for a writer for ever, and a device or a
 * socket is no bank either: say what the path is instead. */
void
_sb_database_set_not_a_file_error (GError     **error,
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
gboolean
_sb_database_create_folders (const char  *dir,
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
gboolean
_sb_database_create_bank_file (const char  *path,
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
gboolean
_sb_database_create_private_file (const char  *path,
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
  return _sb_database_create_bank_file (path, dir, &created, error);
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
      _sb_database_set_not_a_file_error (error, display, st.st_mode);
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

gboolean
_sb_database_tighten_bank_files (const char  *path,
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
void
_sb_database_remove_left_behind (const char *path,
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

/* Before a bank whose -wal is there (a crash left it) is read: SQLite
 * would make the missing -shm with the bank's own mode (0400 or 0644, say),
 * and a later run that may write could not use a 0400 one. Make it 0600
 * first, one byte long: SQLite also gives an existing but empty side file
 * the bank's mode. It rebuilds the -shm's contents from the -wal. */
void
_sb_database_prepare_shm (const char *path,
                         const char *dir)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  int fd;

  if (!g_file_test (wal, G_FILE_TEST_EXISTS) || !_sb_database_can_write (dir))
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
gboolean
_sb_database_check_wal_readable (const char  *real_path,
                                 const char  *path,
                                 const char  *dir,
                                 GError     **error)
{
  g_autofree char *wal = g_strconcat (real_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (real_path, "-shm", NULL);
  g_autofree char *real_dir = g_path_get_dirname (real_path);

  if (!g_file_test (wal, G_FILE_TEST_EXISTS) || g_file_test (shm, G_FILE_TEST_EXISTS) ||
      _sb_database_can_write (real_dir))
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
