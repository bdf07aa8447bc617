"""Alembic scripts, shipped inside the package so `Store.open` can upgrade any database without an alembic.ini."""
