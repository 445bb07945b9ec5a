"""What wages hand over to the apps above them; `lingong.lifecycle` connects each hook."""

from lingong.core.hooks import Hook

wage_paid_on_time = Hook("wage_paid_on_time")  # wage, now
wage_escalated = Hook("wage_escalated")  # wage, reason, evidence, actor, channel, now: a rights officer must take it
