/* trove-scanner.c
 *
 * A scan runs in three places:
 *   - one discovery thread walks the folders (readdir + stat, iteratively,
 *     following symlinks but never entering a folder twice);
 *   - a GThreadPool reads the .blend files it finds, in parallel;
 *   - the caller's main context receives the results in batches, appended to
 *     the models with one items-changed per batch, and the final result.
 * A file that cannot be read becomes a TroveUnreadableFile; the scan goes on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-scanner.h"
#include "trove-asset.h"
#include "trove-blend-file.h"
#include "trove-error.h"
#include "trove-thread.h"
#include "trove-unreadable-file.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/stat.h>

/* Blender recurses up to FILE_SELECT_MAX_RECURSIONS (about 545) levels. */
#define MAX_DEPTH 512

struct _TroveScanner
{
  GObject parent_instance;

  GFile *location;
  GFile *root;
  guint max_threads;
  gboolean background;
  GListStore *assets;
  GListStore *unreadable;
  guint n_files;
  guint n_files_done;
  gboolean running;
};

G_DEFINE_FINAL_TYPE (TroveScanner, trove_scanner, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_LOCATION,
  PROP_ROOT,
  PROP_MAX_THREADS,
  PROP_BACKGROUND,
  PROP_ASSETS,
  PROP_UNREADABLE_FILES,
  PROP_N_FILES,
  PROP_N_FILES_DONE,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char *path;
  char *relative; /* display form, '/'-separated */
} FileItem;

typedef struct
{
  TroveScanner *scanner;
  GTask *task;
  GCancellable *cancellable;
  GMainContext *context;
  char *location_path;
  char *root_path;

  GThread *discovery;
  GThreadPool *pool;

  GMutex mutex;
  GPtrArray *pending_assets;
  GPtrArray *pending_unreadable;
  guint n_found;
  guint n_done;
  gboolean discovery_done;
  gboolean flush_scheduled;
  gint64 last_flush;
  gboolean background;
  gboolean finish_scheduled;
  GError *fatal;
} ScanJob;

static void
file_item_free (FileItem *item)
{
  g_free (item->path);
  g_free (item->relative);
  g_free (item);
}

static void
scan_job_free (ScanJob *job)
{
  g_clear_pointer (&job->pending_assets, g_ptr_array_unref);
  g_clear_pointer (&job->pending_unreadable, g_ptr_array_unref);
  g_clear_error (&job->fatal);
  g_mutex_clear (&job->mutex);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job->location_path);
  g_free (job->root_path);
  g_clear_object (&job->scanner);
  g_free (job);
}

gboolean
trove_scanner_is_library_file_name (const char *name)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  /* BKE_blendfile_extension_check: .blend, .ble, .blend.gz, any case. Backups
   * (.blend1, .blend2...) and Blender's temporary `file.blend@` do not match. */
  lower = g_ascii_strdown (name, -1);
  return g_str_has_suffix (lower, ".blend") || g_str_has_suffix (lower, ".ble")
         || g_str_has_suffix (lower, ".blend.gz");
}

/* --- results, delivered on the caller's main context --- */

static void
set_counts (TroveScanner *self, guint n_files, guint n_files_done)
{
  if (self->n_files != n_files)
    {
      self->n_files = n_files;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FILES]);
    }
  if (self->n_files_done != n_files_done)
    {
      self->n_files_done = n_files_done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FILES_DONE]);
    }
}

