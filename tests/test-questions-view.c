/* test-questions-view.c — the Questions page and the question editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-questions-view"

#include "config.h"

#include <adwaita.h>

#include "sb-coach.h"
#include "sb-question-editor.h"
#include "sb-questions-page.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"

typedef struct
{
  SbTestDir *dir;
  SbStore   *store;
  char      *theme;     /* slug of the first theme of the first framework */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SbFramework) framework = NULL;
  g_autoptr(SbTheme) theme = NULL;

  f->dir = sb_test_dir_new ();
  path = sb_test_dir_file (f->dir, "bank.sqlite3");
  f->store = sb_store_open (path, &error);
  g_assert_no_error (error);

  framework = g_list_model_get_item (sb_store_get_frameworks (f->store), 0);
  theme = g_list_model_get_item (sb_store_get_themes (f->store, sb_framework_get_slug (framework)), 0);
  g_assert_nonnull (theme);
  f->theme = g_strdup (sb_theme_get_slug (theme));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  g_free (f->theme);
  sb_test_dir_free (f->dir);
}

static SbQuestionsPage *
new_page (Fixture *f)
{
  SbQuestionsPage *page = g_object_new (SB_TYPE_QUESTIONS_PAGE, "store", f->store, NULL);

  g_object_ref_sink (page);
  sb_test_iterate_main_loop ();
  return page;
}

static SbQuestion *
add_question (Fixture    *f,
              const char *text,
              const char *theme)
{
  const char *themes[] = { theme, NULL };
  g_autoptr(GError) error = NULL;
  SbQuestion *question = sb_store_add_question (f->store, text, "Listen for ownership.",
                                                theme != NULL ? themes : NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (question);
  return question;
}

static gboolean
results_contain (SbQuestionsPage *page,
                 const char      *slug,
                 const char      *text)
{
  GListModel *results = sb_questions_page_get_results (page);

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(SbQuestion) question = g_list_model_get_item (results, i);

      if (g_strcmp0 (sb_question_get_slug (question), slug) == 0)
        return text == NULL || g_strcmp0 (sb_question_get_text (question), text) == 0;
    }
  return FALSE;
}

static gboolean
strv_contains (GStrv strv, const char *s)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, s);
}

static void
test_search_filters (Fixture       *f,
                     gconstpointer  data)
{
  SbQuestion *zebra = add_question (f, "Tell me about the zebracorn migration.", f->theme);
  g_autofree char *slug = g_strdup (sb_question_get_slug (zebra));
  SbQuestionsPage *page = new_page (f);
  GListModel *results = sb_questions_page_get_results (page);
  guint n_all = g_list_model_get_n_items (sb_store_get_questions (f->store));

  g_assert_cmpuint (g_list_model_get_n_items (results), ==, n_all);

  sb_questions_page_set_search_text (page, "zebra");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  g_assert_true (results_contain (page, slug, NULL));

  /* Every word must match, each as a prefix; case does not matter. */
  sb_questions_page_set_search_text (page, "ZEBRACORN migr");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  sb_questions_page_set_search_text (page, "zebracorn nothinglikethis");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);

  sb_questions_page_set_search_text (page, "");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, n_all);

  g_assert_finalize_object (page);
}

static void
test_only_unanswered (Fixture       *f,
                      gconstpointer  data)
{
  SbQuestion *question = add_question (f, "Describe a time you disagreed with your manager.", f->theme);
  g_autofree char *slug = g_strdup (sb_question_get_slug (question));
  SbStory *story = sb_store_create_story (f->store, "Pushing back on the launch date", NULL);
  SbQuestionsPage *page = new_page (f);
  GListModel *results = sb_questions_page_get_results (page);
  g_autoptr(GError) error = NULL;
  guint n_all = g_list_model_get_n_items (results);

  sb_questions_page_set_only_unanswered (page, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, n_all);

  sb_store_set_story_question (f->store, story, slug, TRUE, &error);
  g_assert_no_error (error);
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, n_all - 1);
  g_assert_false (results_contain (page, slug, NULL));

  sb_questions_page_set_only_unanswered (page, FALSE);
  g_assert_true (results_contain (page, slug, NULL));

  g_assert_finalize_object (page);
}

