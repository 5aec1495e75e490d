"""One item file: split, parse, minimal-diff edit, emit, atomic save.

document     Document, the only type the rest of Curator edits
split        finds the front-matter block and the body in raw bytes
yaml_*       lossless YAML (libyaml node spans, value conversion, style, splicing)
toml_front   TOML front matter (tomlkit); json_front: JSON front matter
atomic_write the one writer of content files
"""
