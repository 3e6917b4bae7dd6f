"""The word index: the same answers built here and read back from the cache's packed blocks; damage is found."""

from __future__ import annotations

import random

import pytest

from briefing.archive import postings
from briefing.archive.postings import Postings
from briefing.archive.rowbits import positions

WORDS = ["alpha", "alps", "beta", "bet", "gamma", "gam", "delta", "del", "epsilon"]
RARE = [f"rare{n}" for n in range(12)]  # each in a few rows: kept as rows, not as a set of bits


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(postings, "BLOCK_ROWS", 7)  # so that words' rows cross block boundaries


def _hays(count: int) -> list[str]:
    chosen = random.Random(4)
    hays = []
    for _ in range(count):
        words = chosen.sample(WORDS, chosen.randint(1, 5))
        if chosen.random() < 0.2:
            words.append(chosen.choice(RARE))
        hays.append(" " + " ".join(words) + " ")
    return hays


def _answers(index: Postings) -> list[list[int]]:
    prefixes = {w[:n] for w in WORDS + RARE for n in range(1, len(w) + 1)} | {"zz", "x"}
    return [list(positions(index.prefix_bits(p))) for p in sorted(prefixes)] + [
        list(positions(index.word_bits(w))) for w in WORDS + RARE
    ]


def _expected(hays: list[str]) -> list[list[int]]:
    prefixes = {w[:n] for w in WORDS + RARE for n in range(1, len(w) + 1)} | {"zz", "x"}
    by_prefix = [[i for i, hay in enumerate(hays) if f" {p}" in hay] for p in sorted(prefixes)]
    return by_prefix + [[i for i, hay in enumerate(hays) if f" {w} " in hay] for w in WORDS + RARE]


@pytest.mark.usefixtures("small_blocks")
def test_a_read_index_answers_as_the_built_one() -> None:
    hays = _hays(200)
    built = Postings.build(hays)
    assert built.dense and len(built.rows) > 0  # both forms: common words as bits, rare ones as rows
    assert _answers(built) == _expected(hays)
    dumped = built.dump()
    Postings.check(dumped)
    assert len(dumped[2]) > 3  # many blocks
    read = Postings.load(dumped, 200)
    assert _answers(read) == _answers(built)
    assert not read.damaged
    assert Postings.load(read.dump(), 200).dump() == dumped  # a read index is written back as it was read


@pytest.mark.usefixtures("small_blocks")
@pytest.mark.parametrize("bound", [199, 50])
def test_a_row_out_of_range_is_found_in_use_and_reported_once(bound: int) -> None:
    damage: list[int] = []
    read = Postings.load(Postings.build(_hays(200)).dump(), bound, lambda: damage.append(1))
    answers = _answers(read)
    assert read.damaged and damage == [1]
    assert all(row < bound for rows in answers for row in rows)  # never a row past the end


@pytest.mark.usefixtures("small_blocks")
@pytest.mark.parametrize("part", [2, 4, 6])
def test_a_block_or_set_that_does_not_unpack_is_damage(part: int) -> None:
    dumped = list(Postings.build(_hays(200)).dump())
    dumped[part] = (b"\x78\x01junk", *dumped[part][1:])  # a block of rows, a start, a dense word's set
    damage: list[int] = []
    read = Postings.load(tuple(dumped), 200, lambda: damage.append(1))  # type: ignore[arg-type]
    read.unpack()
    assert read.damaged and damage == [1]


def test_the_shape_is_checked_before_use() -> None:
    vocabulary, offsets, blocks, names, packed, numbers, dense = Postings.build(_hays(20)).dump()
    for bad in (
        (vocabulary[::-1], offsets, blocks, names, packed, numbers, dense),
        (vocabulary, offsets[:-4], blocks, names, packed, numbers, dense),
        (vocabulary, offsets, (*blocks, b""), names, packed, numbers, dense),
        (vocabulary, offsets, blocks, names[:-1], packed, numbers, dense),
        (vocabulary, offsets, (1,), names, packed, numbers, dense),
        (vocabulary, offsets, blocks, names, packed, numbers[::-1], dense[::-1]),  # not ascending
        (vocabulary, offsets, blocks, names, packed, numbers[:-4], dense),
        (vocabulary, offsets, blocks, names, packed, (len(vocabulary)).to_bytes(4, "little"), dense[:1]),
    ):
        with pytest.raises(ValueError, match="not"):
            Postings.check(bad)
