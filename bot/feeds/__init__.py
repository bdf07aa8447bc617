"""Feeds: parse (feedparser) -> compare and dedupe -> store; each step its own module."""
