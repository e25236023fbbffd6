/* test-library-list.c: registered libraries, their availability and persistence
 *
 * Runs on the GSettings memory backend (GSETTINGS_BACKEND=memory, set by
 * meson), which every GSettings object of the process shares.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-utils.h"

#include "trove-library-list.h"
#include "trove-library.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#define SCHEMA_ID "io.github.trove.Trove"

typedef struct
{
  guint position, removed, added;
} Change;

/* Records a list model's items-changed emissions, and checks each against
 * the model's size so that no emission is inconsistent. */
typedef struct
{
  GListModel *model;
  GArray *changes; /* Change */
  guint n_items;
  gulong handler;
} Recorder;

static void
recorder_items_changed_cb (
    GListModel *model, guint position, guint removed, guint added, Recorder *r)
{
  Change change = { position, removed, added };

  g_assert_cmpuint (position + removed, <=, r->n_items);
  r->n_items = r->n_items - removed + added;
  g_assert_cmpuint (r->n_items, ==, g_list_model_get_n_items (model));
  g_array_append_val (r->changes, change);
}

static void
recorder_init (Recorder *r, gpointer model)
{
  r->model = G_LIST_MODEL (model);
  r->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  r->n_items = g_list_model_get_n_items (r->model);
  r->handler = g_signal_connect (model, "items-changed", G_CALLBACK (recorder_items_changed_cb), r);
}

static void
recorder_clear (Recorder *r)
{
  g_clear_signal_handler (&r->handler, r->model);
  g_clear_pointer (&r->changes, g_array_unref);
}

/* Asserts that exactly one items-changed was emitted since the last check. */
static void
assert_one_change (Recorder *r, guint position, guint removed, guint added)
{
  g_assert_cmpuint (r->changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (r->changes, Change, 0).position, ==, position);
  g_assert_cmpuint (g_array_index (r->changes, Change, 0).removed, ==, removed);
  g_assert_cmpuint (g_array_index (r->changes, Change, 0).added, ==, added);
  g_array_set_size (r->changes, 0);
}

static void
assert_no_change (Recorder *r)
{
  g_assert_cmpuint (r->changes->len, ==, 0);
}

/* Lets change notifications that a backend delivers from an idle run. */
static void
flush_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GSettings *
new_settings (void)
{
  GSettings *settings = g_settings_new (SCHEMA_ID);

  /* The memory backend lives as long as the process: start from the default. */
  g_settings_reset (settings, "libraries");
  flush_main_context ();
  return settings;
}

static char *
key_to_string (GSettings *settings)
{
  g_autoptr (GVariant) value = g_settings_get_value (settings, "libraries");

  return g_variant_print (value, FALSE);
}

static void
set_key (GSettings *settings, const char *text)
{
  g_autoptr (GError) error = NULL;
  /* Not floating: g_settings_set_value() does not take it over. */
  g_autoptr (GVariant) value = g_variant_parse (G_VARIANT_TYPE ("a(ss)"), text, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (g_settings_set_value (settings, "libraries", value));
  flush_main_context ();
}

static TroveLibrary *
item (TroveLibraryList *list, guint position)
{
  g_autoptr (TroveLibrary) library = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (library);
  /* The list keeps its own reference: returning a borrowed pointer is safe. */
  return library;
}

static char *
item_path (TroveLibraryList *list, guint position)
{
  return g_file_get_path (trove_library_get_folder (item (list, position)));
}

/* Asserts the list's (name, path) pairs, as "name=path;name=path". */
static void
assert_list (TroveLibraryList *list, const char *expected)
{
  g_autoptr (GString) actual = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = item_path (list, i);
      g_string_append_printf (actual, "%s%s=%s", i > 0 ? ";" : "",
                              trove_library_get_name (item (list, i)), path);
    }
  g_assert_cmpstr (actual->str, ==, expected);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == TROVE_TYPE_LIBRARY);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n));
}

