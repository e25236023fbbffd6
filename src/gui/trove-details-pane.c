/* trove-details-pane.c: the selected assets, as an editing form
 *
 * One asset or many: a field whose values differ among the selected assets
 * shows "Mixed" and is left alone unless it is edited; tags can be added to
 * or removed from all of them; the catalog picker moves them all. Nothing
 * is written until Apply (Ctrl+S), which hands the edits to the window
 * ("apply-edits"), where TroveMetadataService writes them.
 *
 * Files Trove will not write (see TroveAsset:read-only-reason, and
 * permissions, checked in the background) make the form read-only with the
 * reason shown; copyright and license need a file from Blender 3.5 or newer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-details-pane.h"
#include "trove-widget-utils.h"
#include "trove-asset-edit.h"
#include "trove-asset-query.h"
#include "trove-text.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#define N_STRINGS 4 /* TroveAssetValues.strings: description, author, copyright, license */
#define MAX_PERMISSION_CHECKS 64
#define NIL_UUID "00000000-0000-0000-0000-000000000000"

struct _TroveDetailsPane
{
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkPicture *picture;
  GtkLabel *name_label;
  GtkLabel *type_label;
  GtkWidget *read_only_box;
  GtkLabel *read_only_label;
  GtkWidget *fields;
  AdwComboRow *catalog_row;
  AdwEntryRow *author_row;
  AdwEntryRow *copyright_row;
  AdwEntryRow *license_row;
  GtkWidget *author_mixed;
  GtkWidget *copyright_mixed;
  GtkWidget *license_mixed;
  GtkWidget *description_mixed;
  GtkTextView *description_view;
  GtkFlowBox *tags_box;
  GtkWidget *no_tags_label;
  GtkEntry *tag_entry;
  GtkWidget *file_list;
  AdwActionRow *file_row;
  GtkWidget *file_buttons;
  GtkWidget *open_button;
  GtkWidget *apply_button;
  GtkWidget *revert_button;

  TrovePreviewCache *cache;
  GListModel *library_assets;
  GtkListStore *tag_completions;
  TroveCatalogTree *tree;
  GPtrArray *assets; /* TroveAsset, the selection */
  char *blender;

  /* The form's state. */
  gboolean loading; /* filling widgets: their change signals are not edits */
  gboolean mixed[N_STRINGS];
  gboolean edited[N_STRINGS];
  GPtrArray *tags;         /* every tag of the selection, first seen first */
  GHashTable *tag_counts;  /* tag -> how many selected assets have it */
  GPtrArray *added_tags;   /* char * */
  GPtrArray *removed_tags; /* char * */
  gboolean catalog_edited;
  GListStore *catalog_choices; /* TroveCatalogNode, or GtkStringObject for "Mixed" */
  GHashTable *unwritable;      /* source paths the user cannot write */
  GCancellable *permission_cancellable;
};

G_DEFINE_FINAL_TYPE (TroveDetailsPane, trove_details_pane, GTK_TYPE_WIDGET)

