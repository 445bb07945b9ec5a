"""What confirmation and attendance hand over to the apps above them; `lingong.lifecycle` connects each hook."""

from lingong.core.hooks import Hook

confirmation_released = Hook("confirmation_released")  # placement, offer_to: not confirmed by the deadline
placement_confirmed = Hook("placement_confirmed")  # placement, now: the worker said they will come
no_show_recorded = Hook("no_show_recorded")  # placement, record, now
no_show_overturned = Hook("no_show_overturned")  # placement, record, note, actor, now: staff found the worker came
attendance_changed = Hook("attendance_changed")  # placement, actor, channel, reason, now: what counts for wages
