#!/usr/bin/env python3
"""Writes the seeds of the lm fuzz target (tests/fuzz/corpus/lm/): a tiny
model in the layout tools/build-lm.py writes (version 3, 8-bit prefix sets,
one-character costs for U+5B9E..U+6D1B only), and two broken ones."""
import os, struct

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'corpus', 'lm')
P, FIRST, END = 8, 0x5B9E, 0x6D1C


def hw(w):
    h = 0x811C9DC5
    for c in w:
        h = ((h ^ ord(c)) * 0x9E3779B1) & 0xFFFFFFFF
    return h


words = {'工作': 500, '落实': 600, '目标': 700, '切实': 800, '加强': 650, '组织': 640, '领导': 630, '实': 900,
         '洛': 1500, '工作落实': 900}
nslots = 16
slots, blob = [(0, 0, 0)] * nslots, bytearray()
for w in sorted(words):
    b = w.encode()
    i = hw(w) & (nslots - 1)
    while slots[i][1]:
        i = (i + 1) & (nslots - 1)
    slots[i] = (len(blob), len(b), words[w])
    blob += b
chars = sorted([(ord('洛'), 0, 1), (ord('表'), 1, 1)])
cands = [ord('落'), ord('标')]
out = bytearray(b'PARKLM01') + struct.pack('<10I', 3, nslots, len(words), len(blob), len(chars), len(cands), 2000,
                                           P, FIRST, END)
for o, l, c in slots:
    out += struct.pack('<IBBH', o, l, 0, c)
out += blob
while len(out) % 4:
    out += b'\0'
for cp, f, n in chars:
    out += struct.pack('<3I', cp, f, n)
out += struct.pack(f'<{len(cands)}I', *cands)
single = [0xFFFF] * (END - FIRST)
pre2, pre3 = bytearray(1 << (P - 3)), bytearray(1 << (P - 3))
for w, c in words.items():
    cp = [ord(x) for x in w]
    if len(cp) == 1 and FIRST <= cp[0] < END:
        single[cp[0] - FIRST] = c
    if len(cp) >= 2:
        h = (((cp[0] * 0x9E3779B1) ^ (cp[1] * 0x85EBCA77)) & 0xFFFFFFFF) >> (32 - P)
        pre2[h >> 3] |= 1 << (h & 7)
    if len(cp) >= 3:
        h = (((cp[0] * 0x9E3779B1) ^ (cp[1] * 0x85EBCA77) ^ (cp[2] * 0xC2B2AE3D)) & 0xFFFFFFFF) >> (32 - P)
        pre3[h >> 3] |= 1 << (h & 7)
out += struct.pack(f'<{len(single)}H', *single) + pre2 + pre3
os.makedirs(here, exist_ok=True)
for name, data in (('tiny-model', out), ('truncated-header', out[:30]),
                   ('wrong-version', out[:8] + struct.pack('<I', 2) + out[12:])):
    with open(os.path.join(here, name), 'wb') as f:
        f.write(data)
