"""The yearly report window."""
