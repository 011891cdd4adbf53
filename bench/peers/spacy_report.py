#!/usr/bin/env python3
"""Run a spaCy French pipeline over JSON Lines articles and write a report in the
shape of recoupe's contract (documents with sentences and mentions), so that the same
scorers measure both. Prints words, seconds and words/s on stderr.

    spacy_report.py MODEL IN.jsonl OUT.json
"""
import json, sys, time
import spacy

model, src, dst = sys.argv[1], sys.argv[2], sys.argv[3]
TYPES = {"PER": "person", "LOC": "location", "ORG": "organization", "MISC": None}
rows = [json.loads(l) for l in open(src, encoding="utf-8") if l.strip()]
nlp = spacy.load(model)
t0 = time.perf_counter()
docs, words = [], 0
for row, doc in zip(rows, nlp.pipe((r.get("text") or "" for r in rows), batch_size=64)):
    words += sum(1 for t in doc if not t.is_space and not t.is_punct)
    sents = [{"index": i, "text": s.text, "start": s.start_char, "end": s.end_char} for i, s in enumerate(doc.sents)]
    mentions = [{"entity": f"e{i}", "text": e.text, "type": TYPES.get(e.label_), "sentence": 0,
                 "start": e.start_char, "end": e.end_char} for i, e in enumerate(doc.ents) if TYPES.get(e.label_)]
    docs.append({"id": row.get("id"), "text": row.get("text"), "sentences": sents, "mentions": mentions})
secs = time.perf_counter() - t0
json.dump({"documents": docs}, open(dst, "w", encoding="utf-8"), ensure_ascii=False)
print(json.dumps({"peer": model, "words": words, "seconds": secs, "words_per_s": words / secs}), file=sys.stderr)
