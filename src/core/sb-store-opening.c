/* sb-store-opening.c — opens a bank in a worker thread while start-up goes on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-store-opening"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-store-opening.h"

struct _SbStoreOpening
{
  char    *path;
  GThread *thread;
  /* Written by the thread, read after joining it. */
  SbStore *store;
  GError  *error;
};

static gpointer
open_thread (gpointer data)
{
  SbStoreOpening *opening = data;

  opening->store = sb_store_open_deferring_check (opening->path, &opening->error);
  return NULL;
}

SbStoreOpening *
sb_store_opening_start (const char *path)
{
  SbStoreOpening *opening = g_new0 (SbStoreOpening, 1);

  opening->path = g_strdup (path);
  opening->thread = g_thread_new ("sb-open-bank", open_thread, opening);
  return opening;
}

/* The path it was started with (NULL: the default bank). */
const char *
sb_store_opening_get_path (SbStoreOpening *opening)
{
  g_return_val_if_fail (opening != NULL, NULL);
  return opening->path;
}

/* Waits for the thread and frees @opening. Returns the store, or NULL with
 * @error set as sb_store_open_deferring_check() set it. */
SbStore *
sb_store_opening_finish (SbStoreOpening  *opening,
                         GError         **error)
{
  SbStore *store;

  g_return_val_if_fail (opening != NULL, NULL);

  g_thread_join (opening->thread);
  store = g_steal_pointer (&opening->store);
  if (store == NULL)
    g_propagate_error (error, g_steal_pointer (&opening->error));
  g_clear_error (&opening->error);
  g_free (opening->path);
  g_free (opening);
  return store;
}
