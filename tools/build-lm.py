#!/usr/bin/env python3
"""Derives Park's language model, data/park.lm, from two Debian packages:

  python3-jieba                     jieba/dict.txt: 349,046 words of modern
                                    Chinese with their frequencies (MIT)
  golang-github-mozillazg-go-pinyin-dev
                                    pinyin_dict.go: the readings of 41,497
                                    characters, from pinyin-data (MIT)

and data/lm-words.txt, the words of today's official writing that jieba's
dictionary lacks.

    tools/build-lm.py [--jieba DICT] [--pinyin GO_FILE] [--extra FILE] OUT

The model is a word unigram model (log probabilities of the words of up to
six characters) and, for each common character, the common characters
with a reading in common (tones ignored): the confusion set of homophone
typos. The output is the same bytes for the same inputs (sorted, no
timestamps). Layout (little-endian; src/lm.c reads it):

  header   "PARKLM01", u32 version=3, u32 nslots (power of 2), u32 nwords,
           u32 blob_len, u32 nchars, u32 ncands, u32 floor (-logp * 100),
           u32 prefix_bits (P), u32 single_first, u32 single_end
  slots    nslots x {u32 off, u8 len, u8 pad, u16 cost}: open addressing by
           hw (below) of the word's code points, linear probing; len 0 =
           empty; len is in bytes; cost is -log p(word) * 100
  blob     the words' UTF-8 bytes
  chars    nchars x {u32 cp, u32 first, u32 n}: sorted by cp, candidates
           cands[first .. first + n)
  cands    ncands x u32 code points, most frequent first
  single   u16 cost of each character single_first..single_end - 1 as a
           word of its own (0xFFFF: none)
  pre2     2^P-bit set of the first two characters of the words, at bit
           h2 = ((c1 * 0x9E3779B1) ^ (c2 * 0x85EBCA77)) mod 2^32 >> (32 - P)
  pre3     the same for the first three, h3 = ((c1 * 0x9E3779B1) ^
           (c2 * 0x85EBCA77) ^ (c3 * 0xC2B2AE3D)) mod 2^32 >> (32 - P)
"""
import argparse, math, os, re, struct, sys, unicodedata

JIEBA = '/usr/lib/python3/dist-packages/jieba/dict.txt'
PINYIN = '/usr/share/gocode/src/github.com/mozillazg/go-pinyin/pinyin_dict.go'
MAX_CHARS = 6          # longer words are not looked up
COMMON = 2000          # a character is common when its words' frequencies add up to this
MAX_CANDS = 40         # candidates kept per character


SINGLE_FIRST, SINGLE_END = 0x3400, 0xA000
PREFIX_BITS = 21


def h2(a, b, bits):
    return (((a * 0x9E3779B1) ^ (b * 0x85EBCA77)) & 0xFFFFFFFF) >> (32 - bits)


def h3(a, b, c, bits):
    return (((a * 0x9E3779B1) ^ (b * 0x85EBCA77) ^ (c * 0xC2B2AE3D)) & 0xFFFFFFFF) >> (32 - bits)


def hw(word):
    """The slot hash: h = (h ^ cp) * 0x9E3779B1 over the code points, from 0x811C9DC5."""
    h = 0x811C9DC5
    for c in word:
        h = ((h ^ ord(c)) * 0x9E3779B1) & 0xFFFFFFFF
    return h


