/* sb-store.h — the stories, their links, and the catalog, as the UI sees them
 *
 * SbStore owns the database connection. It keeps every story in memory as a
 * GListModel (a bank holds tens, at most thousands, of stories) and writes each
 * change through to SQLite at once. Widgets call the store; they never run SQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sb-catalog.h"
#include "sb-database.h"
#include "sb-story.h"

G_BEGIN_DECLS

typedef enum
{
  SB_STRENGTH_NONE      = 0,
  SB_STRENGTH_PRIMARY   = 1,
  SB_STRENGTH_SECONDARY = 2,
} SbStrength;

typedef struct
{
  char       *theme_slug;
  SbStrength  strength;
} SbThemeLink;

/* One story linked to a theme (sb_store_get_theme_links()). */
typedef struct
{
  SbStory    *story;     /* borrowed: the store's */
  SbStrength  strength;
} SbStoryLink;

#define SB_STORE_ERROR (sb_store_error_quark ())
typedef enum
{
  SB_STORE_ERROR_NOT_FOUND,     /* an unknown story, theme, framework or question */
  SB_STORE_ERROR_INVALID,       /* a value the bank cannot take (empty text, …) */
} SbStoreError;
GQuark sb_store_error_quark (void);

#define SB_TYPE_STORE (sb_store_get_type ())
G_DECLARE_FINAL_TYPE (SbStore, sb_store, SB, STORE, GObject)

/* Opens (or creates) the bank at @path — NULL for the default path —,
 * migrates it, merges the builtin catalog and loads the stories. */
SbStore      *sb_store_open                  (const char  *path,
                                              GError     **error);
/* As sb_store_open(), with the bank's page check left for later: see
 * sb_database_open_deferring_check(). The window starts it after its
 * first frame. */
SbStore      *sb_store_open_deferring_check  (const char  *path,
                                              GError     **error);
SbStore      *sb_store_new_for_database      (SbDatabase  *db,
                                              GError     **error);
SbDatabase   *sb_store_get_database          (SbStore     *self);
/* The bank was opened read-only (the person cannot write it): every change
 * is refused; sb_database_get_read_only_reason() says why. */
gboolean      sb_store_is_read_only          (SbStore     *self);

/* ---- stories -------------------------------------------------------- */

/* A GListModel of SbStory, newest-updated first is NOT promised: the order is
 * creation order (stable while the person types). */
GListModel   *sb_store_get_stories           (SbStore     *self);
guint         sb_store_get_n_stories         (SbStore     *self);
SbStory      *sb_store_find_story            (SbStore     *self,
                                              const char  *uuid);
SbStory      *sb_store_create_story          (SbStore     *self,
                                              const char  *title,
                                              GError     **error);
/* Adds a story built elsewhere (import); its uuid is kept or made, and its
 * created/updated times are kept when set (non-zero). */
gboolean      sb_store_insert_story          (SbStore     *self,
                                              SbStory     *story,
                                              GError     **error);
/* Writes the story's unsaved fields and status now (only those: another
 * program's change to the other fields stays), and sets updated to now. */
gboolean      sb_store_save_story            (SbStore     *self,
                                              SbStory     *story,
                                              GError     **error);

/* Changes a stored story from outside the person's typing (an import):
 * @fields (SB_STORY_N_FIELDS entries, NULL: leave as is), @status and
 * @is_example (-1: leave) are written to the bank at once, then merged
 * into memory as another program's change is (see sb_store_sync()), so an
 * unsaved edit of the person's is neither overwritten nor written over the
 * new text. *@out_changed says whether the bank's copy changed. */
gboolean      sb_store_update_story_from     (SbStore            *self,
                                              SbStory            *story,
                                              const char * const *fields,
                                              int                 status,
                                              int                 is_example,
                                              gboolean           *out_changed,
                                              GError            **error);

/* ---- unsaved edits: the store owns them ------------------------------ */

/* How long the store waits after an edit before writing it, and the longest
 * steady typing may go unsaved. */
#define SB_STORE_AUTOSAVE_PAUSE_MS 400
#define SB_STORE_AUTOSAVE_MAX_MS   2000

