/* sb-test-cli.h — running the real storybank binary as a person would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sys/wait.h>

/* What one run gave back. */
typedef struct
{
  int   status;   /* exit status; -1 when it did not exit (a signal) */
  char *out;
  char *err;
} SbTestRun;

static inline void
sb_test_run_clear (SbTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SbTestRun, sb_test_run_clear)

/* Runs $STORYBANK_BIN with the arguments (NULL-terminated) and no
 * display at all, as in a terminal over SSH. */
static inline void
sb_test_run_storybank (SbTestRun *run,
                       ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *bin = g_getenv ("STORYBANK_BIN");
  const char *arg;
  va_list args;
  int wait_status;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, g_strdup (bin));
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_unsetenv (envp, "DBUS_SESSION_BUS_ADDRESS");

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}
