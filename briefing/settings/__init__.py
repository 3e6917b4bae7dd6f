"""What the user told briefing to remember: settings (``config.toml``) and, per archive, the reader's state."""
