"""The agreement PDF (worker, employer, staff) and the public verify page its QR code opens."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from .pdf import agreement_pdf
from .selectors import access_agreement, agreement_verify


def verify_url(request, agreement) -> str:
    return request.build_absolute_uri(reverse("agreements:verify", args=[agreement.public_id]))


@login_required
def agreement_pdf_view(request, agreement_id: int):
    agreement = access_agreement(user=request.user, agreement_id=agreement_id)
    pdf = agreement_pdf(agreement=agreement, verify_url=verify_url(request, agreement))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"agreement-{agreement.terms.get('number', agreement.pk)}-v{agreement.version}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def agreement_verify_view(request, public_id):
    """Public: anyone holding the paper can check it is the signed text, unchanged."""
    verification = agreement_verify(public_id=public_id)
    response = render(request, "agreements/verify.html", {"v": verification})
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
