"""An operator's maintenance of a server: backups, restores and rotating the master key.

These run from ``tambo-server`` (``backup``, ``restore``, ``master-key``) with the server stopped for a
restore or a key rotation, and running or not for a backup. See docs/operations.md.
"""
