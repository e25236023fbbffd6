/* trove-text.h: small text helpers shared by the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *trove_text_utf8_prefix (const char *text, gsize max_bytes);
gboolean trove_text_is_trim_char (char c);
char *trove_text_trim_in_place (char *text);
char *trove_text_strip (const char *text);

G_END_DECLS
