/* sb-json-check.c — a strict RFC 8259 syntax check of JSON text
 *
 * json-glib 1.6 is lenient (trailing content, duplicate keys, 1e400,
 * comments, single quotes…) and forgets where things were. This scanner
 * runs over the text first, reports the first fault as file:line:column,
 * and records the line:column of every value by its JSON path, for the
 * messages of a reader that walks json-glib's tree afterwards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-exchange"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>
#include <string.h>

#include "sb-exchange.h"
#include "sb-json-check.h"

/* Deeper nesting than any Storybank file needs; keeps the recursive checks
 * (ours and json-glib's) far from the end of the stack. */
#define MAX_DEPTH 64

typedef struct
{
  const char *p;
  const char *end;
  guint       line;
  guint       column;     /* in characters, 1-based */
  guint       depth;
  const char *filename;
  GString    *path;       /* JSON path of the value being read: stories[2].title */
  GHashTable *positions;  /* path → line << 32 | column */
  GError    **error;
} Scanner;

#define PACK_POSITION(line, column) (((guint64) (line) << 32) | (guint64) (column))

static void
scanner_advance (Scanner *s)
{
  unsigned char c = (unsigned char) *s->p++;

  if (c == '\n')
    {
      s->line++;
      s->column = 1;
    }
  else if ((c & 0xC0) != 0x80)   /* not a UTF-8 continuation byte */
    s->column++;
}

G_GNUC_PRINTF (2, 3)
static gboolean
scanner_fail (Scanner    *s,
              const char *format,
              ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (s->error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_SYNTAX,
               "%s:%u:%u: %s", s->filename, s->line, s->column, reason);
  return FALSE;
}

/* The character at the cursor, quoted for a message. */
static char *
scanner_describe_here (Scanner *s)
{
  if (s->p >= s->end)
    return g_strdup (_("end of file"));
  return g_strdup_printf ("“%.*s”", (int) (g_utf8_next_char (s->p) - s->p), s->p);
}

static void
scanner_skip_whitespace (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    scanner_advance (s);
}

