"""The Request for Information, eligibility and the emails that carry them."""
