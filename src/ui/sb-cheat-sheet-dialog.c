/* sb-cheat-sheet-dialog.c — choosing what goes on the cheat sheet, with a live preview
 *
 * The person's name (kept in the bank), the framework, the paper, and which
 * themes and stories go on the sheet, beside a preview drawn by the same
 * layout code that prints and exports it (sb-cheat-sheet-dialog-preview.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-cheat-sheet-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-application.h"
#include "sb-cheat-sheet-dialog-private.h"
#include "sb-label.h"
#include "sb-print-operation.h"
#include "sb-readiness.h"
#include "sb-settings.h"
#include "sb-ui-resources.h"
/* Narrower than this, the preview goes above the settings. */
#define NARROW_WIDTH 720

#define SETTINGS_KEY_FRAMEWORK "cheat-sheet-framework"
/* Longer framework names wrap in the row rather than being cut. */
#define FRAMEWORK_ROW_CHARS  30
#define FRAMEWORK_LIST_CHARS 36

static const char * const paper_values[] = { "auto", "a4", "letter" };

G_DEFINE_FINAL_TYPE (SbCheatSheetDialog, sb_cheat_sheet_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- options ---------------------------------------------------------- */

/* The keys of @checks whose box is ticked, in @rows order; NULL when all are. */
static GStrv
ticked_keys (GPtrArray *rows)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean all = TRUE;

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "sb-check");

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (row), "sb-key"));
      else
        all = FALSE;
    }
  return all ? NULL : g_strv_builder_end (builder);
}

static SbPaperSize
chosen_paper (SbCheatSheetDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->paper_row);
  SbPaperSize paper = sb_paper_size_from_locale ();

  if (selected < G_N_ELEMENTS (paper_values))
    sb_paper_size_from_string (paper_values[selected], &paper);
  return paper;
}

void
sb_cheat_sheet_dialog_get_options (SbCheatSheetDialog  *self,
                                   SbCheatSheetOptions *options)
{
  guint framework;

  g_return_if_fail (SB_IS_CHEAT_SHEET_DIALOG (self));
  g_return_if_fail (options != NULL);

  sb_cheat_sheet_options_init (options);
  options->paper = chosen_paper (self);

  g_clear_pointer (&self->chosen_framework, g_free);
  framework = adw_combo_row_get_selected (self->framework_row);
  if (framework < self->framework_slugs->len)
    self->chosen_framework = g_strdup (g_ptr_array_index (self->framework_slugs, framework));
  options->framework_slug = self->chosen_framework;

  g_clear_pointer (&self->chosen_themes, g_strfreev);
  self->chosen_themes = ticked_keys (self->theme_rows);
  options->theme_slugs = (const char * const *) self->chosen_themes;

  g_clear_pointer (&self->chosen_stories, g_strfreev);
  self->chosen_stories = ticked_keys (self->story_rows);
  options->story_uuids = (const char * const *) self->chosen_stories;

  options->application_slug = self->chosen_application;
}

/* TRUE when the sheet is for one application's loop. */
gboolean
_sb_cheat_sheet_dialog_for_application (SbCheatSheetDialog *self)
{
  return self->chosen_application != NULL;
}

guint
_sb_cheat_sheet_dialog_count_ticked (GPtrArray *rows)
{
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      GtkCheckButton *check = g_object_get_data (g_ptr_array_index (rows, i), "sb-check");

      n += gtk_check_button_get_active (check) ? 1 : 0;
    }
  return n;
}

/* ---- the name --------------------------------------------------------- */

