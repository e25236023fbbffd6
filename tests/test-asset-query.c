/* test-asset-query.c: the search entry's query and the grid's sort orders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "trove-asset-query.h"
#include "trove-catalog-path.h"

#define NIL_UUID "00000000-0000-0000-0000-000000000000"
#define UUID_PROPS "11111111-1111-4111-8111-111111111111"
#define UUID_WOOD "22222222-2222-4222-8222-222222222222"
#define UUID_WOOD_ALIAS "22222222-0000-4222-8222-222222222222"
#define UUID_DARK "33333333-3333-4333-8333-333333333333"
#define UUID_EXTRA "44444444-4444-4444-8444-444444444444"
#define UUID_RUZENA "55555555-5555-4555-8555-555555555555"
#define UUID_CRATES_2 "66666666-6666-4666-8666-666666666666"
#define UUID_CRATES_10 "77777777-7777-4777-8777-777777777777"
#define UUID_UNKNOWN "8e64a4c4-5b0e-4c8c-8bd5-2c1b7c9d1f00"

/* Implicit parent "Props/Wood" gets a node but the alias shares it. */
static const char catalogs_text[]
    = "VERSION 1\n" UUID_PROPS ":Props:Props\n" UUID_WOOD ":Props/Wood:Props-Wood\n" UUID_WOOD_ALIAS
      ":Props/Wood:Wood alias\n" UUID_DARK ":Props/Wood/Dark:Props-Wood-Dark\n" UUID_EXTRA
      ":Props Extra:Props Extra\n" UUID_RUZENA ":Ružena/Poses:Ružena-Poses\n" UUID_CRATES_2
      ":Crates 2:Crates 2\n" UUID_CRATES_10 ":crates 10:crates 10\n";

/* ---------------------------------------------------------------------------
 * Helpers
 */

/* A TroveAsset with the given (construct-only) properties. */
static TroveAsset *asset_new (const char *first_property, ...) G_GNUC_NULL_TERMINATED;

static TroveAsset *
asset_new (const char *first_property, ...)
{
  TroveAsset *asset;
  va_list args;

  va_start (args, first_property);
  asset = TROVE_ASSET (g_object_new_valist (TROVE_TYPE_ASSET, first_property, args));
  va_end (args);
  return asset;
}

static TroveAsset *
named (const char *id_type, const char *name)
{
  return asset_new ("id-type", id_type, "name", name, NULL);
}

static gboolean
query_matches (const char *text, TroveAsset *asset)
{
  g_autoptr (TroveAssetQuery) query = trove_asset_query_parse (text);

  return trove_asset_query_matches (query, asset, NULL);
}

static gboolean
query_matches_path (const char *text, TroveAsset *asset, const char *path)
{
  g_autoptr (TroveAssetQuery) query = trove_asset_query_parse (text);

  return trove_asset_query_matches (query, asset, path);
}

static gboolean
query_implies (const char *a, const char *b)
{
  g_autoptr (TroveAssetQuery) qa = trove_asset_query_parse (a);
  g_autoptr (TroveAssetQuery) qb = trove_asset_query_parse (b);

  return trove_asset_query_implies (qa, qb);
}

static TroveCatalogTree *
make_tree (void)
{
  g_autoptr (GFile) file = g_file_new_for_path ("/nonexistent/trove-test/blender_assets.cats.txt");
  g_autoptr (TroveCatalogFile) catalogs
      = trove_catalog_file_new_from_data (file, catalogs_text, strlen (catalogs_text));

  g_assert_null (trove_catalog_file_get_error (catalogs));
  return trove_catalog_tree_new (catalogs);
}

static int
sign (int value)
{
  return (value > 0) - (value < 0);
}

typedef int (*AssetCompareFunc) (TroveAsset *a, TroveAsset *b, gpointer tree);

static int
by_name (TroveAsset *a, TroveAsset *b, gpointer tree)
{
  return trove_asset_compare_by_name (a, b);
}

static int
by_catalog (TroveAsset *a, TroveAsset *b, gpointer tree)
{
  return trove_asset_compare_by_catalog (a, b, tree);
}

static int
by_file (TroveAsset *a, TroveAsset *b, gpointer tree)
{
  return trove_asset_compare_by_file (a, b);
}

static int
by_modified (TroveAsset *a, TroveAsset *b, gpointer tree)
{
  return trove_asset_compare_by_modified (a, b);
}

typedef struct
{
  AssetCompareFunc func;
  gpointer tree;
} SortClosure;

static int
sort_cb (gconstpointer a, gconstpointer b, gpointer user_data)
{
  SortClosure *closure = user_data;

  return closure->func (*(TroveAsset **)a, *(TroveAsset **)b, closure->tree);
}

static void
sort_assets (GPtrArray *assets, AssetCompareFunc func, gpointer tree)
{
  SortClosure closure = { func, tree };

  g_ptr_array_sort_with_data (assets, sort_cb, &closure);
}

static gboolean
same_data_block (TroveAsset *a, TroveAsset *b)
{
  return strcmp (trove_asset_get_file (a), trove_asset_get_file (b)) == 0
         && strcmp (trove_asset_get_id_type (a), trove_asset_get_id_type (b)) == 0
         && strcmp (trove_asset_get_name (a), trove_asset_get_name (b)) == 0;
}

/* Antisymmetric, transitive, 0 only for the same data-block: what a sort
 * model needs to be deterministic. Brute force over all triples. */
static void
assert_total_order (GPtrArray *assets, AssetCompareFunc func, gpointer tree)
{
  guint n = assets->len;

  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        TroveAsset *a = assets->pdata[i];
        TroveAsset *b = assets->pdata[j];
        int ab = sign (func (a, b, tree));

        g_assert_cmpint (ab, ==, -sign (func (b, a, tree)));
        g_assert_cmpint (ab == 0, ==, same_data_block (a, b));
        for (guint k = 0; k < n; k++)
          if (ab <= 0 && sign (func (b, assets->pdata[k], tree)) <= 0)
            g_assert_cmpint (func (a, assets->pdata[k], tree), <=, 0);
      }
}

/* Sorts @assets (in several starting orders) and checks the names. */
static void
assert_sorted_names (GPtrArray *assets,
                     AssetCompareFunc func,
                     gpointer tree,
                     const char *const *expected)
{
  assert_total_order (assets, func, tree);

  for (guint round = 0; round < 2; round++)
    {
      /* Reversed input the second time: the result must not depend on it. */
      if (round == 1)
        for (guint i = 0; i < assets->len / 2; i++)
          {
            gpointer tmp = assets->pdata[i];

            assets->pdata[i] = assets->pdata[assets->len - 1 - i];
            assets->pdata[assets->len - 1 - i] = tmp;
          }

      sort_assets (assets, func, tree);
      g_assert_cmpuint (assets->len, ==, g_strv_length ((char **)expected));
      for (guint i = 0; i < assets->len; i++)
        g_assert_cmpstr (trove_asset_get_name (assets->pdata[i]), ==, expected[i]);
    }
}

