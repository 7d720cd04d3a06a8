"""Inputs for the engine tests: the bundled articles as HTML pages, in a WARC, in a JSONL file."""

from __future__ import annotations

import html
import json
from io import BytesIO
from pathlib import Path

from tests.conftest import CORPUS

__all__ = ["ARTICLES", "article_html", "write_archives", "write_warc"]

ARTICLES = sorted((CORPUS / "articles").glob("*.txt"))


def article_html(text: str) -> str:
    """An article as a scraped page: its first line the headline, each other line a paragraph."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines[1:])
    title = html.escape(lines[0])
    return (f"<html><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")


def write_warc(path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    """A WARC.gz of responses: (URL, payload, content type) each."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, payload, content_type in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(payload),
                                                          http_headers=headers))


def write_archives(folder: Path) -> None:
    """``articles.jsonl`` (each article with a line of its own: another text) and
    ``articles.warc.gz`` (each article as an HTML page) in ``folder``."""
    with (folder / "articles.jsonl").open("w", encoding="utf-8") as handle:
        for path in ARTICLES:
            url = f"https://tin.example.vn/jsonl/{path.stem}"
            text = path.read_text(encoding="utf-8") + "\n\n(Bản lưu JSONL.)\n"  # another text than the .txt
            handle.write(json.dumps({"url": url, "text": text}, ensure_ascii=False) + "\n")
    write_warc(folder / "articles.warc.gz", [
        (f"https://tin.example.vn/warc/{path.stem}.html", article_html(path.read_text(encoding="utf-8")).encode(),
         "text/html; charset=utf-8") for path in ARTICLES])
