/* lm.c -- the language model: how likely a string is as a word of modern
 * Chinese, and which characters sound alike.
 *
 * The model is a file made once by tools/build-lm.py from Debian's
 * python3-jieba (word frequencies), go-pinyin (readings) and sunpinyin-data
 * (open-gram's bigrams), with Rime's essay (the pairs of its phrases) and
 * its stroke, Wubi and Cangjie tables for shapes (data/shape-pairs.txt): a hash table of words with their cost
 * (-log p * 100), a hash table of word pairs with their association, per
 * character the common characters that share a reading or look alike, and
 * per word its confusable words. It is mapped read-only and used in place:
 * opening costs a validation pass over the header and the character table
 * (and a 55 KB index of that table by character), never a parse. Whatever
 * the file holds, a lookup reads only inside it. */

#include "lm.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "mem.h"
#include "utf8.h"

#define LM_MAGIC "PARKLM01"
#define LM_HEADER 60
#define LM_SLOT 8
#define LM_VERSION 6
#define LM_HAN_FIRST 0x3400 /* the characters whose candidates are found without a search */
#define LM_HAN_END 0xA000
#define LM_OFF_MASK 0xFFFFFFu /* a slot's first u32: the word's offset, then its hash's top byte */

struct lm {
    const unsigned char *p;
    size_t n;
    void *map;     /* the mapping to unmap, or NULL (lm_open_bytes) */
    uint32_t nslots, nwords, blob_len, nchars, ncands, floor;
    /* from the file (tools/build-lm.py): the costs of the one-character
     * words, and which two- and three-character strings begin a word, so
     * that most lookups need no probe of the table (larger than the caches) */
    uint32_t prefix_bits, single_first, single_end;
    const unsigned char *slots, *blob, *chars, *cands;
    const unsigned char *single;      /* u16 costs of single_first.., 0xFFFF: no word */
    const unsigned char *pre2, *pre3; /* bit sets over the hash of a word's first 2 and 3 characters */
    uint32_t npairs, nconf, bloom_bits;
    const unsigned char *pairs, *bloom, *cstart, *conf;
    uint16_t *char_at; /* per Han character LM_HAN_FIRST..: 1 + its entry in chars, 0: none (heap) */
};

static uint32_t lm_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The slot hash over the code points of the UTF-8 at s (tools/build-lm.py's hw). */
static uint32_t lm_hash(const char *s, size_t n)
{
    uint32_t h = 0x811C9DC5u;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (k == 0) k = 1, cp = (unsigned char)s[i];
        h = (h ^ cp) * 0x9E3779B1u;
        i += k;
    }
    return h;
}

