"""Calendar feeds of inspectors' schedules and CSV exports for a date range."""