static gboolean
scanner_expect_value (Scanner *s)
{
  g_autofree char *here = scanner_describe_here (s);
  return scanner_fail (s, _("unexpected %s, expected a value"), here);
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
scanner_read_hex4 (Scanner  *s,
                   gunichar *out)
{
  *out = 0;
  for (int i = 0; i < 4; i++)
    {
      int v = s->p < s->end ? hex_value (*s->p) : -1;
      if (v < 0)
        return scanner_fail (s, _("a \\u escape needs four hexadecimal digits"));
      *out = (*out << 4) | (gunichar) v;
      scanner_advance (s);
    }
  return TRUE;
}

/* Reads a string at the cursor (on its opening quote); decodes it into
 * @decoded when not NULL (object keys, to find duplicates). */
static gboolean
scanner_read_string (Scanner *s,
                     GString *decoded)
{
  scanner_advance (s);   /* " */
  for (;;)
    {
      unsigned char c;

      if (s->p >= s->end)
        return scanner_fail (s, _("a string is not closed before the end of the file"));
      c = (unsigned char) *s->p;
      if (c == '"')
        {
          scanner_advance (s);
          return TRUE;
        }
      if (c < 0x20)
        return scanner_fail (s, _("a line break or control character inside a string (write it as \\n, \\t, …)"));
      if (c != '\\')
        {
          const char *next = g_utf8_next_char (s->p);
          if (decoded != NULL)
            g_string_append_len (decoded, s->p, next - s->p);
          while (s->p < next)
            scanner_advance (s);
          continue;
        }

      scanner_advance (s);   /* backslash */
      if (s->p >= s->end)
        return scanner_fail (s, _("a string is not closed before the end of the file"));
      switch (*s->p)
        {
        case '"': case '\\': case '/':
          if (decoded != NULL)
            g_string_append_c (decoded, *s->p);
          scanner_advance (s);
          break;
        case 'b': case 'f': case 'n': case 'r': case 't':
          if (decoded != NULL)
            g_string_append_c (decoded, *s->p == 'b' ? '\b' : *s->p == 'f' ? '\f' :
                                        *s->p == 'n' ? '\n' : *s->p == 'r' ? '\r' : '\t');
          scanner_advance (s);
          break;
        case 'u':
          {
            gunichar ch;

            scanner_advance (s);
            if (!scanner_read_hex4 (s, &ch))
              return FALSE;
            if (ch >= 0xDC00 && ch <= 0xDFFF)
              return scanner_fail (s, _("a \\u escape holds half of a character (a lone low surrogate)"));
            if (ch >= 0xD800 && ch <= 0xDBFF)
              {
                gunichar low;

                if (s->end - s->p < 2 || s->p[0] != '\\' || s->p[1] != 'u')
                  return scanner_fail (s, _("a \\u escape holds half of a character (a lone high surrogate)"));
                scanner_advance (s);
                scanner_advance (s);
                if (!scanner_read_hex4 (s, &low))
                  return FALSE;
                if (low < 0xDC00 || low > 0xDFFF)
                  return scanner_fail (s, _("a \\u escape holds half of a character (a lone high surrogate)"));
                ch = 0x10000 + ((ch - 0xD800) << 10) + (low - 0xDC00);
              }
            if (ch == 0)
              return scanner_fail (s, _("a string contains a NUL character (\\u0000)"));
            if (decoded != NULL)
              g_string_append_unichar (decoded, ch);
          }
          break;
        default:
          {
            g_autofree char *here = scanner_describe_here (s);
            return scanner_fail (s, _("unknown escape \\%s in a string"), here);
          }
        }
    }
}

static gboolean
scanner_read_digits (Scanner *s)
{
  if (s->p >= s->end || !g_ascii_isdigit (*s->p))
    {
      g_autofree char *here = scanner_describe_here (s);
      return scanner_fail (s, _("unexpected %s in a number, expected a digit"), here);
    }
  while (s->p < s->end && g_ascii_isdigit (*s->p))
    scanner_advance (s);
  return TRUE;
}

static gboolean
scanner_read_number (Scanner *s)
{
  const char *start = s->p;
  guint line = s->line, column = s->column;
  g_autofree char *text = NULL;
  double value;

  if (*s->p == '-')
    scanner_advance (s);
  if (s->p < s->end && *s->p == '0')
    {
      scanner_advance (s);
      if (s->p < s->end && g_ascii_isdigit (*s->p))
        return scanner_fail (s, _("a number cannot start with 0"));
    }
  else if (!scanner_read_digits (s))
    return FALSE;
  if (s->p < s->end && *s->p == '.')
    {
      scanner_advance (s);
      if (!scanner_read_digits (s))
        return FALSE;
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      scanner_advance (s);
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        scanner_advance (s);
      if (!scanner_read_digits (s))
        return FALSE;
    }

  text = g_strndup (start, s->p - start);
  value = g_ascii_strtod (text, NULL);
  /* json-glib turns an integer past 64 bits into a wrong number without a
   * word, and a number past the double range into infinity. */
  if (!isfinite (value) ||
      (strpbrk (text, ".eE") == NULL && !g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, NULL, NULL)))
    {
      s->line = line;
      s->column = column;
      return scanner_fail (s, _("the number %s is too large"), text);
    }
  return TRUE;
}

static gboolean
scanner_read_word (Scanner *s)
{
  static const char * const words[] = { "true", "false", "null" };
  const char *start = s->p;
  const char *stop = s->p;
  g_autofree char *word = NULL;

  while (stop < s->end && g_ascii_isalnum (*stop))
    stop++;
  word = g_strndup (start, stop - start);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (word, words[i]) == 0)
      {
        while (s->p < stop)
          scanner_advance (s);
        return TRUE;
      }
  return scanner_fail (s, _("unexpected “%s”, expected a value"), word);
}

static gboolean scanner_read_value (Scanner *s);

