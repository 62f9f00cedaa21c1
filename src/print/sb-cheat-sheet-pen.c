/* sb-cheat-sheet-pen.c — the pen both sheets measure and draw with
 *
 * One Pango layout and a font per style of text. What a sheet draws is
 * measured with the very layout it is drawn with, so nothing measured to
 * fit is cut at the page edge. See sb-cheat-sheet-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-cheat-sheet"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "sb-cheat-sheet-private.h"

void
sb_pen_init (SbPen             *pen,
             PangoContext      *context,
             double             size,
             const SbPenStyle  *styles,
             guint              n_styles)
{
  memset (pen, 0, sizeof *pen);
  pen->layout = pango_layout_new (context);
  pen->size = size;
  pen->styles = styles;
  pen->n_styles = n_styles;
  pen->fonts = g_new0 (PangoFontDescription *, n_styles);
  pango_layout_set_wrap (pen->layout, PANGO_WRAP_WORD_CHAR);
  for (guint i = 0; i < n_styles; i++)
    {
      PangoFontDescription *font = pango_font_description_from_string (SB_PEN_FONT_FAMILY);

      pango_font_description_set_size (font, (int) round (size * styles[i].scale * PANGO_SCALE));
      pango_font_description_set_weight (font, styles[i].weight);
      pango_font_description_set_style (font, styles[i].style);
      pen->fonts[i] = font;
    }
}

void
sb_pen_clear (SbPen *pen)
{
  for (guint i = 0; pen->fonts != NULL && i < pen->n_styles; i++)
    g_clear_pointer (&pen->fonts[i], pango_font_description_free);
  g_clear_pointer (&pen->fonts, g_free);
  g_clear_object (&pen->layout);
}

static void
add_colour (PangoAttrList *attrs,
            guint32        rgb,
            guint          start,
            guint          end)
{
  PangoAttribute *attr = pango_attr_foreground_new (((rgb >> 16) & 0xff) * 257,
                                                    ((rgb >> 8) & 0xff) * 257,
                                                    (rgb & 0xff) * 257);
  attr->start_index = start;
  attr->end_index = end;
  pango_attr_list_insert (attrs, attr);
}

void
sb_pen_set (SbPen       *pen,
            guint        kind,
            const char  *label,
            guint32      label_rgb,
            PangoWeight  label_weight,
            const char  *text,
            const char  *emphasis,
            double       width)
{
  const SbPenStyle *style = &pen->styles[kind];
  g_autoptr(GString) content = g_string_new (label);
  PangoAttrList *attrs = pango_attr_list_new ();
  guint text_start = content->len;
  const char *bold;

  g_return_if_fail (kind < pen->n_styles);

  g_string_append (content, text);
  add_colour (attrs, style->rgb, text_start, content->len);
  if (text_start > 0)
    {
      PangoAttribute *attr = pango_attr_weight_new (label_weight);

      add_colour (attrs, label_rgb, 0, text_start);
      attr->start_index = 0;
      attr->end_index = text_start;
      pango_attr_list_insert (attrs, attr);
    }
  if (emphasis != NULL && emphasis[0] != '\0' && (bold = strstr (text, emphasis)) != NULL)
    {
      PangoAttribute *attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

      attr->start_index = text_start + (bold - text);
      attr->end_index = attr->start_index + strlen (emphasis);
      pango_attr_list_insert (attrs, attr);
    }
  if (style->caps)
    pango_attr_list_insert (attrs, pango_attr_letter_spacing_new ((int) (pen->size * 0.08 * PANGO_SCALE)));

  pango_layout_set_font_description (pen->layout, pen->fonts[kind]);
  pango_layout_set_width (pen->layout, (int) floor (width * PANGO_SCALE));
  if (style->max_lines > 0)
    {
      pango_layout_set_ellipsize (pen->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (pen->layout, -style->max_lines);
    }
  else
    {
      pango_layout_set_ellipsize (pen->layout, PANGO_ELLIPSIZE_NONE);
      pango_layout_set_height (pen->layout, -1);
    }
  pango_layout_set_spacing (pen->layout, (int) (pen->size * 0.12 * PANGO_SCALE));
  pango_layout_set_text (pen->layout, content->str, (int) content->len);
  pango_layout_set_attributes (pen->layout, attrs);
  pango_attr_list_unref (attrs);
}

double
sb_pen_get_height (SbPen *pen)
{
  PangoRectangle logical;

  pango_layout_get_extents (pen->layout, NULL, &logical);
  return pango_units_to_double (logical.y + logical.height);
}

void
sb_pen_draw (SbPen  *pen,
             double  x,
             double  y)
{
  if (pen->cr == NULL)
    return;
  cairo_move_to (pen->cr, x, y);
  pango_cairo_show_layout (pen->cr, pen->layout);
}

/* The extent of what the layout holds: its width, its height (as
 * sb_pen_get_height() gives it) and its first baseline. */
SbPenBox
sb_pen_get_box (SbPen *pen)
{
  PangoRectangle logical;

  pango_layout_get_extents (pen->layout, NULL, &logical);
  return (SbPenBox) {
    .width = pango_units_to_double (logical.width),
    .height = pango_units_to_double (logical.y + logical.height),
    .baseline = pango_units_to_double (pango_layout_get_baseline (pen->layout)),
  };
}

/* Where a sheet's header puts its info line: at the right of the name, on
 * its baseline, when @name_is_one_line and both fit @width with two ems
 * between them; else under the name, at the left. Sets (@info_x, @info_y)
 * and returns where the hairline under both goes. */
double
sb_pen_place_header (SbPen          *pen,
                     const SbPenBox *name,
                     const SbPenBox *info,
                     gboolean        name_is_one_line,
                     double          width,
                     double         *info_x,
                     double         *info_y)
{
  double rule_y;

  if (name_is_one_line && name->width + pen->size * 2 + info->width <= width)
    {
      *info_x = width - info->width;
      *info_y = name->baseline - info->baseline;
      rule_y = MAX (name->height, *info_y + info->height);
    }
  else
    {
      *info_x = 0;
      *info_y = name->height + pen->size * 0.1;
      rule_y = *info_y + info->height;
    }
  return rule_y + pen->size * 0.35;
}

/* A hairline @width long at (@x, @y), when the pen draws. */
void
sb_pen_draw_rule (SbPen  *pen,
                  double  x,
                  double  y,
                  double  width)
{
  cairo_t *cr = pen->cr;

  if (cr == NULL)
    return;
  cairo_save (cr);
  cairo_set_source_rgb (cr, ((SB_PEN_RULE >> 16) & 0xff) / 255.0, ((SB_PEN_RULE >> 8) & 0xff) / 255.0,
                        (SB_PEN_RULE & 0xff) / 255.0);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + width, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}
