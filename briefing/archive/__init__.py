"""An archive of briefings: finding and loading files, the catalog of every meeting, its cache and word index.

Plain Python on top of :mod:`briefing.format`; nothing here imports Rich, Textual or the layers above.
"""
