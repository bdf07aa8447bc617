"""briefbot: news briefings, key quotes and answers for Slack, Discord and the terminal."""

__version__ = "0.1.0"
