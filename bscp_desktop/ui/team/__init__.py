"""The team database in the window: connecting, who you are, and what you may read."""
