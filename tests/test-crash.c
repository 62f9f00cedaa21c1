/* test-crash.c — type into the real window, kill it, and find every word
 *
 * The test runs this same binary again as a child (--crash-child) that
 * starts the application on a bank in a temporary folder and types into the
 * story editor's widgets as a person would: a character every few
 * milliseconds, now and then a short pause or another field. Before each
 * keystroke it tells the parent, through a pipe, when it typed what into
 * which field. The parent SIGKILLs the child at a random moment and checks a
 * copy of the bank as the next start would find it:
 *
 *  - PRAGMA integrity_check (and the full-text index's own check) is "ok";
 *  - every field is a prefix of what was typed into it;
 *  - all fields come from one moment of the typing: no save is half-written;
 *  - everything typed longer ago than the autosave ceiling (plus a margin for
 *    a loaded machine) is there.
 *
 * The next child opens the very bank the kill left behind, hot WAL and all,
 * must show what the check found, and types on into the same story.
 *
 * The kill moments and the typing come from the test's random seed, printed
 * at the start of the output ("# random seed: R02S…"): run the test again
 * with --seed=R02S… to replay the same typing and kill moments (the machine's
 * timing still varies). SB_CRASH_KILLS=N sets how many kills (21 by
 * default), SB_CRASH_KEEP_BANK=1 keeps the bank to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-crash"

#include "config.h"

#include <adwaita.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sb-app.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-window-private.h"

/* The longest the app may keep steady typing unsaved. */
#define MAX_UNSAVED_MS SB_STORY_EDITOR_AUTOSAVE_MAX_MS
/* Slack for a machine busy with other builds: the save timer and the kill
 * are both at the mercy of the scheduler. */
#define MARGIN_MS 500
#define DEFAULT_KILLS 21
/* The child opens the app on a bank: generous, the machine may be loaded. */
#define START_TIMEOUT_S 60
/* A title longer than this gets no more typing (titles are short). */
#define MAX_TITLE_CHARS 80

static const char *const field_names[SB_STORY_N_FIELDS] = {
  "Title", "Situation", "Task", "Action", "Result", "Learning", "Notes",
};

/* ==== the child: a person typing into the window ======================= */

typedef struct
{
  int            log_fd;
  const char    *bank;
  const char    *uuid;      /* the story to go on with; NULL: make one */
  GRand         *rand;
  SbWindow      *window;
  SbStoryEditor *editor;
  SbStoryField   field;     /* where the cursor is */
  guint          n_chars[SB_STORY_N_FIELDS];
  guint          waited_ms;
} Typist;

static void
typist_log (Typist     *typist,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static void
typist_log (Typist     *typist,
            const char *format,
            ...)
{
  g_autofree char *line = NULL;
  va_list args;
  gsize len, done = 0;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);

  /* A keystroke's line is far shorter than PIPE_BUF: it arrives whole, or
   * not at all, whenever the kill comes. */
  len = strlen (line);
  while (done < len)
    {
      gssize n = write (typist->log_fd, line + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        g_error ("The crash test could not write its typing log: %s", g_strerror (errno));
      done += n;
    }
}

static char *
dup_widget_text (SbStoryEditor *editor,
                 SbStoryField   field)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  buffer = gtk_text_view_get_buffer (sb_story_editor_get_text_view (editor, field));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static guint
count_widget_chars (SbStoryEditor *editor,
                    SbStoryField   field)
{
  return gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (sb_story_editor_get_text_view (editor, field)));
}

/* A click at the end of the field. */
static void
typist_move_to (Typist       *typist,
                SbStoryField  field)
{
  GtkTextView *view = sb_story_editor_get_text_view (typist->editor, field);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter end;

  typist->field = field;
  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
}

static SbStoryField
typist_pick_field (Typist *typist)
{
  for (;;)
    {
      SbStoryField field = g_rand_int_range (typist->rand, 0, SB_STORY_N_FIELDS);

      if (field != SB_STORY_FIELD_TITLE || typist->n_chars[field] < MAX_TITLE_CHARS)
        return field;
    }
}

/* Mostly letters and spaces, some punctuation, some characters of two,
 * three and four bytes (a save cut inside one would show), and Enter in the
 * sections. Each key is one character. */