static void
show_error (SbCheatSheetDialog *self,
            const char         *heading,
            const GError       *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_sb_cheat_sheet_dialog_save_name (SbCheatSheetDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (!self->name_dirty)
    return;
  self->name_dirty = FALSE;
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  if (!sb_store_set_person_name (self->store, name, &error))
    {
      g_autoptr(AdwToast) toast = NULL;
      g_autofree char *title = g_strdup_printf (_("Name not saved: %s"), error->message);

      toast = adw_toast_new (title);
      adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
    }
}

/* ---- narrow windows --------------------------------------------------- */

static gboolean
relayout_cb (gpointer user_data)
{
  SbCheatSheetDialog *self = user_data;
  int width = 0, height = 0;
  gboolean narrow;

  self->layout_id = 0;
  /* GTK 4.8 needs both pointers. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  narrow = width > 0 && width < NARROW_WIDTH;
  if (narrow == self->narrow)
    return G_SOURCE_REMOVE;
  self->narrow = narrow;

  /* Side by side when there is room; else the preview on top, settings under it. */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->main_box),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->separator),
                                  narrow ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
  if (narrow)
    gtk_box_reorder_child_after (self->main_box, GTK_WIDGET (self->settings_page),
                                 GTK_WIDGET (self->separator));
  else
    gtk_box_reorder_child_after (self->main_box, GTK_WIDGET (self->settings_page), NULL);
  gtk_box_reorder_child_after (self->main_box, GTK_WIDGET (self->separator),
                               narrow ? self->preview_box : GTK_WIDGET (self->settings_page));
  if (narrow)
    gtk_box_reorder_child_after (self->main_box, self->preview_box, NULL);
  gtk_widget_set_vexpand (self->preview_box, !narrow);
  gtk_widget_set_size_request (self->preview_box, -1, narrow ? 260 : -1);
  gtk_widget_set_size_request (GTK_WIDGET (self->settings_page), narrow ? -1 : 360, -1);
  return G_SOURCE_REMOVE;
}

static void
default_width_changed_cb (SbCheatSheetDialog *self,
                          GParamSpec         *pspec,
                          gpointer            user_data)
{
  /* Not from inside the size allocation that announced it. */
  if (self->layout_id == 0)
    self->layout_id = g_idle_add (relayout_cb, self);
}

/* ---- the checklists --------------------------------------------------- */

static void
check_toggled_cb (SbCheatSheetDialog *self)
{
  _sb_cheat_sheet_dialog_schedule_preview (self);
}

static GtkWidget *
add_check_row (SbCheatSheetDialog  *self,
               AdwPreferencesGroup *group,
               GPtrArray           *rows,
               GHashTable          *checks,
               const char          *key,
               const char          *title,
               const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
  g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled_cb), self, G_CONNECT_SWAPPED);

  /* Titles are the person's own text: no markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data_full (G_OBJECT (row), "sb-key", g_strdup (key), g_free);
  g_object_set_data (G_OBJECT (row), "sb-check", check);

  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
  g_hash_table_insert (checks, g_strdup (key), check);
  return row;
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows,
            GHashTable          *checks)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
  g_hash_table_remove_all (checks);
}

static void
set_all_ticked (GPtrArray *rows,
                gboolean   ticked)
{
  for (guint i = 0; i < rows->len; i++)
    gtk_check_button_set_active (g_object_get_data (g_ptr_array_index (rows, i), "sb-check"), ticked);
}

static void
fill_themes (SbCheatSheetDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->framework_row);
  GListModel *themes;

  clear_rows (self->themes_group, self->theme_rows, self->theme_checks);
  if (selected >= self->framework_slugs->len)
    return;

  themes = sb_store_get_themes (self->store, g_ptr_array_index (self->framework_slugs, selected));
  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(SbTheme) theme = g_list_model_get_item (themes, i);
      g_autoptr(GPtrArray) stories = sb_store_get_theme_stories (self->store, sb_theme_get_slug (theme));
      g_autofree char *subtitle = NULL;

      if (stories->len == 0)
        subtitle = g_strdup (_("No story yet"));
      else
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u story", "%u stories", stories->len),
                                    stories->len);
      add_check_row (self, self->themes_group, self->theme_rows, self->theme_checks,
                     sb_theme_get_slug (theme), sb_theme_get_name (theme), subtitle);
    }
}

static void
fill_stories (SbCheatSheetDialog *self)
{
  GListModel *stories = sb_store_get_stories (self->store);

  clear_rows (self->stories_group, self->story_rows, self->story_checks);
  for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (stories, i);
      g_auto(SbReadiness) readiness = sb_story_get_readiness (self->store, story);
      /* Translators: a story's readiness, then why: "Needs work: 2 things to fix" */
      g_autofree char *subtitle = readiness.reason != NULL
                                  ? g_strdup_printf (_("%s: %s"), readiness.label, readiness.reason)
                                  : g_strdup (readiness.label);

      /* Which stories are ready to go on the sheet, at a glance. */
      add_check_row (self, self->stories_group, self->story_rows, self->story_checks,
                     sb_story_get_uuid (story), sb_story_get_display_title (story), subtitle);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->stories_group), self->story_rows->len > 0);
}

