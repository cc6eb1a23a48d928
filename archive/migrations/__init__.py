"""Alembic migrations for the archive schema (run through ``archive.migrate``)."""
