#include "nianbao_icu.h"
#include <unicode/ubrk.h>

int32_t nianbao_word_boundaries(const uint16_t *text, int32_t length, const char *locale,
                                int32_t *boundaries, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *iterator = ubrk_open(UBRK_WORD, locale, (const UChar *)text, length, &status);
    if (U_FAILURE(status) || iterator == NULL) return -1;
    int32_t count = 0;
    for (int32_t at = ubrk_first(iterator); at != UBRK_DONE; at = ubrk_next(iterator)) {
        if (count < capacity) boundaries[count] = at;
        count++;
    }
    ubrk_close(iterator);
    return count;
}