enum
{
  APPLY_EDITS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_actions (TroveDetailsPane *self);

static TroveAsset *
asset_at (TroveDetailsPane *self, guint i)
{
  return self->assets->pdata[i];
}

static const char *
asset_string (TroveAsset *asset, guint index)
{
  switch (index)
    {
    case 0:
      return trove_asset_get_description (asset);
    case 1:
      return trove_asset_get_author (asset);
    case 2:
      return trove_asset_get_copyright (asset);
    default:
      return trove_asset_get_license (asset);
    }
}

static GtkEditable *
string_editable (TroveDetailsPane *self, guint index)
{
  switch (index)
    {
    case 1:
      return GTK_EDITABLE (self->author_row);
    case 2:
      return GTK_EDITABLE (self->copyright_row);
    case 3:
      return GTK_EDITABLE (self->license_row);
    default:
      return NULL;
    }
}

/* The widget that edits string @index. */
static GtkWidget *
string_widget (TroveDetailsPane *self, guint index)
{
  return index == 0 ? GTK_WIDGET (self->description_view)
                    : GTK_WIDGET (string_editable (self, index));
}

static GtkWidget *
mixed_label (TroveDetailsPane *self, guint index)
{
  GtkWidget *labels[N_STRINGS]
      = { self->description_mixed, self->author_mixed, self->copyright_mixed, self->license_mixed };
  return labels[index];
}

static char *
description_text (TroveDetailsPane *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
string_value (TroveDetailsPane *self, guint index)
{
  if (index == 0)
    return description_text (self);
  return g_strdup (gtk_editable_get_text (string_editable (self, index)));
}

/* ---------------------------------------------------------------------------
 * Tags
 */

static gboolean
str_array_contains (GPtrArray *array, const char *text)
{
  for (guint i = 0; i < array->len; i++)
    if (strcmp (array->pdata[i], text) == 0)
      return TRUE;
  return FALSE;
}

static void
str_array_remove (GPtrArray *array, const char *text)
{
  for (guint i = array->len; i > 0; i--)
    if (strcmp (array->pdata[i - 1], text) == 0)
      g_ptr_array_remove_index (array, i - 1);
}

static void show_tags (TroveDetailsPane *self);

static void
remove_tag_clicked_cb (GtkButton *button, TroveDetailsPane *self)
{
  const char *tag = g_object_get_data (G_OBJECT (button), "tag");
  g_autofree char *copy = g_strdup (tag);

  if (str_array_contains (self->added_tags, copy))
    str_array_remove (self->added_tags, copy);
  else if (!str_array_contains (self->removed_tags, copy))
    g_ptr_array_add (self->removed_tags, g_strdup (copy));
  show_tags (self);
  update_actions (self);
}

static GtkWidget *
make_tag_chip (TroveDetailsPane *self, const char *tag, guint count)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *label = gtk_label_new (tag);
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  g_autofree char *remove_label = g_strdup_printf (_ ("Remove Tag “%s”"), tag);

  gtk_widget_add_css_class (box, "trove-tag");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_add_css_class (remove, "trove-tag-remove");
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  g_object_set_data_full (G_OBJECT (remove), "tag", g_strdup (tag), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_tag_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_widget_set_sensitive (remove, gtk_widget_get_sensitive (GTK_WIDGET (self->tag_entry)));

  /* A tag only some of the selected assets have. */
  if (count > 0 && count < self->assets->len)
    {
      g_autofree char *tooltip = g_strdup_printf (
          ngettext ("On %u of the %u selected assets", "On %u of the %u selected assets", count),
          count, self->assets->len);
      gtk_widget_add_css_class (box, "trove-tag-partial");
      gtk_widget_set_tooltip_text (label, tooltip);
    }
  return box;
}

/* A selection of thousands of assets may have thousands of tags: the chips
 * shown are capped, the rest counted. */
#define MAX_TAG_CHIPS 200

static void
show_tags (TroveDetailsPane *self)
{
  g_autoptr (GPtrArray) shown = g_ptr_array_new ();
  GtkWidget *child;
  guint hidden;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_flow_box_remove (self->tags_box, child);
  for (guint i = 0; i < self->tags->len; i++)
    if (!str_array_contains (self->removed_tags, self->tags->pdata[i]))
      g_ptr_array_add (shown, self->tags->pdata[i]);
  for (guint i = 0; i < self->added_tags->len; i++)
    if (!str_array_contains (self->tags, self->added_tags->pdata[i]))
      g_ptr_array_add (shown, self->added_tags->pdata[i]);

  for (guint i = 0; i < MIN (shown->len, MAX_TAG_CHIPS); i++)
    {
      const char *tag = shown->pdata[i];
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->tag_counts, tag));
      /* A tag being added will be on every selected asset. */
      if (count == 0 || str_array_contains (self->added_tags, tag))
        count = self->assets->len;
      gtk_flow_box_append (self->tags_box, make_tag_chip (self, tag, count));
    }
  hidden = shown->len - MIN (shown->len, MAX_TAG_CHIPS);
  if (hidden > 0)
    {
      g_autofree char *more
          = g_strdup_printf (ngettext ("%u more tag", "%u more tags", hidden), hidden);
      GtkWidget *label = gtk_label_new (more);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_flow_box_append (self->tags_box, label);
    }
  gtk_widget_set_visible (self->no_tags_label, shown->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), shown->len > 0);
}

static void
add_tag_from_entry (TroveDetailsPane *self)
{
  g_autofree char *stripped
      = trove_text_strip (gtk_editable_get_text (GTK_EDITABLE (self->tag_entry)));
  g_autofree char *tag = trove_text_utf8_prefix (stripped, TROVE_ASSET_TAG_MAX_BYTES);

  if (*tag == '\0')
    return;
  if (str_array_contains (self->removed_tags, tag))
    str_array_remove (self->removed_tags, tag);
  if (GPOINTER_TO_UINT (g_hash_table_lookup (self->tag_counts, tag)) < self->assets->len
      && !str_array_contains (self->added_tags, tag))
    g_ptr_array_add (self->added_tags, g_strdup (tag));
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
  show_tags (self);
  update_actions (self);
}

static void
tag_entry_activate_cb (TroveDetailsPane *self)
{
  add_tag_from_entry (self);
}

static void
tag_entry_icon_cb (TroveDetailsPane *self, GtkEntryIconPosition position)
{
  add_tag_from_entry (self);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate (*(const char *const *)a, *(const char *const *)b);
}

/* Autocompletion from every tag of the library, gathered when the entry is
 * first focused after the library changed. */
static void
fill_tag_completions (TroveDetailsPane *self)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) sorted = g_ptr_array_new ();
  guint n;

  if (self->library_assets == NULL || self->tag_completions != NULL)
    return;
  self->tag_completions = gtk_list_store_new (1, G_TYPE_STRING);
  n = g_list_model_get_n_items (self->library_assets);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TroveAsset) asset = g_list_model_get_item (self->library_assets, i);
      const char *const *tags = trove_asset_get_tags (asset);
      for (guint t = 0; tags[t] != NULL; t++)
        if (!g_hash_table_contains (seen, tags[t]))
          {
            /* Interned: the assets may go before the completions do. */
            const char *tag = g_intern_string (tags[t]);
            g_hash_table_add (seen, (gpointer)tag);
            g_ptr_array_add (sorted, (gpointer)tag);
          }
    }
  g_ptr_array_sort (sorted, compare_strings);
  for (guint i = 0; i < sorted->len; i++)
    gtk_list_store_insert_with_values (self->tag_completions, NULL, -1, 0, sorted->pdata[i], -1);
  gtk_entry_completion_set_model (gtk_entry_get_completion (self->tag_entry),
                                  GTK_TREE_MODEL (self->tag_completions));
}

