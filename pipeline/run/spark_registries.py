"""The cross-document registries on Spark: the rule of :mod:`pipeline.resolve.registry`,
run by group-bys over the tables, never collected to the driver.

The rule decides in order of first appearance (the store's order: ``doc_id``, then the
row's place in its document), so it is cut into groups that can decide alone and be put
back in that order:

- **units**: a record can only join an entry that shares a matching key, a national name
  or a pairwise :func:`~pipeline.resolve.units.same_unit` match (acronyms) with it. The
  records linked that way, transitively, are one connected component (a union-find
  over a graph of records, keys, national names and forms); each component runs
  :class:`~pipeline.resolve.registry.UnitRegistrar` alone, in order, which gives the
  entries the whole corpus would. Keys are numbered by a window over the key's base, in
  order of each entry's first record.
- **people**: one group per name (:func:`~extractors.keys.match_key`), each split by
  :func:`~pipeline.resolve.registry.split_name` with the evidence of its offices (their
  units resolved to the unit registry); keys numbered by a window over the base, notes
  written per name once the keys are known.
- **title history**: the offices joined to their person and unit keys, sorted.

Memory on an executor is bounded by the largest group (one component, one name).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from extractors.keys import match_key
from pipeline.resolve.registry import (
    PersonEntry,
    PersonMention,
    UnitRegistrar,
    document_date,
    office_evidence,
    person_key,
    person_notes,
    person_row,
    split_name,
    unit_display_name,
    unit_entry_name,
    unit_key,
    unit_links,
    unit_note,
    unit_record,
    unit_row,
)
from pipeline.resolve.units import same_unit

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["components", "registries"]



@lru_cache(maxsize=1)
def _lexicon() -> Any:
    """The lexicon, loaded once per Python worker (Spark reuses its workers across tasks)."""
    from extractors.lexicon import Lexicon

    return Lexicon.load()


def _with_lexicon(function: Callable[[Any, Any], Iterable[Any]]) -> Callable[[Iterable[Any]], Iterator[Any]]:
    """A partition function that loads the lexicon once and maps ``function(row, lexicon)``."""

    def run(rows: Iterable[Any]) -> Iterator[Any]:
        lexicon = _lexicon()
        for row in rows:
            yield from function(row, lexicon)

    return run


def _union_find(groups: Iterable[Any]) -> Iterator[tuple[str, str]]:
    """Executor side: the component of every node of the node groups (each group's nodes
    are linked), as (node, the least node of its component)."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]  # path halving
            node = parent[node]
        return node

    for row in groups:
        nodes = list(row["nodes"])
        first = root(nodes[0])
        for node in nodes[1:]:
            other = root(node)
            if other != first:
                first, other = min(first, other), max(first, other)
                parent[other] = first
    for node in parent:
        yield node, root(node)


def components(groups: DataFrame) -> DataFrame:
    """The connected components of a graph given as groups of linked nodes.

    The groups are made distinct first, so the one task that joins them holds the graph's
    vocabulary (distinct national names, keys and forms), not the corpus's rows.

    Args:
        groups: a frame with an array column ``nodes`` (strings, at least one).

    Returns:
        A frame ``node``, ``label``: every node, labelled with the least node of its component.
    """
    distinct = groups.select(_sorted_nodes("nodes")).distinct().coalesce(1)
    return distinct.sparkSession.createDataFrame(distinct.rdd.mapPartitions(_union_find), "node string, label string")


def _sorted_nodes(column: str) -> Any:
    from pyspark.sql import functions as F

    return F.array_sort(F.array_distinct(F.col(column))).alias("nodes")


# -- units -------------------------------------------------------------------------------

def _record_links(row: Any, lexicon: Any) -> Iterator[tuple[str, list[str], list[str], bool]]:
    """(record node, linked nodes, forms, acronym) for one unit record: its national name,
    form keys and forms are linked nodes."""
    links = unit_links(unit_record(row.asDict()), lexicon)
    nodes = [*(["n:" + links.national] if links.national else []), *("k:" + k for k in links.keys),
             *("f:" + f for f in links.comparable)]
    yield "r:" + row["unit_id"], nodes, list(links.comparable), links.acronym


def _same_unit_pairs(pair: Any, lexicon: Any) -> Iterator[tuple[str, str]]:
    if pair["a"] != pair["b"] and same_unit(pair["a"], pair["b"], lexicon):
        yield pair["a"], pair["b"]