lm *lm_open_bytes(const void *bytes, size_t n, perr *e)
{
    const unsigned char *p = bytes;
    if (n < LM_HEADER || memcmp(p, LM_MAGIC, 8) != 0) {
        perr_set(e, PARK_ESYNTAX, "不是 Park 的语言模型文件（开头应为 %s）", LM_MAGIC);
        return NULL;
    }
    lm m = {.p = p, .n = n};
    uint32_t version = lm_u32(p + 8);
    if (version != LM_VERSION) {
        perr_set(e, PARK_ESYNTAX, "语言模型文件的版本为 %u，本程序需要版本 %u（请用同一版本的 data/park.lm）", version,
                 LM_VERSION);
        return NULL;
    }
    m.nslots = lm_u32(p + 12), m.nwords = lm_u32(p + 16), m.blob_len = lm_u32(p + 20);
    m.nchars = lm_u32(p + 24), m.ncands = lm_u32(p + 28), m.floor = lm_u32(p + 32);
    m.prefix_bits = lm_u32(p + 36), m.single_first = lm_u32(p + 40), m.single_end = lm_u32(p + 44);
    m.npairs = lm_u32(p + 48), m.nconf = lm_u32(p + 52), m.bloom_bits = lm_u32(p + 56);
    if (m.prefix_bits < 3 || m.prefix_bits > 30 || m.bloom_bits < 3 || m.bloom_bits > 32 || m.single_end < m.single_first || m.single_end > 0x110000 ||
        m.floor > 0xFFFF) {
        perr_set(e, PARK_ESYNTAX, "语言模型文件已损坏（文件头）");
        return NULL;
    }
    uint64_t prefix_bytes = (uint64_t)1 << (m.prefix_bits - 3);
    uint64_t slots_end = LM_HEADER + (uint64_t)m.nslots * LM_SLOT, blob_end = slots_end + m.blob_len;
    uint64_t chars_at = (blob_end + 3) & ~(uint64_t)3, chars_end = chars_at + (uint64_t)m.nchars * 12;
    uint64_t single_at = chars_end + (uint64_t)m.ncands * 4;
    uint64_t pre2_at = single_at + 2 * (uint64_t)(m.single_end - m.single_first);
    uint64_t pairs_at = pre2_at + 2 * prefix_bytes, bloom_at = pairs_at + 4 * (uint64_t)m.npairs;
    uint64_t cstart_at = bloom_at + ((uint64_t)1 << (m.bloom_bits - 3));
    uint64_t conf_at = cstart_at + 4 * ((uint64_t)m.nslots + 1), end = conf_at + 4 * (uint64_t)m.nconf;
    if (m.nslots == 0 || (m.nslots & (m.nslots - 1)) != 0 || m.nslots > LM_OFF_MASK + 1 ||
        m.nwords >= m.nslots || m.blob_len > LM_OFF_MASK ||
        m.npairs == 0 || (m.npairs & (m.npairs - 1)) != 0 || end != n) {
        perr_set(e, PARK_ESYNTAX, "语言模型文件已损坏（%zu 字节，应为 %llu 字节）", n,
                 (unsigned long long)end);
        return NULL;
    }
    m.slots = p + LM_HEADER, m.blob = p + slots_end, m.chars = p + chars_at;
    m.cands = p + chars_end;
    m.single = p + single_at, m.pre2 = p + pre2_at, m.pre3 = p + pre2_at + prefix_bytes;
    m.pairs = p + pairs_at, m.bloom = p + bloom_at, m.cstart = p + cstart_at, m.conf = p + conf_at;
    uint32_t prev = 0;
    for (uint32_t i = 0; i < m.nchars; i++) {
        const unsigned char *c = m.chars + (size_t)i * 12;
        uint32_t cp = lm_u32(c), first = lm_u32(c + 4), k = lm_u32(c + 8);
        if ((i && cp <= prev) || first > m.ncands || k > m.ncands - first) {
            perr_set(e, PARK_ESYNTAX, "语言模型文件已损坏（同音字表第 %u 项）", i);
            return NULL;
        }
        prev = cp;
    }
    if (m.nchars < UINT16_MAX) {
        m.char_at = xcalloc(LM_HAN_END - LM_HAN_FIRST, sizeof *m.char_at);
        for (uint32_t i = 0; i < m.nchars; i++) {
            uint32_t cp = lm_u32(m.chars + (size_t)i * 12);
            if (cp >= LM_HAN_FIRST && cp < LM_HAN_END) m.char_at[cp - LM_HAN_FIRST] = (uint16_t)(i + 1);
        }
    }
    lm *r = xmalloc(sizeof *r);
    *r = m;
    return r;
}

lm *lm_open(const char *path, perr *e)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        perr_set(e, PARK_ENOENT, "无法打开语言模型 %s", path);
        return NULL;
    }
    struct stat st;
    void *map = MAP_FAILED;
    if (fstat(fd, &st) == 0 && st.st_size > 0) map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        perr_set(e, PARK_EIO, "无法读取语言模型 %s", path);
        return NULL;
    }
    lm *m = lm_open_bytes(map, (size_t)st.st_size, e);
    if (!m) {
        munmap(map, (size_t)st.st_size);
        return NULL;
    }
    m->map = map;
    return m;
}

void lm_close(lm *m)
{
    if (!m) return;
    if (m->map) munmap(m->map, m->n);
    free(m->char_at);
    free(m);
}

int lm_char_cost(const lm *m, uint32_t cp)
{
    if (cp < m->single_first || cp >= m->single_end) return -1;
    const unsigned char *c = m->single + 2 * (size_t)(cp - m->single_first);
    int v = c[0] | c[1] << 8;
    return v == 0xFFFF ? -1 : v;
}

