{
    "name": "Support Portal",
    "summary": "The customer's support desk in the portal",
    "version": "19.0.1.0.0",
    "category": "Services/Support",
    "website": "https://github.com/support-suite/support-suite",
    "author": "Support Suite Contributors",
    "maintainers": ["support-suite"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "depends": ["support_sla", "support_billing", "portal", "rating"],
    "data": [
        "data/mail_template_data.xml",
        "views/support_portal_templates.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [],
    "assets": {
        "web.assets_frontend": [
            "support_portal/static/src/interactions/ticket_form.js",
        ],
        "web.assets_tests": [
            "support_portal/static/tests/tours/*.js",
        ],
    },
}
