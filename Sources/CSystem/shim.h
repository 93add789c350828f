#include <malloc.h>
#include <libdeflate.h>
#include <isa-l/igzip_lib.h>
/* igzip's level 3 working memory: a compound macro, which Swift cannot import. */
static const unsigned int nianbao_igzip_level3_buffer_size = ISAL_DEF_LVL3_DEFAULT;
/* syncfs(2) is a GNU extension: unistd.h declares it only under _GNU_SOURCE. */
int syncfs(int fd);
