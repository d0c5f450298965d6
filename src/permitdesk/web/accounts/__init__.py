"""The portal's account pages: sign-in, sign-up, password reset, two-factor."""
