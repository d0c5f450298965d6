"""Sign up, sign in, sign out and password reset (Django's views, our templates)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse_lazy
from django.utils import timezone

from permitdesk.accounts.registration import EmailTaken, register_applicant
from permitdesk.web.account_forms import SignInForm, SignUpForm


def sign_up(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = register_applicant(
                email=form.cleaned_data["email"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
                now=timezone.now(),
            )
        except EmailTaken as taken:
            form.add_error("email", str(taken))
        else:
            login(request, user, backend="permitdesk.accounts.backends.EmailOrUsernameBackend")
            messages.success(request, f"Welcome, {user.first_name}. Your account is ready.")
            return redirect("web:home")
    status = 422 if form.errors else 200
    return render(request, "web/accounts/sign_up.html", {"form": form}, status=status)


class SignIn(auth.LoginView):
    template_name = "web/accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


_RESET = "web/accounts/password_reset"
urlpatterns = [
    path("accounts/sign-up/", sign_up, name="sign-up"),
    path("accounts/sign-in/", SignIn.as_view(), name="sign-in"),
    path("accounts/sign-out/", auth.LogoutView.as_view(), name="sign-out"),
    path(
        "accounts/password-reset/",
        auth.PasswordResetView.as_view(
            template_name=f"{_RESET}_form.html",
            email_template_name=f"{_RESET}_email.txt",
            subject_template_name=f"{_RESET}_subject.txt",
            success_url=reverse_lazy("web:password-reset-sent"),
        ),
        name="password-reset",
    ),
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
