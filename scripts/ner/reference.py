#!/usr/bin/env python3
"""Write the spaCy reference file for recoupe-ner's parity test.

Setup-time only. Reads real French text at run time (HIPE-2022 dev OCR news and
OrangeSum articles under /work/shared/data, or any --input JSON list of strings),
runs the installed spaCy pipeline and writes, for each text, the tokens, the
parser's sentence starts and the entities (all as UTF-8 byte offsets), with and
without the dependency parser in the pipeline. Nothing from the data is copied
into the repository: the output goes next to the exported model.

  reference.py --model fr_core_news_sm [--out FILE] [--debug N]

--speed-only skips the reference and prints spaCy's words per CPU-second on the
same texts (full pipeline, and the pipeline reduced to the NER component).

--debug N also dumps, for the first N texts, the hashed attributes of each token
and the NER tok2vec output, to localise any divergence layer by layer.
"""
import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

import spacy

SENT_SPLIT = re.compile(r"(?<=[.!?»])\s+(?=[A-ZÀ-ÖØ-Þ«\"—–-])")


def default_model_dir(model: str) -> Path:
    root = os.environ.get("RECOUPE_MODELS")
    if root:
        return Path(root) / model
    return Path.home() / ".cache" / "recoupe" / "models" / model


def gather_texts(data_dir: Path) -> list:
    texts = []
    orange = data_dir / "orangesum_dups.dev.json"
    if orange.exists():
        groups = json.loads(orange.read_text(encoding="utf-8"))
        for gi, group in enumerate(groups):
            article = group[0]["article"]
            sents = SENT_SPLIT.split(article)
            texts.append(" ".join(sents[:2]))
            if gi < 30:
                texts.append(article)
    hipe = data_dir / "hipe2022_fr.dev.json"
    if hipe.exists():
        sets = json.loads(hipe.read_text(encoding="utf-8"))
        for docs in sets.values():
            for doc in docs:
                text = doc["text"]
                chunk = []
                size = 0
                for line in text.split("\n"):
                    chunk.append(line)
                    size += len(line)
                    if size > 300:
                        texts.append("\n".join(chunk))
                        chunk, size = [], 0
                        if len(texts) % 7 == 0:
                            break
                if chunk and size > 40:
                    texts.append("\n".join(chunk))
    return texts


def byte_offsets(text: str):
    """char index -> byte offset table (len(text)+1 entries)."""
    table = [0] * (len(text) + 1)
    pos = 0
    for i, ch in enumerate(text):
        table[i] = pos
        pos += len(ch.encode("utf-8"))
    table[len(text)] = pos
    return table


def spacy_speed(nlp, texts):
    """Words per CPU-second of nlp.pipe over the texts (after one warm-up pass)."""
    n_words = sum(len(d) for d in nlp.tokenizer.pipe(texts))
    timing = {}
    ner_only = [p for p in nlp.pipe_names if p != "ner"]
    for label, disable in (("full", []), ("ner_only", ner_only)):
        for _ in nlp.pipe(texts[:50], disable=disable):
            pass
        t0 = time.process_time()
        for _ in nlp.pipe(texts, disable=disable):
            pass
        timing[label] = round(n_words / (time.process_time() - t0))
    return timing, n_words


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="fr_core_news_sm")
    ap.add_argument("--data", type=Path, default=Path("/work/shared/data"))
    ap.add_argument("--input", type=Path, default=None, help="JSON list of texts")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--debug", type=int, default=0)
    ap.add_argument("--speed-only", action="store_true")
    args = ap.parse_args()
    out = args.out or (default_model_dir(args.model) / "reference.json")
    if args.input:
        texts = json.loads(args.input.read_text(encoding="utf-8"))
    else:
        texts = gather_texts(args.data)
    if not texts:
        print("no input texts found", file=sys.stderr)
        return 1
    nlp = spacy.load(args.model)
    if args.speed_only:
        timing, n_words = spacy_speed(nlp, texts)
        print(json.dumps({"model": args.model, "words": n_words, "words_per_cpu_s": timing}))
        return 0
    docs = list(nlp.pipe(texts))
    docs_np = list(nlp.pipe(texts, disable=["parser"]))
    records = []
    n_words = 0
    for text, doc, doc_np in zip(texts, docs, docs_np):
        b = byte_offsets(text)
        n_words += len(doc)
        rec = {
            "text": text,
            "tokens": [[b[t.idx], b[t.idx + len(t.text)]] for t in doc],
            "sent_starts": [b[s.start_char] for s in doc.sents],
            "ents": [[b[e.start_char], b[e.end_char], e.label_] for e in doc.ents],
            "ents_no_parser": [[b[e.start_char], b[e.end_char], e.label_] for e in doc_np.ents],
        }
        records.append(rec)
    debug = []
    if args.debug:
        ner = nlp.get_pipe("ner")
        t2v = ner.model.get_ref("tok2vec")
        attrs = nlp.config["components"]["ner"]["model"]["tok2vec"]["embed"]["attrs"]
        for doc in nlp.pipe(texts[: args.debug], disable=["ner"]):
            arr = doc.to_array(attrs)
            vecs = t2v.predict([doc])
            debug.append(
                {
                    "text": doc.text,
                    "attrs": [[int(x) for x in row] for row in arr],
                    "norms": [t.norm_ for t in doc],
                    "tok2vec": [[float(x) for x in row] for row in vecs],
                }
            )
    timing, _ = spacy_speed(nlp, texts)
    payload = {
        "model": args.model,
        "spacy_version": spacy.__version__,
        "words": n_words,
        "spacy_words_per_cpu_s": timing,
        "records": records,
        "debug": debug,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(payload, ensure_ascii=False))
    print(
        f"wrote {len(records)} texts, {n_words} tokens, "
        f"{sum(len(r['ents']) for r in records)} entities to {out}; "
        f"spaCy words/s full={timing['full']:.0f} ner_only={timing['ner_only']:.0f}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