def _register_component(group: tuple[str, Iterable[Any]], lexicon: Any) -> Iterator[tuple[Any, ...]]:
    """One component's records through a registrar of its own, in order: one row per
    entry, with its members' unit_ids (the key is numbered later)."""
    _, rows = group
    ordered = sorted(rows, key=lambda r: (r["doc_id"], r["_seq"]))
    registrar = UnitRegistrar(lexicon)
    members: list[list[Any]] = []
    relative: list[bool] = []
    for row in ordered:
        number, is_relative = registrar.add(unit_record(row.asDict()))
        if number == len(members):
            members.append([])
            relative.append(is_relative)
        members[number].append(row)
    nationals = registrar.nationals()
    for number, rows_ in enumerate(members):
        records = [unit_record(r.asDict()) for r in rows_]
        name = unit_entry_name(nationals.get(number), [unit_display_name(r, lexicon) for r in records])
        row = unit_row("", name, records, relative[number])
        yield (rows_[0]["doc_id"], rows_[0]["_seq"], unit_key(name), relative[number], name, row["aliases"],
               row["unit_type"], row["documents"], row["mentions"], row["unit_ids"], [r.unit_id for r in records])


def _units(spark: SparkSession, units: DataFrame) -> tuple[DataFrame, DataFrame]:
    """The units registry (with its order columns) and every unit_id's entry key."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql.types import (
        ArrayType,
        BooleanType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    records = units.select("doc_id", "_seq", "unit_id", "name", "aliases", "unit_type", "mentions")
    links = spark.createDataFrame(records.rdd.mapPartitions(_with_lexicon(_record_links)),
                                  "node string, nodes array<string>, forms array<string>, acronym boolean").persist()
    forms = links.select(F.explode("forms").alias("form"), "acronym")
    pairs = (forms.where("acronym").select(F.col("form").alias("a")).distinct()
             .crossJoin(forms.select(F.col("form").alias("b")).distinct()))
    same = spark.createDataFrame(pairs.rdd.mapPartitions(_with_lexicon(_same_unit_pairs)), "a string, b string")
    groups = (links.where(F.size("nodes") > 0).select("nodes")
              .union(same.select(F.array(F.concat(F.lit("f:"), "a"), F.concat(F.lit("f:"), "b")).alias("nodes"))))
    labels = components(groups)
    first = links.select("node", F.get("nodes", 0).alias("first"))
    keyed = (records.withColumn("node", F.concat(F.lit("r:"), "unit_id")).join(first, "node", "left")
             .join(labels.withColumnRenamed("node", "first"), "first", "left")
             .withColumn("label", F.coalesce("label", "node")))
    entry_schema = StructType([
        StructField("_doc", StringType()), StructField("_seq", LongType()), StructField("base", StringType()),
        StructField("relative", BooleanType()), StructField("name", StringType()),
        StructField("aliases", StringType()), StructField("unit_type", StringType()),
        StructField("documents", StringType()), StructField("mentions", LongType()),
        StructField("unit_ids", StringType()), StructField("members", ArrayType(StringType()))])
    grouped = keyed.rdd.map(lambda r: (r["label"], r)).groupByKey()
    entries = spark.createDataFrame(grouped.mapPartitions(_with_lexicon(_register_component)), entry_schema)
    number = F.row_number().over(Window.partitionBy("base").orderBy("_doc", "_seq"))
    note = F.udf(unit_note, StringType())
    entries = (entries.withColumn("n", number)
               .withColumn("unit_key", F.when(F.col("n") == 1, F.col("base"))
                           .otherwise(F.concat("base", F.lit("#"), F.col("n").cast("string"))))
               .withColumn("note", note("unit_key", "relative"))).persist()
    registry = entries
    keys = entries.select(F.explode("members").alias("unit_id"), "unit_key", "relative")
    return registry, keys


# -- people ------------------------------------------------------------------------------

def _evidence(row: Any, lexicon: Any) -> Iterator[tuple[str, tuple[set[str], set[str]]]]:
    refs, titles = office_evidence(row.asDict(), row["unit_key"], bool(row["relative"]), lexicon)
    yield row["person_id"] or "", (refs, titles)


def _union(a: tuple[set[str], set[str]], b: tuple[set[str], set[str]]) -> tuple[set[str], set[str]]:
    return a[0] | b[0], a[1] | b[1]


def _split(group: tuple[str, Iterable[Any]]) -> Iterator[tuple[Any, ...]]:
    """One name's mentions, in order, split into persons: one row per person (the key is numbered later)."""
    _, rows = group
    ordered = sorted(rows, key=lambda r: (r["doc_id"], r["_seq"]))
    mentions = [PersonMention(r["doc_id"] or "", r["person_id"] or "", r["name"] or "", r["date"],
                              frozenset(r["refs"] or ()), frozenset(r["titles"] or ())) for r in ordered]
    place = {m.person_id: (r["doc_id"], r["_seq"]) for m, r in zip(mentions, ordered, strict=True)}
    base = person_key(mentions[0].name)
    for i, (members, reason) in enumerate(split_name(mentions)):
        row = person_row(PersonEntry("", members))
        first = min(place[m.person_id] for m in members)
        yield (ordered[0]["doc_id"], ordered[0]["_seq"], i, base, reason, first[0], first[1], row["name"],
               row["documents"], row["first_seen"], row["last_seen"], row["person_ids"],
               [m.person_id for m in members])


