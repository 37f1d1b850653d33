"""RFI and eligibility: the employer panel, the answer entry dialog, the email composer, Today lists."""