static gboolean
scanner_read_object (Scanner *s)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gsize path_len = s->path->len;

  scanner_advance (s);   /* { */
  scanner_skip_whitespace (s);
  if (s->p < s->end && *s->p == '}')
    {
      scanner_advance (s);
      return TRUE;
    }

  for (;;)
    {
      g_autoptr(GString) key = g_string_new (NULL);
      guint key_line = s->line, key_column = s->column;

      if (s->p >= s->end || *s->p != '"')
        {
          g_autofree char *here = scanner_describe_here (s);
          return scanner_fail (s, _("unexpected %s, expected a key in double quotes"), here);
        }
      if (!scanner_read_string (s, key))
        return FALSE;
      if (g_hash_table_contains (keys, key->str))
        {
          s->line = key_line;
          s->column = key_column;
          if (path_len == 0)
            return scanner_fail (s, _("the key “%s” appears twice in the top-level object"), key->str);
          return scanner_fail (s, _("the key “%s” appears twice in %s"), key->str, s->path->str);
        }

      scanner_skip_whitespace (s);
      if (s->p >= s->end || *s->p != ':')
        {
          g_autofree char *here = scanner_describe_here (s);
          return scanner_fail (s, _("unexpected %s, expected “:” after the key"), here);
        }
      scanner_advance (s);

      if (path_len > 0)
        g_string_append_c (s->path, '.');
      g_string_append (s->path, key->str);
      g_hash_table_add (keys, g_string_free (g_steal_pointer (&key), FALSE));
      if (!scanner_read_value (s))
        return FALSE;
      g_string_truncate (s->path, path_len);

      scanner_skip_whitespace (s);
      if (s->p < s->end && *s->p == ',')
        {
          scanner_advance (s);
          scanner_skip_whitespace (s);
          continue;
        }
      if (s->p < s->end && *s->p == '}')
        {
          scanner_advance (s);
          return TRUE;
        }
      {
        g_autofree char *here = scanner_describe_here (s);
        return scanner_fail (s, _("unexpected %s, expected “,” or “}”"), here);
      }
    }
}

static gboolean
scanner_read_array (Scanner *s)
{
  gsize path_len = s->path->len;

  scanner_advance (s);   /* [ */
  scanner_skip_whitespace (s);
  if (s->p < s->end && *s->p == ']')
    {
      scanner_advance (s);
      return TRUE;
    }

  for (guint index = 0;; index++)
    {
      g_string_append_printf (s->path, "[%u]", index);
      if (!scanner_read_value (s))
        return FALSE;
      g_string_truncate (s->path, path_len);

      scanner_skip_whitespace (s);
      if (s->p < s->end && *s->p == ',')
        {
          scanner_advance (s);
          continue;
        }
      if (s->p < s->end && *s->p == ']')
        {
          scanner_advance (s);
          return TRUE;
        }
      {
        g_autofree char *here = scanner_describe_here (s);
        return scanner_fail (s, _("unexpected %s, expected “,” or “]”"), here);
      }
    }
}

static gboolean
scanner_read_value (Scanner *s)
{
  gboolean ok;

  scanner_skip_whitespace (s);
  if (s->p >= s->end)
    return scanner_expect_value (s);

  g_hash_table_replace (s->positions, g_strdup (s->path->str),
                        g_memdup2 (&(guint64) { PACK_POSITION (s->line, s->column) }, sizeof (guint64)));

  switch (*s->p)
    {
    case '{':
    case '[':
      if (++s->depth > MAX_DEPTH)
        return scanner_fail (s, _("the data is nested too deeply"));
      ok = *s->p == '{' ? scanner_read_object (s) : scanner_read_array (s);
      s->depth--;
      return ok;
    case '"':
      return scanner_read_string (s, NULL);
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return scanner_read_number (s);
    default:
      if (g_ascii_isalpha (*s->p))
        return scanner_read_word (s);
      return scanner_expect_value (s);
    }
}

/* Checks that @data is exactly one well-formed JSON value, and fills
 * @positions (path → packed line/column) for later messages. */
gboolean
sb_json_check_syntax (const char  *data,
                      gsize        length,
                      const char  *filename,
                      GHashTable  *positions,
                      GError     **error)
{
  g_autoptr(GString) path = g_string_new (NULL);
  Scanner s = { data, data + length, 1, 1, 0, filename, path, positions, error };
  const char *invalid = NULL;

  if (!g_utf8_validate_len (data, length, &invalid))
    {
      while (s.p < invalid)
        scanner_advance (&s);
      return scanner_fail (&s, _("the file is not UTF-8 text"));
    }

  scanner_skip_whitespace (&s);
  if (s.p >= s.end)
    return scanner_fail (&s, _("the file is empty, expected a Storybank JSON object"));
  if (!scanner_read_value (&s))
    return FALSE;
  scanner_skip_whitespace (&s);
  if (s.p < s.end)
    {
      g_autofree char *here = scanner_describe_here (&s);
      return scanner_fail (&s, _("unexpected %s after the end of the JSON data"), here);
    }
  return TRUE;
}
