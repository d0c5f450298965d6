"""The portal's pages for applicants: owners, managing agents and tenants."""
