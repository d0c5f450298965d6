"""Payment providers: one module per processor behind the interface in base.py."""
