"""What rights cases hand over to the apps above them; `lingong.lifecycle` connects each hook."""

from lingong.core.hooks import Hook

case_opened_for_overdue_wage = Hook("case_opened_for_overdue_wage")  # case, wage
case_upheld = Hook("case_upheld")  # case, now: the decision found for the worker
