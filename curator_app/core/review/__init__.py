"""Review of a change set: the queue, before/after of each item, decisions, report data.

No Qt here. queue.py finds what to review, compare.py says how each item changed,
decisions.py stores reviewers' verdicts in the repository, report.py turns it all into the
facts `curator review --format json` prints and the HTML report shows.
"""