static void
framework_selected_cb (SbCheatSheetDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->framework_row);

  /* Remembered for the next sheet: Coverage may show another framework
   * meanwhile without changing what the person prints. */
  if (self->settings != NULL && selected < self->framework_slugs->len)
    g_settings_set_string (self->settings, SETTINGS_KEY_FRAMEWORK,
                           g_ptr_array_index (self->framework_slugs, selected));
  fill_themes (self);
  _sb_cheat_sheet_dialog_schedule_preview (self);
}

/* The sheet of themes, or the sheet of one application's loop: the
 * second has no themes or stories to choose. */
static void
for_selected_cb (SbCheatSheetDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->for_row);
  gboolean themes;

  g_clear_pointer (&self->chosen_application, g_free);
  if (selected >= 1 && selected - 1 < self->application_slugs->len)
    self->chosen_application = g_strdup (g_ptr_array_index (self->application_slugs, selected - 1));
  themes = !_sb_cheat_sheet_dialog_for_application (self);
  gtk_widget_set_visible (GTK_WIDGET (self->framework_row), themes);
  gtk_widget_set_visible (GTK_WIDGET (self->themes_group), themes);
  gtk_widget_set_visible (GTK_WIDGET (self->stories_group), themes && self->story_rows->len > 0);
  _sb_cheat_sheet_dialog_schedule_preview (self);
}

/* Every story, then each application; the current one is chosen first,
 * as the sheet follows the current application. */
static void
fill_applications (SbCheatSheetDialog *self)
{
  GListModel *applications = sb_store_get_applications (self->store);
  SbApplication *current = sb_store_get_current_application (self->store);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_string_list_append (names, _("Every Story"));
  for (guint i = 0; i < g_list_model_get_n_items (applications); i++)
    {
      g_autoptr(SbApplication) application = g_list_model_get_item (applications, i);
      g_autofree char *name = sb_application_dup_display_name (application);

      gtk_string_list_append (names, name);
      g_ptr_array_add (self->application_slugs, g_strdup (sb_application_get_slug (application)));
      if (application == current)
        selected = i + 1;
    }
  g_signal_handlers_block_by_func (self->for_row, for_selected_cb, self);
  adw_combo_row_set_model (self->for_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->for_row, selected);
  g_signal_handlers_unblock_by_func (self->for_row, for_selected_cb, self);
  /* Without applications there is nothing to choose. */
  gtk_widget_set_visible (GTK_WIDGET (self->for_row), self->application_slugs->len > 0);
  for_selected_cb (self);
}

static void
paper_selected_cb (SbCheatSheetDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->paper_row);

  if (self->settings != NULL && selected < G_N_ELEMENTS (paper_values))
    g_settings_set_string (self->settings, "paper-size", paper_values[selected]);
  _sb_cheat_sheet_dialog_schedule_preview (self);
}

static void
name_changed_cb (SbCheatSheetDialog *self)
{
  self->name_dirty = TRUE;
  _sb_cheat_sheet_dialog_schedule_preview (self);
}

/* ---- print and export ------------------------------------------------- */

