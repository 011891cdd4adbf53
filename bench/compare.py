#!/usr/bin/env python3
"""The body of bench/run: prepares inputs from ../shared, runs recoupe and its peers on
the same data, scores each with the scorers of ../shared/eval, and prints one table.

Throughput is measured per core: recoupe runs with RAYON_NUM_THREADS=1 where it is
compared with a single-process peer; the scale runs use every core and say so.
"""
import argparse, json, os, random, re, shutil, subprocess, sys, time

WORD = re.compile(r"\w+")


def sh(cmd, env=None, stdout=None):
    e = dict(os.environ, **(env or {}))
    p = subprocess.run(cmd, env=e, stdout=stdout, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit(f"bench: {' '.join(map(str, cmd))} failed ({p.returncode}):\n{p.stderr[-3000:]}")
    return p


def timed(cmd, env=None):
    """Wall seconds and peak RSS (MiB) of a command, via /usr/bin/time -v."""
    t0 = time.perf_counter()
    p = sh(["/usr/bin/time", "-v"] + cmd, env=env, stdout=subprocess.DEVNULL)
    secs = time.perf_counter() - t0
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    return secs, (int(rss.group(1)) / 1024 if rss else float("nan")), p.stderr


def stage_seconds(stderr):
    """Seconds per stage from the lines `recoupe analyze --profile` prints on stderr."""
    out = {}
    for m in re.finditer(r"^(\w+)\s+([\d.]+)\s+[\d.]+%$", stderr, re.M):
        out[m.group(1)] = float(m.group(2))
    return out


def score(args, kind, gold, report, *extra):
    out = sh([sys.executable, f"{args.shared}/eval/score_sets.py", kind, gold, report, *extra], stdout=subprocess.PIPE).stdout
    line = out.strip().splitlines()[-1]
    return dict(kv.split("=") for kv in line.split() if "=" in kv)


def jsonl_words(path):
    n = b = 0
    for line in open(path, encoding="utf-8"):
        if line.strip():
            t = json.loads(line).get("text") or ""
            n += len(WORD.findall(t))
            b += len(t.encode("utf-8"))
    return n, b


def to_jsonl(args, kind, *rest):
    dst = f"{args.out}/{kind}.jsonl"
    with open(dst, "w", encoding="utf-8") as f:
        sh([sys.executable, f"{args.shared}/eval/to_jsonl.py", kind, *rest], stdout=f)
    return dst


def scaled_corpus(args, sources, n):
    """n articles drawn from the source rows, repeated and shuffled, with distinct ids."""
    rows = [json.loads(l) for s in sources for l in open(s, encoding="utf-8") if l.strip()]
    rng = random.Random(n)
    dst = f"{args.out}/scale_{n}.jsonl"
    with open(dst, "w", encoding="utf-8") as f:
        for i in range(n):
            r = dict(rng.choice(rows))
            r["id"] = f"a{i:07d}"
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return dst


def orangesum_stream(args, n, prefix, seed):
    """n articles of OrangeSum as a stream with new ids: every distinct article once in a
    shuffled order, then (beyond 35,552) republished ones drawn at random, interleaved."""
    import gzip
    with gzip.open(f"{args.shared}/data/orangesum_news.jsonl.gz", "rt", encoding="utf-8") as f:
        rows = [l for l in f if l.strip()]
    rng = random.Random(seed)
    order = list(range(len(rows)))
    rng.shuffle(order)
    picks = order[:n] + [rng.randrange(len(rows)) for _ in range(max(0, n - len(rows)))]
    if n > len(rows):
        rng.shuffle(picks)
    dst = f"{args.out}/{prefix}_{n}.jsonl"
    with open(dst, "w", encoding="utf-8") as out:
        for i, k in enumerate(picks):
            r = json.loads(rows[k])
            r["id"] = f"{prefix}{i:07d}"
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    return dst


def ingest_run(args, src, db):
    """Wall seconds, peak RSS, the summary line and the stage profile of one ingest."""
    secs, rss, err = timed([args.bin, "ingest", src, "--db", db, "--profile"])
    summary = next((l for l in err.splitlines() if " articles read: " in l), "")
    def count(label):
        m = re.search(rf"(\d+) {label}", summary)
        return int(m.group(1)) if m else 0
    nums = {"texts analysed": count("texts analysed"), "republished texts reused": count("republished texts reused")}
    stages = stage_seconds(err)
    total = sum(stages.values()) or 1.0
    shares = ", ".join(f"{k} {100 * v / total:.0f}%" for k, v in sorted(stages.items(), key=lambda kv: -kv[1])[:6])
    return secs, rss, nums, shares


def scale_mode(args):
    """Ingest OrangeSum repeated to each size into a fresh store, then --more new articles
    into the largest: wall time, articles/s, peak RSS and stage shares."""
    sizes = [int(x) for x in args.scale_sizes.split(",") if x]
    rows = []
    db = None
    for n in sizes:
        src = orangesum_stream(args, n, "s", n)
        db = f"{args.out}/scale_{n}.sqlite"
        for f in (db, db + "-wal", db + "-shm"):
            if os.path.exists(f):
                os.remove(f)
        secs, rss, nums, shares = ingest_run(args, src, db)
        rows.append((f"ingest {n}", n, nums, secs, rss, os.path.getsize(db) / 1e6, shares))
        os.remove(src)
    if args.more and db:
        src = orangesum_stream(args, args.more, "m", 7)
        secs, rss, nums, shares = ingest_run(args, src, db)
        rows.append((f"+{args.more} into {sizes[-1]}", args.more, nums, secs, rss, os.path.getsize(db) / 1e6, shares))
        os.remove(src)
    print(f"\nscale: recoupe ingest on OrangeSum repeated with new ids, every core ({os.cpu_count()}), "
          f"NER {'on' if os.path.isdir(os.path.expanduser('~/.cache/recoupe/models')) else 'off'}")
    print(f"{'run':22} {'articles':>9} {'analysed':>9} {'reused':>8} {'seconds':>9} {'art/s':>8} {'s/1k':>7} {'RSS MiB':>8} {'store MB':>9}  stage shares")
    for name, n, nums, secs, rss, size, shares in rows:
        print(f"{name:22} {n:9d} {nums.get('texts analysed', 0):9d} {nums.get('republished texts reused', 0):8d} "
              f"{secs:9.1f} {n / secs:8.0f} {1000 * secs / n:7.2f} {rss:8.0f} {size:9.0f}  {shares}")


def workers_mode(args):
    """The same articles through 1 worker, then 2 workers (one thread each), from one
    stream into PostgreSQL: articles/s from the workers' start to the last one's exit
    (the queue drained and every story linked)."""
    n = args.workers_articles
    src = orangesum_stream(args, n, "w", 13)
    runs = []
    for k in (1, 2):
        name = f"bench_w{k}_{os.getpid()}"
        cluster = ["--nats", args.nats, "--stream", name]
        store = ["--db", args.pg, "--schema", name]
        sh([args.bin, "down", *cluster, *store])
        sh([args.bin, "submit", src, *cluster])
        env = dict(os.environ, RAYON_NUM_THREADS="1")
        t0 = time.perf_counter()
        procs = [subprocess.Popen([args.bin, "worker", *cluster, *store, "--exit-when-idle", "--link-every", "3600"],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                 for _ in range(k)]
        errs = [p.communicate()[1] for p in procs]
        secs = time.perf_counter() - t0
        for p, e in zip(procs, errs):
            if p.returncode != 0:
                sys.exit(f"bench: a worker failed ({p.returncode}):\n{e[-3000:]}")
        out = sh([args.bin, "report", *store, "--list"], stdout=subprocess.PIPE).stdout
        stored = sum(p["documents"] for p in json.loads(out))
        sh([args.bin, "down", *cluster, *store])
        runs.append((k, stored, secs))
    os.remove(src)
    print(f"\nworkers: recoupe worker on {n} OrangeSum articles, NATS JetStream to PostgreSQL, one thread per worker, "
          f"{os.cpu_count()} cores, NER {'on' if os.path.isdir(os.path.expanduser('~/.cache/recoupe/models')) else 'off'}")
    print(f"{'workers':>7} {'articles':>9} {'seconds':>9} {'art/s':>8} {'ratio':>6}")
    base = None
    for k, stored, secs in runs:
        rate = stored / secs
        base = base or rate
        print(f"{k:7d} {stored:9d} {secs:9.1f} {rate:8.1f} {rate / base:5.2f}x")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", required=True)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--sizes", default="1000,10000", help="articles of the analyze scale rows of the main table")
    ap.add_argument("--scale", action="store_true", help="only the ingest scale runs on OrangeSum repeated to --scale-sizes articles")
    ap.add_argument("--scale-sizes", default="10000,50000,200000")
    ap.add_argument("--more", type=int, default=10000, help="new articles ingested into the largest store afterwards")
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--quick", action="store_true", help="skip spaCy md and the largest scale")
    ap.add_argument("--workers", action="store_true", help="only 1 worker against 2 workers on the same articles (NATS + PostgreSQL)")
    ap.add_argument("--workers-articles", type=int, default=10000)
    ap.add_argument("--nats", default=os.environ.get("RECOUPE_NATS", "nats://127.0.0.1:4222"))
    ap.add_argument("--pg", default=os.environ.get("RECOUPE_PG", "postgres://root@127.0.0.1:5432/test"))
    args = ap.parse_args()
    if args.workers:
        os.makedirs(args.out, exist_ok=True)
        workers_mode(args)
        return
    if args.scale:
        os.makedirs(args.out, exist_ok=True)
        scale_mode(args)
        return
    shutil.rmtree(args.out, ignore_errors=True)
    os.makedirs(args.out)
    py, here = sys.executable, os.path.dirname(os.path.abspath(__file__))
    one = {"RAYON_NUM_THREADS": "1"}
    rows = []  # (task, tool, quality, throughput)

    # 1. Entities and sentences: HIPE-2022 dev for F1, OrangeSum texts for words/s.
    hipe_gold = f"{args.shared}/data/hipe2022_fr.dev.json"
    hipe = to_jsonl(args, "hipe", hipe_gold)
    dups_gold = f"{args.shared}/data/orangesum_dups.dev.json"
    dups = to_jsonl(args, "dups", dups_gold)
    words, nbytes = jsonl_words(dups)
    sh([args.bin, "analyze", hipe, "--out", f"{args.out}/hipe.recoupe.json"])
    s = score(args, "hipe", hipe_gold, f"{args.out}/hipe.recoupe.json")
    secs, _, _ = timed([args.bin, "analyze", dups, "--out", f"{args.out}/dups.recoupe.json"], env=one)
    rec_wps = words / secs
    rows.append(("full analysis, 1 core", "recoupe", f"person F1 {s['person_f1']} loc F1 {s['location_f1']}", rec_wps, "words/s"))
    models = ["fr_core_news_sm"] + ([] if args.quick else ["fr_core_news_md"])
    for m in models:
        sh([py, f"{here}/peers/spacy_report.py", m, hipe, f"{args.out}/hipe.{m}.json"])
        ps = score(args, "hipe", hipe_gold, f"{args.out}/hipe.{m}.json")
        p = sh([py, f"{here}/peers/spacy_report.py", m, dups, f"{args.out}/dups.{m}.json"], env=one)
        secs = json.loads(p.stderr.strip().splitlines()[-1])["seconds"]
        rows.append(("full analysis, 1 core", f"spaCy {m}", f"person F1 {ps['person_f1']} loc F1 {ps['location_f1']}", words / secs, "words/s"))

    # 2. Main text from HTML pages.
    bp = f"{args.shared}/data/boilerplate_fr.dev"
    sh([args.bin, "analyze", bp, "--out", f"{args.out}/html.recoupe.json"])
    s_rec = score(args, "html", bp, f"{args.out}/html.recoupe.json")
    sh([py, f"{here}/peers/trafilatura_report.py", bp, f"{args.out}/html.trafilatura.json"])
    s_tra = score(args, "html", bp, f"{args.out}/html.trafilatura.json")
    pages = f"{args.out}/pages"
    os.makedirs(pages)
    src = sorted(f for f in os.listdir(bp) if f.endswith(".html"))
    for i in range(args.pages):
        shutil.copy(f"{bp}/{src[i % len(src)]}", f"{pages}/p{i:06d}.html")
    secs, _, err = timed([args.bin, "analyze", pages, "--profile", "--out", f"{args.out}/pages.recoupe.json"], env=one)
    stages = stage_seconds(err)
    extract = stages.get("ingest", 0.0) + stages.get("clean", 0.0)
    rows.append(("HTML main text, 1 core", "recoupe (ingest+clean)", f"html F1 {s_rec['html_f1']}", args.pages / extract if extract else None, "pages/s"))
    rows.append(("HTML main text, 1 core", "recoupe (full analysis)", "", args.pages / secs, "pages/s"))
    p = sh([py, f"{here}/peers/trafilatura_report.py", pages, f"{args.out}/pages.trafilatura.json"])
    secs = json.loads(p.stderr.strip().splitlines()[-1])["seconds"]
    rows.append(("HTML main text, 1 core", "trafilatura", f"html F1 {s_tra['html_f1']}", args.pages / secs, "pages/s"))

    # 3. Document duplicates on OrangeSum.
    s_rec = score(args, "dups", dups_gold, f"{args.out}/dups.recoupe.json")
    p = sh([py, f"{here}/peers/datasketch_dups.py", dups, f"{args.out}/dups.datasketch.json"])
    ds_secs = json.loads(p.stderr.strip().splitlines()[-1])["seconds"]
    s_ds = score(args, "dups", dups_gold, f"{args.out}/dups.datasketch.json")
    n_dups = sum(1 for l in open(dups) if l.strip())
    rows.append(("document duplicates", "recoupe (full analysis)", f"dup F1 {s_rec['dup_f1']}", None, ""))
    rows.append(("document duplicates", "datasketch LSH", f"dup F1 {s_ds['dup_f1']}", n_dups / ds_secs, "docs/s"))

    # 4. Scale: time and memory as the number of articles grows, every core.
    sources = [dups, to_jsonl(args, "crisis", f"{args.shared}/data/ml_crisis_fr.dev.json", "egypt")]
    sizes = [int(x) for x in args.sizes.split(",") if x]
    if args.quick:
        sizes = sizes[:-1] or sizes
    scale = []
    for n in sizes:
        src = scaled_corpus(args, sources, n)
        w, b = jsonl_words(src)
        secs, rss, _ = timed([args.bin, "analyze", src, "--out", f"{args.out}/scale.json"])
        scale.append((n, secs, rss, w / secs, b / secs / 1e6))
    prof = sh([args.bin, "analyze", scaled_corpus(args, sources, sizes[0]), "--profile", "--out", os.devnull]).stderr
    os.remove(f"{args.out}/scale.json")

    # The table.
    print(f"\n{'task':26} {'tool':26} {'quality':34} {'throughput':>16}  ratio")
    base = {}
    for task, tool, q, tp, unit in rows:
        if tool.startswith("recoupe") and tp and task not in base:
            base[task] = tp
    for task, tool, q, tp, unit in rows:
        ratio = f"{base[task] / tp:6.1f}x" if tp and task in base and not tool.startswith("recoupe") else ""
        t = f"{tp:10.0f} {unit}" if tp else ""
        print(f"{task:26} {tool:26} {q:34} {t:>16}  {ratio}")
    print("\nratio: recoupe's throughput (its first row of the task) over the peer's, same input, same core count")
    print("HTML: the ingest+clean row times the extraction stages alone (from --profile), as trafilatura does only that;")
    print("      the generated pages are copies of the dev pages, so the full analysis also links a pile of duplicates")
    print(f"\nscale (all {os.cpu_count()} cores): articles, seconds, peak RSS MiB, words/s, MB/s, seconds per 1k articles")
    for n, secs, rss, wps, mbs in scale:
        print(f"  {n:>8} {secs:9.2f} {rss:9.0f} {wps:12.0f} {mbs:7.2f} {1000 * secs / n:8.3f}")
    print("\nshare of time per stage (recoupe --profile, smallest scale run):")
    print("  " + prof.strip().replace("\n", "\n  "))


if __name__ == "__main__":
    main()
