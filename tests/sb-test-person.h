/* sb-test-person.h — acting as a person who cannot write everything
 *
 * Root may write any file, so "a file the person cannot write" only exists
 * for someone else: when the tests run as root, they act as "nobody"
 * (effective ids only, taken back by sb_test_act_as_self()) in a folder
 * nobody owns. As an ordinary user they act as themselves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include "sb-test-util.h"

#define SB_TEST_NOBODY 65534

/* FALSE (the test skipped) when "nobody" cannot reach @dir. */
static inline gboolean
sb_test_act_as_person (SbTestDir *dir)
{
  if (getuid () != 0)
    return TRUE;
  g_assert_cmpint (chown (dir->path, SB_TEST_NOBODY, SB_TEST_NOBODY), ==, 0);
  g_assert_cmpint (setegid (SB_TEST_NOBODY), ==, 0);
  g_assert_cmpint (seteuid (SB_TEST_NOBODY), ==, 0);
  if (faccessat (AT_FDCWD, dir->path, W_OK | X_OK, AT_EACCESS) != 0)
    {
      g_assert_cmpint (seteuid (0), ==, 0);
      g_assert_cmpint (setegid (0), ==, 0);
      g_test_skip ("running as root, and “nobody” cannot reach the temporary folder");
      return FALSE;
    }
  return TRUE;
}

static inline void
sb_test_act_as_self (void)
{
  if (getuid () != 0)
    return;
  g_assert_cmpint (seteuid (0), ==, 0);
  g_assert_cmpint (setegid (0), ==, 0);
}
