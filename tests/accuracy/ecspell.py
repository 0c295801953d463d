#!/usr/bin/env python3
"""ECSpell official-document sentences through `park check` with only the
language-model rules on: detection and correction precision, recall and F1,
at the sentence level (ECSpell's definitions: a sentence counts when the
set of flagged positions is exactly the set of wrong characters, and for
correction when every fix is right too; precision over the sentences
flagged, recall over the sentences with errors) and at the character level.

    tests/accuracy/ecspell.py PARK [TSV] [--min-precision P] [--folds K]

First the default margins on all sentences. With --folds K, then K-fold
cross-validation: for each fold the margins of typo.lm-pinyin,
typo.lm-word and typo.lm-shape are chosen on the other folds (best sentence correction F1
with character precision at least 0.90), and the fold is measured with
them; the figures add up the K held-out folds.

With --min-precision, exits 1 when the default margins' character-level
detection precision is below P (make accuracy guards it).

No rule or threshold of these checks was mined from these sentences: the
model comes from jieba's word frequencies, open-gram's bigrams, a pinyin
table and Rime's stroke, Wubi and Cangjie tables. The rules mined from them (typo-ecspell.rules) are off while
measuring."""
import json, os, subprocess, sys, tempfile

args = sys.argv[1:]


def option(name, conv):
    if name not in args:
        return None
    k = args.index(name)
    v = conv(args[k + 1])
    del args[k:k + 2]
    return v


min_p = option('--min-precision', float)
folds = option('--folds', int)
park = args[0]
here = os.path.dirname(os.path.abspath(__file__))
tsv = args[1] if len(args) > 1 else os.path.join(here, 'ecspell', 'ecspell-odw-train.tsv')
rows = [l.rstrip('\n').split('\t') for l in open(tsv, encoding='utf-8') if l.strip()]
gold = [{i: t[i] for i, (a, b) in enumerate(zip(s, t)) if a != b} for _, s, t in rows]
RULE = '[typo.{id}]\ncategory = typo\nseverity = warning\nmessage = {{match}} {{fix}}\nbuiltin = {b}\nparam = {p}\n'


def run(d, char=None, word=None, shape=None):
    """{sentence: {char index: fix}} for margins char, word, shape (None: the defaults)."""
    text = os.path.join(d, 'sentences.txt')
    cfg = os.path.join(d, 'only-lm.rules')
    with open(cfg, 'w', encoding='utf-8') as f:
        f.write('[config]\ndisable = placeholder, punctuation, usage, formulation, numbering, watermark, artifact, '
                'era, style, typo\nenable = typo.lm-pinyin, typo.lm-word, typo.lm-shape, usage.spinner\n')
        if char is not None:
            f.write(RULE.format(id='lm-pinyin', b='lm-pinyin', p=char) + RULE.format(id='lm-word', b='lm-word', p=word) +
                    RULE.format(id='lm-shape', b='lm-shape', p=shape))
    out = subprocess.run([park, 'check', '--format', 'json', '--config', cfg, text], capture_output=True, text=True)
    if out.returncode == 2:
        sys.exit(out.stderr)
    found = {}
    for line in out.stdout.splitlines():
        o = json.loads(line)
        src = rows[o['line'] - 1][1]
        b = src.encode('utf-8')
        ci = len(b[:o['col'] - 1].decode('utf-8'))
        n = len(b[o['col'] - 1:o['end_col'] - 1].decode('utf-8'))
        for x in range(n):  # a word's fix: one per character
            found.setdefault(o['line'] - 1, {})[ci + x] = o['fix'][x] if len(o['fix']) == n else None
    return found


def counts(found, idx):
    c = dict(det=0, cor=0, flagged=0, wrong=0, cflag=0, ctp=0, cfix=0, goldn=0)
    for k in idx:
        g, hits = gold[k], found.get(k, {})
        c['goldn'] += len(g)
        c['cflag'] += len(hits)
        c['ctp'] += sum(1 for i in hits if i in g)
        c['cfix'] += sum(1 for i, x in hits.items() if g.get(i) == x)
        c['wrong'] += bool(g)
        if hits:
            c['flagged'] += 1
            if set(hits) == set(g):
                c['det'] += 1
                c['cor'] += all(g[i] == x for i, x in hits.items())
    return c


f1 = lambda p, r: 2 * p * r / (p + r) if p + r else 0.0


def figures(c):
    dp, dr = c['det'] / max(c['flagged'], 1), c['det'] / max(c['wrong'], 1)
    cp, cr = c['cor'] / max(c['flagged'], 1), c['cor'] / max(c['wrong'], 1)
    return dict(dp=dp, dr=dr, df=f1(dp, dr), cp=cp, cr=cr, cf=f1(cp, cr), chp=c['ctp'] / max(c['cflag'], 1))


def show(title, c):
    f = figures(c)
    print(title)
    print(f'  sentence detection  P {f["dp"]:.3f} R {f["dr"]:.3f} F1 {f["df"]:.3f}')
    print(f'  sentence correction P {f["cp"]:.3f} R {f["cr"]:.3f} F1 {f["cf"]:.3f}')
    print(f'  characters: {c["cflag"]} flagged, {c["ctp"]} at a wrong character (P {f["chp"]:.3f}), '
          f'{c["cfix"]} with the right fix (P {c["cfix"] / max(c["cflag"], 1):.3f}); '
          f'recall {c["ctp"] / max(c["goldn"], 1):.3f}')


with tempfile.TemporaryDirectory() as d:
    with open(os.path.join(d, 'sentences.txt'), 'w', encoding='utf-8') as f:
        for _, src, _ in rows:
            f.write(src + '\n')
    every = range(len(rows))
    base = counts(run(d), every)
    print(f'ECSpell odw: {len(rows)} sentences, {base["wrong"]} with errors ({base["goldn"]} wrong characters); '
          f'{base["flagged"]} flagged')
    show('default margins, all sentences:', base)
    if folds:
        grid = {(a, b, c): run(d, a, b, c) for a in (50, 60, 70, 80, 90, 110) for b in (40, 60, 80, 110, 140)
                for c in (40, 50, 60, 80, 100, 120)}
        total, chosen = None, []
        for k in range(folds):
            train = [i for i in every if i % folds != k]
            test = [i for i in every if i % folds == k]

            def score(p):
                f = figures(counts(grid[p], train))
                return (f['chp'] >= 0.90, f['cf'] if f['chp'] >= 0.90 else f['chp'])
            best = max(sorted(grid), key=score)
            chosen.append(best)
            c = counts(grid[best], test)
            total = c if total is None else {x: total[x] + c[x] for x in c}
        show(f'{folds}-fold cross-validation (margins chosen per fold: '
             f'{", ".join(f"{a}/{b}/{c}" for a, b, c in chosen)}):', total)
    if min_p is not None and figures(base)['chp'] < min_p:
        print(f'  character precision below {min_p}')
        sys.exit(1)
