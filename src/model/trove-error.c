/* trove-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "trove-error.h"

// clang-format off
G_DEFINE_QUARK (trove-error-quark, trove_error)
// clang-format on
