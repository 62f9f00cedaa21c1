/* sb-cheat-sheet-dialog-private.h — test hooks into the cheat sheet dialog,
 * and what sb-cheat-sheet-dialog.c shares with its sibling
 * sb-cheat-sheet-dialog-preview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-cheat-sheet-dialog.h"

G_BEGIN_DECLS

/* The check button of a theme (of the chosen framework) or of a story. */
GtkCheckButton *sb_cheat_sheet_dialog_get_theme_check (SbCheatSheetDialog *self,
                                                       const char         *theme_slug);
GtkCheckButton *sb_cheat_sheet_dialog_get_story_check (SbCheatSheetDialog *self,
                                                       const char         *uuid);
GtkEditable    *sb_cheat_sheet_dialog_get_name_row    (SbCheatSheetDialog *self);
AdwComboRow    *sb_cheat_sheet_dialog_get_paper_row   (SbCheatSheetDialog *self);
AdwComboRow    *sb_cheat_sheet_dialog_get_framework_row (SbCheatSheetDialog *self);
/* "For": every story (0), or an application (1…, in the bank's order). */
AdwComboRow    *sb_cheat_sheet_dialog_get_for_row     (SbCheatSheetDialog *self);
/* The sheet the preview last drew, or NULL before the first one. */
SbCheatSheet   *sb_cheat_sheet_dialog_get_preview_sheet (SbCheatSheetDialog *self);

/* ---- for sb-cheat-sheet-dialog*.c only -------------------------------- */

struct _SbCheatSheetDialog
{
  AdwWindow         parent_instance;

  SbStore          *store;
  GSettings        *settings;          /* NULL without the installed schema */
  GPtrArray        *framework_slugs;   /* char*, parallel to the framework row's model */
  GPtrArray        *application_slugs; /* char*, the For row's model less its first line */
  GHashTable       *theme_checks;      /* slug → GtkCheckButton (borrowed) */
  GHashTable       *story_checks;      /* uuid → GtkCheckButton (borrowed) */
  GPtrArray        *theme_rows;        /* AdwActionRow, borrowed from themes_group */
  GPtrArray        *story_rows;        /* AdwActionRow, borrowed from stories_group */
  GStrv             chosen_stories;    /* what the last get_options returned */
  GStrv             chosen_themes;
  char             *chosen_framework;
  char             *chosen_application;
  gboolean          name_dirty;
  gboolean          narrow;
  guint             preview_id;
  guint             layout_id;
  GCancellable     *preview_cancellable; /* the layout running in a worker */

  SbCheatSheet     *preview_sheet;     /* the sheet the preview shows */
  cairo_surface_t  *preview_recording; /* that sheet drawn in points */
  SbPaperSize       preview_paper;
  cairo_surface_t  *preview_image;     /* the recording scaled to the widget */
  GtkFileChooserNative *chooser;

  /* template */
  AdwToastOverlay  *toast_overlay;
  GtkButton        *print_button;
  GtkButton        *export_button;
  GtkBox           *main_box;
  AdwPreferencesPage *settings_page;
  GtkSeparator     *separator;
  GtkWidget        *preview_box;
  AdwComboRow      *for_row;
  AdwEntryRow      *name_row;
  AdwComboRow      *framework_row;
  AdwComboRow      *paper_row;
  AdwPreferencesGroup *themes_group;
  AdwPreferencesGroup *stories_group;
  GtkDrawingArea   *preview;
  GtkLabel         *summary_label;
};

/* sb-cheat-sheet-dialog.c: whether the sheet is for one application's
 * loop, how many of @rows are ticked, and the name saved when it changed. */
gboolean _sb_cheat_sheet_dialog_for_application (SbCheatSheetDialog *self);
guint    _sb_cheat_sheet_dialog_count_ticked    (GPtrArray          *rows);
void     _sb_cheat_sheet_dialog_save_name       (SbCheatSheetDialog *self);

/* sb-cheat-sheet-dialog-preview.c: the preview laid out again after a
 * pause, at once in a worker, or not at all; and drawn. */
void     _sb_cheat_sheet_dialog_schedule_preview (SbCheatSheetDialog *self);
void     _sb_cheat_sheet_dialog_start_preview    (SbCheatSheetDialog *self);
void     _sb_cheat_sheet_dialog_cancel_preview   (SbCheatSheetDialog *self);
void     _sb_cheat_sheet_dialog_preview_draw_cb  (GtkDrawingArea     *area,
                                                  cairo_t            *cr,
                                                  int                 width,
                                                  int                 height,
                                                  gpointer            user_data);

G_END_DECLS
