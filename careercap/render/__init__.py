"""Renderers: they build tables and documents from results and return them; the CLI prints."""
