"""Vietnam's administrative divisions: the names of provinces, districts and communes.

Read offline from the maintained ``vietnamadminunits`` package (its SQLite dataset holds
the 63 provinces with their districts and communes before the 2025 reorganisation and
the 34 provinces and their communes after it; articles span 2010–2025). Extractors use
it to tell a place named as a place ("các huyện: Ba Vì, Thạch Thất") from a body that
acts ("UBND huyện Ba Vì"), and a place from a person's name.
"""

from __future__ import annotations

import importlib.util
import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extractors.keys import match_key

__all__ = ["ends_in_place", "Places", "dataset_path", "load_places"]

# The level words the dataset's full names open with ("Tỉnh Nghệ An", "Quận Ba Đình").
_LEVELS = ("Thành phố", "Tỉnh", "Quận", "Huyện", "Thị xã", "Phường", "Xã", "Thị trấn", "Đặc khu")


def dataset_path() -> Path:
    """Where the installed ``vietnamadminunits`` keeps its dataset (found without importing
    the package, which would pull in pandas).

    Raises:
        ModuleNotFoundError: the package is not installed.
    """
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("vietnamadminunits is not installed (pip install vietnamadminunits)")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "dataset.db"


def _short(full: str | None) -> str:
    if not full:
        return ""
    for level in _LEVELS:
        if full.startswith(level + " "):
            return full[len(level) + 1:]
    return full


@dataclass(frozen=True)
class Places:
    """Match keys of place names by level (``match_key``: case and tone placement folded).

    Attributes:
        provinces: provinces and centrally-run cities ("nghệ an", "hồ chí minh").
        districts: districts, towns and provincial cities before 2025 ("ba vì", "quận 1").
        communes: communes, wards and townships, before and after 2025.
    """

    provinces: frozenset[str]
    districts: frozenset[str]
    communes: frozenset[str]

    def is_place(self, name: str) -> bool:
        """Is ``name`` (with or without its level word) a province, district or commune?

        >>> places = load_places()
        >>> places.is_place("Nghệ An"), places.is_place("huyện Ba Vì"), places.is_place("Sở Nội vụ")
        (True, True, False)
        """
        key = match_key(name)
        for level in _LEVELS:
            low = match_key(level) + " "
            if key.startswith(low):
                key = key[len(low):]
                break
        return key in self.provinces or key in self.districts or key in self.communes

    def is_province(self, name: str) -> bool:
        """Is ``name`` a province or a centrally-run city ("Hà Nội", "Nghệ An")?

        >>> load_places().is_province("Hà Nội"), load_places().is_province("Ba Vì")
        (True, False)
        """
        return match_key(name) in self.provinces

    def is_province_or_district(self, name: str) -> bool:
        """Is ``name`` a province or a district (the levels whose names read like people's)?"""
        key = match_key(name)
        return key in self.provinces or key in self.districts


def ends_in_place(name: str, level_end_re: re.Pattern[str], places: Places, *, bare_level: bool = False) -> bool:
    r"""Does a name end in its place: a place level and a proper name ("... tỉnh Nghệ An",
    "... xã Tân Lập 2"), a province's name ("Sở Y tế Hà Nội"), or (``bare_level``) a bare
    place level after two words or more ("Trưởng phòng Nội vụ huyện")? ``level_end_re``
    finds a place level ending a text that ends with a space.

    >>> levels = re.compile(r"(?<!\w)(?:tỉnh|huyện)\s+$")
    >>> [ends_in_place(n, levels, load_places()) for n in ("Công an tỉnh Nghệ An", "Sở Y tế Hà Nội", "Bộ Công an")]
    [True, True, False]
    """
    words = name.split()
    k = len(words)
    while k > 0 and (words[k - 1][:1].isupper() or words[k - 1].isdigit()):
        k -= 1
    if k == len(words):
        return bare_level and len(words) >= 3 and level_end_re.search(name + " ") is not None
    if k and level_end_re.search(" ".join(words[:k]) + " "):
        return True
    return len(words) - k >= 2 and places.is_province(" ".join(words[k:]))


_QUERIES = {
    "provinces": ("SELECT DISTINCT province FROM admin_units_legacy", "SELECT DISTINCT provinceShort FROM admin_units_legacy",
                  "SELECT DISTINCT province FROM admin_units", "SELECT DISTINCT provinceShort FROM admin_units"),
    "districts": ("SELECT DISTINCT district FROM admin_units_legacy", "SELECT DISTINCT districtShort FROM admin_units_legacy"),
    "communes": ("SELECT DISTINCT ward FROM admin_units_legacy", "SELECT DISTINCT wardShort FROM admin_units_legacy",
                 "SELECT DISTINCT ward FROM admin_units", "SELECT DISTINCT wardShort FROM admin_units"),
}


@lru_cache(maxsize=2)
def load_places(path: Path | None = None, extra: tuple[str, ...] = ()) -> Places:
    """The place names of the dataset (default: the installed package's), read once;
    ``extra`` adds province names the dataset no longer has (former names).

    Raises:
        ValueError: the dataset cannot be read.
    """
    db_path = path or dataset_path()
    names: dict[str, set[str]] = {}
    try:
        db = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
        try:
            for level, queries in _QUERIES.items():
                names[level] = {_short(row[0]) for sql in queries for row in db.execute(sql)}
        finally:
            db.close()
    except sqlite3.Error as exc:
        raise ValueError(f"{db_path}: cannot read the administrative divisions ({exc})") from exc
    names["provinces"] |= set(extra)

    def keys(level: str) -> frozenset[str]:
        return frozenset(match_key(n) for n in names[level] if n)

    return Places(keys("provinces"), keys("districts"), keys("communes"))
