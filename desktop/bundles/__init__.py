"""Sync bundles on the desktop: carrying sync by hand to and from sites with no link at all.

- :mod:`.export`: ``tambo bundle export``: the outbox (and the pull cursor) into one signed file.
- :mod:`.acks`: ``tambo bundle ack``: the server's acknowledgement file applied like a direct sync.
- :mod:`.upload`: ``tambo bundle upload``: any enrolled device hands a bundle to the server (relay).
- :mod:`.relay`: coordinator mode: bundles collected from several sites, forwarded when online, their
  acknowledgements sorted for the way back; per-site counts and last visits.

The file formats are in :mod:`shared.protocol.bundles` and :mod:`shared.protocol.bundle_acks`;
docs/coordinators.md tells the coordinator's round.
"""
