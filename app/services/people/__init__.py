"""Job seekers: participants, referrals, placements, retention, tours, partner organizations."""
