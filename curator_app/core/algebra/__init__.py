"""Document algebra, independent of git and of file formats.

values   MISSING (a key that is absent) and `same`, the one equality rule for values
keypath  KeyPath, the one dotted formatter/parser, nested get/assign/remove
diff     FieldChange, field-level and text diffs between two versions
apply    apply one field's value to a Document (set, add in place, remove)
merge3   per-field three-way merge (the disk-change and pull merges)
"""
