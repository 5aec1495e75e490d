"""Clean paste: rich HTML from web pages, Word and Google Docs reduced to the body's
semantic markup; plain text for single-line fields with the file's quote style."""