def _notes(group: tuple[Any, Iterable[Any]]) -> Iterator[tuple[Any, ...]]:
    (doc, seq), rows = group
    ordered = sorted(rows, key=lambda r: r["i"])
    notes = person_notes([r["person_key"] for r in ordered], [r["reason"] for r in ordered], ordered[0]["base"])
    for r, note in zip(ordered, notes, strict=True):
        yield doc, seq, r["i"], note


def _people(spark: SparkSession, table: Callable[[str], DataFrame], unit_keys: DataFrame) -> tuple[DataFrame, DataFrame]:
    """The people registry and the title history, each with its order columns."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql.types import ArrayType, IntegerType, LongType, StringType, StructField, StructType

    dates = spark.createDataFrame(
        table("documents").select("doc_id", "event_date", "published_date").rdd
        .map(lambda r: (r["doc_id"], document_date(r.asDict()))), "doc_id string, date string")
    offices = (table("positions").select("doc_id", "_seq", "person_id", "title", "unit", "start", "_unit_id")
               .join(unit_keys.withColumnRenamed("unit_id", "_unit_id"), "_unit_id", "left")
               .join(dates, "doc_id", "left"))
    evidence = offices.rdd.mapPartitions(_with_lexicon(_evidence)).reduceByKey(_union).map(
        lambda kv: (kv[0], sorted(kv[1][0]), sorted(kv[1][1])))
    evidence_frame = spark.createDataFrame(evidence, "person_id string, refs array<string>, titles array<string>")
    mentions = (table("people").select("doc_id", "_seq", "person_id", "name").join(dates, "doc_id", "left")
                .join(evidence_frame, "person_id", "left"))
    person_schema = StructType([
        StructField("name_doc", StringType()), StructField("name_seq", LongType()), StructField("i", IntegerType()),
        StructField("base", StringType()), StructField("reason", StringType()), StructField("_doc", StringType()),
        StructField("_seq", LongType()), StructField("name", StringType()), StructField("documents", StringType()),
        StructField("first_seen", StringType()), StructField("last_seen", StringType()),
        StructField("person_ids", StringType()), StructField("members", ArrayType(StringType()))])
    by_name = mentions.rdd.map(lambda r: (match_key(r["name"] or ""), r)).groupByKey().flatMap(_split)
    persons = spark.createDataFrame(by_name, person_schema)
    number = F.row_number().over(Window.partitionBy("base").orderBy("name_doc", "name_seq", "i"))
    persons = (persons.withColumn("n", number)
               .withColumn("person_key", F.when(F.col("n") == 1, F.col("base"))
                           .otherwise(F.concat("base", F.lit("#"), F.col("n").cast("string"))))).persist()
    notes = spark.createDataFrame(
        persons.select("name_doc", "name_seq", "i", "base", "reason", "person_key").rdd
        .map(lambda r: ((r["name_doc"], r["name_seq"]), r)).groupByKey().flatMap(_notes),
        "name_doc string, name_seq long, i int, note string")
    registry = persons.join(notes, ["name_doc", "name_seq", "i"])
    person_keys = persons.select(F.explode("members").alias("person_id"), "person_key")
    history = offices.join(person_keys, "person_id")
    return registry, history


def registries(spark: SparkSession, table: Callable[[str], DataFrame]) -> tuple[dict[str, DataFrame], dict[str, int]]:
    """The three registry tables, sorted, from the run's tables, and their row counts.

    Args:
        spark: the session.
        table: the run's rows of one table by name (``documents``, ``people``,
            ``positions`` with the hidden ``_unit_id`` of its office's unit, ``units``),
            each with ``doc_id`` and ``_seq`` (the row's place in its document).
    """
    from pyspark.sql import functions as F

    units, unit_keys = _units(spark, table("units"))
    people, history = _people(spark, table, unit_keys)
    built = {"people_registry": people.persist(), "title_history": history.persist(), "units_registry": units}
    counts = {name: frame.count() for name, frame in built.items()}
    order = {"people_registry": ("_doc", "_seq"), "units_registry": ("_doc", "_seq"),
             "title_history": ("person_key", F.col("date").isNull(), "date", "doc_id",
                               F.coalesce("start", F.lit(0)), "_seq")}
    return {name: frame.orderBy(*order[name]) for name, frame in built.items()}, counts
