"""The agency itself: offices, programs, staff, settings and the forms files check."""
