// Which core use cases this build has (set by ui/CMakeLists.txt from the files present in core/).
// A missing one is 0, and the screen that needs it shows a disabled state instead.
#pragma once
#ifndef UF_HAVE_MODEL
#define UF_HAVE_MODEL 0
#endif
#ifndef UF_HAVE_INGEST_PREVIEW
#define UF_HAVE_INGEST_PREVIEW 0
#endif
#ifndef UF_HAVE_IMPORT
#define UF_HAVE_IMPORT 0
#endif
#ifndef UF_HAVE_REPORT
#define UF_HAVE_REPORT 0
#endif
#ifndef UF_HAVE_INDEX
#define UF_HAVE_INDEX 0
#endif
#ifndef UF_HAVE_SEARCH
#define UF_HAVE_SEARCH 0
#endif
#ifndef UF_HAVE_GENERATE
#define UF_HAVE_GENERATE 0
#endif
#ifndef UF_HAVE_CAPTION
#define UF_HAVE_CAPTION 0
#endif
#ifndef UF_HAVE_AUDIT
#define UF_HAVE_AUDIT 0
#endif
#ifndef UF_HAVE_EXPORT
#define UF_HAVE_EXPORT 0
#endif
#ifndef UF_HAVE_TRAIN
#define UF_HAVE_TRAIN 0
#endif
#ifndef UF_HAVE_EVAL
#define UF_HAVE_EVAL 0
#endif
