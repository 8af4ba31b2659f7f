{
    "name": "Support Billing",
    "summary": "Time on tickets, hours ledger (packs, reserved hours), "
    "reserved-hour discounts, monthly invoices and quotes.",
    "version": "19.0.1.0.0",
    "category": "Services/Support",
    "website": "https://github.com/support-suite/support-suite",
    "author": "Support Suite Contributors",
    "maintainers": ["support-suite"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "depends": ["support_ticket", "hr_timesheet", "account"],
    "data": [],
    "demo": [],
}
