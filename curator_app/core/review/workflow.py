"""The schema's workflow key: which values ask for a review, which a reviewer may set."""

from __future__ import annotations

from dataclasses import dataclass

from curator_app.core.algebra.keypath import KeyPath, parse_dotted


@dataclass(frozen=True)
class Workflow:
    key: KeyPath
    review: tuple[str, ...]  # values meaning "please review this item"
    approve: str | None  # value a reviewer may set on approval
    request_changes: str | None  # value a reviewer may set when asking for changes

    @property
    def column(self) -> str | None:
        """The library index column holding the key, when it has one."""
        return "status" if self.key == ("status",) else None


def workflow_of(schema_name: str = "curated-content") -> Workflow | None:
    """The workflow declared by a schema, None when it declares none."""
    from curator_app.core.errors import CuratorError
    from curator_app.core.schema.schema import load_schema

    try:
        raw = load_schema(schema_name).workflow
    except CuratorError:
        return None
    if not raw or not raw.get("key"):
        return None
    approve = raw.get("approve")
    changes = raw.get("request_changes")
    return Workflow(
        key=parse_dotted(str(raw["key"])),
        review=tuple(str(v) for v in raw.get("review") or ()),
        approve=str(approve) if approve is not None else None,
        request_changes=str(changes) if changes is not None else None,
    )
