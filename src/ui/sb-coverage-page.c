/* sb-coverage-page.c — the Coverage page: framework, summary, matrix, theme panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-coverage-page"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sb-coverage-page.h"
#include "sb-label.h"
#include "sb-views-css.h"
#include "sb-settings.h"
#include "sb-theme-editor.h"
#include "sb-views-resources.h"
#include "sb-wrap-box.h"

#define SETTINGS_KEY_FRAMEWORK "coverage-framework"
/* Stories listed in the theme panel before "Show All N Stories". */
#define PANEL_STORY_ROWS 10

struct _SbCoveragePage
{
  GtkWidget         parent_instance;

  SbStore          *store;
  GSettings        *settings;       /* NULL when the schema is not installed (tests) */
  char             *summary;
  gboolean          built;          /* the store is set up: the page has been shown */
  char             *framework;      /* asked for before then */
  char             *panel_theme;    /* the theme the panel shows */
  gboolean          show_all_stories; /* past PANEL_STORY_ROWS, for panel_theme */
  guint             reveal_tick_id; /* the panel waits for the flap to be laid out */

  /* template */
  GtkDropDown      *framework_dropdown;
  GtkLabel         *summary_label;
  GtkLabel         *hint_label;
  GtkStack         *stack;
  AdwFlap          *flap;
  SbCoverageMatrix *matrix;
  GtkLabel         *theme_title;
  GtkLabel         *theme_count;
  GtkLabel         *theme_description;
  GtkListBox       *theme_stories;
  GtkListBox       *theme_questions;
};

G_DEFINE_FINAL_TYPE (SbCoveragePage, sb_coverage_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
framework_name (SbFramework *framework)
{
  return g_strdup (framework != NULL ? sb_framework_get_name (framework) : "");
}

/* ---- summary and panel ---------------------------------------------- */

static char *
format_gaps (SbCoverage *coverage)
{
  guint n_themes = sb_coverage_get_n_themes (coverage);
  guint none = 0, one = 0;
  g_autofree char *none_text = NULL;
  g_autofree char *one_text = NULL;

  for (guint r = 0; r < n_themes; r++)
    {
      SbCoverageLevel level = sb_coverage_get_theme_level (coverage, r);

      if (level == SB_COVERAGE_LEVEL_NONE)
        none++;
      else if (level == SB_COVERAGE_LEVEL_ONE)
        one++;
    }

  if (n_themes == 0)
    return g_strdup (_("This framework has no themes"));
  if (none == 0 && one == 0)
    return g_strdup (_("Every theme has at least two stories"));

  if (none > 0)
    none_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u theme has no story",
                                              "%u themes have no story", none), none);
  if (one > 0)
    one_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u needs a second story",
                                             "%u need a second story", one), one);
  if (none_text != NULL && one_text != NULL)
    /* Translators: the two parts of the coverage summary */
    return g_strdup_printf (_("%s · %s"), none_text, one_text);
  if (none_text != NULL)
    return g_steal_pointer (&none_text);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u theme needs a second story",
                                       "%u themes need a second story", one), one);
}

/* The gaps, then the stories linked to too many themes (the same words as
 * the matrix's legend and the --coverage text). */
static char *
format_summary (SbCoverage *coverage)
{
  g_autofree char *gaps = format_gaps (coverage);
  guint stretched = sb_coverage_get_n_overloaded (coverage);

  if (stretched == 0)
    return g_steal_pointer (&gaps);
  /* Translators: appended to the coverage summary */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u story stretched thin",
                                       "%s · %u stories stretched thin", stretched),
                          gaps, stretched);
}

