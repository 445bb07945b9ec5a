"""The flush after each transactional test, made cheap (conftest.py installs it for the whole run).

pytest-django ends every transactional test (live servers, browsers, consumers, races) with Django's `flush`:
every table emptied, then post_migrate makes the content types, permissions and role groups again. On
PostgreSQL that took 1.2-1.9 s a test: TRUNCATE of some 170 tables gives each a new file, and making the
permissions again is a few hundred inserts. Here:

- the tables are emptied with DELETE, which costs next to nothing on a table of a few rows (the foreign keys
  Django makes on PostgreSQL are checked at commit, so the order does not matter);
- the content types, permissions and groups with their permissions are left alone: nothing a test does adds
  or removes them, and post_migrate, which still runs, finds them there and puts the role groups' permissions
  back as roles.py says (`role_groups_sync`).

A flush that resets sequences (a test that asks for `reset_sequences`) goes the backend's own way. A trigger
that refused DELETE on a table would stop this flush (TRUNCATE fires no DELETE trigger): the wage ledger's
trigger refuses UPDATE only, for that reason.
"""

from __future__ import annotations

KEPT_TABLES = frozenset({"django_content_type", "auth_permission", "auth_group", "auth_group_permissions"})


def flush_sql_by_delete(original):
    """Wrap a backend's `sql_flush` (a method of its DatabaseOperations)."""

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences:
            return original(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return [
            f"{style.SQL_KEYWORD('DELETE')} {style.SQL_KEYWORD('FROM')} {style.SQL_FIELD(self.quote_name(table))};"
            for table in tables
            if table not in KEPT_TABLES
        ]

    return sql_flush
