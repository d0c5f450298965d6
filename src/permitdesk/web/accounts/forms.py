"""Forms for signing up and signing in (the user name is the e-mail address)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm


class SignUpForm(forms.Form):
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    email = forms.EmailField(
        label="Email address", help_text="You sign in with it; notices about your cases go here."
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=f"At least {settings.PASSWORD_MIN_LENGTH} characters, "
        "not only numbers, not a common password.",
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords differ.")
        elif first:
            try:
                password_validation.validate_password(first)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class SignInForm(AuthenticationForm):
    error_messages = {  # noqa: RUF012 (AuthenticationForm declares it so)
        **AuthenticationForm.error_messages,
        "invalid_login": "That email address and password do not match an account. "
        "The password is case-sensitive.",
    }
    username = forms.CharField(
        label="Email address",
        max_length=254,
        help_text="Staff may use their user name instead.",
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
