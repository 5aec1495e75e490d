"""Spell checking with Enchant (Hunspell dictionaries from the system): words of prose,
never URLs, slugs, code, HTML tags or shortcodes; a personal word list in the settings."""
