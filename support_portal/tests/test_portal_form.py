from odoo.tests import tagged

from .common import PASTED_SAMPLES, PNG, SupportPortalFormCase

# (case, field, value typed, message shown next to the field)
BAD_FIELDS = [
    ("empty subject", "name", "", "Please fill in this field"),
    ("blank subject", "name", "   \n ", "Please fill in this field"),
    (
        "10,000-character subject",
        "name",
        "x" * 10000,
        "under 200 characters",
    ),
    ("NUL byte in subject", "name", "bad\x00subject", "control characters"),
    ("empty description", "description", "", "Please fill in this field"),
    ("NUL byte in description", "description", "a\x00b", "control characters"),
    (
        "20,001-character description",
        "description",
        "y" * 20001,
        "under 20000 characters",
    ),
    ("unknown impact", "impact", "galactic", "proposed options"),
    ("unknown urgency", "urgency", "yesterday", "proposed options"),
    ("missing impact", "impact", None, "Please fill in this field"),
    ("missing urgency", "urgency", None, "Please fill in this field"),
    ("unknown contact method", "contact_method", "fax", "proposed options"),
    ("javascript screen URL", "screen_url", "javascript:alert(1)", "http://"),
    ("non-URL screen", "screen_url", "my screen", "http://"),
    ("type id injection", "type_id", "1 OR 1=1", "not valid"),
    ("missing type id", "type_id", "999999", "proposed request types"),
    ("missing scope item", "scope_item_id", "999999", "catalogue"),
    ("negative scope item", "scope_item_id", "-3", "not valid"),
]


