#!/usr/bin/env python3
"""Export the NER part of a spaCy French pipeline into plain files for recoupe-ner.

Setup-time only: recoupe never runs Python. Reads an installed spaCy package
(fr_core_news_sm or fr_core_news_md 3.8) and writes into OUT_DIR:

  manifest.json   dimensions, hash seeds, attribute names, NER move names,
                  and the index of every tensor in weights.bin
  weights.bin     all tensors as raw little-endian float32, C order
  tokenizer.json  prefix / suffix / infix / token_match / url_match regex
                  sources (rewritten for the Rust `regex` syntax) and the
                  tokenizer exceptions (special cases with ORTH and NORM)
  symbols.json    spaCy's fixed symbol table (strings that hash to small ids)
  norms.json      the lexeme norm exceptions ("«" -> '"', "€" -> "$" ...); other
                  words' norm is their lower-case form
  vectors_keys.bin  (only with static vectors) u64 keys, sorted
  vectors_rows.bin  (only with static vectors) i32 row per key

Weights are never committed; the default OUT_DIR is
$RECOUPE_MODELS/<model> or ~/.cache/recoupe/models/<model>.
"""
import argparse
import functools
import json
import os
import sys
from pathlib import Path

import numpy as np
import spacy
from spacy import symbols as spacy_symbols


def rust_regex(pattern: str) -> str:
    """Rewrite a Python `re` pattern into the syntax of Rust's regex / fancy-regex.

    Python accepts `\\uXXXX` / `\\UXXXXXXXX` escapes and treats `[`, `&&`,
    `--`, `~~` inside a character class as literals; Rust does not.
    """
    out = []
    i = 0
    in_class = False
    class_start = False
    n = len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if nxt == "u":
                out.append("\\x{" + pattern[i + 2 : i + 6] + "}")
                i += 6
            elif nxt == "U":
                out.append("\\x{" + pattern[i + 2 : i + 10].lstrip("0") + "}")
                i += 10
            else:
                out.append(pattern[i : i + 2])
                i += 2
            class_start = False
            continue
        if in_class:
            if c == "]" and not class_start:
                in_class = False
                out.append(c)
            elif c == "[":
                out.append("\\[")
            elif c in "&-~" and i + 1 < n and pattern[i + 1] == c:
                out.append("\\" + c)
            elif c == "^" and class_start:
                out.append(c)
                i += 1
                continue  # a ']' right after '[^' is still a literal
            elif c in "&~" :
                out.append("\\" + c)
            else:
                out.append(c)
            class_start = False
        else:
            if c == "[":
                in_class = True
                class_start = True
                out.append(c)
                i += 1
                continue
            out.append(c)
        i += 1
    return "".join(out)


def default_out_dir(model: str) -> Path:
    root = os.environ.get("RECOUPE_MODELS")
    if root:
        return Path(root) / model
    return Path.home() / ".cache" / "recoupe" / "models" / model


class TensorWriter:
    def __init__(self, path: Path):
        self.f = open(path, "wb")
        self.offset = 0
        self.index = {}

    def add(self, name: str, array) -> None:
        a = np.ascontiguousarray(np.asarray(array, dtype="<f4"))
        self.index[name] = {"offset": self.offset, "shape": list(a.shape)}
        data = a.tobytes()
        self.f.write(data)
        self.offset += len(data)

    def close(self) -> None:
        self.f.close()


