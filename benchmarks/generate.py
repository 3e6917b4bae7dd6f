"""Generate a deterministic synthetic archive of briefings for the benchmarks.

    python -m benchmarks.generate OUT_DIR --briefings 10000

The same seed gives byte-identical files. Briefings have several meetings with
participants (accented and non-Latin names among them), topics, outcomes,
dates of every precision and paragraph refs, so parsing, indexing and search
work on realistic text.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

FIRST = [
    "Marco", "Penny", "Subrahmanyam", "Péter", "Sergei", "Annalena", "Wang", "Yoko", "Mélanie", "Hakan",
    "Josep", "Radosław", "Ahmed", "Fatima", "Jaroslav", "Søren", "Chloé", "Nuno", "Élise", "Björn",
    "Ngozi", "Kwame", "Luiz", "Mauricio", "Olena", "Dmytro", "Ilkka", "Gabrielius", "Ayşe", "Tomás",
    "Дмитрий", "Ольга", "محمد", "فاطمة", "李", "金", "राजेश", "Αλέξης", "Zoë", "Łukasz",
]  # fmt: skip
LAST = [
    "Rubio", "Wong", "Jaishankar", "Szijjártó", "Lavrov", "Baerbock", "Yi", "Kamikawa", "Joly", "Fidan",
    "Borrell", "Sikorski", "Aboul Gheit", "Al-Sabah", "Kallas", "Løkke", "Dubois", "Gonçalves", "Müller",
    "Okonjo", "Mensah", "Vieira", "Ebrard", "Kuleba", "Sybiha", "Haavisto", "Landsbergis", "Çavuşoğlu",
    "Núñez", "Кузнецов", "Иванова", "الصباح", "بن علي", "强", "민준", "शर्मा", "Παπαδόπουλος", "Ødegaard",
]  # fmt: skip
ROLES = [
    "Foreign Minister", "Secretary of State", "Defence Minister", "Prime Minister", "President",
    "National Security Adviser", "Trade Minister", "Ambassador", "Deputy Foreign Minister", "Special Envoy",
]  # fmt: skip
COUNTRIES = [
    "India", "United States", "Australia", "Japan", "Hungary", "Russia", "Germany", "China", "France", "Türkiye",
    "Spain", "Poland", "Egypt", "Kuwait", "Estonia", "Denmark", "Brazil", "Mexico", "Ukraine", "Finland",
    "Lithuania", "Nigeria", "Ghana", "South Korea", "Greece", "Norway", "Côte d'Ivoire", "Viet Nam",
]  # fmt: skip
CITIES = [
    "Washington, DC", "New York", "Geneva", "Vienna", "Brussels", "New Delhi", "Tokyo", "Canberra", "Budapest",
    "Moscow", "Berlin", "Beijing", "Paris", "Ankara", "Madrid", "Warsaw", "Cairo", "Kyiv", "Helsinki", "São Paulo",
    "Zürich", "Reykjavík", "Bogotá", "Jakarta",
]  # fmt: skip
VENUES = [
    "the Foreign Ministry", "UN Headquarters", "the Pentagon", "the Élysée Palace", "the Kremlin",
    "Hyderabad House", "",
]  # fmt: skip
TOPICS = [
    "Trade and tariffs", "Maritime security", "Critical technologies", "Energy security", "Supply chains",
    "Defence procurement", "Climate finance", "Nuclear non-proliferation", "Connectivity", "Migration and mobility",
    "Counter-terrorism", "Cyber security", "Humanitarian access", "Sanctions", "Food security", "Arctic cooperation",
    "Space cooperation", "Semiconductors", "Critical minerals", "Debt relief", "Security Council reform",
    "Indo-Pacific strategy", "Black Sea grain corridor", "Pandemic preparedness",
]  # fmt: skip
DETAILS = [
    "Both sides set out their positions at length.", "A joint working group was discussed.",
    "Officials will follow up before the next summit.", "The talks touched on financing and timelines.",
    "Questions of access and oversight remain open.", "Ministers compared notes on regional developments.",
    "", "",
]  # fmt: skip
OUTCOMES = [
    ("agreement", "Agreed to establish a joint working group."),
    ("commitment", "Committed to deepen cooperation over the coming year."),
    ("plan", "Plan to hold a follow-up meeting within six months."),
    ("announcement", "Announced a new framework for consultations."),
    ("statement", "Stressed the importance of a rules-based order."),
    ("disagreement", "Noted continuing differences on the timetable."),
]
KINDS = ["bilateral", "bilateral", "bilateral", "multilateral", "call", "visit", "other"]
CONTEXTS = ["on the sidelines of the G20", "during a state visit", "at the UN General Assembly", "", "", ""]


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _date(rng: random.Random, year: int, month: int, day: int) -> str:
    roll = rng.random()
    if roll < 0.75:
        return f"{year}-{month:02d}-{day:02d}"
    if roll < 0.85:
        return f"{year}-{month:02d}-{day:02d}~"
    if roll < 0.95:
        return f"{year}-{month:02d}"
    return ""  # undated


def _person(rng: random.Random) -> str:
    name, role, country = f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(ROLES), rng.choice(COUNTRIES)
    return f"{{name: {_q(name)}, role: {_q(role)}, country: {_q(country)}, refs: [{rng.randint(1, 12)}]}}"


def briefing_text(rng: random.Random, number: int) -> str:
    """One briefing file's text."""
    year, month, day = rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
    city = rng.choice(CITIES)
    about = f"{rng.choice(TOPICS).lower()} and {rng.choice(TOPICS).lower()}"
    tags = [*rng.sample(COUNTRIES, 2), city.split(",")[0]]
    lines = [
        f"title: {_q(f'Consultations in {city}, report {number}')}",
        f"date: {year}-{month:02d}-{day:02d}",
        f"summary: {_q(f'A round of meetings in {city} on {about}.')}",
        f"source: {{name: {_q(rng.choice(['Reuters', 'ANI', 'AFP', 'dpa', 'Kyodo', 'TASS']))}, kind: news report, "
        f"published: {year}-{month:02d}-{day:02d}}}",
        f"tags: [{', '.join(_q(t) for t in tags)}]",
        "meetings:",
    ]
    for index in range(rng.randint(2, 7)):
        people = [_person(rng) for _ in range(rng.randint(2, 5))]
        title = f"{people[0].split(',')[0][7:].strip(chr(34))} meets {people[1].split(',')[0][7:].strip(chr(34))}"
        date = _date(rng, year, month, max(1, day - rng.randint(0, 3)))
        lines += [f"  - id: m{index}", f"    title: {_q(title)}"]
        if date:
            lines.append(f"    date: {date}")
        lines += [f"    location: {_q(city)}", f"    kind: {rng.choice(KINDS)}"]
        venue, context = rng.choice(VENUES), rng.choice(CONTEXTS)
        if venue:
            lines.append(f"    venue: {_q(venue)}")
        if context:
            lines.append(f"    context: {_q(context)}")
        follow_up = rng.choice(DETAILS).lower() or "next steps."
        lines.append(f"    summary: {_q(f'The two sides reviewed {rng.choice(TOPICS).lower()}: {follow_up}')}")
        lines.append("    participants:")
        lines += [f"      - {p}" for p in people]
        lines.append("    topics:")
        for topic in rng.sample(TOPICS, rng.randint(2, 5)):
            detail = rng.choice(DETAILS)
            detail_part = f", detail: {_q(detail)}" if detail else ""
            lines.append(f"      - {{name: {_q(topic)}{detail_part}, refs: [{rng.randint(1, 12)}]}}")
        lines.append("    outcomes:")
        for kind, text in rng.sample(OUTCOMES, rng.randint(1, 3)):
            cited = {rng.randint(1, 12), rng.randint(1, 12)}  # a ref once per list, as validate asks
            refs = f"[{', '.join(map(str, sorted(cited)))}]"
            lines.append(f"      - {{text: {_q(text)}, kind: {kind}, refs: {refs}}}")
        lines.append(f"    refs: [{', '.join(map(str, sorted({rng.randint(1, 12) for _ in range(3)})))}]")
    return "\n".join(lines) + "\n"


def generate(out: Path, briefings: int, seed: int = 2025) -> list[Path]:
    """Write ``briefings`` files under ``out`` (100 per folder); return their paths."""
    rng = random.Random(seed)
    paths = []
    for number in range(briefings):
        folder = out / f"{number // 100:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"briefing-{number:05d}.yaml"
        path.write_text(briefing_text(rng, number), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    """Command line: ``python -m benchmarks.generate OUT --briefings N``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--briefings", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    paths = generate(args.out, args.briefings, args.seed)
    print(f"{len(paths)} briefings in {args.out}")


if __name__ == "__main__":
    main()
