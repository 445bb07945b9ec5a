"""A service's refusal shown on the form that asked for it: the one helper every screen uses."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator

from .errors import ApplicationError, NotAllowed, NotFound

# Service field names → the form fields that show their message, where a form calls them otherwise.
SERVICE_FIELDS_ON_FORMS = {
    "pay_fen": "pay_yuan",
    "lat": "area",
    "end_date": "days",
    "availability_mask": "slots",
    "min_day_pay_fen": "min_day_pay_yuan",
    "home_lat": "home_station",
}


def form_error_show(form, error: ApplicationError) -> int:
    """Put the refusal next to the field it concerns (or on top of the form), which keeps what was
    typed; returns the HTTP status to answer with. A refusal of the role is said on the form too,
    in words, never as a bare error page."""
    for name in (SERVICE_FIELDS_ON_FORMS.get(error.field), error.field):
        if name and name in form.fields:
            form.add_error(name, str(error.message))
            break
    else:
        form.add_error(None, str(error.message))
    return error.status if isinstance(error, NotAllowed | NotFound) else 400


class IdChoiceMixin:
    """Model choice fields take ids as typed: anything but a short number is an invalid choice.

    Django passes the raw value to the database; a number too large for it
    (`trades=99999999999999999999999`) would be a server error on SQLite.
    """

    def _ids_checked(self, values):
        for value in values:
            text = str(value).strip()
            if not text.isdigit() or len(text) > 12:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text[:20]}
                )

    def to_python(self, value):
        if value not in self.empty_values:
            self._ids_checked([value])
        return super().to_python(value)

    def _check_values(self, value):
        self._ids_checked(value if isinstance(value, list | tuple) else [value])
        return super()._check_values(value)


class SnapshotChoiceIterator(ModelChoiceIterator):
    """The options from the field's snapshot, not from a query on every render."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.snapshot():
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.snapshot()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.snapshot())


class SnapshotChoiceField(IdChoiceMixin, forms.ModelChoiceField):
    """One of a `Snapshot`'s rows (lingong/core/snapshot.py): shown and checked without a query."""

    iterator = SnapshotChoiceIterator

    def __init__(self, snapshot, **kwargs):
        self.snapshot = snapshot  # a list of the objects of its first model
        super().__init__(queryset=snapshot.models[0]._default_manager.none(), **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, self.queryset.model):
            value = value.pk
        self._ids_checked([value])
        found = self.snapshot.by_pk(int(str(value).strip()))
        if found is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return found
