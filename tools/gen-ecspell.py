#!/usr/bin/env python3
"""Generate rules/typo-ecspell.rules from the ECSpell 公文 (odw) training split.

Usage:
    python3 tools/gen-ecspell.py [--data ../shared/data/ecspell-odw-train.tsv]
                                 [--dict /usr/lib/python3/dist-packages/jieba/dict.txt]
                                 [--out rules/typo-ecspell.rules] [--show]

Source data: ECSpell, "official document writing" (odw) training split,
https://github.com/Aopolin-Lv/ECSpell, MIT licence, Copyright (c) 2022 Aopolin-Lv.
Each line is `N<TAB>sentence as written<TAB>corrected sentence`.

Method (python3, standard library only):
  1. The corrected sentence is segmented into words with a plain
     maximum-probability segmenter over a word-frequency list (the format of
     jieba's dict.txt: `word freq tag`; Debian package python3-jieba ships one).
     The list is only used to decide what a word is; nothing of it is copied.
  2. For every wrong character the candidate window is the word of the corrected
     sentence that contains it (3-4 characters), or a 2-character word joined to
     a neighbouring word (3-4 characters in all).  The wrong window replaces the
     wrong characters.
  3. A window is kept only when the wrong window
       - is not itself a word of the list (frequency >= WORD_FREQ),
       - contains no word of the list (frequency >= COVER_FREQ) that covers a
         wrong character (so 人民征服 / 党止步 / 集团优先 are dropped: the wrong
         character makes another real word and the string can be correct),
       - never occurs in any corrected sentence of the set, nor in the real
         reports in ../shared/corpus,
       - maps to a single correction everywhere in the set.
  4. Two-character entries (布署 -> 部署) are never produced automatically: a
     two-character string can straddle a word boundary in correct text
     (才政 in 刚才政府, 凑效 in 拼凑效果).  The few safe ones are in PAIRS2 below,
     checked by hand.
  5. REJECT lists windows that pass the automatic checks but can still occur in
     correct text (checked by hand); they are dropped.
"""
import argparse, collections, math, os, sys

WORD_FREQ = 10
COVER_FREQ = 20
STOP1 = set("的了是和与在也不有为对等及或之其这那个中上下把被将从向以于由而并且都就还又")

# Two-character entries that are wrong wherever they occur (hand-checked: the
# wrong string is not a word and cannot straddle a word boundary in 公文).
PAIRS2 = {
}

# Windows that pass the automatic checks but can occur in correct text.
REJECT = set("""
了局四 代表信 做好直供 储值因 党钟扬 分不实现 列择任 刘水镇 前没立 危险原 同酬管理 同酬规划
园设区 场务经理 项目场务 坚持四业 好干不 它基地 将车尧 工作族 布的批准 恐高严重 成市群 报税区
控基处 关健岗位 关健技术 收自轻 山西剩 弄发行 办公听 人公影响 政改到位 教育不 商务不 民政不 新知思 日放价 日放家 本条列 条列所 条列自
水迹侵蚀 导致水迹 永仓县 消毁干部 畈葡桃 监舍用地 营造监舍 相关制毒 研究硕 禁行整顿 禅位应 秘书了局
称现右 纲结构 组之法 经营著 肇庆事 自动花 自绿严 莲护区 获得表样 表样或者 菲佣未 董事张
董事费 融和发展 产业融和 衣产品 让起夜 设长务 请怀深 谐调机制 工作谐调 资健设 足进法 转科医师
边江地区 运勇物 还书区 送审高 重教团体 锦荣信用 镇当为 问提总 非贸议 革案时 驻村设施 鸿泽区
于部要 亲权行为 以及维基 维基违法 他维法 个大信息 六家镁矿 凯发投资 划分全责 卫生园 卫生说 已送有关
规定已送 御景信息 提升御景 成单备案 携同保护 快速携同 摘基地 树质优良 科技城果 资金透入 起夜主动 起夜群众
需要调正 鼓励港铁 保正保险 提供保正 保户利用 医院内斗 嘉强新 外于辅助 安排不熟 工作不熟 本机党委 维护性教
""".split())


def load_dict(path):
    freq = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if len(p) >= 2 and p[1].isdigit():
                freq[p[0]] = int(p[1])
    return freq


def segment(s, freq, total):
    """Maximum-probability segmentation (the jieba algorithm without HMM)."""
    n = len(s)
    logt = math.log(total)
    best = [(0.0, 0)] * (n + 1)
    best[n] = (0.0, n)
    for i in range(n - 1, -1, -1):
        cands = []
        for j in range(i + 1, min(n, i + 8) + 1):
            w = s[i:j]
            if j == i + 1 or w in freq:
                lp = math.log(freq.get(w, 1) or 1) - logt
                cands.append((lp + best[j][0], j))
        best[i] = max(cands)
    out = []
    i = 0
    while i < n:
        j = best[i][1]
        out.append((i, j))
        i = j
    return out