static void
flush_pending (ScanJob *job)
{
  g_autoptr (GPtrArray) assets = NULL;
  g_autoptr (GPtrArray) unreadable = NULL;
  TroveScanner *self = job->scanner;
  guint n_found, n_done;

  g_mutex_lock (&job->mutex);
  assets = g_steal_pointer (&job->pending_assets);
  unreadable = g_steal_pointer (&job->pending_unreadable);
  job->pending_assets = g_ptr_array_new_with_free_func (g_object_unref);
  job->pending_unreadable = g_ptr_array_new_with_free_func (g_object_unref);
  job->flush_scheduled = FALSE;
  job->last_flush = g_get_monotonic_time ();
  n_found = job->n_found;
  n_done = job->n_done;
  g_mutex_unlock (&job->mutex);

  /* One items-changed per batch keeps a GtkGridView responsive on big libraries. */
  if (assets->len > 0)
    g_list_store_splice (self->assets, g_list_model_get_n_items (G_LIST_MODEL (self->assets)), 0,
                         assets->pdata, assets->len);
  if (unreadable->len > 0)
    g_list_store_splice (self->unreadable,
                         g_list_model_get_n_items (G_LIST_MODEL (self->unreadable)), 0,
                         unreadable->pdata, unreadable->len);
  set_counts (self, n_found, n_done);
}

static gboolean
flush_cb (gpointer data)
{
  flush_pending (g_task_get_task_data (G_TASK (data)));
  return G_SOURCE_REMOVE;
}

static gboolean
finish_cb (gpointer data)
{
  GTask *task = G_TASK (data);
  ScanJob *job = g_task_get_task_data (task);
  TroveScanner *self = job->scanner;

  /* All work is done: joining only waits for the threads to return. */
  g_thread_join (g_steal_pointer (&job->discovery));
  g_thread_pool_free (g_steal_pointer (&job->pool), FALSE, TRUE);

  flush_pending (job);
  self->running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  if (job->fatal != NULL)
    g_task_return_error (task, g_steal_pointer (&job->fatal));
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);

  /* Break the task <-> job cycle; the idle source still holds the task. */
  g_clear_object (&job->task);
  return G_SOURCE_REMOVE;
}

/* Results reach the main thread at most this often: every batch costs the
 * views above the list a re-sort and a relayout, whatever its size. */
#define FLUSH_INTERVAL_MS 100

static void
schedule_in (ScanJob *job, GSourceFunc func, guint delay_ms)
{
  GSource *source = delay_ms > 0 ? g_timeout_source_new (delay_ms) : g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, g_object_ref (job->task), g_object_unref);
  g_source_set_static_name (source, "[trove] scanner results");
  g_source_attach (source, job->context);
  g_source_unref (source);
}

static void
schedule (ScanJob *job, GSourceFunc func)
{
  schedule_in (job, func, 0);
}

/* Called with the mutex held. */
static void
maybe_finish_locked (ScanJob *job)
{
  if (job->discovery_done && job->n_done == job->n_found && !job->finish_scheduled)
    {
      job->finish_scheduled = TRUE;
      schedule (job, finish_cb);
    }
}

static void
queue_result (ScanJob *job, GPtrArray *assets, TroveUnreadableFile *unreadable, gboolean done)
{
  g_mutex_lock (&job->mutex);
  if (assets != NULL)
    g_ptr_array_extend_and_steal (job->pending_assets, assets);
  if (unreadable != NULL)
    g_ptr_array_add (job->pending_unreadable, unreadable);
  if (done)
    job->n_done++;
  if (!job->flush_scheduled)
    {
      /* The first results go at once, so that the window fills quickly. */
      gint64 since = (g_get_monotonic_time () - job->last_flush) / 1000;

      job->flush_scheduled = TRUE;
      schedule_in (job, flush_cb,
                   job->last_flush == 0 || since >= FLUSH_INTERVAL_MS
                       ? 0
                       : (guint)(FLUSH_INTERVAL_MS - since));
    }
  maybe_finish_locked (job);
  g_mutex_unlock (&job->mutex);
}

/* --- reading files, on the worker pool --- */

