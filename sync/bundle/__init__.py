"""The USB bundle: the queue carried by hand when an office's line stays down for days.

Three steps, three machines' worth of trust:

1. **Export** (the counter, `export`): every item that could leave now goes into one file, with the
   receipts of the dependencies already delivered. The file is encrypted and authenticated
   (AES-256-GCM, key from the office's bundle secret through scrypt with a random salt), and bound
   to its origin: the office code and database id are in the authenticated header (`sealing`).
   The exported items are marked `look_up_first` in the same transaction that makes the file
   final, so from then on the counter itself never sends them blind: the other copy may already
   have arrived.
2. **Upload** (any machine with a line, the destinations' credentials and the secret, `upload`):
   the items are loaded into a private in-memory queue and sent by the real `SyncEngine` (same
   claims, same chain order, same dependency completion, same verdicts), never blind: each one is
   looked up by client reference first. The verdicts go into a receipts file sealed the same way.
3. **Import** (the counter, `write_back`): the receipts are checked (authentic, for this database)
   and written through `ledger.record`, so the application's delivery hook runs as for any
   delivery.

Keys never change, so an item the counter sent meanwhile is found by the look-up, never applied
twice, even by a remote that ignores `Idempotency-Key`. What travels, both ways, is in `contents`.

Nothing here imports the application: the caller gives the secret, the destinations and the hook.
This package's modules are imported by name (`from sync.bundle import export`); nothing is
imported here.
"""
