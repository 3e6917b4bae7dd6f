"""Output formats (Rich, Markdown, JSON): plain functions of the model, shared by the command line and the reader.

Rich only, never Textual; data always goes in as text, never as markup.
"""