gboolean
sb_cheat_sheet_dialog_export_pdf (SbCheatSheetDialog  *self,
                                  const char          *path,
                                  GError             **error)
{
  SbCheatSheetOptions options;

  g_return_val_if_fail (SB_IS_CHEAT_SHEET_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* The sheet comes from the controls, not from the preview: no need to
   * wait for it or lay it out twice. */
  _sb_cheat_sheet_dialog_save_name (self);
  sb_cheat_sheet_dialog_get_options (self, &options);
  return sb_cheat_sheet_export_pdf (self->store, &options, path, error);
}

static void
chooser_response_cb (GtkNativeDialog    *native,
                     int                 response,
                     SbCheatSheetDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only local files can be written"));
  if (path == NULL || !sb_cheat_sheet_dialog_export_pdf (self, path, &error))
    {
      show_error (self, _("Export Failed"), error);
      return;
    }
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Cheat sheet saved as PDF")));
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SbCheatSheetDialog *self = SB_CHEAT_SHEET_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export Cheat Sheet"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  /* TRANSLATORS: the suggested file name of an exported cheat sheet */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("cheat-sheet.pdf"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SbCheatSheetDialog *self = SB_CHEAT_SHEET_DIALOG (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  SbCheatSheetOptions options;

  _sb_cheat_sheet_dialog_save_name (self);
  sb_cheat_sheet_dialog_get_options (self, &options);
  operation = GTK_PRINT_OPERATION (sb_print_operation_new (self->store, &options));
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (self, _("Printing Failed"), error);
}

static void
all_themes_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SbCheatSheetDialog *self = SB_CHEAT_SHEET_DIALOG (widget);

  set_all_ticked (self->theme_rows, g_str_equal (action_name, "cheat-sheet.all-themes"));
}

static void
all_stories_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SbCheatSheetDialog *self = SB_CHEAT_SHEET_DIALOG (widget);

  set_all_ticked (self->story_rows, g_str_equal (action_name, "cheat-sheet.all-stories"));
}

/* ---- construction ----------------------------------------------------- */

static void
fill_frameworks (SbCheatSheetDialog *self)
{
  GListModel *frameworks = sb_store_get_frameworks (self->store);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *preferred = NULL;
  guint selected = 0;

  /* The framework last chosen for the sheet; the first one before that. */
  if (self->settings != NULL)
    preferred = g_settings_get_string (self->settings, SETTINGS_KEY_FRAMEWORK);

  for (guint i = 0; i < g_list_model_get_n_items (frameworks); i++)
    {
      g_autoptr(SbFramework) framework = g_list_model_get_item (frameworks, i);

      gtk_string_list_append (names, sb_framework_get_name (framework));
      g_ptr_array_add (self->framework_slugs, g_strdup (sb_framework_get_slug (framework)));
      if (g_strcmp0 (preferred, sb_framework_get_slug (framework)) == 0)
        selected = i;
    }
  g_signal_handlers_block_by_func (self->framework_row, framework_selected_cb, self);
  adw_combo_row_set_model (self->framework_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->framework_row, selected);
  g_signal_handlers_unblock_by_func (self->framework_row, framework_selected_cb, self);
}

/* ---- the framework drop-down ------------------------------------------ */

/* AdwComboRow's own labels stop at 20 characters with an ellipsis, and
 * framework names are longer ("Amazon Leadership Principles"): these
 * labels wrap instead, so every name is shown whole, in the row and in its
 * list (with a check mark on the chosen one). */
static GtkWidget *
framework_label_new (int max_width_chars)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), max_width_chars);
  gtk_label_set_width_chars (GTK_LABEL (label), MIN (max_width_chars, 8));
  return label;
}

static void
framework_row_setup_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        gpointer                  user_data)
{
  GtkWidget *label = framework_label_new (FRAMEWORK_ROW_CHARS);

  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_list_item_set_child (item, label);
}

static void
framework_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkStringObject *name = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  GtkWidget *label = GTK_IS_LABEL (child) ? child : gtk_widget_get_first_child (child);

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (name));
}

static void
framework_check_update (GtkListItem *item,
                        GParamSpec  *pspec,
                        AdwComboRow *row)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (check, gtk_list_item_get_position (item) ==
                                 adw_combo_row_get_selected (row) ? 1 : 0);
}

