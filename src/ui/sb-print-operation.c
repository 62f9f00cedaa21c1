/* sb-print-operation.c — printing the cheat sheet through GTK's print dialog
 *
 * The sheet is laid out by src/print on the print context's cairo context,
 * in points and on the full page (the sheet keeps its own margins), so the
 * printout matches the exported PDF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-print-operation"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-print-operation.h"

struct _SbPrintOperation
{
  GtkPrintOperation  parent_instance;

  SbStore           *store;
  SbPaperSize        paper;
  char              *framework_slug;
  GStrv              story_uuids;
  GStrv              theme_slugs;

  SbCheatSheet      *sheet;        /* from begin-print to end-print */
};

G_DEFINE_FINAL_TYPE (SbPrintOperation, sb_print_operation, GTK_TYPE_PRINT_OPERATION)

static void
sb_print_operation_begin_print (GtkPrintOperation *operation,
                                GtkPrintContext   *context)
{
  SbPrintOperation *self = SB_PRINT_OPERATION (operation);
  g_autoptr(GError) error = NULL;
  SbCheatSheetOptions options = {
    self->paper,
    self->framework_slug,
    (const char * const *) self->story_uuids,
    (const char * const *) self->theme_slugs,
  };

  g_clear_pointer (&self->sheet, sb_cheat_sheet_free);
  self->sheet = sb_cheat_sheet_new (self->store, &options, &error);
  if (self->sheet == NULL)
    {
      /* The framework went away since the dialog opened: print the default one. */
      g_debug ("Printing the default framework instead: %s", error->message);
      options.framework_slug = NULL;
      options.theme_slugs = NULL;
      self->sheet = sb_cheat_sheet_new (self->store, &options, NULL);
    }
  gtk_print_operation_set_n_pages (operation, 1);
}

static void
sb_print_operation_draw_page (GtkPrintOperation *operation,
                              GtkPrintContext   *context,
                              int                page_nr)
{
  SbPrintOperation *self = SB_PRINT_OPERATION (operation);

  if (self->sheet == NULL || page_nr != 0)
    return;
  sb_cheat_sheet_render (self->sheet,
                         gtk_print_context_get_cairo_context (context),
                         gtk_print_context_get_width (context),
                         gtk_print_context_get_height (context));
}

static void
sb_print_operation_end_print (GtkPrintOperation *operation,
                              GtkPrintContext   *context)
{
  SbPrintOperation *self = SB_PRINT_OPERATION (operation);

  g_clear_pointer (&self->sheet, sb_cheat_sheet_free);
}

static void
sb_print_operation_dispose (GObject *object)
{
  SbPrintOperation *self = SB_PRINT_OPERATION (object);

  g_clear_pointer (&self->sheet, sb_cheat_sheet_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_print_operation_parent_class)->dispose (object);
}

static void
sb_print_operation_finalize (GObject *object)
{
  SbPrintOperation *self = SB_PRINT_OPERATION (object);

  g_free (self->framework_slug);
  g_strfreev (self->story_uuids);
  g_strfreev (self->theme_slugs);

  G_OBJECT_CLASS (sb_print_operation_parent_class)->finalize (object);
}

static void
sb_print_operation_class_init (SbPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *print_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->dispose = sb_print_operation_dispose;
  object_class->finalize = sb_print_operation_finalize;
  print_class->begin_print = sb_print_operation_begin_print;
  print_class->draw_page = sb_print_operation_draw_page;
  print_class->end_print = sb_print_operation_end_print;
}

static void
sb_print_operation_init (SbPrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);

  gtk_print_operation_set_job_name (operation, _("Interview cheat sheet"));
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
}

static void
set_default_paper (SbPrintOperation *self)
{
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper_size =
    gtk_paper_size_new (self->paper == SB_PAPER_LETTER ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);

  gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_page_setup_set_paper_size_and_default_margins (page_setup, paper_size);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), page_setup);
}

SbPrintOperation *
sb_print_operation_new (SbStore                   *store,
                        const SbCheatSheetOptions *options)
{
  SbPrintOperation *self;
  SbCheatSheetOptions defaults;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  if (options == NULL)
    {
      sb_cheat_sheet_options_init (&defaults);
      options = &defaults;
    }

  self = g_object_new (SB_TYPE_PRINT_OPERATION, NULL);
  self->store = g_object_ref (store);
  self->paper = options->paper;
  self->framework_slug = g_strdup (options->framework_slug);
  self->story_uuids = g_strdupv ((char **) options->story_uuids);
  self->theme_slugs = g_strdupv ((char **) options->theme_slugs);
  set_default_paper (self);
  return self;
}