@tagged("post_install", "-at_install")
class TestSupportPortalForm(SupportPortalFormCase):
    """P1, P3, T2, T4: the new-ticket form creates exactly one ticket from a
    good request, and refuses every bad one with a clear message, creating
    nothing."""

    # ------------------------------------------------------------ good
    def test_form_shows_catalogue_and_tips(self):
        """P3: what is covered, billable and out of scope, and the T2 tips."""
        self.login(self.owner)
        page = self.get("/my/tickets/new").text
        included = page.index("o_support_catalogue_included")
        self.assertIn(self.item_included.name, page[included:])
        self.assertIn("o_support_catalogue_billable", page)
        self.assertIn(self.item_out.name, page[page.index("o_support_catalogue_out") :])
        self.assertIn("o_support_tips", page)
        # the form first (phone-sized screens), the catalogue and tips after it
        self.assertLess(
            page.index("o_support_ticket_form"), page.index("o_support_tips")
        )
        # a billed-separately item says what it costs
        self.assertIn("o_support_billable_rate", page)
        self.assertIn("per hour", page)
        # every input has its label
        for input_id in (
            "support_name",
            "support_description",
            "support_type",
            "support_scope",
            "support_url",
            "support_document",
            "support_contact_method",
            "support_attachments",
        ):
            self.assertIn(f'for="{input_id}"', page)

    def test_create_ticket(self):
        self.login(self.owner)
        before = self._count()
        data = self._good(
            description="Error <field name='x'/> when posting\nsecond line",
            screen_url="https://erp.acme.test/odoo/action-account.move/42",
            document_name="INV/2026/0042",
            contact_method="phone",
            type_id=str(self.env.ref("support_ticket.type_defect").id),
            scope_item_id=str(self.item_included.id),
        )
        response = self._submit(
            data, files=[("attachments", ("screen.png", PNG, "image/png"))]
        )
        self.assertEqual(response.status_code, 303, response.text[:300])
        self.assertEqual(self._count(), before + 1)
        ticket = self.env["support.ticket"].sudo().search([], order="id desc", limit=1)
        self.assertIn(
            f"/my/tickets/{ticket.id}/confirmation", response.headers["Location"]
        )
        # the server decides who, where and how (P1)
        self.assertEqual(ticket.partner_id, self.owner.partner_id)
        self.assertEqual(ticket.commercial_partner_id, self.customer)
        self.assertEqual(ticket.contract_id, self.contract)
        self.assertEqual(ticket.company_id, self.contract.company_id)
        self.assertEqual(ticket.channel, "portal")
        self.assertEqual(ticket.stage_id, self.stage_new)
        # T4: system-wide x high = critical
        self.assertEqual(ticket.priority, "3")
        self.assertEqual(ticket.contact_method, "phone")
        self.assertEqual(ticket.document_name, "INV/2026/0042")
        self.assertEqual(ticket.scope_item_id, self.item_included)
        # plain text is escaped, never interpreted
        self.assertIn("&lt;field name=", ticket.description)
        self.assertNotIn("<field", ticket.description)
        # the file is on a public message of the customer
        message = ticket.message_ids.filtered("attachment_ids")
        self.assertEqual(message.attachment_ids.name, "screen.png")
        self.assertEqual(message.author_id, self.owner.partner_id)
        self.assertIn(self.owner.partner_id, ticket.message_partner_ids)
        # confirmation page and email with the ticket's token link
        page = self.get(response.headers["Location"])
        self.assertEqual(page.status_code, 200)
        self.assertIn(ticket.number, page.text)
        mail = (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "support.ticket"), ("res_id", "=", ticket.id)])
            # other addons may notify agents too: the customer's confirmation
            .filtered(lambda m: self.owner.partner_id in m.recipient_ids)
        )
        self.assertEqual(len(mail), 1)
        self.assertIn(f"access_token={ticket.access_token}", mail.body_html)
        # the request's text, and the number written one way (issue 16)
        self.assertIn("&lt;field name=", mail.body_html)
        self.assertIn(ticket.number, mail.subject)
        self.assertIn(ticket.number, mail.body_html)
        self.assertNotIn(ticket.number.replace("/", "-"), mail.body_html)

    def test_open_to_all_setting(self):
        """C6: contacts that are not key users open tickets once allowed."""
        self.login(self.nonkey)
        self.assertEqual(self.get("/my/tickets/new").status_code, 403)
        before = self._count()
        response = self.post("/my/tickets/create", self._good(form_token="whatever"))
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self._count(), before)
        self.company.support_portal_open_to_all = True
        response = self._submit(self._good())
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self._count(), before + 1)

    # ------------------------------------------------------------ bad inputs
    def test_bad_requests(self):
        """Transport-level refusals: CSRF, method, form token, double submit."""
        self.login(self.owner)
        before = self._count()
        token = self.form_token()
        # 1. missing CSRF token
        response = self.post(
            "/my/tickets/create", self._good(form_token=token), csrf=False
        )
        self._assert_refused(response, before)
        # 2. wrong CSRF token
        response = self.post(
            "/my/tickets/create",
            self._good(form_token=token, csrf_token="0" * 40 + "o9999999999"),
        )
        self._assert_refused(response, before)
        # 3. GET on the POST route
        response = self.get("/my/tickets/create?name=x&impact=single&urgency=low")
        self._assert_refused(response, before, status=405)
        # 4. no form token
        response = self._submit(self._good(), token=False)
        self._assert_refused(response, before, "already sent or has expired")
        # 5. a made-up form token
        response = self._submit(self._good(form_token="forged"))
        self._assert_refused(response, before, "already sent or has expired")
        # 6. double submit: the second post of the same form creates nothing
        # and leads to the first one's confirmation
        token = self.form_token()
        first = self._submit(self._good(form_token=token))
        self.assertEqual(first.status_code, 303)
        self.assertEqual(self._count(), before + 1)
        second = self._submit(self._good(form_token=token))
        self.assertEqual(second.status_code, 303)
        self.assertEqual(second.headers["Location"], first.headers["Location"])
        self.assertEqual(self._count(), before + 1)

    def test_bad_fields(self):
        """Field-level refusals, each with its message next to the field."""
        self.login(self.owner)
        foreign_type = self.env.ref("support_ticket.type_out_of_scope")
        cases = BAD_FIELDS + [
            (
                "type not offered in the portal",
                "type_id",
                str(foreign_type.id),
                "proposed request types",
            ),
            (
                "scope item out of the plan",
                "scope_item_id",
                str(self.item_out.id),
                "catalogue",
            ),
        ]
        before = self._count()
        for label, field, value, message in cases:
            with self.subTest(case=label):
                response = self._submit(self._good(**{field: value}))
                self._assert_refused(response, before, message)
                self.assertIn(f'id="error_{field}"', response.text, label)
                self.assertIn("is-invalid", response.text)
        # the subject typed is kept (without its NUL byte) for correction
        response = self._submit(self._good(name="keep\x00me", description="kept text"))
        self.assertIn("keepme", response.text)
        self.assertIn("kept text", response.text)

    def test_pasted_code_accepted(self):
        """Pasted Odoo views, QWeb templates and browser errors are accepted
        and shown escaped on the ticket's page, never run."""
        self.login(self.owner)
        Ticket = self.env["support.ticket"].sudo()
        for sample in PASTED_SAMPLES:
            with self.subTest(sample=sample[:30]):
                response = self._submit(
                    self._good(name=sample[:200], description=sample)
                )
                self.assertEqual(response.status_code, 303, response.text[:300])
                ticket = Ticket.search([], order="id desc", limit=1)
                self.assertEqual(ticket.name, sample[:200].strip())
                self.assertNotIn("<script", ticket.description)
                self.assertNotIn("<iframe", ticket.description)
                page = self.get(f"/my/tickets/{ticket.id}")
                self.assertEqual(page.status_code, 200)
                self.assertNotIn("<script>alert(1)", page.text)
                self.assertNotIn("<img src=x onerror", page.text)
                self.assertNotIn("<iframe src='https://evil", page.text)

    def test_refused_form_errors_first(self):
        """After a refused submit: the errors at the top of the form, every
        typed value kept, and the files to choose again; the form comes
        before the coverage list; the tab has a real title."""
        self.login(self.owner)
        response = self._submit(
            self._good(name="", description="Kept SECRET-KEPT", urgency="low"),
            files=[("attachments", ("shot.png", PNG, "image/png"))],
        )
        self.assertEqual(response.status_code, 400)
        page = response.text
        errors = page.index('id="o_support_form_errors"')
        form = page.index('class="o_support_ticket_form"')
        self.assertLess(errors, form)
        self.assertLess(form, page.index("o_support_catalogue"))
        self.assertIn("choose your files again", page)
        self.assertIn("Kept SECRET-KEPT", page)
        self.assertRegex(page, r'value="low"[^>]*checked|checked[^>]*value="low"')
        self.assertIn("<title>Open a ticket - Support</title>", page)
        # without files, nothing to choose again
        response = self._submit(self._good(name=""))
        self.assertNotIn("choose your files again", response.text)
        ticket = self.ticket_owner
        page = self.get(f"/my/tickets/{ticket.id}").text
        self.assertIn(f"<title>Ticket {ticket.number} - Support</title>", page)