static void
framework_list_setup_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *item,
                         SbCheatSheetDialog       *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = framework_label_new (FRAMEWORK_LIST_CHARS);
  /* The list says which is selected; the mark is only for the eye. */
  GtkWidget *check = g_object_new (GTK_TYPE_IMAGE,
                                   "icon-name", "object-select-symbolic",
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                   NULL);

  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
  g_signal_connect_object (self->framework_row, "notify::selected",
                           G_CALLBACK (framework_check_update), item, G_CONNECT_SWAPPED);
  g_signal_connect_object (item, "notify::position",
                           G_CALLBACK (framework_check_update), self->framework_row, 0);
}

static void
framework_list_bind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        SbCheatSheetDialog       *self)
{
  framework_bind_cb (factory, item, NULL);
  framework_check_update (item, NULL, self->framework_row);
}

static void
setup_framework_row (SbCheatSheetDialog *self)
{
  g_autoptr(GtkListItemFactory) row_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (row_factory, "setup", G_CALLBACK (framework_row_setup_cb), NULL);
  g_signal_connect (row_factory, "bind", G_CALLBACK (framework_bind_cb), NULL);
  g_signal_connect (list_factory, "setup", G_CALLBACK (framework_list_setup_cb), self);
  g_signal_connect (list_factory, "bind", G_CALLBACK (framework_list_bind_cb), self);
  adw_combo_row_set_factory (self->framework_row, row_factory);
  adw_combo_row_set_list_factory (self->framework_row, list_factory);
}

static void
fill_paper (SbCheatSheetDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *automatic = NULL;
  g_autofree char *saved = NULL;
  guint selected = 0;

  automatic = g_strdup_printf (_("From Region (%s)"),
                               sb_paper_size_from_locale () == SB_PAPER_LETTER ? _("US Letter") : _("A4"));
  gtk_string_list_append (names, automatic);
  gtk_string_list_append (names, _("A4"));
  gtk_string_list_append (names, _("US Letter"));

  if (self->settings != NULL)
    saved = g_settings_get_string (self->settings, "paper-size");
  for (guint i = 0; i < G_N_ELEMENTS (paper_values); i++)
    if (g_strcmp0 (saved, paper_values[i]) == 0)
      selected = i;

  g_signal_handlers_block_by_func (self->paper_row, paper_selected_cb, self);
  adw_combo_row_set_model (self->paper_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->paper_row, selected);
  g_signal_handlers_unblock_by_func (self->paper_row, paper_selected_cb, self);
}

static void
sb_cheat_sheet_dialog_constructed (GObject *object)
{
  SbCheatSheetDialog *self = SB_CHEAT_SHEET_DIALOG (object);
  g_autofree char *name = NULL;

  G_OBJECT_CLASS (sb_cheat_sheet_dialog_parent_class)->constructed (object);

  g_return_if_fail (SB_IS_STORE (self->store));

  name = sb_store_get_person_name (self->store);
  g_signal_handlers_block_by_func (self->name_row, name_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
  g_signal_handlers_unblock_by_func (self->name_row, name_changed_cb, self);

  setup_framework_row (self);
  fill_frameworks (self);
  fill_paper (self);
  fill_themes (self);
  fill_stories (self);
  fill_applications (self);
  _sb_cheat_sheet_dialog_start_preview (self);
}

static void
sb_cheat_sheet_dialog_dispose (GObject *object)
{
  SbCheatSheetDialog *self = SB_CHEAT_SHEET_DIALOG (object);

  /* The name typed last is kept even when the dialog closes in the pause. */
  if (self->store != NULL)
    _sb_cheat_sheet_dialog_save_name (self);
  _sb_cheat_sheet_dialog_cancel_preview (self);
  g_clear_handle_id (&self->layout_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_CHEAT_SHEET_DIALOG);

  g_clear_pointer (&self->preview_sheet, sb_cheat_sheet_free);
  g_clear_pointer (&self->preview_recording, cairo_surface_destroy);
  g_clear_pointer (&self->preview_image, cairo_surface_destroy);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_cheat_sheet_dialog_parent_class)->dispose (object);
}

