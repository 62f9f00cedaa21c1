/* sb-questions-page-filters.c — the Questions page's search and filters
 *
 * The search entry, the framework and theme drop-downs and "only questions
 * without a story" decide which questions the list shows; a question
 * chosen from elsewhere clears the filters that would hide it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-questions-page"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sb-questions-page-private.h"

static const char *
selected_framework (SbQuestionsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->framework_filter);

  return i < self->framework_slugs->len ? g_ptr_array_index (self->framework_slugs, i) : NULL;
}

static const char *
selected_theme (SbQuestionsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->theme_filter);

  return i < self->theme_slugs->len ? g_ptr_array_index (self->theme_slugs, i) : NULL;
}

guint
_sb_questions_page_count_answers (SbQuestionsPage *self,
                                  SbQuestion      *question)
{
  g_autoptr(GPtrArray) stories = sb_store_get_question_stories (self->store,
                                                                sb_question_get_slug (question));
  return stories->len;
}

/* A drop-down shows its choice cut to the width it is given (so a long
 * framework or theme name cannot widen the sidebar) and says it whole in
 * its tooltip; its popover lists whole names. */

/* ---- filter drop-downs ---------------------------------------------- */

static void
setup_choice_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  cut)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (cut))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 4);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 4);
      gtk_widget_set_hexpand (label, TRUE);
    }
  else
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_choice_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  cut)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (string));
}

static GtkListItemFactory *
choice_factory_new (gboolean cut)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice_cb), GINT_TO_POINTER (cut));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice_cb), GINT_TO_POINTER (cut));
  return factory;
}

static void
set_choice_factories (GtkDropDown *drop_down)
{
  g_autoptr(GtkListItemFactory) cut = choice_factory_new (TRUE);
  g_autoptr(GtkListItemFactory) whole = choice_factory_new (FALSE);

  gtk_drop_down_set_factory (drop_down, cut);
  gtk_drop_down_set_list_factory (drop_down, whole);
}

static void
update_choice_tooltip (GtkDropDown *drop_down,
                       const char  *what)
{
  GtkStringObject *string = gtk_drop_down_get_selected_item (drop_down);
  g_autofree char *tooltip = NULL;

  if (string == NULL)
    return;
  /* Translators: a filter's tooltip, e.g. "Framework: Amazon Leadership Principles" */
  tooltip = g_strdup_printf (_("%s: %s"), what, gtk_string_object_get_string (string));
  gtk_widget_set_tooltip_text (GTK_WIDGET (drop_down), tooltip);
}

void
_sb_questions_page_init_filters (SbQuestionsPage *self)
{
  set_choice_factories (self->framework_filter);
  set_choice_factories (self->theme_filter);
}

/* ---- filtering ------------------------------------------------------ */

