"""The docs test: `./dev` commands and `//labels` shown in docs/ must exist and work."""
