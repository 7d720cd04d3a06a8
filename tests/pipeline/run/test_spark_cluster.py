"""A real Spark standalone cluster on 127.0.0.1: one master and two workers started from
pyspark's own distribution, ``thidua run --engine spark --master spark://127.0.0.1:PORT``
over the bundled articles, a JSONL file and a WARC, and every table, registry and CSV file
compared with the local engine's. Every process the test starts, it stops.

This is what README's "Running on a cluster" section does by hand.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.export.outputs import OUTPUT_FILES
from pipeline.run.spark_engine import SPARK_OUTPUTS
from pipeline.run.store import STORE_NAME
from pipeline.schema import REGISTRY_COLUMNS
from tests.conftest import CORPUS, ROOT
from tests.pipeline.run.inputs import write_archives

pytestmark = pytest.mark.slow

WORKERS = 2
START_TIMEOUT = 180  # seconds for the master and the workers to come up on a busy machine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(log: Path, text: str, count: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        found = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        if found.count(text) >= count:
            return
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[1]} exited with {proc.returncode}:\n{found[-3000:]}")
        time.sleep(0.5)
    raise TimeoutError(f"no {text!r} in {log} after {START_TIMEOUT}s:\n{log.read_text(errors='replace')[-3000:]}")


def _stop(procs: list[subprocess.Popen]) -> None:
    """Stop the processes this test started (by their own ids), workers first."""
    for proc in reversed(procs):
        if proc.poll() is None:
            proc.terminate()
    for proc in reversed(procs):
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> Iterator[tuple[str, list[Path]]]:
    """A standalone master and two one-core workers; yields the master URL and the workers' work dirs."""
    pyspark = pytest.importorskip("pyspark")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java (java on the PATH or JAVA_HOME)")
    home = Path(pyspark.__file__).parent  # pyspark's own distribution: bin/spark-class and jars/
    spark_class = home / "bin" / "spark-class"
    root = tmp_path_factory.mktemp("cluster")
    env = {**os.environ, "SPARK_HOME": str(home), "SPARK_LOCAL_IP": "127.0.0.1", "SPARK_LOG_DIR": str(root)}
    port = _free_port()
    master_url = f"spark://127.0.0.1:{port}"
    procs: list[subprocess.Popen] = []
    work_dirs = [root / f"worker-{n}" for n in range(WORKERS)]
    try:
        master_log = root / "master.log"
        with master_log.open("wb") as log:
            procs.append(subprocess.Popen(
                ["bash", str(spark_class), "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                 "--port", str(port), "--webui-port", str(_free_port())],
                stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root))
        _wait_for(master_log, "I have been elected leader", 1, procs[0])
        for n, work in enumerate(work_dirs):
            with (root / f"worker-{n}.log").open("wb") as log:
                procs.append(subprocess.Popen(
                    ["bash", str(spark_class), "org.apache.spark.deploy.worker.Worker", master_url,
                     "--host", "127.0.0.1", "--port", str(_free_port()), "--webui-port", str(_free_port()),
                     "--cores", "1", "--memory", "1g", "--work-dir", str(work)],
                    stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root))
        _wait_for(master_log, "Registering worker", WORKERS, procs[0])
        yield master_url, work_dirs
    finally:
        _stop(procs)
    assert all(proc.poll() is not None for proc in procs)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("cluster-inputs")
    write_archives(folder)
    return [str(CORPUS / "articles"), str(folder / "articles.jsonl"), str(folder / "articles.warc.gz")]


def test_a_standalone_cluster_writes_the_local_engines_tables(cluster, inputs, tmp_path):
    import pyarrow.parquet as pq

    master_url, work_dirs = cluster
    out = tmp_path / "cluster"
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable, "SPARK_LOCAL_IP": "127.0.0.1"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", *inputs, "--out", str(out), "--engine", "spark",
                           "--master", master_url, "--csv", "--no-ner"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200)
    print(f"\nthidua on the cluster ({WORKERS} workers): {time.perf_counter() - started:.1f}s; {done.stdout.strip()}")
    assert done.returncode == 0, done.stderr[-3000:]
    # the executors ran on both workers, not in the driver
    assert all(list(work.glob("app-*/*/stderr")) for work in work_dirs), [list(w.rglob("*")) for w in work_dirs]

    local = tmp_path / "local"
    assert main(["run", *inputs, "--out", str(local), "--no-ner"]) == 0
    assert main(["export", "--db", str(local / STORE_NAME), "--format", "parquet", "--out", str(local / "pq")]) == 0
    for table in SPARK_OUTPUTS:  # every table, sources and registries included
        assert pq.read_table(out / f"{table}.parquet").to_pylist() == \
            pq.read_table(local / "pq" / f"{table}.parquet").to_pylist(), table
    names = [*OUTPUT_FILES, *(f"{r}.csv" for r in REGISTRY_COLUMNS)]  # sources.csv and texts.jsonl too
    for name in names:
        assert (out / name).read_bytes() == (local / name).read_bytes(), name
    assert len((out / "documents.csv").read_text(encoding="utf-8").splitlines()) == 1 + 3 * 5
