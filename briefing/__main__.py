"""``python -m briefing``: the same entry point as the ``briefing`` command."""

from briefing.main import main

if __name__ == "__main__":
    raise SystemExit(main())
