"""A sales file from the leads page: send the county's CSV export, see the dry run (every
problem with its line and column, the counts), then import it: the imports' pipeline and
matching, as `manage.py import_sales` (permitdesk.discovery.sales_files)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from permitdesk.cases.selectors.desks import desk_jurisdiction
from permitdesk.discovery.sales_files import SalesFile, check_sales_file, import_sales_file
from permitdesk.web.staff.access import DESK, signed_in_user, staff_page

MB = 1024 * 1024
LIMIT = 50 * MB  # a county's year of sales is a few MB
SHOWN = 200  # problems listed; the count says how many more


class SalesFileForm(forms.Form):
    file = forms.FileField(
        label="Sales file (CSV)",
        help_text="The recorder's or assessor's sales export, UTF-8, with its header row.",
    )

    def clean_file(self) -> object:
        sent = self.cleaned_data["file"]
        if not sent.name.lower().endswith(".csv"):
            raise forms.ValidationError(f"{sent.name} is not a CSV file: its name ends in .csv")
        if sent.size > LIMIT:
            raise forms.ValidationError(
                f"{sent.name} is {sent.size // MB} MB; at most {LIMIT // MB} MB"
            )
        return sent


@staff_page(DESK)
def sales_file(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: the form. POST with a file: the dry run. POST `step=import` with the held file's
    token: the import, then back to the leads."""
    user = signed_in_user(request)
    place = desk_jurisdiction(user, slug)
    form = SalesFileForm()
    checked: SalesFile | None = None
    status = 200
    if request.method == "POST" and request.POST.get("step") == "import":
        done = import_sales_file(
            jurisdiction=place, actor=user, token=request.POST.get("token", ""), now=timezone.now()
        )
        if done.report.written:
            messages.success(request, _imported(done))
            return redirect("web:staff-leads", slug=slug)
        checked, status = done, 422  # changed since its dry run: refused, nothing written
    elif request.method == "POST":
        form = SalesFileForm(request.POST, request.FILES)
        if form.is_valid():
            checked = check_sales_file(
                jurisdiction=place,
                actor=user,
                chunks=form.cleaned_data["file"].chunks(),
                now=timezone.now(),
            )
            form = SalesFileForm()
            status = 422 if checked.report.problems else 200
        else:
            status = 422
    context = {"jurisdiction": place, "form": form, "checked": checked, "shown": SHOWN}
    if checked is not None:
        context["problems"] = checked.report.problems[:SHOWN]
    return render(request, "web/staff/sales_file.html", context, status=status)


def _imported(done: SalesFile) -> str:
    report = done.report
    said = (
        f"Sales file imported: {report.read} {'row' if report.read == 1 else 'rows'} read, "
        f"{report.created} new, "
        f"{report.updated} updated, {report.unchanged} unchanged."
    )
    matched = done.matched
    if matched is not None:
        said += (
            f" Matched by parcel id {matched.parcel}, by address {matched.address}; "
            f"{matched.review} to review; {matched.unmatched} with no match."
        )
    return said
