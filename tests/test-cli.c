/* test-cli.c — the headless command line, run as a person would run it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "sb-test-cli.h"
#include "sb-test-util.h"

static const char minimal_import[] =
  "{\"format\":\"storybank\",\"version\":1,\"stories\":["
  " {\"title\":\"Checkout outage\",\"situation\":\"Checkout timed out at peak.\","
  "  \"task\":\"I was on call.\",\"action\":\"I found a leaked connection and fixed it.\","
  "  \"result\":\"Errors fell from 15% to 0.1%.\",\"learning\":\"Alert on saturation.\","
  "  \"themes\":[\"core-production-incident\",\"lp-ownership\"]},"
  " {\"title\":\"Ledger migration\",\"situation\":\"s\",\"task\":\"t\",\"action\":\"a\","
  "  \"result\":\"r\",\"learning\":\"l\",\"themes\":[\"core-production-incident\"]}]}";

static void
test_version (void)
{
  g_auto(SbTestRun) run = { 0, };

  sb_test_run_storybank (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "storybank "));
}

static void
test_import_coverage_export (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "bank.sqlite3");
  g_autofree char *input = sb_test_dir_write (dir, "stories.json", minimal_import);
  g_autofree char *output = sb_test_dir_file (dir, "out.json");
  g_autofree char *database_arg = g_strconcat ("--database=", bank, NULL);
  g_autofree char *import_arg = g_strconcat ("--import=", input, NULL);
  g_autofree char *export_arg = g_strconcat ("--export=", output, NULL);
  g_autofree char *exported = NULL;
  g_auto(SbTestRun) imported = { 0, };
  g_auto(SbTestRun) coverage = { 0, };
  g_auto(SbTestRun) lp = { 0, };
  g_auto(SbTestRun) export = { 0, };
  g_auto(SbTestRun) check = { 0, };

  sb_test_run_storybank (&imported, database_arg, import_arg, NULL);
  g_assert_cmpint (imported.status, ==, 0);
  g_assert_cmpstr (imported.err, ==, "");
  g_assert_nonnull (strstr (imported.out, ": 2 stories added, 0 updated, 0 questions and 0 themes added"));
  {
    g_autofree char *one = sb_test_dir_write (dir, "one.json",
                                              "{\"format\":\"storybank\",\"version\":1,\"stories\":"
                                              "[{\"title\":\"Pager fatigue\"}]}");
    g_autofree char *one_arg = g_strconcat ("--import=", one, NULL);
    g_autofree char *other_bank = sb_test_dir_file (dir, "other.sqlite3");
    g_autofree char *other_arg = g_strconcat ("--database=", other_bank, NULL);
    g_auto(SbTestRun) single = { 0, };

    sb_test_run_storybank (&single, other_arg, one_arg, NULL);
    g_assert_cmpint (single.status, ==, 0);
    g_assert_nonnull (strstr (single.out, ": 1 story added, 0 updated"));
  }

  sb_test_run_storybank (&coverage, database_arg, "--coverage", NULL);
  g_assert_cmpint (coverage.status, ==, 0);
  g_assert_nonnull (strstr (coverage.out, "Core themes"));
  g_assert_nonnull (strstr (coverage.out, "Checkout outage"));
  g_assert_nonnull (strstr (coverage.out, "Ledger migration"));
  g_assert_nonnull (strstr (coverage.out, "2 ok"));   /* two stories on the incident theme */

  sb_test_run_storybank (&lp, database_arg, "--coverage", "--framework=amazon-lp", NULL);
  g_assert_cmpint (lp.status, ==, 0);
  g_assert_nonnull (strstr (lp.out, "Amazon Leadership Principles"));

  sb_test_run_storybank (&check, database_arg, "--check", NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_nonnull (strstr (check.out, "Ledger migration"));
  g_assert_nonnull (strstr (check.out, "The Result has no number"));
  g_assert_nonnull (strstr (check.out, "of 2 stories"));

  sb_test_run_storybank (&export, database_arg, export_arg, NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_true (g_file_get_contents (output, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported, "\"format\" : \"storybank\""));
  g_assert_nonnull (strstr (exported, "Checkout outage"));
}

static void
test_bad_import_changes_nothing (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "bank.sqlite3");
  g_autofree char *good = sb_test_dir_write (dir, "good.json", minimal_import);
  g_autofree char *bad = sb_test_dir_write (dir, "bad.json",
                                            "{\"format\":\"storybank\",\"version\":1,\n"
                                            "\"stories\":[{\"title\":\"Half\",}]}\n");
  g_autofree char *unknown = sb_test_dir_write (dir, "unknown.json",
                                                "{\"format\":\"storybank\",\"version\":1,\"stories\":["
                                                "{\"title\":\"A\",\"themes\":[\"core-production-incident\"]},"
                                                "{\"title\":\"B\",\"themes\":[\"core-made-up\"]}]}");
  g_autofree char *database_arg = g_strconcat ("--database=", bank, NULL);
  g_autofree char *good_arg = g_strconcat ("--import=", good, NULL);
  g_autofree char *bad_arg = g_strconcat ("--import=", bad, NULL);
  g_autofree char *unknown_arg = g_strconcat ("--import=", unknown, NULL);
  g_auto(SbTestRun) first = { 0, };
  g_auto(SbTestRun) before = { 0, };
  g_auto(SbTestRun) syntax = { 0, };
  g_auto(SbTestRun) theme = { 0, };
  g_auto(SbTestRun) after = { 0, };

  sb_test_run_storybank (&first, database_arg, good_arg, NULL);
  g_assert_cmpint (first.status, ==, 0);
  sb_test_run_storybank (&before, database_arg, "--coverage", NULL);

  sb_test_run_storybank (&syntax, database_arg, bad_arg, NULL);
  g_assert_cmpint (syntax.status, !=, 0);
  /* One line, naming the file and the place. */
  g_assert_true (g_str_has_prefix (syntax.err, "storybank: "));
  g_assert_nonnull (strstr (syntax.err, "bad.json:2:"));
  g_assert_cmpint (strchr (syntax.err, '\n') - syntax.err, ==, strlen (syntax.err) - 1);

  sb_test_run_storybank (&theme, database_arg, unknown_arg, NULL);
  g_assert_cmpint (theme.status, !=, 0);
  g_assert_nonnull (strstr (theme.err, "core-made-up"));

  sb_test_run_storybank (&after, database_arg, "--coverage", NULL);
  g_assert_cmpstr (after.out, ==, before.out);
}

