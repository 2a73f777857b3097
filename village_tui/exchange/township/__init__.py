"""The township and county desks: escalated items received from below, replied to and sent back.

The desks themselves (a township's or county's data folder, with the same store, journal, audit,
lock, backups and signing key as a village, and what they do: receive, list, reply, mark sent) are
the services :mod:`village_tui.service.township` and :mod:`village_tui.service.county`. Here are
the files on the stick:

- :mod:`.exports`: reading a verified village export's escalated items.
- :mod:`.signed_folder`: a package folder's checksums and signature, written and checked.
- :mod:`.package`: the reply package down (township → village, county → township).
- :mod:`.upward`: the forwarding package up (township → county).
- :mod:`.apply`: a village applying a reply package to its ledger.
- :mod:`.trust`: the receiver's trust list applied to the keys of what it reads.
"""
