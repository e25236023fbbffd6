/* test-utils.h: shared helpers for Trove's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Absolute path of a file under tests/data/ (the committed fixtures). */
char *trove_test_data_path (const char *first_element, ...) G_GNUC_NULL_TERMINATED;

/* A fresh temporary directory; remove it with trove_test_remove_tree(). */
char *trove_test_make_temp_dir (void);
void trove_test_remove_tree (const char *path);

/* Reads a whole file (asserting success). */
GBytes *trove_test_read_file (const char *path);
void trove_test_write_file (const char *path, const void *data, gsize length);
void trove_test_copy_file (const char *src, const char *dest);

/* Parses a JSON file (asserting success). */
JsonNode *trove_test_load_json (const char *path);

/* Decodes an 8-bit RGB or RGBA PNG (any filter, no interlace) to RGBA8,
 * rows top-down. A deliberately small, independent decoder, so that the
 * tests do not check Trove's PNG writer with itself. */
GBytes *trove_test_decode_png (GBytes *png, guint *width, guint *height);

/* Hex SHA-256 of a byte buffer. */
char *trove_test_sha256 (GBytes *bytes);

G_END_DECLS