static void
tag_entry_focus_cb (TroveDetailsPane *self)
{
  fill_tag_completions (self);
}

static void
library_changed_cb (TroveDetailsPane *self)
{
  g_clear_object (&self->tag_completions);
}

/* ---------------------------------------------------------------------------
 * Catalog picker
 */

static void
add_catalog_nodes (GListStore *store, GListModel *nodes)
{
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr (TroveCatalogNode) node = g_list_model_get_item (nodes, i);

      if (trove_catalog_node_get_kind (node) != TROVE_CATALOG_NODE_CATALOG)
        continue; /* All and Unassigned */
      /* An implicit parent is no catalog: assets cannot be assigned to it. */
      if (!trove_catalog_node_is_virtual (node))
        g_list_store_append (store, node);
      add_catalog_nodes (store, trove_catalog_node_get_children (node));
    }
}

static char *
choice_text (gpointer item, gboolean in_list)
{
  TroveCatalogNode *node;
  const char *path;

  if (GTK_IS_STRING_OBJECT (item))
    return g_strdup (gtk_string_object_get_string (item));
  node = item;
  if (trove_catalog_node_get_kind (node) == TROVE_CATALOG_NODE_UNASSIGNED)
    /* Translators: the catalog of an asset in no catalog, as the catalog tree says it */
    return g_strdup (_ ("Unassigned"));
  path = trove_catalog_node_get_path (node);
  return g_strdup (in_list ? trove_catalog_node_get_name (node) : path);
}

static guint
choice_depth (gpointer item)
{
  const char *path;
  guint depth = 0;

  if (!TROVE_IS_CATALOG_NODE (item)
      || trove_catalog_node_get_kind (item) != TROVE_CATALOG_NODE_CATALOG)
    return 0;
  for (path = trove_catalog_node_get_path (item); *path != '\0'; path++)
    depth += *path == '/';
  return depth;
}

static void
setup_choice_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer in_list)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_list_item_set_child (item, label);
}

static void
bind_choice_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer in_list)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  gpointer choice = gtk_list_item_get_item (item);
  g_autofree char *text = choice_text (choice, in_list != NULL);

  gtk_label_set_text (GTK_LABEL (label), text);
  /* The list shows the tree by indentation. */
  gtk_widget_set_margin_start (label, in_list != NULL ? 16 * (int)choice_depth (choice) : 0);
}

static GtkListItemFactory *
choice_factory (gboolean in_list)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice_cb), GINT_TO_POINTER (in_list));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice_cb), GINT_TO_POINTER (in_list));
  return factory;
}

/* The position of the selection's catalog among the choices; a "Mixed" or
 * "Unknown catalog" entry is prepended when none fits. */
static guint
current_choice (TroveDetailsPane *self)
{
  const char *uuid = trove_asset_get_catalog_id (asset_at (self, 0));
  TroveCatalogNode *node = NULL;
  g_autoptr (GtkStringObject) extra = NULL;

  for (guint i = 1; i < self->assets->len; i++)
    if (!g_str_equal (trove_asset_get_catalog_id (asset_at (self, i)), uuid))
      {
        extra = gtk_string_object_new (C_ ("metadata value", "Mixed"));
        break;
      }
  if (extra == NULL && g_str_equal (uuid, NIL_UUID))
    return 0; /* Unassigned */
  if (extra == NULL)
    node = self->tree != NULL ? trove_catalog_tree_lookup_uuid (self->tree, uuid) : NULL;
  if (node != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->catalog_choices)); i++)
      {
        g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (self->catalog_choices), i);
        if (item == (GObject *)node)
          return i;
      }
  if (extra == NULL)
    {
      /* Translators: an asset whose catalog UUID is not in the catalog file */
      g_autofree char *text = g_strdup_printf (_ ("Unknown catalog %s"), uuid);
      extra = gtk_string_object_new (text);
    }
  g_list_store_insert (self->catalog_choices, 0, extra);
  return 0;
}

static void
load_catalog (TroveDetailsPane *self)
{
  g_list_store_remove_all (self->catalog_choices);
  if (self->tree != NULL)
    {
      g_list_store_append (self->catalog_choices, trove_catalog_tree_get_unassigned (self->tree));
      add_catalog_nodes (self->catalog_choices, trove_catalog_tree_get_roots (self->tree));
    }
  adw_combo_row_set_selected (self->catalog_row, current_choice (self));
  self->catalog_edited = FALSE;
}

static void
catalog_selected_cb (TroveDetailsPane *self)
{
  gpointer item = adw_combo_row_get_selected_item (self->catalog_row);

  if (self->loading)
    return;
  /* Picking the "Mixed" or "Unknown" entry again means: leave it alone. */
  self->catalog_edited = item != NULL && TROVE_IS_CATALOG_NODE (item);
  update_actions (self);
}

/* ---------------------------------------------------------------------------
 * Filling the form
 */