static void
read_file (gpointer data, gpointer user_data)
{
  FileItem *item = data;
  ScanJob *job = user_data;
  g_autoptr (GError) error = NULL;
  GPtrArray *assets = NULL;
  TroveUnreadableFile *unreadable = NULL;

  if (job->background)
    trove_thread_make_background ();
  if (!g_cancellable_is_cancelled (job->cancellable))
    {
      g_autoptr (TroveBlendFile) file
          = trove_blend_file_open (item->path, job->cancellable, &error);
      if (file != NULL)
        assets = trove_blend_file_list_assets (file, item->relative, job->cancellable, &error);
      if (assets == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        unreadable = trove_unreadable_file_new (item->relative, item->path, error);
    }

  queue_result (job, assets, unreadable, TRUE);
  file_item_free (item);
}

/* --- discovery, on its own thread --- */

static void
push_file (ScanJob *job, const char *path, const char *relative)
{
  FileItem *item = g_new0 (FileItem, 1);

  item->path = g_strdup (path);
  item->relative = g_filename_display_name (relative);
  g_mutex_lock (&job->mutex);
  job->n_found++;
  g_mutex_unlock (&job->mutex);
  g_thread_pool_push (job->pool, item, NULL);
}

static void
report_unreadable (ScanJob *job, const char *path, const char *relative, const GError *error)
{
  g_autofree char *display = g_filename_display_name (relative);

  queue_result (job, NULL, trove_unreadable_file_new (display, path, error), FALSE);
}

static void
report_errno (ScanJob *job, const char *path, const char *relative, int saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr (GError) error = g_error_new (G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                          _ ("“%s”: %s"), display, g_strerror (saved_errno));

  report_unreadable (job, path, relative, error);
}

typedef struct
{
  char *path;
  char *relative; /* raw bytes; "" for the root */
  guint depth;
} DirItem;

static void
dir_item_free (DirItem *dir)
{
  g_free (dir->path);
  g_free (dir->relative);
  g_free (dir);
}

static char *
dir_key (const struct stat *st)
{
  return g_strdup_printf ("%ju:%ju", (uintmax_t)st->st_dev, (uintmax_t)st->st_ino);
}

/* Returns a DirItem for a folder to descend into, or NULL. */
static DirItem *
visit_entry (ScanJob *job, GHashTable *visited, DirItem *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir->path, name, NULL);
  g_autofree char *relative
      = dir->relative[0] != '\0' ? g_strconcat (dir->relative, "/", name, NULL) : g_strdup (name);
  DirItem *child;
  struct stat st;

  /* stat() follows symlinks, as Blender's file browser does. */
  if (stat (path, &st) != 0)
    {
      if (trove_scanner_is_library_file_name (name))
        report_errno (job, path, relative, errno);
      return NULL;
    }

  if (S_ISREG (st.st_mode) && trove_scanner_is_library_file_name (name))
    push_file (job, path, relative);
  if (!S_ISDIR (st.st_mode))
    return NULL;

  /* A folder reached twice (a symlink loop, or two links to one folder) is
   * read once: the first path in sorted depth-first order wins. */
  if (!g_hash_table_add (visited, dir_key (&st)))
    return NULL;
  if (dir->depth + 1 > MAX_DEPTH)
    {
      g_autoptr (GError) error = g_error_new (TROVE_ERROR, TROVE_ERROR_TOO_LARGE,
                                              _ ("“%s”: folders nested too deeply"), path);
      report_unreadable (job, path, relative, error);
      return NULL;
    }
  child = g_new0 (DirItem, 1);
  child->path = g_steal_pointer (&path);
  child->relative = g_steal_pointer (&relative);
  child->depth = dir->depth + 1;
  return child;
}

static GPtrArray *
read_names (ScanJob *job, DIR *d)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  struct dirent *entry;

  while ((entry = readdir (d)) != NULL && !g_cancellable_is_cancelled (job->cancellable))
    {
      /* Hidden entries (and . and ..) are skipped, as Blender's asset browser hides them. */
      if (entry->d_name[0] != '.')
        g_ptr_array_add (names, g_strdup (entry->d_name));
    }
  return names;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

