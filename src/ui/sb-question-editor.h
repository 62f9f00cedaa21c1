/* sb-question-editor.h — add or edit a question: its text, guidance and themes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_QUESTION_EDITOR (sb_question_editor_get_type ())
G_DECLARE_FINAL_TYPE (SbQuestionEditor, sb_question_editor, SB, QUESTION_EDITOR, AdwWindow)

/* A modal window; @question NULL makes a new question. Emits "saved"
 * (SbQuestion *) and closes when the question is stored. */
SbQuestionEditor *sb_question_editor_new         (SbStore          *store,
                                                  SbQuestion       *question);

/* What the fields hold, and setting them (tests). */
void              sb_question_editor_set_text       (SbQuestionEditor *self,
                                                     const char       *text);
void              sb_question_editor_set_listen_for (SbQuestionEditor *self,
                                                     const char       *listen_for);
void              sb_question_editor_set_theme      (SbQuestionEditor *self,
                                                     const char       *theme_slug,
                                                     gboolean          active);
/* The inline error shown, or NULL. */
const char       *sb_question_editor_get_error      (SbQuestionEditor *self);
/* Validates and stores; FALSE leaves the window open with the error shown. */
gboolean          sb_question_editor_save           (SbQuestionEditor *self);

G_END_DECLS