/* A command that fails on a bank it had to create leaves no file behind; on
 * a bank that was there, it leaves the bank as it was. */
static void
test_failure_leaves_no_new_bank (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "new.sqlite3");
  g_autofree char *wal = g_strconcat (bank, "-wal", NULL);
  g_autofree char *shm = g_strconcat (bank, "-shm", NULL);
  g_autofree char *typo = sb_test_dir_write (dir, "typo.json",
                                             "{\"format\":\"storybank\",\"version\":1,\"stories\":["
                                             "{\"title\":\"A\",\"situaton\":\"My words\"}]}");
  g_autofree char *missing = sb_test_dir_file (dir, "missing.json");
  g_autofree char *database_arg = g_strconcat ("--database=", bank, NULL);
  g_autofree char *typo_arg = g_strconcat ("--import=", typo, NULL);
  g_autofree char *missing_arg = g_strconcat ("--import=", missing, NULL);
  g_auto(SbTestRun) refused = { 0, };
  g_auto(SbTestRun) absent = { 0, };
  g_auto(SbTestRun) framework = { 0, };

  sb_test_run_storybank (&refused, database_arg, typo_arg, NULL);
  g_assert_cmpint (refused.status, !=, 0);
  g_assert_nonnull (strstr (refused.err, "typo.json:1:"));
  g_assert_nonnull (strstr (refused.err, "stories[0].situaton"));
  g_assert_false (g_file_test (bank, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));

  sb_test_run_storybank (&absent, database_arg, missing_arg, NULL);
  g_assert_cmpint (absent.status, !=, 0);
  {
    g_autofree char *display = g_filename_display_name (missing);
    g_autofree char *expected = g_strdup_printf ("storybank: %s: there is no such file\n", display);
    g_assert_cmpstr (absent.err, ==, expected);
  }
  g_assert_false (g_file_test (bank, G_FILE_TEST_EXISTS));

  sb_test_run_storybank (&framework, database_arg, "--coverage", "--framework=nope", NULL);
  g_assert_cmpint (framework.status, !=, 0);
  g_assert_false (g_file_test (bank, G_FILE_TEST_EXISTS));
}

