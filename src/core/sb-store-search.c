/* sb-store-search.c — full-text search over the stories, on the main
 * connection or, for search-as-you-type, in a worker thread
 *
 * A query finds row ids (on any connection, any thread); only the main
 * thread turns them into the store's SbStory objects, through its
 * story-by-id map. sb_store_search_stories_async() runs the query on the
 * bank's reader (sb-database-reader.c), a read-only connection of its own
 * that a worker thread uses, so a query of 10–15 ms at 10,000 stories no
 * longer takes the keystroke's frame. One search is under way per store:
 * a newer one supersedes it (its task returns G_IO_ERROR_CANCELLED at
 * once and its query is stopped), so results never arrive out of order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-database-reader.h"
#include "sb-store-private.h"
#include "sb-story-search.h"

/* What a query found, as row ids; made on any thread. */
typedef struct
{
  GArray     *ids;        /* gint64, best first (ranked), or as found (short) */
  GHashTable *in_title;   /* short queries: gint64* of the ids with a title hit */
  gboolean    short_query;
} Hits;

static void
hits_free (Hits *hits)
{
  g_clear_pointer (&hits->ids, g_array_unref);
  g_clear_pointer (&hits->in_title, g_hash_table_unref);
  g_free (hits);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Hits, hits_free)

/* Each word becomes a quoted prefix term, so punctuation in what the person
 * types can never be read as FTS5 syntax. */
static char *
build_match_query (const char *query)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) match = g_string_new (NULL);

  words = g_str_tokenize_and_fold (query, NULL, NULL);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (match->len > 0)
        g_string_append_c (match, ' ');
      g_string_append_c (match, '"');
      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (match, '"');
          g_string_append_c (match, *p);
        }
      g_string_append (match, "\"*");
    }
  return match->len > 0 ? g_string_free (g_steal_pointer (&match), FALSE) : NULL;
}

/* TRUE when every word of @query is one or two characters long. */
static gboolean
is_short_query (const char *query)
{
  g_auto(GStrv) words = g_str_tokenize_and_fold (query, NULL, NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (g_utf8_strlen (words[i], -1) > 2)
      return FALSE;
  return words[0] != NULL;
}

/* The ids @match finds, in no particular order; into @ids and/or @set. */
static gboolean
matching_ids (SbDatabase  *db,
              const char  *match,
              GArray      *ids,
              GHashTable  *set,
              GError     **error)
{
  sqlite3_stmt *stmt;
  SbStep step;

  stmt = sb_database_prepare (db, "SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while ((step = sb_database_step (db, stmt, error)) == SB_STEP_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (ids != NULL)
        g_array_append_val (ids, id);
      if (set != NULL)
        g_hash_table_add (set, g_memdup2 (&id, sizeof id));
    }
  sqlite3_clear_bindings (stmt);
  return step != SB_STEP_ERROR;
}

/* The query itself, on @db (the main connection or the reader): touches
 * no SbStore or SbStory, so it runs on any thread. */
static Hits *
query_hits (SbDatabase  *db,
            const char  *match,
            gboolean     short_query,
            GError     **error)
{
  g_autoptr(Hits) hits = g_new0 (Hits, 1);
  g_autofree char *title_match = NULL;
  sqlite3_stmt *stmt;
  SbStep step;

  hits->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  hits->short_query = short_query;

  /* Stories whose title has every word come first, then bm25 within each
   * group. Weights alone cannot promise that: bm25 scales by the length of
   * the whole story, so a long story's title hit would sink below a short
   * story that repeats the word in its body. */
  title_match = g_strdup_printf ("{title} : (%s)", match);

  /* The first letter or two of a word match nearly every story of a large
   * bank: ranking them all by relevance costs most of a keystroke and says
   * little. Title matches come first, each group in the bank's order
   * (which the main thread knows). */
  if (short_query)
    {
      hits->in_title = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      if (!matching_ids (db, match, hits->ids, NULL, error) ||
          !matching_ids (db, title_match, NULL, hits->in_title, error))
        return NULL;
      return g_steal_pointer (&hits);
    }

  stmt = sb_database_prepare (db,
                              "SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?1 "
                              "ORDER BY rowid IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?2) DESC,"
                              "         bm25 (stories_fts, 10.0, 2.0, 2.0, 2.0, 2.0, 2.0, 1.0)",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, title_match, -1, SQLITE_STATIC);
  while ((step = sb_database_step (db, stmt, error)) == SB_STEP_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (hits->ids, id);
    }
  sqlite3_clear_bindings (stmt);
  if (step == SB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&hits);
}

/* Main thread: the stories @hits names, in the order to show. An id the
 * store does not know (another program added the row since the store last
 * read the bank) is left out. */
static GPtrArray *
stories_for_hits (SbStore *self,
                  Hits    *hits)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_full (hits->ids->len, g_object_unref);

  if (hits->short_query)
    {
      g_autoptr(GHashTable) found = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autoptr(GPtrArray) rest = g_ptr_array_new_with_free_func (g_object_unref);
      GListModel *stories = G_LIST_MODEL (self->stories);
      guint n = g_list_model_get_n_items (stories);

      for (guint i = 0; i < hits->ids->len; i++)
        g_hash_table_add (found, &g_array_index (hits->ids, gint64, i));
      for (guint i = 0; i < n && g_hash_table_size (found) > 0; i++)
        {
          g_autoptr(SbStory) story = g_list_model_get_item (stories, i);
          gint64 id = sb_story_get_id (story);

          if (!g_hash_table_remove (found, &id))
            continue;
          g_ptr_array_add (g_hash_table_contains (hits->in_title, &id) ? results : rest,
                           g_steal_pointer (&story));
        }
      g_ptr_array_extend_and_steal (results, g_steal_pointer (&rest));
      return g_steal_pointer (&results);
    }

  for (guint i = 0; i < hits->ids->len; i++)
    {
      SbStory *story = g_hash_table_lookup (self->story_by_id, &g_array_index (hits->ids, gint64, i));

      if (story != NULL)
        g_ptr_array_add (results, g_object_ref (story));
    }
  return g_steal_pointer (&results);
}

