/* siteline.c -- is this line a template site's or a web page's, not the
 * report's?
 *
 * A report line talks about the park's work; a line a site left talks about
 * the document (下载, 完整版, 可编辑), about paying for it (会员, 仅需9.9元),
 * about reaching the seller (加微信, 公众号, QQ群, a link, a phone number)
 * or about copying it (侵权, 倒卖, 请勿外传). The sites change their wording
 * all the time, so no list of their lines lasts; their vocabulary does.
 * siteline_score adds the weights of the vocabulary's words found in a line
 * (each word once; report wording weighs against) and of its marks. The
 * vocabulary is data (data/site-words.txt, compiled into site_words.h). */

#include "siteline.h"

#include <pthread.h>
#include <string.h>

typedef struct siteline_word {
    const char *w;
    unsigned char len;
    signed char weight;
} siteline_word;

#include "site_words.h"

static int siteline_digit(char c) { return c >= '0' && c <= '9'; }

static int siteline_alnum(char c)
{
    return siteline_digit(c) || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* A link: www., http, or a .com/.cn/.net host. */
static int siteline_link(const char *s, size_t n)
{
    static const char *const marks[] = {"www.", "WWW.", "http", ".com", ".cn", ".net", ".org"};
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
        if (memmem(s, n, marks[i], strlen(marks[i]))) return 1;
    return 0;
}

/* An e-mail address: name@host.tld. */
static int siteline_email(const char *s, size_t n)
{
    for (const char *at = memchr(s, '@', n); at; at = memchr(at + 1, '@', (size_t)(s + n - at - 1))) {
        size_t i = (size_t)(at - s);
        if (i > 0 && siteline_alnum(s[i - 1]) && i + 1 < n && siteline_alnum(s[i + 1]) &&
            memchr(at, '.', (size_t)(s + n - at)))
            return 1;
    }
    return 0;
}

/* A mainland mobile number: 1[3-9] and nine more digits, no more. */
static int siteline_mobile(const char *s, size_t n)
{
    for (size_t i = 0; i + 11 <= n; i++) {
        if (s[i] != '1' || (i > 0 && siteline_digit(s[i - 1])) || s[i + 1] < '3' || s[i + 1] > '9') continue;
        size_t j = i + 2;
        while (j < n && siteline_digit(s[j])) j++;
        if (j - i == 11) return 1;
        i = j;
    }
    return 0;
}

/* The words by their first character: heads[h] is the first word whose
 * first character hashes to h, next[] chains the rest. Built once. */
#define SITELINE_NWORDS (sizeof siteline_words / sizeof *siteline_words)
#define SITELINE_BUCKETS 256
static short siteline_heads[SITELINE_BUCKETS], siteline_next[SITELINE_NWORDS];
static pthread_once_t siteline_once = PTHREAD_ONCE_INIT;

static size_t siteline_char_len(unsigned char b) { return b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4; }

static unsigned siteline_hash(const unsigned char *s, size_t k)
{
    unsigned h = 0;
    for (size_t i = 0; i < k; i++) h = h * 31 + s[i];
    return h % SITELINE_BUCKETS;
}

static void siteline_index(void)
{
    for (size_t i = 0; i < SITELINE_BUCKETS; i++) siteline_heads[i] = -1;
    for (size_t i = SITELINE_NWORDS; i-- > 0;) {
        const unsigned char *w = (const unsigned char *)siteline_words[i].w;
        unsigned h = siteline_hash(w, siteline_char_len(w[0]));
        siteline_next[i] = siteline_heads[h];
        siteline_heads[h] = (short)i;
    }
}

int siteline_score(const char *s, size_t n, int *signals)
{
    pthread_once(&siteline_once, siteline_index);
    unsigned char seen[SITELINE_NWORDS];
    memset(seen, 0, sizeof seen);
    int score = 0, found = 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t k = siteline_char_len(u[i]);
        if (k > n - i) break;
        for (short j = siteline_heads[siteline_hash(u + i, k)]; j >= 0; j = siteline_next[j]) {
            const siteline_word *w = &siteline_words[j];
            if (seen[j] || w->len > n - i || memcmp(s + i, w->w, w->len) != 0) continue;
            seen[j] = 1;
            score += w->weight;
            found += w->weight > 0;
        }
        i += k;
    }
    if (siteline_link(s, n)) score += 5, found++;
    if (siteline_email(s, n)) score += 4, found++;
    if (siteline_mobile(s, n)) score += 3, found++;
    if (memmem(s, n, "¥", 2) || memmem(s, n, "￥", 3)) score += 3, found++;
    *signals = found;
    return score;
}
