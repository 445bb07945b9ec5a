"""What agreements hand over to the apps above them; `lingong.lifecycle` connects each hook."""

from lingong.core.hooks import Hook

agreement_superseded = Hook("agreement_superseded")  # agreement, actor: a new version is signed and counts now