static gboolean
question_in_framework (SbQuestionsPage *self,
                       SbQuestion      *question,
                       const char      *framework_slug)
{
  const char * const *slugs = sb_question_get_theme_slugs (question);

  for (guint i = 0; slugs != NULL && slugs[i] != NULL; i++)
    {
      SbTheme *theme = sb_store_find_theme (self->store, slugs[i]);

      if (theme != NULL && g_strcmp0 (sb_theme_get_framework_slug (theme), framework_slug) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Each filter on its own, so a question they hide can say which. */
static gboolean
matches_search (SbQuestionsPage *self,
                SbQuestion      *question)
{
  g_autofree char *haystack = NULL;

  if (self->search == NULL || *self->search == '\0')
    return TRUE;
  haystack = g_strconcat (sb_question_get_text (question), " ",
                          sb_question_get_listen_for (question), NULL);
  /* Every word typed must start a word of the question or its guidance. */
  return g_str_match_string (self->search, haystack, TRUE);
}

static gboolean
matches_framework (SbQuestionsPage *self,
                   SbQuestion      *question)
{
  const char *framework = selected_framework (self);

  return framework == NULL || question_in_framework (self, question, framework);
}

static gboolean
matches_theme (SbQuestionsPage *self,
               SbQuestion      *question)
{
  const char *theme = selected_theme (self);

  return theme == NULL || sb_question_has_theme (question, theme);
}

static gboolean
matches_unanswered (SbQuestionsPage *self,
                    SbQuestion      *question)
{
  if (!gtk_check_button_get_active (self->unanswered_check))
    return TRUE;
  /* The question the person just answered stays until they choose
   * another: it must not vanish from under the "Use This Story" click. */
  if (self->kept_slug != NULL && g_strcmp0 (sb_question_get_slug (question), self->kept_slug) == 0)
    return TRUE;
  return _sb_questions_page_count_answers (self, question) == 0;
}

gboolean
_sb_questions_page_filter_question (gpointer item,
                                    gpointer user_data)
{
  SbQuestionsPage *self = user_data;
  SbQuestion *question = item;

  return matches_search (self, question) && matches_theme (self, question) &&
         matches_framework (self, question) && matches_unanswered (self, question);
}

void
_sb_questions_page_refilter (SbQuestionsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

void
_sb_questions_page_search_changed_cb (SbQuestionsPage *self)
{
  if (_sb_questions_page_set_str (&self->search, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))))
    _sb_questions_page_refilter (self);
}

static void
stop_search_cb (SbQuestionsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
unanswered_toggled_cb (SbQuestionsPage *self)
{
  _sb_questions_page_refilter (self);
}

/* Offers the chosen framework's themes only; with all frameworks, none
 * (a theme belongs to one framework). Keeps the chosen theme while it is
 * offered. Returns whether the theme filter changed. */

void
_sb_questions_page_bind_filter_callbacks (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback_full (widget_class, "search_changed_cb",
                                                G_CALLBACK (_sb_questions_page_search_changed_cb));
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, unanswered_toggled_cb);
}

static gboolean
rebuild_theme_filter (SbQuestionsPage *self)
{
  const char *framework = selected_framework (self);
  g_autofree char *keep = g_strdup (selected_theme (self));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GListModel *themes = framework != NULL ? sb_store_get_themes (self->store, framework) : NULL;
  guint selected = 0;

  g_ptr_array_set_size (self->theme_slugs, 0);
  g_ptr_array_add (self->theme_slugs, NULL);
  gtk_string_list_append (names, _("All themes"));

  for (guint i = 0; themes != NULL && i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(SbTheme) theme = g_list_model_get_item (themes, i);

      if (g_strcmp0 (sb_theme_get_slug (theme), keep) == 0)
        selected = self->theme_slugs->len;
      g_ptr_array_add (self->theme_slugs, g_strdup (sb_theme_get_slug (theme)));
      gtk_string_list_append (names, sb_theme_get_name (theme));
    }

  self->rebuilding_filters = TRUE;
  gtk_drop_down_set_model (self->theme_filter, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->theme_filter, selected);
  self->rebuilding_filters = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->theme_filter), framework != NULL);
  if (framework != NULL)
    update_choice_tooltip (self->theme_filter, _("Theme"));
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->theme_filter),
                                 _("Choose a framework to filter by its themes"));
  return g_strcmp0 (keep, selected_theme (self)) != 0;
}

static gboolean
rebuild_framework_filter (SbQuestionsPage *self)
{
  g_autofree char *keep = g_strdup (selected_framework (self));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GListModel *frameworks = sb_store_get_frameworks (self->store);
  guint selected = 0;

  g_ptr_array_set_size (self->framework_slugs, 0);
  g_ptr_array_add (self->framework_slugs, NULL);
  gtk_string_list_append (names, _("All frameworks"));

  for (guint i = 0; i < g_list_model_get_n_items (frameworks); i++)
    {
      g_autoptr(SbFramework) framework = g_list_model_get_item (frameworks, i);

      if (g_strcmp0 (sb_framework_get_slug (framework), keep) == 0)
        selected = self->framework_slugs->len;
      g_ptr_array_add (self->framework_slugs, g_strdup (sb_framework_get_slug (framework)));
      gtk_string_list_append (names, sb_framework_get_name (framework));
    }

  self->rebuilding_filters = TRUE;
  gtk_drop_down_set_model (self->framework_filter, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->framework_filter, selected);
  self->rebuilding_filters = FALSE;
  update_choice_tooltip (self->framework_filter, _("Framework"));
  return g_strcmp0 (keep, selected_framework (self)) != 0;
}

