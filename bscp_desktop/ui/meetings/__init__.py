"""The Meetings tab: meetings, agendas, attendance, live minutes and the action log."""
