"""Output formats of the command line: Rich, Markdown and JSON (no Textual here)."""