static void
test_bad_arguments (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "bank.sqlite3");
  g_autofree char *database_arg = g_strconcat ("--database=", bank, NULL);
  g_auto(SbTestRun) paper = { 0, };
  g_auto(SbTestRun) framework = { 0, };
  g_auto(SbTestRun) stray = { 0, };

  sb_test_run_storybank (&paper, database_arg, "--cheat-sheet=x.pdf", "--paper=b5", NULL);
  g_assert_cmpint (paper.status, !=, 0);
  g_assert_nonnull (strstr (paper.err, "b5"));
  /* Arguments are checked before the bank is created. */
  g_assert_false (g_file_test (bank, G_FILE_TEST_EXISTS));

  sb_test_run_storybank (&framework, database_arg, "--coverage", "--framework=nope", NULL);
  g_assert_cmpint (framework.status, !=, 0);
  g_assert_nonnull (strstr (framework.err, "nope"));
  g_assert_nonnull (strstr (framework.err, "amazon-lp"));

  sb_test_run_storybank (&stray, database_arg, "--paper=a4", NULL);
  g_assert_cmpint (stray.status, !=, 0);
}

static void
test_refuses_foreign_file (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *notes = sb_test_dir_write (dir, "notes.txt", "dear diary\n");
  g_autofree char *database_arg = g_strconcat ("--database=", notes, NULL);
  g_autofree char *contents = NULL;
  g_auto(SbTestRun) run = { 0, };

  sb_test_run_storybank (&run, database_arg, "--coverage", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "notes.txt"));
  g_assert_nonnull (strstr (run.err, "not a Storybank bank"));
  g_assert_true (g_file_get_contents (notes, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "dear diary\n");
}

static void
test_cheat_sheet_pdf (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "bank.sqlite3");
  g_autofree char *input = sb_test_dir_write (dir, "stories.json", minimal_import);
  g_autofree char *pdf = sb_test_dir_file (dir, "sheet.pdf");
  g_autofree char *database_arg = g_strconcat ("--database=", bank, NULL);
  g_autofree char *import_arg = g_strconcat ("--import=", input, NULL);
  g_autofree char *pdf_arg = g_strconcat ("--cheat-sheet=", pdf, NULL);
  g_autofree char *contents = NULL;
  g_auto(SbTestRun) imported = { 0, };
  g_auto(SbTestRun) sheet = { 0, };

  sb_test_run_storybank (&imported, database_arg, import_arg, NULL);
  sb_test_run_storybank (&sheet, database_arg, pdf_arg, "--paper=letter", NULL);
  g_assert_cmpint (sheet.status, ==, 0);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
}

/* Backups from the command line: an import is preceded by one, they are
 * listed, one is restored (after the bank is backed up), a bad file is
 * refused with one line and the bank left as it was. */
