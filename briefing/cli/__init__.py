"""The ``briefing`` command line: argparse and Rich only, never Textual."""