/* ---------------------------------------------------------------------------
 * Parsing
 */

static void
test_parse_empty (void)
{
  const char *const empty[] = {
    "",     "  \t\n ",  "tag:",      "author:",         "type:",      "catalog:", "-",  "- -",
    "\"\"", "tag:\"\"", "catalog:/", "catalog:\" / \"", "type:\" \"", "-tag:",    "\"",
  };
  g_autoptr (TroveAsset) asset = named ("MA", "Anything");
  g_autoptr (TroveAssetQuery) null_query = trove_asset_query_parse (NULL);

  g_assert_true (trove_asset_query_is_empty (null_query));
  g_assert_true (trove_asset_query_matches (null_query, asset, NULL));

  for (gsize i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      g_autoptr (TroveAssetQuery) query = trove_asset_query_parse (empty[i]);
      g_autofree char *escaped = g_strescape (empty[i], NULL);

      g_test_message ("query: '%s'", escaped);
      g_assert_true (trove_asset_query_is_empty (query));
      g_assert_true (trove_asset_query_matches (query, asset, NULL));
      g_assert_true (trove_asset_query_matches (query, asset, "Some/Catalog"));
    }

  {
    g_autoptr (TroveAssetQuery) query = trove_asset_query_parse ("x");
    g_assert_false (trove_asset_query_is_empty (query));
  }
}

static void
test_parse_quotes (void)
{
  g_autoptr (TroveAsset) old_crate = named ("OB", "Old Crate");
  g_autoptr (TroveAsset) crate_old = named ("OB", "Crate (old)");
  g_autoptr (TroveAsset) dark_wood = asset_new ("id-type", "MA", "name", "Plank", "tags",
                                                (const char *const[]){ "Dark Wood", NULL }, NULL);
  g_autoptr (TroveAsset) dark_and_wood
      = asset_new ("id-type", "MA", "name", "Plank", "tags",
                   (const char *const[]){ "wood", "dark", NULL }, NULL);

  /* Quotes group words; without them, each word is a term. */
  g_assert_true (query_matches ("\"old crate\"", old_crate));
  g_assert_false (query_matches ("\"old crate\"", crate_old));
  g_assert_true (query_matches ("old crate", old_crate));
  g_assert_true (query_matches ("old crate", crate_old));

  /* Quotes may be anywhere in a term; an unterminated quote runs to the end. */
  g_assert_true (query_matches ("ol\"d c\"rate", old_crate));
  g_assert_true (query_matches ("\"old cr", old_crate));
  g_assert_false (query_matches ("\"old cr", crate_old));
  g_assert_true (query_matches ("\"\"old", old_crate));

  /* Keyed values can be quoted. */
  g_assert_true (query_matches ("tag:\"dark wood\"", dark_wood));
  g_assert_false (query_matches ("tag:\"dark wood\"", dark_and_wood));
  g_assert_true (query_matches ("tag:dark tag:wood", dark_and_wood));
  g_assert_true (query_matches ("tag:dark\" \"wood", dark_wood));

  /* Any white space separates terms. */
  g_assert_true (query_matches ("\told\n\u00a0crate  ", crate_old));
}

static void
test_parse_keys (void)
{
  g_autoptr (TroveAsset) url = named ("OB", "foo:bar http://x");
  g_autoptr (TroveAsset) tagged = asset_new ("id-type", "OB", "name", "Crate", "tags",
                                             (const char *const[]){ "Wood", NULL }, NULL);
  g_autoptr (TroveAsset) literal = asset_new ("id-type", "OB", "name", "tag:wood", "tags",
                                              (const char *const[]){ "metal", NULL }, NULL);

  /* Unknown keys are free text, colon included. */
  g_assert_true (query_matches ("foo:bar", url));
  g_assert_true (query_matches ("http://x", url));
  g_assert_false (query_matches ("foo:baz", url));
  g_assert_false (query_matches ("foo:bar", tagged));
  g_assert_true (query_matches (":bar", url));

  /* Keys are case-insensitive. */
  g_assert_true (query_matches ("tag:wood", tagged));
  g_assert_true (query_matches ("TAG:wood", tagged));
  g_assert_true (query_matches ("Tag:WOOD", tagged));
  g_assert_false (query_matches ("tag:crate", tagged));

  /* A quoted colon is not a key: the term is free text. */
  g_assert_true (query_matches ("\"tag:wood\"", literal));
  g_assert_false (query_matches ("\"tag:wood\"", tagged));
  g_assert_true (query_matches ("\"tag\":wood", literal));
  g_assert_false (query_matches ("tag:wood", literal));

  /* Only the first colon separates the key. */
  {
    g_autoptr (TroveAsset) studio = asset_new ("id-type", "OB", "author", "Studio a:b", NULL);

    g_assert_true (query_matches ("author:a:b", studio));
    g_assert_false (query_matches ("author:b:a", studio));
  }
}

static void
test_boxed (void)
{
  g_autoptr (TroveAssetQuery) query = trove_asset_query_parse ("wood");
  TroveAssetQuery *copy;
  GValue value = G_VALUE_INIT;

  g_assert_true (G_TYPE_IS_BOXED (TROVE_TYPE_ASSET_QUERY));

  copy = g_boxed_copy (TROVE_TYPE_ASSET_QUERY, query);
  g_assert_true (copy == query); /* immutable: a copy is a reference */
  g_boxed_free (TROVE_TYPE_ASSET_QUERY, copy);

  g_value_init (&value, TROVE_TYPE_ASSET_QUERY);
  g_value_set_boxed (&value, query);
  g_assert_true (g_value_get_boxed (&value) == query);
  g_value_unset (&value);

  g_assert_false (trove_asset_query_is_empty (query));
}

/* ---------------------------------------------------------------------------
 * Terms
 */

static TroveAsset *
full_asset (void)
{
  return asset_new ("id-type", "MA", "name", "Oak Plank", "tags",
                    (const char *const[]){ "Furniture", "Brown", NULL }, "description",
                    "A weathered board", "author", "Jan Novak", "copyright", "Trove Studios",
                    "license", "CC-BY", "file", "materials/planks.blend", "catalog-id", UUID_WOOD,
                    NULL);
}

