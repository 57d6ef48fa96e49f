"""Document structure: the header block kept apart from the body, numbered sections, sentences."""
