/* trove-text.c: small text helpers shared by the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-text.h"

#include <string.h>

/**
 * trove_text_utf8_prefix:
 * @text: valid UTF-8
 *
 * Copies at most @max_bytes of @text without splitting a UTF-8 sequence.
 * Blender cuts names to a byte count wherever it falls (BLI_strncpy); Trove
 * keeps what it writes valid UTF-8.
 */
char *
trove_text_utf8_prefix (const char *text, gsize max_bytes)
{
  const char *end = text;

  g_return_val_if_fail (text != NULL, NULL);

  while (*end != '\0')
    {
      const char *next = g_utf8_next_char (end);
      if ((gsize)(next - text) > max_bytes)
        break;
      end = next;
    }
  return g_strndup (text, (gsize)(end - text));
}

/* StringRef::trim()'s default set. Deliberately not g_strstrip(), which would
 * also strip \v and \f (isspace()) and so disagree with Blender. */
#define TRIM_CHARS " \t\r\n"

gboolean
trove_text_is_trim_char (char c)
{
  return c != '\0' && strchr (TRIM_CHARS, c) != NULL;
}

/**
 * trove_text_trim_in_place:
 *
 * Trims @text as Blender's StringRef::trim() does (space, tab, CR, LF), in
 * place: cuts the end, and returns where the text now starts.
 */
char *
trove_text_trim_in_place (char *text)
{
  char *end;

  g_return_val_if_fail (text != NULL, NULL);

  while (trove_text_is_trim_char (*text))
    text++;
  end = text + strlen (text);
  while (end > text && trove_text_is_trim_char (end[-1]))
    end--;
  *end = '\0';
  return text;
}

/**
 * trove_text_strip:
 *
 * Returns: (transfer full): @text trimmed as trove_text_trim_in_place() does
 */
char *
trove_text_strip (const char *text)
{
  g_autofree char *copy = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  copy = g_strdup (text);
  return g_strdup (trove_text_trim_in_place (copy));
}
