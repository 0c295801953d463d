#!/usr/bin/env python3
"""Derives Park's language model, data/park.lm, from four Debian packages:

  python3-jieba                     jieba/dict.txt: 349,046 words of modern
                                    Chinese with their frequencies (MIT)
  golang-github-mozillazg-go-pinyin-dev
                                    pinyin_dict.go: the readings of 41,497
                                    characters, from pinyin-data (MIT)
  sunpinyin-data (+ sunpinyin-utils' tslminfo to read it)
                                    lm_sc.t3g and pydict_sc.bin: open-gram's
                                    word trigram model of 84,154 words
                                    (CC BY-SA 3.0); its bigrams only
  rime-essay (+ opencc's t2s to simplify it)
                                    essay.txt: Rime's 313,000 words and
                                    phrases with counts (LGPL-3); the word
                                    pairs of its phrases

and three files of Park's own: data/lm-words.txt, the words of today's
official writing that jieba's dictionary lacks, data/spinner-pairs.txt,
the substitutions of synonym-spinner sites (original, spun), and
data/shape-pairs.txt, the characters of similar shape (made by
tools/build-shape.py from Rime's tables, LGPL-3).

    tools/build-lm.py [--jieba DICT] [--pinyin GO_FILE] [--sunpinyin DIR]
                      [--essay FILE|none] [--extra FILE] [--spinner FILE]
                      [--shape FILE] OUT

The model is a word unigram model (log probabilities of the words of up to
six characters), the association of word pairs (how much more likely the
second word is after the first than anywhere: open-gram's bigrams), for
each character of the words the common characters with a reading in
common (tones ignored; a rare character in a report is often a common one
mistyped), for each character its look-alikes, and for each word its confusable words: the words one
homophone away, the words of the same reading, and the originals a
spinner replaces by it. The output is the same bytes for the same inputs
(sorted, no timestamps). Layout (little-endian; src/lm.c reads it):

  header   "PARKLM01", u32 version=6, u32 nslots (power of 2), u32 nwords,
           u32 blob_len, u32 nchars, u32 ncands, u32 floor (-logp * 100),
           u32 prefix_bits (P), u32 single_first, u32 single_end,
           u32 npairs (power of 2), u32 nconf, u32 bloom_bits (B)
  slots    nslots x {u32 hw >> 24 << 24 | off, u8 len, u8 amax, u16 cost}:
           open addressing by hw (below) of the word's code points, linear
           probing, the hash's top byte kept beside the word's offset in the
           blob (nslots and blob_len at most 2^24); len 0 = empty; len is in bytes, | 0x80 for a word a spinner puts for
           another; cost is -log p(word) * 100; amax the word's largest
           association (below) with any word, either side
  blob     the words' UTF-8 bytes
  chars    nchars x {u32 cp, u32 first, u32 n}: sorted by cp, candidates
           cands[first .. first + n)
  cands    ncands x u32 code points: the homophones, most frequent first, then
           the characters of similar shape (data/shape-pairs.txt), | 1 << 31
  single   u16 cost of each character single_first..single_end - 1 as a
           word of its own (0xFFFF: none)
  pre2     2^P-bit set of the first two characters of the words, at bit
           h2 = ((c1 * 0x9E3779B1) ^ (c2 * 0x85EBCA77)) mod 2^32 >> (32 - P)
  pre3     the same for the first three, h3 = ((c1 * 0x9E3779B1) ^
           (c2 * 0x85EBCA77) ^ (c3 * 0xC2B2AE3D)) mod 2^32 >> (32 - P)
  pairs    npairs x u32 (fingerprint << 8 | a): open addressing by hp
           (below) of the two words, linear probing, 0 = empty; a is the
           association ln p(w2|w1) - ln p(w2) in twentieths of a nat
  bloom    2^B bits: bit (h >> 16) mod 2^B of each pair's hash hp is set,
           so that most pairs the model does not know need no probe
  cstart   (nslots + 1) x u32: the confusables of the word in slot s are
           conf[cstart[s] .. cstart[s + 1])
  conf     nconf x u32 (source << 31 | slot of the confusable word); source
           0: a homophone, 1: the original of a spun word
"""
import argparse, math, os, re, struct, subprocess, sys, unicodedata

JIEBA = '/usr/lib/python3/dist-packages/jieba/dict.txt'
PINYIN = '/usr/share/gocode/src/github.com/mozillazg/go-pinyin/pinyin_dict.go'
MAX_CHARS = 6          # longer words are not looked up
COMMON = 2000          # a character is common when its words' frequencies add up to this
MAX_CANDS = 40         # candidates kept per character


