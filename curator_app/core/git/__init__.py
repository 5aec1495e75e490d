"""Git for curators, on pygit2 (libgit2 is bundled, so no git binary is needed).

Start with repo.open_repository(folder) (or is_repository / init_repository); every other
module takes the ContentRepo it returns. Only repo.py is safe to import when pygit2 may
be missing: it raises GitUnavailable with a readable message instead of ImportError.
"""