static char *
make_folder (const char *parent, const char *name)
{
  char *path = g_build_filename (parent, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
  return path;
}

static TroveLibrary *
add_path (TroveLibraryList *list, const char *name, const char *path)
{
  g_autoptr (GFile) folder = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  TroveLibrary *library = trove_library_list_add (list, name, folder, &error);

  g_assert_no_error (error);
  g_assert_nonnull (library);
  flush_main_context ();
  return library;
}

/* --- TroveLibrary --- */

static void
test_default_name (void)
{
  static const struct
  {
    const char *path, *name;
  } cases[] = {
    { "/", "/" },
    { "/srv/assets/Kitchen Props", "Kitchen Props" },
    { "/srv/assets/kitchen/", "kitchen" },
    { "/srv/Matériaux", "Matériaux" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GFile) folder = g_file_new_for_path (cases[i].path);
      g_autofree char *name = trove_library_default_name (folder);
      g_assert_cmpstr (name, ==, cases[i].name);
    }

  {
    /* A base name that is not UTF-8 still gives displayable text. */
    g_autoptr (GFile) folder = g_file_new_for_path ("/srv/caf\xe9");
    g_autofree char *name = trove_library_default_name (folder);
    g_assert_true (g_utf8_validate (name, -1, NULL));
    g_assert_true (g_str_has_prefix (name, "caf"));
  }
}

typedef struct
{
  guint name, available, reason;
} Notifications;

static void
count_notify_cb (GObject *object, GParamSpec *pspec, Notifications *n)
{
  if (strcmp (pspec->name, "name") == 0)
    n->name++;
  else if (strcmp (pspec->name, "available") == 0)
    n->available++;
  else if (strcmp (pspec->name, "unavailable-reason") == 0)
    n->reason++;
}

static void
test_library_properties (void)
{
  g_autoptr (GFile) folder = g_file_new_for_path ("/srv/assets");
  g_autoptr (TroveLibrary) library = trove_library_new ("Assets", folder);
  g_autoptr (GFile) got_folder = NULL;
  g_autofree char *got_name = NULL;
  Notifications n = { 0 };

  /* Until checked, a library counts as available. */
  g_assert_true (trove_library_get_available (library));
  g_assert_null (trove_library_get_unavailable_reason (library));
  g_assert_true (trove_library_get_folder (library) == folder);

  g_object_get (library, "name", &got_name, "folder", &got_folder, NULL);
  g_assert_cmpstr (got_name, ==, "Assets");
  g_assert_true (got_folder == folder);

  g_signal_connect (library, "notify", G_CALLBACK (count_notify_cb), &n);
  trove_library_set_name (library, "Assets");
  g_assert_cmpuint (n.name, ==, 0);
  trove_library_set_name (library, "Shared Assets");
  g_assert_cmpuint (n.name, ==, 1);
  g_object_set (library, "name", "Again", NULL);
  g_assert_cmpuint (n.name, ==, 2);
  g_assert_cmpstr (trove_library_get_name (library), ==, "Again");
}

static void
assert_reason_names (TroveLibrary *library, const char *path, const char *words)
{
  const char *reason = trove_library_get_unavailable_reason (library);

  g_assert_false (trove_library_get_available (library));
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, path));
  g_test_message ("reason: %s", reason);
  g_assert_nonnull (strstr (reason, words));
}

