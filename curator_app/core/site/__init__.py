"""The site around the items: its config, which files are items, the first-run workspace."""
