#!/usr/bin/env python3
"""ECSpell official-document sentences through `park check` with only the
language-model rules on: detection and correction precision, recall and F1,
at the sentence level (ECSpell's definitions: a sentence counts when the
set of flagged positions is exactly the set of wrong characters, and for
correction when every fix is right too; precision over the sentences
flagged, recall over the sentences with errors) and at the character level.

    tests/accuracy/ecspell.py PARK [TSV] [--min-precision P]

With --min-precision, exits 1 when the character-level detection precision
is below P (make accuracy guards it).

No rule or threshold of these checks was mined from these sentences: the
model comes from jieba's word frequencies and a pinyin table. The rules
mined from them (typo-ecspell.rules) are off while measuring."""
import json, os, subprocess, sys, tempfile

args = sys.argv[1:]
min_p = None
if '--min-precision' in args:
    k = args.index('--min-precision')
    min_p = float(args[k + 1])
    del args[k:k + 2]
park = args[0]
here = os.path.dirname(os.path.abspath(__file__))
tsv = args[1] if len(args) > 1 else os.path.join(here, 'ecspell', 'ecspell-odw-train.tsv')
rows = [l.rstrip('\n').split('\t') for l in open(tsv, encoding='utf-8') if l.strip()]
with tempfile.TemporaryDirectory() as d:
    text = os.path.join(d, 'sentences.txt')
    cfg = os.path.join(d, 'only-lm.rules')
    with open(text, 'w', encoding='utf-8') as f:
        for _, src, _ in rows:
            f.write(src + '\n')
    with open(cfg, 'w', encoding='utf-8') as f:
        f.write('[config]\ndisable = placeholder, punctuation, usage, formulation, numbering, watermark, artifact, '
                'era, style, typo\nenable = typo.lm-pinyin\n')
    out = subprocess.run([park, 'check', '--format', 'json', '--config', cfg, text], capture_output=True, text=True)
    if out.returncode == 2:
        sys.exit(out.stderr)
found = {}
for line in out.stdout.splitlines():
    o = json.loads(line)
    src = rows[o['line'] - 1][1]
    ci = len(src.encode('utf-8')[:o['col'] - 1].decode('utf-8'))
    found.setdefault(o['line'] - 1, {})[ci] = o['fix']
det = cor = flagged = wrong = 0
cflag = ctp = cfix = goldn = 0
for k, (_, src, tgt) in enumerate(rows):
    gold = {i: tgt[i] for i, (a, b) in enumerate(zip(src, tgt)) if a != b}
    hits = found.get(k, {})
    goldn += len(gold)
    cflag += len(hits)
    ctp += sum(1 for i in hits if i in gold)
    cfix += sum(1 for i, c in hits.items() if gold.get(i) == c)
    wrong += bool(gold)
    if hits:
        flagged += 1
        if set(hits) == set(gold):
            det += 1
            cor += all(gold[i] == c for i, c in hits.items())
f1 = lambda p, r: 2 * p * r / (p + r) if p + r else 0.0
dp, dr = det / max(flagged, 1), det / max(wrong, 1)
cp, cr = cor / max(flagged, 1), cor / max(wrong, 1)
print(f'ECSpell odw: {len(rows)} sentences, {wrong} with errors ({goldn} wrong characters); {flagged} flagged')
print(f'  sentence detection  P {dp:.3f} R {dr:.3f} F1 {f1(dp, dr):.3f}')
print(f'  sentence correction P {cp:.3f} R {cr:.3f} F1 {f1(cp, cr):.3f}')
print(f'  characters: {cflag} flagged, {ctp} at a wrong character (P {ctp / max(cflag, 1):.3f}), '
      f'{cfix} with the right fix (P {cfix / max(cflag, 1):.3f}); recall {ctp / max(goldn, 1):.3f}')
if min_p is not None and ctp / max(cflag, 1) < min_p:
    print(f'  character precision below {min_p}')
    sys.exit(1)
