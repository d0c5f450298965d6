"""What owners file about a unit or a building outside a case: the village's written
disclosure (Ord. 08-457 §1.A) and Clayton's prior-to-sale notice with the buyer's notarized
acknowledgement (2010 schedule, "Prior to Sale Inspections"). Uploads are checked and stored
as the case correspondence's are (permitdesk.correspondence)."""
