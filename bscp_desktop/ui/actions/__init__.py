"""The one action log in the window: the action dialog every area uses, progress updates, the
action log page, and the list of actions raised from one record (a recommendation)."""
