"""The township desk: escalated items received from villages' exports, replied to and sent back.

The desk itself (the township's data folder, with the same store, journal, audit, lock and
backups as a village, and what it does: receive, list, reply, mark sent) is the service's
:mod:`village_tui.service.township`. Here are the files on the stick:

- :mod:`.exports`: reading a verified village export's escalated items.
- :mod:`.package`: the reply package on the stick (header, replies, checksums) and its check.
- :mod:`.apply`: a village applying a reply package to its ledger.
"""
