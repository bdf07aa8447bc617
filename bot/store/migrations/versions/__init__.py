"""Revision scripts; alembic skips this file."""