static void
test_use_story (Fixture       *f,
                gconstpointer  data)
{
  SbQuestion *question = add_question (f, "Tell me about an outage you owned.", f->theme);
  g_autofree char *slug = g_strdup (sb_question_get_slug (question));
  SbStory *story = sb_store_create_story (f->store, "Checkout outage", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) answers = NULL;
  g_auto(GStrv) suggestions = NULL;
  g_autoptr(GPtrArray) linked = NULL;
  SbQuestionsPage *page;
  const char *uuid = sb_story_get_uuid (story);

  sb_store_set_story_theme (f->store, story, f->theme, SB_STRENGTH_PRIMARY, &error);
  g_assert_no_error (error);

  page = new_page (f);
  g_assert_null (sb_questions_page_get_selected_question (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "questions.select", "s", slug));
  g_assert_true (sb_questions_page_get_selected_question (page) == sb_store_find_question (f->store, slug));

  answers = sb_questions_page_dup_answer_uuids (page);
  suggestions = sb_questions_page_dup_suggestion_uuids (page);
  g_assert_false (strv_contains (answers, uuid));
  g_assert_true (strv_contains (suggestions, uuid));
  g_clear_pointer (&answers, g_strfreev);
  g_clear_pointer (&suggestions, g_strfreev);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "questions.use-story", "s", uuid));
  linked = sb_store_get_question_stories (f->store, slug);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_true (g_ptr_array_index (linked, 0) == story);

  answers = sb_questions_page_dup_answer_uuids (page);
  suggestions = sb_questions_page_dup_suggestion_uuids (page);
  g_assert_true (strv_contains (answers, uuid));
  g_assert_false (strv_contains (suggestions, uuid));
  g_clear_pointer (&answers, g_strfreev);
  g_clear_pointer (&suggestions, g_strfreev);

  /* And back: unlinking puts it among the suggestions again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "questions.unlink-story", "s", uuid));
  sb_test_iterate_main_loop ();
  answers = sb_questions_page_dup_answer_uuids (page);
  suggestions = sb_questions_page_dup_suggestion_uuids (page);
  g_assert_false (strv_contains (answers, uuid));
  g_assert_true (strv_contains (suggestions, uuid));

  g_assert_finalize_object (page);
}

static void
test_store_changes_reach_list (Fixture       *f,
                               gconstpointer  data)
{
  SbQuestionsPage *page = new_page (f);
  GListModel *results = sb_questions_page_get_results (page);
  guint n_before = g_list_model_get_n_items (results);
  g_autoptr(GError) error = NULL;
  const char *themes[] = { f->theme, NULL };
  SbQuestion *question;
  g_autofree char *slug = NULL;

  question = add_question (f, "Walk me through a hard trade-off.", f->theme);
  slug = g_strdup (sb_question_get_slug (question));
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, n_before + 1);
  g_assert_true (results_contain (page, slug, "Walk me through a hard trade-off."));

  sb_questions_page_select_question (page, slug);
  g_assert_true (sb_questions_page_get_selected_question (page) == question);

  g_assert_true (sb_store_update_question (f->store, question, "Walk me through a painful trade-off.",
                                           "", themes, &error));
  g_assert_no_error (error);
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, n_before + 1);
  g_assert_true (results_contain (page, slug, "Walk me through a painful trade-off."));
  /* The edited question stays in the detail. */
  g_assert_cmpstr (sb_question_get_text (sb_questions_page_get_selected_question (page)), ==,
                   "Walk me through a painful trade-off.");

  g_assert_true (sb_store_delete_question (f->store, sb_store_find_question (f->store, slug), &error));
  g_assert_no_error (error);
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, n_before);
  g_assert_false (results_contain (page, slug, NULL));
  g_assert_null (sb_questions_page_get_selected_question (page));

  g_assert_finalize_object (page);
}

static void
saved_cb (SbQuestionEditor  *editor,
          SbQuestion        *question,
          SbQuestion       **out)
{
  g_set_object (out, question);
}

static void
test_editor (Fixture       *f,
             gconstpointer  data)
{
  GListModel *questions = sb_store_get_questions (f->store);
  guint n_before = g_list_model_get_n_items (questions);
  SbQuestionEditor *editor = sb_question_editor_new (f->store, NULL);
  g_autoptr(SbQuestion) added = NULL;
  SbQuestion *saved = NULL;

  g_object_ref (editor);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved);

  /* Empty text: an inline error, nothing stored. */
  sb_question_editor_set_text (editor, "   ");
  g_assert_false (sb_question_editor_save (editor));
  g_assert_nonnull (sb_question_editor_get_error (editor));
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, n_before);

  /* Typing clears the error. */
  sb_question_editor_set_text (editor, "Tell me about a time you mentored someone.");
  g_assert_null (sb_question_editor_get_error (editor));
  sb_question_editor_set_listen_for (editor, "Patience, specific growth.");
  sb_question_editor_set_theme (editor, f->theme, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_null (sb_question_editor_get_error (editor));

  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, n_before + 1);
  added = g_list_model_get_item (questions, n_before);
  g_assert_cmpstr (sb_question_get_text (added), ==, "Tell me about a time you mentored someone.");
  g_assert_cmpstr (sb_question_get_listen_for (added), ==, "Patience, specific growth.");
  g_assert_true (sb_question_has_theme (added, f->theme));
  g_assert_true (saved == added);
  g_clear_object (&saved);

  g_object_unref (editor);
  sb_test_iterate_main_loop ();

  /* Editing keeps the slug and changes the text. */
  editor = sb_question_editor_new (f->store, added);
  g_object_ref (editor);
  sb_question_editor_set_text (editor, "Tell me about someone you mentored.");
  sb_question_editor_set_theme (editor, f->theme, FALSE);
  g_assert_true (sb_question_editor_save (editor));
  {
    SbQuestion *edited = sb_store_find_question (f->store, sb_question_get_slug (added));

    g_assert_cmpstr (sb_question_get_text (edited), ==, "Tell me about someone you mentored.");
    g_assert_false (sb_question_has_theme (edited, f->theme));
  }
  g_object_unref (editor);
  sb_test_iterate_main_loop ();
}