static void
list_box_remove_all (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

typedef struct
{
  SbStory    *story;
  SbStrength  strength;
} PanelStory;

static int
compare_panel_stories (gconstpointer a,
                       gconstpointer b)
{
  const PanelStory *pa = a, *pb = b;
  gint64 ca, cb;

  if (pa->strength != pb->strength)
    return (int) pa->strength - (int) pb->strength;   /* primary first */
  ca = sb_story_get_created (pa->story);
  cb = sb_story_get_created (pb->story);
  return (ca > cb) - (ca < cb);
}

/* The stories linked to @slug, primary ones first, then oldest first (as
 * sb_store_get_theme_stories() orders them), read from the matrix's
 * snapshot: after a click the store's theme → stories map is out of date,
 * and rebuilding it took ~7 ms at 10,000 stories. */
static GArray *
get_theme_stories (SbCoveragePage *self,
                   const char     *slug)
{
  SbCoverage *coverage = sb_coverage_matrix_get_coverage (self->matrix);
  GArray *result = g_array_new (FALSE, FALSE, sizeof (PanelStory));
  guint row = G_MAXUINT;

  for (guint r = 0; coverage != NULL && r < sb_coverage_get_n_themes (coverage); r++)
    if (g_strcmp0 (sb_theme_get_slug (sb_coverage_get_theme (coverage, r)), slug) == 0)
      row = r;

  if (row == G_MAXUINT)
    {
      /* Not a row of the matrix (yet): ask the store. */
      g_autoptr(GPtrArray) stories = sb_store_get_theme_stories (self->store, slug);

      for (guint i = 0; i < stories->len; i++)
        {
          PanelStory item = { stories->pdata[i],
                              sb_store_get_story_theme (self->store, stories->pdata[i], slug) };
          g_array_append_val (result, item);
        }
      return result;
    }

  for (guint c = 0; c < sb_coverage_get_n_stories (coverage); c++)
    {
      SbStrength strength = sb_coverage_get_cell (coverage, row, c);

      if (strength != SB_STRENGTH_NONE)
        {
          PanelStory item = { sb_coverage_get_story (coverage, c), strength };
          g_array_append_val (result, item);
        }
    }
  g_array_sort (result, compare_panel_stories);
  return result;
}

/* A story's row: its title on one line, cut with "…". The rows change with
 * most clicks on the selected theme's row, and laying out again rows whose
 * titles wrap took ~60 ms of the click's frame. */
static GtkWidget *
new_story_row (void)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  sb_label_unwrap (row);
  return row;
}

static GtkWidget *
new_show_all_row (void)
{
  GtkWidget *row = adw_action_row_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "coverage.show-all-stories");
  return row;
}

static void
set_row_text (GtkWidget  *row,
              const char *title,
              const char *subtitle)
{
  if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) != 0)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), subtitle) != 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

/* The panel follows every click in the matrix: its rows are kept and only
 * what they say changes (making them again, and measuring the questions'
 * wrapped text, held each click's frame for 130-220 ms). The story rows,
 * then the "Show All" row when there are more. */
static void
sync_story_rows (SbCoveragePage *self,
                 GArray         *stories,
                 guint           n_rows)
{
  g_autofree char *show_all = NULL;
  guint n_story_rows = 0;
  gboolean has_show_all = FALSE;
  GtkListBoxRow *row;

  if (n_rows < stories->len)
    show_all = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %u Story",
                                             "Show All %u Stories", stories->len),
                                stories->len);

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->theme_stories, i)) != NULL; i++)
    if (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)) != NULL)
      has_show_all = TRUE;
    else
      n_story_rows++;
  if (n_story_rows != n_rows || has_show_all != (show_all != NULL))
    {
      list_box_remove_all (self->theme_stories);
      for (guint i = 0; i < n_rows; i++)
        gtk_list_box_append (self->theme_stories, new_story_row ());
      if (show_all != NULL)
        gtk_list_box_append (self->theme_stories, new_show_all_row ());
    }

  for (guint i = 0; i < n_rows; i++)
    {
      PanelStory *item = &g_array_index (stories, PanelStory, i);

      set_row_text (GTK_WIDGET (gtk_list_box_get_row_at_index (self->theme_stories, i)),
                    sb_story_get_display_title (item->story),
                    item->strength == SB_STRENGTH_PRIMARY ? _("Primary story") : _("Secondary story"));
    }
  if (show_all != NULL)
    set_row_text (GTK_WIDGET (gtk_list_box_get_row_at_index (self->theme_stories, n_rows)), show_all, NULL);
}

