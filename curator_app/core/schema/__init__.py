"""What an item's fields are: schemas (loaded or inferred) and linked copies of one fact."""
