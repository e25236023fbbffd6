/* test-catalog-path.c: catalog paths behave as Blender's AssetCatalogPath
 *
 * Ports of Blender's asset_catalog_path_test.cc (blender-catalogs.md §7.3)
 * and of the simple-name cases of asset_catalog_test.cc (§4.9, §7.2).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "trove-catalog-path.h"

static void
assert_cleanup (const char *raw, const char *expected)
{
  g_autofree char *clean = trove_catalog_path_cleanup (raw);

  g_assert_cmpstr (clean, ==, expected);
}

static void
assert_parent (const char *path, const char *expected)
{
  g_autofree char *parent = trove_catalog_path_parent (path);

  g_assert_cmpstr (parent, ==, expected);
}

static void
assert_join (const char *a, const char *b, const char *expected)
{
  g_autofree char *joined = trove_catalog_path_join (a, b);

  g_assert_cmpstr (joined, ==, expected);
}

static void
assert_rebase (const char *path, const char *from, const char *to, const char *expected)
{
  g_autofree char *rebased = trove_catalog_path_rebase (path, from, to);

  g_assert_cmpstr (rebased, ==, expected);
}

static void
assert_simple_name (const char *path, const char *expected)
{
  g_autofree char *name = trove_catalog_path_simple_name (path);

  g_assert_cmpstr (name, ==, expected);
  g_assert_cmpuint (strlen (name), <, 64);
  g_assert_true (g_utf8_validate (name, -1, NULL));
}

/* [test: AssetCatalogPathTest.length]: lengths are bytes. */
static void
test_length (void)
{
  g_assert_cmpuint (strlen ("some/родитель"), ==, 21);
  g_assert_cmpuint (g_utf8_strlen ("some/родитель", -1), ==, 13);
}

/* [test: AssetCatalogPathTest.name] */
static void
test_name (void)
{
  g_assert_cmpstr (trove_catalog_path_name (""), ==, "");
  g_assert_cmpstr (trove_catalog_path_name ("word"), ==, "word");
  g_assert_cmpstr (trove_catalog_path_name ("дорога/в/Пермь"), ==, "Пермь");
  /* Only '/' separates here. */
  g_assert_cmpstr (trove_catalog_path_name ("these/are/not/windows\\paths"), ==, "windows\\paths");
}

/* [test: AssetCatalogPathTest.comparison_operators]: byte order. */
static void
test_compare (void)
{
  g_assert_cmpint (trove_catalog_path_compare ("", "the/path"), <, 0);
  g_assert_cmpint (trove_catalog_path_compare ("the/path", "the/path/child"), <, 0);
  g_assert_cmpint (trove_catalog_path_compare ("the/path", "unrelated/path"), <, 0);
  g_assert_cmpint (trove_catalog_path_compare ("the/path", "the/path"), ==, 0);
  g_assert_cmpint (trove_catalog_path_compare ("", ""), ==, 0);
  g_assert_cmpint (trove_catalog_path_compare ("the/path/child", "the/path"), >, 0);

  /* §1.7: case-sensitive, not natural, separators sort by their bytes, and
   * non-ASCII (UTF-8 lead bytes >= 0xC2) after ASCII. */
  g_assert_cmpint (trove_catalog_path_compare ("Zebra", "apple"), <, 0);
  g_assert_cmpint (trove_catalog_path_compare ("item10", "item2"), <, 0);
  g_assert_cmpint (trove_catalog_path_compare ("a", "a b"), <, 0);
  g_assert_cmpint (trove_catalog_path_compare ("a b", "a-b"), <, 0);
  g_assert_cmpint (trove_catalog_path_compare ("a-b", "a/b"), <, 0);
  g_assert_cmpint (trove_catalog_path_compare ("a/b", "a0"), <, 0);
  g_assert_cmpint (trove_catalog_path_compare ("z", "Ž"), <, 0);
  g_assert_cmpint (trove_catalog_path_compare ("Ž", "z"), >, 0);
}

/* [test: AssetCatalogPathTest.concatenation] */
static void
test_join (void)
{
  assert_join ("some/родитель", "ребенок", "some/родитель/ребенок");
  assert_join ("some/родитель", "ребенок/внук", "some/родитель/ребенок/внук");
  assert_join ("", "child", "child");
  assert_join ("some/родитель", "", "some/родитель");
  assert_join ("", "", "");
  /* No cleanup happens. */
  assert_join ("a/", "/b", "a///b");
}

