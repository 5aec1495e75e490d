"""Git in the editor: status, diff, commit, history, pull / push and the merge after a pull.

Everything git-specific lives in curator_app.core.git (Qt-free); this package is its GUI.
Wiring for the main window (all names importable from curator_app.gui.git):

Controller — one per window::

    git = GitController(parent=window)
    git.set_dialog_parent(window)              # credential prompt is centred here
    git.author = settings_author or None       # (name, email) from app settings; None = git config
    git.set_folder(content_folder)             # on every folder open (None to close)

    git.sig_repository_changed(bool)   enable git actions; when False and git.can_initialize,
                                       offer "Initialize repository" -> git.init_repository()
    git.sig_status_changed(dict)       {absolute real Path: "new" | "modified" | "deleted" |
                                       "conflicted"}; a file not in the dict is unchanged
                                       (git.status_of(path) answers "unchanged" for it)
    git.sig_branch_changed(str)        status-bar text, e.g. "main ↑1 ↓2 · 3 changed"
    git.sig_error(str)                 one line, never a traceback (status bar or message box)
    git.sig_message(str)               one line of good news ("Pushed 2 commits to origin/main")
    git.sig_progress(str, int, int)    text, done, total (total 0 = unknown) during pull/push
    git.sig_busy(bool)                 disable Pull/Push while True; git.cancel() stops it
    git.sig_pulled(list[Path])         files the pull changed, after it is complete
    git.sig_pushed(str), git.sig_committed(str)

    git.refresh_status()               after each save (a few ms on hundreds of items)
    git.pull(); git.push(); git.fetch()    background QThread; results arrive as signals
    git.commit(paths, message, author=None) -> commit id | None (errors on sig_error)
    git.shutdown()                     on quit: cancels a transfer and waits for its thread

Dialogs::

    dlg = git.commit_dialog(window, checked=[paths])    # CommitDialog, refreshes on commit
    dlg.exec(); dlg.author()                            # remember the identity if wanted

    DiffDialog(git.repo, path, document=session.document, parent=window).exec()
        # "Since the last commit" (HEAD vs the editor's document, or the file when
        # document is None) and "What saving will write" (needs the document).
        # DiffView is the embeddable widget: show_vs_head(cr, path, doc) / show_save(doc).

    HistoryDialog(git.repo, session.document,
                  apply=lambda fn: session.edit("Restore from history", fn),
                  parent=window).exec()
        # Restores run fn(document) inside apply, so they are one undo step and the item
        # becomes unsaved. sig_restored(list[FieldChange]) after each restore.

Pull with unsaved edits — on git.sig_pulled(paths), for each open session whose path is in
paths and which has unsaved edits::

    base = git.pre_pull_bytes(path)        # the version before the pull (= what was opened,
                                           # since a pull never overwrites uncommitted saves)
    result = merge_documents(base, Document.load(path), session.document)
    dlg = MergeDialog(result, parent=window)
    if dlg.exec():
        merged = dlg.merged_document()     # pulled file + your edits + your choices; it was
                                           # loaded from disk, so merged.save() is not refused
        # replace session.document with `merged` (e.g. session.document = merged, then clear
        # or reset the undo stack) and keep it dirty; the next save writes only your fields.
    # Cancel: session.document is untouched; saving it now would overwrite the pull, so the
    # session's changed-on-disk prompt applies as usual.

The session's QFileSystemWatcher also sees the pulled file change; when a merge dialog
handles it, skip sig_external_change for those paths (or call session.keep_mine()).

Credentials: pull/push first try the SSH agent / keys and git credential helpers; only
then CredentialDialog asks on the GUI thread (PasswordAsker marshals the worker's request).
git.set_credential_prompt(fn) replaces the dialog, fn(url, username) -> (user, pw) | None.
"""

from curator_app.core.algebra.merge3 import MergeResult, merge_documents
from curator_app.gui.git.commit_dialog import CommitDialog
from curator_app.gui.git.controller import GitController
from curator_app.gui.git.credentials_dialog import CredentialDialog, PasswordAsker
from curator_app.gui.git.diff_view import DiffDialog, DiffView
from curator_app.gui.git.history_dialog import HistoryDialog
from curator_app.gui.git.merge_dialog import MergeDialog

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
