/* sb-cheat-sheet-private.h — the plain model shared by gathering and layout
 *
 * sb-cheat-sheet.c fills it from the store; sb-cheat-sheet-layout.c fits it to
 * a page and draws it. The layout never sees the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-cheat-sheet.h"

G_BEGIN_DECLS

/* At most this many key actions are taken from a story. */
#define SB_SHEET_MAX_ACTIONS 3

typedef struct
{
  char      *title;
  char      *hook;                /* first sentence of the Situation, or "" */
  GPtrArray *actions;             /* char*, at most SB_SHEET_MAX_ACTIONS */
  char      *headline;            /* the Result's number phrase, or its first phrase, or "" */
  gboolean   headline_has_number;
  char      *learning;            /* or "" */
  gboolean   ready;
} SbSheetStory;

typedef struct
{
  char         *name;
  SbSheetStory *story;            /* borrowed from SbCheatSheet.stories; NULL: none yet */
} SbSheetTheme;

/* How much of each story is shown; each level leaves out more. */
typedef enum
{
  SB_SHEET_DETAIL_ROOMY,          /* as FULL, with more lines each: a sheet with room to spare */
  SB_SHEET_DETAIL_FULL,           /* hook, three actions, result, learning */
  SB_SHEET_DETAIL_TWO_ACTIONS,
  SB_SHEET_DETAIL_NO_LEARNING,
  SB_SHEET_DETAIL_ONE_ACTION,
  SB_SHEET_DETAIL_NO_HOOK,        /* title, one action, result */
  SB_SHEET_N_DETAILS
} SbSheetDetail;

struct _SbCheatSheet
{
  char      *person_name;         /* or NULL */
  char      *framework_name;      /* or NULL */
  char      *date;                /* already formatted for the locale */
  GPtrArray *themes;              /* SbSheetTheme*, in catalog order */
  GPtrArray *stories;             /* SbSheetStory*, owned */

  /* The outcome of the last render. */
  double        font_size;
  guint         n_columns;
  SbSheetDetail detail;
  guint         themes_left_out;
  guint         stories_left_out;
};

SbSheetStory *sb_sheet_story_new   (void);
void          sb_sheet_story_free  (SbSheetStory *story);
SbSheetTheme *sb_sheet_theme_new   (const char   *name,
                                    SbSheetStory *story);
void          sb_sheet_theme_free  (SbSheetTheme *theme);

/* An empty sheet, filled by hand: the tests and the benchmark use it to lay
 * out content without a bank. */
SbCheatSheet *sb_cheat_sheet_new_empty (void);

G_END_DECLS