static GPtrArray *
all_stories (SbStore *self)
{
  GListModel *stories = G_LIST_MODEL (self->stories);
  guint n = g_list_model_get_n_items (stories);
  GPtrArray *results = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (results, g_list_model_get_item (stories, i));
  return results;
}

GPtrArray *
sb_store_search_stories (SbStore     *self,
                         const char  *query,
                         GError     **error)
{
  g_autoptr(Hits) hits = NULL;
  g_autofree char *match = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  match = build_match_query (query != NULL ? query : "");
  if (match == NULL)
    return all_stories (self);
  hits = query_hits (self->db, match, is_short_query (query), error);
  if (hits == NULL)
    return NULL;
  return stories_for_hits (self, hits);
}

/* ---- in a worker ------------------------------------------------------ */

typedef struct
{
  SbDatabaseReader *reader;
  char             *match;
  gboolean          short_query;
} SearchJob;

static void
search_job_free (SearchJob *job)
{
  g_clear_pointer (&job->reader, sb_database_reader_unref);
  g_free (job->match);
  g_free (job);
}

/* The worker: the reader's connection only, never the store. */
static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchJob *job = task_data;
  GError *error = NULL;
  SbDatabase *db;
  Hits *hits = NULL;

  db = sb_database_reader_acquire (job->reader, cancellable, &error);
  /* Superseded while it waited for the connection: no need to start. */
  if (db != NULL && !g_cancellable_is_cancelled (cancellable))
    hits = query_hits (db, job->match, job->short_query, &error);
  sb_database_reader_release (job->reader);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_pointer (&hits, hits_free);
      g_clear_error (&error);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "%s", _("A newer search replaced this one"));
    }
  else if (hits == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hits, (GDestroyNotify) hits_free);
}

static void
return_superseded (GTask *task)
{
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           "%s", _("A newer search replaced this one"));
}

/* The search under way of one caller: the store's own (for
 * sb_store_search_stories_async()) or an SbStorySearch's. Main thread
 * only; a worker's callback holds a reference, so a slot outlives its
 * owner until the worker is done. */
struct _SbSearchSlot
{
  guint         generation;
  GTask        *task;           /* the caller's; NULL: none under way */
  GCancellable *cancellable;    /* the worker's */
  gulong        caller_id;      /* on the caller's cancellable */
};

static SbSearchSlot *
search_slot_new (void)
{
  return g_rc_box_new0 (SbSearchSlot);
}

static void
search_slot_clear (SbSearchSlot *slot)
{
  g_assert (slot->task == NULL);
}

static void
search_slot_unref (SbSearchSlot *slot)
{
  g_rc_box_release_full (slot, (GDestroyNotify) search_slot_clear);
}

/* Main thread: the search under way is over (done or superseded). */
static void
forget_search (SbSearchSlot *slot)
{
  if (slot->caller_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (slot->task), slot->caller_id);
  slot->caller_id = 0;
  g_clear_object (&slot->task);
  g_clear_object (&slot->cancellable);
}