static int lm_bit(const lm *m, const unsigned char *bits, uint32_t h)
{
    h >>= 32 - m->prefix_bits;
    return (bits[h >> 3] >> (h & 7)) & 1;
}

int lm_may_start(const lm *m, const uint32_t *cps, size_t chars)
{
    uint32_t h = cps[0] * 0x9E3779B1u ^ cps[1] * 0x85EBCA77u;
    if (!lm_bit(m, m->pre2, h)) return 0;
    return chars < 3 || lm_bit(m, m->pre3, h ^ cps[2] * 0xC2B2AE3Du);
}

/* The slot of the n bytes at w (slot hash h), or -1. The top byte of the
 * hash, kept in the slot, spares most other words' bytes being read. */
static long lm_probe(const lm *m, uint32_t h, const char *w, size_t n)
{
    uint32_t mask = m->nslots - 1, i = h & mask;
    for (uint32_t probes = 0; probes < m->nslots; probes++, i = (i + 1) & mask) {
        const unsigned char *s = m->slots + (size_t)i * LM_SLOT;
        uint32_t len = s[4] & 0x7F;
        if (len == 0) return -1;
        uint32_t key = lm_u32(s), off = key & LM_OFF_MASK;
        if (len != n || (key ^ h) >> 24 || off > m->blob_len || len > m->blob_len - off) continue;
        const unsigned char *b = m->blob + off;
        size_t k = 0;
        while (k < n && b[k] == (unsigned char)w[k]) k++; /* short words: no call to memcmp */
        if (k == n) return (long)i;
    }
    return -1;
}

static int lm_slot_cost_at(const lm *m, long slot)
{
    const unsigned char *s = m->slots + (size_t)slot * LM_SLOT;
    return s[6] | s[7] << 8;
}

int lm_cost(const lm *m, const char *w, size_t n)
{
    if (n == 0 || n > 255) return -1;
    long slot = lm_probe(m, lm_hash(w, n), w, n);
    return slot < 0 ? -1 : lm_slot_cost_at(m, slot);
}

long lm_find_cp(const lm *m, const char *w, const uint32_t *cps, size_t chars)
{
    uint32_t h = LM_KEY_SEED;
    for (size_t i = 0; i < chars; i++) h = lm_key_next(h, cps[i]);
    return lm_find_key(m, h, w, chars);
}

void lm_prefetch(const lm *m, uint32_t key)
{
    __builtin_prefetch(m->slots + (size_t)(key & (m->nslots - 1)) * LM_SLOT);
}

long lm_find_key(const lm *m, uint32_t key, const char *w, size_t chars)
{
    if (chars == 0 || 3 * chars > 255) return -1;
    return lm_probe(m, key, w, 3 * chars);
}

int lm_cost_cp(const lm *m, const char *w, const uint32_t *cps, size_t chars)
{
    long slot = lm_find_cp(m, w, cps, chars);
    return slot < 0 ? -1 : lm_slot_cost_at(m, slot);
}

int lm_slot_spun(const lm *m, long slot)
{
    return slot >= 0 && (uint64_t)slot < m->nslots && (m->slots[(size_t)slot * LM_SLOT + 4] & 0x80);
}

int lm_slot_amax(const lm *m, long slot)
{
    return slot < 0 || (uint64_t)slot >= m->nslots ? 0 : m->slots[(size_t)slot * LM_SLOT + 5] * 5;
}

int lm_slot_cost(const lm *m, long slot)
{
    return slot < 0 || (uint64_t)slot >= m->nslots ? -1 : lm_slot_cost_at(m, slot);
}

const char *lm_slot_word(const lm *m, long slot, size_t *len)
{
    *len = 0;
    if (slot < 0 || (uint64_t)slot >= m->nslots) return NULL;
    const unsigned char *s = m->slots + (size_t)slot * LM_SLOT;
    uint32_t off = lm_u32(s) & LM_OFF_MASK, n = s[4] & 0x7F;
    if (n == 0 || off > m->blob_len || n > m->blob_len - off) return NULL;
    *len = n;
    return (const char *)m->blob + off;
}

