"""Online payment: a hosted checkout at the jurisdiction's own payment provider, and the
provider's verified events written into the case's ledger (issue 19). PermitDesk never sees
a card number; the amount is always the server's, read back from the provider's event."""