/* [test: AssetCatalogPathTest.is_contained_in] */
static void
test_is_contained_in (void)
{
  const char *catpath = "simple/path/child";
  g_autofree char *child = trove_catalog_path_join ("some/родитель", "ребенок");
  g_autofree char *grandchild = trove_catalog_path_join ("some/родитель", "ребенок/внук");
  g_autofree char *dotdot = trove_catalog_path_join ("some/родитель", "../../other/hierarchy/part");

  g_assert_false (trove_catalog_path_is_contained_in (catpath, "unrelated"));
  g_assert_false (trove_catalog_path_is_contained_in (catpath, "sim"));
  g_assert_false (trove_catalog_path_is_contained_in (catpath, "simple/pathx"));
  g_assert_false (trove_catalog_path_is_contained_in (catpath, "simple/path/c"));
  g_assert_false (trove_catalog_path_is_contained_in (catpath, "simple/path/child/grandchild"));
  /* Non-normalised paths are not expected to work. */
  g_assert_false (trove_catalog_path_is_contained_in (catpath, "simple/path/"));

  g_assert_true (trove_catalog_path_is_contained_in (catpath, ""));
  g_assert_true (trove_catalog_path_is_contained_in (catpath, "simple"));
  g_assert_true (trove_catalog_path_is_contained_in (catpath, "simple/path"));
  g_assert_true (trove_catalog_path_is_contained_in (catpath, catpath));
  g_assert_true (trove_catalog_path_is_contained_in ("", ""));
  g_assert_false (trove_catalog_path_is_contained_in ("", "simple"));

  g_assert_true (trove_catalog_path_is_contained_in (child, "some/родитель"));
  g_assert_true (trove_catalog_path_is_contained_in (child, "some"));
  g_assert_true (trove_catalog_path_is_contained_in (grandchild, "some/родитель"));
  g_assert_true (trove_catalog_path_is_contained_in (grandchild, child));
  /* ".." has no meaning. */
  g_assert_true (trove_catalog_path_is_contained_in (dotdot, "some/родитель"));
}

/* [test: AssetCatalogPathTest.cleanup], §2.2 */
static void
test_cleanup (void)
{
  assert_cleanup ("/  some /   родитель  / ", "some/родитель");
  assert_cleanup ("some//родитель", "some/родитель");
  assert_cleanup ("some/key:subkey=value/path", "some/key-subkey=value/path");
  assert_cleanup ("windows\\for\\life", "windows/for/life");
  assert_cleanup ("windows\\for/life", "windows/for/life");
  assert_cleanup ("is!/this?/¿valid?", "is!/this?/¿valid?");

  /* The trim set is space, tab, CR and LF only; \v and \f stay. */
  assert_cleanup ("\t a \r\n/\n b\t", "a/b");
  assert_cleanup ("\va\f", "\va\f");
  /* Inner whitespace, ".", "..", "#" and case are kept. */
  assert_cleanup ("./../#Hash/White  Space", "./../#Hash/White  Space");
  /* Empty results. */
  assert_cleanup ("", "");
  assert_cleanup ("/", "");
  assert_cleanup (" / \\ //", "");
  /* A component of only colons is not empty after cleanup. */
  assert_cleanup ("a/::/b", "a/--/b");
  /* create_catalog_path_cleanup (§7.2 #15) */
  assert_cleanup (" /some/path  /  ", "some/path");
}

/* [test: AssetCatalogPathTest.parent] */
static void
test_parent (void)
{
  g_autofree char *p1 = trove_catalog_path_parent ("путь/в/Пермь/долог/и/далек");
  g_autofree char *p2 = trove_catalog_path_parent (p1);
  g_autofree char *p3 = trove_catalog_path_parent (p2);

  assert_parent ("path/with/missing/parents", "path/with/missing");
  g_assert_cmpstr (p1, ==, "путь/в/Пермь/долог/и");
  g_assert_cmpstr (p2, ==, "путь/в/Пермь/долог");
  g_assert_cmpstr (p3, ==, "путь/в/Пермь");
  assert_parent ("one", "");
  assert_parent ("", "");
}

/* [test: AssetCatalogPathTest.rebase] */
static void
test_rebase (void)
{
  const char *path = "some/path/to/some/catalog";

  assert_rebase (path, "some/path", "new/base", "new/base/to/some/catalog");
  assert_rebase (path, "", "new/base", "new/base/some/path/to/some/catalog");
  assert_rebase (path, path, path, path);
  assert_rebase (path, path, "new/base", "new/base");
  /* Not contained: "" means "no". */
  assert_rebase (path, "path/to", "new/base", "");
  assert_rebase (path, "some/pa", "new/base", "");
  /* Empty paths. */
  assert_rebase ("", "path/to", "new/base", "");
  assert_rebase ("", "", "new/base", "new/base");
  assert_rebase ("", "", "", "");
  /* Blender's quirk, kept: empty from and to give "", not the path. */
  assert_rebase (path, "", "", "");
  /* Rebasing to the root. */
  assert_rebase (path, "some/path", "", "to/some/catalog");
}

