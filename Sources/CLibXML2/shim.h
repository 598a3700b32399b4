#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
/* libxml2's HTML parser (Debian's libxml2-dev): it recovers from the broken markup real pages serve and
   decodes entities and encodings, which a hand-written stripper got wrong. Only the parser and the tree. */
#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU, so its encoding header pulls in the system's ICU headers, whose
   UErrorCode differs from the one in Foundation's own ICU: a Swift file that sees both modules fails to
   compile, depending on build order. Nothing here uses libxml2's ICU converters (only the fields of
   xmlCharEncodingHandler that we never touch depend on it), so the ICU part of the headers is left out. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#endif