static void
test_free_text (void)
{
  g_autoptr (TroveAsset) asset = full_asset ();

  g_assert_true (query_matches ("plank", asset));     /* name */
  g_assert_true (query_matches ("urnit", asset));     /* a tag */
  g_assert_true (query_matches ("BROWN", asset));     /* another tag */
  g_assert_true (query_matches ("weathered", asset)); /* description */
  g_assert_true (query_matches ("novak", asset));     /* author */

  /* Not copyright, license, file, type or catalog. */
  g_assert_false (query_matches ("studios", asset));
  g_assert_false (query_matches ("cc-by", asset));
  g_assert_false (query_matches ("planks.blend", asset));
  g_assert_false (query_matches ("material", asset));
  g_assert_false (query_matches ("MA", asset));
  g_assert_false (query_matches ("wood", asset));

  /* Substrings do not cross fields. */
  g_assert_false (query_matches ("plankfurniture", asset));
  g_assert_false (query_matches ("furniturebrown", asset));
}

static void
test_keyed_terms (void)
{
  g_autoptr (TroveAsset) asset = full_asset ();

  /* tag: any one tag, by substring. */
  g_assert_true (query_matches ("tag:furniture", asset));
  g_assert_true (query_matches ("tag:rown", asset));
  g_assert_false (query_matches ("tag:plank", asset));
  g_assert_false (query_matches ("tag:novak", asset));
  g_assert_false (query_matches ("tag:\"furniture brown\"", asset));

  /* author: the author only. */
  g_assert_true (query_matches ("author:jan", asset));
  g_assert_true (query_matches ("author:\"jan novak\"", asset));
  g_assert_false (query_matches ("author:plank", asset));
  g_assert_false (query_matches ("author:studios", asset));

  /* An asset without tags or author. */
  {
    g_autoptr (TroveAsset) bare = named ("MA", "Bare");

    g_assert_false (query_matches ("tag:a", bare));
    g_assert_false (query_matches ("author:a", bare));
    g_assert_true (query_matches ("-tag:a", bare));
  }
}

static void
test_and_not (void)
{
  g_autoptr (TroveAsset) asset = full_asset ();

  /* Every term must match, each anywhere. */
  g_assert_true (query_matches ("oak furniture", asset));
  g_assert_true (query_matches ("furniture oak jan weathered", asset));
  g_assert_false (query_matches ("oak pine", asset));
  g_assert_false (query_matches ("pine oak", asset));
  g_assert_true (query_matches ("oak tag:brown author:novak type:ma", asset));
  g_assert_false (query_matches ("oak tag:brown author:novak type:ob", asset));

  /* A leading '-' negates. */
  g_assert_false (query_matches ("-oak", asset));
  g_assert_true (query_matches ("-pine", asset));
  g_assert_true (query_matches ("oak -pine", asset));
  g_assert_false (query_matches ("pine -oak", asset));
  g_assert_false (query_matches ("-tag:brown", asset));
  g_assert_true (query_matches ("-tag:oak", asset)); /* "oak" is no tag */
  g_assert_false (query_matches ("-\"oak plank\"", asset));
  g_assert_true (query_matches ("-\"plank oak\"", asset));
  g_assert_false (query_matches ("-type:material", asset));
  g_assert_true (query_matches ("-type:object", asset));

  /* A quoted '-' is text; "--x" looks for "-x". */
  {
    g_autoptr (TroveAsset) dashed = named ("OB", "Crate-old");

    g_assert_true (query_matches ("\"-old\"", dashed));
    g_assert_false (query_matches ("\"-old\"", asset));
    g_assert_false (query_matches ("--old", dashed));
    g_assert_true (query_matches ("--old", asset));
  }
}

static void
test_unicode (void)
{
  g_autoptr (TroveAsset) ruzena = named ("AC", "Ružena Smile");
  /* The same name with a decomposed "ž" (z + combining caron). */
  g_autoptr (TroveAsset) ruzena_nfd = named ("AC", "Ruz\u030Cena Smile");
  g_autoptr (TroveAsset) strasse = named ("OB", "Straße");
  g_autoptr (TroveAsset) sisyphus = named ("OB", "ΣΊΣΥΦΟΣ");
  g_autoptr (TroveAsset) kelvin = named ("OB", "\u212A-Probe"); /* Kelvin sign */
  g_autoptr (TroveAsset) cafe_nfd = named ("OB", "Cafe\u0301 Table");
  g_autoptr (TroveAsset) cafe_nfc = named ("OB", "Café Table");
  g_autoptr (TroveAsset) ascii = named ("OB", "Cafe Table");

  /* Case-insensitive beyond ASCII, accent-sensitive. */
  g_assert_true (query_matches ("RUŽENA", ruzena));
  g_assert_true (query_matches ("ruž", ruzena));
  g_assert_false (query_matches ("ruzena", ruzena));

  /* Precomposed and decomposed forms are the same text. */
  g_assert_true (query_matches ("ruž", ruzena_nfd));
  g_assert_true (query_matches ("RUZ\u030C", ruzena));
  g_assert_false (query_matches ("ruzena", ruzena_nfd));
  g_assert_true (query_matches ("smile", ruzena_nfd));

  /* Full case folding: ß is ss, final sigma is sigma. */
  g_assert_true (query_matches ("strasse", strasse));
  g_assert_true (query_matches ("STRASSE", strasse));
  g_assert_true (query_matches ("σίσυφος", sisyphus));

  /* Non-ASCII haystack characters can fold to ASCII. */
  g_assert_true (query_matches ("k-probe", kelvin));

  /* An ASCII needle must not match half of a decomposed letter. */
  g_assert_false (query_matches ("cafe", cafe_nfd));
  g_assert_true (query_matches ("café", cafe_nfd));
  g_assert_true (query_matches ("caf", cafe_nfd));
  g_assert_true (query_matches ("table", cafe_nfd));
  g_assert_true (query_matches ("CAFÉ", cafe_nfc));
  g_assert_false (query_matches ("cafe", cafe_nfc));
  g_assert_false (query_matches ("café", ascii));
  g_assert_true (query_matches ("cafe", ascii));

  /* Invalid UTF-8 does not crash either side. */
  g_assert_false (query_matches ("\xff\xfe", ascii));
  {
    g_autoptr (TroveAsset) broken = named ("OB", "Bad\xc3");

    g_assert_true (query_matches ("bad", broken));
    g_assert_false (query_matches ("ž", broken));
  }
}

/* ---------------------------------------------------------------------------
 * Types
 */