static void
test_backups (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "bank.sqlite3");
  g_autofree char *good = sb_test_dir_write (dir, "good.json", minimal_import);
  g_autofree char *junk = sb_test_dir_write (dir, "junk.sqlite3", "not a bank at all");
  g_autofree char *database_arg = g_strconcat ("--database=", bank, NULL);
  g_autofree char *good_arg = g_strconcat ("--import=", good, NULL);
  g_autofree char *junk_arg = g_strconcat ("--restore=", junk, NULL);
  g_autofree char *backup = NULL;
  g_autofree char *restore_arg = NULL;
  g_autofree char *bank_before = NULL;
  g_autofree char *bank_after = NULL;
  g_auto(SbTestRun) none = { 0, };
  g_auto(SbTestRun) first = { 0, };
  g_auto(SbTestRun) second = { 0, };
  g_auto(SbTestRun) listed = { 0, };
  g_auto(SbTestRun) restored = { 0, };
  g_auto(SbTestRun) relisted = { 0, };
  g_auto(SbTestRun) check = { 0, };
  g_auto(SbTestRun) refused = { 0, };
  g_auto(SbTestRun) unchanged = { 0, };
  g_auto(GStrv) lines = NULL;
  gsize len_before, len_after;

  sb_test_run_storybank (&none, database_arg, "--list-backups", NULL);
  g_assert_cmpint (none.status, ==, 0);
  g_assert_nonnull (strstr (none.out, "No backups yet"));
  /* Listing made no bank. */
  g_assert_false (g_file_test (bank, G_FILE_TEST_EXISTS));

  sb_test_run_storybank (&first, database_arg, good_arg, NULL);
  g_assert_cmpint (first.status, ==, 0);
  sb_test_run_storybank (&second, database_arg, good_arg, NULL);
  g_assert_cmpint (second.status, ==, 0);

  /* The first import found an empty bank; the second backed up two stories. */
  sb_test_run_storybank (&listed, database_arg, "--list-backups", NULL);
  g_assert_cmpint (listed.status, ==, 0);
  lines = g_strsplit (listed.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_nonnull (strstr (lines[0], "before-import"));
  g_assert_nonnull (strstr (lines[0], "2 stories"));
  backup = g_strdup (strstr (lines[0], dir->path));
  g_assert_nonnull (backup);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));

  restore_arg = g_strconcat ("--restore=", backup, NULL);
  sb_test_run_storybank (&restored, database_arg, restore_arg, NULL);
  g_assert_cmpint (restored.status, ==, 0);
  g_assert_nonnull (strstr (restored.out, "Restored"));
  g_assert_nonnull (strstr (restored.out, "(2 stories)"));
  g_assert_nonnull (strstr (restored.out, "before-restore"));

  sb_test_run_storybank (&check, database_arg, "--check", NULL);
  g_assert_nonnull (strstr (check.out, "of 2 stories"));

  sb_test_run_storybank (&relisted, database_arg, "--list-backups", NULL);
  g_assert_true (g_str_has_prefix (strstr (relisted.out, "  ") + 2, "before-restore"));
  g_assert_nonnull (strstr (relisted.out, "4 stories"));

  /* A file that is no bank: one line naming it, nothing changed, no backup. */
  g_assert_true (g_file_get_contents (bank, &bank_before, &len_before, NULL));
  sb_test_run_storybank (&refused, database_arg, junk_arg, NULL);
  g_assert_cmpint (refused.status, !=, 0);
  g_assert_true (g_str_has_prefix (refused.err, "storybank: "));
  g_assert_nonnull (strstr (refused.err, "junk.sqlite3"));
  g_assert_cmpint (strchr (refused.err, '\n') - refused.err, ==, strlen (refused.err) - 1);
  g_assert_true (g_file_get_contents (bank, &bank_after, &len_after, NULL));
  g_assert_cmpmem (bank_before, len_before, bank_after, len_after);
  sb_test_run_storybank (&unchanged, database_arg, "--list-backups", NULL);
  g_assert_cmpstr (unchanged.out, ==, relisted.out);
}

/* A bank others could read is made private, and the person is told once. */
static void
test_tightens_bank (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "bank.sqlite3");
  GStatBuf st;

  {
    g_auto(SbTestRun) run = { 0 };
    sb_test_run_storybank (&run, "--database", bank, "--check", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_null (strstr (run.err, "private"));
  }
  g_assert_cmpint (g_chmod (bank, 0644), ==, 0);
  {
    g_auto(SbTestRun) run = { 0 };
    sb_test_run_storybank (&run, "--database", bank, "--check", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.err, "bank.sqlite3"));
    g_assert_nonnull (strstr (run.err, "now private to you"));
  }
  g_assert_cmpint (g_stat (bank, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  {
    g_auto(SbTestRun) run = { 0 };
    sb_test_run_storybank (&run, "--database", bank, "--check", NULL);
    g_assert_null (strstr (run.err, "private"));
  }
}

/* Second launches: the window of each bank, in one running instance.
 *
 * These run the real binary with the test's display and session bus, the
 * way a person starts Storybank twice from a terminal or the launcher. */

#define APP_OBJECT_PATH "/io/github/storybank/Storybank"

/* Seconds to wait for the app, longer under the sanitizers (the build's
 * test setup there also gives meson's timeout 4×). */
static guint
app_seconds (guint seconds)
{
  return g_getenv ("ASAN_OPTIONS") != NULL ? 4 * seconds : seconds;
}

/* The children die with the test even when an assertion aborts it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GStrv
app_environ (SbTestDir *dir)
{
  GStrv envp = g_get_environ ();
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *data = sb_test_dir_file (dir, "xdg-data");
  g_autofree char *config = sb_test_dir_file (dir, "xdg-config");

  /* A GTK warning in the app is not what these tests look at. */
  envp = g_environ_unsetenv (envp, "G_DEBUG");
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data, TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", config, TRUE);
  if (builddir != NULL && g_environ_getenv (envp, "GSETTINGS_SCHEMA_DIR") == NULL)
    {
      g_autofree char *schemas = g_build_filename (builddir, "..", "data", NULL);
      envp = g_environ_setenv (envp, "GSETTINGS_SCHEMA_DIR", schemas, TRUE);
    }
  return envp;
}

