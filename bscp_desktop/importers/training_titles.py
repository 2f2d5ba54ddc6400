"""How a training import matches a course title or a learning outcome given in a file to the one
held in the program: case and spacing aside, and the typographic marks a word processor puts in
for plain ones aside too (`courses.title_key`, by which the window also keeps one live course of a
title). A course typed (or pasted from a document) as "Children’s needs – neglect" is the course
an LMS export calls "Children's needs - neglect", so its bookings are added to that course's
session rather than to a second course of that name made by the import."""

from __future__ import annotations

from bscp_desktop.services.training.courses import title_key

__all__ = ["title_key"]
