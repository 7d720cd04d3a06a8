"""Make the dev/test split of the gold documents (run once; the result is ``split.json``).

``python corpus/make_split.py [DEVSET_DIR]`` — deterministic (seed 20261201).

The five seeds and the twenty first devset articles (d01–d20) shaped the rules, so they
are ``dev``. Of the new articles (d21–d110), 30 go to ``test``:

- whole sites go to one side: every article of a host shares its split, so a test
  article never shares page chrome or house style with a dev one; hosts that already
  appear in d01–d20 stay in dev;
- the draw is stratified by the kind of body (a crawler's ``date`` line first, page
  chrome around the text, a headline first, or an excerpt cut mid-text), each kind
  getting test articles in proportion to its size.
"""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

SEED = 20261201
N_TEST = 30
CHROME_CUES = ("Skip Ribbon", "Lượt xem", "Your Website Title", "Cập nhật", "Hotline", "Chi tiết tin",
               "Dòng sự kiện", "Báo Đồng Nai điện tử", "Đài tiếng nói", "Nghệ An 24h", "|", "Truyền hình",
               "Quốc phòng", "khối phường")


def host_of(meta: dict) -> str:
    host = (urlparse(meta["url"]).hostname or "").lower()
    for prefix in ("www.", "m.", "amp."):
        host = host.removeprefix(prefix)
    return host


def body_kind(text: str) -> str:
    head = text.lstrip()[:200]
    first = head.split("\n", 1)[0]
    if head.startswith("date "):
        return "crawler-date"
    if any(cue in first[:60] for cue in CHROME_CUES):
        return "chrome"
    if first[:1].isupper() and len(first) <= 160 and not first.rstrip().endswith("."):
        return "headline"
    return "excerpt"


def make_split(devset: Path) -> dict:
    docs = {}
    for meta_path in sorted(devset.glob("d*.meta.json")):
        doc_id = meta_path.name.split(".")[0]
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        text = (devset / f"{doc_id}.txt").read_text(encoding="utf-8")
        docs[doc_id] = (host_of(meta), body_kind(text))
    old = {d for d in docs if int(d[1:]) <= 20}
    old_hosts = {docs[d][0] for d in old}
    by_host: dict[str, list[str]] = defaultdict(list)
    for d in sorted(docs, key=lambda d: int(d[1:])):
        if d not in old:
            by_host[docs[d][0]].append(d)
    eligible = [h for h in sorted(by_host) if h not in old_hosts]
    # A host's kind is the kind of most of its articles.
    kind_hosts: dict[str, list[str]] = defaultdict(list)
    for h in eligible:
        kinds = [docs[d][1] for d in by_host[h]]
        kind_hosts[max(sorted(set(kinds)), key=kinds.count)].append(h)
    rng = random.Random(SEED)
    n_new = sum(len(v) for v in by_host.values())
    test: list[str] = []
    for kind in sorted(kind_hosts):
        hosts = kind_hosts[kind][:]
        rng.shuffle(hosts)
        quota = round(N_TEST * sum(len(by_host[h]) for h in hosts) / n_new)
        for h in hosts:
            if len(test) >= N_TEST or quota <= 0:
                break
            if len(by_host[h]) <= quota:
                test += by_host[h]
                quota -= len(by_host[h])
    leftovers = [h for h in eligible if not set(by_host[h]) & set(test)]
    rng.shuffle(leftovers)
    for h in leftovers:  # rounding: top up with single-article hosts
        if len(test) >= N_TEST:
            break
        if len(by_host[h]) == 1:
            test += by_host[h]
    test = sorted(test, key=lambda d: int(d[1:]))
    return {
        "seed": SEED,
        "method": "corpus/make_split.py: whole hosts to one side, hosts of d01-d20 in dev, stratified by body kind",
        "test": test,
        "dev": ["seeds (corpus/articles)"] + sorted((d for d in docs if d not in test), key=lambda d: int(d[1:])),
        "kinds": {d: docs[d][1] for d in sorted(docs, key=lambda d: int(d[1:]))},
        "hosts": {d: docs[d][0] for d in sorted(docs, key=lambda d: int(d[1:]))},
    }


if __name__ == "__main__":
    devset = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent.parent.parent / "shared" / "devset"
    split = make_split(devset)
    out = Path(__file__).with_name("split.json")
    out.write_text(json.dumps(split, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"test ({len(split['test'])}): {' '.join(split['test'])}")