static void
sb_cheat_sheet_dialog_finalize (GObject *object)
{
  SbCheatSheetDialog *self = SB_CHEAT_SHEET_DIALOG (object);

  g_ptr_array_unref (self->framework_slugs);
  g_ptr_array_unref (self->application_slugs);
  g_ptr_array_unref (self->theme_rows);
  g_ptr_array_unref (self->story_rows);
  g_hash_table_unref (self->theme_checks);
  g_hash_table_unref (self->story_checks);
  g_strfreev (self->chosen_stories);
  g_strfreev (self->chosen_themes);
  g_free (self->chosen_framework);
  g_free (self->chosen_application);

  G_OBJECT_CLASS (sb_cheat_sheet_dialog_parent_class)->finalize (object);
}

static void
sb_cheat_sheet_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SbCheatSheetDialog *self = SB_CHEAT_SHEET_DIALOG (object);

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
sb_cheat_sheet_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  SbCheatSheetDialog *self = SB_CHEAT_SHEET_DIALOG (object);

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
sb_cheat_sheet_dialog_class_init (SbCheatSheetDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sb_cheat_sheet_dialog_constructed;
  object_class->dispose = sb_cheat_sheet_dialog_dispose;
  object_class->finalize = sb_cheat_sheet_dialog_finalize;
  object_class->get_property = sb_cheat_sheet_dialog_get_property;
  object_class->set_property = sb_cheat_sheet_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  (void) sb_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/storybank/Storybank/sb-cheat-sheet-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SbCheatSheetDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SbCheatSheetDialog, print_button);
  gtk_widget_class_bind_template_child (widget_class, SbCheatSheetDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, SbCheatSheetDialog, main_box);
  gtk_widget_class_bind_template_child (widget_class, SbCheatSheetDialog, settings_page);
  gtk_widget_class_bind_template_child (widget_class, SbCheatSheetDialog, separator);
  gtk_widget_class_bind_template_child (widget_class, SbCheatSheetDialog, preview_box);
  gtk_widget_class_bind_template_child (widget_class, SbCheatSheetDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SbCheatSheetDialog, framework_row);
  gtk_widget_class_bind_template_child (widget_class, SbCheatSheetDialog, for_row);
  gtk_widget_class_bind_template_child (widget_class, SbCheatSheetDialog, paper_row);
  gtk_widget_class_bind_template_child (widget_class, SbCheatSheetDialog, themes_group);
  gtk_widget_class_bind_template_child (widget_class, SbCheatSheetDialog, stories_group);
  gtk_widget_class_bind_template_child (widget_class, SbCheatSheetDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, SbCheatSheetDialog, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, framework_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, for_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, paper_selected_cb);

  gtk_widget_class_install_action (widget_class, "cheat-sheet.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "cheat-sheet.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "cheat-sheet.all-themes", NULL, all_themes_action);
  gtk_widget_class_install_action (widget_class, "cheat-sheet.no-themes", NULL, all_themes_action);
  gtk_widget_class_install_action (widget_class, "cheat-sheet.all-stories", NULL, all_stories_action);
  gtk_widget_class_install_action (widget_class, "cheat-sheet.no-stories", NULL, all_stories_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "cheat-sheet.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "cheat-sheet.export-pdf", NULL);
}

static void
sb_cheat_sheet_dialog_init (SbCheatSheetDialog *self)
{
  self->framework_slugs = g_ptr_array_new_with_free_func (g_free);
  self->application_slugs = g_ptr_array_new_with_free_func (g_free);
  self->theme_rows = g_ptr_array_new ();
  self->story_rows = g_ptr_array_new ();
  self->theme_checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->story_checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->settings = sb_settings_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Its wrapping labels measured at 12 characters: see sb-label.h. */
  sb_label_narrow_wrapping (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->preview, _sb_cheat_sheet_dialog_preview_draw_cb, self, NULL);
  g_signal_connect (self, "notify::default-width", G_CALLBACK (default_width_changed_cb), NULL);
  default_width_changed_cb (self, NULL, NULL);
}

