#ifndef NIANBAO_ICU_H
#define NIANBAO_ICU_H
#include <stdint.h>

/* Word boundaries of UTF-16 text from ICU's dictionary-based word break iterator for `locale`
   ("zh": Chinese words from ICU's CJK dictionary). Writes at most `capacity` offsets (in UTF-16
   units, the first 0 and the last `length`) and returns how many boundaries there are, or -1 when
   ICU cannot make the iterator. No ICU type appears here: Swift's Foundation carries an ICU of
   its own whose headers would clash with the system's. */
int32_t nianbao_word_boundaries(const uint16_t *text, int32_t length, const char *locale,
                                int32_t *boundaries, int32_t capacity);

#endif
