"""Alembic environment: always run on a connection handed over by :mod:`sync_server.storage.migrate`.

Users never need an ``alembic.ini``: ``tambo-server init`` runs the migrations, ``tambo-server run``
checks them. Developers making a new revision use ``tambo-server db revision -m "..."``.
"""

from __future__ import annotations

from alembic import context

from sync_server.storage.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through sync_server.storage.migrate, which passes a connection")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
