"""The web portal: pages for applicants, staff and the public, thin views over the services."""
