/* trove-metadata-service.c: the window's metadata edits, written in the background
 *
 * Edits to any number of assets are grouped by file; each file is rewritten
 * once (trove_blend_write_edits()) in a worker thread, one file after
 * another, so that a bulk edit can be cancelled between files and a file
 * that fails does not stop the others. After each file is written its
 * assets are read again and replace the old ones in the scanner's model.
 *
 * Every apply() is one undo step. Undo writes back the values the assets had
 * when the edit was made, for the fields it changed; like the edits
 * themselves, that is a no-op for files that already hold those values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-metadata-service.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "trove-undo.h"
#include "trove-unreadable-file.h"

/* The edits of one file. */
typedef struct
{
  char *path;     /* on disk */
  char *relative; /* TroveAsset:file */
  GPtrArray *edits;
} FileEdits;

typedef struct
{
  guint64 stamp;
  GPtrArray *undo_files; /* FileEdits */
  GPtrArray *redo_files;
} Step;

typedef struct
{
  char *relative;
  GPtrArray *assets; /* NULL on failure */
  TroveUnreadableFile *failure;
} FileResult;

typedef struct
{
  TroveMetadataService *service;
  GPtrArray *files; /* FileEdits */
  TroveBlendWriteFlags flags;
  GCancellable *cancellable;
  GMutex mutex;
  GPtrArray *results; /* FileResult, waiting for the main thread */
  GListStore *failures;
  guint n_written;
} Job;

struct _TroveMetadataService
{
  GObject parent_instance;

  TroveScanner *scanner;
  TroveBlendWriteFlags flags;
  GPtrArray *undo; /* Step, the newest last */
  GPtrArray *redo;
  GQueue pending; /* Job */
  Job *running;
  guint n_files;
  guint n_files_done;
};

