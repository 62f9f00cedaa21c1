/* sb-store-opening.h — opens a bank in a worker thread while start-up goes on
 *
 * Opening a big bank (reading every story) takes as long as starting GTK;
 * the two need not wait for each other. sb_store_opening_start() opens the
 * bank at @path (NULL: the default bank) with sb_store_open_deferring_check()
 * in a thread; sb_store_opening_finish() waits for it and hands the store
 * (or the error the same open would have given) to the caller's thread.
 * Nobody else sees the store until then, so no signal of it runs in the
 * worker with anyone listening.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-store.h"

G_BEGIN_DECLS

typedef struct _SbStoreOpening SbStoreOpening;

SbStoreOpening *sb_store_opening_start  (const char      *path);
const char     *sb_store_opening_get_path (SbStoreOpening *opening);
SbStore        *sb_store_opening_finish (SbStoreOpening  *opening,
                                         GError         **error);

G_END_DECLS
