"""How an item will look: head/social meta, cards, the preview page, body rendering, images."""
