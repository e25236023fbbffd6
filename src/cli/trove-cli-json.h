/* trove-cli-json.h: streaming JSON output for trove-cli
 *
 * `list --json` writes one object per asset, 10,000 or more. Building a
 * json-glib tree for that cost a fifth of the whole run (0.1 s of 0.5 s on
 * the benchmark library), so the CLI appends JSON text directly. The tests
 * parse every output with json-glib, an independent parser.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void trove_cli_json_string (GString *out, const char *value);
void trove_cli_json_string_or_null (GString *out, const char *value);
void trove_cli_json_member (GString *out, gboolean first, const char *name);

G_END_DECLS