SINGLE_FIRST, SINGLE_END = 0x3400, 0xA000
PREFIX_BITS = 21
SUNPINYIN = '/usr/lib/x86_64-linux-gnu/sunpinyin/data'
ESSAY = '/usr/share/rime-data/essay.txt'
ESSAY_MIN = 100        # a phrase of the essay seen fewer times gives no pair
ESSAY_WEIGHT = 0.5     # its phrase counts overstate how often the two words meet: half the PMI
PAIR_MIN = 1.5         # nats of association below which a pair is not kept
PAIR_BITS = 21         # pair slots: 2^21 for about 1.4 million pairs
BLOOM_BITS = 23        # a 1 MB bit set in front of them
MAX_CONF = 6           # homophone confusables kept per word
SHAPE = 1 << 31        # a candidate of similar shape, not of the same reading
M64 = (1 << 64) - 1


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


def hp(w1, w2):
    """The pair hash: 64-bit FNV-1a over the code points of w1, 0x110000 and
    w2, then a splitmix finish; slot = low bits, fingerprint = bits 40..63
    (1 when 0)."""
    h = 0xCBF29CE484222325
    for c in [ord(c) for c in w1] + [0x110000] + [ord(c) for c in w2]:
        h = ((h ^ c) * 0x100000001B3) & M64
    h ^= h >> 29
    h = (h * 0xBF58476D1CE4E5B9) & M64
    h ^= h >> 32
    return h


def pack(cost, homophones, floor, prefix_bits=PREFIX_BITS, single_first=SINGLE_FIRST, single_end=SINGLE_END,
         pairs=None, pair_bits=4, confusables=None, bloom_bits=None):
    """The model file's bytes (the layout above): cost maps each word to its
    cost, homophones each code point to its candidates' code points, pairs
    (w1, w2) to an association (twentieths of a nat, 1..255), confusables
    each word to its [(word, source)]."""
    pairs, confusables = pairs or {}, confusables or {}
    bloom_bits = bloom_bits or pair_bits + 3
    amax = {}
    for (w1, w2), a in pairs.items():
        amax[w1] = max(amax.get(w1, 0), a)
        amax[w2] = max(amax.get(w2, 0), a)
    words = sorted(cost)
    nslots = 1
    while nslots < len(words) * 3 // 2:
        nslots *= 2
    slots = [(0, 0, 0, 0)] * nslots
    slot_of = {}
    blob = bytearray()
    for w in words:
        b = w.encode('utf-8')
        i = hw(w) & (nslots - 1)
        while slots[i][1]:
            i = (i + 1) & (nslots - 1)
        spun = any(src for _, src in confusables.get(w, ()))
        slots[i] = (hw(w) >> 24 << 24 | len(blob), len(b) | (0x80 if spun else 0), amax.get(w, 0), cost[w])
        slot_of[w] = i
        blob += b
    chars, cands = [], []
    for cp in sorted(homophones):
        chars.append((cp, len(cands), len(homophones[cp])))
        cands.extend(homophones[cp])
    out = bytearray(b'PARKLM01')
    npairs = 1 << pair_bits
    table, bloom = [0] * npairs, bytearray(1 << (bloom_bits - 3))
    for (w1, w2), a in sorted(pairs.items()):
        h = hp(w1, w2)
        bit = (h >> 16) & ((1 << bloom_bits) - 1)
        bloom[bit >> 3] |= 1 << (bit & 7)
        i, fp = h & (npairs - 1), (h >> 40) or 1
        while table[i]:
            i = (i + 1) & (npairs - 1)
        table[i] = fp << 8 | a
    cstart, conf = [0] * (nslots + 1), []
    by_slot = {slot_of[w]: lst for w, lst in confusables.items() if w in slot_of}
    for i in range(nslots):
        for c, src in by_slot.get(i, ()):
            conf.append(src << 31 | slot_of[c])
        cstart[i + 1] = len(conf)
    assert nslots <= 1 << 24 and len(blob) < 1 << 24, 'the slots keep 24-bit offsets'
    out += struct.pack('<13I', 6, nslots, len(words), len(blob), len(chars), len(cands), floor, prefix_bits,
                       single_first, single_end, npairs, len(conf), bloom_bits)
    for off, ln, am, c in slots:
        out += struct.pack('<IBBH', off, ln, am, c)
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
    out += pre2 + pre3
    out += struct.pack(f'<{npairs}I', *table)
    out += bloom
    out += struct.pack(f'<{nslots + 1}I', *cstart)
    out += struct.pack(f'<{len(conf)}I', *conf)
    return bytes(out)


