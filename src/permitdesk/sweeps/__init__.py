"""The deadline sweep: lapses, ends, late reports and reminders, run on a schedule."""