/* Screen readers hear what the "Mixed" label shows. */
static void
set_mixed_description (TroveDetailsPane *self, guint index, gboolean mixed)
{
  GtkAccessible *field = GTK_ACCESSIBLE (string_widget (self, index));

  if (mixed)
    gtk_accessible_update_property (
        field, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
        _ ("Mixed: the selected assets differ here; left as it is unless you type"), -1);
  else
    gtk_accessible_reset_property (field, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
string_changed_cb (TroveDetailsPane *self, guint index)
{
  if (self->loading)
    return;
  self->edited[index] = TRUE;
  gtk_widget_set_visible (mixed_label (self, index), FALSE);
  set_mixed_description (self, index, FALSE);
  update_actions (self);
}

static void
entry_changed_cb (GtkEditable *editable, TroveDetailsPane *self)
{
  for (guint i = 1; i < N_STRINGS; i++)
    if (string_editable (self, i) == editable)
      string_changed_cb (self, i);
}

static void
description_changed_cb (TroveDetailsPane *self)
{
  string_changed_cb (self, 0);
}

static void
load_strings (TroveDetailsPane *self)
{
  for (guint i = 0; i < N_STRINGS; i++)
    {
      const char *first = asset_string (asset_at (self, 0), i);

      self->mixed[i] = FALSE;
      self->edited[i] = FALSE;
      for (guint a = 1; a < self->assets->len; a++)
        if (!g_str_equal (asset_string (asset_at (self, a), i), first))
          self->mixed[i] = TRUE;
      if (i == 0)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                                  self->mixed[i] ? "" : first, -1);
      else
        gtk_editable_set_text (string_editable (self, i), self->mixed[i] ? "" : first);
      gtk_widget_set_visible (mixed_label (self, i), self->mixed[i]);
    }
}

static void
load_tags (TroveDetailsPane *self)
{
  g_ptr_array_set_size (self->tags, 0);
  g_ptr_array_set_size (self->added_tags, 0);
  g_ptr_array_set_size (self->removed_tags, 0);
  g_hash_table_remove_all (self->tag_counts);
  for (guint a = 0; a < self->assets->len; a++)
    {
      const char *const *tags = trove_asset_get_tags (asset_at (self, a));
      for (guint t = 0; tags[t] != NULL; t++)
        {
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->tag_counts, tags[t]));
          if (count == 0)
            g_ptr_array_add (self->tags, g_strdup (tags[t]));
          g_hash_table_insert (self->tag_counts, g_strdup (tags[t]), GUINT_TO_POINTER (count + 1));
        }
    }
  show_tags (self);
}

static void
preview_loaded_cb (TroveDetailsPane *self, TroveAsset *asset, GdkTexture *texture)
{
  if (self->assets->len == 1 && asset == asset_at (self, 0))
    gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
}

static guint
count_files (TroveDetailsPane *self)
{
  g_autoptr (GHashTable) files = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->assets->len; i++)
    g_hash_table_add (files, (gpointer)trove_asset_get_source_path (asset_at (self, i)));
  return g_hash_table_size (files);
}

static void
load_heading (TroveDetailsPane *self)
{
  TroveAsset *first = asset_at (self, 0);
  gboolean single = self->assets->len == 1;

  gtk_widget_set_visible (GTK_WIDGET (self->picture), single);
  gtk_widget_set_visible (self->file_list, single);
  gtk_widget_set_visible (self->file_buttons, single);
  if (single)
    {
      gtk_label_set_text (self->name_label, trove_asset_get_name (first));
      gtk_label_set_text (self->type_label,
                          trove_asset_type_name (trove_asset_get_id_type (first)));
      adw_action_row_set_subtitle (self->file_row, trove_asset_get_file (first));
      gtk_picture_set_paintable (self->picture,
                                 GDK_PAINTABLE (trove_preview_cache_lookup (self->cache, first)));
      trove_preview_cache_request (self->cache, first, NULL, NULL);
    }
  else
    {
      g_autofree char *title = g_strdup_printf (
          ngettext ("%u Asset Selected", "%u Assets Selected", self->assets->len),
          self->assets->len);
      guint n_files = count_files (self);
      g_autofree char *files
          = g_strdup_printf (ngettext ("In %u file", "In %u files", n_files), n_files);
      gtk_label_set_text (self->name_label, title);
      gtk_label_set_text (self->type_label, files);
    }
}

/* ---------------------------------------------------------------------------
 * What can be edited
 */

/* Why the selected asset @asset cannot be changed, or NULL. */
static const char *
read_only_reason (TroveDetailsPane *self, TroveAsset *asset)
{
  const char *reason = trove_asset_get_read_only_reason (asset);

  if (reason == NULL
      && g_hash_table_contains (self->unwritable, trove_asset_get_source_path (asset)))
    reason = _ ("the file is read-only");
  return reason;
}

static void
set_field_sensitive (GtkWidget *widget, gboolean sensitive, const char *tooltip)
{
  gtk_widget_set_sensitive (widget, sensitive);
  gtk_widget_set_tooltip_text (widget, sensitive ? NULL : tooltip);
}

