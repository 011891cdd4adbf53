#!/usr/bin/env python3
"""Group near-duplicate articles with datasketch MinHash LSH (5-word shingles,
threshold 0.35, 128 permutations) and write `document_duplicates` in the shape of
recoupe's contract. Prints documents, seconds and documents/s on stderr.

    datasketch_dups.py IN.jsonl OUT.json
"""
import json, re, sys, time
from datasketch import MinHash, MinHashLSH

src, dst = sys.argv[1], sys.argv[2]
rows = [json.loads(l) for l in open(src, encoding="utf-8") if l.strip()]
t0 = time.perf_counter()
lsh = MinHashLSH(threshold=0.35, num_perm=128)
hashes = {}
for r in rows:
    words = re.findall(r"\w+", (r.get("text") or "").lower())
    m = MinHash(num_perm=128)
    for i in range(max(1, len(words) - 4)):
        m.update(" ".join(words[i:i + 5]).encode("utf-8"))
    hashes[r["id"]] = m
    lsh.insert(r["id"], m)
parent = {k: k for k in hashes}
def find(x):
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x
for k, m in hashes.items():
    for other in lsh.query(m):
        if other != k:
            parent[find(other)] = find(k)
groups = {}
for k in hashes:
    groups.setdefault(find(k), []).append(k)
secs = time.perf_counter() - t0
out = [{"documents": sorted(g)} for g in groups.values() if len(g) > 1]
json.dump({"documents": [], "document_duplicates": out}, open(dst, "w", encoding="utf-8"))
print(json.dumps({"peer": "datasketch", "documents": len(rows), "seconds": secs, "docs_per_s": len(rows) / secs}), file=sys.stderr)
