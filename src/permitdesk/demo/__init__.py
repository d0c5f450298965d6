"""Demo data and setup commands: load_jurisdictions (the packs as Jurisdiction rows) and
demo_data (a small case file built through the services, with logins to try it)."""