static void
test_type_term (void)
{
  g_autoptr (TroveAsset) material = named ("MA", "A");
  g_autoptr (TroveAsset) mask = named ("MS", "A");
  g_autoptr (TroveAsset) object = named ("OB", "A");
  g_autoptr (TroveAsset) node_group = named ("NT", "A");
  g_autoptr (TroveAsset) collection = named ("GR", "A");
  g_autoptr (TroveAsset) light = named ("LA", "A");
  g_autoptr (TroveAsset) library = named ("LI", "A");
  g_autoptr (TroveAsset) mesh = named ("ME", "A");
  g_autoptr (TroveAsset) action = named ("AC", "A");
  g_autoptr (TroveAsset) future = named ("ZZ", "A");

  /* Two-letter codes, any case. */
  g_assert_true (query_matches ("type:MA", material));
  g_assert_true (query_matches ("type:ma", material));
  g_assert_true (query_matches ("TYPE:Ob", object));
  g_assert_false (query_matches ("type:ma", object));

  /* Prefixes of the name, spaces ignored. */
  g_assert_true (query_matches ("type:material", material));
  g_assert_true (query_matches ("type:MAT", material));
  g_assert_false (query_matches ("type:mat", mask));
  g_assert_false (query_matches ("type:materials", material));
  g_assert_true (query_matches ("type:node", node_group));
  g_assert_true (query_matches ("type:nodegroup", node_group));
  g_assert_true (query_matches ("type:\"node group\"", node_group));
  g_assert_true (query_matches ("type:node-group", node_group));
  g_assert_true (query_matches ("type:collection", collection));
  g_assert_true (query_matches ("type:act", action));
  g_assert_true (query_matches ("type:mesh", mesh));
  g_assert_false (query_matches ("type:mesh", material));

  /* Aliases. */
  g_assert_true (query_matches ("type:group", node_group));
  g_assert_false (query_matches ("type:group", collection));
  g_assert_true (query_matches ("type:nodetree", node_group));
  g_assert_true (query_matches ("type:lamp", light));
  g_assert_true (query_matches ("type:pose", action));

  /* A code can also be a prefix of other names: all of them match. */
  g_assert_true (query_matches ("type:ma", mask));
  g_assert_true (query_matches ("type:li", library));
  g_assert_true (query_matches ("type:li", light));
  g_assert_false (query_matches ("type:li", mesh));
  g_assert_true (query_matches ("type:me", mesh));

  /* Unknown codes still find their assets; unknown names find nothing. */
  g_assert_true (query_matches ("type:zz", future));
  g_assert_false (query_matches ("type:zz", material));
  g_assert_false (query_matches ("type:xyz", material));
  g_assert_false (query_matches ("type:xyz", future));
  g_assert_false (query_matches ("type:m", future));
}

static void
test_type_names (void)
{
  /* Every ID code of blend-format.md §2 (but the ID/SN pseudo-codes). */
  const char *const codes[] = {
    "SC", "LI", "OB", "ME", "CU", "MB", "MA", "TE", "IM", "LT", "LA", "CA", "KE", "WO",
    "SR", "VF", "TX", "SK", "SO", "GR", "AR", "AC", "NT", "BR", "PA", "GD", "WM", "MC",
    "MS", "LS", "PL", "PC", "CF", "WS", "LP", "CV", "PT", "VO", "GP", "IP",
  };
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *unknown = "ZZ";

  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      const char *name = trove_asset_type_name (codes[i]);
      g_autoptr (TroveAsset) asset = named (codes[i], "A");
      g_autofree char *by_name = g_strdup_printf ("type:\"%s\"", name);
      g_autofree char *by_code = g_strdup_printf ("type:%s", codes[i]);

      g_test_message ("%s: %s", codes[i], name);
      g_assert_nonnull (name);
      g_assert_cmpstr (name, !=, codes[i]);
      g_assert_cmpuint (strlen (name), >, 2);
      g_assert_false (g_hash_table_contains (seen, name));
      g_hash_table_add (seen, (gpointer)name);

      /* What the grid shows can be typed back. */
      g_assert_true (query_matches (by_name, asset));
      g_assert_true (query_matches (by_code, asset));
    }

  g_assert_cmpstr (trove_asset_type_name ("MA"), ==, "Material");
  g_assert_cmpstr (trove_asset_type_name ("OB"), ==, "Object");
  g_assert_cmpstr (trove_asset_type_name ("NT"), ==, "Node Group");
  g_assert_cmpstr (trove_asset_type_name ("GR"), ==, "Collection");
  g_assert_cmpstr (trove_asset_type_name ("AC"), ==, "Action");
  g_assert_cmpstr (trove_asset_type_name ("WO"), ==, "World");
  g_assert_cmpstr (trove_asset_type_name ("BR"), ==, "Brush");
  g_assert_cmpstr (trove_asset_type_name ("ME"), ==, "Mesh");
  g_assert_cmpstr (trove_asset_type_name ("IM"), ==, "Image");
  g_assert_cmpstr (trove_asset_type_name ("TE"), ==, "Texture");
  g_assert_cmpstr (trove_asset_type_name ("LA"), ==, "Light");
  g_assert_cmpstr (trove_asset_type_name ("CA"), ==, "Camera");

  g_assert_true (trove_asset_type_name (unknown) == unknown);
  g_assert_cmpstr (trove_asset_type_name ("ma"), ==, "ma"); /* codes are upper case */
  g_assert_cmpstr (trove_asset_type_name (""), ==, "");
}

/* ---------------------------------------------------------------------------
 * Catalogs
 */