size_t lm_confusables(const lm *m, long slot, uint32_t *out, size_t max)
{
    if (slot < 0 || (uint64_t)slot >= m->nslots) return 0;
    uint32_t first = lm_u32(m->cstart + 4 * (size_t)slot), end = lm_u32(m->cstart + 4 * ((size_t)slot + 1));
    if (end > m->nconf || first > end) return 0;
    size_t k = 0;
    for (uint32_t i = first; i < end && k < max; i++) {
        uint32_t c = lm_u32(m->conf + 4 * (size_t)i);
        if ((c & 0x7FFFFFFFu) < m->nslots) out[k++] = c;
    }
    return k;
}

int lm_assoc(const lm *m, const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    uint64_t h = 0xCBF29CE484222325ull;
    for (size_t i = 0; i < na; i++) h = (h ^ a[i]) * 0x100000001B3ull;
    h = (h ^ 0x110000u) * 0x100000001B3ull;
    for (size_t i = 0; i < nb; i++) h = (h ^ b[i]) * 0x100000001B3ull;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 32;
    uint64_t bit = (h >> 16) & (((uint64_t)1 << m->bloom_bits) - 1);
    if (!((m->bloom[bit >> 3] >> (bit & 7)) & 1)) return 0;
    uint32_t fp = (uint32_t)(h >> 40), mask = m->npairs - 1, i = (uint32_t)h & mask;
    if (!fp) fp = 1;
    for (uint32_t probes = 0; probes < m->npairs; probes++, i = (i + 1) & mask) {
        uint32_t e = lm_u32(m->pairs + 4 * (size_t)i);
        if (!e) return 0;
        if (e >> 8 == fp) return (int)(e & 0xFF) * 5; /* twentieths of a nat -> hundredths */
    }
    return 0;
}

int lm_floor(const lm *m) { return (int)m->floor; }

size_t lm_nwords(const lm *m) { return m->nwords; }

#define LM_SHAPE 0x80000000u /* a candidate of similar shape, not reading */

/* The candidates of character cp with the LM_SHAPE bit equal to shape. */
static size_t lm_char_cands(const lm *m, uint32_t cp, uint32_t shape, uint32_t *out, size_t max)
{
    const unsigned char *c = NULL;
    if (m->char_at && cp >= LM_HAN_FIRST && cp < LM_HAN_END) {
        uint16_t at = m->char_at[cp - LM_HAN_FIRST];
        if (at) c = m->chars + (size_t)(at - 1) * 12;
    } else {
        for (size_t lo = 0, hi = m->nchars; lo < hi && !c;) {
            size_t mid = (lo + hi) / 2;
            uint32_t at = lm_u32(m->chars + mid * 12);
            if (at == cp) c = m->chars + mid * 12;
            else if (at < cp) lo = mid + 1;
            else hi = mid;
        }
    }
    if (!c) return 0;
    size_t first = lm_u32(c + 4), n = lm_u32(c + 8), k = 0;
    for (size_t i = 0; i < n && k < max; i++) {
        uint32_t x = lm_u32(m->cands + (first + i) * 4);
        if ((x & LM_SHAPE) == shape) out[k++] = x & ~LM_SHAPE;
    }
    return k;
}

size_t lm_homophones(const lm *m, uint32_t cp, uint32_t *out, size_t max)
{
    return lm_char_cands(m, cp, 0, out, max);
}

size_t lm_lookalikes(const lm *m, uint32_t cp, uint32_t *out, size_t max)
{
    return lm_char_cands(m, cp, LM_SHAPE, out, max);
}

static pthread_once_t lm_once = PTHREAD_ONCE_INIT;
static lm *lm_process;
static char lm_why[1200];

static void lm_load_default(void)
{
    char *dir = fileio_data_dir("PARK_DATA_DIR", "data");
    if (!dir) {
        snprintf(lm_why, sizeof lm_why, "找不到数据目录（可用 PARK_DATA_DIR 指定）");
        return;
    }
    size_t n = strlen(dir) + sizeof "/park.lm";
    char *path = xmalloc(n);
    snprintf(path, n, "%s/park.lm", dir);
    perr e = {0};
    lm_process = lm_open(path, &e);
    if (!lm_process) snprintf(lm_why, sizeof lm_why, "%s", e.msg);
    free(path);
    free(dir);
}

const lm *lm_default(const char **why)
{
    pthread_once(&lm_once, lm_load_default);
    if (!lm_process && why) *why = lm_why;
    return lm_process;
}