static const char *
typist_pick_key (Typist *typist)
{
  static const char *const letters[] = {
    "e", "t", "a", "o", "i", "n", "s", "h", "r", "d", "l", "u", "c", "m",
    "f", "w", "y", "p", "v", "b", "g", "k", "I", "T", "S", "W",
  };
  static const char *const punctuation[] = { ",", ".", "-", "'", "(", ")", "%", "&", ";", "\"" };
  static const char *const wide[] = { "é", "ü", "ß", "—", "’", "€", "→", "🙂", "日" };
  int roll = g_rand_int_range (typist->rand, 0, 100);

  if (roll < 16)
    return " ";
  if (roll < 19)
    return punctuation[g_rand_int_range (typist->rand, 0, G_N_ELEMENTS (punctuation))];
  if (roll < 22)
    return wide[g_rand_int_range (typist->rand, 0, G_N_ELEMENTS (wide))];
  if (roll < 23 && typist->field != SB_STORY_FIELD_TITLE)
    return "\n";
  return letters[g_rand_int_range (typist->rand, 0, G_N_ELEMENTS (letters))];
}

/* Where a keystroke ends up: the text view inserts the committed text at
 * the cursor as one user action; the entry inserts it at its position. */
static void
typist_press (Typist     *typist,
              const char *key)
{
  /* The title is a text view too: every field takes a keystroke alike. */
  GtkTextView *view = sb_story_editor_get_text_view (typist->editor, typist->field);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

  gtk_text_buffer_begin_user_action (buffer);
  if (!gtk_text_buffer_insert_interactive_at_cursor (buffer, key, -1, gtk_text_view_get_editable (view)))
    g_error ("The %s field refused a keystroke", field_names[typist->field]);
  gtk_text_buffer_end_user_action (buffer);
}

/* Steady typing: 5–20 ms a character, now and then a pause to think that
 * stays under the autosave pause, so only the ceiling saves. */
static guint
typist_next_delay (Typist *typist)
{
  if (g_rand_int_range (typist->rand, 0, 100) < 4)
    return g_rand_int_range (typist->rand, 60, 250);
  return g_rand_int_range (typist->rand, 5, 21);
}

static gboolean
type_key_cb (gpointer user_data)
{
  Typist *typist = user_data;
  g_autofree char *encoded = NULL;
  const char *key;
  guint expected;

  if (g_rand_int_range (typist->rand, 0, 100) < 3)
    typist_move_to (typist, typist_pick_field (typist));
  key = typist_pick_key (typist);
  expected = typist->n_chars[typist->field] + 1;

  /* Told before it is typed: the bank can never hold a character the
   * parent has not heard of. */
  encoded = g_base64_encode ((const guchar *) key, strlen (key));
  typist_log (typist, "K %" G_GINT64_FORMAT " %u %s %u\n",
              g_get_monotonic_time (), typist->field, encoded, expected);
  typist_press (typist, key);

  typist->n_chars[typist->field] = expected;
  if (count_widget_chars (typist->editor, typist->field) != expected)
    g_error ("After a keystroke the %s field holds %u characters, not %u",
             field_names[typist->field], count_widget_chars (typist->editor, typist->field), expected);

  g_timeout_add (typist_next_delay (typist), type_key_cb, typist);
  return G_SOURCE_REMOVE;
}

