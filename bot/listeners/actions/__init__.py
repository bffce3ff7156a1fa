"""Block action listeners (buttons)."""
