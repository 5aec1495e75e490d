"""Git in the editor: status, diff, commit, history, pull / push and the merge after a pull.

Everything git-specific lives in curator_app.core.git (Qt-free); this package is its GUI.

- GitController (one per window) owns the folder's repository, runs pull / push / fetch in
  a QThread and reports through signals: sig_repository_changed, sig_status_changed,
  sig_branch_changed, sig_error / sig_message (one line each), sig_progress, sig_busy,
  sig_pulled(list[Path]) once a pull is complete, sig_pushed, sig_committed.
- CommitDialog, DiffDialog, HistoryDialog and MergeDialog are shown through
  curator_app.gui.alerts.run, like every dialog; gui/actions/vcs.py decides when.
- After a pull, DiskChanges merges each open item with unsaved edits field by field, with
  git.pre_pull_bytes(path) as the base (see curator_app.gui.disk_changes).
- Credentials: pull/push first try the SSH agent / keys and git credential helpers; only
  then CredentialDialog asks on the GUI thread (PasswordAsker marshals the worker's
  request). git.set_credential_prompt(fn) replaces the dialog,
  fn(url, username) -> (user, pw) | None.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from curator_app.core.algebra.merge3 import MergeResult, merge_documents
    from curator_app.gui.git.commit_dialog import CommitDialog
    from curator_app.gui.git.controller import GitController
    from curator_app.gui.git.credentials_dialog import CredentialDialog, PasswordAsker
    from curator_app.gui.git.diff_view import DiffDialog, DiffView
    from curator_app.gui.git.history_dialog import HistoryDialog
    from curator_app.gui.git.merge_dialog import MergeDialog

# Each name's module, imported on first use: the dialogs' modules load pygit2, which the
# window does not need before it shows (issue 20).
_HOMES = {
    "CommitDialog": "curator_app.gui.git.commit_dialog",
    "CredentialDialog": "curator_app.gui.git.credentials_dialog",
    "DiffDialog": "curator_app.gui.git.diff_view",
    "DiffView": "curator_app.gui.git.diff_view",
    "GitController": "curator_app.gui.git.controller",
    "HistoryDialog": "curator_app.gui.git.history_dialog",
    "MergeDialog": "curator_app.gui.git.merge_dialog",
    "MergeResult": "curator_app.core.algebra.merge3",
    "PasswordAsker": "curator_app.gui.git.credentials_dialog",
    "merge_documents": "curator_app.core.algebra.merge3",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


__all__ = [
    "CommitDialog",
    "CredentialDialog",
    "DiffDialog",
    "DiffView",
    "GitController",
    "HistoryDialog",
    "MergeDialog",
    "MergeResult",
    "PasswordAsker",
    "merge_documents",
]