/* The person changed a field. The store writes it at the first pause of
 * SB_STORE_AUTOSAVE_PAUSE_MS, or SB_STORE_AUTOSAVE_MAX_MS after the oldest
 * unsaved edit, whichever comes first; a refused write is retried until it
 * succeeds. Text longer than SB_STORY_MAX_FIELD_CHARS is refused. A cue
 * line is kept as one line: its line breaks and tabs become spaces. */
gboolean      sb_store_edit_story            (SbStore      *self,
                                              SbStory      *story,
                                              SbStoryField  field,
                                              const char   *text,
                                              GError      **error);
/* Sets the status and writes it at once (a switch is one deliberate act). */
gboolean      sb_store_edit_story_status     (SbStore      *self,
                                              SbStory      *story,
                                              SbStoryStatus status,
                                              GError      **error);
/* Writes every unsaved story now. FALSE when any is still unsaved (the
 * first refusal in @error); those stay unsaved and are retried. */
gboolean      sb_store_save_pending          (SbStore     *self,
                                              GError     **error);
/* TRUE while the store writes on its own (the pause or the ceiling above
 * came), FALSE for a save asked for: what listeners of
 * "save-state-changed" can tell a save in steady typing by. */
gboolean      sb_store_is_autosaving         (SbStore     *self);
guint         sb_store_get_n_unsaved         (SbStore     *self);
gboolean      sb_store_story_is_unsaved      (SbStore     *self,
                                              SbStory     *story);
/* Why the bank refused the story's last write (NULL: it did not). A
 * SB_DATABASE_ERROR_BUSY error means another program holds the bank and
 * the store is waiting for it. */
const GError *sb_store_get_save_error        (SbStore     *self,
                                              SbStory     *story);
/* The window's store: a bank another program holds never blocks a frame.
 * Writes wait at most a few milliseconds for the lock; autosaves that find
 * the bank busy are retried from a timeout instead. */
void          sb_store_set_interactive       (SbStore     *self,
                                              gboolean     interactive);

/* ---- undo and redo ----------------------------------------------------- */

/* What the person did through the store outside a transaction — deleting
 * a story, linking or unlinking a theme or a question — can be taken back
 * and done again, newest first, for the session. A new action clears what
 * was undone. "history-changed" says when any of this changes. */
/* *@out_story (may be NULL) is the story the step was about, borrowed: the
 * window shows it. Nothing to undo is not an error (TRUE, *@out_story NULL). */
gboolean      sb_store_undo                  (SbStore     *self,
                                              SbStory    **out_story,
                                              GError     **error);
gboolean      sb_store_redo                  (SbStore     *self,
                                              SbStory    **out_story,
                                              GError     **error);
/* What the next undo or redo does ("Delete “Checkout outage”"), or NULL. */
const char   *sb_store_get_undo_label        (SbStore     *self);
const char   *sb_store_get_redo_label        (SbStore     *self);
/* Grows by one with every new undoable action (not with undo or redo). */
guint         sb_store_get_history_serial    (SbStore     *self);

/* ---- changes made by other programs ---------------------------------- */

/* Reads what another Storybank (another window, a command-line import)
 * committed since this store last looked, and merges it: a field the person
 * did not change takes the bank's text; one they changed keeps theirs, and
 * the other side's text is added to the story's notes so neither is lost
 * ("changed-elsewhere" says so). Cheap when nothing changed; the store also
 * does it before each write. */
gboolean      sb_store_sync                  (SbStore     *self,
                                              GError     **error);
/* Removes the story and its links. The returned snapshot brings it back with
 * sb_store_restore_story() (undo); free it with sb_deleted_story_free(). */
typedef struct _SbDeletedStory SbDeletedStory;
SbDeletedStory *sb_store_delete_story        (SbStore     *self,
                                              SbStory     *story,
                                              GError     **error);
SbStory      *sb_store_restore_story         (SbStore        *self,
                                              SbDeletedStory *deleted,
                                              GError        **error);
void          sb_deleted_story_free          (SbDeletedStory *deleted);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbDeletedStory, sb_deleted_story_free)

/* Full-text search over every text field, best match first (bm25, the title
 * weighted highest). Each word is matched as a prefix. A query whose words
 * are all one or two characters long (the first keystrokes, which match
 * nearly every story) gives the stories with them in the title first, then
 * the others, each in the bank's order. An empty query gives every story.
 * Returns a new array of SbStory refs. */
