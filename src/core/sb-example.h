/* sb-example.h — the example story a new bank opens with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-store.h"

G_BEGIN_DECLS

/* Adds the example story to a bank opened for the first time, linked to
 * the themes it shows. A bank that already holds stories, or that had the
 * example once (deleted since), is left as it is: the example comes only
 * once. Returns the example when it was added now, else NULL; @error is
 * set only when the bank refused the write. */
SbStory *sb_example_seed (SbStore  *store,
                          GError  **error);

G_END_DECLS