static void
update_editability (TroveDetailsPane *self)
{
  TroveAssetFields fields = ~(TroveAssetFields)0;
  const char *reason = NULL;
  TroveAsset *first_read_only = NULL;
  guint n_read_only = 0;
  g_autofree char *banner = NULL;
  const char *version_tooltip = _ ("Only files saved by Blender 3.5 or newer have this field");

  for (guint i = 0; i < self->assets->len; i++)
    {
      const char *r = read_only_reason (self, asset_at (self, i));
      if (r != NULL && n_read_only++ == 0)
        {
          reason = r;
          first_read_only = asset_at (self, i);
        }
      else if (r == NULL)
        fields &= trove_asset_get_editable_fields (asset_at (self, i));
    }
  if (n_read_only == self->assets->len)
    fields = TROVE_ASSET_FIELD_NONE;

  if (n_read_only > 0 && self->assets->len == 1)
    /* Translators: %s is the reason, e.g. "the file is read-only" */
    banner = g_strdup_printf (_ ("Trove cannot change this asset: %s."), reason);
  else if (n_read_only > 0)
    /* Translators: "%u of the selected assets cannot be changed (“file.blend”: reason)." */
    banner = g_strdup_printf (ngettext ("%u of the selected assets cannot be changed (“%s”: %s).",
                                        "%u of the selected assets cannot be changed (“%s”: %s).",
                                        n_read_only),
                              n_read_only, trove_asset_get_file (first_read_only), reason);
  gtk_widget_set_visible (self->read_only_box, banner != NULL);
  gtk_label_set_text (self->read_only_label, banner != NULL ? banner : "");

  set_field_sensitive (GTK_WIDGET (self->catalog_row), fields & TROVE_ASSET_FIELD_CATALOG, NULL);
  set_field_sensitive (GTK_WIDGET (self->author_row), fields & TROVE_ASSET_FIELD_AUTHOR, NULL);
  set_field_sensitive (GTK_WIDGET (self->description_view), fields & TROVE_ASSET_FIELD_DESCRIPTION,
                       NULL);
  set_field_sensitive (GTK_WIDGET (self->tag_entry), fields & TROVE_ASSET_FIELD_TAGS, NULL);
  /* Copyright and license: absent from the DNA of files before Blender 3.5. */
  set_field_sensitive (GTK_WIDGET (self->copyright_row), fields & TROVE_ASSET_FIELD_COPYRIGHT,
                       fields != TROVE_ASSET_FIELD_NONE ? version_tooltip : NULL);
  set_field_sensitive (GTK_WIDGET (self->license_row), fields & TROVE_ASSET_FIELD_LICENSE,
                       fields != TROVE_ASSET_FIELD_NONE ? version_tooltip : NULL);
}

static void
permission_checked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  TroveDetailsPane *self = user_data;
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  guint32 mode;

  info = g_file_query_info_finish (G_FILE (source), result, &error);
  if (info == NULL)
    {
      /* Cancelled (another selection), or gone: the writer will say. */
      g_object_unref (self);
      return;
    }
  mode = g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_MODE);
  /* By its mode even for root, as the writer decides. */
  if (!g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE)
      || (mode != 0 && (mode & 0222) == 0))
    {
      path = g_file_get_path (G_FILE (source));
      g_hash_table_add (self->unwritable, g_steal_pointer (&path));
      update_editability (self);
      show_tags (self); /* the chips' remove buttons follow the tag entry */
    }
  g_object_unref (self);
}

/* Permissions may change at any time and a network file system may hang,
 * so they are checked in the background, for the first files only: the
 * writer checks again and reports any file it could not write. */
static void
check_permissions (TroveDetailsPane *self)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_cancellable_cancel (self->permission_cancellable);
  g_clear_object (&self->permission_cancellable);
  self->permission_cancellable = g_cancellable_new ();
  g_hash_table_remove_all (self->unwritable);
  for (guint i = 0; i < self->assets->len && g_hash_table_size (seen) < MAX_PERMISSION_CHECKS; i++)
    {
      const char *path = trove_asset_get_source_path (asset_at (self, i));
      g_autoptr (GFile) file = NULL;

      if (!g_hash_table_add (seen, (gpointer)path))
        continue;
      file = g_file_new_for_path (path);
      g_file_query_info_async (
          file, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE "," G_FILE_ATTRIBUTE_UNIX_MODE,
          G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, self->permission_cancellable,
          permission_checked_cb, g_object_ref (self));
    }
}

/* ---------------------------------------------------------------------------
 * Apply and revert
 */

gboolean
trove_details_pane_is_dirty (TroveDetailsPane *self)
{
  g_return_val_if_fail (TROVE_IS_DETAILS_PANE (self), FALSE);

  if (self->assets->len == 0)
    return FALSE;
  for (guint i = 0; i < N_STRINGS; i++)
    if (self->edited[i])
      return TRUE;
  return self->catalog_edited || self->added_tags->len > 0 || self->removed_tags->len > 0;
}