G_DEFINE_FINAL_TYPE (TroveMetadataService, trove_metadata_service, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_BUSY,
  PROP_N_FILES,
  PROP_N_FILES_DONE,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum
{
  FILE_REPLACED,
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_next (TroveMetadataService *self);

static void
file_edits_free (gpointer data)
{
  FileEdits *f = data;

  g_free (f->path);
  g_free (f->relative);
  g_ptr_array_unref (f->edits);
  g_free (f);
}

static FileEdits *
file_edits_new (TroveAsset *asset)
{
  FileEdits *f = g_new0 (FileEdits, 1);

  f->path = g_strdup (trove_asset_get_source_path (asset));
  f->relative = g_strdup (trove_asset_get_file (asset));
  f->edits = g_ptr_array_new_with_free_func ((GDestroyNotify)trove_asset_edit_unref);
  return f;
}

static void
step_free (gpointer data)
{
  Step *step = data;

  g_ptr_array_unref (step->undo_files);
  g_ptr_array_unref (step->redo_files);
  g_free (step);
}

static void
file_result_free (gpointer data)
{
  FileResult *r = data;

  g_free (r->relative);
  g_clear_pointer (&r->assets, g_ptr_array_unref);
  g_clear_object (&r->failure);
  g_free (r);
}

static void
job_free (gpointer data)
{
  Job *job = data;

  g_object_unref (job->service);
  g_ptr_array_unref (job->files);
  g_object_unref (job->cancellable);
  g_mutex_clear (&job->mutex);
  g_ptr_array_unref (job->results);
  g_object_unref (job->failures);
  g_free (job);
}

static void
notify_history (TroveMetadataService *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* Main thread: the finished files' new assets go into the model. */
static void
deliver_results (Job *job)
{
  TroveMetadataService *self = job->service;
  g_autoptr (GPtrArray) results = NULL;

  g_mutex_lock (&job->mutex);
  results = g_steal_pointer (&job->results);
  job->results = g_ptr_array_new_with_free_func (file_result_free);
  g_mutex_unlock (&job->mutex);

  for (guint i = 0; i < results->len; i++)
    {
      FileResult *r = results->pdata[i];

      if (r->assets != NULL)
        {
          trove_scanner_replace_file_assets (self->scanner, r->relative, r->assets);
          g_signal_emit (self, signals[FILE_REPLACED], 0, r->relative, r->assets);
        }
      if (r->failure != NULL)
        g_list_store_append (job->failures, r->failure);
    }
  if (results->len > 0)
    {
      self->n_files_done += results->len;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FILES_DONE]);
    }
}

static gboolean
deliver_cb (gpointer data)
{
  deliver_results (data);
  return G_SOURCE_REMOVE;
}

static void
queue_result (Job *job, GTask *task, FileResult *result)
{
  g_mutex_lock (&job->mutex);
  g_ptr_array_add (job->results, result);
  g_mutex_unlock (&job->mutex);
  g_main_context_invoke (g_task_get_context (task), deliver_cb, job);
}

static void
write_one (Job *job, GTask *task, FileEdits *f)
{
  g_autoptr (GError) error = NULL;
  FileResult *result = g_new0 (FileResult, 1);
  gboolean written = FALSE;

  result->relative = g_strdup (f->relative);
  /* The writer hands back the file's assets as it read them (also when
   * nothing needed writing: another program may have changed the file). */
  if (trove_blend_write_edits_full (f->path, f->relative, f->edits, job->flags, &written,
                                    &result->assets, NULL, &error)
      && written)
    g_atomic_int_inc (&job->n_written);
  if (error != NULL)
    result->failure = trove_unreadable_file_new (f->relative, f->path, error);
  queue_result (job, task, result);
}

static void
run_job (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;

  for (guint i = 0; i < job->files->len; i++)
    {
      /* Cancelling stops between files: a file is written whole or not at all. */
      if (g_cancellable_is_cancelled (job->cancellable))
        break;
      write_one (job, task, job->files->pdata[i]);
    }
  g_task_return_boolean (task, TRUE);
}

static void
job_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  TroveMetadataService *self = TROVE_METADATA_SERVICE (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  gboolean cancelled = g_cancellable_is_cancelled (job->cancellable);

  deliver_results (job);
  self->running = NULL;
  g_signal_emit (self, signals[FINISHED], 0, job->n_written, job->failures, cancelled);
  start_next (self);
}

static void
set_busy_counts (TroveMetadataService *self, guint n_files)
{
  self->n_files = n_files;
  self->n_files_done = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FILES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FILES_DONE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
start_next (TroveMetadataService *self)
{
  g_autoptr (GTask) task = NULL;
  Job *job;

  if (self->running != NULL)
    return;
  job = g_queue_pop_head (&self->pending);
  if (job == NULL)
    {
      set_busy_counts (self, 0);
      return;
    }
  self->running = job;
  set_busy_counts (self, job->files->len);
  task = g_task_new (self, NULL, job_done_cb, NULL);
  g_task_set_source_tag (task, start_next);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, run_job);
}

static void
queue_job (TroveMetadataService *self, GPtrArray *files)
{
  Job *job = g_new0 (Job, 1);

  job->service = g_object_ref (self);
  job->files = g_ptr_array_ref (files);
  job->flags = self->flags;
  job->cancellable = g_cancellable_new ();
  g_mutex_init (&job->mutex);
  job->results = g_ptr_array_new_with_free_func (file_result_free);
  job->failures = g_list_store_new (TROVE_TYPE_UNREADABLE_FILE);
  g_queue_push_tail (&self->pending, job);
  start_next (self);
}

/* The FileEdits of @asset's file in @files, made if needed. */
static FileEdits *
file_of (GPtrArray *files, GHashTable *by_path, TroveAsset *asset)
{
  FileEdits *f = g_hash_table_lookup (by_path, trove_asset_get_source_path (asset));

  if (f == NULL)
    {
      f = file_edits_new (asset);
      g_ptr_array_add (files, f);
      g_hash_table_insert (by_path, f->path, f);
    }
  return f;
}

/**
 * trove_metadata_service_apply:
 * @assets: (element-type TroveAsset): the assets to edit
 * @edits: (element-type TroveAssetEdit): one edit per asset, in the same order
 *
 * Writes the edits in the background, as one undo step. Edits queue behind
 * one another.
 */
void
trove_metadata_service_apply (TroveMetadataService *self, GPtrArray *assets, GPtrArray *edits)
{
  g_autoptr (GHashTable) undo_by_path = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) redo_by_path = g_hash_table_new (g_str_hash, g_str_equal);
  Step *step;

  g_return_if_fail (TROVE_IS_METADATA_SERVICE (self));
  g_return_if_fail (assets != NULL && edits != NULL && assets->len == edits->len);

  if (assets->len == 0)
    return;
  step = g_new0 (Step, 1);
  step->stamp = trove_undo_stamp_next ();
  step->undo_files = g_ptr_array_new_with_free_func (file_edits_free);
  step->redo_files = g_ptr_array_new_with_free_func (file_edits_free);
  for (guint i = 0; i < assets->len; i++)
    {
      TroveAsset *asset = assets->pdata[i];
      TroveAssetEdit *edit = edits->pdata[i];
      FileEdits *undo = file_of (step->undo_files, undo_by_path, asset);
      FileEdits *redo = file_of (step->redo_files, redo_by_path, asset);

      g_ptr_array_add (undo->edits,
                       trove_asset_edit_new_restore (asset, trove_asset_edit_get_fields (edit)));
      g_ptr_array_add (redo->edits, trove_asset_edit_ref (edit));
    }
  g_ptr_array_add (self->undo, step);
  g_ptr_array_set_size (self->redo, 0);
  notify_history (self);
  queue_job (self, step->redo_files);
}

