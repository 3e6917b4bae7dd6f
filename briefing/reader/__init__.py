"""The Textual reader: app, screens and widgets. Only ``briefing read`` imports it."""
