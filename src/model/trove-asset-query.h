/* trove-asset-query.h: the search entry's query, and asset sort orders
 *
 * QUERY SYNTAX
 *
 * The text is split into terms at white space; double quotes group words
 * ("old crate", tag:"dark wood") and an unterminated quote runs to the end.
 * A term is free text or `key:value` with key tag, author, type or catalog
 * (keys are ASCII, case-insensitive). Anything else with a colon, `foo:bar`
 * or a quoted "tag:x", is free text. A leading unquoted '-' negates a term
 * (-wood, -tag:old). A term whose value is empty (`tag:`, a lone '-', "")
 * is ignored, so half-typed terms do not empty the grid. An asset matches
 * when it matches every term; an empty query matches everything.
 *
 * Text comparisons are case-insensitive and accent-sensitive: both sides are
 * case-folded (g_utf8_casefold) and NFC-normalised, then compared as
 * substrings: "RUŽENA" finds "Ružena" but "ruzena" does not ("ž" is not
 * "z"); precomposed and decomposed accents are equal.
 *
 * - free text: a substring of the name, of any tag, of the description or
 *   of the author;
 * - tag:x: a substring of any one tag;
 * - author:x: a substring of the author;
 * - type:x: the asset's two-letter ID code equals x (type:ma), or x is a
 *   prefix of its type's English or translated name, spaces ignored
 *   (type:mat, type:nodegroup, type:"node group"), or of an alias (lamp,
 *   group, node tree, pose...). Several types can match (type:li: Library,
 *   Light, Light Probe, Line Style). An unknown x matches nothing;
 * - catalog:x: x is cleaned up like a catalog path (trove-catalog-path.h)
 *   and the asset's catalog path equals it or lies below it, compared
 *   component-wise and case-insensitively (catalog:props finds "Props" and
 *   "Props/Wood", not "Props Extra"). Unassigned assets never match.
 *
 * SORT ORDERS
 *
 * All comparisons are total orders (0 only for the same file, ID type and
 * name, i.e. the same data-block) and take no locks and allocate nothing, so
 * GtkSortListModel results are deterministic. Text is compared with
 * trove_natural_compare().
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