static void
test_catalog_term (void)
{
  g_autoptr (TroveCatalogTree) tree = make_tree ();
  struct
  {
    const char *uuid;
    const char *name;
  } specs[] = {
    { UUID_PROPS, "props" },    { UUID_WOOD, "wood" },       { UUID_WOOD_ALIAS, "alias" },
    { UUID_DARK, "dark" },      { UUID_EXTRA, "extra" },     { UUID_RUZENA, "ruzena" },
    { NIL_UUID, "unassigned" }, { UUID_UNKNOWN, "unknown" },
  };
  struct
  {
    const char *query;
    const char *expected; /* names of the matching assets, in spec order */
  } cases[] = {
    { "catalog:props", "props wood alias dark" },
    { "catalog:Props", "props wood alias dark" },
    { "CATALOG:PROPS/wood", "wood alias dark" },
    { "catalog:\" props / wood \"", "wood alias dark" },
    { "catalog:props\\wood", "wood alias dark" },
    { "catalog:props/wood/", "wood alias dark" },
    { "catalog:props/wood/dark", "dark" },
    { "catalog:prop", "" },
    { "catalog:wood", "" },
    { "catalog:\"props extra\"", "extra" },
    { "catalog:props/woo", "" },
    { "catalog:ružena", "ruzena" },
    { "catalog:RUŽENA/POSES", "ruzena" },
    { "catalog:ruzena", "" },
    { "-catalog:props", "extra ruzena unassigned unknown" },
    { "catalog:props -catalog:props/wood/dark", "props wood alias" },
    { "catalog:props wood", "wood" },
  };
  g_autoptr (GPtrArray) assets = g_ptr_array_new_with_free_func (g_object_unref);

  for (gsize i = 0; i < G_N_ELEMENTS (specs); i++)
    g_ptr_array_add (assets, asset_new ("id-type", "OB", "name", specs[i].name, "catalog-id",
                                        specs[i].uuid, NULL));

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (TroveAssetQuery) query = trove_asset_query_parse (cases[c].query);
      g_autoptr (GString) found = g_string_new (NULL);
      g_autoptr (GString) found_by_path = g_string_new (NULL);

      for (guint i = 0; i < assets->len; i++)
        {
          TroveAsset *asset = assets->pdata[i];
          const char *path
              = trove_catalog_tree_get_path_for_uuid (tree, trove_asset_get_catalog_id (asset));

          if (trove_asset_query_matches_in_tree (query, asset, tree))
            g_string_append_printf (found, "%s%s", found->len > 0 ? " " : "",
                                    trove_asset_get_name (asset));
          if (trove_asset_query_matches (query, asset, path))
            g_string_append_printf (found_by_path, "%s%s", found_by_path->len > 0 ? " " : "",
                                    trove_asset_get_name (asset));
        }
      g_test_message ("%s → %s", cases[c].query, found->str);
      g_assert_cmpstr (found->str, ==, cases[c].expected);
      g_assert_cmpstr (found_by_path->str, ==, cases[c].expected);
    }

  /* Without a tree or a path, nothing is in a catalog. */
  {
    g_autoptr (TroveAssetQuery) query = trove_asset_query_parse ("catalog:props");

    g_assert_false (trove_asset_query_matches_in_tree (query, assets->pdata[0], NULL));
    g_assert_false (trove_asset_query_matches (query, assets->pdata[0], NULL));
    g_assert_true (query_matches_path ("-catalog:props", assets->pdata[0], NULL));
  }

  /* Paths given directly: non-ASCII paths against ASCII values too. */
  {
    g_autoptr (TroveAsset) asset = named ("OB", "A");

    g_assert_true (query_matches_path ("catalog:k", asset, "\u212A/x"));
    g_assert_true (query_matches_path ("catalog:caf", asset, "CAF/é"));
    g_assert_false (query_matches_path ("catalog:cafe", asset, "Cafe\u0301/x"));
    g_assert_true (query_matches_path ("catalog:café", asset, "Cafe\u0301/x"));
    g_assert_false (query_matches_path ("catalog:props", asset, "Other/Props"));
    g_assert_true (query_matches_path ("catalog:other/props", asset, "Other/Props"));
    g_assert_false (query_matches_path ("catalog:ab", asset, "A"));
    g_assert_false (query_matches_path ("catalog:ab", asset, ""));
  }
}

/* ---------------------------------------------------------------------------
 * Implication
 */

static void
test_implies (void)
{
  const char *const queries[] = {
    "",
    "wo",
    "woo",
    "wood",
    "tag:wo",
    "tag:wood",
    "author:wo",
    "-wo",
    "-woo",
    "-tag:wo",
    "type:ma",
    "type:mat",
    "type:m",
    "-type:ma",
    "catalog:props",
    "catalog:props/wood",
    "-catalog:props",
    "wood oak",
    "oak wood",
    "oak",
    "tag:brown",
    "ž",
    "ŽE",
    "-catalog:props/wood",
    "pla",
    "\"oak plank\"",
  };
  g_autoptr (TroveCatalogTree) tree = make_tree ();
  g_autoptr (GPtrArray) assets = g_ptr_array_new_with_free_func (g_object_unref);

  /* The obvious cases. */
  g_assert_true (query_implies ("woo", "wo"));
  g_assert_false (query_implies ("wo", "woo"));
  g_assert_true (query_implies ("tag:wood", "wo"));
  g_assert_false (query_implies ("wood", "tag:wood"));
  g_assert_true (query_implies ("author:wood", "wo"));
  g_assert_false (query_implies ("tag:wood", "author:wo"));
  g_assert_true (query_implies ("-wo", "-woo"));
  g_assert_false (query_implies ("-woo", "-wo"));
  g_assert_true (query_implies ("-wo", "-tag:woo"));
  g_assert_false (query_implies ("-tag:wo", "-woo"));
  g_assert_false (query_implies ("-wo", "wo"));
  g_assert_true (query_implies ("type:mat", "type:ma"));
  g_assert_false (query_implies ("type:ma", "type:mat"));
  g_assert_true (query_implies ("catalog:props/wood", "catalog:props"));
  g_assert_false (query_implies ("catalog:props", "catalog:props/wood"));
  g_assert_true (query_implies ("-catalog:props", "-catalog:props/wood"));
  g_assert_true (query_implies ("oak wood", "wood oak"));
  g_assert_true (query_implies ("wood oak", "oak"));
  g_assert_false (query_implies ("oak", "oak wood"));
  g_assert_true (query_implies ("anything", ""));
  g_assert_true (query_implies ("", ""));
  g_assert_false (query_implies ("", "x"));
  g_assert_true (query_implies ("ŽENA", "že"));

  /* TRUE must never lie: check it against real matches. */
  g_ptr_array_add (assets, full_asset ());
  g_ptr_array_add (assets,
                   asset_new ("id-type", "MS", "name", "Woo", "catalog-id", UUID_DARK, NULL));
  g_ptr_array_add (assets, asset_new ("id-type", "OB", "name", "Žebra", "tags",
                                      (const char *const[]){ "wood", NULL }, "catalog-id",
                                      UUID_PROPS, NULL));
  g_ptr_array_add (assets, asset_new ("id-type", "MA", "name", "Oak", "author", "Wolf",
                                      "catalog-id", UUID_EXTRA, NULL));
  g_ptr_array_add (assets, named ("ME", "Plain"));

  for (gsize i = 0; i < G_N_ELEMENTS (queries); i++)
    for (gsize j = 0; j < G_N_ELEMENTS (queries); j++)
      {
        g_autoptr (TroveAssetQuery) a = trove_asset_query_parse (queries[i]);
        g_autoptr (TroveAssetQuery) b = trove_asset_query_parse (queries[j]);

        if (!trove_asset_query_implies (a, b))
          continue;
        for (guint k = 0; k < assets->len; k++)
          if (trove_asset_query_matches_in_tree (a, assets->pdata[k], tree))
            {
              if (!trove_asset_query_matches_in_tree (b, assets->pdata[k], tree))
                g_error ("'%s' implies '%s' but asset %u matches only the first", queries[i],
                         queries[j], k);
            }
      }
}

/* ---------------------------------------------------------------------------
 * Natural order
 */

static int
natural_cb (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return trove_natural_compare (*(const char **)a, *(const char **)b);
}