def norm_exceptions(nlp) -> dict:
    """The lookup tables wrapped around the vocab's NORM getter (first table wins)."""
    from spacy.attrs import NORM

    getter = nlp.vocab.lex_attr_getters[NORM]
    tables = []
    while isinstance(getter, functools.partial):
        default, lookups = getter.args[0], getter.args[1]
        tables.extend(lookups)
        getter = default
    if getter("ÀB") != "àb":
        raise SystemExit("unexpected NORM getter: not lower-casing")
    merged = {}
    for table in tables:
        for k, v in dict(table).items():
            merged.setdefault(k, v)
    return merged


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="fr_core_news_md")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    out = args.out or default_out_dir(args.model)
    out.mkdir(parents=True, exist_ok=True)

    nlp = spacy.load(args.model)
    ner = nlp.get_pipe("ner")
    model = ner.model
    cfg = nlp.config["components"]["ner"]["model"]
    t2v_cfg = cfg["tok2vec"]
    if "Listener" in t2v_cfg["@architectures"]:
        raise SystemExit("this exporter expects the NER component to own its tok2vec")
    embed_cfg = t2v_cfg["embed"]
    encode_cfg = t2v_cfg["encode"]
    if not embed_cfg["@architectures"].startswith("spacy.MultiHashEmbed"):
        raise SystemExit(f"unsupported embed {embed_cfg['@architectures']}")
    if not encode_cfg["@architectures"].startswith("spacy.MaxoutWindowEncoder"):
        raise SystemExit(f"unsupported encoder {encode_cfg['@architectures']}")
    if cfg.get("extra_state_tokens"):
        raise SystemExit("extra_state_tokens is not supported")

    nodes = {}
    for node in model.walk():
        nodes.setdefault(node.name, []).append(node)

    w = TensorWriter(out / "weights.bin")
    hash_seeds = []
    for i, he in enumerate(sorted(nodes["hashembed"], key=lambda n: n.attrs["column"])):
        w.add(f"embed.hash{i}.E", he.get_param("E"))
        hash_seeds.append(int(he.attrs["seed"]))
    maxouts = sorted(nodes["maxout"], key=lambda n: n.id)
    norms = sorted(nodes["layernorm"], key=lambda n: n.id)
    if len(maxouts) != 1 + encode_cfg["depth"] or len(norms) != len(maxouts):
        raise SystemExit("unexpected number of maxout / layernorm layers")
    for k, (mx, ln) in enumerate(zip(maxouts, norms)):
        name = "embed.mix" if k == 0 else f"encode.{k - 1}"
        w.add(f"{name}.W", mx.get_param("W"))
        w.add(f"{name}.b", mx.get_param("b"))
        w.add(f"{name}.G", ln.get_param("G"))
        w.add(f"{name}.ln_b", ln.get_param("b"))
    linears = sorted(nodes["linear"], key=lambda n: n.id)
    proj, upper = linears[0], linears[-1]
    if proj.get_param("W").shape[1] != encode_cfg["width"]:
        # ids are not always in layer order; pick by shape instead
        proj, upper = upper, proj
    w.add("t2v_proj.W", proj.get_param("W"))
    w.add("t2v_proj.b", proj.get_param("b"))
    lower = nodes["precomputable_affine"][0]
    w.add("lower.W", lower.get_param("W"))
    w.add("lower.b", lower.get_param("b"))
    w.add("lower.pad", lower.get_param("pad"))
    w.add("upper.W", upper.get_param("W"))
    w.add("upper.b", upper.get_param("b"))

    static = bool(embed_cfg.get("include_static_vectors"))
    if static:
        sv = nodes["static_vectors"][0]
        vectors = nlp.vocab.vectors
        if str(vectors.mode) not in ("default", "Mode.default"):
            raise SystemExit(f"unsupported vectors mode {vectors.mode}")
        data = np.asarray(vectors.data, dtype="float32")
        projected = data @ np.asarray(sv.get_param("W"), dtype="float32").T
        w.add("static.projected", projected)
        items = sorted((int(k), int(r)) for k, r in vectors.key2row.items())
        np.asarray([k for k, _ in items], dtype="<u8").tofile(out / "vectors_keys.bin")
        np.asarray([r for _, r in items], dtype="<i4").tofile(out / "vectors_rows.bin")
    w.close()

    moves = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
    unseen = sorted(model.attrs.get("unseen_classes", set()))
    manifest = {
        "format": 1,
        "model": args.model,
        "model_version": nlp.meta.get("version"),
        "spacy_version": spacy.__version__,
        "attrs": list(embed_cfg["attrs"]),
        "rows": list(embed_cfg["rows"]),
        "hash_seeds": hash_seeds,
        "width": int(encode_cfg["width"]),
        "depth": int(encode_cfg["depth"]),
        "window_size": int(encode_cfg["window_size"]),
        "encode_pieces": int(encode_cfg["maxout_pieces"]),
        "embed_pieces": int(maxouts[0].get_dim("nP")),
        "static_vectors": static,
        "hidden_width": int(cfg["hidden_width"]),
        "hidden_pieces": int(cfg["maxout_pieces"]),
        "n_features": int(lower.get_dim("nF")),
        "moves": moves,
        "unseen_classes": unseen,
        "tensors": w.index,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1))

    tok = nlp.tokenizer
    rules = []
    for chunk, subs in sorted(tok.rules.items()):
        pieces = []
        for s in subs:
            orth = s.get(65, s.get("ORTH"))
            norm = s.get(67, s.get("NORM"))
            pieces.append([orth, norm])
        rules.append([chunk, pieces])
    tokenizer = {
        "prefix": rust_regex(tok.prefix_search.__self__.pattern) if tok.prefix_search else None,
        "suffix": rust_regex(tok.suffix_search.__self__.pattern) if tok.suffix_search else None,
        "infix": rust_regex(tok.infix_finditer.__self__.pattern) if tok.infix_finditer else None,
        "token_match": rust_regex(tok.token_match.__self__.pattern) if tok.token_match else None,
        "url_match": rust_regex(tok.url_match.__self__.pattern) if tok.url_match else None,
        "faster_heuristics": bool(tok.faster_heuristics),
        "rules": rules,
    }
    (out / "tokenizer.json").write_text(json.dumps(tokenizer, ensure_ascii=False, indent=0))
    (out / "norms.json").write_text(json.dumps(norm_exceptions(nlp), ensure_ascii=False))
    syms = {k: int(v) for k, v in spacy_symbols.IDS.items() if k}
    (out / "symbols.json").write_text(json.dumps(syms, ensure_ascii=False))
    print(f"exported {args.model} NER to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