static GPid
spawn_app (GStrv       envp,
           const char *cwd,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  GPid pid = 0;

  g_assert_nonnull (g_getenv ("STORYBANK_BIN"));
  g_ptr_array_add (argv, g_strdup (g_getenv ("STORYBANK_BIN")));
  va_start (args, cwd);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_async (cwd, (char **) argv->pdata, envp, G_SPAWN_DO_NOT_REAP_CHILD,
                                die_with_parent, NULL, &pid, &error));
  g_assert_no_error (error);
  return pid;
}

/* The exit status of @pid, or -1 when it did not end within @seconds (it is
 * then killed). */
static int
wait_bounded (GPid pid,
              guint seconds)
{
  gint64 deadline = g_get_monotonic_time () + app_seconds (seconds) * G_USEC_PER_SEC;
  int wait_status;

  while (g_get_monotonic_time () < deadline)
    {
      pid_t done = waitpid (pid, &wait_status, WNOHANG);

      if (done == pid)
        return WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
      g_assert_cmpint (done, ==, 0);
      g_usleep (50 * 1000);
    }
  kill (pid, SIGKILL);
  waitpid (pid, &wait_status, 0);
  return -1;
}

/* The banks the running instance has open, from its "open-banks" action
 * state; NULL while no instance answers. */
static GStrv
query_open_banks (GDBusConnection *bus)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) states = NULL;
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GVariant) paths = NULL;

  reply = g_dbus_connection_call_sync (bus, APPLICATION_ID, APP_OBJECT_PATH, "org.gtk.Actions",
                                       "Describe", g_variant_new ("(s)", "open-banks"),
                                       G_VARIANT_TYPE ("((bgav))"), G_DBUS_CALL_FLAGS_NO_AUTO_START,
                                       2000, NULL, NULL);
  if (reply == NULL)
    return NULL;
  g_variant_get (reply, "((bg@av))", NULL, NULL, &states);
  if (g_variant_n_children (states) != 1)
    return NULL;
  state = g_variant_get_child_value (states, 0);
  paths = g_variant_get_variant (state);
  if (!g_variant_is_of_type (paths, G_VARIANT_TYPE_STRING_ARRAY))
    return NULL;
  return g_variant_dup_strv (paths, NULL);
}

static char *
open_banks_text (GDBusConnection *bus)
{
  g_auto(GStrv) banks = query_open_banks (bus);

  return banks != NULL ? g_strjoinv ("|", banks) : g_strdup ("(no instance)");
}

/* Waits (at most 10 s, see app_seconds()) until the running instance has exactly @expected open,
 * "|"-separated in sorted order; returns what it had last. */
static char *
wait_for_open_banks (GDBusConnection *bus,
                     const char      *expected,
                     GPid             primary)
{
  gint64 deadline = g_get_monotonic_time () + app_seconds (10) * G_USEC_PER_SEC;
  char *text = NULL;

  do
    {
      int wait_status;

      g_free (text);
      text = open_banks_text (bus);
      if (g_strcmp0 (text, expected) == 0)
        break;
      if (waitpid (primary, &wait_status, WNOHANG) == primary)
        {
          g_free (text);
          return g_strdup ("(the first instance exited)");
        }
      g_usleep (100 * 1000);
    }
  while (g_get_monotonic_time () < deadline);
  return text;
}

static char *
canonical_file (SbTestDir  *dir,
                const char *name)
{
  char *real = realpath (dir->path, NULL);
  char *path;

  g_assert_nonnull (real);
  path = g_build_filename (real, name, NULL);
  free (real);
  return path;
}

