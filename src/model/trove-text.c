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

/**
 * trove_text_strip:
 *
 * Returns a copy of @text without leading and trailing ASCII whitespace, as
 * Blender's StringRef::trim() does.
 */
char *
trove_text_strip (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);
  return g_strstrip (g_strdup (text));
}