/* The theme's questions: made again only when they are not the ones shown. */
static guint
sync_question_rows (SbCoveragePage *self,
                    const char     *slug)
{
  GListModel *questions = sb_store_get_questions (self->store);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  gboolean same = TRUE;

  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(SbQuestion) question = g_list_model_get_item (questions, i);

      if (sb_question_has_theme (question, slug))
        g_ptr_array_add (texts, (gpointer) sb_question_get_text (question));
    }
  for (guint i = 0; same && i <= texts->len; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->theme_questions, i);

      if (i == texts->len)
        same = row == NULL;
      else
        same = row != NULL && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                          texts->pdata[i]) == 0;
    }
  if (same)
    return texts->len;

  list_box_remove_all (self->theme_questions);
  for (guint i = 0; i < texts->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), texts->pdata[i]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (self->theme_questions, row);
    }
  return texts->len;
}

static gboolean
reveal_panel_tick_cb (GtkWidget     *flap,
                      GdkFrameClock *clock,
                      gpointer       user_data)
{
  SbCoveragePage *self = user_data;

  if (gtk_widget_get_width (flap) == 0)
    return G_SOURCE_CONTINUE;
  self->reveal_tick_id = 0;
  adw_flap_set_reveal_flap (self->flap, TRUE);
  return G_SOURCE_REMOVE;
}

static void
stop_reveal_tick (SbCoveragePage *self)
{
  if (self->reveal_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->flap), self->reveal_tick_id);
  self->reveal_tick_id = 0;
}

/* libadwaita 1.2 starts the panel's slide at a speed divided by the
 * flap's laid-out width: before the flap has been laid out (a theme chosen
 * as the page is first shown) that is 0/0, the slide's every step NaN and
 * the matrix laid out at a width of INT_MIN. The panel then waits for the
 * frame after the flap's first layout. */
static void
reveal_panel (SbCoveragePage *self,
              gboolean        reveal)
{
  if (reveal && gtk_widget_get_width (GTK_WIDGET (self->flap)) == 0)
    {
      if (self->reveal_tick_id == 0)
        self->reveal_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->flap),
                                                             reveal_panel_tick_cb, self, NULL);
      return;
    }
  stop_reveal_tick (self);
  adw_flap_set_reveal_flap (self->flap, reveal);
}

static void
update_panel (SbCoveragePage *self)
{
  const char *slug = sb_coverage_matrix_get_selected_theme (self->matrix);
  SbTheme *theme = slug != NULL ? sb_store_find_theme (self->store, slug) : NULL;
  g_autoptr(GArray) stories = NULL;
  g_autofree char *count = NULL;
  guint n_questions;

  if (theme == NULL)
    {
      list_box_remove_all (self->theme_stories);
      list_box_remove_all (self->theme_questions);
      reveal_panel (self, FALSE);
      return;
    }

  if (g_strcmp0 (self->panel_theme, slug) != 0)
    {
      g_free (self->panel_theme);
      self->panel_theme = g_strdup (slug);
      self->show_all_stories = FALSE;
    }

  gtk_label_set_label (self->theme_title, sb_theme_get_name (theme));
  gtk_label_set_label (self->theme_description, sb_theme_get_description (theme));
  gtk_widget_set_visible (GTK_WIDGET (self->theme_description),
                          *sb_theme_get_description (theme) != '\0');

  stories = get_theme_stories (self, slug);
  if (stories->len == 0)
    count = g_strdup (_("No story covers this theme yet. Pick a column in its row to link one."));
  else if (stories->len < SB_COVERAGE_MIN_STORIES)
    count = g_strdup (_("One story covers this theme. A second gives you a fallback when the "
                        "first one was already told."));
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u story covers this theme",
                                          "%u stories cover this theme", stories->len),
                             stories->len);
  gtk_label_set_label (self->theme_count, count);

  /* A theme of a large bank has hundreds of stories: a row each took
   * seconds. The first few, then a row that shows them all. */
  sync_story_rows (self, stories,
                   self->show_all_stories ? stories->len : MIN (stories->len, PANEL_STORY_ROWS));
  n_questions = sync_question_rows (self, slug);

  gtk_widget_set_visible (GTK_WIDGET (self->theme_stories), stories->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->theme_questions), n_questions > 0);
  reveal_panel (self, TRUE);
}

