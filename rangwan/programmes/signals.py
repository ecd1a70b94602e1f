"""What the programmes app tells the apps above it, which it may not import."""

from django.dispatch import Signal

# Sent inside copy_programme_to_next_year's transaction, after the new programme, its
# districts and work plan are saved and before its audit entry: each app that keeps
# something per programme (judging: rubric, committee seats, judging rules) copies its
# part with `source=`, `target=` and `actor=`. A receiver that raises rolls the whole
# copy back.
programme_copied = Signal()