def read_sunpinyin(d):
    """open-gram's bigrams of Han words: {(w1, w2): association in nats},
    for the pairs at least PAIR_MIN more likely together than apart."""
    b = open(os.path.join(d, 'pydict_sc.bin'), 'rb').read()
    nword, _, strings = struct.unpack('<3I', b[:12])
    n = (len(b) - strings) // 4
    words, cur = [], []
    for x in struct.unpack(f'<{n}I', b[strings:strings + 4 * n]):
        if x == 0:
            words.append(''.join(map(chr, cur)))
            cur = []
        else:
            cur.append(x)
    if len(words) != nword:
        sys.exit(f'{d}/pydict_sc.bin: {len(words)} words, the header says {nword}')
    han = lambda w: w and len(w) <= MAX_CHARS and all('\u3400' <= c <= '\u9fff' for c in w)
    p = subprocess.Popen(['tslminfo', '-v', os.path.join(d, 'lm_sc.t3g')], stdout=subprocess.PIPE, text=True)
    uni, pairs, level = {}, {}, 0
    for line in p.stdout:
        if line.startswith('\\'):
            level = int(line[1])
            if level == 3:
                break
            continue
        f = line.split()
        if level == 1:
            uni[int(f[0])] = float(f[1])
        elif level == 2 and float(f[2]) > 0:
            w1, w2 = int(f[0]), int(f[1])
            a = uni[w2] - float(f[2])
            if a >= PAIR_MIN and han(words[w1]) and han(words[w2]):
                pairs[(words[w1], words[w2])] = a
    p.stdout.close()
    p.kill()
    p.wait()
    if len(pairs) < 100000:
        sys.exit(f'{d}/lm_sc.t3g: only {len(pairs)} pairs read')
    return pairs


def read_essay(path, cost):
    """Rime's essay (rime-essay: 313,000 words and phrases of traditional
    script with their counts), in simplified script by OpenCC's t2s: the
    word pairs of its phrases, {(w1, w2): association in nats}. A phrase of
    two or three words of the model (two characters or more each, split the
    likeliest way) counts for each adjacent pair; the association is the
    pointwise mutual information of the pair's count with the counts of its
    words in the essay, kept when at least PAIR_MIN and the phrase was seen
    ESSAY_MIN times."""
    out = subprocess.run(['opencc', '-c', 't2s.json', '-i', path], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f'{path}: opencc failed: {out.stderr.strip()}')
    count = {}
    for line in out.stdout.splitlines():
        parts = line.split('\t')
        if len(parts) >= 2 and parts[1].isdigit():
            count[parts[0]] = count.get(parts[0], 0) + int(parts[1])
    if len(count) < 100000:
        sys.exit(f'{path}: only {len(count)} entries read')
    total = sum(count.values())
    together = {}
    for phrase, c in sorted(count.items()):
        if c < ESSAY_MIN or not 4 <= len(phrase) <= 3 * MAX_CHARS:
            continue
        best = {0: (0, [])}  # end -> (cost, words), words of two characters or more, never the whole phrase
        for i in range(len(phrase)):
            if i not in best:
                continue
            for j in range(i + 2, min(len(phrase), i + MAX_CHARS) + 1):
                w = phrase[i:j]
                if w in cost and (i, j) != (0, len(phrase)):
                    cand = (best[i][0] + cost[w], best[i][1] + [w])
                    if j not in best or cand[0] < best[j][0]:
                        best[j] = cand
        words = best.get(len(phrase), (0, []))[1]
        if 2 <= len(words) <= 3:
            for w1, w2 in zip(words, words[1:]):
                together[(w1, w2)] = together.get((w1, w2), 0) + c
    pairs = {}
    for (w1, w2), c in together.items():
        if count.get(w1, 0) > 0 and count.get(w2, 0) > 0:
            a = ESSAY_WEIGHT * math.log(c * total / (count[w1] * count[w2]))
            if a >= PAIR_MIN:
                pairs[(w1, w2)] = a
    return pairs