static void
test_natural_compare (void)
{
  /* In the expected order. */
  const char *const sorted[] = {
    "",
    " ",
    "01",
    "1",
    "2",
    "10",
    "99999999999999999999",
    "100000000000000000000",
    "a",
    "a/b",
    "a/b/c",
    "a b",
    "a-b",
    "a0",
    "A1",
    "a1",
    "a01 x",
    "a1 y",
    "a2",
    "a10",
    "Crate",
    "crate",
    "Crate 2",
    "crate 3",
    "Crate 010",
    "Crate 10",
    "Crate 10a",
    "Crate 11",
    "Crate.001",
    "Crate.002",
    "Crate.010",
    "Crates",
    "Eclair",
    "E\u0301clair",
    "Éclair",
    "éclair",
    "Ed",
    "Zebra",
    "Zebra\xff",
    "ß",
    "Ωmega",
    "가다",
    "거나",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (sorted); i++)
    for (gsize j = 0; j < G_N_ELEMENTS (sorted); j++)
      {
        int expected = (i > j) - (i < j);
        int got = trove_natural_compare (sorted[i], sorted[j]);

        if (sign (got) != expected)
          g_error ("compare ('%s', '%s') = %d, expected %d", sorted[i], sorted[j], got, expected);
      }
}

/* Every string of up to three tokens from an alphabet of troublemakers:
 * digits, case, accents precomposed, decomposed and alone, '/', invalid
 * UTF-8. After sorting them, every pair must be in order: then the
 * comparison is a total order on them (the fast paths agree with the
 * definition, or transitivity would break somewhere). */
static void
test_natural_total_order (void)
{
  const char *const tokens[] = {
    "0", "1", "9", "a", "B", "é", "e\u0301", "\u0301", "/", " ", "\xc3", "\xa9", "가",
  };
  const gsize n_tokens = G_N_ELEMENTS (tokens);
  g_autoptr (GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (pool, g_strdup (""));
  for (gsize i = 0; i < n_tokens; i++)
    {
      g_ptr_array_add (pool, g_strdup (tokens[i]));
      for (gsize j = 0; j < n_tokens; j++)
        {
          g_ptr_array_add (pool, g_strconcat (tokens[i], tokens[j], NULL));
          for (gsize k = 0; k < n_tokens; k++)
            g_ptr_array_add (pool, g_strconcat (tokens[i], tokens[j], tokens[k], NULL));
        }
    }

  g_ptr_array_sort_with_data (pool, natural_cb, NULL);
  for (guint i = 0; i < pool->len; i++)
    for (guint j = i; j < pool->len; j++)
      {
        const char *a = pool->pdata[i];
        const char *b = pool->pdata[j];
        int ab = trove_natural_compare (a, b);
        int ba = trove_natural_compare (b, a);

        if (strcmp (a, b) == 0)
          {
            g_assert_cmpint (ab, ==, 0);
            continue;
          }
        if (ab >= 0 || ba <= 0)
          g_error ("not a total order: '%s' sorted before '%s' but compare = %d / %d", a, b, ab,
                   ba);
      }
  g_test_message ("%u strings in a consistent order", pool->len);
}

/* The fast paths of matching (ASCII in place, folded copies) against the
 * definition: substring of NFC (casefold (text)). */
static void
test_fold_reference (void)
{
  const char *const tokens[] = {
    "a", "E", "e", "é", "\u0301", "\u212A", "k", "ß", "S", " ", "\u00c5", "\u212B",
  };
  const gsize n_tokens = G_N_ELEMENTS (tokens);
  g_autoptr (GPtrArray) hays = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) needles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) assets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) folded_hays = g_ptr_array_new_with_free_func (g_free);
  guint checked = 0;

  for (gsize i = 0; i < n_tokens; i++)
    {
      g_ptr_array_add (needles, g_strdup (tokens[i]));
      for (gsize j = 0; j < n_tokens; j++)
        {
          g_ptr_array_add (needles, g_strconcat (tokens[i], tokens[j], NULL));
          for (gsize k = 0; k < n_tokens; k++)
            g_ptr_array_add (hays, g_strconcat ("x", tokens[i], tokens[j], tokens[k], NULL));
        }
    }
  for (guint h = 0; h < hays->len; h++)
    {
      g_autofree char *casefolded = g_utf8_casefold (hays->pdata[h], -1);

      g_ptr_array_add (folded_hays, g_utf8_normalize (casefolded, -1, G_NORMALIZE_NFC));
      g_ptr_array_add (assets, named ("OB", hays->pdata[h]));
    }

  for (guint n = 0; n < needles->len; n++)
    {
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", (char *)needles->pdata[n]);
      g_autoptr (TroveAssetQuery) query = trove_asset_query_parse (quoted);
      g_autofree char *casefolded = g_utf8_casefold (needles->pdata[n], -1);
      g_autofree char *needle = g_utf8_normalize (casefolded, -1, G_NORMALIZE_NFC);

      /* Twice: folding, then the kept copies. */
      for (guint round = 0; round < 2; round++)
        for (guint h = 0; h < hays->len; h++)
          {
            gboolean expected = strstr (folded_hays->pdata[h], needle) != NULL;

            if (trove_asset_query_matches (query, assets->pdata[h], NULL) != expected)
              g_error ("'%s' in '%s': expected %d", (char *)needles->pdata[n],
                       (char *)hays->pdata[h], expected);
            checked++;
          }
    }
  g_test_message ("%u matches agree with the definition", checked);
}

/* ---------------------------------------------------------------------------
 * Sort orders
 */

static void
test_sort_by_name (void)
{
  const char *const expected[] = {
    "Crate", "Crate", "Crate", "Crate", "crate 2", "Crate 10", "crate 11", "Ružena", "Zebra", NULL,
  };
  g_autoptr (GPtrArray) assets = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (assets,
                   asset_new ("id-type", "OB", "name", "Crate", "file", "lib10.blend", NULL));
  g_ptr_array_add (assets, asset_new ("id-type", "MA", "name", "Zebra", "file", "a.blend", NULL));
  g_ptr_array_add (assets,
                   asset_new ("id-type", "OB", "name", "Crate 10", "file", "a.blend", NULL));
  g_ptr_array_add (assets,
                   asset_new ("id-type", "OB", "name", "Crate", "file", "lib2.blend", NULL));
  g_ptr_array_add (assets, asset_new ("id-type", "OB", "name", "crate 2", "file", "a.blend", NULL));
  g_ptr_array_add (assets, asset_new ("id-type", "MA", "name", "Crate", "file", "z.blend", NULL));
  g_ptr_array_add (assets, asset_new ("id-type", "AC", "name", "Ružena", "file", "a.blend", NULL));
  g_ptr_array_add (assets,
                   asset_new ("id-type", "OB", "name", "crate 11", "file", "a.blend", NULL));
  g_ptr_array_add (assets,
                   asset_new ("id-type", "OB", "name", "Crate", "file", "Lib3.blend", NULL));

  assert_sorted_names (assets, by_name, NULL, expected);

  /* Same name: ID type by code (MA < OB), then file naturally. */
  g_assert_cmpstr (trove_asset_get_id_type (assets->pdata[0]), ==, "MA");
  g_assert_cmpstr (trove_asset_get_file (assets->pdata[1]), ==, "lib2.blend");
  g_assert_cmpstr (trove_asset_get_file (assets->pdata[2]), ==, "Lib3.blend");
  g_assert_cmpstr (trove_asset_get_file (assets->pdata[3]), ==, "lib10.blend");
}