static gboolean
step_history (TroveMetadataService *self, GPtrArray *from, GPtrArray *to, gboolean undo)
{
  Step *step;

  if (from->len == 0)
    return FALSE;
  step = g_ptr_array_steal_index (from, from->len - 1);
  g_ptr_array_add (to, step);
  notify_history (self);
  queue_job (self, undo ? step->undo_files : step->redo_files);
  return TRUE;
}

/**
 * trove_metadata_service_undo:
 *
 * Writes back the values the last edit changed.
 *
 * Returns: whether there was an edit to undo
 */
gboolean
trove_metadata_service_undo (TroveMetadataService *self)
{
  g_return_val_if_fail (TROVE_IS_METADATA_SERVICE (self), FALSE);
  return step_history (self, self->undo, self->redo, TRUE);
}

gboolean
trove_metadata_service_redo (TroveMetadataService *self)
{
  g_return_val_if_fail (TROVE_IS_METADATA_SERVICE (self), FALSE);
  return step_history (self, self->redo, self->undo, FALSE);
}

/**
 * trove_metadata_service_cancel:
 *
 * Stops the running write after the file it is writing, and drops the
 * queued ones. Their undo steps stay: undoing a step that was not written
 * writes nothing.
 */
void
trove_metadata_service_cancel (TroveMetadataService *self)
{
  Job *job;

  g_return_if_fail (TROVE_IS_METADATA_SERVICE (self));

  while ((job = g_queue_pop_head (&self->pending)) != NULL)
    job_free (job);
  if (self->running != NULL)
    g_cancellable_cancel (self->running->cancellable);
}

void
trove_metadata_service_set_write_flags (TroveMetadataService *self, TroveBlendWriteFlags flags)
{
  g_return_if_fail (TROVE_IS_METADATA_SERVICE (self));
  self->flags = flags;
}

gboolean
trove_metadata_service_get_busy (TroveMetadataService *self)
{
  g_return_val_if_fail (TROVE_IS_METADATA_SERVICE (self), FALSE);
  return self->running != NULL;
}

guint
trove_metadata_service_get_n_files (TroveMetadataService *self)
{
  g_return_val_if_fail (TROVE_IS_METADATA_SERVICE (self), 0);
  return self->n_files;
}

guint
trove_metadata_service_get_n_files_done (TroveMetadataService *self)
{
  g_return_val_if_fail (TROVE_IS_METADATA_SERVICE (self), 0);
  return self->n_files_done;
}

gboolean
trove_metadata_service_can_undo (TroveMetadataService *self)
{
  g_return_val_if_fail (TROVE_IS_METADATA_SERVICE (self), FALSE);
  return self->undo->len > 0;
}