static gboolean
walk_folder (ScanJob *job, GQueue *stack, GHashTable *visited, DirItem *dir)
{
  g_autoptr (GPtrArray) names = NULL;
  g_autoptr (GPtrArray) children = g_ptr_array_new ();
  DIR *d = opendir (dir->path);

  if (d == NULL)
    {
      int saved_errno = errno;
      if (dir->depth == 0)
        {
          g_autofree char *display = g_filename_display_name (dir->path);
          g_set_error (&job->fatal, G_IO_ERROR, g_io_error_from_errno (saved_errno), _ ("“%s”: %s"),
                       display, g_strerror (saved_errno));
          return FALSE;
        }
      report_errno (job, dir->path, dir->relative, saved_errno);
      return TRUE;
    }
  names = read_names (job, d);
  closedir (d);

  /* Sorted, so that scans are reproducible whatever order readdir() gives. */
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len && !g_cancellable_is_cancelled (job->cancellable); i++)
    {
      DirItem *child = visit_entry (job, visited, dir, names->pdata[i]);
      if (child != NULL)
        g_ptr_array_add (children, child);
    }
  for (guint i = children->len; i > 0; i--)
    g_queue_push_head (stack, children->pdata[i - 1]);
  return TRUE;
}

static void
discover_tree (ScanJob *job)
{
  g_autoptr (GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GQueue stack = G_QUEUE_INIT;
  DirItem *dir;
  struct stat st;

  if (stat (job->root_path, &st) == 0)
    g_hash_table_add (visited, dir_key (&st));

  dir = g_new0 (DirItem, 1);
  dir->path = g_strdup (job->root_path);
  dir->relative = g_strdup ("");
  g_queue_push_head (&stack, dir);

  /* An explicit stack, not recursion: the depth comes from the user's disk. */
  while ((dir = g_queue_pop_head (&stack)) != NULL)
    {
      gboolean ok = !g_cancellable_is_cancelled (job->cancellable)
                    && walk_folder (job, &stack, visited, dir);
      dir_item_free (dir);
      if (!ok)
        break;
    }
  g_queue_clear_full (&stack, (GDestroyNotify)dir_item_free);
}

static gpointer
discover (gpointer data)
{
  ScanJob *job = data;
  struct stat st;

  if (job->background)
    trove_thread_make_background ();
  if (stat (job->location_path, &st) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (job->location_path);
      g_set_error (&job->fatal, G_IO_ERROR, g_io_error_from_errno (saved_errno), _ ("“%s”: %s"),
                   display, g_strerror (saved_errno));
    }
  else if (S_ISDIR (st.st_mode))
    discover_tree (job);
  else
    {
      g_autofree char *name = g_path_get_basename (job->location_path);
      push_file (job, job->location_path, name);
    }

  g_mutex_lock (&job->mutex);
  job->discovery_done = TRUE;
  maybe_finish_locked (job);
  g_mutex_unlock (&job->mutex);
  return NULL;
}

/* --- GObject --- */

static void
trove_scanner_dispose (GObject *object)
{
  TroveScanner *self = (TroveScanner *)object;

  g_clear_object (&self->assets);
  g_clear_object (&self->unreadable);
  g_clear_object (&self->location);
  g_clear_object (&self->root);

  G_OBJECT_CLASS (trove_scanner_parent_class)->dispose (object);
}

static void
trove_scanner_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TroveScanner *self = TROVE_SCANNER (object);

  switch (prop_id)
    {
    case PROP_LOCATION:
      g_value_set_object (value, self->location);
      break;
    case PROP_ROOT:
      g_value_set_object (value, self->root);
      break;
    case PROP_MAX_THREADS:
      g_value_set_uint (value, self->max_threads);
      break;
    case PROP_BACKGROUND:
      g_value_set_boolean (value, self->background);
      break;
    case PROP_ASSETS:
      g_value_set_object (value, self->assets);
      break;
    case PROP_UNREADABLE_FILES:
      g_value_set_object (value, self->unreadable);
      break;
    case PROP_N_FILES:
      g_value_set_uint (value, self->n_files);
      break;
    case PROP_N_FILES_DONE:
      g_value_set_uint (value, self->n_files_done);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trove_scanner_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  TroveScanner *self = TROVE_SCANNER (object);

  switch (prop_id)
    {
    case PROP_LOCATION:
      self->location = g_value_dup_object (value);
      break;
    case PROP_MAX_THREADS:
      trove_scanner_set_max_threads (self, g_value_get_uint (value));
      break;
    case PROP_BACKGROUND:
      trove_scanner_set_background (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trove_scanner_constructed (GObject *object)
{
  TroveScanner *self = TROVE_SCANNER (object);
  g_autofree char *path = NULL;

  G_OBJECT_CLASS (trove_scanner_parent_class)->constructed (object);

  g_assert (self->location != NULL);

  /* A single .blend file is scanned as the only file of its folder's library. */
  path = g_file_get_path (self->location);
  if (path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR))
    self->root = g_file_get_parent (self->location);
  if (self->root == NULL)
    self->root = g_object_ref (self->location);
}

static void
trove_scanner_class_init (TroveScannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = trove_scanner_dispose;
  object_class->get_property = trove_scanner_get_property;
  object_class->set_property = trove_scanner_set_property;
  object_class->constructed = trove_scanner_constructed;

  properties[PROP_LOCATION]
      = g_param_spec_object ("location", NULL, "A library folder or one .blend file", G_TYPE_FILE,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROOT]
      = g_param_spec_object ("root", NULL, "The library root folder", G_TYPE_FILE, ro);
  properties[PROP_MAX_THREADS]
      = g_param_spec_uint ("max-threads", NULL, "Files read in parallel", 1, 64, 2,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BACKGROUND] = g_param_spec_boolean (
      "background", NULL, "Whether reading threads give way to the user interface", FALSE,
      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ASSETS]
      = g_param_spec_object ("assets", NULL, "TroveAsset items", G_TYPE_LIST_MODEL, ro);
  properties[PROP_UNREADABLE_FILES] = g_param_spec_object (
      "unreadable-files", NULL, "TroveUnreadableFile items", G_TYPE_LIST_MODEL, ro);
  properties[PROP_N_FILES]
      = g_param_spec_uint ("n-files", NULL, "Library files found so far", 0, G_MAXUINT, 0, ro);
  properties[PROP_N_FILES_DONE]
      = g_param_spec_uint ("n-files-done", NULL, "Library files read so far", 0, G_MAXUINT, 0, ro);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trove_scanner_init (TroveScanner *self)
{
  self->max_threads = CLAMP (g_get_num_processors (), 2, 64);
  self->assets = g_list_store_new (TROVE_TYPE_ASSET);
  self->unreadable = g_list_store_new (TROVE_TYPE_UNREADABLE_FILE);
}

/* --- public API --- */

TroveScanner *
trove_scanner_new (GFile *location)
{
  g_return_val_if_fail (G_IS_FILE (location), NULL);

  return g_object_new (TROVE_TYPE_SCANNER, "location", location, NULL);
}

GFile *
trove_scanner_get_location (TroveScanner *self)
{
  g_return_val_if_fail (TROVE_IS_SCANNER (self), NULL);
  return self->location;
}

GFile *
trove_scanner_get_root (TroveScanner *self)
{
  g_return_val_if_fail (TROVE_IS_SCANNER (self), NULL);
  return self->root;
}

guint
trove_scanner_get_max_threads (TroveScanner *self)
{
  g_return_val_if_fail (TROVE_IS_SCANNER (self), 0);
  return self->max_threads;
}

void
trove_scanner_set_max_threads (TroveScanner *self, guint max_threads)
{
  g_return_if_fail (TROVE_IS_SCANNER (self));
  g_return_if_fail (max_threads >= 1);

  if (self->max_threads == max_threads)
    return;
  self->max_threads = max_threads;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_THREADS]);
}

gboolean
trove_scanner_get_background (TroveScanner *self)
{
  g_return_val_if_fail (TROVE_IS_SCANNER (self), FALSE);
  return self->background;
}

/**
 * trove_scanner_set_background:
 *
 * With @background, the threads of the next scans lower their scheduling
 * priority (trove-thread.c): a window's main thread then never waits behind
 * them. A command-line scan leaves it off, to take its full share of the
 * machine when other programs are busy.
 */
void
trove_scanner_set_background (TroveScanner *self, gboolean background)
{
  g_return_if_fail (TROVE_IS_SCANNER (self));

  background = !!background;
  if (self->background == background)
    return;
  self->background = background;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKGROUND]);
}