/* The question list (not the one inside a drop-down's popover). */
static GtkListView *
find_question_list (GtkWidget *root)
{
  if (GTK_IS_DROP_DOWN (root))
    return NULL;
  if (GTK_IS_LIST_VIEW (root))
    return GTK_LIST_VIEW (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListView *found = find_question_list (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A page the person does not see does no work; shown, it is up to date. */
static void
test_hidden_page_waits (Fixture       *f,
                        gconstpointer  data)
{
  SbQuestion *question = add_question (f, "Tell me about an outage you owned.", f->theme);
  g_autofree char *slug = g_strdup (sb_question_get_slug (question));
  SbStory *story = sb_store_create_story (f->store, "Checkout outage", NULL);
  SbStory *other = sb_store_create_story (f->store, "Ledger migration", NULL);
  const char *uuid = sb_story_get_uuid (story);
  GtkWidget *window = gtk_window_new ();
  AdwViewStack *stack = ADW_VIEW_STACK (adw_view_stack_new ());
  SbQuestionsPage *page = g_object_new (SB_TYPE_QUESTIONS_PAGE, "store", f->store, NULL);
  GtkListView *list = find_question_list (GTK_WIDGET (page));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) answers = NULL;
  g_auto(GStrv) suggestions = NULL;

  adw_view_stack_add_named (stack, gtk_label_new ("Stories"), "stories");
  adw_view_stack_add_named (stack, GTK_WIDGET (page), "questions");
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (stack));
  gtk_window_present (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
  g_assert_nonnull (list);
  sb_questions_page_select_question (page, slug);

  /* Hidden: the list has made no rows, and a change in the bank waits. */
  g_assert_null (gtk_list_view_get_model (list));
  g_assert_true (sb_store_set_story_question (f->store, story, slug, TRUE, &error));
  g_assert_true (sb_store_set_story_theme (f->store, other, f->theme, SB_STRENGTH_PRIMARY, &error));
  g_assert_no_error (error);
  sb_test_iterate_main_loop ();
  answers = sb_questions_page_dup_answer_uuids (page);
  g_assert_false (strv_contains (answers, uuid));
  g_clear_pointer (&answers, g_strfreev);

  /* Shown: the list, the chosen story and the new suggestion. */
  adw_view_stack_set_visible_child_name (stack, "questions");
  sb_test_iterate_main_loop ();
  g_assert_nonnull (gtk_list_view_get_model (list));
  answers = sb_questions_page_dup_answer_uuids (page);
  suggestions = sb_questions_page_dup_suggestion_uuids (page);
  g_assert_true (strv_contains (answers, uuid));
  g_assert_true (strv_contains (suggestions, sb_story_get_uuid (other)));
  g_clear_pointer (&answers, g_strfreev);

  /* Hidden again, an unlink waits for the page to be shown. */
  adw_view_stack_set_visible_child_name (stack, "stories");
  g_assert_true (sb_store_set_story_question (f->store, story, slug, FALSE, &error));
  sb_test_iterate_main_loop ();
  answers = sb_questions_page_dup_answer_uuids (page);
  g_assert_true (strv_contains (answers, uuid));
  g_clear_pointer (&answers, g_strfreev);
  adw_view_stack_set_visible_child_name (stack, "questions");
  sb_test_iterate_main_loop ();
  answers = sb_questions_page_dup_answer_uuids (page);
  g_assert_false (strv_contains (answers, uuid));

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
}


static guint
n_offered_themes (SbQuestionsPage *page)
{
  GtkDropDown *theme_filter = sb_questions_page_get_theme_filter (page);

  return g_list_model_get_n_items (gtk_drop_down_get_model (theme_filter));
}

/* The detail shows a question the list shows, or nothing. */
static void
test_detail_follows_list (Fixture       *f,
                          gconstpointer  data)
{
  SbQuestion *question = add_question (f, "Tell me about the zebracorn migration.", f->theme);
  g_autofree char *slug = g_strdup (sb_question_get_slug (question));
  SbQuestionsPage *page = new_page (f);

  sb_questions_page_select_question (page, slug);
  g_assert_true (sb_questions_page_get_selected_question (page) == question);

  /* A search that still finds it keeps it; one that hides it empties the detail. */
  sb_questions_page_set_search_text (page, "zebracorn");
  g_assert_true (sb_questions_page_get_selected_question (page) == question);
  sb_questions_page_set_search_text (page, "nothinglikethis");
  g_assert_null (sb_questions_page_get_selected_question (page));

  /* Choosing a question the filters hide clears them, so the list shows it. */
  sb_questions_page_set_search_text (page, "nothinglikethis");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "questions.select", "s", slug));
  g_assert_true (sb_questions_page_get_selected_question (page) == question);
  g_assert_true (results_contain (page, slug, NULL));

  /* A framework filter that hides it empties the detail too. */
  sb_questions_page_set_framework_filter (page, "amazon-lp");
  g_assert_false (results_contain (page, slug, NULL));
  g_assert_null (sb_questions_page_get_selected_question (page));

  /* "Clear Filters" (offered when nothing matches) brings it back. */
  sb_questions_page_set_search_text (page, "zebracorn");
  g_assert_cmpuint (g_list_model_get_n_items (sb_questions_page_get_results (page)), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "questions.clear-filters", NULL));
  g_assert_true (results_contain (page, slug, NULL));

  g_assert_finalize_object (page);
}