static void
test_second_launch_opens_other_bank (void)
{
  g_autoptr(SbTestDir) dir = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) owner = NULL;
  g_autoptr(GVariant) quit_reply = NULL;
  g_auto(GStrv) envp = NULL;
  g_autofree char *bank_a = NULL;
  g_autofree char *bank_b = NULL;
  g_autofree char *a_arg = NULL;
  g_autofree char *b_arg = NULL;
  g_autofree char *both = NULL;
  g_autofree char *seen = NULL;
  g_autofree char *coverage_out = NULL;
  g_autoptr(GError) error = NULL;
  gboolean owned = FALSE;
  GPid primary;
  int status;
  int wait_status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_skip ("needs a display: run the suite under xvfb-run");
      return;
    }
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    {
      g_test_skip ("needs a session bus: run the suite under dbus-run-session");
      return;
    }
  owner = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", APPLICATION_ID), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, 2000, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (owner, "(b)", &owned);
  if (owned)
    {
      g_test_skip ("Storybank already runs on this session bus");
      return;
    }

  dir = sb_test_dir_new ();
  envp = app_environ (dir);
  bank_a = canonical_file (dir, "a.sqlite3");
  bank_b = canonical_file (dir, "b.sqlite3");
  a_arg = g_strconcat ("--database=", bank_a, NULL);
  b_arg = g_strconcat ("--database=", bank_b, NULL);
  both = g_strconcat (bank_a, "|", bank_b, NULL);

  primary = spawn_app (envp, NULL, a_arg, NULL);
  seen = wait_for_open_banks (bus, bank_a, primary);
  g_assert_cmpstr (seen, ==, bank_a);

  /* Another bank: its own window in the running instance; the second
   * process says so with 0 and ends. */
  status = wait_bounded (spawn_app (envp, NULL, b_arg, NULL), 10);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&seen, g_free);
  seen = wait_for_open_banks (bus, both, primary);
  g_assert_cmpstr (seen, ==, both);
  g_assert_true (g_file_test (bank_b, G_FILE_TEST_IS_REGULAR));

  /* The same banks again, once by a relative path from another folder:
   * their windows come forward, no second window opens. */
  status = wait_bounded (spawn_app (envp, NULL, a_arg, NULL), 10);
  g_assert_cmpint (status, ==, 0);
  status = wait_bounded (spawn_app (envp, dir->path, "--database=b.sqlite3", NULL), 10);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&seen, g_free);
  seen = open_banks_text (bus);
  g_assert_cmpstr (seen, ==, both);

  /* A headless command runs in the process that was started, never in the
   * running window, even with the display and the bus there. */
  {
    const char *argv[] = { g_getenv ("STORYBANK_BIN"), b_arg, "--coverage", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, die_with_parent, NULL,
                                 &coverage_out, NULL, &wait_status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
    g_assert_nonnull (strstr (coverage_out, "Core themes"));
  }

  /* A bank that cannot be opened: the second process says why and fails;
   * the open banks stay as they were. */
  {
    g_autofree char *notes = sb_test_dir_write (dir, "notes.txt", "dear diary\n");
    g_autofree char *notes_arg = g_strconcat ("--database=", notes, NULL);
    g_autofree char *refused_err = NULL;
    const char *argv[] = { g_getenv ("STORYBANK_BIN"), notes_arg, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL, die_with_parent,
                                 NULL, NULL, &refused_err, &wait_status, &error));
    g_assert_no_error (error);
    g_assert_false (g_spawn_check_wait_status (wait_status, NULL));
    g_assert_nonnull (strstr (refused_err, "notes.txt"));
    g_assert_nonnull (strstr (refused_err, "not a Storybank bank"));
    g_clear_pointer (&seen, g_free);
    seen = open_banks_text (bus);
    g_assert_cmpstr (seen, ==, both);
  }

  /* Quit closes every window and ends the instance. */
  quit_reply = g_dbus_connection_call_sync (bus, APPLICATION_ID, APP_OBJECT_PATH, "org.gtk.Actions",
                                            "Activate", g_variant_new ("(sava{sv})", "quit", NULL, NULL),
                                            NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wait_bounded (primary, 10), ==, 0);
}

/* Titles come from files anyone may hand over: what --check and --coverage
 * print of them must not move the cursor, clear the screen or ring. */
static void
test_bank_text_is_escaped (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "bank.sqlite3");
  g_autofree char *input = sb_test_dir_write (dir, "evil.json",
                                              "{\"format\":\"storybank\",\"version\":1,\"stories\":["
                                              "{\"title\":\"Wipe\\u001b[2J\\rFake\\u0007 café\","
                                              " \"situation\":\"s\",\"action\":\"a\","
                                              " \"themes\":[\"core-production-incident\"]}]}");
  g_autofree char *database_arg = g_strconcat ("--database=", bank, NULL);
  g_autofree char *import_arg = g_strconcat ("--import=", input, NULL);
  g_auto(SbTestRun) imported = { 0, };
  g_auto(SbTestRun) check = { 0, };
  g_auto(SbTestRun) coverage = { 0, };
  SbTestRun *runs[] = { &check, &coverage };

  sb_test_run_storybank (&imported, database_arg, import_arg, NULL);
  g_assert_cmpint (imported.status, ==, 0);
  sb_test_run_storybank (&check, database_arg, "--check", NULL);
  g_assert_cmpint (check.status, ==, 0);
  sb_test_run_storybank (&coverage, database_arg, "--coverage", NULL);
  g_assert_cmpint (coverage.status, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      const char *out = runs[i]->out;

      g_assert_null (strchr (out, '\033'));
      g_assert_null (strchr (out, '\r'));
      g_assert_null (strchr (out, '\a'));
      /* Shown, not dropped; ordinary UTF-8 is left as it is. */
      g_assert_nonnull (strstr (out, "Wipe\\x1b[2J\\rFake\\a café"));
    }
}

