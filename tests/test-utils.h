/* test-utils.h: shared helpers for Trove's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The header Blender 3.4.1 writes before the catalog lines, byte for byte
 * (blender-catalogs.md §1.2, tests/data/catalogs/manual-example.*). */
#define TROVE_TEST_CATALOG_HEADER                                                                  \
  "# This is an Asset Catalog Definition file for Blender.\n"                                      \
  "#\n"                                                                                            \
  "# Empty lines and lines starting with `#` will be ignored.\n"                                   \
  "# The first non-ignored line should be the version indicator.\n"                                \
  "# Other lines are of the format \"UUID:catalog/path/for/assets:simple catalog name\"\n"         \
  "\n"                                                                                             \
  "VERSION 1\n"                                                                                    \
  "\n"

/* Absolute path of a file under tests/data/ (the committed fixtures). */
char *trove_test_data_path (const char *first_element, ...) G_GNUC_NULL_TERMINATED;

/* A fresh temporary directory; remove it with trove_test_remove_tree(). */
char *trove_test_make_temp_dir (void);
void trove_test_remove_tree (const char *path);

/* Permission tests are meaningless as root (CI runs as root). Call this at
 * the start of such a test: as root it re-runs the test in a subprocess that
 * drops to the "nobody" user and returns FALSE; otherwise it returns TRUE and
 * the test body runs in this process. Read fixtures from the source tree
 * before calling it: "nobody" may not be able to reach that tree (a clone
 * under /root, mode 0700). */
gboolean trove_test_run_unprivileged (void);

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

/* Sorts TroveAssets by ID type then name (the oracle's order within a file). */
void trove_test_sort_assets (GPtrArray *assets);

/* Asserts that @assets (sorted) equal the oracle's assets of one file, field
 * by field. When @expect_copyright is non-NULL every asset must carry it (and
 * @expect_license), as set by the transcoder; otherwise the oracle's values. */
void trove_test_assert_assets_equal (GPtrArray *assets,
                                     JsonArray *expected,
                                     const char *expect_copyright,
                                     const char *expect_license);

/* The oracle's entry for one file, or NULL. */
JsonObject *trove_test_oracle_file (JsonNode *oracle, const char *file);

G_END_DECLS