static TroveAssetEdit *
make_edit (TroveDetailsPane *self, TroveAsset *asset)
{
  static const TroveAssetFields string_fields[N_STRINGS] = {
    TROVE_ASSET_FIELD_DESCRIPTION,
    TROVE_ASSET_FIELD_AUTHOR,
    TROVE_ASSET_FIELD_COPYRIGHT,
    TROVE_ASSET_FIELD_LICENSE,
  };
  TroveAssetEdit *edit
      = trove_asset_edit_new (trove_asset_get_id_type (asset), trove_asset_get_name (asset));
  gpointer choice = adw_combo_row_get_selected_item (self->catalog_row);

  for (guint i = 0; i < N_STRINGS; i++)
    if (self->edited[i])
      {
        g_autofree char *value = string_value (self, i);
        trove_asset_edit_set_string (edit, string_fields[i], value);
      }
  for (guint i = 0; i < self->removed_tags->len; i++)
    trove_asset_edit_remove_tag (edit, self->removed_tags->pdata[i]);
  for (guint i = 0; i < self->added_tags->len; i++)
    trove_asset_edit_add_tag (edit, self->added_tags->pdata[i]);
  if (self->catalog_edited && choice != NULL && TROVE_IS_CATALOG_NODE (choice))
    {
      const char *const *uuids = trove_catalog_node_get_uuids (choice);
      /* A path with aliases: its first catalog, the one the tree shows. */
      if (trove_catalog_node_get_kind (choice) == TROVE_CATALOG_NODE_CATALOG && uuids != NULL
          && uuids[0] != NULL)
        trove_asset_edit_set_catalog (edit, uuids[0], trove_catalog_node_get_simple_name (choice));
      else
        trove_asset_edit_set_catalog (edit, NULL, NULL);
    }
  return edit;
}

/**
 * trove_details_pane_take_edits:
 * @assets: (out) (transfer full): the assets to edit
 * @edits: (out) (transfer full): one TroveAssetEdit per asset
 *
 * Turns the form's changes into edits, for the assets Trove can write, and
 * forgets them (the form then shows them as applied).
 *
 * Returns: whether there was anything to apply
 */
gboolean
trove_details_pane_take_edits (TroveDetailsPane *self, GPtrArray **assets, GPtrArray **edits)
{
  g_return_val_if_fail (TROVE_IS_DETAILS_PANE (self), FALSE);

  if (!trove_details_pane_is_dirty (self))
    return FALSE;
  *assets = g_ptr_array_new_with_free_func (g_object_unref);
  *edits = g_ptr_array_new_with_free_func ((GDestroyNotify)trove_asset_edit_unref);
  for (guint i = 0; i < self->assets->len; i++)
    {
      TroveAsset *asset = asset_at (self, i);
      if (read_only_reason (self, asset) != NULL)
        continue;
      g_ptr_array_add (*assets, g_object_ref (asset));
      g_ptr_array_add (*edits, make_edit (self, asset));
    }
  memset (self->edited, 0, sizeof self->edited);
  self->catalog_edited = FALSE;
  g_ptr_array_set_size (self->added_tags, 0);
  g_ptr_array_set_size (self->removed_tags, 0);
  update_actions (self);
  return TRUE;
}

static void
apply_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveDetailsPane *self = TROVE_DETAILS_PANE (widget);
  g_autoptr (GPtrArray) assets = NULL;
  g_autoptr (GPtrArray) edits = NULL;

  /* A tag typed but not added yet is meant to be added. */
  add_tag_from_entry (self);
  if (trove_details_pane_take_edits (self, &assets, &edits) && assets->len > 0)
    g_signal_emit (self, signals[APPLY_EDITS], 0, assets, edits);
}

static void load_form (TroveDetailsPane *self);

static void
revert_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  load_form (TROVE_DETAILS_PANE (widget));
}

static void
load_form (TroveDetailsPane *self)
{
  self->loading = TRUE;
  load_heading (self);
  load_strings (self);
  load_catalog (self);
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
  /* Before the tags: their chips take the tag entry's sensitivity. */
  update_editability (self);
  load_tags (self);
  /* After the tooltips, which GTK also makes the accessible description. */
  for (guint i = 0; i < N_STRINGS; i++)
    if (gtk_widget_get_tooltip_text (string_widget (self, i)) == NULL)
      set_mixed_description (self, i, self->mixed[i]);
  self->loading = FALSE;
  update_actions (self);
}

/* ---------------------------------------------------------------------------
 * The file's actions
 */

static TroveAsset *
single_asset (TroveDetailsPane *self)
{
  return self->assets->len == 1 ? asset_at (self, 0) : NULL;
}

static void
open_in_blender_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveDetailsPane *self = TROVE_DETAILS_PANE (widget);
  TroveAsset *asset = single_asset (self);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;

  if (asset == NULL || self->blender == NULL)
    return;
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, self->blender,
                              trove_asset_get_source_path (asset), NULL);
  if (process == NULL)
    gtk_widget_activate_action (widget, "win.toast", "s", error->message);
}

static void
show_items_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GFile) folder = user_data;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply != NULL)
    return;
  /* No file manager implements the interface: open the folder instead. */
  g_debug ("FileManager1.ShowItems failed: %s", error->message);
  uri = g_file_get_uri (folder);
  g_app_info_launch_default_for_uri (uri, NULL, NULL);
}

static void
show_in_files_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveAsset *asset = single_asset (TROVE_DETAILS_PANE (widget));
  g_autoptr (GFile) file = NULL;
  g_autoptr (GDBusConnection) bus = NULL;
  g_autofree char *uri = NULL;
  const char *uris[2] = { NULL, NULL };

  if (asset == NULL)
    return;
  file = g_file_new_for_path (trove_asset_get_source_path (asset));
  uri = g_file_get_uri (file);
  uris[0] = uri;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    {
      g_autoptr (GFile) parent = g_file_get_parent (file);
      g_autofree char *folder_uri = g_file_get_uri (parent);
      g_app_info_launch_default_for_uri (folder_uri, NULL, NULL);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE, -1,
                          NULL, show_items_done_cb, g_file_get_parent (file));
}