/* A theme filter only offers the chosen framework's themes, and switching
 * the framework drops a theme that is not in it. */
static void
test_theme_filter_follows_framework (Fixture       *f,
                                     gconstpointer  data)
{
  SbQuestionsPage *page = new_page (f);
  GtkDropDown *theme_filter = sb_questions_page_get_theme_filter (page);
  guint n_core = g_list_model_get_n_items (sb_store_get_themes (f->store, "core"));
  guint n_lp = g_list_model_get_n_items (sb_store_get_themes (f->store, "amazon-lp"));
  g_autoptr(SbTheme) lp_theme = g_list_model_get_item (sb_store_get_themes (f->store, "amazon-lp"), 0);
  GListModel *results = sb_questions_page_get_results (page);

  /* All frameworks: no theme to choose until a framework is. */
  g_assert_cmpuint (n_offered_themes (page), ==, 1);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (theme_filter)));

  sb_questions_page_set_framework_filter (page, "amazon-lp");
  g_assert_cmpuint (n_offered_themes (page), ==, 1 + n_lp);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (theme_filter)));
  sb_questions_page_set_theme_filter (page, sb_theme_get_slug (lp_theme));
  g_assert_cmpstr (sb_questions_page_get_theme_filter_slug (page), ==, sb_theme_get_slug (lp_theme));

  sb_questions_page_set_framework_filter (page, "core");
  g_assert_null (sb_questions_page_get_theme_filter_slug (page));
  g_assert_cmpuint (n_offered_themes (page), ==, 1 + n_core);

  sb_questions_page_set_framework_filter (page, "amazon-lp");
  sb_questions_page_set_theme_filter (page, sb_theme_get_slug (lp_theme));
  sb_questions_page_set_framework_filter (page, NULL);
  g_assert_null (sb_questions_page_get_theme_filter_slug (page));
  g_assert_cmpuint (g_list_model_get_n_items (results), ==,
                    g_list_model_get_n_items (sb_store_get_questions (f->store)));

  g_assert_finalize_object (page);
}

/* Answering the question in the detail while "no story chosen" is on
 * keeps it in the list and the detail until another is chosen. */
static void
test_answered_question_stays (Fixture       *f,
                              gconstpointer  data)
{
  SbQuestion *question = add_question (f, "Describe a time you disagreed with your manager.", f->theme);
  g_autofree char *slug = g_strdup (sb_question_get_slug (question));
  SbStory *story = sb_store_create_story (f->store, "Pushing back on the launch date", NULL);
  SbQuestionsPage *page = new_page (f);
  g_autoptr(SbQuestion) other = NULL;

  sb_questions_page_set_only_unanswered (page, TRUE);
  sb_questions_page_select_question (page, slug);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "questions.use-story", "s",
                                             sb_story_get_uuid (story)));
  sb_test_iterate_main_loop ();
  g_assert_true (sb_questions_page_get_selected_question (page) == question);
  g_assert_true (results_contain (page, slug, NULL));

  /* Another question chosen: the answered one leaves the list. */
  other = g_list_model_get_item (sb_questions_page_get_results (page), 0);
  if (other == question)
    g_set_object (&other, g_list_model_get_item (sb_questions_page_get_results (page), 1));
  sb_questions_page_select_question (page, sb_question_get_slug (other));
  sb_test_iterate_main_loop ();
  g_assert_false (results_contain (page, slug, NULL));

  g_assert_finalize_object (page);
}


static int
natural_width (GtkWidget *widget)
{
  int minimum, natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  return natural;
}

/* A long framework or theme name is cut in its drop-down, not allowed to
 * widen the sidebar. */
static void
test_sidebar_keeps_width (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  SbQuestionsPage *page = g_object_new (SB_TYPE_QUESTIONS_PAGE, "store", f->store, NULL);
  GtkWidget *sidebar = gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (sb_questions_page_get_theme_filter (page))));
  GListModel *themes = sb_store_get_themes (f->store, "amazon-lp");
  g_autofree char *longest = NULL;
  int before;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
  sidebar = gtk_widget_get_parent (sidebar);
  before = natural_width (sidebar);

  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(SbTheme) theme = g_list_model_get_item (themes, i);

      if (longest == NULL || strlen (sb_theme_get_name (theme)) > strlen (longest))
        {
          g_free (longest);
          longest = g_strdup (sb_theme_get_slug (theme));
        }
    }
  sb_questions_page_set_framework_filter (page, "amazon-lp");
  sb_questions_page_set_theme_filter (page, longest);
  sb_test_iterate_main_loop ();
  g_assert_cmpint (natural_width (sidebar), <=, before);

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
}

