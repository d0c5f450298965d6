"""The reads of the case file, one home per kind of read, each with one ordering:

  today       today in a jurisdiction (today_in, the one helper for it)
  queues      the clerk's queues: each queue's condition once, as ORM filter and as SQL
  desks       a staff member's jurisdictions and queue counts
  case_file   one case with what its readers show (API, staff page, applicant page)
  history     a case's audit trail, oldest first
  inspections an inspector's day, an inspection to record, a jurisdiction's inspectors
  applicant   an applicant's own cases
  permits     a permit found by number or token, and what anyone may know of it
  ledger      a case's balance and deposits

Properties and units are read in permitdesk.records.selectors. The API's fast statements
(permitdesk.api.reads) are variants of these reads, held to them by tests.
"""

from permitdesk.cases.selectors.today import today_in

__all__ = ["today_in"]
