/* trove-error.h: the error domain of Trove's model layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TROVE_ERROR (trove_error_quark ())

/**
 * TroveError:
 * @TROVE_ERROR_NOT_BLEND: the file is not a .blend file (nor a compressed one)
 * @TROVE_ERROR_TRUNCATED: the file ends before a length or offset it declares
 * @TROVE_ERROR_CORRUPT: the file is structurally invalid (bad DNA, bad pointers, cycles)
 * @TROVE_ERROR_UNSUPPORTED: a valid file in a variant Trove cannot read (e.g. a future header)
 * @TROVE_ERROR_TOO_LARGE: a size exceeds what Trove allows itself to allocate
 * @TROVE_ERROR_NOT_FOUND: the requested asset, preview or thumbnail does not exist
 * @TROVE_ERROR_CATALOG_FILE: a catalog definition file cannot be read or understood
 * @TROVE_ERROR_REFUSED: Trove refuses to write, to protect the user's data
 * @TROVE_ERROR_INVALID_EDIT: an edit the rules do not allow (an empty name,
 *   a catalog moved into itself)
 *
 * Error codes in the %TROVE_ERROR domain. Messages always name the file.
 */
typedef enum
{
  TROVE_ERROR_NOT_BLEND,
  TROVE_ERROR_TRUNCATED,
  TROVE_ERROR_CORRUPT,
  TROVE_ERROR_UNSUPPORTED,
  TROVE_ERROR_TOO_LARGE,
  TROVE_ERROR_NOT_FOUND,
  TROVE_ERROR_CATALOG_FILE,
  TROVE_ERROR_REFUSED,
  TROVE_ERROR_INVALID_EDIT,
} TroveError;

GQuark trove_error_quark (void);

G_END_DECLS