static void
copy_path_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TroveAsset *asset = single_asset (TROVE_DETAILS_PANE (widget));

  if (asset == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), trove_asset_get_source_path (asset));
  gtk_widget_activate_action (widget, "win.toast", "s", _ ("Path copied"));
}

static void
update_actions (TroveDetailsPane *self)
{
  gboolean single = single_asset (self) != NULL;
  gboolean dirty = trove_details_pane_is_dirty (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.open-in-blender",
                                 single && self->blender != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.show-in-files", single);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.copy-path", single);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.apply", dirty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.revert", dirty);
  gtk_widget_set_tooltip_text (self->open_button,
                               self->blender != NULL
                                   ? _ ("Open the asset’s file in Blender")
                                   : _ ("Blender is not installed (no “blender” command found)"));
}

/* ---------------------------------------------------------------------------
 * GObject
 */

static void
trove_details_pane_dispose (GObject *object)
{
  TroveDetailsPane *self = TROVE_DETAILS_PANE (object);

  g_cancellable_cancel (self->permission_cancellable);
  g_clear_object (&self->permission_cancellable);
  trove_widget_dispose_template (GTK_WIDGET (self), TROVE_TYPE_DETAILS_PANE);
  g_clear_pointer (&self->assets, g_ptr_array_unref);
  g_clear_object (&self->cache);
  g_clear_object (&self->tree);
  g_clear_object (&self->library_assets);
  g_clear_object (&self->tag_completions);
  g_clear_object (&self->catalog_choices);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->tag_counts, g_hash_table_unref);
  g_clear_pointer (&self->added_tags, g_ptr_array_unref);
  g_clear_pointer (&self->removed_tags, g_ptr_array_unref);
  g_clear_pointer (&self->unwritable, g_hash_table_unref);
  g_clear_pointer (&self->blender, g_free);

  G_OBJECT_CLASS (trove_details_pane_parent_class)->dispose (object);
}

static void
trove_details_pane_class_init (TroveDetailsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trove_details_pane_dispose;

  /**
   * TroveDetailsPane::apply-edits:
   * @assets: (element-type TroveAsset): the assets to change
   * @edits: (element-type TroveAssetEdit): one edit per asset
   *
   * The user applied the form: the window writes the edits.
   */
  signals[APPLY_EDITS]
      = g_signal_new ("apply-edits", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 2, G_TYPE_PTR_ARRAY, G_TYPE_PTR_ARRAY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trove/Trove/trove-details-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, stack);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, picture);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, name_label);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, type_label);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, read_only_box);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, fields);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, catalog_row);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, author_row);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, copyright_row);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, license_row);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, author_mixed);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, copyright_mixed);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, license_mixed);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, description_mixed);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, description_view);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, tags_box);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, no_tags_label);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, file_list);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, file_row);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, file_buttons);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, open_button);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, apply_button);
  gtk_widget_class_bind_template_child (widget_class, TroveDetailsPane, revert_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "details.open-in-blender", NULL,
                                   open_in_blender_activated);
  gtk_widget_class_install_action (widget_class, "details.show-in-files", NULL,
                                   show_in_files_activated);
  gtk_widget_class_install_action (widget_class, "details.copy-path", NULL, copy_path_activated);
  gtk_widget_class_install_action (widget_class, "details.apply", NULL, apply_activated);
  gtk_widget_class_install_action (widget_class, "details.revert", NULL, revert_activated);
}

static void
setup_form (TroveDetailsPane *self)
{
  g_autoptr (GtkListItemFactory) factory = choice_factory (FALSE);
  g_autoptr (GtkListItemFactory) list_factory = choice_factory (TRUE);
  g_autoptr (GtkEntryCompletion) completion = gtk_entry_completion_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->catalog_choices = g_list_store_new (G_TYPE_OBJECT);
  adw_combo_row_set_model (self->catalog_row, G_LIST_MODEL (self->catalog_choices));
  adw_combo_row_set_factory (self->catalog_row, factory);
  adw_combo_row_set_list_factory (self->catalog_row, list_factory);
  g_signal_connect_swapped (self->catalog_row, "notify::selected", G_CALLBACK (catalog_selected_cb),
                            self);

  for (guint i = 1; i < N_STRINGS; i++)
    g_signal_connect (string_editable (self, i), "changed", G_CALLBACK (entry_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->description_view), "changed",
                            G_CALLBACK (description_changed_cb), self);

  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_set_completion (self->tag_entry, completion);
  g_signal_connect_swapped (self->tag_entry, "activate", G_CALLBACK (tag_entry_activate_cb), self);
  g_signal_connect_swapped (self->tag_entry, "icon-release", G_CALLBACK (tag_entry_icon_cb), self);
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (tag_entry_focus_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->tag_entry), focus);
}

static void
trove_details_pane_init (TroveDetailsPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->assets = g_ptr_array_new_with_free_func (g_object_unref);
  self->tags = g_ptr_array_new_with_free_func (g_free);
  self->tag_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->added_tags = g_ptr_array_new_with_free_func (g_free);
  self->removed_tags = g_ptr_array_new_with_free_func (g_free);
  self->unwritable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->blender = g_find_program_in_path ("blender");
  setup_form (self);
  update_actions (self);
}