def is_han(ch):
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(root, "..", "shared", "data", "ecspell-odw-train.tsv"))
    ap.add_argument("--corpus", default=os.path.join(root, "tests", "corpus"))
    ap.add_argument("--dict", default="/usr/lib/python3/dist-packages/jieba/dict.txt")
    ap.add_argument("--out", default=os.path.join(root, "rules", "typo-ecspell.rules"))
    ap.add_argument("--show", action="store_true", help="print the candidates and why they were dropped")
    a = ap.parse_args()
    if not os.path.exists(a.dict):
        sys.exit("word list %s not found (apt-get install python3-jieba, or pass --dict)" % a.dict)
    freq = load_dict(a.dict)
    total = sum(freq.values())
    rows = []
    with open(a.data, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) == 3:
                rows.append(p)
    correct_text = "\n".join(r[2] for r in rows)
    if os.path.isdir(a.corpus):
        for fn in sorted(os.listdir(a.corpus)):
            if fn.endswith(".txt"):
                with open(os.path.join(a.corpus, fn), encoding="utf-8") as f:
                    correct_text += "\n" + f.read()

    found = collections.defaultdict(set)      # wrong window -> {right windows}
    example = {}
    dropped = []
    for n, w, c in rows:
        if n == "0" or len(w) != len(c):
            continue
        diffs = [i for i in range(len(w)) if w[i] != c[i]]
        if not diffs or not all(is_han(w[i]) and is_han(c[i]) for i in diffs):
            continue
        seg = segment(c, freq, total)
        for i in diffs:
            k = next(x for x, (s, e) in enumerate(seg) if s <= i < e)
            s, e = seg[k]
            wins = []
            if e - s >= 3:
                wins.append((s, e))
            elif e - s == 2:
                for kk in (k + 1, k - 1):
                    if 0 <= kk < len(seg):
                        s2, e2 = seg[kk]
                        if e2 - s2 == 1 and c[s2] in STOP1:
                            continue
                        lo, hi = min(s, s2), max(e, e2)
                        if hi - lo <= 4:
                            wins.append((lo, hi))
            for lo, hi in wins:
                cw, ww = c[lo:hi], w[lo:hi]
                if not all(is_han(ch) for ch in cw + ww):
                    continue
                why = None
                bad = [j - lo for j in range(lo, hi) if w[j] != c[j]]
                if freq.get(ww, 0) >= WORD_FREQ:
                    why = "wrong window is a word"
                else:
                    for x in range(len(ww)):
                        for y in range(x + 2, len(ww) + 1):
                            if (y - x) < len(ww) and freq.get(ww[x:y], 0) >= COVER_FREQ and any(x <= b < y for b in bad):
                                why = "contains the word " + ww[x:y]
                if not why and ww in correct_text:
                    why = "occurs in correct text"
                if not why and ww in REJECT:
                    why = "rejected by hand"
                if why:
                    dropped.append((ww, cw, why))
                    continue
                found[ww].add(cw)
                example.setdefault(ww, (w, c))
    for ww, cw in PAIRS2.items():
        found[ww].add(cw)
    entries = []
    for ww in sorted(found):
        if len(found[ww]) != 1:
            dropped.append((ww, "/".join(sorted(found[ww])), "ambiguous"))
            continue
        entries.append((ww, next(iter(found[ww]))))
    # drop an entry that contains another entry (one finding is enough)
    keys = [e[0] for e in entries]
    entries = [e for e in entries if not any(k != e[0] and k in e[0] for k in keys)]
    # drop an entry that contains a list entry of another rule file (the
    # hand-written lists already report it; one finding is enough)
    other = set()
    rdir = os.path.dirname(os.path.abspath(a.out))
    for fn in sorted(os.listdir(rdir)) if os.path.isdir(rdir) else []:
        if not fn.endswith(".rules") or fn == os.path.basename(a.out):
            continue
        inlist = False
        with open(os.path.join(rdir, fn), encoding="utf-8") as f:
            for line in f:
                t = line.strip()
                if t.startswith("["):
                    inlist = False
                elif t == "list:":
                    inlist = True
                elif inlist and t and not t.startswith("#"):
                    other.add(t.split(" -> ")[0].strip())
    for ww, cw in entries:
        if any(o in ww for o in other):
            dropped.append((ww, cw, "covered by another rule file"))
    entries = [e for e in entries if not any(o in e[0] for o in other)]
    if a.show:
        for d in sorted(set(dropped)):
            print("DROP", *d)
        for ww, cw in entries:
            print("KEEP", ww, cw)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("# Park rules: typos mined from ECSpell (official document writing, training split).\n")
        f.write("# GENERATED by tools/gen-ecspell.py -- edit the script (PAIRS2, REJECT), not this file.\n")
        f.write("# Source: ECSpell odw train set, https://github.com/Aopolin-Lv/ECSpell\n")
        f.write("# Licence of the source data: MIT, Copyright (c) 2022 Aopolin-Lv\n")
        f.write("# (see ../shared/data/ECSPELL-LICENSE). Each entry is a wrong window of 2-4\n")
        f.write("# characters that cannot occur in correct text, with its correction.\n\n")
        f.write("[typo.ecspell]\n")
        f.write("category = typo\n")
        f.write("severity = error\n")
        f.write("message = 错别字：“{match}”应为“{fix}”\n")
        f.write("description = 公文常见错别字（ECSpell 公文语料）\n")
        f.write("fire = 报国务园批准后实施 => 报国务院批准后实施\n")
        f.write("fire = 严格落实领导斑子集体领导制度 => 严格落实领导班子集体领导制度\n")
        f.write("pass = 报国务院批准后实施，严格落实领导班子集体领导制度\n")
        f.write("list:\n")
        for ww, cw in entries:
            f.write("%s -> %s\n" % (ww, cw))
    print("%d entries written to %s (%d windows dropped)" % (len(entries), a.out, len(set(dropped))), file=sys.stderr)


if __name__ == "__main__":
    main()
