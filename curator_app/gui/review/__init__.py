"""Review mode and the review report's rendering (cards before/after, PDF)."""