GListModel *
trove_scanner_get_assets (TroveScanner *self)
{
  g_return_val_if_fail (TROVE_IS_SCANNER (self), NULL);
  return G_LIST_MODEL (self->assets);
}

GListModel *
trove_scanner_get_unreadable_files (TroveScanner *self)
{
  g_return_val_if_fail (TROVE_IS_SCANNER (self), NULL);
  return G_LIST_MODEL (self->unreadable);
}

guint
trove_scanner_get_n_files (TroveScanner *self)
{
  g_return_val_if_fail (TROVE_IS_SCANNER (self), 0);
  return self->n_files;
}

guint
trove_scanner_get_n_files_done (TroveScanner *self)
{
  g_return_val_if_fail (TROVE_IS_SCANNER (self), 0);
  return self->n_files_done;
}

gboolean
trove_scanner_get_running (TroveScanner *self)
{
  g_return_val_if_fail (TROVE_IS_SCANNER (self), FALSE);
  return self->running;
}

/**
 * trove_scanner_replace_file_assets:
 * @relative_path: a file of the library, as TroveAsset:file says
 * @assets: (element-type TroveAsset): what the file holds now
 *
 * Replaces the assets of one file, after Trove rewrote it, where the old
 * ones were (one items-changed); appends them if there were none.
 */
