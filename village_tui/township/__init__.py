"""The township desk: escalated items received from villages' exports, replied to and sent back.

- :mod:`.desk`: the township's data folder (the same store, journal, audit, lock and backups
  as a village) and what its desk does: receive, list, reply, mark sent.
- :mod:`.exports`: reading a verified village export's escalated items.
- :mod:`.package`: the reply package on the stick (header, replies, checksums) and its check.
- :mod:`.apply`: a village applying a reply package to its ledger.
"""
