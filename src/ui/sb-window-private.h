/* sb-window-private.h — what sb-window.c and sb-window-files.c share, and
 * the tests' hooks into the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-story-editor.h"
#include "sb-story-list.h"
#include "sb-window.h"

G_BEGIN_DECLS

struct _SbWindow
{
  AdwApplicationWindow  parent_instance;

  SbStore              *store;
  GSettings            *settings;
  AdwToast             *undo_toast;
  guint                 undo_toast_serial;
  /* The last dialog opened, for tests (not a reference). */
  GtkWidget            *last_dialog;
  /* The story Ctrl+N made, while it is the one being edited. */
  SbStory              *fresh_story;
  gboolean              restoring_selection;
  AdwToast             *last_toast;
  /* The person chose to close although the last edit could not be saved. */
  gboolean              close_unsaved;
  /* While the window is active: a look at what other programs changed. */
  guint                 sync_source_id;

  SbStoryList          *story_list;
  SbStoryEditor        *story_editor;
  /* The pages after Stories are built when first shown or asked for, or
   * one per idle after the first frame (_sb_window_ensure_page()); NULL
   * until then. */
  guint                 build_pages_id;
  GtkWidget            *coverage_page;
  GtkWidget            *questions_page;
  GtkWidget            *practice_modes;   /* the tab: SbPracticeModes */
  GtkWidget            *practice_page;    /* its telling drill: SbPracticePage */
  AdwViewStackPage     *practice_stack_page;
  GtkWidget            *applications_page;
  guint                 style_pages_id;     /* pages built, not shown: hidden after a frame */
  guint                 style_pages_ticks;
  /* Warming the pages up, one at a time, once built (sb-window-pages.c):
   * the idle of the next step, or the frame it waits for. */
  guint                 warm_pages_id;
  gulong                warm_paint_id;
  guint                 warm_page;          /* index in warm_pages[] */
  guint                 warm_stage;         /* its next step: WarmStage */
  guint                 warm_wait_id;       /* a step waiting for a pause in input */
  gint64                last_input_us;      /* the person's last key, click or scroll */
  GtkWidget            *current_button;
  guint                 badge_source_id;
  guint                 warm_source_id;     /* the store's link maps, after the first frame */
  GCancellable         *check_cancellable;   /* the bank's check after the first frame */
  guint                 midnight_source_id;
  gulong                first_paint_id;     /* until the first frame is drawn */
  /* An import or export running in a worker (sb-window-files.c). */
  gboolean              file_job_running;
  guint                 file_job_progress_id;
  char                 *file_job_stage;
  AdwToast             *file_job_toast;

  AdwHeaderBar         *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  AdwToastOverlay      *toast_overlay;
  GtkBox               *read_only_banner;
  GtkMenuButton        *menu_button;
  GtkLabel             *read_only_label;
  AdwViewStack         *view_stack;
  GtkStack             *stories_stack;
  AdwLeaflet           *leaflet;
};

/* sb-window.c */
AdwToast      *_sb_window_show_toast           (SbWindow     *self,
                                                const char   *title);
void           _sb_window_show_error           (SbWindow     *self,
                                                const char   *heading,
                                                const GError *error);
void           _sb_window_update_stories_stack (SbWindow     *self);

/* sb-window-pages.c */
void           _sb_window_add_pages            (SbWindow     *self);
GtkWidget     *_sb_window_ensure_page          (SbWindow     *self,
                                                const char   *name);
void           _sb_window_pages_after_first_frame (SbWindow  *self);
void           _sb_window_queue_practice_badge (SbWindow     *self);
void           _sb_window_watch_midnight       (SbWindow     *self);
void           _sb_window_install_page_actions (GtkWidgetClass *widget_class);
/* sb-window-session.c: the benchmark's scripted session, when asked for. */
void           _sb_window_start_bench_session  (SbWindow     *self);
void           _sb_window_show_editor          (SbWindow     *self);

/* TRUE once every page has been warmed up (or shown) and hidden again. */
gboolean       _sb_window_get_pages_warm       (SbWindow     *self);
void           _sb_window_stop_warming_pages   (SbWindow     *self);
/* The person typed, clicked or scrolled (the window's input controller
 * calls it; tests too): the warm-up's next step waits for a pause. */
void           _sb_window_note_input           (SbWindow     *self);

/* Stories due to tell plus questions due to drill: the Practice badge. */
guint          _sb_window_count_practice_due   (SbWindow     *self);

/* sb-window-files.c */
void           _sb_window_install_file_actions (GtkWidgetClass *widget_class);
void           _sb_window_start_daily_backup   (SbWindow       *self);
void           _sb_window_dispose_files        (SbWindow       *self);

/* Test hooks. */

SbStoryEditor *sb_window_get_story_editor (SbWindow *self);
SbStoryList   *sb_window_get_story_list   (SbWindow *self);
AdwToast      *sb_window_get_last_toast   (SbWindow *self);
/* The last dialog an action opened (What to Fix Next), not a reference. */
GtkWidget     *sb_window_get_last_dialog  (SbWindow *self);
/* The read-only banner's text, or NULL while it is hidden. */
const char    *sb_window_get_banner_text  (SbWindow *self);
/* What Export… does once a file is chosen. */
void           sb_window_export_file      (SbWindow *self,
                                           GFile    *file);
/* What Import… does once a file is chosen: a backup first, then the
 * import, both in a worker. */
void           sb_window_import_file      (SbWindow *self,
                                           GFile    *file);
/* TRUE while an import or export runs in its worker. */
gboolean       sb_window_get_file_job_running (SbWindow *self);
/* The progress toast's text while it is shown, else NULL. */
const char    *sb_window_get_progress_text    (SbWindow *self);

G_END_DECLS
