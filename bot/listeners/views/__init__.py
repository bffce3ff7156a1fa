"""View submission listeners (modals)."""
