"""The window. Everything that imports Qt widgets lives below this package."""