/* Widgets under @root whose action is @action. */
static guint
count_actionables (GtkWidget  *root,
                   const char *action)
{
  guint n = 0;

  /* Rows are kept, hidden, for the next question: only what is shown. */
  if (!gtk_widget_get_visible (root))
    return 0;
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_actionables (child, action);
  return n;
}

/* A question a coach's bank answers with dozens of stories shows the
 * first few and a row that shows the rest; another question, and back,
 * starts short again. */
static void
test_many_answers (Fixture       *f,
                   gconstpointer  data)
{
  SbQuestion *question = add_question (f, "Tell me about an outage you owned.", f->theme);
  SbQuestion *other = add_question (f, "Tell me about a hard deadline.", f->theme);
  g_autofree char *slug = g_strdup (sb_question_get_slug (question));
  g_autofree char *other_slug = g_strdup (sb_question_get_slug (other));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) answers = NULL;
  SbQuestionsPage *page;

  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *title = g_strdup_printf ("Outage %u", i);
      SbStory *story = sb_store_create_story (f->store, title, &error);

      g_assert_no_error (error);
      g_assert_true (sb_store_set_story_question (f->store, story, slug, TRUE, &error));
    }

  page = new_page (f);
  sb_questions_page_select_question (page, slug);
  answers = sb_questions_page_dup_answer_uuids (page);
  g_assert_cmpuint (g_strv_length (answers), ==, 25);
  g_assert_cmpuint (count_actionables (GTK_WIDGET (page), "win.show-story"), ==, 10);
  g_assert_cmpuint (count_actionables (GTK_WIDGET (page), "questions.show-all-answers"), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "questions.show-all-answers", NULL));
  g_assert_cmpuint (count_actionables (GTK_WIDGET (page), "win.show-story"), ==, 25);
  g_assert_cmpuint (count_actionables (GTK_WIDGET (page), "questions.show-all-answers"), ==, 0);

  /* A change in the bank keeps them all shown for this question… */
  g_assert_true (sb_store_set_story_question (f->store, sb_store_find_story (f->store, answers[0]),
                                              slug, FALSE, &error));
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (count_actionables (GTK_WIDGET (page), "win.show-story"), ==, 24);

  /* …another question forgets it. */
  sb_questions_page_select_question (page, other_slug);
  sb_questions_page_select_question (page, slug);
  g_assert_cmpuint (count_actionables (GTK_WIDGET (page), "win.show-story"), ==, 10);

  g_assert_finalize_object (page);
}

static gboolean
same_uuids (GStrv      shown,
            GPtrArray *suggestions)
{
  if (g_strv_length (shown) != suggestions->len)
    return FALSE;
  for (guint i = 0; i < suggestions->len; i++)
    if (g_strcmp0 (shown[i], sb_story_get_uuid (((SbSuggestion *) suggestions->pdata[i])->story)) != 0)
      return FALSE;
  return TRUE;
}

/* In a big bank the suggestions are ranked between frames: the detail
 * says so meanwhile, then shows the same ranking as the coach's; shown
 * again, the question's ranking is not worked out twice, until the bank
 * changes. */