static void
coverage_changed_cb (SbCoveragePage   *self,
                     SbCoverageMatrix *matrix)
{
  SbCoverage *coverage = sb_coverage_matrix_get_coverage (matrix);
  gboolean empty = coverage == NULL || sb_coverage_get_n_stories (coverage) == 0;

  g_free (self->summary);
  if (coverage == NULL)
    self->summary = g_strdup ("");
  else if (empty)
    self->summary = g_strdup (_("No stories to map yet"));
  else
    self->summary = format_summary (coverage);
  gtk_label_set_label (self->summary_label, self->summary);

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "matrix");
  update_panel (self);
}

static void
selected_theme_changed_cb (SbCoveragePage *self)
{
  update_panel (self);
}

static void
close_button_clicked_cb (SbCoveragePage *self)
{
  sb_coverage_matrix_set_selected_theme (self->matrix, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->matrix));
}

/* ---- framework selector --------------------------------------------- */

static void
framework_selected_cb (SbCoveragePage *self)
{
  SbFramework *framework = gtk_drop_down_get_selected_item (self->framework_dropdown);

  if (framework == NULL)
    return;

  sb_coverage_matrix_set_framework (self->matrix, sb_framework_get_slug (framework));
  if (self->settings != NULL)
    g_settings_set_string (self->settings, SETTINGS_KEY_FRAMEWORK, sb_framework_get_slug (framework));
}

static void
select_framework (SbCoveragePage *self,
                  const char     *slug)
{
  GListModel *frameworks = sb_store_get_frameworks (self->store);
  guint n = g_list_model_get_n_items (frameworks);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbFramework) framework = g_list_model_get_item (frameworks, i);

      if (g_strcmp0 (sb_framework_get_slug (framework), slug) == 0)
        {
          gtk_drop_down_set_selected (self->framework_dropdown, i);
          return;
        }
    }

  if (n > 0 && gtk_drop_down_get_selected (self->framework_dropdown) == GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->framework_dropdown, 0);
}

static void
setup_store (SbCoveragePage *self)
{
  g_autoptr(GtkExpression) expression = NULL;
  g_autofree char *remembered = NULL;

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (framework_name), NULL, NULL);
  gtk_drop_down_set_expression (self->framework_dropdown, expression);
  gtk_drop_down_set_model (self->framework_dropdown, sb_store_get_frameworks (self->store));

  if (self->framework != NULL)
    remembered = g_steal_pointer (&self->framework);
  else if (self->settings != NULL)
    remembered = g_settings_get_string (self->settings, SETTINGS_KEY_FRAMEWORK);
  select_framework (self, remembered);

  g_signal_connect_object (self->framework_dropdown, "notify::selected",
                           G_CALLBACK (framework_selected_cb), self, G_CONNECT_SWAPPED);
  framework_selected_cb (self);

  sb_coverage_matrix_set_store (self->matrix, self->store);
}

/* ---- actions -------------------------------------------------------- */