static void
test_availability (void)
{
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autofree char *plain = g_build_filename (dir, "plain.txt", NULL);
  g_autofree char *link = g_build_filename (dir, "link", NULL);
  g_autoptr (GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr (GFile) plain_file = g_file_new_for_path (plain);
  g_autoptr (GFile) link_file = g_file_new_for_path (link);
  g_autoptr (TroveLibrary) library = trove_library_new ("Missing", missing_file);
  g_autoptr (TroveLibrary) file_library = trove_library_new ("Plain", plain_file);
  g_autoptr (TroveLibrary) link_library = trove_library_new ("Link", link_file);
  Notifications n = { 0 };

  g_signal_connect (library, "notify", G_CALLBACK (count_notify_cb), &n);
  trove_library_check_available (library);
  assert_reason_names (library, missing, "does not exist");
  g_assert_cmpuint (n.available, ==, 1);
  g_assert_cmpuint (n.reason, ==, 1);

  /* Nothing changed: nothing notified. */
  trove_library_check_available (library);
  g_assert_cmpuint (n.available, ==, 1);
  g_assert_cmpuint (n.reason, ==, 1);

  /* The folder appears. */
  g_assert_cmpint (g_mkdir (missing, 0755), ==, 0);
  trove_library_check_available (library);
  g_assert_true (trove_library_get_available (library));
  g_assert_null (trove_library_get_unavailable_reason (library));
  g_assert_cmpuint (n.available, ==, 2);
  g_assert_cmpuint (n.reason, ==, 2);

  trove_test_write_file (plain, "x", 1);
  trove_library_check_available (file_library);
  assert_reason_names (file_library, plain, "is not a folder");

  /* Symlinks are followed: to a folder is fine, dangling is missing. */
  g_assert_cmpint (symlink (missing, link), ==, 0);
  trove_library_check_available (link_library);
  g_assert_true (trove_library_get_available (link_library));
  g_assert_cmpint (g_rmdir (missing), ==, 0);
  trove_library_check_available (link_library);
  assert_reason_names (link_library, link, "does not exist");

  trove_test_remove_tree (dir);
}

static void
test_availability_unreadable (void)
{
  g_autofree char *dir = NULL, *private_dir = NULL, *inner = NULL;
  g_autoptr (GFile) private_file = NULL, inner_file = NULL;
  g_autoptr (TroveLibrary) library = NULL, inner_library = NULL;

  if (!trove_test_run_unprivileged ())
    return;
  dir = trove_test_make_temp_dir ();
  private_dir = make_folder (dir, "private");
  inner = make_folder (private_dir, "inner");
  private_file = g_file_new_for_path (private_dir);
  inner_file = g_file_new_for_path (inner);
  library = trove_library_new ("Private", private_file);
  inner_library = trove_library_new ("Inner", inner_file);

  g_assert_cmpint (g_chmod (private_dir, 0), ==, 0);
  trove_library_check_available (library);
  assert_reason_names (library, private_dir, "cannot be read");
  /* Inside a folder that cannot be searched, stat itself is refused. */
  trove_library_check_available (inner_library);
  assert_reason_names (inner_library, inner, "cannot be read");

  /* Listable but not searchable: the scanner could not stat the files. */
  g_assert_cmpint (g_chmod (private_dir, 0444), ==, 0);
  trove_library_check_available (library);
  assert_reason_names (library, private_dir, "cannot be read");

  g_assert_cmpint (g_chmod (private_dir, 0755), ==, 0);
  trove_library_check_available (library);
  g_assert_true (trove_library_get_available (library));
  trove_test_remove_tree (dir);
}

static void
check_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  gboolean *done = user_data;
  g_autoptr (GError) error = NULL;

  g_assert_false (trove_library_check_available_finish (TROVE_LIBRARY (source), result, &error));
  g_assert_no_error (error);
  g_assert_false (trove_library_get_available (TROVE_LIBRARY (source)));
  *done = TRUE;
}

