#!/usr/bin/env python3
"""Writes the seeds of the lm fuzz target (tests/fuzz/corpus/lm/): a tiny
model made by tools/build-lm.py's pack (8-bit prefix sets, one-character
costs for U+5B9E..U+6D1B only, a few pairs and confusables, one of them a
spinner's, one look-alike), and two broken ones; and, in regressions/lm/,
the inputs that once crashed it, remade for the current version of the
format."""
import importlib.util, os, struct

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('build_lm', os.path.join(here, '..', '..', 'tools', 'build-lm.py'))
build_lm = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_lm)

words = {'工作': 500, '落实': 600, '目标': 700, '切实': 800, '加强': 650, '组织': 640, '领导': 630, '实': 900,
         '洛': 1500, '工作落实': 900, '机制': 700, '机智': 900, '体制': 800, '服务': 500, '效劳': 1200, '人民': 500, '技术': 600, '技': 1200, '木': 1300}
homophones = {ord('洛'): [ord('落')], ord('表'): [ord('标')], ord('木'): [ord('目'), ord('术') | build_lm.SHAPE]}
pairs = {('体制', '机制'): 120, ('人民', '服务'): 100, ('加强', '组织'): 60}
confusables = {'机智': [('机制', 0)], '效劳': [('服务', 1)]}
out = build_lm.pack(words, homophones, 2000, prefix_bits=8, single_first=0x5B9E, single_end=0x6D1C, pairs=pairs,
                    pair_bits=4, confusables=confusables)
corpus = os.path.join(here, 'corpus', 'lm')
os.makedirs(corpus, exist_ok=True)
for name, data in (('tiny-model', out), ('truncated-header', out[:30]),
                   ('wrong-version', out[:8] + struct.pack('<I', 2) + out[12:])):
    with open(os.path.join(corpus, name), 'wb') as f:
        f.write(data)

# the tiny model with a floor cost over 65535 (it overflowed the segmentation
# cost before lm_open refused it)
regressions = os.path.join(here, 'regressions', 'lm')
os.makedirs(regressions, exist_ok=True)
with open(os.path.join(regressions, 'floor-overflows-the-segmentation-cost'), 'wb') as f:
    f.write(out[:32] + struct.pack('<I', 0x7FFFFFFF) + out[36:])
