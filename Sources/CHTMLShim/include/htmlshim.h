#ifndef NIANBAO_HTMLSHIM_H
#define NIANBAO_HTMLSHIM_H
#include <stddef.h>

/// Parses an HTML page as a browser would (libxml2's HTML parser, recovering from broken markup,
/// the page's own charset, no network) and returns its tree in pre-order as UTF-8 records, each
/// ended by 0x1E, fields separated by 0x1F:
///   E depth name line colspan rowspan   (an element, name in lower case)
///   T depth text                         (a text node; control characters removed)
/// Returns NULL when nothing could be parsed. The caller frees the result with free().
char *nianbao_html_outline(const char *bytes, size_t length, size_t *out_length);

#endif
