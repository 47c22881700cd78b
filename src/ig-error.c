/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "ig-error.h"

G_DEFINE_QUARK (ig - error - quark, ig_error)