static void
edit_theme_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SbCoveragePage *self = SB_COVERAGE_PAGE (widget);
  const char *slug = sb_coverage_matrix_get_selected_theme (self->matrix);
  SbTheme *theme = slug != NULL ? sb_store_find_theme (self->store, slug) : NULL;
  SbThemeEditor *editor;
  GtkRoot *root;

  if (theme == NULL)
    return;
  editor = sb_theme_editor_new (self->store, theme);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
show_all_stories_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  SbCoveragePage *self = SB_COVERAGE_PAGE (widget);

  self->show_all_stories = TRUE;
  update_panel (self);
}

static void
toggle_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SbCoveragePage *self = SB_COVERAGE_PAGE (widget);

  /* The same as the matrix's own action, reachable from the page. */
  gtk_widget_activate_action_variant (GTK_WIDGET (self->matrix), "matrix.toggle", parameter);
}

/* ---- public API ----------------------------------------------------- */

GtkWidget *
sb_coverage_page_new (SbStore *store)
{
  return g_object_new (SB_TYPE_COVERAGE_PAGE, "store", store, NULL);
}

SbStore *
sb_coverage_page_get_store (SbCoveragePage *self)
{
  g_return_val_if_fail (SB_IS_COVERAGE_PAGE (self), NULL);
  return self->store;
}

SbCoverageMatrix *
sb_coverage_page_get_matrix (SbCoveragePage *self)
{
  g_return_val_if_fail (SB_IS_COVERAGE_PAGE (self), NULL);
  return self->matrix;
}

void
sb_coverage_page_set_framework (SbCoveragePage *self,
                                const char     *framework_slug)
{
  g_return_if_fail (SB_IS_COVERAGE_PAGE (self));
  if (!self->built)
    {
      g_free (self->framework);
      self->framework = g_strdup (framework_slug);
      return;
    }
  select_framework (self, framework_slug);
}

const char *
sb_coverage_page_get_summary (SbCoveragePage *self)
{
  g_return_val_if_fail (SB_IS_COVERAGE_PAGE (self), NULL);
  return self->summary;
}

const char *
sb_coverage_page_get_hint (SbCoveragePage *self)
{
  g_return_val_if_fail (SB_IS_COVERAGE_PAGE (self), NULL);
  return gtk_label_get_label (self->hint_label);
}

gboolean
sb_coverage_page_is_empty (SbCoveragePage *self)
{
  g_return_val_if_fail (SB_IS_COVERAGE_PAGE (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0;
}

/* ---- GObject -------------------------------------------------------- */

/* Adding a style provider restyles every widget of the display: at the
 * first show of the page that was ~10 ms of its first frame. Rooted, the
 * page is still being built with its window, before anything is styled. */
static void
sb_coverage_page_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sb_coverage_page_parent_class)->root (widget);
  sb_views_ensure_css (widget);
}

/* The matrix reads every story's links and measures every title: nothing
 * of it is needed before the page is first shown (at start-up it cost
 * about 20 ms at 10,000 stories), so the store is set up then, or when
 * the window warms the page up after its first frame. */
static void
build_matrix (SbCoveragePage *self)
{
  if (!self->built && self->store != NULL)
    {
      self->built = TRUE;
      setup_store (self);
    }
}

/* The window warms the page up before it is first shown: the matrix is
 * built now, so that the frame that shows the page only draws it. Hidden,
 * it then notes what changes, as after being shown. */
void
sb_coverage_page_prepare (SbCoveragePage *self)
{
  g_return_if_fail (SB_IS_COVERAGE_PAGE (self));

  build_matrix (self);
}

/* After the window laid the page out off screen: see
 * sb_coverage_matrix_draw_off_screen(). */
void
sb_coverage_page_prepare_draw (SbCoveragePage *self)
{
  g_return_if_fail (SB_IS_COVERAGE_PAGE (self));

  if (self->built)
    sb_coverage_matrix_draw_off_screen (self->matrix);
}