static void
typist_start (Typist *typist)
{
  SbStoryList *list = sb_window_get_story_list (typist->window);
  SbStory *story;

  typist->editor = sb_window_get_story_editor (typist->window);
  if (typist->uuid != NULL)
    {
      story = sb_store_find_story (sb_window_get_store (typist->window), typist->uuid);
      if (story == NULL)
        g_error ("After the crash the bank %s has no story %s", typist->bank, typist->uuid);
      sb_story_list_select_story (list, story);
    }
  else
    gtk_widget_activate_action (GTK_WIDGET (typist->window), "win.new-story", NULL);

  story = sb_story_editor_get_story (typist->editor);
  if (story == NULL || (typist->uuid != NULL && g_strcmp0 (sb_story_get_uuid (story), typist->uuid) != 0))
    g_error ("The editor does not show the story to type into");
  typist_log (typist, "S %s\n", sb_story_get_uuid (story));

  /* What the window shows after the crash: the parent compares it with
   * what it found in the bank. */
  for (SbStoryField field = 0; field < SB_STORY_N_FIELDS; field++)
    {
      g_autofree char *text = dup_widget_text (typist->editor, field);
      g_autofree char *encoded = g_base64_encode ((const guchar *) text, strlen (text));

      typist->n_chars[field] = g_utf8_strlen (text, -1);
      typist_log (typist, "I %u %s\n", field, encoded);
    }

  typist_move_to (typist, typist_pick_field (typist));
  typist_log (typist, "G %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_timeout_add (typist_next_delay (typist), type_key_cb, typist);
}

/* A person starts typing once the window is on screen. */
static gboolean
wait_for_window_cb (gpointer user_data)
{
  Typist *typist = user_data;

  if (!gtk_widget_get_mapped (GTK_WIDGET (typist->window)))
    {
      typist->waited_ms += 20;
      if (typist->waited_ms > START_TIMEOUT_S * 1000)
        g_error ("The window on %s never showed", typist->bank);
      return G_SOURCE_CONTINUE;
    }
  typist_start (typist);
  return G_SOURCE_REMOVE;
}

/* However the application opens the bank's window (activate, or the
 * command line of a launch), the first story window is the one to type in. */
static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 Typist         *typist)
{
  if (typist->window != NULL || !SB_IS_WINDOW (window))
    return;
  typist->window = SB_WINDOW (window);
  g_timeout_add (20, wait_for_window_cb, typist);
}

/* --crash-child BANK SEED [UUID]: runs until killed. */
static int
run_child (int   argc,
           char *argv[])
{
  g_autoptr(SbApp) app = NULL;
  g_autofree char *database = NULL;
  Typist typist = { 0 };
  char *app_argv[3];
  int status;

  if (argc < 4)
    g_error ("usage: %s --crash-child BANK SEED [UUID]", argv[0]);

  /* The log gets stdout's pipe to itself; anything else printed goes to
   * stderr, into the test's log. */
  typist.log_fd = fcntl (STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
  if (typist.log_fd < 0 || dup2 (STDERR_FILENO, STDOUT_FILENO) < 0)
    g_error ("The crash test could not set up its typing log: %s", g_strerror (errno));
  typist.bank = argv[2];
  typist.rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (argv[3], NULL, 10));
  typist.uuid = argc > 4 ? argv[4] : NULL;

  app = sb_app_new ();
  /* One child at a time, but the last one's bus name may not be released
   * yet when the next starts: stay out of single-instance negotiation. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), &typist);

  database = g_strconcat ("--database=", typist.bank, NULL);
  app_argv[0] = argv[0];
  app_argv[1] = database;
  app_argv[2] = NULL;
  /* Returns only when the app gave up by itself: the parent sees the log
   * end before the kill and says so. */
  status = g_application_run (G_APPLICATION (app), 2, app_argv);
  g_rand_free (typist.rand);
  return status;
}

/* ==== the parent: kill, look, go on ===================================== */

/* A failed check ends the test through its teardown, which kills and reaps
 * the child and removes the bank (an assertion's abort would leave both). */
#define CHECK(condition, ...) \
  G_STMT_START { \
    if (!(condition)) \
      { \
        g_test_fail_printf (__VA_ARGS__); \
        return FALSE; \
      } \
  } G_STMT_END

typedef struct
{
  gint64        time;
  SbStoryField  field;
} Keystroke;

typedef struct
{
  SbTestDir *dir;
  char      *bank;
  char      *uuid;
  /* What the bank held after the last kill; the next child starts there. */
  char      *saved[SB_STORY_N_FIELDS];

  /* This kill. */
  guint      round;
  GPid       pid;
  int        log_fd;
  GString   *pending;
  gboolean   eof;
  gboolean   started;
  gint64     typing_started;
  GString   *typed[SB_STORY_N_FIELDS];
  guint      n_initial[SB_STORY_N_FIELDS];
  GArray    *keys;

  /* Over all kills: how close one came to the ceiling. */
  gint64     worst_unsaved_us;
  guint      n_checked_lower_bound;
} Crash;

static void
crash_reap (Crash *crash)
{
  if (crash->pid > 0)
    {
      int status;

      kill (crash->pid, SIGKILL);
      while (waitpid (crash->pid, &status, 0) < 0 && errno == EINTR)
        ;
      g_spawn_close_pid (crash->pid);
      crash->pid = 0;
    }
  if (crash->log_fd >= 0)
    {
      close (crash->log_fd);
      crash->log_fd = -1;
    }
}

