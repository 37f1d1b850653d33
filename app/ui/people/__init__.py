"""Participants, tours, referrals, shared openings, placements and check-ins."""
