"""A case's messages and documents, for its applicant (/cases/<pk>/messages/) and the
division's staff (/staff/cases/<pk>/messages/): one thread, one form; the documents are
downloaded through a permission-checked view, never a static URL."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from permitdesk.cases.models import Application
from permitdesk.cases.selectors.case_file import my_case, staff_case
from permitdesk.correspondence.models import Attachment
from permitdesk.correspondence.selectors import case_attachment, case_messages
from permitdesk.correspondence.services import Upload, may_read, send_message
from permitdesk.web.applicant.acting import by_user
from permitdesk.web.refusals import on_form
from permitdesk.web.staff.access import staff_page


class MultipleFiles(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe); the service checks each."""

    def clean(self, data: object, initial: object = None) -> list[object]:
        one = super().clean
        if isinstance(data, list | tuple):
            return [one(item, initial) for item in data]
        return [one(data, initial)] if data else []


class MessageForm(forms.Form):
    body = forms.CharField(
        label="Message", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    kind = forms.ChoiceField(
        label="The documents are",
        choices=Attachment.Kind.choices,
        initial=Attachment.Kind.OTHER,
        help_text="A lease, a tenant list, proof of a correction, a receipt with photo ID, a "
        "contract, the written disclosure or the owner's certification.",
    )
    documents = MultipleFileField(
        label="Documents (PDF, PNG or JPEG)",
        required=False,
        widget=MultipleFiles(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )


def _uploads(request: HttpRequest, kind: str) -> list[Upload]:
    sent = request.FILES.getlist("documents")
    return [Upload(name=f.name or "document", data=f.read(), kind=kind) for f in sent]


def _thread(request: HttpRequest, case: Application, staff: bool) -> HttpResponse:
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        body, uploads = form.cleaned_data["body"], _uploads(request, form.cleaned_data["kind"])
        sent = on_form(
            form, by_user(request, send_message, application=case, body=body, uploads=uploads)
        )
        if sent is not None:
            messages.success(request, "Your message is sent.")
            return redirect("web:staff-case-messages" if staff else "web:case-messages", pk=case.pk)
    context = {"case": case, "form": form, "thread": case_messages(case), "staff": staff}
    return render(
        request, "web/correspondence/thread.html", context, status=422 if form.errors else 200
    )


@login_required
def applicant_thread(request: HttpRequest, pk: int) -> HttpResponse:
    return _thread(request, my_case(request.user, pk), staff=False)


@staff_page()
def staff_thread(request: HttpRequest, pk: int) -> HttpResponse:
    return _thread(request, staff_case(request.user, pk), staff=True)  # type: ignore[arg-type]


@login_required
@require_GET
def document(request: HttpRequest, pk: int, document: int) -> FileResponse:
    """A document of the case's messages, for its applicant and the jurisdiction's staff;
    anyone else is told it is not found."""
    case = Application.objects.select_related("jurisdiction").filter(pk=pk).first()
    if case is None or not may_read(request.user, case):
        raise Http404("document not found")
    found = case_attachment(case, document)
    if found is None:
        raise Http404("document not found")
    try:
        return FileResponse(
            found.file.open("rb"),
            content_type=found.content_type,
            as_attachment=found.content_type == "application/pdf",
            filename=found.original_name,
        )
    except OSError:
        raise Http404("document not found") from None
