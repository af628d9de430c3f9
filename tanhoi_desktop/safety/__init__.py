"""What keeps the user's data safe: backups, the one-writer lock, the audit export and
the crash log. Below `ui`, beside `report` and `exchange`; no Qt."""
