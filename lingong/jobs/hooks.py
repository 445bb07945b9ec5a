"""What jobs hand over to the apps above them; `lingong.lifecycle` connects each hook."""

from lingong.core.hooks import Hook

# Checks that may refuse (raise NotAllowed), inside the step's transaction.
job_posting_check = Hook("job_posting_check")  # employer: may this employer post now?
application_check = Hook("application_check")  # worker: may this worker apply now?

job_published = Hook("job_published", after_commit=True)  # job: opened for workers
job_withdrawn = Hook("job_withdrawn")  # job: cancelled, taken down or lapsed before its work was done
# application, reason ("declined", "withdrawn", "expired"): an open proposal ended without a hire; after the
# commit, as what follows is an offer to the next worker in line (nothing is offered for a decline rolled back)
application_closed = Hook("application_closed", after_commit=True)
placement_hired = Hook("placement_hired")  # placement, actor, channel: what every hire must get
placement_ended = Hook("placement_ended")  # placement, actor, channel, reason: a hire ended early
placement_completed = Hook("placement_completed")  # placement, now: the last working day is over
