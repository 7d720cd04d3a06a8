"""Export: the store's tables as files.

- :mod:`~pipeline.export.csv_tables`: CSV and ``spans.jsonl`` (one atomic writer, one
  formula-safe cell function);
- :mod:`~pipeline.export.parquet`: Parquet;
- :mod:`~pipeline.export.registries`: the cross-document registries;
- :mod:`~pipeline.export.datapackage`: ``datapackage.json``;
- :mod:`~pipeline.export.outputs`: all of a run's outputs at once.
"""
