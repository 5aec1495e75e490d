"""Find and replace: the bar for the open item, the dialog for the whole folder."""
