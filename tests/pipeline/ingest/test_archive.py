"""WARC and JSONL inputs: every record a document, stable ids, bad records as error rows."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.cli import main
from pipeline.ingest.archive import iter_jsonl, iter_warc, record_doc_id
from pipeline.ingest.errors import IngestError
from pipeline.ingest.sources import Source
from pipeline.ingest.walk import iter_sources

ARTICLE = ("Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023\n\n"
           "Ngày 15/12/2023, Sở Nội vụ tỉnh Bình Định tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng. "
           "Ông Nguyễn Văn An, Giám đốc Sở Nội vụ, chủ trì hội nghị.")
PAGE = f"<html><head><title>t</title></head><body><article><p>{ARTICLE.replace(chr(10) * 2, '</p><p>')}</p>" \
       "</article></body></html>"


def warc_record(writer: WARCWriter, url: str, body: bytes, content_type: str = "text/html; charset=utf-8",
                status: str = "200 OK", date: str = "2024-01-02T03:04:05Z", rec_type: str = "response") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, rec_type, payload=io.BytesIO(body), http_headers=headers,
                                       warc_headers_dict={"WARC-Date": date})
    writer.write_record(record)


def write_warc(path: Path, records: list[tuple], *, gz: bool = True) -> Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for rec in records:
            warc_record(writer, *rec)
    return path


def test_record_doc_id_is_stable_and_content_sensitive():
    a = record_doc_id("https://sonoivu.binhdinh.gov.vn/tin/1", b"one")
    assert a == record_doc_id("https://sonoivu.binhdinh.gov.vn/tin/1", b"one")
    assert a.startswith("sonoivu.binhdinh.gov.vn-")
    assert a != record_doc_id("https://sonoivu.binhdinh.gov.vn/tin/1", b"two")
    assert a != record_doc_id("https://sonoivu.binhdinh.gov.vn/tin/2", b"one")


@pytest.mark.parametrize("gz", [True, False])
def test_warc_keeps_html_and_text_responses_only(tmp_path, gz):
    path = write_warc(tmp_path / ("c.warc.gz" if gz else "c.warc"), [
        ("https://a.gov.vn/1", PAGE.encode()),
        ("https://a.gov.vn/2", ARTICLE.encode(), "text/plain"),
        ("https://a.gov.vn/logo.png", b"\x89PNG....", "image/png"),
        ("https://a.gov.vn/404", PAGE.encode(), "text/html", "404 Not Found"),
        ("https://a.gov.vn/3", b"", "text/html", "200 OK", "2024-01-02T03:04:05Z", "request"),
    ], gz=gz)
    items = list(iter_warc(path, max_bytes=10_000))
    assert [type(i) for i in items] == [Source, Source]
    assert [(i.source, i.kind, i.meta["crawl_date"]) for i in items] == [
        ("https://a.gov.vn/1", "html", "2024-01-02T03:04:05Z"), ("https://a.gov.vn/2", "text", "2024-01-02T03:04:05Z")]
    assert items[0].doc_id == record_doc_id("https://a.gov.vn/1", PAGE.encode())


def test_warc_oversized_payload_is_an_error_and_the_rest_is_kept(tmp_path):
    bomb = b"<html><body><p>" + b"a" * 300_000 + b"</p></body></html>"  # compresses to almost nothing
    path = write_warc(tmp_path / "c.warc.gz", [("https://a.gov.vn/big", bomb), ("https://a.gov.vn/1", PAGE.encode())])
    assert path.stat().st_size < 10_000
    items = list(iter_warc(path, max_bytes=100_000))
    assert isinstance(items[0], IngestError) and items[0].source == "https://a.gov.vn/big"
    assert "WARC payload too large (> limit 100,000 bytes)" in items[0].reason
    assert isinstance(items[1], Source) and items[1].source == "https://a.gov.vn/1"


def test_truncated_warc_keeps_the_records_before_the_cut(tmp_path):
    path = write_warc(tmp_path / "c.warc.gz", [("https://a.gov.vn/1", PAGE.encode()),
                                               ("https://a.gov.vn/2", (PAGE * 20).encode())])
    data = path.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 200])  # inside the second gzip member
    items = list(iter_warc(cut, max_bytes=1_000_000))
    assert isinstance(items[0], Source) and items[0].source == "https://a.gov.vn/1"
    assert len(items) == 2
    assert isinstance(items[1], IngestError) and items[1].source == "https://a.gov.vn/2"
    assert items[1].reason.startswith(f"truncated WARC record in {cut}: ")


def test_corrupt_warc_bytes_end_with_an_error_after_good_records(tmp_path):
    path = write_warc(tmp_path / "c.warc", [("https://a.gov.vn/1", PAGE.encode())], gz=False)
    path.write_bytes(path.read_bytes() + b"this is not a WARC record header\r\n\r\n")
    items = list(iter_warc(path, max_bytes=1_000_000))
    assert isinstance(items[0], Source)
    assert isinstance(items[-1], IngestError) and items[-1].source == str(path)
    assert "truncated or corrupt WARC after 1 record(s)" in items[-1].reason


def test_jsonl_lines_bad_lines_are_errors(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join([
        json.dumps({"url": "https://b.vn/1", "html": PAGE, "date": "2024-05-01"}, ensure_ascii=False),
        "{not json",
        json.dumps({"url": "https://b.vn/2", "text": ARTICLE}, ensure_ascii=False),
        json.dumps({"url": "https://b.vn/3"}),
        json.dumps(["a list"]),
        "",
    ]), encoding="utf-8")
    items = list(iter_jsonl(path, max_bytes=100_000))
    kinds = [(type(i).__name__, i.source) for i in items]
    assert kinds == [("Source", "https://b.vn/1"), ("IngestError", f"{path}:2"), ("Source", "https://b.vn/2"),
                     ("IngestError", f"{path}:4"), ("IngestError", f"{path}:5")]
    assert items[0].kind == "html" and items[0].meta["crawl_date"] == "2024-05-01"
    assert items[2].kind == "text" and items[2].read() == ARTICLE.encode()
    assert 'no "html" or "text" string' in items[3].reason


def test_directories_yield_archives_and_ignore_other_files(tmp_path):
    write_warc(tmp_path / "a.warc.gz", [("https://a.gov.vn/1", PAGE.encode())])
    (tmp_path / "b.jsonl").write_text(json.dumps({"url": "https://b.vn/1", "text": ARTICLE}), encoding="utf-8")
    (tmp_path / "c.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "d.png").write_bytes(b"\x89PNG")
    sources = list(iter_sources([tmp_path]))
    assert [s.source for s in sources] == ["https://a.gov.vn/1", "https://b.vn/1", str(tmp_path / "c.txt")]


def test_run_over_warc_and_jsonl_gives_records_with_url_and_crawl_date(tmp_path):
    warc = write_warc(tmp_path / "a.warc.gz", [("https://a.gov.vn/1", PAGE.encode())])
    jsonl = tmp_path / "b.jsonl"
    other = ARTICLE.replace("Nguyễn Văn An", "Trần Thị Bình").replace("Bình Định", "Phú Yên")  # another article
    jsonl.write_text(json.dumps({"url": "https://b.vn/1", "text": other, "date": "2024-05-01"},
                                ensure_ascii=False) + "\n{broken\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(warc), str(jsonl), "--out", str(out), "--no-ner", "--workers", "1"]) == 1
    import pandas as pd

    docs = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False).sort_values("source")
    assert list(docs["source"]) == ["https://a.gov.vn/1", "https://b.vn/1"]
    assert list(docs["crawl_date"]) == ["2024-01-02T03:04:05Z", "2024-05-01"]
    assert set(docs["event_date"]) == {"2023-12-15"}
    people = pd.read_csv(out / "people.csv", dtype=str)
    assert sorted(people["name"]) == ["Nguyễn Văn An", "Trần Thị Bình"]
    errors = pd.read_csv(out / "errors.csv", dtype=str)
    assert list(errors["source"]) == [f"{jsonl}:2"]
