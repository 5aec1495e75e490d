"""Find and replace: in one item's fields and body text (query, item), across a folder (folder)."""