static void
crash_set_up (Crash         *crash,
              gconstpointer  data)
{
  crash->dir = sb_test_dir_new ();
  crash->bank = sb_test_dir_file (crash->dir, "bank.sqlite3");
  crash->log_fd = -1;
  crash->pending = g_string_new (NULL);
  crash->keys = g_array_new (FALSE, FALSE, sizeof (Keystroke));
  for (guint i = 0; i < SB_STORY_N_FIELDS; i++)
    {
      crash->saved[i] = g_strdup ("");
      crash->typed[i] = g_string_new (NULL);
    }
}

static void
crash_tear_down (Crash         *crash,
                 gconstpointer  data)
{
  crash_reap (crash);
  for (guint i = 0; i < SB_STORY_N_FIELDS; i++)
    {
      g_free (crash->saved[i]);
      g_string_free (crash->typed[i], TRUE);
    }
  g_array_unref (crash->keys);
  g_string_free (crash->pending, TRUE);
  g_free (crash->uuid);
  g_free (crash->bank);
  if (g_getenv ("SB_CRASH_KEEP_BANK") != NULL)
    {
      g_test_message ("The bank stays in %s", crash->dir->path);
      g_free (crash->dir->path);
      g_free (crash->dir);
    }
  else
    sb_test_dir_free (crash->dir);
}

static void
child_setup_cb (gpointer user_data)
{
  /* A parent that dies (a crash, meson's timeout) takes the typist with it. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static gboolean
crash_spawn (Crash   *crash,
             guint32  seed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", &error);
  g_autofree char *seed_text = g_strdup_printf ("%u", seed);
  const char *argv[] = { self_exe, "--crash-child", crash->bank, seed_text, crash->uuid, NULL };

  CHECK (self_exe != NULL, "The test cannot find its own binary: %s", error->message);
  g_string_truncate (crash->pending, 0);
  g_array_set_size (crash->keys, 0);
  crash->eof = FALSE;
  crash->started = FALSE;
  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                            child_setup_cb, NULL, &crash->pid, NULL, &crash->log_fd, NULL, &error);
  CHECK (error == NULL, "Kill %u: the typist could not start: %s", crash->round, error->message);
  return TRUE;
}

static char *
decode_text (const char *encoded)
{
  gsize len;
  g_autofree guchar *data = g_base64_decode (encoded, &len);

  return g_strndup ((const char *) data, len);
}

static gboolean
parse_field (const char   *text,
             SbStoryField *field)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, SB_STORY_N_FIELDS - 1, &value, NULL))
    return FALSE;
  *field = (SbStoryField) value;
  return TRUE;
}

static gboolean
crash_handle_line (Crash      *crash,
                   const char *line)
{
  g_auto(GStrv) parts = g_strsplit (line, " ", -1);
  guint n = g_strv_length (parts);
  SbStoryField field;

  if (g_str_equal (parts[0], "K") && n == 5 && parse_field (parts[2], &field))
    {
      Keystroke key = { g_ascii_strtoll (parts[1], NULL, 10), field };
      g_autofree char *text = decode_text (parts[3]);

      g_string_append (crash->typed[field], text);
      g_array_append_val (crash->keys, key);
      CHECK (g_utf8_strlen (crash->typed[field]->str, -1) == (glong) g_ascii_strtoull (parts[4], NULL, 10),
             "Kill %u: the typist's %s holds %s characters, the test counted %ld",
             crash->round, field_names[field], parts[4], g_utf8_strlen (crash->typed[field]->str, -1));
    }
  else if (g_str_equal (parts[0], "S") && n == 2)
    {
      if (crash->uuid == NULL)
        crash->uuid = g_strdup (parts[1]);
      CHECK (g_str_equal (parts[1], crash->uuid),
             "Kill %u: the window shows story %s, not %s", crash->round, parts[1], crash->uuid);
    }
  else if (g_str_equal (parts[0], "I") && n == 3 && parse_field (parts[1], &field))
    {
      g_autofree char *text = decode_text (parts[2]);

      /* The window after a crash shows what a fresh look at the bank found. */
      CHECK (g_str_equal (text, crash->saved[field]),
             "Kill %u: on the bank left by the last kill, the window shows the %s “%s”, "
             "but the bank held “%s”", crash->round, field_names[field], text, crash->saved[field]);
      g_string_assign (crash->typed[field], text);
      crash->n_initial[field] = g_utf8_strlen (text, -1);
    }
  else if (g_str_equal (parts[0], "G") && n == 2)
    {
      crash->typing_started = g_ascii_strtoll (parts[1], NULL, 10);
      crash->started = TRUE;
    }
  else
    CHECK (FALSE, "Kill %u: the typing log has a line the test does not know: %s", crash->round, line);
  return TRUE;
}

