"""The portal's public pages: no sign-in (estimator, guides, verification)."""
