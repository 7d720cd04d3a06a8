"""Running documents: orchestration of one document, the local runner, the SQLite store
and the Spark engine.

- :mod:`~pipeline.run.orchestrate`: one document through every stage to its rows;
- :mod:`~pipeline.run.results`: what processing an input gives;
- :mod:`~pipeline.run.runner`: a corpus into the store, resumable, on every core;
- :mod:`~pipeline.run.store`: the SQLite store;
- :mod:`~pipeline.run.spark_engine`: the same extraction on Apache Spark.
"""
