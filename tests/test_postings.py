"""The word index: the same answers built here and read back from the cache's packed blocks; damage is found."""

from __future__ import annotations

import random

import pytest

from briefing.archive import postings
from briefing.archive.postings import Postings

WORDS = ["alpha", "alps", "beta", "bet", "gamma", "gam", "delta", "del", "epsilon"]


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(postings, "BLOCK_ROWS", 7)  # so that words' rows cross block boundaries


def _hays(count: int) -> list[str]:
    chosen = random.Random(4)
    return [" " + " ".join(chosen.sample(WORDS, chosen.randint(1, 5))) + " " for _ in range(count)]


def _answers(index: Postings) -> list[list[int]]:
    prefixes = {w[:n] for w in WORDS for n in range(1, len(w) + 1)} | {"zz", "x"}
    return [list(index.prefix_rows(p)) for p in sorted(prefixes)] + [list(index.word_rows(w)) for w in WORDS]


@pytest.mark.usefixtures("small_blocks")
def test_a_read_index_answers_as_the_built_one() -> None:
    built = Postings.build(_hays(200))
    dumped = built.dump()
    Postings.check(dumped)
    assert len(dumped[2]) > 20  # many blocks
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
def test_a_block_that_does_not_unpack_is_damage() -> None:
    vocabulary, offsets, blocks, names, packed = Postings.build(_hays(200)).dump()
    broken = (vocabulary, offsets, (b"\x78\x01junk", *blocks[1:]), names, packed)
    damage: list[int] = []
    read = Postings.load(broken, 200, lambda: damage.append(1))
    read.unpack()
    assert read.damaged and damage == [1]


def test_the_shape_is_checked_before_use() -> None:
    vocabulary, offsets, blocks, names, packed = Postings.build(_hays(20)).dump()
    for bad in (
        (vocabulary[::-1], offsets, blocks, names, packed),
        (vocabulary, offsets[:-4], blocks, names, packed),
        (vocabulary, offsets, (*blocks, b""), names, packed),
        (vocabulary, offsets, blocks, names[:-1], packed),
        (vocabulary, offsets, (1,), names, packed),
    ):
        with pytest.raises(ValueError, match="not"):
            Postings.check(bad)