/* §4.9 and [test: create_first_catalog_from_scratch],
 * [test: create_catalog_simple_name],
 * [test: update_catalog_path_simple_name],
 * [test: update_catalog_path_add_slashes],
 * [test: update_catalog_path_longer_than_simplename] */
static void
test_simple_name (void)
{
  const char *long_path = "this/is/a/very/long/path/that/exceeds/the/simple-name/length/of/assets";
  g_autofree char *long_child = trove_catalog_path_join (long_path, "face");
  g_autofree char *sixty_two = g_strnfill (62, 'x');
  g_autofree char *sixty_three = g_strnfill (63, 'x');
  g_autofree char *dots_sixty = NULL;

  assert_simple_name ("some/catalog/path", "some-catalog-path");
  assert_simple_name ("some/path", "some-path");
  assert_simple_name ("charlib/Ružena", "charlib-Ružena");
  assert_simple_name ("charlib/Ružena/face", "charlib-Ružena-face");
  assert_simple_name ("character/Ružena/poses", "character-Ružena-poses");
  assert_simple_name ("", "");
  assert_simple_name (
      "production/Spite Fright/Characters/Victora/Pose Library/Approved/Body Parts/Hands",
      "...ht-Characters-Victora-Pose Library-Approved-Body Parts-Hands");
  assert_simple_name (long_path, "...very-long-path-that-exceeds-the-simple-name-length-of-assets");
  assert_simple_name (long_child,
                      "...long-path-that-exceeds-the-simple-name-length-of-assets-face");

  /* The boundary: < 63 bytes is kept, 63 is cut to "..." + 60 bytes. */
  assert_simple_name (sixty_two, sixty_two);
  dots_sixty = g_strconcat ("...", sixty_three + 3, NULL);
  assert_simple_name (sixty_three, dots_sixty);
}

/* Where Blender's byte cut would split a UTF-8 sequence, Trove skips the
 * orphaned continuation bytes instead of producing invalid UTF-8. */
static void
test_simple_name_utf8 (void)
{
  g_autofree char *a61 = g_strnfill (61, 'a');
  g_autofree char *a57 = g_strnfill (57, 'a');
  g_autofree char *c59 = g_strnfill (59, 'c');
  g_autofree char *on_boundary = g_strconcat (a61, "Žb", NULL);
  g_autofree char *inside = g_strconcat ("abcŽ", c59, NULL);
  g_autofree char *expected_boundary = g_strconcat ("...", a57, "Žb", NULL);
  g_autofree char *expected_inside = g_strconcat ("...", c59, NULL);

  /* 64 bytes each ("Ž" is 2 bytes), so the last 60 bytes are kept. */
  g_assert_cmpuint (strlen (on_boundary), ==, 64);
  g_assert_cmpuint (strlen (inside), ==, 64);

  /* The cut falls before "Ž": byte-identical to Blender. */
  assert_simple_name (on_boundary, expected_boundary);
  /* The cut falls on the second byte of "Ž": Blender would keep that lone
   * byte; Trove drops it. */
  assert_simple_name (inside, expected_inside);
}

static void
test_depth (void)
{
  g_assert_cmpuint (trove_catalog_path_get_depth (""), ==, 0);
  g_assert_cmpuint (trove_catalog_path_get_depth ("a"), ==, 1);
  g_assert_cmpuint (trove_catalog_path_get_depth ("a/b"), ==, 2);
  g_assert_cmpuint (trove_catalog_path_get_depth ("путь/в/Пермь"), ==, 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog-path/length", test_length);
  g_test_add_func ("/catalog-path/name", test_name);
  g_test_add_func ("/catalog-path/compare", test_compare);
  g_test_add_func ("/catalog-path/join", test_join);
  g_test_add_func ("/catalog-path/is-contained-in", test_is_contained_in);
  g_test_add_func ("/catalog-path/cleanup", test_cleanup);
  g_test_add_func ("/catalog-path/parent", test_parent);
  g_test_add_func ("/catalog-path/rebase", test_rebase);
  g_test_add_func ("/catalog-path/simple-name", test_simple_name);
  g_test_add_func ("/catalog-path/simple-name-utf8", test_simple_name_utf8);
  g_test_add_func ("/catalog-path/depth", test_depth);

  return g_test_run ();
}
