"""Backup and restore: the database (SQLite through the online backup API, PostgreSQL through pg_dump) and the files
of meeting materials in one checked archive (archive.py), taken and restored by services.py, run by cli.py."""
