"""Sets of rows as bits: every way in and out agrees with plain lists, at the sizes where the code changes path."""

from __future__ import annotations

import random
from typing import Any

import pytest

from briefing.archive import rowbits
from briefing.archive.rowbits import RankedRows, RowSet, SortedColumn, bits_of, positions
from briefing.archive.rowsets import RowSets


@pytest.mark.parametrize("count", [0, 1, 5, 15, 16, 200, 3000])
def test_rows_become_bits_and_come_back_in_order(count: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = sorted(random.Random(count).sample(range(5000), count))
    bits = bits_of(rows, 5000)
    assert list(positions(bits)) == rows
    assert bits_of(iter(rows), 5000) == bits  # an iterator takes the other path
    for step in (1, 3, 64):
        monkeypatch.setattr(rowbits, "STEP", step)  # in steps of any size
        assert bits_of(iter(rows), 5000) == bits
    assert list(positions(bits, 7)) == [row + 7 for row in rows]
    assert sorted(RowSet(bits)) == rows and len(RowSet(bits)) == count
    assert RowSet(bits) == set(rows)


def test_a_ranked_result_reads_as_the_list_it_stands_for() -> None:
    chosen = random.Random(1)
    rows = list(range(6000))
    chosen.shuffle(rows)
    groups = [sorted(rows[:2500]), [], sorted(rows[2500:2510]), sorted(rows[2510:4000])]  # an empty group too
    listed = [row for group in groups for row in group]
    ranked = RankedRows(bits_of(group, 6000) for group in groups)
    assert len(ranked) == len(listed) and bool(ranked)
    assert list(ranked) == listed
    for at in [*chosen.sample(range(len(listed)), 300), 0, len(listed) - 1]:  # across many chunks, out of order
        assert ranked[at] == listed[at]
        assert ranked.index(listed[at]) == at
    assert ranked[-1] == listed[-1] and ranked[10:20] == listed[10:20] and ranked[::-700] == listed[::-700]
    absent = rows[4000]
    assert absent not in ranked and listed[77] in ranked and -1 not in ranked
    with pytest.raises(ValueError):
        ranked.index(absent)
    with pytest.raises(IndexError):
        ranked[len(listed)]
    assert not RankedRows([0, 0]) and len(RankedRows([])) == 0


def _fake_dates(count: int, seed: int) -> tuple[list[str], list[str]]:
    chosen = random.Random(seed)
    earliest, latest = [], []
    for _ in range(count):
        if chosen.random() < 0.1:
            earliest.append("")
            latest.append("")
            continue
        day = f"2024-{chosen.randint(1, 12):02}-{chosen.randint(1, 28):02}"
        earliest.append(day)
        latest.append(day if chosen.random() < 0.7 else f"2025-{chosen.randint(1, 12):02}-01")
    return earliest, latest


@pytest.mark.parametrize("count", [10, 5000])
def test_a_sorted_column_finds_the_rows_at_most_and_at_least_a_value(count: int) -> None:
    values, _ = _fake_dates(count, count)
    column = SortedColumn(values)
    # Sorted by counting, in steps: the order a stable sort gives, equal values in row order.
    assert list(column.order) == sorted(range(count), key=values.__getitem__)
    assert column.values == sorted(values)
    for value in ["", "2024-01-01", "2024-06-15", "2024-12-31", "2099", *values[:20]]:
        assert list(positions(column.at_most(value))) == [i for i, v in enumerate(values) if v <= value]
        assert list(positions(column.at_least(value))) == [i for i, v in enumerate(values) if v >= value]


class _Catalog:
    """What :class:`RowSets` reads of a catalog."""

    def __init__(self, count: int, briefings: int) -> None:
        chosen = random.Random(count)
        self.of = [chosen.randrange(briefings) for _ in range(count)]
        self.briefings = briefings
        self.dates = _fake_dates(count, 3)
        self.refs = [f"b{n}/m{i % 7}" for i, n in enumerate(self.of)]

    def __len__(self) -> int:
        return len(self.of)

    def members(self) -> list[list[int]]:
        return [[i for i, n in enumerate(self.of) if n == b] for b in range(self.briefings)]

    def date_columns(self) -> tuple[list[str], list[str]]:
        return self.dates

    def ref_column(self) -> list[str]:
        return self.refs


@pytest.mark.parametrize(("prepared", "step"), [(False, rowbits.STEP), (True, rowbits.STEP), (True, 1), (True, 7)])
def test_rows_by_briefing_date_and_id_answer_as_a_walk_over_the_rows(
    prepared: bool, step: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.archive import rowsets

    monkeypatch.setattr(rowbits, "STEP", step)  # sets built in steps of any size, a last step of one row too
    monkeypatch.setattr(rowsets, "STEP", step)
    catalog: Any = _Catalog(3000, 400)
    sets = RowSets(catalog)
    if prepared:
        sets.prepare()
    chosen = random.Random(9)
    for size in (0, 1, 10, 100, 390, 400):  # few briefings (their rows one by one) and many (a lookup per row)
        briefings = chosen.sample(range(400), size)
        want = [i for i, n in enumerate(catalog.of) if n in briefings]
        assert list(positions(sets.of_briefings(bits_of(briefings, 400)))) == want
    earliest, latest = catalog.dates
    for low, high in [("2024-01-01", "2024-12-31"), ("2024-03-05", "2024-03-05"), ("2025-02-01", "2025-06-30")]:
        want = [i for i, (s, e) in enumerate(zip(earliest, latest, strict=True)) if s and s <= high and e >= low]
        assert list(positions(sets.dated(low, high))) == want
        assert sets.dated(low, high) == bits_of(want, 3000)  # remembered, the same
    ids = {"b3/m1", "b17/m4", "nothing"}
    assert list(positions(sets.with_ids(ids))) == [i for i, ref in enumerate(catalog.refs) if ref in ids]


def test_the_kth_row_is_found_across_chunks_of_any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rowbits, "CHUNK", 1)  # a chunk of 8 rows: every edge case of the count is crossed
    rows = sorted(random.Random(2).sample(range(400), 150))
    ranked = RankedRows([bits_of(rows, 400)])
    assert [ranked[at] for at in range(len(rows))] == rows