static void
test_availability_async (void)
{
  g_autoptr (GFile) folder = g_file_new_for_path ("/nonexistent/trove-test/library");
  g_autoptr (TroveLibrary) library = trove_library_new ("Missing", folder);
  gboolean done = FALSE;

  trove_library_check_available_async (library, NULL, check_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  assert_reason_names (library, "/nonexistent/trove-test/library", "does not exist");
}

/* --- TroveLibraryList --- */

static void
test_add_round_trip (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *a = make_folder (dir, "a");
  g_autofree char *b = make_folder (dir, "Matériaux");
  g_autofree char *expected = NULL, *expected_key = NULL, *key = NULL;
  g_autoptr (TroveLibraryList) list = trove_library_list_new (settings);
  g_autoptr (TroveLibraryList) other = NULL;
  g_autoptr (GFile) b_file = NULL;
  TroveLibrary *library;
  Recorder r;
  guint n_items = 0;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  recorder_init (&r, list);

  library = add_path (list, "  Library A ", a);
  assert_one_change (&r, 0, 0, 1);
  /* Surrounding white space is dropped; availability is checked on add. */
  g_assert_cmpstr (trove_library_get_name (library), ==, "Library A");
  g_assert_true (trove_library_get_available (library));
  g_assert_true (item (list, 0) == library);

  add_path (list, "Bibliothèque “B”", b);
  assert_one_change (&r, 1, 0, 1);
  g_object_get (list, "n-items", &n_items, NULL);
  g_assert_cmpuint (n_items, ==, 2);

  expected = g_strdup_printf ("Library A=%s;Bibliothèque “B”=%s", a, b);
  assert_list (list, expected);
  key = key_to_string (settings);
  expected_key = g_strdup_printf ("[('Library A', '%s'), ('Bibliothèque “B”', '%s')]", a, b);
  g_assert_cmpstr (key, ==, expected_key);

  /* Another list (e.g. another window) sees the same libraries. */
  other = trove_library_list_new (settings);
  assert_list (other, expected);
  g_assert_true (trove_library_get_available (item (other, 1)));

  b_file = g_file_new_for_path (b);
  g_assert_true (trove_library_list_find (list, b_file) == item (list, 1));
  g_assert_true (trove_library_list_find (other, b_file) == item (other, 1));

  recorder_clear (&r);
  trove_test_remove_tree (dir);
}

static void
test_remove_rename_move (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  g_autoptr (TroveLibraryList) list = trove_library_list_new (settings);
  g_autoptr (TroveLibraryList) other = trove_library_list_new (settings);
  g_autoptr (GError) error = NULL;
  g_autoptr (TroveLibrary) kept = NULL;
  TroveLibrary *a, *b, *c, *d;
  Recorder r, ro;

  a = add_path (list, "A", "/srv/trove-test/a");
  b = add_path (list, "B", "/srv/trove-test/b");
  c = add_path (list, "C", "/srv/trove-test/c");
  d = add_path (list, "D", "/srv/trove-test/d");
  recorder_init (&r, list);
  recorder_init (&ro, other);
  assert_list (other, "A=/srv/trove-test/a;B=/srv/trove-test/b;C=/srv/trove-test/c;"
                      "D=/srv/trove-test/d");

  /* Move down: one emission covers the moved range. */
  trove_library_list_move (list, a, 2);
  flush_main_context ();
  assert_one_change (&r, 0, 3, 3);
  assert_list (list, "B=/srv/trove-test/b;C=/srv/trove-test/c;A=/srv/trove-test/a;"
                     "D=/srv/trove-test/d");
  /* The other list reloads with the smallest range that differs. */
  assert_one_change (&ro, 0, 3, 3);
  assert_list (other, "B=/srv/trove-test/b;C=/srv/trove-test/c;A=/srv/trove-test/a;"
                      "D=/srv/trove-test/d");

  /* Move up, and past the end (clamped). */
  trove_library_list_move (list, d, 1);
  flush_main_context ();
  assert_one_change (&r, 1, 3, 3);
  assert_one_change (&ro, 1, 3, 3);
  trove_library_list_move (list, b, 100);
  flush_main_context ();
  assert_one_change (&r, 0, 4, 4);
  assert_one_change (&ro, 0, 4, 4);
  assert_list (list, "D=/srv/trove-test/d;C=/srv/trove-test/c;A=/srv/trove-test/a;"
                     "B=/srv/trove-test/b");
  /* To where it is: nothing happens. */
  trove_library_list_move (list, b, 3);
  flush_main_context ();
  assert_no_change (&r);
  assert_no_change (&ro);

  /* Rename: no items-changed, a notification, and the key follows. */
  g_assert_true (trove_library_list_rename (list, c, " Cee ", &error));
  g_assert_no_error (error);
  flush_main_context ();
  assert_no_change (&r);
  assert_no_change (&ro);
  g_assert_cmpstr (trove_library_get_name (c), ==, "Cee");
  assert_list (other, "D=/srv/trove-test/d;Cee=/srv/trove-test/c;A=/srv/trove-test/a;"
                      "B=/srv/trove-test/b");

  /* Empty or blank names are refused and change nothing. */
  g_assert_false (trove_library_list_rename (list, c, " \t ", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (trove_library_list_rename (list, c, "", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpstr (trove_library_get_name (c), ==, "Cee");

  /* A name set on the library itself is saved too. */
  trove_library_set_name (a, "Ay");
  flush_main_context ();
  assert_list (other, "D=/srv/trove-test/d;Cee=/srv/trove-test/c;Ay=/srv/trove-test/a;"
                      "B=/srv/trove-test/b");

  /* Remove: the object outlives its removal if someone holds it. */
  kept = g_object_ref (c);
  trove_library_list_remove (list, c);
  flush_main_context ();
  assert_one_change (&r, 1, 1, 0);
  assert_one_change (&ro, 1, 1, 0);
  assert_list (other, "D=/srv/trove-test/d;Ay=/srv/trove-test/a;B=/srv/trove-test/b");
  g_assert_null (trove_library_list_find (list, trove_library_get_folder (kept)));
  /* Renaming a removed library no longer touches the key. */
  trove_library_set_name (kept, "Gone");
  flush_main_context ();
  assert_list (other, "D=/srv/trove-test/d;Ay=/srv/trove-test/a;B=/srv/trove-test/b");

  trove_library_list_remove (list, d);
  trove_library_list_remove (list, b);
  trove_library_list_remove (list, a);
  flush_main_context ();
  g_assert_cmpuint (r.changes->len, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 0);
  {
    g_autofree char *key = key_to_string (settings);
    g_assert_cmpstr (key, ==, "[]");
  }

  recorder_clear (&r);
  recorder_clear (&ro);
}

static void
test_refusals (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  g_autoptr (TroveLibraryList) list = trove_library_list_new (settings);
  g_autoptr (GError) error = NULL;
  g_autofree char *key = NULL;
  Recorder r;
  static const char *const same_folder[] = {
    "/srv/trove-test/kitchen/",
    "/srv/trove-test/kitchen/.",
    "/srv/trove-test//kitchen",
    "/srv/trove-test/other/../kitchen",
  };

  add_path (list, "Kitchen", "/srv/trove-test/kitchen");
  key = key_to_string (settings);
  recorder_init (&r, list);

  for (gsize i = 0; i < G_N_ELEMENTS (same_folder); i++)
    {
      g_autoptr (GFile) folder = g_file_new_for_path (same_folder[i]);

      g_assert_null (trove_library_list_add (list, "Again", folder, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
      /* The message names the folder and the library that has it. */
      g_assert_nonnull (strstr (error->message, "/srv/trove-test/kitchen"));
      g_assert_nonnull (strstr (error->message, "Kitchen"));
      g_clear_error (&error);
      g_assert_true (trove_library_list_find (list, folder) == item (list, 0));
    }

  {
    g_autoptr (GFile) folder = g_file_new_for_path ("/srv/trove-test/new");

    g_assert_null (trove_library_list_add (list, "", folder, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    g_assert_null (trove_library_list_add (list, "  \n", folder, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    g_assert_null (trove_library_list_find (list, folder));
  }
  {
    /* A folder without a local path (an unmounted remote share). */
    g_autoptr (GFile) remote = g_file_new_for_uri ("sftp://example.invalid/assets");

    g_assert_null (trove_library_list_add (list, "Remote", remote, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
    g_clear_error (&error);
  }
  {
    /* The key holds UTF-8 strings only. */
    g_autoptr (GFile) latin1 = g_file_new_for_path ("/srv/trove-test/caf\xe9");

    g_assert_null (trove_library_list_add (list, "Café", latin1, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
    g_clear_error (&error);
  }

  flush_main_context ();
  assert_no_change (&r);
  {
    g_autofree char *after = key_to_string (settings);
    g_assert_cmpstr (after, ==, key);
  }
  recorder_clear (&r);
}

static void
test_load_checks_availability (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  g_autofree char *dir = trove_test_make_temp_dir ();
  g_autofree char *present = make_folder (dir, "present");
  g_autofree char *plain = g_build_filename (dir, "plain", NULL);
  g_autofree char *text = NULL;
  g_autoptr (TroveLibraryList) list = NULL;
  TroveLibrary *library;

  trove_test_write_file (plain, "", 0);
  text = g_strdup_printf ("[('Present', '%s'), ('Missing', '/nonexistent/trove-test'), "
                          "('Plain', '%s')]",
                          present, plain);
  set_key (settings, text);
  list = trove_library_list_new (settings);

  g_assert_true (trove_library_get_available (item (list, 0)));
  assert_reason_names (item (list, 1), "/nonexistent/trove-test", "does not exist");
  assert_reason_names (item (list, 2), plain, "is not a folder");

  /* Added libraries are checked too. */
  library = add_path (list, "Also Missing", "/nonexistent/trove-test-2");
  assert_reason_names (library, "/nonexistent/trove-test-2", "does not exist");

  trove_test_remove_tree (dir);
}

static void
test_external_change (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  /* Another GSettings object stands for another process or dconf-editor. */
  g_autoptr (GSettings) external = g_settings_new (SCHEMA_ID);
  g_autoptr (TroveLibraryList) list = NULL;
  TroveLibrary *a, *b, *c;
  Notifications n = { 0 };
  Recorder r;

  set_key (external, "[('A', '/srv/x/a'), ('B', '/srv/x/b'), ('C', '/srv/x/c')]");
  list = trove_library_list_new (settings);
  assert_list (list, "A=/srv/x/a;B=/srv/x/b;C=/srv/x/c");
  a = item (list, 0);
  b = item (list, 1);
  c = item (list, 2);
  recorder_init (&r, list);
  g_signal_connect (b, "notify", G_CALLBACK (count_notify_cb), &n);

  /* Rewriting the same value changes nothing. */
  set_key (external, "[('A', '/srv/x/a'), ('B', '/srv/x/b'), ('C', '/srv/x/c')]");
  assert_no_change (&r);

  /* A rename keeps the object and notifies its name only. */
  set_key (external, "[('A', '/srv/x/a'), ('Bee', '/srv/x/b'), ('C', '/srv/x/c')]");
  assert_no_change (&r);
  g_assert_true (item (list, 1) == b);
  g_assert_cmpstr (trove_library_get_name (b), ==, "Bee");
  g_assert_cmpuint (n.name, ==, 1);

  /* An insertion in the middle: only that range, other objects kept. */
  set_key (external, "[('A', '/srv/x/a'), ('N', '/srv/x/n'), ('Bee', '/srv/x/b'), "
                     "('C', '/srv/x/c')]");
  assert_one_change (&r, 1, 0, 1);
  g_assert_true (item (list, 0) == a);
  g_assert_true (item (list, 2) == b);
  g_assert_true (item (list, 3) == c);

  /* A swap: the range between the first and last difference. */
  set_key (external, "[('A', '/srv/x/a'), ('C', '/srv/x/c'), ('Bee', '/srv/x/b'), "
                     "('N', '/srv/x/n')]");
  assert_one_change (&r, 1, 3, 3);
  g_assert_true (item (list, 1) == c);

  /* Entries that cannot be libraries are skipped; a nameless one gets its
   * folder's name; paths are canonicalized. */
  set_key (external, "[('A', '/srv/x/a'), ('Empty', ''), ('Relative', 'srv/x/r'), "
                     "('Dup', '/srv/x/a/'), ('', '/srv/x/Unnamed Folder'), ('C', '/srv/x//c/')]");
  assert_one_change (&r, 1, 3, 2);
  assert_list (list, "A=/srv/x/a;Unnamed Folder=/srv/x/Unnamed Folder;C=/srv/x/c");
  g_assert_true (item (list, 2) == c);
  g_assert_cmpuint (n.name, ==, 1);

  /* The list does not rewrite the key while loading it. */
  {
    g_autofree char *key = key_to_string (settings);
    g_assert_nonnull (strstr (key, "Relative"));
  }

  /* Reset to the default: everything goes. */
  g_settings_reset (external, "libraries");
  flush_main_context ();
  assert_one_change (&r, 0, 3, 0);
  recorder_clear (&r);

  /* The settings and a library may outlive the list. */
  set_key (external, "[('A', '/srv/x/a')]");
  {
    g_autoptr (TroveLibrary) survivor = g_object_ref (item (list, 0));

    g_clear_object (&list);
    set_key (external, "[('B', '/srv/x/b')]");
    trove_library_set_name (survivor, "Survivor");
    flush_main_context ();
  }
  {
    g_autofree char *key = key_to_string (settings);
    g_assert_cmpstr (key, ==, "[('B', '/srv/x/b')]");
  }
}

static void
count_changed_cb (GSettings *settings, const char *key, guint *count)
{
  (*count)++;
}

static void
test_one_write_per_change (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  g_autoptr (TroveLibraryList) list = trove_library_list_new (settings);
  g_autoptr (GError) error = NULL;
  TroveLibrary *a, *b;
  guint writes = 0;
  Recorder r;

  recorder_init (&r, list);
  g_signal_connect (settings, "changed::libraries", G_CALLBACK (count_changed_cb), &writes);

  a = add_path (list, "A", "/srv/y/a");
  g_assert_cmpuint (writes, ==, 1);
  assert_one_change (&r, 0, 0, 1);
  b = add_path (list, "B", "/srv/y/b");
  g_assert_cmpuint (writes, ==, 2);
  assert_one_change (&r, 1, 0, 1);
  trove_library_list_move (list, b, 0);
  flush_main_context ();
  g_assert_cmpuint (writes, ==, 3);
  assert_one_change (&r, 0, 2, 2);
  g_assert_true (trove_library_list_rename (list, a, "Ay", &error));
  flush_main_context ();
  g_assert_cmpuint (writes, ==, 4);
  /* The same name again is no change. */
  g_assert_true (trove_library_list_rename (list, a, "Ay", &error));
  flush_main_context ();
  g_assert_cmpuint (writes, ==, 4);
  trove_library_list_remove (list, a);
  flush_main_context ();
  g_assert_cmpuint (writes, ==, 5);
  assert_one_change (&r, 1, 1, 0);

  recorder_clear (&r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/library/default-name", test_default_name);
  g_test_add_func ("/library/properties", test_library_properties);
  g_test_add_func ("/library/availability", test_availability);
  g_test_add_func ("/library/availability-unreadable", test_availability_unreadable);
  g_test_add_func ("/library/availability-async", test_availability_async);
  g_test_add_func ("/library-list/add-round-trip", test_add_round_trip);
  g_test_add_func ("/library-list/remove-rename-move", test_remove_rename_move);
  g_test_add_func ("/library-list/refusals", test_refusals);
  g_test_add_func ("/library-list/load-checks-availability", test_load_checks_availability);
  g_test_add_func ("/library-list/external-change", test_external_change);
  g_test_add_func ("/library-list/one-write-per-change", test_one_write_per_change);

  return g_test_run ();
}
