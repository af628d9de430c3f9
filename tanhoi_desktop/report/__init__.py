"""The yearly summary sheet: content (no widgets), then PDF / printer / xlsx renderings."""
