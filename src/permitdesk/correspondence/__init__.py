"""Messages between a case's parties and its division, with their document attachments
(decision record 0017)."""
