"""The portal's pages for the building division's staff."""
