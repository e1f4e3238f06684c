"""Pure business rules: dates, eligibility, scores (no database)."""