void
trove_scanner_replace_file_assets (TroveScanner *self, const char *relative_path, GPtrArray *assets)
{
  GListModel *model;
  guint n, first = G_MAXUINT, n_old = 0;

  g_return_if_fail (TROVE_IS_SCANNER (self));
  g_return_if_fail (relative_path != NULL);
  g_return_if_fail (assets != NULL);

  model = G_LIST_MODEL (self->assets);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TroveAsset) asset = g_list_model_get_item (model, i);

      if (strcmp (trove_asset_get_file (asset), relative_path) != 0)
        {
          if (first != G_MAXUINT)
            break; /* a file's assets are delivered together */
          continue;
        }
      if (first == G_MAXUINT)
        first = i;
      n_old++;
    }
  if (first == G_MAXUINT)
    first = n;
  g_list_store_splice (self->assets, first, n_old, assets->pdata, assets->len);
}

/**
 * trove_scanner_scan_async:
 *
 * Clears the models and scans the library again. Assets and unreadable files
 * are appended to the models on the thread-default main context as they are
 * read; @callback runs once everything has been delivered.
 */
void
trove_scanner_scan_async (TroveScanner *self,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  ScanJob *job;

  g_return_if_fail (TROVE_IS_SCANNER (self));
  g_return_if_fail (!self->running);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trove_scanner_scan_async);

  job = g_new0 (ScanJob, 1);
  job->scanner = g_object_ref (self);
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  job->context = g_main_context_ref_thread_default ();
  job->background = self->background;
  job->location_path = g_file_get_path (self->location);
  job->root_path = g_file_get_path (self->root);
  g_mutex_init (&job->mutex);
  job->pending_assets = g_ptr_array_new_with_free_func (g_object_unref);
  job->pending_unreadable = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, job, (GDestroyNotify)scan_job_free);

  if (job->location_path == NULL || job->root_path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _ ("Only local folders can be scanned"));
      return;
    }

  g_list_store_remove_all (self->assets);
  g_list_store_remove_all (self->unreadable);
  set_counts (self, 0, 0);
  self->running = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  /* The job keeps the task alive until finish_cb; the task owns the job. */
  job->task = g_object_ref (task);
  /* Exclusive threads: they lower their priority (trove-thread.c). */
  job->pool = g_thread_pool_new (read_file, job, (int)self->max_threads, TRUE, NULL);
  job->discovery = g_thread_new ("trove-discover", discover, job);
}

gboolean
trove_scanner_scan_finish (TroveScanner *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (TROVE_IS_SCANNER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