static void
test_suggestions_between_frames (Fixture       *f,
                                 gconstpointer  data)
{
  SbQuestion *question = add_question (f, "Tell me about a database migration you led.", f->theme);
  SbQuestion *other = add_question (f, "Tell me about a hard deadline.", NULL);
  g_autofree char *slug = g_strdup (sb_question_get_slug (question));
  g_autofree char *other_slug = g_strdup (sb_question_get_slug (other));
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) suggestions = NULL;
  SbQuestionsPage *page;
  SbStory *late;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *title = g_strdup_printf ("Story %u", i);
      SbStory *story = sb_store_create_story (f->store, title, &error);

      g_assert_no_error (error);
      if (i % 7 == 0)
        g_assert_true (sb_store_set_story_theme (f->store, story, f->theme,
                                                 i % 2 ? SB_STRENGTH_PRIMARY : SB_STRENGTH_SECONDARY,
                                                 &error));
      if (i % 5 == 0)
        sb_store_edit_story (f->store, story, SB_STORY_FIELD_ACTION,
                             "I planned the database migration and led the cut-over.", &error);
    }
  g_assert_true (sb_store_save_pending (f->store, &error));
  expected = sb_coach_suggest_stories (f->store, question, 5);
  g_assert_cmpuint (expected->len, ==, 5);

  page = new_page (f);
  sb_questions_page_set_suggest_slice (page, 0);
  sb_questions_page_select_question (page, slug);
  g_assert_true (sb_questions_page_get_suggesting (page));
  suggestions = sb_questions_page_dup_suggestion_uuids (page);
  g_assert_cmpuint (g_strv_length (suggestions), ==, 0);
  g_clear_pointer (&suggestions, g_strfreev);

  sb_test_iterate_main_loop ();
  g_assert_false (sb_questions_page_get_suggesting (page));
  suggestions = sb_questions_page_dup_suggestion_uuids (page);
  g_assert_true (same_uuids (suggestions, expected));
  g_clear_pointer (&suggestions, g_strfreev);

  /* Another question and back: the ranking is there at once. */
  sb_questions_page_select_question (page, other_slug);
  sb_test_iterate_main_loop ();
  sb_questions_page_select_question (page, slug);
  g_assert_false (sb_questions_page_get_suggesting (page));
  suggestions = sb_questions_page_dup_suggestion_uuids (page);
  g_assert_true (same_uuids (suggestions, expected));
  g_clear_pointer (&suggestions, g_strfreev);

  /* A new story linked to the question's theme: ranked again, among the best. */
  late = sb_store_create_story (f->store, "Zero-downtime migration", &error);
  g_assert_true (sb_store_set_story_theme (f->store, late, f->theme, SB_STRENGTH_PRIMARY, &error));
  sb_store_edit_story (f->store, late, SB_STORY_FIELD_ACTION,
                       "I led the database migration of the ledger.", &error);
  g_assert_true (sb_store_save_pending (f->store, &error));
  g_assert_no_error (error);
  sb_test_iterate_main_loop ();
  g_clear_pointer (&expected, g_ptr_array_unref);
  expected = sb_coach_suggest_stories (f->store, question, 5);
  suggestions = sb_questions_page_dup_suggestion_uuids (page);
  g_assert_true (same_uuids (suggestions, expected));
  g_assert_true (strv_contains (suggestions, sb_story_get_uuid (late)));

  g_assert_finalize_object (page);
}

/* A story deleted while the page is hidden is gone from the answers (and
 * the suggestions) once the page is shown, and not before. */
static void
test_hidden_page_drops_deleted_story (Fixture       *f,
                                      gconstpointer  data)
{
  SbQuestion *question = add_question (f, "Tell me about an outage you owned.", f->theme);
  g_autofree char *slug = g_strdup (sb_question_get_slug (question));
  SbStory *story = sb_store_create_story (f->store, "Checkout outage", NULL);
  g_autofree char *uuid = g_strdup (sb_story_get_uuid (story));
  GtkWidget *window = gtk_window_new ();
  AdwViewStack *stack = ADW_VIEW_STACK (adw_view_stack_new ());
  SbQuestionsPage *page = g_object_new (SB_TYPE_QUESTIONS_PAGE, "store", f->store, NULL);
  g_autoptr(SbDeletedStory) deleted = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) answers = NULL;
  g_auto(GStrv) suggestions = NULL;

  g_assert_true (sb_store_set_story_question (f->store, story, slug, TRUE, &error));
  g_assert_true (sb_store_set_story_theme (f->store, story, f->theme, SB_STRENGTH_PRIMARY, &error));
  g_assert_no_error (error);
  adw_view_stack_add_named (stack, gtk_label_new ("Stories"), "stories");
  adw_view_stack_add_named (stack, GTK_WIDGET (page), "questions");
  adw_view_stack_set_visible_child_name (stack, "questions");
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (stack));
  gtk_window_present (GTK_WINDOW (window));
  sb_questions_page_select_question (page, slug);
  sb_test_iterate_main_loop ();
  answers = sb_questions_page_dup_answer_uuids (page);
  g_assert_true (strv_contains (answers, uuid));
  g_clear_pointer (&answers, g_strfreev);

  adw_view_stack_set_visible_child_name (stack, "stories");
  sb_test_iterate_main_loop ();
  deleted = sb_store_delete_story (f->store, story, &error);
  g_assert_no_error (error);
  sb_test_iterate_main_loop ();
  /* Hidden: nothing redone yet. */
  answers = sb_questions_page_dup_answer_uuids (page);
  g_assert_true (strv_contains (answers, uuid));
  g_clear_pointer (&answers, g_strfreev);

  adw_view_stack_set_visible_child_name (stack, "questions");
  sb_test_iterate_main_loop ();
  g_assert_true (sb_questions_page_get_selected_question (page) == question);
  answers = sb_questions_page_dup_answer_uuids (page);
  suggestions = sb_questions_page_dup_suggestion_uuids (page);
  g_assert_false (strv_contains (answers, uuid));
  g_assert_false (strv_contains (suggestions, uuid));

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The list takes the questions a screenful per frame: it starts with some
 * and ends with all, in order; a question further down than it has come
 * is selected in it at once. */
