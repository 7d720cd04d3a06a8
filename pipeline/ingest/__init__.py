"""Ingest: inputs to decoded article text.

- :mod:`~pipeline.ingest.errors`: :class:`IngestError` and binary sniffing;
- :mod:`~pipeline.ingest.sources`: :class:`Source`, input kinds, doc_ids;
- :mod:`~pipeline.ingest.walk`: files and directories to sources;
- :mod:`~pipeline.ingest.archive`: WARC and JSONL records;
- :mod:`~pipeline.ingest.decode`, :mod:`~pipeline.ingest.legacy`: bytes to text, TCVN3 and VNI;
- :mod:`~pipeline.ingest.html`: a scraped page to its article;
- :mod:`~pipeline.ingest.reader`: one source to its :class:`RawText`.
"""
