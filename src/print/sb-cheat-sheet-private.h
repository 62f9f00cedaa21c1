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

/* A piece of a story and the shorter forms it may take on a crowded page.
 * forms[0] is all of it; each later form is shorter, cut at a sentence
 * boundary first and then at a clause boundary (ending in "…"), never
 * inside a clause, and a Result keeps the sentence that holds its number
 * from its beginning. The layout picks one form per piece. */
typedef struct
{
  GPtrArray *forms;               /* char*, longest first; empty when there is no text */
  glong     *n_chars;             /* the length of each form, in characters */
  char      *emphasis;            /* set in bold wherever a form holds it; or NULL */
} SbSheetText;

typedef struct
{
  char        *title;
  SbSheetText *hook;              /* the Situation's first sentence */
  GPtrArray   *actions;           /* SbSheetText*, at most SB_SHEET_MAX_ACTIONS */
  SbSheetText *result;            /* emphasis: its headline number phrase */
  SbSheetText *learning;
  /* The person's cue card, when the story has one: SB_STORY_N_CUE_LINES
   * pieces (Situation … Learning) of one form each, printed whole and
   * never shortened, in place of the pieces above; a line left empty
   * falls back to its section's piece (the Task has none). NULL: no
   * cue card. */
  GPtrArray   *cue_lines;
} SbSheetStory;

typedef struct
{
  char         *name;
  SbSheetStory *story;            /* borrowed from SbCheatSheet.stories; NULL: none yet */
} SbSheetTheme;

/* How much of each story is shown; each level leaves out more. */
typedef enum
{
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
  guint         pieces_shortened;
};

/* @text as it may appear on the sheet, in all its forms. With @is_result,
 * the sentence that holds the headline number is kept longest and the
 * number is emphasised. */
SbSheetText  *sb_sheet_text_new    (const char   *text,
                                    gboolean      is_result);
/* @text in one form, as the person wrote it (white space squeezed): a cue
 * line is never shortened. With @is_result, its number is emphasised. */
SbSheetText  *sb_sheet_text_new_whole (const char *text,
                                       gboolean    is_result);
void          sb_sheet_text_free   (SbSheetText  *text);
const char   *sb_sheet_text_get    (SbSheetText  *text,
                                    guint         form);
guint         sb_sheet_text_get_n_forms (SbSheetText *text);

SbSheetStory *sb_sheet_story_new   (void);
void          sb_sheet_story_free  (SbSheetStory *story);
SbSheetTheme *sb_sheet_theme_new   (const char   *name,
                                    SbSheetStory *story);
void          sb_sheet_theme_free  (SbSheetTheme *theme);

/* An empty sheet, filled by hand: the tests and the benchmark use it to lay
 * out content without a bank. */
SbCheatSheet *sb_cheat_sheet_new_empty (void);

G_END_DECLS