static void
test_sort_by_catalog (void)
{
  g_autoptr (TroveCatalogTree) tree = make_tree ();
  const char *const expected[] = {
    "crates 2 item",  /* Crates 2 */
    "crates 10 item", /* crates 10 */
    "p",              /* Props */
    "a wood",         /* Props/Wood, alias and main by name */
    "b wood",
    "c wood",
    "dark",       /* Props/Wood/Dark: children follow their parent... */
    "extra",      /* ...before "Props Extra" */
    "ruzena",     /* Ružena/Poses */
    "Unassigned", /* no catalog, unknown UUID: last, by name */
    "Unknown",
    NULL,
  };
  g_autoptr (GPtrArray) assets = g_ptr_array_new_with_free_func (g_object_unref);

#define ADD(uuid, name)                                                                            \
  g_ptr_array_add (assets, asset_new ("id-type", "OB", "name", name, "catalog-id", uuid, NULL))
  ADD (UUID_UNKNOWN, "Unknown");
  ADD (UUID_EXTRA, "extra");
  ADD (UUID_WOOD, "c wood");
  ADD (UUID_RUZENA, "ruzena");
  ADD (UUID_WOOD_ALIAS, "b wood");
  ADD (UUID_DARK, "dark");
  ADD (NIL_UUID, "Unassigned");
  ADD (UUID_CRATES_10, "crates 10 item");
  ADD (UUID_WOOD, "a wood");
  ADD (UUID_PROPS, "p");
  ADD (UUID_CRATES_2, "crates 2 item");
#undef ADD

  assert_sorted_names (assets, by_catalog, tree, expected);
}

static void
test_sort_by_file (void)
{
  g_autoptr (GPtrArray) assets = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (assets, asset_new ("id-type", "OB", "name", "e", "file", "z.blend", NULL));
  g_ptr_array_add (assets, asset_new ("id-type", "OB", "name", "c", "file", "b/lib10.blend", NULL));
  g_ptr_array_add (assets, asset_new ("id-type", "OB", "name", "b", "file", "b/Lib2.blend", NULL));
  g_ptr_array_add (assets, asset_new ("id-type", "OB", "name", "a", "file", "b/lib2.blend", NULL));
  g_ptr_array_add (assets, asset_new ("id-type", "OB", "name", "d", "file", "b lib.blend", NULL));
  g_ptr_array_add (assets, asset_new ("id-type", "OB", "name", "x", "file", "b/Lib2.blend", NULL));

  /* "b/Lib2" and "b/lib2" differ only in case, so by bytes; each file's
   * assets by name. A folder's files come before the files beside it whose
   * name extends the folder's ("b/..." < "b lib"). */
  {
    const char *const e[] = { "b", "x", "a", "c", "d", "e", NULL };

    assert_sorted_names (assets, by_file, NULL, e);
  }

  /* Same file and name: by ID type. */
  {
    g_autoptr (GPtrArray) twins = g_ptr_array_new_with_free_func (g_object_unref);
    const char *const e[] = { "Twin", "Twin", NULL };

    g_ptr_array_add (twins, asset_new ("id-type", "OB", "name", "Twin", "file", "a.blend", NULL));
    g_ptr_array_add (twins, asset_new ("id-type", "MA", "name", "Twin", "file", "a.blend", NULL));
    assert_sorted_names (twins, by_file, NULL, e);
    g_assert_cmpstr (trove_asset_get_id_type (twins->pdata[0]), ==, "MA");
  }
}

static void
test_sort_by_modified (void)
{
  const char *const expected[] = { "newest", "a", "B", "b", "oldest", NULL };
  g_autoptr (GPtrArray) assets = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (assets,
                   asset_new ("id-type", "OB", "name", "oldest", "file-mtime", (gint64)1000, NULL));
  g_ptr_array_add (assets,
                   asset_new ("id-type", "OB", "name", "b", "file-mtime", (gint64)2000, NULL));
  g_ptr_array_add (assets, asset_new ("id-type", "OB", "name", "newest", "file-mtime",
                                      G_GINT64_CONSTANT (1700000000000000), NULL));
  g_ptr_array_add (assets,
                   asset_new ("id-type", "OB", "name", "a", "file-mtime", (gint64)2000, NULL));
  g_ptr_array_add (assets,
                   asset_new ("id-type", "OB", "name", "B", "file-mtime", (gint64)2000, NULL));

  assert_sorted_names (assets, by_modified, NULL, expected);
}

/* ---------------------------------------------------------------------------
 * Benchmark (reports, never fails on time)
 */

static const char *const bench_words[] = {
  "Crate", "Barrel", "Plank",  "Chair", "Table", "Lamp", "Rock",   "Tree", "Bush",  "Wall",
  "Floor", "Door",   "Window", "Pipe",  "Cable", "Sign", "Bottle", "Book", "Shelf", "Fence",
};
static const char *const bench_tags[] = {
  "wood",  "metal",   "stone", "plastic",  "glass",    "old",  "new",    "dirty",
  "clean", "painted", "rusty", "interior", "exterior", "prop", "nature", "industrial",
};
static const char *const bench_authors[] = {
  "Jan Novak", "Alice Smith", "Bob Jones", "Studio Trove", "",
};
static const char *const bench_types[] = { "OB", "OB", "OB", "MA", "MA", "NT", "GR", "AC" };