/* Main thread: supersedes the search under way, if any. */
static void
stop_search (SbSearchSlot *slot)
{
  slot->generation++;
  if (slot->cancellable != NULL)
    g_cancellable_cancel (slot->cancellable);
  if (slot->task != NULL)
    return_superseded (slot->task);
  forget_search (slot);
}

/* The reader once the first search asks: NULL (search on the main
 * connection) for a bank that cannot have one, or once it failed. */
static SbDatabaseReader *
ensure_reader (SbStore *self)
{
  if (self->reader == NULL && !self->reader_unusable)
    {
      self->reader = sb_database_reader_new (self->db);
      self->reader_unusable = self->reader == NULL;
    }
  return self->reader;
}

static void
search_sync_into (SbStore    *self,
                  GTask      *task,
                  const char *match,
                  gboolean    short_query)
{
  g_autoptr(Hits) hits = NULL;
  GError *error = NULL;

  hits = query_hits (self->db, match, short_query, &error);
  if (hits == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, stories_for_hits (self, hits), (GDestroyNotify) g_ptr_array_unref);
}

/* What the worker's callback gets: the store without a reference, so a
 * superseded query still running does not keep it alive. */
typedef struct
{
  GWeakRef      store;
  SbSearchSlot *slot;
  guint         generation;
} SearchOwner;

static void
search_owner_free (SearchOwner *owner)
{
  g_weak_ref_clear (&owner->store);
  search_slot_unref (owner->slot);
  g_free (owner);
}

/* Main thread: the worker is done. */
static void
search_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SearchOwner *owner = user_data;
  g_autoptr(SbStore) self = g_weak_ref_get (&owner->store);
  g_autoptr(GTask) task = NULL;
  g_autoptr(Hits) hits = NULL;
  g_autoptr(GError) error = NULL;
  SearchJob *job = g_task_get_task_data (G_TASK (result));
  SbSearchSlot *slot = owner->slot;
  gboolean current = owner->generation == slot->generation && slot->task != NULL;

  hits = g_task_propagate_pointer (G_TASK (result), &error);

  /* Superseded: its task has returned already. */
  if (self == NULL || !current)
    {
      search_owner_free (owner);
      return;
    }
  task = g_object_ref (slot->task);
  forget_search (slot);
  search_owner_free (owner);

  if (hits != NULL)
    g_task_return_pointer (task, stories_for_hits (self, hits), (GDestroyNotify) g_ptr_array_unref);
  else if (g_error_matches (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN))
    {
      /* The reader could not open the file: the main connection searches,
       * now and from now on. */
      g_debug ("Searching on the main connection: %s", error->message);
      g_clear_pointer (&self->reader, sb_database_reader_unref);
      self->reader_unusable = TRUE;
      search_sync_into (self, task, job->match, job->short_query);
    }
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
caller_cancelled_cb (GCancellable *caller,
                     GCancellable *own)
{
  g_cancellable_cancel (own);
}

/* sb_store_search_stories_async() in @slot: supersedes only the search
 * under way in it. */