static void
test_list_fills_after_first_frame (Fixture       *f,
                                   gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  SbQuestionsPage *page = g_object_new (SB_TYPE_QUESTIONS_PAGE, "store", f->store, NULL);
  GtkListView *list = find_question_list (GTK_WIDGET (page));
  GListModel *results = sb_questions_page_get_results (page);
  guint n_results = g_list_model_get_n_items (results);
  g_autoptr(SbQuestion) last = g_list_model_get_item (results, n_results - 1);
  GtkSingleSelection *selection;
  GListModel *shown;
  gboolean timed_out = FALSE;
  guint timeout_id;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  /* The catalog alone is more than a screenful. */
  g_assert_cmpuint (n_results, >, 40);
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));
  shown = G_LIST_MODEL (selection);
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, n_results);

  timeout_id = g_timeout_add_seconds (10, timeout_cb, &timed_out);
  while (g_list_model_get_n_items (shown) < n_results && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
  for (guint i = 0; i < n_results; i++)
    {
      g_autoptr(SbQuestion) a = g_list_model_get_item (shown, i);
      g_autoptr(SbQuestion) b = g_list_model_get_item (results, i);

      g_assert_true (a == b);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();

  /* Chosen before the list reaches it. */
  window = gtk_window_new ();
  page = g_object_new (SB_TYPE_QUESTIONS_PAGE, "store", f->store, NULL);
  list = find_question_list (GTK_WIDGET (page));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), <, n_results);
  sb_questions_page_select_question (page, sb_question_get_slug (last));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, n_results - 1);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == last);
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
}

/* The story rows under @root: all of them, or the shown ones only. */
static void
collect_story_rows (GtkWidget *root,
                    gboolean   shown_only,
                    GPtrArray *rows)
{
  if (shown_only && !gtk_widget_get_visible (root))
    return;
  if (ADW_IS_ACTION_ROW (root) && gtk_actionable_get_action_name (GTK_ACTIONABLE (root)) != NULL &&
      g_str_equal (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), "win.show-story"))
    g_ptr_array_add (rows, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_story_rows (child, shown_only, rows);
}

static GPtrArray *
story_rows (SbQuestionsPage *page,
            gboolean         shown_only)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect_story_rows (GTK_WIDGET (page), shown_only, rows);
  return rows;
}

/* Runs the main loop for @ms: frames, idles, timeouts. */
static void
iterate_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
}

/* Waits (ten seconds at most) until the page has made @n story rows. */
static guint
wait_for_story_rows (SbQuestionsPage *page,
                     guint            n)
{
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < until)
    {
      g_autoptr(GPtrArray) rows = story_rows (page, FALSE);

      if (rows->len >= n)
        return rows->len;
      g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
    }
  return 0;
}

/* The detail's rows are made after the page is first shown, hidden, and
 * the first question selected fills those same rows; a page never shown
 * makes none. */
static void
test_detail_made_after_shown (Fixture       *f,
                              gconstpointer  data)
{
  SbQuestion *question = add_question (f, "Tell me about an outage you owned.", f->theme);
  g_autofree char *slug = g_strdup (sb_question_get_slug (question));
  GtkWidget *window = gtk_window_new ();
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *other = gtk_label_new ("Another page");
  SbQuestionsPage *page = g_object_new (SB_TYPE_QUESTIONS_PAGE, "store", f->store, NULL);
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) answers = NULL;

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *title = g_strdup_printf ("Outage %u", i);
      SbStory *story = sb_store_create_story (f->store, title, &error);

      g_assert_no_error (error);
      if (i < 3)
        g_assert_true (sb_store_set_story_question (f->store, story, slug, TRUE, &error));
    }

  gtk_stack_add_named (GTK_STACK (stack), other, "other");
  gtk_stack_add_named (GTK_STACK (stack), GTK_WIDGET (page), "questions");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "other");
  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_present (GTK_WINDOW (window));
  iterate_for (300);

  /* Not shown: nothing made. */
  made = story_rows (page, FALSE);
  g_assert_cmpuint (made->len, ==, 0);
  g_clear_pointer (&made, g_ptr_array_unref);

  /* Shown: made (as many as a question shows), none of them shown,
   * nothing selected. */
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "questions");
  g_assert_cmpuint (wait_for_story_rows (page, 10), ==, 10);
  iterate_for (100);
  made = story_rows (page, FALSE);
  g_assert_cmpuint (made->len, ==, 10);
  shown = story_rows (page, TRUE);
  g_assert_cmpuint (shown->len, ==, 0);
  g_clear_pointer (&shown, g_ptr_array_unref);
  g_assert_null (sb_questions_page_get_selected_question (page));
  answers = sb_questions_page_dup_answer_uuids (page);
  g_assert_cmpuint (g_strv_length (answers), ==, 0);
  g_clear_pointer (&answers, g_strfreev);

  /* Selected: the question's three answers, in rows made before. */
  sb_questions_page_select_question (page, slug);
  shown = story_rows (page, TRUE);
  g_assert_cmpuint (shown->len, ==, 3);
  for (guint i = 0; i < shown->len; i++)
    g_assert_true (g_ptr_array_find (made, shown->pdata[i], NULL));
  answers = sb_questions_page_dup_answer_uuids (page);
  g_assert_cmpuint (g_strv_length (answers), ==, 3);
  for (guint i = 0; i < shown->len; i++)
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (shown->pdata[i]));

      g_assert_true (g_strv_contains ((const char * const *) answers, g_variant_get_string (target, NULL)));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
}

