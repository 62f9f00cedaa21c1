/* sb-questions-page-private.h — what sb-questions-page.c (the list and
 * its filters) and its siblings -detail.c (the selected question and its
 * suggestions) and -chooser.c (any story) share; never included outside
 * them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sb-coach.h"
#include "sb-story-search.h"
#include "sb-questions-page.h"

G_BEGIN_DECLS

/* The ranking gets this long within the selection's own frame; a bigger
 * bank is ranked on from idle slices of the same length, between frames. */
#define SUGGEST_SLICE_US 3000

struct _SbQuestionsPage
{
  GtkWidget           parent_instance;

  SbStore            *store;
  GtkCustomFilter    *filter;
  GtkFilterListModel *results;
  GtkSliceListModel  *shown;             /* the start of results the list view has */
  guint               grow_id;           /* the idle that lets it have more */
  gulong              grow_paint_id;     /* waiting for a frame before that */
  GtkSingleSelection *selection;
  char               *search;
  char               *selected_slug;     /* the question in the detail */
  GPtrArray          *framework_slugs;   /* index 0: NULL, "all" */
  GPtrArray          *theme_slugs;       /* index 0: NULL, "all" */
  GPtrArray          *answer_uuids;
  GPtrArray          *suggestion_uuids;
  GHashTable         *bound_rows;        /* row box → question, for caption refresh */
  char               *detail_slug;       /* the question the detail was built for */
  gboolean            show_all_answers;  /* past ANSWER_ROWS, for detail_slug */
  GtkWidget          *show_all_row;      /* kept, last of answers_list; hidden when not wanted */
  GtkWidget          *finding_row;       /* kept, last of suggestions_list */
  guint               prepare_step;      /* making the detail's rows: PREPARE_DONE when made */
  GHashTable         *suggestions;       /* slug → GPtrArray of SbSuggestion, until the bank changes */
  SbSuggestRun       *suggest_run;       /* ranking the selected question, a slice at a time */
  gulong              suggest_paint_id;  /* waiting for the detail's frame */
  char               *suggest_slug;
  guint               suggest_id;
  gint64              suggest_slice_us;
  char               *kept_slug;         /* answered in the detail: spared by "no story chosen" */
  guint               refresh_id;
  guint               refilter_id;
  gboolean            rebuilding_filters;
  gboolean            stale;             /* the bank changed while hidden */
  gboolean            list_built;        /* the list view has its model */
  guint               warm_id;           /* builds the store's maps after the first frame */
  gboolean            maps_warm;         /* asked for them since the last map */
  gulong              warm_paint_id;     /* waiting for the whole list's frame */

  /* template */
  AdwLeaflet         *leaflet;
  GtkWidget          *sidebar;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *framework_filter;
  GtkDropDown        *theme_filter;
  GtkCheckButton     *unanswered_check;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkStack           *detail_stack;
  GtkButton          *back_button;
  GtkButton          *delete_button;
  GtkLabel           *question_label;
  GtkWidget          *listen_box;
  GtkLabel           *listen_label;
  GtkWidget          *themes_box;
  GtkFlowBox         *theme_chips;
  GtkListBox         *answers_list;
  GtkListBox         *suggestions_list;
  GtkMenuButton      *choose_button;
  GtkSearchEntry     *choose_search;
  GtkListBox         *choose_list;
  SbStorySearch      *choose_query;     /* the chooser's search, in the worker */
  gboolean            choose_enter;     /* Enter while it ran: take its best */
};

/* sb-questions-page.c */
/* g_set_str() arrived in GLib 2.76; Debian 12 has 2.74. */
gboolean _sb_questions_page_set_str          (char            **slot,
                                              const char       *value);
/* Hidden means a page of a stack other than the one shown. */
gboolean _sb_questions_page_is_hidden        (SbQuestionsPage  *self);

/* sb-questions-page-detail.c */
void     _sb_questions_page_update_detail    (SbQuestionsPage  *self);
void     _sb_questions_page_stop_suggestions (SbQuestionsPage  *self);
/* Makes the detail's rows and lays them out, hidden, a step a call, once
 * after the page is first drawn; TRUE when done. */
#define PREPARE_DONE 5
gboolean _sb_questions_page_prepare_detail_step (SbQuestionsPage *self);
/* The bank changed (links, stories, text): every ranking may have. */
void     _sb_questions_page_forget_suggestions (SbQuestionsPage *self);
void     _sb_questions_page_remove_all_children (GtkWidget     *container);

/* sb-questions-page-chooser.c */
void     _sb_questions_page_build_chooser    (SbQuestionsPage  *self);
void     _sb_questions_page_dispose_chooser  (SbQuestionsPage  *self);

/* sb-questions-page.c */
gboolean _sb_questions_page_refresh_idle_cb  (gpointer          user_data);
gboolean _sb_questions_page_find_in_results  (SbQuestionsPage  *self,
                                              const char       *slug,
                                              guint            *position);

/* sb-questions-page-filters.c: the search and the filters */
void     _sb_questions_page_init_filters     (SbQuestionsPage  *self);
void     _sb_questions_page_bind_filter_callbacks (GtkWidgetClass *widget_class);
void     _sb_questions_page_connect_filters  (SbQuestionsPage  *self);
gboolean _sb_questions_page_rebuild_filters  (SbQuestionsPage  *self);
gboolean _sb_questions_page_filter_question  (gpointer          item,
                                              gpointer          user_data);
void     _sb_questions_page_refilter         (SbQuestionsPage  *self);
void     _sb_questions_page_search_changed_cb (SbQuestionsPage *self);
guint    _sb_questions_page_count_answers    (SbQuestionsPage  *self,
                                              SbQuestion       *question);
gboolean _sb_questions_page_reveal_question  (SbQuestionsPage  *self,
                                              SbQuestion       *question);

/* sb-questions-page-actions.c */
void     _sb_questions_page_show_toast       (SbQuestionsPage  *self,
                                              const char       *title);
void     _sb_questions_page_install_actions  (GtkWidgetClass   *widget_class);

G_END_DECLS