void
trove_details_pane_set_preview_cache (TroveDetailsPane *self, TrovePreviewCache *cache)
{
  g_return_if_fail (TROVE_IS_DETAILS_PANE (self));
  g_return_if_fail (self->cache == NULL);

  self->cache = g_object_ref (cache);
  g_signal_connect_object (cache, "loaded", G_CALLBACK (preview_loaded_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * trove_details_pane_set_library_assets:
 * @assets: (nullable): every asset of the library, for tag completion
 */
void
trove_details_pane_set_library_assets (TroveDetailsPane *self, GListModel *assets)
{
  g_return_if_fail (TROVE_IS_DETAILS_PANE (self));

  if (self->library_assets != NULL)
    g_signal_handlers_disconnect_by_data (self->library_assets, self);
  g_set_object (&self->library_assets, assets);
  g_clear_object (&self->tag_completions);
  if (assets != NULL)
    g_signal_connect_swapped (assets, "items-changed", G_CALLBACK (library_changed_cb), self);
}

/**
 * trove_details_pane_set_assets:
 * @assets: (element-type TroveAsset): the selected assets (any number)
 * @tree: (nullable): for catalog paths and the catalog picker
 *
 * Shows the assets; changes not applied yet are dropped (the window asks
 * first, see take_edits()).
 */
void
trove_details_pane_set_assets (TroveDetailsPane *self, GPtrArray *assets, TroveCatalogTree *tree)
{
  g_return_if_fail (TROVE_IS_DETAILS_PANE (self));
  g_return_if_fail (assets != NULL);

  g_set_object (&self->tree, tree);
  g_ptr_array_set_size (self->assets, 0);
  for (guint i = 0; i < assets->len; i++)
    g_ptr_array_add (self->assets, g_object_ref (assets->pdata[i]));

  if (assets->len == 0)
    {
      g_cancellable_cancel (self->permission_cancellable);
      memset (self->edited, 0, sizeof self->edited);
      self->catalog_edited = FALSE;
      g_ptr_array_set_size (self->added_tags, 0);
      g_ptr_array_set_size (self->removed_tags, 0);
      gtk_stack_set_visible_child_name (self->stack, "none");
      update_actions (self);
      return;
    }
  load_form (self);
  check_permissions (self);
  gtk_stack_set_visible_child_name (self->stack, "asset");
}

TroveAsset *
trove_details_pane_get_asset (TroveDetailsPane *self)
{
  g_return_val_if_fail (TROVE_IS_DETAILS_PANE (self), NULL);
  return single_asset (self);
}

/* For tests: the text shown for "name", "type", "file", "catalog",
 * "description", "author", "copyright" or "license". */
const char *
trove_details_pane_get_field (TroveDetailsPane *self, const char *field)
{
  static char *description;
  gpointer choice;

  g_return_val_if_fail (TROVE_IS_DETAILS_PANE (self), NULL);

  if (g_str_equal (field, "name"))
    return gtk_label_get_text (self->name_label);
  if (g_str_equal (field, "type"))
    return gtk_label_get_text (self->type_label);
  if (g_str_equal (field, "file"))
    return adw_action_row_get_subtitle (self->file_row);
  if (g_str_equal (field, "catalog"))
    {
      static char *catalog;
      choice = adw_combo_row_get_selected_item (self->catalog_row);
      g_free (catalog);
      catalog = choice != NULL ? choice_text (choice, FALSE) : NULL;
      return catalog;
    }
  if (g_str_equal (field, "description"))
    {
      g_free (description);
      description = description_text (self);
      return description;
    }
  if (g_str_equal (field, "author"))
    return gtk_editable_get_text (GTK_EDITABLE (self->author_row));
  if (g_str_equal (field, "copyright"))
    return gtk_editable_get_text (GTK_EDITABLE (self->copyright_row));
  if (g_str_equal (field, "license"))
    return gtk_editable_get_text (GTK_EDITABLE (self->license_row));
  return NULL;
}

/* For tests: "author", "copyright", "license", "description", "tag-entry",
 * "catalog", "tags", "apply", "revert", "read-only". */
GtkWidget *
trove_details_pane_get_widget (TroveDetailsPane *self, const char *name)
{
  g_return_val_if_fail (TROVE_IS_DETAILS_PANE (self), NULL);

  if (g_str_equal (name, "author"))
    return GTK_WIDGET (self->author_row);
  if (g_str_equal (name, "copyright"))
    return GTK_WIDGET (self->copyright_row);
  if (g_str_equal (name, "license"))
    return GTK_WIDGET (self->license_row);
  if (g_str_equal (name, "description"))
    return GTK_WIDGET (self->description_view);
  if (g_str_equal (name, "tag-entry"))
    return GTK_WIDGET (self->tag_entry);
  if (g_str_equal (name, "catalog"))
    return GTK_WIDGET (self->catalog_row);
  if (g_str_equal (name, "tags"))
    return GTK_WIDGET (self->tags_box);
  if (g_str_equal (name, "apply"))
    return self->apply_button;
  if (g_str_equal (name, "revert"))
    return self->revert_button;
  if (g_str_equal (name, "read-only"))
    return GTK_WIDGET (self->read_only_label);
  return NULL;
}
