"""Commands and queries, one module per area. Each command is one unit of work."""
