"""One module per field. Each extractor is a pure function ``(Document, Lexicon, ...) ->
list[Candidate]``; the pipeline (``pipeline.orchestrate``) merges and decides."""
