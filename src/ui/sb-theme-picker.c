/* sb-theme-picker.c — a searchable popover that links a story to a theme
 *
 * A bank holds a few dozen themes across its frameworks, so a GtkListBox with
 * a filter is plenty here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-theme-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-story-row.h"
#include "sb-theme-picker.h"
#include "sb-ui-resources.h"

struct _SbThemePicker
{
  GtkPopover       parent_instance;

  SbStore         *store;
  SbStory         *story;
  char            *needle;

  GtkSearchEntry  *search_entry;
  GtkToggleButton *primary_button;
  GtkToggleButton *secondary_button;
  GtkListBox      *list_box;
  /* The rows are built when the picker first opens or is searched, and
   * again after a catalog change: every story editor has a picker, and most
   * are never opened. */
  gboolean         rows_stale;
  GtkWidget       *scroller;
  GtkButton       *create_button;
  GtkLabel        *create_label;
  GtkLabel        *error_label;
};

G_DEFINE_FINAL_TYPE (SbThemePicker, sb_theme_picker, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
row_get_slug (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "theme-slug");
}

static void rebuild_rows (SbThemePicker *self);

static void
ensure_rows (SbThemePicker *self)
{
  if (!self->rows_stale)
    return;
  self->rows_stale = FALSE;
  rebuild_rows (self);
}

static void
update_marks (SbThemePicker *self)
{
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *check = g_object_get_data (G_OBJECT (child), "check");
      SbStrength strength = SB_STRENGTH_NONE;

      if (check == NULL)
        continue;
      if (self->story != NULL && sb_story_get_id (self->story) != 0)
        strength = sb_store_get_story_theme (self->store, self->story, row_get_slug (GTK_LIST_BOX_ROW (child)));
      gtk_widget_set_visible (check, strength != SB_STRENGTH_NONE);
    }
}

/* ---- ranking -------------------------------------------------------- */

static gboolean
is_word_char (const char *p)
{
  return p != NULL && *p != '\0' && g_unichar_isalnum (g_utf8_get_char (p));
}

static gboolean
starts_word (const char *text,
             const char *p)
{
  return p == text || !is_word_char (g_utf8_find_prev_char (text, p));
}

/* How well a theme's name matches what was typed, best first: the name
 * itself, a whole word at its start ("deliver" → "Deliver Results"), a
 * whole word, the start of the name ("Delivering bad news"), the start of
 * a word, anywhere in the name; last, a match in the framework's name. */
enum {
  RANK_NAME,
  RANK_FIRST_WORD,
  RANK_WORD,
  RANK_NAME_PREFIX,
  RANK_WORD_PREFIX,
  RANK_INSIDE,
  RANK_OTHER,
};

static guint
rank_name (const char *name,
           const char *needle)
{
  gsize length = strlen (needle);
  guint best = RANK_OTHER;

  if (strcmp (name, needle) == 0)
    return RANK_NAME;

  for (const char *p = strstr (name, needle); p != NULL; p = strstr (p + 1, needle))
    {
      gboolean word_start = starts_word (name, p);
      gboolean word_end = !is_word_char (p + length);
      guint rank;

      if (word_start && word_end)
        rank = p == name ? RANK_FIRST_WORD : RANK_WORD;
      else if (word_start)
        rank = p == name ? RANK_NAME_PREFIX : RANK_WORD_PREFIX;
      else
        rank = RANK_INSIDE;
      best = MIN (best, rank);
    }
  return best;
}

static void
rank_rows (SbThemePicker *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *name = g_object_get_data (G_OBJECT (child), "folded-name");
      guint rank = self->needle != NULL && name != NULL ? rank_name (name, self->needle) : RANK_NAME;

      g_object_set_data (G_OBJECT (child), "rank", GUINT_TO_POINTER (rank));
    }
  gtk_list_box_invalidate_sort (self->list_box);
}

static int
sort_func (GtkListBoxRow *a,
           GtkListBoxRow *b,
           gpointer       user_data)
{
  guint rank_a = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (a), "rank"));
  guint rank_b = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (b), "rank"));
  guint order_a = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (a), "order"));
  guint order_b = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (b), "order"));

  if (rank_a != rank_b)
    return rank_a < rank_b ? -1 : 1;
  /* Equal matches keep the catalog's order: frameworks, then themes. */
  return order_a < order_b ? -1 : order_a > order_b;
}

