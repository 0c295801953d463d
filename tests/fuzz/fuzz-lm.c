/* fuzz-lm.c -- arbitrary bytes as a language model file (lm.c): validation
 * at open, then word lookups, homophones, look-alikes and the wrong-word check (all its
 * sources: pairs, confusables) over fixed sentences, which must stay inside
 * the bytes whatever they claim. */

#include <string.h>

#include "fuzz.h"
#include "lm.h"
#include "mem.h"
#include "spell.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a copy of exactly size bytes, so that reading past it is caught */
    unsigned char *copy = xmalloc(size ? size : 1);
    if (size) memcpy(copy, data, size);
    perr e = {0};
    lm *m = lm_open_bytes(copy, size, &e);
    if (m) {
        static const char s[] = "切实加强组织领导，狠抓工作洛实，各项指标均完成年度目表。";
        static const char t[] = "全心全意为人民效劳，党风廉政扶植，体制机智，技木。";
        static const int every[SPELL_SOURCES] = {1, 1, 1, 1};
        spell_hit hits[8];
        spell_line(m, s, sizeof s - 1, every, hits, 8);
        spell_line(m, t, sizeof t - 1, every, hits, 8);
        uint32_t c[40];
        lm_homophones(m, 0x5B9E, c, 40);
        lm_lookalikes(m, 0x6728, c, 40);
        lm_cost(m, "工作", strlen("工作"));
        lm_close(m);
    }
    free(copy);
    return 0;
}