static void
search_in_slot (SbStore             *self,
                SbSearchSlot        *slot,
                const char          *query,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  g_autofree char *match = NULL;
  SbDatabaseReader *reader;
  SearchOwner *owner;
  SearchJob *job;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_store_search_stories_async);
  stop_search (slot);

  match = build_match_query (query != NULL ? query : "");
  if (match == NULL)
    {
      g_task_return_pointer (task, all_stories (self), (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  reader = ensure_reader (self);
  if (reader == NULL)
    {
      search_sync_into (self, task, match, is_short_query (query));
      return;
    }

  job = g_new0 (SearchJob, 1);
  job->reader = sb_database_reader_ref (reader);
  job->match = g_steal_pointer (&match);
  job->short_query = is_short_query (query);

  slot->cancellable = g_cancellable_new ();
  slot->task = g_steal_pointer (&task);
  if (cancellable != NULL)
    slot->caller_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                             g_object_ref (slot->cancellable),
                                             g_object_unref);

  /* No source object: the worker's last reference to its task may drop
   * on the worker thread, and the store must not be finalized there. */
  owner = g_new0 (SearchOwner, 1);
  g_weak_ref_init (&owner->store, self);
  owner->slot = g_rc_box_acquire (slot);
  owner->generation = slot->generation;
  worker = g_task_new (NULL, slot->cancellable, search_done_cb, owner);
  g_task_set_source_tag (worker, sb_store_search_stories_async);
  g_task_set_task_data (worker, job, (GDestroyNotify) search_job_free);
  g_task_run_in_thread (worker, search_thread);
}

void
sb_store_search_stories_async (SbStore             *self,
                               const char          *query,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (SB_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (self->search == NULL)
    self->search = search_slot_new ();
  search_in_slot (self, self->search, query, cancellable, callback, user_data);
}

GPtrArray *
sb_store_search_stories_finish (SbStore       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- one search box's searches (sb-story-search.h) -------------------- */

struct _SbStorySearch
{
  GObject            parent_instance;

  SbStore           *store;
  SbSearchSlot      *slot;
  SbStorySearchFunc  func;
  gpointer           user_data;
  char              *query;
  guint              generation;   /* of the last run */
  gboolean           running;
};

G_DEFINE_FINAL_TYPE (SbStorySearch, sb_story_search, G_TYPE_OBJECT)

/* Which run a result belongs to, without keeping the search alive. */
typedef struct
{
  GWeakRef search;
  guint    generation;
} RunOwner;

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunOwner *owner = user_data;
  g_autoptr(SbStorySearch) self = g_weak_ref_get (&owner->search);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  guint generation = owner->generation;

  g_weak_ref_clear (&owner->search);
  g_free (owner);
  results = sb_store_search_stories_finish (SB_STORE (source), result, &error);
  /* Superseded (by a newer run, a cancel, the dispose). */
  if (self == NULL || generation != self->generation || !self->running)
    return;
  self->running = FALSE;
  self->func (self, results, error, self->user_data);
}

void
sb_story_search_run (SbStorySearch *self,
                     const char    *query)
{
  g_autofree char *match = NULL;
  RunOwner *owner;

  g_return_if_fail (SB_IS_STORY_SEARCH (self));
  g_return_if_fail (self->store != NULL);

  g_free (self->query);
  self->query = g_strstrip (g_strdup (query != NULL ? query : ""));
  self->generation++;
  self->running = FALSE;
  stop_search (self->slot);

  match = build_match_query (self->query);
  if (match == NULL)
    {
      g_autoptr(GPtrArray) all = all_stories (self->store);

      self->func (self, all, NULL, self->user_data);
      return;
    }
  self->running = TRUE;
  owner = g_new0 (RunOwner, 1);
  g_weak_ref_init (&owner->search, self);
  owner->generation = self->generation;
  search_in_slot (self->store, self->slot, self->query, NULL, run_done_cb, owner);
}

void
sb_story_search_cancel (SbStorySearch *self)
{
  g_return_if_fail (SB_IS_STORY_SEARCH (self));

  self->generation++;
  self->running = FALSE;
  stop_search (self->slot);
}

gboolean
sb_story_search_get_running (SbStorySearch *self)
{
  g_return_val_if_fail (SB_IS_STORY_SEARCH (self), FALSE);

  return self->running;
}

const char *
sb_story_search_get_query (SbStorySearch *self)
{
  g_return_val_if_fail (SB_IS_STORY_SEARCH (self), NULL);

  return self->query;
}

static void
sb_story_search_dispose (GObject *object)
{
  SbStorySearch *self = SB_STORY_SEARCH (object);

  self->generation++;
  self->running = FALSE;
  if (self->slot != NULL)
    stop_search (self->slot);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_story_search_parent_class)->dispose (object);
}

static void
sb_story_search_finalize (GObject *object)
{
  SbStorySearch *self = SB_STORY_SEARCH (object);

  g_clear_pointer (&self->slot, search_slot_unref);
  g_free (self->query);

  G_OBJECT_CLASS (sb_story_search_parent_class)->finalize (object);
}

static void
sb_story_search_class_init (SbStorySearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_story_search_dispose;
  object_class->finalize = sb_story_search_finalize;
}

static void
sb_story_search_init (SbStorySearch *self)
{
  self->slot = search_slot_new ();
}

SbStorySearch *
sb_story_search_new (SbStore           *store,
                     SbStorySearchFunc  func,
                     gpointer           user_data)
{
  SbStorySearch *self;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  self = g_object_new (SB_TYPE_STORY_SEARCH, NULL);
  self->store = g_object_ref (store);
  self->func = func;
  self->user_data = user_data;
  return self;
}

void
_sb_store_search_dispose (SbStore *self)
{
  if (self->search != NULL)
    {
      stop_search (self->search);
      g_clear_pointer (&self->search, search_slot_unref);
    }
  if (self->reader != NULL)
    sb_database_reader_close (self->reader);
  g_clear_pointer (&self->reader, sb_database_reader_unref);
}
