#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
/* libxml2's HTML parser (Debian's libxml2-dev): it recovers from the broken markup real pages serve and
   decodes entities and encodings, which a hand-written stripper got wrong. Only the parser and the tree. */
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#endif
