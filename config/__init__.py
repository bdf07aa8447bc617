"""briefbot's configuration: one typed settings object, read once at start and passed down."""

from config.settings import Settings, load_settings

__all__ = ["Settings", "load_settings"]
