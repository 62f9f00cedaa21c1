/* sb-application-editor-private.h — what sb-application-editor.c and
 * sb-application-editor-plan.c share; nothing else includes it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sb-application-editor.h"
#include "sb-error-dialog.h"

G_BEGIN_DECLS

struct _SbApplicationEditor
{
  GtkWidget         parent_instance;

  SbStore          *store;
  SbApplication    *application;
  guint             pending;          /* bit per SbApplicationField */
  guint             save_id;
  guint             warnings_id;
  gboolean          warnings_stale;
  gboolean          loading;
  char             *date_error;
  GPtrArray        *framework_slugs;  /* index of the combo row - 1 */

  GtkWidget        *scrolled;
  AdwEntryRow      *company_row;
  AdwEntryRow      *role_row;
  AdwEntryRow      *date_row;
  GtkCalendar      *calendar;
  GtkMenuButton    *calendar_button;
  GtkLabel         *countdown_label;
  AdwComboRow      *status_row;
  AdwComboRow      *framework_row;
  GtkWidget        *values_row;        /* Coverage and Questions of the values */
  GtkWidget        *values_coverage;
  GtkWidget        *values_questions;
  GtkSwitch        *current_switch;
  GtkTextView      *job_view;
  GtkTextView      *why_view;
  GtkTextView      *notes_view;
  GtkButton        *split_button;
  GtkListBox       *requirement_list;
  GtkLabel         *requirements_summary;
  GtkListBox       *round_list;
  GtkButton        *propose_button;
  GtkLabel         *plan_status;
  GtkBox           *plan_warnings;
};

/* sb-application-editor.c */
GtkWidget *_sb_application_editor_group_new         (const char          *title,
                                                     const char          *description);
GtkWidget *_sb_application_editor_action_button_new (const char          *label,
                                                     const char          *action,
                                                     const char          *tooltip);

/* sb-application-editor-plan.c */
GtkWidget *_sb_application_editor_build_requirements (SbApplicationEditor *self);
GtkWidget *_sb_application_editor_build_rounds       (SbApplicationEditor *self);
/* Binds the lists to self->application's models (or to none). */
void       _sb_application_editor_bind_plan          (SbApplicationEditor *self);
/* Flushes every requirement and round row; TRUE when nothing is left. */
gboolean   _sb_application_editor_flush_rows         (SbApplicationEditor *self);
/* Reads the plan's warnings in an idle. */
void       _sb_application_editor_queue_warnings     (SbApplicationEditor *self);
void       _sb_application_editor_install_plan_actions (GtkWidgetClass    *widget_class);

G_END_DECLS
