"""Qt-free core of Curator: documents, schema, meta, lint, library, git."""
