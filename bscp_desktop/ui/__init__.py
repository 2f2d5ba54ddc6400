"""PySide6 widgets. The only layer that imports Qt; it never touches the database directly."""