def pack(cost, homophones, floor, prefix_bits=PREFIX_BITS, single_first=SINGLE_FIRST, single_end=SINGLE_END):
    """The model file's bytes (the layout above): cost maps each word to its
    cost, homophones each code point to its candidates' code points."""
    words = sorted(cost)
    nslots = 1
    while nslots < len(words) * 3 // 2:
        nslots *= 2
    slots = [(0, 0, 0)] * nslots
    blob = bytearray()
    for w in words:
        b = w.encode('utf-8')
        i = hw(w) & (nslots - 1)
        while slots[i][1]:
            i = (i + 1) & (nslots - 1)
        slots[i] = (len(blob), len(b), cost[w])
        blob += b
    chars, cands = [], []
    for cp in sorted(homophones):
        chars.append((cp, len(cands), len(homophones[cp])))
        cands.extend(homophones[cp])
    out = bytearray(b'PARKLM01')
    out += struct.pack('<10I', 3, nslots, len(words), len(blob), len(chars), len(cands), floor, prefix_bits,
                       single_first, single_end)
    for off, ln, c in slots:
        out += struct.pack('<IBBH', off, ln, 0, c)
    out += blob
    while len(out) % 4:
        out += b'\0'
    for cp, first, n in chars:
        out += struct.pack('<3I', cp, first, n)
    out += struct.pack(f'<{len(cands)}I', *cands)
    single = [0xFFFF] * (single_end - single_first)
    pre2, pre3 = bytearray(1 << (prefix_bits - 3)), bytearray(1 << (prefix_bits - 3))
    for w in words:
        cps = [ord(c) for c in w]
        if len(cps) == 1 and single_first <= cps[0] < single_end:
            single[cps[0] - single_first] = cost[w]
        if len(cps) >= 2:
            h = h2(cps[0], cps[1], prefix_bits)
            pre2[h >> 3] |= 1 << (h & 7)
        if len(cps) >= 3:
            h = h3(cps[0], cps[1], cps[2], prefix_bits)
            pre3[h >> 3] |= 1 << (h & 7)
    out += struct.pack(f'<{len(single)}H', *single)
    return bytes(out + pre2 + pre3)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--jieba', default=JIEBA)
    ap.add_argument('--pinyin', default=PINYIN)
    ap.add_argument('--extra', default=os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data', 'lm-words.txt'))
    ap.add_argument('out')
    a = ap.parse_args()
    freq = {}
    for line in open(a.jieba, encoding='utf-8'):
        parts = line.split()
        if len(parts) < 2 or not parts[1].isdigit():
            sys.exit(f'{a.jieba}: not a jieba dictionary line: {line!r}')
        w, f = parts[0], int(parts[1])
        if 1 <= len(w) <= MAX_CHARS and f > 0 and all('\u3400' <= c <= '\u9fff' for c in w):
            freq[w] = freq.get(w, 0) + f
    for n, line in enumerate(open(a.extra, encoding='utf-8'), 1):
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        parts = line.split()
        w, f = parts[0], int(parts[1]) if len(parts) > 1 else 1000
        if len(parts) > 2 or not all('\u3400' <= c <= '\u9fff' for c in w) or len(w) > MAX_CHARS:
            sys.exit(f'{a.extra}:{n}: a word of one to {MAX_CHARS} Han characters, then an optional frequency')
        freq[w] = max(freq.get(w, 0), f)
    total = sum(freq.values())
    cost = {w: min(65535, round(-math.log(f / total) * 100)) for w, f in freq.items()}
    floor = round(-math.log(0.5 / total) * 100)

    readings = {}
    for line in open(a.pinyin, encoding='utf-8'):
        m = re.match(r'\s*0x([0-9A-Fa-f]+): "([^"]+)"', line)
        if m:
            strip = lambda p: ''.join(c for c in unicodedata.normalize('NFD', p) if not unicodedata.combining(c))
            readings[chr(int(m.group(1), 16))] = {strip(p) for p in m.group(2).split(',')}
    if len(readings) < 20000:
        sys.exit(f'{a.pinyin}: only {len(readings)} characters read')
    charf = {}
    for w, f in freq.items():
        for c in w:
            charf[c] = charf.get(c, 0) + f
    common = sorted((c for c, f in charf.items() if f >= COMMON and c in readings), key=lambda c: (-charf[c], c))
    by_reading = {}
    for c in common:
        for r in readings[c]:
            by_reading.setdefault(r, []).append(c)
    chars, cands = [], []
    for c in sorted(common):
        seen = set()
        for r in sorted(readings[c]):
            seen.update(by_reading.get(r, []))
        seen.discard(c)
        lst = sorted(seen, key=lambda x: (-charf[x], x))[:MAX_CANDS]
        if lst:
            chars.append((ord(c), len(cands), len(lst)))
            cands.extend(ord(x) for x in lst)

    out = pack(cost, dict((cp, cands[first:first + n]) for cp, first, n in chars), floor)
    tmp = a.out + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(out)
    os.replace(tmp, a.out)
    print(f'{a.out}: {len(cost)} words, {len(chars)} characters with {len(cands)} homophones, {len(out)} bytes',
          file=sys.stderr)


if __name__ == '__main__':
    main()
