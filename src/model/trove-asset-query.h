/* trove-asset-query.h: the search entry's query, and asset sort orders
 *
 * QUERY SYNTAX
 *
 * The text is split into terms at white space; double quotes group words
 * ("old crate", tag:"dark wood") and an unterminated quote runs to the end.
 * A term is free text or `key:value` with key tag, author, type or catalog
 * (English, case-insensitive; the value starts after the first colon).
 * Anything else with a colon, `foo:bar`, is free text, and so is a term
 * whose colon comes after a quote ("tag:x" looks for the text tag:x). A
 * leading unquoted '-' negates a term (-wood, -tag:old); "-x" looks for
 * the text -x. A term whose value is empty (`tag:`, a lone '-', "",
 * `catalog:/`) is ignored, so half-typed terms do not empty the grid. An
 * asset matches when it matches every term; an empty query (no terms)
 * matches everything.
 *
 * Text comparisons are case-insensitive and accent-sensitive: both sides are
 * case-folded (g_utf8_casefold, so "ß" is "ss") and NFC-normalised, then
 * compared as substrings: "RUŽENA" finds "Ružena" but "ruzena" does not
 * ("ž" is not "z"); precomposed and decomposed accents are equal.
 *
 * - free text: a substring of the name, of any one tag, of the description
 *   or of the author (not of copyright, license, file or type);
 * - tag:x: a substring of any one tag;
 * - author:x: a substring of the author;
 * - type:x: the asset's two-letter ID code equals x (type:ma), or x is a
 *   prefix of its type's English or translated name, ignoring ' ', '-' and
 *   '_' (type:mat, type:nodegroup, type:"node group"), or of an English
 *   alias (lamp, group and node tree for node groups, pose, key, hair...).
 *   Several types can match: type:li is Library, Light, Light Probe and
 *   Line Style. Any other x of two ASCII letters or digits is taken as an
 *   ID code, so that unknown types, which the grid labels with their code,
 *   can be found;
 *   anything else unknown matches nothing;
 * - catalog:x: x is cleaned up like a catalog path (trove_catalog_path_
 *   cleanup(): '\' separates too, components are trimmed) and the asset's
 *   catalog path equals it or lies below it, compared component by
 *   component and case-insensitively: catalog:props finds "Props" and
 *   "Props/Wood", not "Props Extra" nor "Other/Props". Assets without a
 *   catalog path (unassigned, unknown UUID) never match it, so
 *   -catalog:x keeps them.
 *
 * Matching is safe from any thread. The first match that needs the folded
 * copies of an asset's non-ASCII strings makes them and keeps them on the
 * asset (object data, freed with it), so that the next keystroke does not
 * fold them again; ASCII strings are searched in place.
 *
 * SORT ORDERS
 *
 * - by name: trove_natural_compare() of the names, then ID code, then file;
 * - by catalog: natural order of catalog paths, component by component,
 *   assets without a catalog node last; then as by name;
 * - by file: natural order of the library-relative file paths, then name,
 *   then ID code;
 * - by modified: file modification time, newest first; then as by name.
 *
 * Each is a total order (0 only for the same file, ID code and name, i.e.
 * the same data-block), so sorted results do not depend on the
 * input order. They keep no state and do not allocate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "trove-asset.h"
#include "trove-catalog-tree.h"

G_BEGIN_DECLS

#define TROVE_TYPE_ASSET_QUERY (trove_asset_query_get_type ())

/* Immutable and reference-counted: safe to share between threads. */
typedef struct _TroveAssetQuery TroveAssetQuery;

GType trove_asset_query_get_type (void) G_GNUC_CONST;

TroveAssetQuery *trove_asset_query_parse (const char *text);
TroveAssetQuery *trove_asset_query_ref (TroveAssetQuery *self);
void trove_asset_query_unref (TroveAssetQuery *self);
gboolean trove_asset_query_is_empty (const TroveAssetQuery *self);
gboolean trove_asset_query_matches (const TroveAssetQuery *self,
                                    TroveAsset *asset,
                                    const char *catalog_path);
gboolean trove_asset_query_matches_in_tree (const TroveAssetQuery *self,
                                            TroveAsset *asset,
                                            TroveCatalogTree *tree);
gboolean trove_asset_query_implies (const TroveAssetQuery *self, const TroveAssetQuery *other);

const char *trove_asset_type_name (const char *id_type);

int trove_natural_compare (const char *a, const char *b);

int trove_asset_compare_by_name (TroveAsset *a, TroveAsset *b);
int trove_asset_compare_by_catalog (TroveAsset *a, TroveAsset *b, TroveCatalogTree *tree);
int trove_asset_compare_by_file (TroveAsset *a, TroveAsset *b);
int trove_asset_compare_by_modified (TroveAsset *a, TroveAsset *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroveAssetQuery, trove_asset_query_unref)

G_END_DECLS