GPtrArray    *sb_store_search_stories        (SbStore     *self,
                                              const char  *query,
                                              GError     **error);
/* The same search with the query in a worker thread, on a read-only
 * connection of the store's own (SQLite's WAL lets it read while the
 * store writes; it sees what was committed when the query began). The
 * callback runs on the calling (main) thread, never before this returns;
 * _finish() gives the same array sb_store_search_stories() would. One
 * search is under way per store: a newer one supersedes it, and the older
 * one finishes with G_IO_ERROR_CANCELLED, so results never arrive out of
 * order. An empty query finishes with every story; a bank the reader
 * cannot open is searched on the main connection. */
void          sb_store_search_stories_async  (SbStore             *self,
                                              const char          *query,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray    *sb_store_search_stories_finish (SbStore       *self,
                                              GAsyncResult  *result,
                                              GError       **error);

/* ---- theme links ---------------------------------------------------- */

/* Links (or, with SB_STRENGTH_NONE, unlinks) a story and a theme. */
gboolean      sb_store_set_story_theme       (SbStore     *self,
                                              SbStory     *story,
                                              const char  *theme_slug,
                                              SbStrength   strength,
                                              GError     **error);
SbStrength    sb_store_get_story_theme       (SbStore     *self,
                                              SbStory     *story,
                                              const char  *theme_slug);
/* Array of SbThemeLink, in catalog order. Free with g_array_unref. */
GArray       *sb_store_get_story_themes      (SbStore     *self,
                                              SbStory     *story);
/* Stories linked to a theme, primary links first. Array of SbStory refs. */
GPtrArray    *sb_store_get_theme_stories     (SbStore     *self,
                                              const char  *theme_slug);
/* The same from the theme → stories map, in the order of
 * sb_store_get_stories() and unsorted: array of SbStoryLink (stories
 * borrowed; hold a reference to keep one past a change). No pass over
 * the stories once the map is built. Free with g_array_unref. */
GArray       *sb_store_get_theme_links       (SbStore     *self,
                                              const char  *theme_slug);

/* ---- catalog -------------------------------------------------------- */

GListModel   *sb_store_get_frameworks        (SbStore     *self); /* SbFramework */
SbFramework  *sb_store_find_framework        (SbStore     *self,
                                              const char  *slug);
/* Themes of one framework in catalog order; NULL slug: every theme. */
GListModel   *sb_store_get_themes            (SbStore     *self,
                                              const char  *framework_slug);
SbTheme      *sb_store_find_theme            (SbStore     *self,
                                              const char  *slug);
/* A theme of the person's own; its slug is made from the name. */
SbTheme      *sb_store_add_theme             (SbStore     *self,
                                              const char  *framework_slug,
                                              const char  *name,
                                              const char  *description,
                                              GError     **error);

/* A framework of the person's own (import of a file that defines one). */
SbFramework  *sb_store_add_framework         (SbStore     *self,
                                              const char  *slug,
                                              const char  *name,
                                              const char  *description,
                                              GError     **error);
/* Like sb_store_add_theme, but keeps @slug (import). Fails if it exists. */
SbTheme      *sb_store_add_theme_with_slug   (SbStore     *self,
                                              const char  *framework_slug,
                                              const char  *slug,
                                              const char  *name,
                                              const char  *description,
                                              GError     **error);

/* The framework that holds the themes a person adds from the editor. */
#define SB_STORE_OWN_FRAMEWORK "own"

/* Adds a theme of the person's own to SB_STORE_OWN_FRAMEWORK (“Your
 * themes”), making that framework the first time. */
SbTheme      *sb_store_add_own_theme         (SbStore     *self,
                                              const char  *name,
                                              GError     **error);

/* Deletes a theme the person added, with its links to stories and
 * questions; a framework of their own left with no theme goes too. A
 * builtin theme is refused: rename it instead. */
gboolean      sb_store_delete_theme          (SbStore     *self,
                                              SbTheme     *theme,
                                              GError     **error);

/* Renames a theme or changes its description; a builtin one is marked
 * edited, so catalog merges no longer refresh it. */
gboolean      sb_store_update_theme          (SbStore     *self,
                                              SbTheme     *theme,
                                              const char  *name,
                                              const char  *description,
                                              GError     **error);

GListModel   *sb_store_get_questions         (SbStore     *self); /* SbQuestion */
SbQuestion   *sb_store_find_question         (SbStore     *self,
                                              const char  *slug);
SbQuestion   *sb_store_add_question          (SbStore     *self,
                                              const char  *text,
                                              const char  *listen_for,
                                              const char * const *theme_slugs,
                                              GError     **error);
/* Like sb_store_add_question, but keeps @slug (import). Fails if it exists. */
SbQuestion   *sb_store_add_question_with_slug (SbStore    *self,
                                              const char  *slug,
                                              const char  *text,
                                              const char  *listen_for,
                                              const char * const *theme_slugs,
                                              GError     **error);
/* Edits a question; a builtin one is marked edited and no longer refreshed. */
gboolean      sb_store_update_question       (SbStore     *self,
                                              SbQuestion  *question,
                                              const char  *text,
                                              const char  *listen_for,
                                              const char * const *theme_slugs,
                                              GError     **error);
/* Deletes the person's question; a builtin one is hidden for good. */
gboolean      sb_store_delete_question       (SbStore     *self,
                                              SbQuestion  *question,
                                              GError     **error);

/* Slugs of the shipped questions the person deleted (hidden for good), in
 * catalog order. */
GStrv         sb_store_get_deleted_questions (SbStore     *self);

/* ---- question links (the person's chosen answers) ------------------- */

gboolean      sb_store_set_story_question    (SbStore     *self,
                                              SbStory     *story,
                                              const char  *question_slug,
                                              gboolean     linked,
                                              GError     **error);
GPtrArray    *sb_store_get_question_stories  (SbStore     *self,
                                              const char  *question_slug); /* SbStory */
GStrv         sb_store_get_story_questions   (SbStore     *self,
                                              SbStory     *story);          /* slugs */

/* ---- bank settings -------------------------------------------------- */

char         *sb_store_get_person_name       (SbStore     *self);
gboolean      sb_store_set_person_name       (SbStore     *self,
                                              const char  *name,
                                              GError     **error);

/* ---- practice ------------------------------------------------------- */

/* A rehearsal or a drill was logged (sb-practice.c and sb-drill.c call it):
 * emits "practice-logged", so whoever shows a schedule or counts what is
 * due (the Practice tab's badge) reads it again. */
void          sb_store_notify_practice_logged (SbStore    *self);

/* Reads the catalog and every story again from the bank (after a restore
 * from a backup replaced its contents), then emits "catalog-changed" and
 * "stories-reloaded". Story objects are kept where their uuid is still
 * there. */
gboolean      sb_store_reload                (SbStore     *self,
                                              GError     **error);

/* Runs @func inside one transaction; on failure everything it did is rolled
 * back and the in-memory model reloaded. Used by import. */
typedef gboolean (*SbStoreTransactionFunc) (SbStore *store, gpointer user_data, GError **error);
gboolean      sb_store_run_in_transaction    (SbStore     *self,
                                              SbStoreTransactionFunc func,
                                              gpointer     user_data,
                                              GError     **error);

G_END_DECLS

/* Signals:
 *  "story-links-changed" (SbStory *story)   theme or question links changed
 *  "catalog-changed"     ()                  themes or questions added/edited/removed
 *  "stories-reloaded"    ()                  the model was rebuilt (import, rollback)
 *  "save-state-changed"  (SbStory *story)    the story became unsaved, saved, or its
 *                                            write was refused (sb_store_get_save_error)
 *  "save-failed"         (SbStory *story, GError *error)
 *                                            the first refusal of a story's write
 *  "history-changed"     ()                  an action was recorded, undone or redone
 *  "changed-elsewhere"   (SbStory *story)    another program changed text the person
 *                                            had changed too: both are kept, theirs in
 *                                            the notes
 *  "practice-logged"     ()                  a rehearsal or a "Which story?" drill was
 *                                            logged (sb-practice.h, sb-drill.h)
 *  "applications-changed" ()                 an application, its requirements, rounds or
 *                                            plan, the current application or the
 *                                            introduction changed (here, by another
 *                                            program, by a reload, or by a story's
 *                                            delete and its undo); see sb-application.h
 * Story field changes are announced by SbStory's own notify signals. */
