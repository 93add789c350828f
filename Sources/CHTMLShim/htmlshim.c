#include "htmlshim.h"
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { char *data; size_t length, capacity; int failed; } buffer;

static void append(buffer *b, const char *text, size_t length) {
    if (b->failed) return;
    if (b->length + length + 1 > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 4096;
        while (b->length + length + 1 > capacity) capacity *= 2;
        char *grown = realloc(b->data, capacity);
        if (!grown) { b->failed = 1; return; }
        b->data = grown;
        b->capacity = capacity;
    }
    memcpy(b->data + b->length, text, length);
    b->length += length;
    b->data[b->length] = 0;
}

static void append_clean(buffer *b, const char *text) {
    for (const char *p = text; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == 0x1E || c == 0x1F) continue;
        append(b, p, 1);
    }
}

static int span(xmlNodePtr node, const char *name) {
    xmlChar *value = xmlGetProp(node, (const xmlChar *)name);
    if (!value) return 1;
    long n = strtol((const char *)value, NULL, 10);
    xmlFree(value);
    return n < 1 ? 1 : (n > 1000 ? 1000 : (int)n);
}

static void walk(buffer *b, xmlNodePtr node, int depth) {
    char head[96];
    for (; node; node = node->next) {
        if (node->type == XML_ELEMENT_NODE && node->name) {
            int n = snprintf(head, sizeof head, "E\x1f%d\x1f", depth);
            append(b, head, (size_t)n);
            for (const xmlChar *c = node->name; *c; c++) { char lower = (char)((*c >= 'A' && *c <= 'Z') ? *c + 32 : *c); append(b, &lower, 1); }
            n = snprintf(head, sizeof head, "\x1f%ld\x1f%d\x1f%d\x1e", xmlGetLineNo(node), span(node, "colspan"), span(node, "rowspan"));
            append(b, head, (size_t)n);
            if (depth < 200) walk(b, node->children, depth + 1);
        } else if ((node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) && node->content) {
            int n = snprintf(head, sizeof head, "T\x1f%d\x1f", depth);
            append(b, head, (size_t)n);
            append_clean(b, (const char *)node->content);
            append(b, "\x1e", 1);
        }
    }
}

char *nianbao_html_outline(const char *bytes, size_t length, size_t *out_length) {
    if (length > 64u << 20) return NULL;
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
    htmlDocPtr document = htmlReadMemory(bytes, (int)length, "page.html", NULL, options);
    if (!document) return NULL;
    buffer b = {0};
    walk(&b, xmlDocGetRootElement(document), 0);
    xmlFreeDoc(document);
    if (b.failed || !b.data) { free(b.data); return NULL; }
    *out_length = b.length;
    return b.data;
}