/* ---- rows ------------------------------------------------------------ */

static void
rebuild_rows (SbThemePicker *self)
{
  GListModel *frameworks;
  GtkWidget *child;
  guint n_frameworks;
  guint order = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  frameworks = sb_store_get_frameworks (self->store);
  n_frameworks = g_list_model_get_n_items (frameworks);
  for (guint f = 0; f < n_frameworks; f++)
    {
      g_autoptr(SbFramework) framework = g_list_model_get_item (frameworks, f);
      GListModel *themes = sb_store_get_themes (self->store, sb_framework_get_slug (framework));
      guint n_themes = themes != NULL ? g_list_model_get_n_items (themes) : 0;

      for (guint t = 0; t < n_themes; t++)
        {
          g_autoptr(SbTheme) theme = g_list_model_get_item (themes, t);
          GtkWidget *row, *box, *text_box, *name, *framework_label, *dot, *check;
          g_autofree char *search_text = NULL;
          g_autofree char *accessible = NULL;

          row = gtk_list_box_row_new ();
          box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
          text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

          dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
          gtk_widget_add_css_class (dot, "theme-dot");
          gtk_widget_add_css_class (dot, sb_framework_css_class (self->store, sb_framework_get_slug (framework)));
          gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);

          name = gtk_label_new (sb_theme_get_name (theme));
          gtk_label_set_xalign (GTK_LABEL (name), 0);
          gtk_label_set_wrap (GTK_LABEL (name), TRUE);
          framework_label = gtk_label_new (sb_framework_get_name (framework));
          gtk_label_set_xalign (GTK_LABEL (framework_label), 0);
          gtk_widget_add_css_class (framework_label, "dim-label");
          gtk_widget_add_css_class (framework_label, "caption");
          gtk_box_append (GTK_BOX (text_box), name);
          gtk_box_append (GTK_BOX (text_box), framework_label);
          gtk_widget_set_hexpand (text_box, TRUE);

          check = gtk_image_new_from_icon_name ("object-select-symbolic");
          gtk_widget_set_tooltip_text (check, _("Already linked"));

          gtk_box_append (GTK_BOX (box), dot);
          gtk_box_append (GTK_BOX (box), text_box);
          gtk_box_append (GTK_BOX (box), check);
          gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
          if (sb_theme_get_description (theme) != NULL && *sb_theme_get_description (theme) != '\0')
            gtk_widget_set_tooltip_text (row, sb_theme_get_description (theme));

          accessible = g_strdup_printf ("%s, %s", sb_theme_get_name (theme), sb_framework_get_name (framework));
          gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

          search_text = g_utf8_casefold (accessible, -1);
          g_object_set_data_full (G_OBJECT (row), "search-text", g_steal_pointer (&search_text), g_free);
          g_object_set_data_full (G_OBJECT (row), "folded-name",
                                  g_utf8_casefold (sb_theme_get_name (theme), -1), g_free);
          g_object_set_data (G_OBJECT (row), "order", GUINT_TO_POINTER (order++));
          g_object_set_data_full (G_OBJECT (row), "theme-slug", g_strdup (sb_theme_get_slug (theme)), g_free);
          g_object_set_data (G_OBJECT (row), "check", check);
          gtk_list_box_append (self->list_box, row);
        }
    }
  update_marks (self);
  rank_rows (self);
}

static gboolean
filter_func (GtkListBoxRow *row,
             gpointer       user_data)
{
  SbThemePicker *self = user_data;
  const char *text = g_object_get_data (G_OBJECT (row), "search-text");

  return self->needle == NULL || (text != NULL && strstr (text, self->needle) != NULL);
}

/* The search text, trimmed; "" when there is none. */
static char *
dup_search_text (SbThemePicker *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
}