/* Reads the typing log until @deadline (monotonic µs), the end of the log,
 * or, with @until_started, the start of the typing. */
static gboolean
crash_read_log (Crash    *crash,
                gint64    deadline,
                gboolean  until_started)
{
  while (!crash->eof && !(until_started && crash->started))
    {
      struct pollfd pfd = { crash->log_fd, POLLIN, 0 };
      gint64 left = deadline - g_get_monotonic_time ();
      char buffer[4096];
      gssize n;
      char *newline;
      int ready;

      if (left <= 0)
        break;
      ready = poll (&pfd, 1, (int) MAX (1, left / 1000));
      if (ready < 0 && errno == EINTR)
        continue;
      CHECK (ready >= 0, "Could not wait for the typing log: %s", g_strerror (errno));
      if (ready == 0)
        continue;

      n = read (crash->log_fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR)
        continue;
      CHECK (n >= 0, "Could not read the typing log: %s", g_strerror (errno));
      if (n == 0)
        crash->eof = TRUE;
      g_string_append_len (crash->pending, buffer, n);
      while ((newline = strchr (crash->pending->str, '\n')) != NULL)
        {
          *newline = '\0';
          if (!crash_handle_line (crash, crash->pending->str))
            return FALSE;
          g_string_erase (crash->pending, 0, newline - crash->pending->str + 1);
        }
    }
  return TRUE;
}

static gboolean
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  if (!g_file_get_contents (from, &contents, &len, &error) ||
      !g_file_set_contents (to, contents, len, &error))
    CHECK (FALSE, "Could not copy the bank to look at it: %s", error->message);
  return TRUE;
}

/* The bank as the next start finds it, without disturbing the original: a
 * copy of the file and its WAL (the shared-memory index is rebuilt). */
static gboolean
copy_bank (Crash *crash,
           char  *copy)
{
  g_autofree char *wal = g_strconcat (crash->bank, "-wal", NULL);
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autofree char *copy_shm = g_strconcat (copy, "-shm", NULL);

  g_unlink (copy);
  g_unlink (copy_wal);
  g_unlink (copy_shm);
  if (!copy_file (crash->bank, copy))
    return FALSE;
  return !g_file_test (wal, G_FILE_TEST_EXISTS) || copy_file (wal, copy_wal);
}

/* The first column of every row, one a line; a failed step ends the text
 * with the error, so it is never mistaken for the end of the rows. */
