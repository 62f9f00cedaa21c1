/* sb-questions-page.h — the question bank beside the selected question
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_QUESTIONS_PAGE (sb_questions_page_get_type ())
G_DECLARE_FINAL_TYPE (SbQuestionsPage, sb_questions_page, SB, QUESTIONS_PAGE, GtkWidget)

GtkWidget  *sb_questions_page_new                  (SbStore         *store);
SbStore    *sb_questions_page_get_store            (SbQuestionsPage *self);
/* Moves the keyboard focus to the search entry (Ctrl+F). */
void        sb_questions_page_focus_search         (SbQuestionsPage *self);
void        sb_questions_page_prepare              (SbQuestionsPage *self);
/* The question shown in the detail, or NULL. */
SbQuestion *sb_questions_page_get_selected_question (SbQuestionsPage *self);
void        sb_questions_page_select_question      (SbQuestionsPage *self,
                                                    const char      *slug);

/* Filters, as the controls set them; applied at once. */
void        sb_questions_page_set_search_text      (SbQuestionsPage *self,
                                                    const char      *text);
void        sb_questions_page_set_only_unanswered  (SbQuestionsPage *self,
                                                    gboolean         only_unanswered);
/* NULL: all frameworks (and then no theme filter). */
void        sb_questions_page_set_framework_filter (SbQuestionsPage *self,
                                                    const char      *framework_slug);
/* A theme of the chosen framework, or NULL for all its themes. */
void        sb_questions_page_set_theme_filter     (SbQuestionsPage *self,
                                                    const char      *theme_slug);
const char *sb_questions_page_get_theme_filter_slug (SbQuestionsPage *self);
/* For tests: the "Choose Any Story…" popover's list (filled when shown). */
GtkListBox *sb_questions_page_get_chooser_list      (SbQuestionsPage *self);

/* For tests: the questions the list shows, and the story uuids in
 * "Your answers" and "Suggested stories" (NULL-terminated, free with
 * g_strfreev). */
GListModel *sb_questions_page_get_results          (SbQuestionsPage *self);
GStrv       sb_questions_page_dup_answer_uuids     (SbQuestionsPage *self);
GStrv       sb_questions_page_dup_suggestion_uuids (SbQuestionsPage *self);
/* How long the ranking of suggestions may run in one go (0: one small
 * slice of stories), and whether it is still running, for the tests. */
void        sb_questions_page_set_suggest_slice    (SbQuestionsPage *self,
                                                    gint64           us);
gboolean    sb_questions_page_get_suggesting       (SbQuestionsPage *self);
GtkDropDown *sb_questions_page_get_theme_filter    (SbQuestionsPage *self);

G_END_DECLS
