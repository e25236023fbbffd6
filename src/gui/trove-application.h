/* trove-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "trove-library-list.h"

G_BEGIN_DECLS

#define TROVE_TYPE_APPLICATION (trove_application_get_type ())

G_DECLARE_FINAL_TYPE (TroveApplication, trove_application, TROVE, APPLICATION, AdwApplication)

TroveApplication *trove_application_new (void);
GSettings *trove_application_get_settings (TroveApplication *self);
TroveLibraryList *trove_application_get_libraries (TroveApplication *self);

GSettings *trove_settings_new (void);
GFile *trove_demo_library_folder (void);

G_END_DECLS
