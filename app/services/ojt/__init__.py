"""On-the-job training: agreements, training plans, timesheets, invoices, WOTC filings, totals.

What the OJT page, the packet, the reports and the command line call. Money
rules are in app.core.ojt_money, the other rules in app.core.ojt.
"""
