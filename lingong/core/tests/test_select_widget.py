"""lingong/templates/django/forms/widgets/select.html writes plain options in place: the same HTML as Django's."""

from django import forms
from django.forms.renderers import DjangoTemplates, TemplatesSetting


class _Choices(forms.Form):
    one = forms.ChoiceField(choices=[("", "Any"), ("1", "Mason <b>"), ("2", "Cook")], required=False)
    grouped = forms.ChoiceField(choices=[("Trades", [("a", "A"), ("b", "B")]), ("c", "C")])
    many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")], required=False)


def test_select_renders_as_django_built_in():
    form = _Choices({"one": "1", "grouped": "b", "many": ["x", "y"]})
    ours, django = TemplatesSetting(), DjangoTemplates()
    for name in ("one", "grouped", "many"):
        field = form[name]
        mine = field.field.widget.render(name, field.value(), attrs={"id": f"id_{name}"}, renderer=ours)
        theirs = field.field.widget.render(name, field.value(), attrs={"id": f"id_{name}"}, renderer=django)
        assert "".join(mine.split()) == "".join(theirs.split())
        assert " selected" in mine
    escaped = form["one"].field.widget.render("one", "1", renderer=ours)
    assert "Mason &lt;b&gt;" in escaped  # labels stay escaped
