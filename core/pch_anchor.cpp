// Anchor translation unit that owns the engine's precompiled header.
#include "core/pch.h"