def word_confusables(cost, homophones, first_reading):
    """Each word's homophone confusables: the words one common homophone
    away, and for two-character words the words of the same reading (first
    readings), the MAX_CONF most frequent."""
    by_key = {}
    for w in cost:
        if len(w) == 2 and all(c in first_reading for c in w):
            by_key.setdefault((first_reading[w[0]], first_reading[w[1]]), []).append(w)
    conf = {}
    for w in cost:
        if not 2 <= len(w) <= 4:
            continue
        seen = set()
        for i, c in enumerate(w):
            for h in homophones.get(ord(c), ()):
                if h & SHAPE:
                    continue
                x = w[:i] + chr(h) + w[i + 1:]
                if x in cost:
                    seen.add(x)
        if len(w) == 2 and all(c in first_reading for c in w):
            seen.update(by_key[(first_reading[w[0]], first_reading[w[1]])])
        seen.discard(w)
        if seen:
            conf[w] = [(x, 0) for x in sorted(seen, key=lambda x: (cost[x], x))[:MAX_CONF]]
    return conf


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--jieba', default=JIEBA)
    ap.add_argument('--pinyin', default=PINYIN)
    data = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data')
    ap.add_argument('--sunpinyin', default=SUNPINYIN)
    ap.add_argument('--extra', default=os.path.join(data, 'lm-words.txt'))
    ap.add_argument('--spinner', default=os.path.join(data, 'spinner-pairs.txt'))
    ap.add_argument('--shape', default=os.path.join(data, 'shape-pairs.txt'))
    ap.add_argument('--essay', default=ESSAY)
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

    readings, first_reading = {}, {}
    for line in open(a.pinyin, encoding='utf-8'):
        m = re.match(r'\s*0x([0-9A-Fa-f]+): "([^"]+)"', line)
        if m:
            strip = lambda p: ''.join(c for c in unicodedata.normalize('NFD', p) if not unicodedata.combining(c))
            readings[chr(int(m.group(1), 16))] = {strip(p) for p in m.group(2).split(',')}
            first_reading[chr(int(m.group(1), 16))] = strip(m.group(2).split(',')[0])
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
    for c in sorted(c for c in charf if c in readings):
        seen = set()
        for r in sorted(readings[c]):
            seen.update(by_reading.get(r, []))
        seen.discard(c)
        lst = sorted(seen, key=lambda x: (-charf[x], x))[:MAX_CANDS]
        if lst:
            chars.append((ord(c), len(cands), len(lst)))
            cands.extend(ord(x) for x in lst)

    homophones = dict((cp, cands[first:first + n]) for cp, first, n in chars)
    shapes = 0
    for n, line in enumerate(open(a.shape, encoding='utf-8'), 1):
        if line.startswith('#') or not line.strip():
            continue
        parts = line.rstrip('\n').split('\t')
        if len(parts) != 2 or len(parts[0]) != 1:
            sys.exit(f'{a.shape}:{n}: a character, a tab, its look-alikes separated by spaces')
        cp, homs = ord(parts[0]), homophones.get(ord(parts[0]), [])
        more = [ord(x) | SHAPE for x in parts[1].split() if len(x) == 1 and ord(x) != cp and ord(x) not in homs]
        if more:
            homophones[cp] = homs + more
            shapes += len(more)
    assoc = read_sunpinyin(a.sunpinyin)
    essay = read_essay(a.essay, cost) if a.essay != 'none' else {}
    new = sum(1 for k in essay if k not in assoc)
    for k, v in essay.items():
        assoc[k] = max(assoc.get(k, 0), v)
    pairs = {k: min(255, round(v * 20)) for k, v in assoc.items()}
    conf = word_confusables(cost, homophones, first_reading)
    spun = skipped = 0
    for n, line in enumerate(open(a.spinner, encoding='utf-8'), 1):
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        parts = line.split('\t')
        if len(parts) != 2 or parts[0] == parts[1]:
            sys.exit(f'{a.spinner}:{n}: two different words separated by a tab: original, spun')
        if parts[0] not in cost or parts[1] not in cost or len(parts[0]) != len(parts[1]):
            skipped += 1
            continue
        lst = [x for x in conf.get(parts[1], []) if x[0] != parts[0]]
        conf[parts[1]] = [(parts[0], 1)] + lst
        spun += 1
    out = pack(cost, homophones, floor, pairs=pairs, pair_bits=PAIR_BITS, confusables=conf, bloom_bits=BLOOM_BITS)
    tmp = a.out + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(out)
    os.replace(tmp, a.out)
    print(f'{len(essay)} pairs from the essay, {new} of them new', file=sys.stderr)
    print(f'{a.out}: {len(cost)} words, {len(chars)} characters with {len(cands)} homophones, {shapes} look-alikes '
          f'of {len(homophones)} characters, '
          f'{len(pairs)} pairs, '
          f'{sum(map(len, conf.values()))} confusables of {len(conf)} words ({spun} spinner pairs, {skipped} of '
          f'other lengths or not words), {len(out)} bytes', file=sys.stderr)


if __name__ == '__main__':
    main()