/* A bank for the coach's commands: a strong story of the labelled set
 * (tests/data/coach/stories.json), linked to the core theme of
 * q-production-outage, and a weak one linked to a principle only, whose
 * title has an escape character and whose Result has an "é" before the
 * vague phrase. Returns the --database= argument. */
static char *
make_coach_bank (SbTestDir *dir)
{
  g_autofree char *set_path = sb_test_data_path ("coach/stories.json");
  g_autoptr(JsonParser) set = json_parser_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *input = NULL;
  g_autofree char *import_arg = NULL;
  g_autofree char *bank = sb_test_dir_file (dir, "bank.sqlite3");
  char *database_arg = g_strconcat ("--database=", bank, NULL);
  g_auto(SbTestRun) imported = { 0, };
  JsonObject *strong = NULL;
  JsonArray *clean;
  static const char * const sections[] = { "situation", "task", "action", "result", "learning" };

  json_parser_load_from_file (set, set_path, &error);
  g_assert_no_error (error);
  clean = json_object_get_array_member (json_node_get_object (json_parser_get_root (set)), "clean");
  for (guint i = 0; i < json_array_get_length (clean); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (clean, i), "id"),
                   "pool-leak") == 0)
      strong = json_array_get_object_element (clean, i);
  g_assert_nonnull (strong);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "storybank");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "stories");
  json_builder_begin_array (builder);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, json_object_get_string_member (strong, "title"));
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      json_builder_set_member_name (builder, sections[i]);
      json_builder_add_string_value (builder, json_object_get_string_member (strong, sections[i]));
    }
  json_builder_set_member_name (builder, "themes");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "core-production-incident");
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, "Café\033[2J outage");
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      json_builder_set_member_name (builder, sections[i]);
      json_builder_add_string_value (builder, g_strcmp0 (sections[i], "result") == 0
                                     ? "Café: it got better, the pages stopped and support was happy."
                                     : json_object_get_string_member (strong, sections[i]));
    }
  json_builder_set_member_name (builder, "themes");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "lp-dive-deep");
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  input = sb_test_dir_write (dir, "coach.json", text);
  import_arg = g_strconcat ("--import=", input, NULL);
  sb_test_run_storybank (&imported, database_arg, import_arg, NULL);
  g_assert_cmpint (imported.status, ==, 0);
  return database_arg;
}

static JsonArray *
parse_array (JsonParser *parser,
             const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  return json_node_get_array (json_parser_get_root (parser));
}

/* --check --json: one array of findings, each with exactly the members the
 * issue names; ranges in characters into the section. */
static void
test_check_json (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *database_arg = make_coach_bank (dir);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(SbTestRun) check = { 0, };
  JsonArray *findings;
  JsonObject *vague = NULL;
  static const char * const members[] = { "story", "story_id", "check", "section", "severity", "message", "ranges" };

  sb_test_run_storybank (&check, database_arg, "--check", "--json", NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_null (strchr (check.out, '\033'));
  findings = parse_array (parser, check.out);
  g_assert_cmpuint (json_array_get_length (findings), >, 0);

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);
      const char *severity = json_object_get_string_member (finding, "severity");

      g_assert_cmpuint (json_object_get_size (finding), ==, G_N_ELEMENTS (members));
      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        g_assert_true (json_object_has_member (finding, members[m]));
      /* The strong story has nothing to fix. */
      g_assert_cmpstr (json_object_get_string_member (finding, "story"), ==, "Café\033[2J outage");
      g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (finding, "story_id")));
      g_assert_true (g_strv_contains ((const char *[]) { "hint", "warning", "problem", NULL }, severity));
      if (g_strcmp0 (json_object_get_string_member (finding, "check"), "vague-phrase") == 0)
        vague = finding;
    }

  g_assert_nonnull (vague);
  g_assert_cmpstr (json_object_get_string_member (vague, "section"), ==, "result");
  g_assert_cmpstr (json_object_get_string_member (vague, "severity"), ==, "warning");
  {
    JsonArray *ranges = json_object_get_array_member (vague, "ranges");
    JsonArray *range;

    g_assert_cmpuint (json_array_get_length (ranges), ==, 1);
    range = json_array_get_array_element (ranges, 0);
    /* "Café: " is six characters (seven bytes). */
    g_assert_cmpint (json_array_get_int_element (range, 0), ==, 6);
    g_assert_cmpint (json_array_get_int_element (range, 1), ==, 19);
  }
}