static char *
query_rows (sqlite3    *db,
            const char *sql)
{
  GString *rows = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_string_append_printf (rows, "%s failed: %s", sql, sqlite3_errmsg (db));
      return g_string_free (rows, FALSE);
    }
  for (;;)
    {
      int rc = sqlite3_step (stmt);

      if (rc == SQLITE_DONE)
        break;
      if (rows->len > 0)
        g_string_append_c (rows, '\n');
      if (rc != SQLITE_ROW)
        {
          g_string_append_printf (rows, "%s failed: %s", sql, sqlite3_errmsg (db));
          break;
        }
      g_string_append (rows, (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  return g_string_free (rows, FALSE);
}

/* SQLite's own checks, on the file as the kill left it. */
static gboolean
check_integrity (Crash      *crash,
                 const char *path)
{
  sqlite3 *db = NULL;
  g_autofree char *integrity = NULL;
  g_autofree char *has_fts = NULL;
  g_autofree char *fts_error = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      g_test_fail_printf ("Kill %u: the bank does not open: %s", crash->round, sqlite3_errstr (rc));
      sqlite3_close (db);
      return FALSE;
    }
  integrity = query_rows (db, "PRAGMA integrity_check");
  has_fts = query_rows (db, "SELECT count(*) FROM sqlite_master WHERE name = 'stories_fts'");
  if (g_str_equal (has_fts, "1") &&
      sqlite3_exec (db, "INSERT INTO stories_fts (stories_fts) VALUES ('integrity-check')",
                    NULL, NULL, NULL) != SQLITE_OK)
    fts_error = g_strdup (sqlite3_errmsg (db));
  sqlite3_close (db);
  CHECK (g_str_equal (integrity, "ok"), "Kill %u: integrity_check says: %s", crash->round, integrity);
  CHECK (fts_error == NULL, "Kill %u: the full-text index does not match the stories: %s",
         crash->round, fts_error);
  return TRUE;
}

static gboolean
crash_check_bank (Crash  *crash,
                  gint64  killed_at)
{
  g_autofree char *copy = sb_test_dir_file (crash->dir, "check.sqlite3");
  g_autofree char *wal = g_strconcat (crash->bank, "-wal", NULL);
  GStatBuf st;
  guint wal_kib = 0;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint gained[SB_STORY_N_FIELDS], counts[SB_STORY_N_FIELDS];
  gint64 cutoff = killed_at - (gint64) (MAX_UNSAVED_MS + MARGIN_MS) * 1000;
  guint n_required = 0, n_saved = 0;
  gboolean snapshot = FALSE;
  SbStory *story;

  if (!copy_bank (crash, copy) || !check_integrity (crash, copy))
    return FALSE;
  if (g_stat (wal, &st) == 0)
    wal_kib = st.st_size / 1024;

  store = sb_store_open (copy, &error);
  CHECK (store != NULL, "Kill %u: the bank does not open: %s", crash->round, error->message);
  story = sb_store_find_story (store, crash->uuid);
  CHECK (story != NULL, "Kill %u: the story being typed into is gone from the bank", crash->round);

  /* Each field holds the start of what was typed into it, cut at a
   * character, never more; and nothing it held before this child. */
  for (SbStoryField field = 0; field < SB_STORY_N_FIELDS; field++)
    {
      const char *text = sb_story_get_field (story, field);

      CHECK (g_str_has_prefix (crash->typed[field]->str, text),
             "Kill %u: the bank's %s “%s” is not what was typed: “%s”",
             crash->round, field_names[field], text, crash->typed[field]->str);
      CHECK ((guint) g_utf8_strlen (text, -1) >= crash->n_initial[field],
             "Kill %u: the %s lost what the last kill had left: “%s” is now “%s”",
             crash->round, field_names[field], crash->saved[field], text);
      gained[field] = g_utf8_strlen (text, -1) - crash->n_initial[field];
    }

  /* One save writes one moment: the fields match the typing after some
   * number of keystrokes. Take the latest such moment. */
  memset (counts, 0, sizeof counts);
  for (guint i = 0; ; i++)
    {
      if (memcmp (counts, gained, sizeof counts) == 0)
        {
          snapshot = TRUE;
          n_saved = i;
        }
      if (i == crash->keys->len)
        break;
      counts[g_array_index (crash->keys, Keystroke, i).field]++;
    }
  CHECK (snapshot, "Kill %u: the fields were saved from different moments of the typing "
         "(characters gained: %u %u %u %u %u %u %u)", crash->round,
         gained[0], gained[1], gained[2], gained[3], gained[4], gained[5], gained[6]);

  /* Everything typed before the ceiling (and the margin) is on disk. */
  while (n_required < crash->keys->len &&
         g_array_index (crash->keys, Keystroke, n_required).time <= cutoff)
    n_required++;
  if (n_saved < crash->keys->len)
    crash->worst_unsaved_us = MAX (crash->worst_unsaved_us,
                                   killed_at - g_array_index (crash->keys, Keystroke, n_saved).time);
  if (n_required > 0)
    crash->n_checked_lower_bound++;
  g_test_message ("Kill %u: %u ms after typing began; %u keystrokes typed, %u on disk, %u must be; "
                  "the next start finds a %u KiB WAL",
                  crash->round, (guint) ((killed_at - crash->typing_started) / 1000),
                  crash->keys->len, n_saved, n_required, wal_kib);
  if (n_saved < n_required)
    {
      const Keystroke *oldest = &g_array_index (crash->keys, Keystroke, n_saved);

      memset (counts, 0, sizeof counts);
      for (guint i = 0; i < n_required; i++)
        counts[g_array_index (crash->keys, Keystroke, i).field]++;
      for (SbStoryField field = 0; field < SB_STORY_N_FIELDS; field++)
        if (counts[field] > gained[field])
          g_test_message ("Kill %u: the %s lost %u characters typed more than %u ms before the kill",
                          crash->round, field_names[field], counts[field] - gained[field],
                          MAX_UNSAVED_MS + MARGIN_MS);
      CHECK (FALSE, "Kill %u: the oldest keystroke not in the bank was typed %u ms before the kill, "
             "longer than the autosave ceiling of %u ms (and a margin of %u ms)",
             crash->round, (guint) ((killed_at - oldest->time) / 1000), MAX_UNSAVED_MS, MARGIN_MS);
    }

  for (SbStoryField field = 0; field < SB_STORY_N_FIELDS; field++)
    {
      g_free (crash->saved[field]);
      crash->saved[field] = g_strdup (sb_story_get_field (story, field));
    }
  return TRUE;
}

/* Spawns a typist, kills it @delay_ms after it began typing, and checks
 * the bank it leaves. */
static gboolean
crash_kill_once (Crash *crash,
                 guint  delay_ms)
{
  gint64 killed_at;
  int status;

  if (!crash_spawn (crash, g_test_rand_int ()) ||
      !crash_read_log (crash, g_get_monotonic_time () + START_TIMEOUT_S * G_USEC_PER_SEC, TRUE))
    return FALSE;
  CHECK (crash->started, "Kill %u: the window did not start typing within %u s%s",
         crash->round, START_TIMEOUT_S, crash->eof ? " (it died)" : "");

  if (!crash_read_log (crash, crash->typing_started + (gint64) delay_ms * 1000, FALSE))
    return FALSE;
  CHECK (!crash->eof, "Kill %u: the window died before it was killed (see its output above)",
         crash->round);

  killed_at = g_get_monotonic_time ();
  kill (crash->pid, SIGKILL);
  while (waitpid (crash->pid, &status, 0) < 0 && errno == EINTR)
    ;
  g_spawn_close_pid (crash->pid);
  crash->pid = 0;
  CHECK (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL,
         "Kill %u: the window ended by itself (status %d) before it was killed", crash->round, status);

  /* What the child wrote before it died is still in the pipe. */
  if (!crash_read_log (crash, g_get_monotonic_time () + 5 * G_USEC_PER_SEC, FALSE))
    return FALSE;
  CHECK (crash->eof, "Kill %u: the typing log stays open after the kill", crash->round);
  close (crash->log_fd);
  crash->log_fd = -1;

  return crash_check_bank (crash, killed_at);
}

/* Mostly anywhere in the first seconds; every third kill late enough that
 * a good part of the typing must be on disk. */
static guint
pick_kill_delay_ms (guint round)
{
  if (round % 3 == 2)
    return g_test_rand_int_range (MAX_UNSAVED_MS + MARGIN_MS + 500, MAX_UNSAVED_MS + MARGIN_MS + 2000);
  return g_test_rand_int_range (300, 3500);
}

static void
test_crash_while_typing (Crash         *crash,
                         gconstpointer  data)
{
  const char *kills_env = g_getenv ("SB_CRASH_KILLS");
  guint n_kills = kills_env != NULL ? (guint) g_ascii_strtoull (kills_env, NULL, 10) : DEFAULT_KILLS;

  for (crash->round = 1; crash->round <= n_kills; crash->round++)
    if (!crash_kill_once (crash, pick_kill_delay_ms (crash->round)))
      return;

  g_test_message ("%u kills; %u checked text that had to be on disk; "
                  "the oldest unsaved keystroke at a kill was %u ms old",
                  n_kills, crash->n_checked_lower_bound, (guint) (crash->worst_unsaved_us / 1000));
  /* Without kills late enough to demand saved text the test proves little. */
  g_assert_cmpuint (crash->n_checked_lower_bound, >=, n_kills / 3);
}

int
main (int   argc,
      char *argv[])
{
  if (argc >= 2 && g_str_equal (argv[1], "--crash-child"))
    return run_child (argc, argv);

  sb_test_ui_init (&argc, &argv);

  g_test_add ("/crash/kill-while-typing", Crash, NULL,
              crash_set_up, test_crash_while_typing, crash_tear_down);

  return g_test_run ();
}
