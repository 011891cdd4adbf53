#!/usr/bin/env python3
"""Extract the main text of every HTML page in a folder with trafilatura and write a
report in the shape of recoupe's contract (documents with id and text). Prints pages,
seconds and pages/s on stderr.

    trafilatura_report.py DIR OUT.json
"""
import json, os, sys, time
import trafilatura

src, dst = sys.argv[1], sys.argv[2]
pages = []
for root, _, files in os.walk(src):
    for f in sorted(files):
        if f.endswith((".html", ".htm")):
            pages.append((f.rsplit(".", 1)[0], open(os.path.join(root, f), "rb").read()))
t0 = time.perf_counter()
docs = [{"id": pid, "text": trafilatura.extract(html) or ""} for pid, html in pages]
secs = time.perf_counter() - t0
json.dump({"documents": docs}, open(dst, "w", encoding="utf-8"), ensure_ascii=False)
print(json.dumps({"peer": "trafilatura", "pages": len(pages), "seconds": secs, "pages_per_s": len(pages) / secs}), file=sys.stderr)