gboolean
trove_metadata_service_can_redo (TroveMetadataService *self)
{
  g_return_val_if_fail (TROVE_IS_METADATA_SERVICE (self), FALSE);
  return self->redo->len > 0;
}

static guint64
top_stamp (GPtrArray *history)
{
  return history->len > 0 ? ((Step *)history->pdata[history->len - 1])->stamp : 0;
}

/* The stamps (trove-undo.h) of the steps undo() and redo() would take. */
guint64
trove_metadata_service_get_undo_stamp (TroveMetadataService *self)
{
  g_return_val_if_fail (TROVE_IS_METADATA_SERVICE (self), 0);
  return top_stamp (self->undo);
}

guint64
trove_metadata_service_get_redo_stamp (TroveMetadataService *self)
{
  g_return_val_if_fail (TROVE_IS_METADATA_SERVICE (self), 0);
  return top_stamp (self->redo);
}

static void
trove_metadata_service_dispose (GObject *object)
{
  TroveMetadataService *self = TROVE_METADATA_SERVICE (object);
  Job *job;

  /* A running job holds a reference: dispose only runs once it is done. */
  while ((job = g_queue_pop_head (&self->pending)) != NULL)
    job_free (job);
  g_clear_object (&self->scanner);
  G_OBJECT_CLASS (trove_metadata_service_parent_class)->dispose (object);
}

static void
trove_metadata_service_finalize (GObject *object)
{
  TroveMetadataService *self = TROVE_METADATA_SERVICE (object);

  g_ptr_array_unref (self->undo);
  g_ptr_array_unref (self->redo);
  G_OBJECT_CLASS (trove_metadata_service_parent_class)->finalize (object);
}

static void
trove_metadata_service_get_property (GObject *object,
                                     guint prop_id,
                                     GValue *value,
                                     GParamSpec *pspec)
{
  TroveMetadataService *self = TROVE_METADATA_SERVICE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->running != NULL);
      break;
    case PROP_N_FILES:
      g_value_set_uint (value, self->n_files);
      break;
    case PROP_N_FILES_DONE:
      g_value_set_uint (value, self->n_files_done);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, self->undo->len > 0);
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, self->redo->len > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trove_metadata_service_class_init (TroveMetadataServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = trove_metadata_service_dispose;
  object_class->finalize = trove_metadata_service_finalize;
  object_class->get_property = trove_metadata_service_get_property;

  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_N_FILES] = g_param_spec_uint ("n-files", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_FILES_DONE]
      = g_param_spec_uint ("n-files-done", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TroveMetadataService::file-replaced:
   * @relative_path: the file, as TroveAsset:file says
   * @assets: (element-type TroveAsset): its assets as read after the write,
   *   now in the scanner's model in place of the old ones
   */
  signals[FILE_REPLACED]
      = g_signal_new ("file-replaced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_PTR_ARRAY);

  /**
   * TroveMetadataService::finished:
   * @n_written: how many files were rewritten
   * @failures: (type GListModel): TroveUnreadableFile, one per file that failed
   * @cancelled: whether the write was cancelled before its end
   *
   * Emitted when one apply(), undo() or redo() has been written.
   */
  signals[FINISHED]
      = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                      G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_LIST_MODEL, G_TYPE_BOOLEAN);
}

static void
trove_metadata_service_init (TroveMetadataService *self)
{
  self->undo = g_ptr_array_new_with_free_func (step_free);
  self->redo = g_ptr_array_new_with_free_func (step_free);
  self->flags = TROVE_BLEND_WRITE_DEFAULT;
  g_queue_init (&self->pending);
}

/**
 * trove_metadata_service_new:
 * @scanner: whose model shows the assets edited
 */
TroveMetadataService *
trove_metadata_service_new (TroveScanner *scanner)
{
  TroveMetadataService *self;

  g_return_val_if_fail (TROVE_IS_SCANNER (scanner), NULL);

  self = g_object_new (TROVE_TYPE_METADATA_SERVICE, NULL);
  self->scanner = g_object_ref (scanner);
  return self;
}