static void
sb_coverage_page_map (GtkWidget *widget)
{
  SbCoveragePage *self = SB_COVERAGE_PAGE (widget);

  build_matrix (self);
  /* Catches up with what changed while hidden, before the frame. */
  sb_coverage_matrix_set_shown (self->matrix, TRUE);
  GTK_WIDGET_CLASS (sb_coverage_page_parent_class)->map (widget);
}

/* Hidden, the matrix only notes that the bank changed. */
static void
sb_coverage_page_unmap (GtkWidget *widget)
{
  SbCoveragePage *self = SB_COVERAGE_PAGE (widget);

  GTK_WIDGET_CLASS (sb_coverage_page_parent_class)->unmap (widget);
  sb_coverage_matrix_set_shown (self->matrix, FALSE);
}

static void
sb_coverage_page_dispose (GObject *object)
{
  SbCoveragePage *self = SB_COVERAGE_PAGE (object);
  GtkWidget *child;

  stop_reveal_tick (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_COVERAGE_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_coverage_page_parent_class)->dispose (object);
}

static void
sb_coverage_page_finalize (GObject *object)
{
  SbCoveragePage *self = SB_COVERAGE_PAGE (object);

  g_free (self->summary);
  g_free (self->framework);
  g_free (self->panel_theme);

  G_OBJECT_CLASS (sb_coverage_page_parent_class)->finalize (object);
}

static void
sb_coverage_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SbCoveragePage *self = SB_COVERAGE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_coverage_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SbCoveragePage *self = SB_COVERAGE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_coverage_page_class_init (SbCoveragePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_coverage_page_dispose;
  object_class->finalize = sb_coverage_page_finalize;
  object_class->get_property = sb_coverage_page_get_property;
  object_class->set_property = sb_coverage_page_set_property;

  widget_class->root = sb_coverage_page_root;
  widget_class->map = sb_coverage_page_map;
  widget_class->unmap = sb_coverage_page_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "matrix.toggle", "(ss)", toggle_action_cb);
  gtk_widget_class_install_action (widget_class, "coverage.edit-theme", NULL, edit_theme_action_cb);
  gtk_widget_class_install_action (widget_class, "coverage.show-all-stories", NULL,
                                   show_all_stories_action_cb);

  /* Referencing the bundle links it in from the static library; its
   * constructor then registers it. */
  (void) sb_views_get_resource ();
  g_type_ensure (SB_TYPE_COVERAGE_MATRIX);
  g_type_ensure (SB_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/storybank/Storybank/sb-coverage-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SbCoveragePage, framework_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SbCoveragePage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SbCoveragePage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, SbCoveragePage, stack);
  gtk_widget_class_bind_template_child (widget_class, SbCoveragePage, flap);
  gtk_widget_class_bind_template_child (widget_class, SbCoveragePage, matrix);
  gtk_widget_class_bind_template_child (widget_class, SbCoveragePage, theme_title);
  gtk_widget_class_bind_template_child (widget_class, SbCoveragePage, theme_count);
  gtk_widget_class_bind_template_child (widget_class, SbCoveragePage, theme_description);
  gtk_widget_class_bind_template_child (widget_class, SbCoveragePage, theme_stories);
  gtk_widget_class_bind_template_child (widget_class, SbCoveragePage, theme_questions);
  gtk_widget_class_bind_template_callback (widget_class, close_button_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "coverage-page");
}

static void
sb_coverage_page_init (SbCoveragePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Its wrapping labels measured at 12 characters: see sb-label.h. */
  sb_label_narrow_wrapping (GTK_WIDGET (self));

  self->settings = sb_settings_new ();
  self->summary = g_strdup ("");

  g_signal_connect_object (self->matrix, "coverage-changed",
                           G_CALLBACK (coverage_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->matrix, "notify::selected-theme",
                           G_CALLBACK (selected_theme_changed_cb), self, G_CONNECT_SWAPPED);
}
