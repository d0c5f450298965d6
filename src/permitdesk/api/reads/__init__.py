"""Hand-written reads for the API's busiest GETs (docs/decisions/0006-hot-reads.md)."""
