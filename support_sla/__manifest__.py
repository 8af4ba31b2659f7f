{
    "name": "Support SLA",
    "summary": "Response, assignment and resolution targets in exact business time "
    "on each contract's availability, with pauses, breach watcher, escalation and "
    "compliance reports.",
    "version": "19.0.1.0.0",
    "category": "Services/Support",
    "website": "https://github.com/support-suite/support-suite",
    "author": "Support Suite Contributors",
    "maintainers": ["support-suite"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "depends": ["support_ticket"],
    "data": [],
    "demo": [],
}
