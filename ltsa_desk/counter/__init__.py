"""The opened counter: its configuration, folders, protection, office server and logging."""