/* ---- public ----------------------------------------------------------- */

SbCheatSheetDialog *
sb_cheat_sheet_dialog_new (GtkWindow *parent,
                           SbStore   *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  return g_object_new (SB_TYPE_CHEAT_SHEET_DIALOG,
                       "store", store,
                       "transient-for", parent,
                       NULL);
}

static void
free_weak_ref (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

SbCheatSheetDialog *
sb_cheat_sheet_dialog_present_for (GtkWindow           *parent,
                                   SbStore             *store,
                                   SbCheatSheetPurpose  purpose)
{
  SbCheatSheetDialog *self;
  GtkWidget *button;
  GWeakRef *ref;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  /* One dialog per window: asked again, the open one comes to the front. */
  ref = g_object_get_data (G_OBJECT (parent), "sb-cheat-sheet-dialog");
  self = ref != NULL ? g_weak_ref_get (ref) : NULL;
  if (self == NULL)
    {
      self = g_object_ref (sb_cheat_sheet_dialog_new (parent, store));
      ref = g_new0 (GWeakRef, 1);
      g_weak_ref_init (ref, self);
      g_object_set_data_full (G_OBJECT (parent), "sb-cheat-sheet-dialog", ref, free_weak_ref);
    }
  g_object_unref (self);   /* GTK keeps the toplevel alive until it closes */

  button = purpose == SB_CHEAT_SHEET_PURPOSE_EXPORT ? GTK_WIDGET (self->export_button)
                                                    : GTK_WIDGET (self->print_button);
  gtk_window_set_default_widget (GTK_WINDOW (self), button);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

SbStore *
sb_cheat_sheet_dialog_get_store (SbCheatSheetDialog *self)
{
  g_return_val_if_fail (SB_IS_CHEAT_SHEET_DIALOG (self), NULL);
  return self->store;
}

/* ---- test hooks ------------------------------------------------------- */

GtkCheckButton *
sb_cheat_sheet_dialog_get_theme_check (SbCheatSheetDialog *self,
                                       const char         *theme_slug)
{
  g_return_val_if_fail (SB_IS_CHEAT_SHEET_DIALOG (self), NULL);
  return g_hash_table_lookup (self->theme_checks, theme_slug);
}

GtkCheckButton *
sb_cheat_sheet_dialog_get_story_check (SbCheatSheetDialog *self,
                                       const char         *uuid)
{
  g_return_val_if_fail (SB_IS_CHEAT_SHEET_DIALOG (self), NULL);
  return g_hash_table_lookup (self->story_checks, uuid);
}

GtkEditable *
sb_cheat_sheet_dialog_get_name_row (SbCheatSheetDialog *self)
{
  g_return_val_if_fail (SB_IS_CHEAT_SHEET_DIALOG (self), NULL);
  return GTK_EDITABLE (self->name_row);
}

AdwComboRow *
sb_cheat_sheet_dialog_get_paper_row (SbCheatSheetDialog *self)
{
  g_return_val_if_fail (SB_IS_CHEAT_SHEET_DIALOG (self), NULL);
  return self->paper_row;
}

AdwComboRow *
sb_cheat_sheet_dialog_get_for_row (SbCheatSheetDialog *self)
{
  g_return_val_if_fail (SB_IS_CHEAT_SHEET_DIALOG (self), NULL);
  return self->for_row;
}

AdwComboRow *
sb_cheat_sheet_dialog_get_framework_row (SbCheatSheetDialog *self)
{
  g_return_val_if_fail (SB_IS_CHEAT_SHEET_DIALOG (self), NULL);
  return self->framework_row;
}

SbCheatSheet *
sb_cheat_sheet_dialog_get_preview_sheet (SbCheatSheetDialog *self)
{
  g_return_val_if_fail (SB_IS_CHEAT_SHEET_DIALOG (self), NULL);
  return self->preview_sheet;
}