/* In a big bank, a question selected while another's suggestions are
 * still being ranked shows its own, the coach's, never the other's. */
static void
test_newer_selection_supersedes (Fixture       *f,
                                 gconstpointer  data)
{
  SbQuestion *first = add_question (f, "Tell me about a database migration you led.", NULL);
  SbQuestion *second = add_question (f, "Tell me about a difficult customer escalation.", NULL);
  g_autofree char *first_slug = g_strdup (sb_question_get_slug (first));
  g_autofree char *second_slug = g_strdup (sb_question_get_slug (second));
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) not_expected = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) suggestions = NULL;
  SbQuestionsPage *page;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *title = g_strdup_printf ("Story %u", i);
      SbStory *story = sb_store_create_story (f->store, title, &error);

      g_assert_no_error (error);
      sb_store_edit_story (f->store, story, SB_STORY_FIELD_ACTION,
                           i % 3 == 0 ? "I planned the database migration and led the cut-over."
                                      : i % 3 == 1 ? "The customer escalation was difficult; I called them daily."
                                                   : "I wrote the quarterly report.",
                           &error);
    }
  g_assert_true (sb_store_save_pending (f->store, &error));
  expected = sb_coach_suggest_stories (f->store, second, 5);
  not_expected = sb_coach_suggest_stories (f->store, first, 5);
  g_assert_cmpuint (expected->len, ==, 5);
  g_assert_cmpuint (not_expected->len, ==, 5);

  page = new_page (f);
  sb_questions_page_set_suggest_slice (page, 0);
  sb_questions_page_select_question (page, first_slug);
  g_assert_true (sb_questions_page_get_suggesting (page));
  sb_questions_page_select_question (page, second_slug);
  g_assert_true (sb_questions_page_get_suggesting (page));
  suggestions = sb_questions_page_dup_suggestion_uuids (page);
  g_assert_cmpuint (g_strv_length (suggestions), ==, 0);
  g_clear_pointer (&suggestions, g_strfreev);

  sb_test_iterate_main_loop ();
  g_assert_false (sb_questions_page_get_suggesting (page));
  suggestions = sb_questions_page_dup_suggestion_uuids (page);
  g_assert_true (same_uuids (suggestions, expected));
  for (guint i = 0; i < not_expected->len; i++)
    g_assert_false (strv_contains (suggestions, sb_story_get_uuid (((SbSuggestion *) not_expected->pdata[i])->story)));

  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);

  g_test_add ("/questions-view/hidden-page-waits", Fixture, NULL,
              fixture_setup, test_hidden_page_waits, fixture_teardown);
  g_test_add ("/questions-view/hidden-page-drops-deleted-story", Fixture, NULL,
              fixture_setup, test_hidden_page_drops_deleted_story, fixture_teardown);
  g_test_add ("/questions-view/list-fills-after-first-frame", Fixture, NULL,
              fixture_setup, test_list_fills_after_first_frame, fixture_teardown);
  g_test_add ("/questions-view/search-filters", Fixture, NULL,
              fixture_setup, test_search_filters, fixture_teardown);
  g_test_add ("/questions-view/only-unanswered", Fixture, NULL,
              fixture_setup, test_only_unanswered, fixture_teardown);
  g_test_add ("/questions-view/use-story", Fixture, NULL,
              fixture_setup, test_use_story, fixture_teardown);
  g_test_add ("/questions-view/store-changes-reach-list", Fixture, NULL,
              fixture_setup, test_store_changes_reach_list, fixture_teardown);
  g_test_add ("/questions-view/editor", Fixture, NULL,
              fixture_setup, test_editor, fixture_teardown);
  g_test_add ("/questions-view/detail-follows-list", Fixture, NULL,
              fixture_setup, test_detail_follows_list, fixture_teardown);
  g_test_add ("/questions-view/theme-filter-follows-framework", Fixture, NULL,
              fixture_setup, test_theme_filter_follows_framework, fixture_teardown);
  g_test_add ("/questions-view/sidebar-keeps-width", Fixture, NULL,
              fixture_setup, test_sidebar_keeps_width, fixture_teardown);
  g_test_add ("/questions-view/many-answers", Fixture, NULL,
              fixture_setup, test_many_answers, fixture_teardown);
  g_test_add ("/questions-view/suggestions-between-frames", Fixture, NULL,
              fixture_setup, test_suggestions_between_frames, fixture_teardown);
  g_test_add ("/questions-view/newer-selection-supersedes", Fixture, NULL,
              fixture_setup, test_newer_selection_supersedes, fixture_teardown);
  g_test_add ("/questions-view/detail-made-after-shown", Fixture, NULL,
              fixture_setup, test_detail_made_after_shown, fixture_teardown);
  g_test_add ("/questions-view/answered-question-stays", Fixture, NULL,
              fixture_setup, test_answered_question_stays, fixture_teardown);

  return g_test_run ();
}
