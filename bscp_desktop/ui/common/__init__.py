"""Building blocks every tab uses: table model, filter proxy, form dialog, editors, workers."""
