"""briefing: read structured briefings (who met whom, when, about what) in a terminal."""

__version__ = "0.1.0"