/* --suggest: the question page's ranking, best first, with short reasons;
 * an unknown slug is named and fails. */
static void
test_suggest (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *database_arg = make_coach_bank (dir);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(SbTestRun) text = { 0, };
  g_auto(SbTestRun) json = { 0, };
  g_auto(SbTestRun) unknown = { 0, };
  g_auto(SbTestRun) stray_json = { 0, };
  g_auto(GStrv) lines = NULL;
  JsonArray *ranking;

  sb_test_run_storybank (&text, database_arg, "--suggest=q-production-outage", NULL);
  g_assert_cmpint (text.status, ==, 0);
  lines = g_strsplit (g_strchomp (text.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_true (g_str_has_prefix (lines[0], "1. Connection pool leak on Black Friday ("));
  g_assert_true (g_str_has_suffix (lines[0], "): Primary: Production incident and debugging"));
  g_assert_true (g_str_has_prefix (lines[1], "2. Café\\x1b[2J outage ("));
  g_assert_true (g_str_has_suffix (lines[1], "): Shares: Dive Deep"));

  sb_test_run_storybank (&json, database_arg, "--suggest=q-production-outage", "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_null (strchr (json.out, '\033'));
  ranking = parse_array (parser, json.out);
  g_assert_cmpuint (json_array_get_length (ranking), ==, 2);
  {
    JsonObject *first = json_array_get_object_element (ranking, 0);
    JsonObject *second = json_array_get_object_element (ranking, 1);

    g_assert_cmpuint (json_object_get_size (first), ==, 4);
    g_assert_cmpstr (json_object_get_string_member (first, "story"), ==, "Connection pool leak on Black Friday");
    g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (first, "story_id")));
    g_assert_cmpstr (json_object_get_string_member (first, "reason"), ==,
                     "Primary: Production incident and debugging");
    g_assert_cmpfloat (json_object_get_double_member (first, "score"), >,
                       json_object_get_double_member (second, "score"));
    g_assert_cmpstr (json_object_get_string_member (second, "story"), ==, "Café\033[2J outage");
  }

  sb_test_run_storybank (&unknown, database_arg, "--suggest=q-no-such-question", NULL);
  g_assert_cmpint (unknown.status, !=, 0);
  g_assert_nonnull (strstr (unknown.err, "“q-no-such-question”"));
  g_assert_cmpstr (unknown.out, ==, "");

  sb_test_run_storybank (&stray_json, database_arg, "--json", NULL);
  g_assert_cmpint (stray_json.status, !=, 0);
  g_assert_nonnull (strstr (stray_json.err, "--json"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/import-coverage-export", test_import_coverage_export);
  g_test_add_func ("/cli/bad-import-changes-nothing", test_bad_import_changes_nothing);
  g_test_add_func ("/cli/bad-arguments", test_bad_arguments);
  g_test_add_func ("/cli/failure-leaves-no-new-bank", test_failure_leaves_no_new_bank);
  g_test_add_func ("/cli/refuses-foreign-file", test_refuses_foreign_file);
  g_test_add_func ("/cli/cheat-sheet-pdf", test_cheat_sheet_pdf);
  g_test_add_func ("/cli/backups", test_backups);
  g_test_add_func ("/cli/tightens-bank", test_tightens_bank);
  g_test_add_func ("/cli/second-launch-opens-other-bank", test_second_launch_opens_other_bank);
  g_test_add_func ("/cli/bank-text-is-escaped", test_bank_text_is_escaped);
  g_test_add_func ("/cli/check-json", test_check_json);
  g_test_add_func ("/cli/suggest", test_suggest);

  return g_test_run ();
}
