import base64
import re

from odoo import http
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user

from odoo.addons.support_contract.tests.common import SupportContractCommon

FORM_TOKEN_RE = re.compile(r'name="form_token" value="([^"]+)"')
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
# What customers of an Odoo partner paste into a request or a reply: plain
# text, accepted as typed and shown escaped, never refused nor interpreted.
PASTED_SAMPLES = [
    (
        '<form string="Invoice"><sheet><field name="partner_id" '
        'invisible="state != \'draft\'"/><button name="action_post" type="object"/>'
        "</sheet></form>"
    ),
    (
        '<template id="report_invoice"><t t-foreach="docs" t-as="o">'
        '<span t-out="o.name" t-on-click="onClick"/></t></template>'
    ),
    (
        "JavaScript: TypeError: Cannot read properties of undefined (reading "
        "'id')\n    at InvoiceLine.setup (web.assets_web.min.js:12:345)"
    ),
    "Hi <script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "click javascript:alert(1)",
    "<iframe src='https://evil.test'></iframe>",
    "<svg onload=alert(1)>",
    "<a href='x' onclick='y'>",
    "data: text/html;base64,xx",
]


class SupportPortalCase(HttpCase, SupportContractCommon):
    """Two customers of the provider, one customer of a second provider
    company, portal users of each kind and a ticket of each (built by the
    tests, never from demo data), on top of support_contract's fixtures: its
    calendar, its plan "Light" and its contract builder."""

    @classmethod
    def default_env_context(cls):
        # the portal sends and shows messages: only the tracking is off
        return {"tracking_disable": True}

    @classmethod
    def setup_main_company(cls, currency_code="USD"):
        """The company keeps its currency (the portal shows invoices)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_portal_company_and_catalogue()
        cls._setup_portal_customers()
        cls._setup_portal_contracts()
        cls._setup_portal_tickets()

    @classmethod
    def _setup_portal_company_and_catalogue(cls):
        """The portal settings, a second provider and the plan's catalogue."""
        env = cls.env
        cls.company.write(
            {
                "support_portal_open_to_all": False,
                "support_portal_reopen_days": 7,
                "support_portal_max_upload_mb": 1,
                "support_portal_max_files": 3,
                "support_portal_allowed_extensions": "pdf,png,txt,log,zip",
            }
        )
        cls.company_2 = env["res.company"].create({"name": "Provider Two (test)"})
        cls.plan = cls.plan_light
        Plan = env["support.plan"]
        cls.plan_2 = Plan.create(
            {
                "name": "Other provider plan (test)",
                "monthly_fee": 100,
                "hourly_rate": 100,
                "company_id": cls.company_2.id,
                "resource_calendar_id": cls.calendar.id,
            }
        )
        Item = env["support.scope.item"]
        cls.item_included = Item.create(
            {"name": "Questions on the standard system (test)", "category": "standard"}
        )
        cls.item_billable = Item.create(
            {"name": "Data import (test)", "category": "data"}
        )
        cls.item_out = Item.create(
            {"name": "Custom development (test)", "category": "project"}
        )
        env["support.scope.coverage"].create(
            [
                {
                    "scope_item_id": cls.item_included.id,
                    "plan_id": cls.plan.id,
                    "coverage": "included",
                },
                {
                    "scope_item_id": cls.item_billable.id,
                    "plan_id": cls.plan.id,
                    "coverage": "billable",
                },
            ]
        )

    @classmethod
    def _setup_portal_customers(cls):
        """Three customers and their portal users."""
        env = cls.env
        Partner = env["res.partner"]
        cls.customer = Partner.create(
            {"name": "Acme Portal (test)", "is_company": True}
        )
        cls.customer_b = Partner.create(
            {"name": "Globex Portal (test)", "is_company": True}
        )
        cls.customer_c = Partner.create(
            {"name": "Initech Portal (test)", "is_company": True}
        )
        cls.owner = cls._portal_user("portal_owner", cls.customer)
        cls.key_user = cls._portal_user("portal_keyuser", cls.customer)
        cls.nonkey = cls._portal_user("portal_nonkey", cls.customer)
        cls.other_customer = cls._portal_user("portal_othercust", cls.customer_b)
        cls.other_company = cls._portal_user(
            "portal_othercomp", cls.customer_c, company=cls.company_2
        )

    @classmethod
    def _setup_portal_contracts(cls):
        cls.contract = cls._contract(
            code_lines=100,
            reserved_hours=5,
            key_user_ids=[
                Command.set([cls.owner.partner_id.id, cls.key_user.partner_id.id])
            ],
        )
        cls.contract_b = cls._contract(
            partner_id=cls.customer_b.id,
            code_lines=100,
            key_user_ids=[Command.set(cls.other_customer.partner_id.ids)],
        )
        cls.contract_c = cls._contract(
            partner_id=cls.customer_c.id,
            plan_id=cls.plan_2.id,
            company_id=cls.company_2.id,
            user_count=0,
            code_lines=0,
            key_user_ids=[Command.set(cls.other_company.partner_id.ids)],
        )
        (cls.contract | cls.contract_b).action_activate()
        cls.contract_c.with_company(cls.company_2).action_activate()

    @classmethod
    def _setup_portal_tickets(cls):
        """A ticket of each user, the conversation of the owner's ticket."""
        env = cls.env
        cls.stage_new = env.ref("support_ticket.stage_new")
        cls.stage_waiting = env.ref("support_ticket.stage_waiting")
        cls.stage_resolved = env.ref("support_ticket.stage_resolved")
        cls.stage_closed = env.ref("support_ticket.stage_closed")
        cls.ticket_owner = cls._ticket("Owner's ticket SECRET-OWNER", cls.owner)
        cls.ticket_nonkey = cls._ticket("Non-key ticket SECRET-NONKEY", cls.nonkey)
        cls.ticket_b = cls._ticket("Globex ticket SECRET-GLOBEX", cls.other_customer)
        cls.ticket_c = cls._ticket(
            "Initech ticket SECRET-INITECH", cls.other_company, company=cls.company_2
        )
        # the conversation: a public reply with a file, an internal note with one
        cls.public_attachment = cls._attachment(cls.ticket_owner, "public.txt")
        cls.internal_attachment = cls._attachment(cls.ticket_owner, "internal.txt")
        cls.ticket_owner.message_post(
            body="PUBLIC-REPLY please send the log",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=env.user.partner_id.id,
            attachment_ids=cls.public_attachment.ids,
        )
        cls.ticket_owner.message_post(
            body="INTERNAL-NOTE customer is difficult",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            author_id=env.user.partner_id.id,
            attachment_ids=cls.internal_attachment.ids,
        )
        cls.token_owner = cls.ticket_owner._portal_ensure_token()
        cls.token_b = cls.ticket_b._portal_ensure_token()

    # ------------------------------------------------------------ builders
    @classmethod
    def _portal_user(cls, login, customer, company=None):
        company = company or cls.company
        user = new_test_user(
            cls.env,
            login=login,
            password=login,
            groups="base.group_portal",
            name=f"{login} (test)",
            email=f"{login}@example.org",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        user.partner_id.parent_id = customer
        return user

    @classmethod
    def _ticket(cls, name, user, company=None, **vals):
        values = {
            "name": name,
            "description": f"<p>{name} description</p>",
            "partner_id": user.partner_id.id,
            "impact": "single",
            "urgency": "medium",
            "channel": "portal",
        }
        values.update(vals)
        Ticket = cls.env["support.ticket"]
        if company:
            Ticket = Ticket.with_company(company)
        return Ticket.create(values)

    @classmethod
    def _attachment(cls, ticket, name):
        return cls.env["ir.attachment"].create(
            {
                "name": name,
                "raw": f"content of {name}".encode(),
                "res_model": "support.ticket",
                "res_id": ticket.id,
            }
        )

    # ------------------------------------------------------------ HTTP helpers
    def _callers(self):
        """``(label, user or None, access_token)`` of the eight callers."""
        return [
            ("owner", self.owner, None),
            ("same-company key user", self.key_user, None),
            ("same-company non-key contact", self.nonkey, None),
            ("another customer", self.other_customer, None),
            ("another company", self.other_company, None),
            ("public without token", None, None),
            ("public with a wrong token", None, "not-the-token"),
            ("public with another ticket's token", None, self.token_b),
        ]

    def _url(self, path, token):
        return f"{path}?access_token={token}" if token else path

    def login(self, user):
        if user is None:
            self.authenticate(None, None)
        else:
            self.authenticate(user.login, user.login)

    def csrf(self):
        return http.Request.csrf_token(self)

    def post(self, url, data=None, files=None, csrf=True):
        data = dict(data or {})
        if csrf and "csrf_token" not in data:
            data["csrf_token"] = self.csrf()
        return self.url_open(url, data=data, files=files, allow_redirects=False)

    def get(self, url, **kw):
        return self.url_open(url, allow_redirects=kw.pop("allow_redirects", False))

    def form_token(self):
        response = self.url_open("/my/tickets/new")
        self.assertEqual(response.status_code, 200, response.text[:500])
        match = FORM_TOKEN_RE.search(response.text)
        self.assertTrue(match, "the new-ticket form carries a form token")
        return match.group(1)


class SupportPortalFormCase(SupportPortalCase):
    """Helpers of the new-ticket form tests: a good request, its submission
    and the check that a refused one created nothing."""

    def _count(self):
        return self.env["support.ticket"].sudo().search_count([])

    def _good(self, **changes):
        data = {
            "name": "Invoices cannot be posted",
            "description": "Posting shows an error since this morning.",
            "impact": "system",
            "urgency": "high",
            "contact_method": "email",
        }
        data.update(changes)
        return {key: value for key, value in data.items() if value is not None}

    def _submit(self, data, files=None, token=True):
        data = dict(data)
        if token and "form_token" not in data:
            data["form_token"] = self.form_token()
        return self.post("/my/tickets/create", data, files=files)

    def _assert_refused(self, response, before, message=None, status=400):
        self.assertEqual(response.status_code, status, response.text[:500])
        self.assertEqual(self._count(), before, "nothing may be created")
        if message:
            self.assertIn(message, response.text)
