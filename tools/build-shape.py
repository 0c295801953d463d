#!/usr/bin/env python3
"""Derives data/shape-pairs.txt, the characters of similar shape (形近字),
from three Debian packages of Rime input-method tables:

  rime-data-stroke    stroke.dict.yaml: each character's stroke order
                      (h 横, s 竖, p 撇, n 点/捺, z 折)
  rime-data-wubi      wubi86.dict.yaml: Wubi 86 codes (the roots, by shape)
  rime-data-cangjie5  cangjie5.dict.yaml: Cangjie 5 codes (the parts, by shape)

and jieba's word frequencies (python3-jieba), for which characters are
common. Two characters look alike by these signals, each worth a point:

  - the same stroke order, three points (己/已, 未/末); one stroke apart
    (added, dropped or changed), two points when the shorter has four
    strokes or more (治/冶, 丘/企), else one;
  - one's strokes begin or end the other's, one to four strokes more: a part
    added or dropped (甬/通, 切/彻);
  - Wubi codes of four keys one key apart (the same roots but one): 捡/险;
  - Cangjie codes the same, or one letter apart in three or more.

A character's candidates are the common characters with a point or
more, most points first, then the most frequent; at most MAX_SHAPES.
(The language model decides in context which, if any, is meant: one sign
of likeness is enough to be a candidate.)
Each output line: the character, a tab, its candidates separated by
spaces. The same inputs give the same bytes.

    tools/build-shape.py data/shape-pairs.txt
"""
import argparse, os, sys
from collections import defaultdict

RIME = '/usr/share/rime-data'
JIEBA = '/usr/lib/python3/dist-packages/jieba/dict.txt'
COMMON = 2000      # as tools/build-lm.py: a character is common when its words' frequencies add up to this
MAX_SHAPES = 8
CROWD = 40         # a code shared by more characters than this tells nothing


def read_codes(path):
    """{character: [codes]} of a Rime dict.yaml (after its '...' line)."""
    codes, body = defaultdict(list), False
    for line in open(path, encoding='utf-8'):
        if line.startswith('...'):
            body = True
            continue
        if not body or line.startswith('#'):
            continue
        parts = line.rstrip('\n').split('\t')
        if len(parts) >= 2 and len(parts[0]) == 1 and parts[1] and parts[1] not in codes[parts[0]]:
            codes[parts[0]].append(parts[1])
    if len(codes) < 20000:
        sys.exit(f'{path}: only {len(codes)} characters read')
    return codes


def lev_le1(a, b):
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    if len(a) > len(b):
        a, b = b, a
    return len(b) - len(a) == 1 and any(b[:i] + b[i + 1:] == a for i in range(len(b)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--rime', default=RIME)
    ap.add_argument('--jieba', default=JIEBA)
    ap.add_argument('out')
    a = ap.parse_args()
    strokes = read_codes(os.path.join(a.rime, 'stroke.dict.yaml'))
    wubi = read_codes(os.path.join(a.rime, 'wubi86.dict.yaml'))
    cangjie = read_codes(os.path.join(a.rime, 'cangjie5.dict.yaml'))
    freq = defaultdict(int)
    for line in open(a.jieba, encoding='utf-8'):
        parts = line.split()
        if len(parts) >= 2 and parts[1].isdigit():
            for c in parts[0]:
                freq[c] += int(parts[1])
    han = lambda c: '\u3400' <= c <= '\u4dbf' or '\u4e00' <= c <= '\u9fff'
    chars = sorted(c for c in freq if han(c) and c in strokes)
    common = {c for c in chars if freq[c] >= COMMON}
    points = defaultdict(lambda: defaultdict(int))

    def pairs_by_key(codes, keys, worth):
        """Points for the pairs of (any, common) characters that share a key."""
        bucket = defaultdict(set)
        for c in chars:
            for code in codes.get(c, ()):
                for k in keys(code):
                    bucket[k].add(c)
        found = defaultdict(set)
        for members in bucket.values():
            if len(members) > CROWD:
                continue
            for x in members:
                for y in members:
                    if x != y and y in common:
                        found[x].add(y)
        for x, ys in found.items():
            for y in ys:
                w = worth(x, y)
                if w:
                    points[x][y] += w

    def stroke_worth(x, y):
        best = 0
        for s in strokes[x]:
            for t in strokes[y]:
                if s == t and len(s) >= 2:
                    best = 3
                elif len(s) >= 3 and len(t) >= 3 and lev_le1(s, t):
                    best = max(best, 2 if min(len(s), len(t)) >= 4 else 1)
        return best

    # one stroke apart: they share the order with one position blanked or dropped
    pairs_by_key(strokes, lambda s: [s] + [s[:i] + '*' + s[i + 1:] for i in range(len(s))] +
                 [s[:i] + s[i + 1:] for i in range(len(s))] if len(s) >= 3 else [], stroke_worth)

    def affix_worth(x, y):
        for s in strokes[x]:
            for t in strokes[y]:
                short, long_ = (s, t) if len(s) < len(t) else (t, s)
                if len(short) >= 3 and 1 <= len(long_) - len(short) <= 4 and \
                        (long_.startswith(short) or long_.endswith(short)):
                    return 1
        return 0

    def affixes(s):
        ks = [('=', s)]
        for e in range(1, 5):
            if len(s) - e >= 3:
                ks += [('<', s[:len(s) - e]), ('>', s[e:])]
        return ks
    # keys: a sequence itself, and what remains of it without its last or first strokes
    bucket = defaultdict(set)
    for c in chars:
        for s in strokes[c]:
            for k in affixes(s):
                bucket[k[1]].add(c)
    for members in bucket.values():
        if len(members) > CROWD:
            continue
        for x in members:
            for y in members:
                if x != y and y in common and affix_worth(x, y):
                    points[x][y] += 1

    def code_worth(codes, n_min):
        def worth(x, y):
            for s in codes[x]:
                for t in codes[y]:
                    if len(s) == len(t) >= n_min and sum(p != q for p, q in zip(s, t)) <= 1:
                        return 1
            return 0
        return worth
    pairs_by_key(wubi, lambda s: [s[:i] + '*' + s[i + 1:] for i in range(4)] if len(s) == 4 else [],
                 code_worth(wubi, 4))
    pairs_by_key(cangjie, lambda s: ([s] if len(s) >= 2 else []) +
                 ([s[:i] + '*' + s[i + 1:] for i in range(len(s))] if len(s) >= 3 else []),
                 lambda x, y: 1 if any(s == t and len(s) >= 2 for s in cangjie[x] for t in cangjie[y]) or
                 code_worth(cangjie, 3)(x, y) else 0)

    lines = []
    for c in chars:
        got = sorted((y for y, p in points[c].items() if p >= 1), key=lambda y: (-points[c][y], -freq[y], y))
        if got:
            lines.append(c + '\t' + ' '.join(got[:MAX_SHAPES]))
    tmp = a.out + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write('# Characters of similar shape: character, tab, its look-alikes (common characters),\n'
                '# most alike first. Made by tools/build-shape.py from Debian rime-data-stroke,\n'
                '# rime-data-wubi and rime-data-cangjie5 (LGPL-3) and python3-jieba; do not edit.\n')
        f.write('\n'.join(lines) + '\n')
    os.replace(tmp, a.out)
    print(f'{a.out}: {len(lines)} characters, {sum(len(l.split()) - 1 for l in lines)} look-alikes', file=sys.stderr)


if __name__ == '__main__':
    main()
