"""The disk cache of built lexicons: the same lexicon as a build, never a stale one."""

import dataclasses
import os
import re
import shutil
from types import MappingProxyType

import pytest
import regex

from extractors import lexicon_cache
from extractors.base import body_document
from extractors.lexicon import DATA_DIR, Lexicon
from extractors.lexicon_cache import KEEP, build_key, cached_build
from extractors.units import extract_units


def _same(a, b, path="lexicon"):
    """Assert two built values are equal, patterns by their source and flags."""
    if isinstance(a, (re.Pattern, regex.Pattern)):
        assert type(a) is type(b) and (a.pattern, a.flags) == (b.pattern, b.flags), path
    elif dataclasses.is_dataclass(a):
        assert type(a) is type(b), path
        for f in dataclasses.fields(a):
            if f.compare:
                _same(getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}")
    elif isinstance(a, (dict, MappingProxyType)):
        assert type(a) is type(b) and a.keys() == b.keys(), path
        for k in a:
            _same(a[k], b[k], f"{path}[{k!r}]")
    elif isinstance(a, (list, tuple)):
        assert type(a) is type(b) and len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _same(x, y, f"{path}[{i}]")
    else:
        assert a == b, path


def _counting_build(data_dir):
    calls = []

    def build():
        calls.append(1)
        return Lexicon.load(data_dir, use_cache=False)

    return build, calls


def test_a_cached_lexicon_is_the_built_one(tmp_path):
    fresh = Lexicon.load(use_cache=False)
    build, calls = _counting_build(DATA_DIR)
    first = cached_build(DATA_DIR, build, kind=Lexicon, directory=tmp_path)
    second = cached_build(DATA_DIR, build, kind=Lexicon, directory=tmp_path)
    assert calls == [1]  # the second came from the disk
    assert second is not first and second.memo == [{}, {}]
    _same(fresh, second)
    text = "Tham dự có đại diện Vụ Thi đua - Khen thưởng Bộ Khoa học và Công nghệ và UBND tỉnh Nghệ An."
    assert extract_units(body_document(text), second) == extract_units(body_document(text), fresh)


def test_a_changed_data_file_is_another_entry(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    cache = tmp_path / "cache"
    before = cached_build(data, lambda: Lexicon.load(data, use_cache=False), kind=Lexicon, directory=cache)
    key = build_key(data)
    people = data / "people.toml"
    people.write_text(people.read_text(encoding="utf-8").replace("surnames = [", 'surnames = ["Zzyzx", ', 1),
                      encoding="utf-8")
    assert build_key(data) != key
    after = cached_build(data, lambda: Lexicon.load(data, use_cache=False), kind=Lexicon, directory=cache)
    assert "Zzyzx" in after.surnames and "Zzyzx" not in before.surnames
    assert len(list(cache.glob("lexicon-*.pickle"))) == 2


def test_the_code_is_part_of_the_key(tmp_path, monkeypatch):
    key = build_key(DATA_DIR)
    package = tmp_path / "extractors"
    shutil.copytree(lexicon_cache._PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__", "data"))
    monkeypatch.setattr(lexicon_cache, "_PACKAGE", package)
    assert build_key(DATA_DIR) == key
    (package / "units.py").write_text((package / "units.py").read_text(encoding="utf-8") + "\n# changed\n",
                                      encoding="utf-8")
    assert build_key(DATA_DIR) != key


def test_an_unreadable_entry_is_built_again_and_rewritten(tmp_path):
    build, calls = _counting_build(DATA_DIR)
    cached_build(DATA_DIR, build, kind=Lexicon, directory=tmp_path)
    entry = next(tmp_path.glob("lexicon-*.pickle"))
    entry.write_bytes(entry.read_bytes()[:1000])  # truncated
    again = cached_build(DATA_DIR, build, kind=Lexicon, directory=tmp_path)
    assert calls == [1, 1] and isinstance(again, Lexicon)
    cached_build(DATA_DIR, build, kind=Lexicon, directory=tmp_path)
    assert calls == [1, 1]  # rewritten whole


def test_an_unwritable_cache_leaves_the_build_standing(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    build, calls = _counting_build(DATA_DIR)
    assert isinstance(cached_build(DATA_DIR, build, kind=Lexicon, directory=blocked / "cache"), Lexicon)
    assert isinstance(cached_build(DATA_DIR, build, kind=Lexicon, directory=blocked / "cache"), Lexicon)
    assert calls == [1, 1]


def test_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("THIDUA_CACHE_DIR", "off")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    build, calls = _counting_build(DATA_DIR)
    cached_build(DATA_DIR, build, kind=Lexicon)
    cached_build(DATA_DIR, build, kind=Lexicon)
    assert calls == [1, 1] and not any(tmp_path.rglob("*.pickle"))


def test_only_the_newest_entries_are_kept(tmp_path):
    for i in range(KEEP + 3):
        old = tmp_path / f"lexicon-{i:064x}.pickle"
        old.write_bytes(b"x")
        os.utime(old, ns=(i * 10**9, i * 10**9))
    cached_build(DATA_DIR, lambda: Lexicon.load(use_cache=False), kind=Lexicon, directory=tmp_path)
    kept = sorted(p.name for p in tmp_path.glob("lexicon-*.pickle"))
    assert len(kept) == KEEP and f"lexicon-{build_key(DATA_DIR)}.pickle" in kept
    assert f"lexicon-{0:064x}.pickle" not in kept and f"lexicon-{KEEP + 2:064x}.pickle" in kept


def test_a_foreign_object_is_not_taken(tmp_path):
    entry = tmp_path / f"lexicon-{build_key(DATA_DIR)}.pickle"
    entry.write_bytes(lexicon_cache._dumps({"not": "a lexicon"}))
    build, calls = _counting_build(DATA_DIR)
    assert isinstance(cached_build(DATA_DIR, build, kind=Lexicon, directory=tmp_path), Lexicon)
    assert calls == [1]


@pytest.mark.parametrize("env,expected", [
    ({"THIDUA_CACHE_DIR": "/c"}, "/c"), ({"THIDUA_CACHE_DIR": "OFF"}, None), ({"THIDUA_CACHE_DIR": ""}, None),
    ({"XDG_CACHE_HOME": "/x", "HOME": "/h"}, "/x/thidua"), ({"HOME": "/h"}, "/h/.cache/thidua"), ({}, None)])
def test_cache_dir(env, expected):
    found = lexicon_cache.cache_dir(env)
    assert (str(found) if found else None) == expected


def test_code_edited_while_running_neither_reads_nor_writes(tmp_path, monkeypatch):
    """A process whose modules changed on disk after it started would store a lexicon built
    by its old code under the new code's key: it builds, and leaves the cache alone."""
    build, calls = _counting_build(DATA_DIR)
    cached_build(DATA_DIR, build, kind=Lexicon, directory=tmp_path)
    assert calls == [1] and len(list(tmp_path.glob("lexicon-*.pickle"))) == 1
    monkeypatch.setattr(lexicon_cache, "_LOADED_CODE", b"the code before an edit")
    other = tmp_path / "other"
    cached_build(DATA_DIR, build, kind=Lexicon, directory=tmp_path)
    cached_build(DATA_DIR, build, kind=Lexicon, directory=other)
    assert calls == [1, 1, 1] and not other.exists()
