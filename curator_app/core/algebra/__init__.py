"""Document algebra, independent of git and of file formats.

keypath  KeyPath, the one dotted formatter/parser, value equality, nested get/assign/remove
diff     FieldChange, MISSING, field-level and text diffs between two versions
apply    apply one field's value to a Document (set, add in place, remove)
merge3   per-field three-way merge (the disk-change and pull merges)
"""
