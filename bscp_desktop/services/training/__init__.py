"""The training programme, in modules a newcomer can hold in their head:

* `settings`: topics, the late-cancellation notice, charge rates per financial year, other
  names for organisations (and matching a delegate's organisation), saved import mappings;
* `courses`: courses and series (and every name of `sessions`, importable from it too);
* `sessions`: sessions, their checks and how many places each has left, and the learning
  outcomes scored on their evaluations (which a course's outcomes keep in their places);
* `bookings`: bookings with capacity and the waiting list, cancellations, registers,
  follow-up of no-shows and waived charges;
* `booking_checks`: a booking's checks before it is saved (its session offered, its delegate
  not already booked on it, however named);
* `waiting_list`: the one order of a session's waiting list (by the date booked, then as
  entered), the offer of a place that comes free, and what a booking saved says of its turn;
* `called_off`: a session the partnership called off (its bookings called off, never charged
  nor counted), and reinstating it before it starts;
* `evaluations`: confidence before and after per learning outcome, follow-ups, learning gain;
* `figures`: every figure for a period against the one before, by course, topic, organisation
  and sector, year on year, registrations per month;
* `charges`: the statement of no-show and late-cancellation charges per organisation;
* `organisation_bookings`: an organisation's bookings still to come, as its archive question
  tells them.

Commands run in one unit of work each and raise `ValidationError` naming the field; queries
return frozen DTOs.
"""
