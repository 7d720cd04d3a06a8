import dataclasses

import pytest

from extractors.base import Candidate, freeze

C = Candidate("date", "4-3", "2020-03-04", 5, 8, "dates.dm_published_year", 0.7, freeze(role="event", kind="day"))


def test_but_changes_the_fields_given_and_keeps_the_others():
    changed = C.but(rule="dates.dm_sentence_year", confidence=0.8)
    assert changed == dataclasses.replace(C, rule="dates.dm_sentence_year", confidence=0.8)
    assert (changed.text, changed.start, changed.end, dict(changed.attrs)) == ("4-3", 5, 8, {"role": "event", "kind": "day"})
    assert C.rule == "dates.dm_published_year"  # the original stays as it was


def test_but_merges_attrs_into_the_old_ones():
    assert dict(C.but(attrs={"role": "published"}).attrs) == {"role": "published", "kind": "day"}
    assert C.but(attrs={}).attrs is C.attrs


def test_but_checks_what_the_constructor_checks():
    with pytest.raises(TypeError, match="no field colour"):
        C.but(colour="red")
    with pytest.raises(ValueError, match="does not fit"):
        C.but(end=9)