static GPtrArray *
bench_assets (guint n, gboolean non_ascii, GStrv *catalog_paths)
{
  GPtrArray *assets = g_ptr_array_new_with_free_func (g_object_unref);
  GRand *rand = g_rand_new_with_seed (42);
  g_autoptr (GStrvBuilder) paths = g_strv_builder_new ();
  const guint n_catalogs = 200;

  for (guint c = 0; c < n_catalogs; c++)
    {
      g_autofree char *path
          = g_strdup_printf ("%s/%s %u", bench_tags[c % 16], bench_words[c % 20], c);

      g_strv_builder_add (paths, path);
    }
  *catalog_paths = g_strv_builder_end (paths);

  for (guint i = 0; i < n; i++)
    {
      const char *word = bench_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (bench_words))];
      const char *tags[4];
      g_autofree char *name = NULL;
      g_autofree char *description = NULL;
      g_autofree char *file = NULL;
      g_autofree char *catalog = NULL;
      /* 5% of names, or all of them, carry non-ASCII text. */
      gboolean accented = non_ascii || i % 20 == 0;

      for (guint t = 0; t < 3; t++)
        tags[t] = bench_tags[g_rand_int_range (rand, 0, G_N_ELEMENTS (bench_tags))];
      tags[3] = NULL;
      name = g_strdup_printf (accented ? "%s Ružena %u" : "%s %u", word, i);
      description = g_strdup_printf (accented ? "Ein %s für Szene %u, gemacht aus %s."
                                              : "A %s for scene %u, made of %s.",
                                     word, i % 977, tags[0]);
      file = g_strdup_printf ("props/%s/%s-%u.blend", tags[1], word, i / 50);
      catalog = g_strdup_printf ("%08x-0000-4000-8000-000000000000", i % n_catalogs + 1);
      g_ptr_array_add (assets,
                       asset_new ("id-type", bench_types[i % G_N_ELEMENTS (bench_types)], "name",
                                  name, "tags", tags, "description", description, "author",
                                  bench_authors[i % G_N_ELEMENTS (bench_authors)], "file", file,
                                  "catalog-id", catalog, "file-mtime",
                                  (gint64)g_rand_int_range (rand, 0, 1000000) * 1000, NULL));
    }
  g_rand_free (rand);
  return assets;
}

/* The process's resident memory, from /proc (0 where there is none). */
static gsize
resident_kib (void)
{
  g_autofree char *statm = NULL;
  g_auto (GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    return 0;
  fields = g_strsplit (statm, " ", -1);
  if (g_strv_length (fields) < 2)
    return 0;
  return g_ascii_strtoull (fields[1], NULL, 10) * (sysconf (_SC_PAGESIZE) / 1024);
}

static guint
bench_filter (GPtrArray *assets, const char *const *catalog_paths, const char *text, double *ms)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr (TroveAssetQuery) query = trove_asset_query_parse (text);
  guint matched = 0;

  for (guint i = 0; i < assets->len; i++)
    if (trove_asset_query_matches (query, assets->pdata[i], catalog_paths[i % 200]))
      matched++;
  *ms = (g_get_monotonic_time () - start) / 1000.0;
  return matched;
}

static double
bench_sort (GPtrArray *assets, AssetCompareFunc func, gpointer tree)
{
  /* Borrowed pointers: g_ptr_array_copy() would take the free function. */
  g_autoptr (GPtrArray) copy = g_ptr_array_sized_new (assets->len);
  gint64 start;

  g_ptr_array_extend (copy, assets, NULL, NULL);
  start = g_get_monotonic_time ();

  sort_assets (copy, func, tree);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
run_benchmark (gboolean non_ascii)
{
  const guint n = 100000;
  g_auto (GStrv) catalog_paths = NULL;
  g_autoptr (GPtrArray) assets = bench_assets (n, non_ascii, &catalog_paths);
  g_autoptr (GString) cats = g_string_new ("VERSION 1\n");
  g_autoptr (GFile) file = g_file_new_for_path ("/nonexistent/blender_assets.cats.txt");
  g_autoptr (TroveCatalogFile) catalogs = NULL;
  g_autoptr (TroveCatalogTree) tree = NULL;
  struct
  {
    const char *text;
    guint min, max; /* expected number of matches */
  } queries[] = {
    { "wood", 1, n - 1 }, /* the first search */
    { "wood", 1, n - 1 },
    { "zzzz", 0, 0 }, /* no match: every field is searched to the end */
    { "ruž", n / 20, n },
    { "tag:metal author:jan", 1, n / 5 },
    { "type:ma crate", 1, n / 4 },
    { "catalog:wood", 1, n / 10 }, /* 13 of the 200 catalogs */
    { "-old -new", 1, n - 1 },
  };

  for (guint c = 0; c < 200; c++)
    g_string_append_printf (cats, "%08x-0000-4000-8000-000000000000:%s:x\n", c + 1,
                            catalog_paths[c]);
  catalogs = trove_catalog_file_new_from_data (file, cats->str, cats->len);
  tree = trove_catalog_tree_new (catalogs);

  for (gsize q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      gsize rss_before = resident_kib ();
      double ms;
      guint matched
          = bench_filter (assets, (const char *const *)catalog_paths, queries[q].text, &ms);

      /* The first search folds the non-ASCII strings and keeps the copies. */
      g_test_message ("filter %u %s assets with '%s': %.1f ms (%u match)%s", n,
                      non_ascii ? "non-ASCII" : "mostly ASCII", queries[q].text, ms, matched,
                      q == 0 ? ", first search" : "");
      if (q == 0)
        g_test_message ("  resident memory after the first search: %+" G_GSSIZE_FORMAT " KiB",
                        (gssize)(resident_kib () - rss_before));
      g_assert_cmpuint (matched, >=, queries[q].min);
      g_assert_cmpuint (matched, <=, queries[q].max);
    }

  g_test_message ("sort %u assets by name: %.1f ms", n, bench_sort (assets, by_name, NULL));
  g_test_message ("sort %u assets by catalog: %.1f ms", n, bench_sort (assets, by_catalog, tree));
  g_test_message ("sort %u assets by file: %.1f ms", n, bench_sort (assets, by_file, NULL));
  g_test_message ("sort %u assets by modified: %.1f ms", n, bench_sort (assets, by_modified, NULL));
}

static void
test_benchmark (void)
{
  run_benchmark (FALSE);
  run_benchmark (TRUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/asset-query/parse/empty", test_parse_empty);
  g_test_add_func ("/asset-query/parse/quotes", test_parse_quotes);
  g_test_add_func ("/asset-query/parse/keys", test_parse_keys);
  g_test_add_func ("/asset-query/boxed", test_boxed);
  g_test_add_func ("/asset-query/free-text", test_free_text);
  g_test_add_func ("/asset-query/keyed-terms", test_keyed_terms);
  g_test_add_func ("/asset-query/and-not", test_and_not);
  g_test_add_func ("/asset-query/unicode", test_unicode);
  g_test_add_func ("/asset-query/type-term", test_type_term);
  g_test_add_func ("/asset-query/type-names", test_type_names);
  g_test_add_func ("/asset-query/catalog-term", test_catalog_term);
  g_test_add_func ("/asset-query/implies", test_implies);
  g_test_add_func ("/asset-query/natural-compare", test_natural_compare);
  g_test_add_func ("/asset-query/natural-total-order", test_natural_total_order);
  g_test_add_func ("/asset-query/fold-reference", test_fold_reference);
  g_test_add_func ("/asset-query/sort/name", test_sort_by_name);
  g_test_add_func ("/asset-query/sort/catalog", test_sort_by_catalog);
  g_test_add_func ("/asset-query/sort/file", test_sort_by_file);
  g_test_add_func ("/asset-query/sort/modified", test_sort_by_modified);
  g_test_add_func ("/asset-query/benchmark", test_benchmark);

  return g_test_run ();
}
