"""Sign up (with a verified address), sign in, sign out and password reset. Sign-in is
Django's view behind django-axes's lockout; sign-up and reset go through the accounts
services, which queue their mail in the outbox; each is throttled per client."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse_lazy
from django.utils import timezone

from permitdesk.accounts import throttle
from permitdesk.accounts.clients import client_ip
from permitdesk.accounts.password_reset import request_password_reset
from permitdesk.accounts.registration import (
    normalise_email,
    pending_sign_up,
    request_sign_up,
    verify_sign_up,
)
from permitdesk.rules.lifecycle import Refused
from permitdesk.web.accounts.forms import SignInForm, SignUpForm
from permitdesk.web.accounts.refusals import too_many
from permitdesk.web.accounts.two_factor import two_factor
from permitdesk.web.landing import start_page

BACKEND = "permitdesk.accounts.backends.EmailOrUsernameBackend"


def sign_up(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST":
        try:
            throttle.count("sign-up", client_ip(request), now=timezone.now())
        except throttle.Throttled as refusal:
            return too_many(request, refusal)
        if form.is_valid():
            request_sign_up(
                email=form.cleaned_data["email"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
                now=timezone.now(),
            )
            return redirect("web:sign-up-sent")
    status = 422 if form.errors else 200
    return render(request, "web/accounts/sign_up.html", {"form": form}, status=status)


def sign_up_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accounts/sign_up_sent.html")


def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (a mail scanner following the link creates nothing); POST verifies
    the address, creates the account and signs it in."""
    now = timezone.now()
    if request.method == "POST":
        try:
            user = verify_sign_up(token=token, now=now)
        except Refused as refused:
            return render(
                request, "web/accounts/verify_email.html", {"error": refused.reason}, status=409
            )
        login(request, user, backend=BACKEND)
        messages.success(request, f"Welcome, {user.first_name}. Your account is ready.")
        return redirect("web:home")
    pending = pending_sign_up(token, now)
    if pending is None:
        error = "This link is not valid any more: it was used, or it has expired."
        return render(request, "web/accounts/verify_email.html", {"error": error}, status=404)
    return render(request, "web/accounts/verify_email.html", {"email": pending.email})


class SignIn(auth.LoginView):
    template_name = "web/accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        """With no ``next``: staff on their work queue or day sheet, others home."""
        return start_page(self.request)

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        try:
            throttle.count("sign-in", client_ip(request), now=timezone.now())
        except throttle.Throttled as refusal:
            return too_many(request, refusal)
        return super().post(request, *args, **kwargs)


def password_reset(request: HttpRequest) -> HttpResponse:
    """The same answer (and the same work) whether or not an account has the address: the
    message is queued, never sent inside the request."""
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST":
        now = timezone.now()
        try:
            throttle.count("password-reset", client_ip(request), now=now)
            if form.is_valid():
                address = normalise_email(form.cleaned_data["email"])
                throttle.count("password-reset-address", address, now=now)
        except throttle.Throttled as refusal:
            return too_many(request, refusal)
        if form.is_valid():
            request_password_reset(email=form.cleaned_data["email"], now=now)
            return redirect("web:password-reset-sent")
    status = 422 if form.errors else 200
    return render(request, f"{_RESET}_form.html", {"form": form}, status=status)


_RESET = "web/accounts/password_reset"
urlpatterns = [
    path("accounts/sign-up/", sign_up, name="sign-up"),
    path("accounts/sign-up/sent/", sign_up_sent, name="sign-up-sent"),
    path("accounts/verify/<str:token>/", verify_email, name="verify-email"),
    path("accounts/sign-in/", SignIn.as_view(), name="sign-in"),
    path("accounts/sign-out/", auth.LogoutView.as_view(), name="sign-out"),
    path("accounts/two-factor/", two_factor, name="two-factor"),
    path("accounts/password-reset/", password_reset, name="password-reset"),
    path(
        "accounts/password-reset/sent/",
        auth.PasswordResetDoneView.as_view(template_name=f"{_RESET}_sent.html"),
        name="password-reset-sent",
    ),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(
            template_name=f"{_RESET}_confirm.html",
            success_url=reverse_lazy("web:password-reset-done"),
        ),
        name="password-reset-confirm",
    ),
    path(
        "accounts/password-reset/done/",
        auth.PasswordResetCompleteView.as_view(template_name=f"{_RESET}_done.html"),
        name="password-reset-done",
    ),
]
