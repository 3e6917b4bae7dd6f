"""The tally's shortcuts give the same counts as the long way: the top N, a whole list, periods worked out once."""

from __future__ import annotations

import random

import pytest

from briefing.archive.loader import load_catalog
from briefing.query import tally as tally_module
from briefing.query.tally import BY, Tally, periods
from tests.helpers import TEST_DATA


def test_the_top_n_are_the_first_n_of_the_whole_count_and_the_whole_list_is_any_list_of_every_row() -> None:
    catalog = load_catalog([str(TEST_DATA / "people"), str(TEST_DATA.parent.parent / "data")], use_cache=False).catalog
    tally = Tally(catalog)
    every = range(len(catalog))
    chooser = random.Random(7)
    for by in BY:
        whole = tally.count(by, every)
        assert tally.count(by, list(every)) == whole, by  # a range is read as a slice, a list row by row
        for top in (1, 2, 3):
            cut = tally.count(by, every, top=top)
            if by not in ("week", "month", "year", "pair"):
                assert cut.counts == whole.counts[:top], (by, top)
                assert cut.distinct == whole.distinct == len(whole.counts), by
        rows = sorted(chooser.sample(list(every), len(catalog) // 2))
        some = tally.count(by, rows)
        assert some.meetings == len(rows)
        assert sum(c.meetings for c in some.counts) + some.without >= len(rows) - some.vague, by


def test_periods_are_named_as_date_finds_them() -> None:
    assert periods("2025-11-14", "2026-01-30", 100, "month") == ["2025-11", "2025-12", "2026-01"]
    assert periods("2024-12-31", "2026-01-01", 100, "year") == ["2024", "2025", "2026"]
    assert periods("2025-07-02", "2025-07-15", 100, "week") == ["2025-06-30", "2025-07-07", "2025-07-14"]
    assert periods("2025-01-01", "2025-12-31", 3, "week") == ["2024-12-30", "2025-01-06", "2025-01-13"]  # capped


def test_counting_in_steps_gives_the_count_of_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = load_catalog([str(TEST_DATA / "people"), str(TEST_DATA.parent.parent / "data")], use_cache=False).catalog
    tally = Tally(catalog)
    every = range(len(catalog))
    whole = {by: tally.count(by, every) for by in BY}
    monkeypatch.setattr(tally_module, "STEP", 1)  # a step per meeting: every boundary between steps is crossed
    assert {by: tally.count(by, every) for by in BY} == whole