static void
framework_filter_changed_cb (SbQuestionsPage *self)
{
  update_choice_tooltip (self->framework_filter, _("Framework"));
  if (self->rebuilding_filters)
    return;
  /* A theme of the old framework is dropped, never left filtering. */
  rebuild_theme_filter (self);
  _sb_questions_page_refilter (self);
}

static void
theme_filter_changed_cb (SbQuestionsPage *self)
{
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->theme_filter)))
    update_choice_tooltip (self->theme_filter, _("Theme"));
  if (self->rebuilding_filters)
    return;
  _sb_questions_page_refilter (self);
}

/* Both drop-downs offer what the bank has now. Returns whether either's
 * choice changed. */
gboolean
_sb_questions_page_rebuild_filters (SbQuestionsPage *self)
{
  gboolean changed = rebuild_framework_filter (self);

  changed |= rebuild_theme_filter (self);
  return changed;
}

void
_sb_questions_page_connect_filters (SbQuestionsPage *self)
{
  _sb_questions_page_rebuild_filters (self);
  g_signal_connect_object (self->framework_filter, "notify::selected",
                           G_CALLBACK (framework_filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->theme_filter, "notify::selected",
                           G_CALLBACK (theme_filter_changed_cb), self, G_CONNECT_SWAPPED);
}

/* ---- revealing a question ------------------------------------------- */

/* Clears each filter that hides @question (a question just made, or one
 * chosen from elsewhere), so the list shows what the detail shows.
 * Returns whether any was cleared. */
gboolean
_sb_questions_page_reveal_question (SbQuestionsPage *self,
                                    SbQuestion      *question)
{
  gboolean cleared = FALSE;

  if (_sb_questions_page_find_in_results (self, sb_question_get_slug (question), NULL))
    return FALSE;

  if (!matches_search (self, question))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      _sb_questions_page_search_changed_cb (self);
      cleared = TRUE;
    }
  if (!matches_framework (self, question))
    {
      gtk_drop_down_set_selected (self->framework_filter, 0);
      cleared = TRUE;
    }
  if (!matches_theme (self, question))
    {
      gtk_drop_down_set_selected (self->theme_filter, 0);
      cleared = TRUE;
    }
  if (!matches_unanswered (self, question))
    {
      gtk_check_button_set_active (self->unanswered_check, FALSE);
      cleared = TRUE;
    }
  return cleared;
}

/* ---- public API ----------------------------------------------------- */

void
sb_questions_page_set_search_text (SbQuestionsPage *self,
                                   const char      *text)
{
  g_return_if_fail (SB_IS_QUESTIONS_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* The entry reports a change after a pause; filter now. */
  _sb_questions_page_search_changed_cb (self);
}

void
sb_questions_page_set_only_unanswered (SbQuestionsPage *self,
                                       gboolean         only_unanswered)
{
  g_return_if_fail (SB_IS_QUESTIONS_PAGE (self));
  gtk_check_button_set_active (self->unanswered_check, only_unanswered);
}

static void
select_slug_in (GtkDropDown *drop_down,
                GPtrArray   *slugs,
                const char  *slug)
{
  for (guint i = 0; i < slugs->len; i++)
    if (g_strcmp0 (g_ptr_array_index (slugs, i), slug) == 0)
      {
        gtk_drop_down_set_selected (drop_down, i);
        return;
      }
}

void
sb_questions_page_set_framework_filter (SbQuestionsPage *self,
                                        const char      *framework_slug)
{
  g_return_if_fail (SB_IS_QUESTIONS_PAGE (self));
  select_slug_in (self->framework_filter, self->framework_slugs, framework_slug);
}

void
sb_questions_page_set_theme_filter (SbQuestionsPage *self,
                                    const char      *theme_slug)
{
  g_return_if_fail (SB_IS_QUESTIONS_PAGE (self));
  select_slug_in (self->theme_filter, self->theme_slugs, theme_slug);
}

const char *
sb_questions_page_get_theme_filter_slug (SbQuestionsPage *self)
{
  g_return_val_if_fail (SB_IS_QUESTIONS_PAGE (self), NULL);
  return selected_theme (self);
}

GtkDropDown *
sb_questions_page_get_theme_filter (SbQuestionsPage *self)
{
  g_return_val_if_fail (SB_IS_QUESTIONS_PAGE (self), NULL);
  return self->theme_filter;
}
