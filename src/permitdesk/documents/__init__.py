"""Documents as PDF: the permit, violation notices, tenant letters and receipts."""