static gboolean
theme_name_exists (SbThemePicker *self,
                   const char    *name)
{
  g_autofree char *wanted = g_utf8_casefold (name, -1);
  GListModel *themes = sb_store_get_themes (self->store, NULL);

  for (guint i = 0; themes != NULL && i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(SbTheme) theme = g_list_model_get_item (themes, i);
      g_autofree char *folded = g_utf8_casefold (sb_theme_get_name (theme), -1);

      if (g_strcmp0 (folded, wanted) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Offers the search text as a new theme of the person's own when no theme
 * has that name: the quickest way to add a company's own values. */
static void
update_create_button (SbThemePicker *self)
{
  g_autofree char *text = dup_search_text (self);
  g_autofree char *label = NULL;
  gboolean offer = *text != '\0' && !theme_name_exists (self, text);

  gtk_widget_set_visible (GTK_WIDGET (self->create_button), offer);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  if (!offer)
    return;
  /* Translators: a button in the theme picker; %s is what the person typed */
  label = g_strdup_printf (_("Add “%s” as your own theme"), text);
  gtk_label_set_label (self->create_label, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->create_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
search_changed_cb (SbThemePicker  *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  ensure_rows (self);
  g_clear_pointer (&self->needle, g_free);
  if (text != NULL && *text != '\0')
    self->needle = g_utf8_casefold (text, -1);
  gtk_list_box_invalidate_filter (self->list_box);
  rank_rows (self);
  update_create_button (self);

  /* No theme matches: no empty list above the offer to add one. */
  {
    gboolean any = FALSE;

    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
         child != NULL && !any;
         child = gtk_widget_get_next_sibling (child))
      any = GTK_IS_LIST_BOX_ROW (child) && filter_func (GTK_LIST_BOX_ROW (child), self);
    gtk_widget_set_visible (self->scroller, any);
  }
}

static SbStrength
chosen_strength (SbThemePicker *self)
{
  return gtk_toggle_button_get_active (self->secondary_button) ? SB_STRENGTH_SECONDARY
                                                               : SB_STRENGTH_PRIMARY;
}

gboolean
sb_theme_picker_create (SbThemePicker  *self,
                        const char     *name,
                        GError        **error)
{
  SbTheme *theme;

  g_return_val_if_fail (SB_IS_THEME_PICKER (self), FALSE);

  theme = sb_store_add_own_theme (self->store, name, error);
  if (theme == NULL)
    return FALSE;
  return sb_theme_picker_choose (self, sb_theme_get_slug (theme), chosen_strength (self), error);
}

static void
create_clicked_cb (SbThemePicker *self,
                   GtkButton     *button)
{
  g_autofree char *text = dup_search_text (self);
  g_autoptr(GError) error = NULL;

  if (!sb_theme_picker_create (self, text, &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_popover_popdown (GTK_POPOVER (self));
}

gboolean
sb_theme_picker_choose (SbThemePicker  *self,
                        const char     *theme_slug,
                        SbStrength      strength,
                        GError        **error)
{
  g_return_val_if_fail (SB_IS_THEME_PICKER (self), FALSE);

  if (self->story == NULL)
    return TRUE;
  return sb_store_set_story_theme (self->store, self->story, theme_slug, strength, error);
}

static void
choose_row (SbThemePicker *self,
            GtkListBoxRow *row)
{
  g_autoptr(GError) error = NULL;

  if (!sb_theme_picker_choose (self, row_get_slug (row), chosen_strength (self), &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
row_activated_cb (SbThemePicker *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list_box)
{
  choose_row (self, row);
}

/* The first row still shown, in the list's order. */
static GtkListBoxRow *
first_shown_row (SbThemePicker *self)
{
  GtkListBoxRow *row;

  ensure_rows (self);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    if (gtk_widget_get_child_visible (GTK_WIDGET (row)))
      return row;
  return NULL;
}

static void
search_activate_cb (SbThemePicker  *self,
                    GtkSearchEntry *entry)
{
  GtkListBoxRow *row = first_shown_row (self);

  /* Enter takes the first theme still shown. */
  if (row != NULL)
    {
      choose_row (self, row);
      return;
    }
  /* None left: Enter adds what was typed as a theme. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->create_button)))
    create_clicked_cb (self, self->create_button);
}

/* Down from the search goes into the results (the best match first),
 * not to the Primary/Secondary toggle below it. */
static void
focus_results_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SbThemePicker *self = SB_THEME_PICKER (widget);
  GtkListBoxRow *row = first_shown_row (self);

  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  else if (gtk_widget_get_visible (GTK_WIDGET (self->create_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->create_button));
}

/* Up from the first row goes back to the search. */
static gboolean
list_keynav_failed_cb (SbThemePicker    *self,
                       GtkDirectionType  direction,
                       GtkListBox       *list_box)
{
  if (direction != GTK_DIR_UP)
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

static void
story_links_changed_cb (SbThemePicker *self,
                        SbStory       *story,
                        SbStore       *store)
{
  if (story == self->story)
    update_marks (self);
}

static void
catalog_changed_cb (SbThemePicker *self,
                    SbStore       *store)
{
  self->rows_stale = TRUE;
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    ensure_rows (self);
}

static void
sb_theme_picker_show (GtkWidget *widget)
{
  SbThemePicker *self = SB_THEME_PICKER (widget);

  ensure_rows (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  update_marks (self);

  GTK_WIDGET_CLASS (sb_theme_picker_parent_class)->show (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
set_store (SbThemePicker *self,
           SbStore       *store)
{
  g_assert (self->store == NULL);
  g_return_if_fail (SB_IS_STORE (store));

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "story-links-changed",
                           G_CALLBACK (story_links_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "catalog-changed",
                           G_CALLBACK (catalog_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "stories-reloaded",
                           G_CALLBACK (catalog_changed_cb), self, G_CONNECT_SWAPPED);
  self->rows_stale = TRUE;
}

static void
sb_theme_picker_dispose (GObject *object)
{
  SbThemePicker *self = SB_THEME_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_THEME_PICKER);
  g_clear_object (&self->story);
  g_clear_object (&self->store);
  g_clear_pointer (&self->needle, g_free);

  G_OBJECT_CLASS (sb_theme_picker_parent_class)->dispose (object);
}

static void
sb_theme_picker_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SbThemePicker *self = SB_THEME_PICKER (object);

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
sb_theme_picker_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SbThemePicker *self = SB_THEME_PICKER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_theme_picker_class_init (SbThemePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_theme_picker_dispose;
  object_class->get_property = sb_theme_picker_get_property;
  object_class->set_property = sb_theme_picker_set_property;
  widget_class->show = sb_theme_picker_show;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Referencing the bundle links it in from the static library. */
  (void) sb_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/storybank/Storybank/sb-theme-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, SbThemePicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SbThemePicker, primary_button);
  gtk_widget_class_bind_template_child (widget_class, SbThemePicker, secondary_button);
  gtk_widget_class_bind_template_child (widget_class, SbThemePicker, list_box);
  gtk_widget_class_bind_template_child (widget_class, SbThemePicker, scroller);
  gtk_widget_class_bind_template_child (widget_class, SbThemePicker, create_button);
  gtk_widget_class_bind_template_child (widget_class, SbThemePicker, create_label);
  gtk_widget_class_bind_template_child (widget_class, SbThemePicker, error_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);

  gtk_widget_class_install_action (widget_class, "picker.focus-results", NULL, focus_results_action_cb);
}

static void
sb_theme_picker_init (SbThemePicker *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_filter_func (self->list_box, filter_func, self, NULL);
  gtk_list_box_set_sort_func (self->list_box, sort_func, self, NULL);
  g_signal_connect_object (self->list_box, "keynav-failed",
                           G_CALLBACK (list_keynav_failed_cb), self, G_CONNECT_SWAPPED);

  /* Before the entry's text moves the focus on by itself. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Down, 0),
                                                          gtk_named_action_new ("picker.focus-results")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Down, 0),
                                                          gtk_named_action_new ("picker.focus-results")));
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), shortcuts);
}

const char *
sb_theme_picker_get_best_match (SbThemePicker *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (SB_IS_THEME_PICKER (self), NULL);
  row = first_shown_row (self);
  return row != NULL ? row_get_slug (row) : NULL;
}

GtkWidget *
sb_theme_picker_new (SbStore *store)
{
  return g_object_new (SB_TYPE_THEME_PICKER, "store", store, NULL);
}

SbStory *
sb_theme_picker_get_story (SbThemePicker *self)
{
  g_return_val_if_fail (SB_IS_THEME_PICKER (self), NULL);

  return self->story;
}

void
sb_theme_picker_set_story (SbThemePicker *self,
                           SbStory       *story)
{
  g_return_if_fail (SB_IS_THEME_PICKER (self));

  if (g_set_object (&self->story, story))
    update_marks (self);
}
