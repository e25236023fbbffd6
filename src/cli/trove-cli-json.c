/* trove-cli-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-cli-json.h"

/* Appends @value as a JSON string (RFC 8259). The model hands out valid
 * UTF-8 only; any invalid byte is replaced rather than copied. */
void
trove_cli_json_string (GString *out, const char *value)
{
  g_autofree char *valid = NULL;

  if (!g_utf8_validate (value, -1, NULL))
    value = valid = g_utf8_make_valid (value, -1);

  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *)value; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char)*p);
        }
    }
  g_string_append_c (out, '"');
}

void
trove_cli_json_string_or_null (GString *out, const char *value)
{
  if (value == NULL)
    g_string_append (out, "null");
  else
    trove_cli_json_string (out, value);
}

/* Appends `"name": ` (after a comma unless @first). */
void
trove_cli_json_member (GString *out, gboolean first, const char *name)
{
  if (!first)
    g_string_append (out, ", ");
  trove_cli_json_string (out, name);
  g_string_append (out, ": ");
}
