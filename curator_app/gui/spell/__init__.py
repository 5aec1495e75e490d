"""Spell checking as you type: underlines in text fields and the body, suggestions on
right-click, Add to Dictionary (the personal word list) and Ignore in This Item."""
