from odoo.tests import tagged

from .common import SupportPortalCase

SECRETS = ("SECRET-OWNER", "SECRET-NONKEY", "SECRET-GLOBEX", "SECRET-INITECH")


class PortalAccessCase(SupportPortalCase):
    """P2 / C6 over HTTP: for every route, every kind of caller gets exactly
    what it may, and nothing of what it may not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket_resolved = cls._ticket(
            "Resolved ticket SECRET-RESOLVED",
            cls.owner,
            stage_id=cls.stage_resolved.id,
        )

    # who may read ticket_owner (and so reply, download, rate)
    ALLOWED = {"owner", "same-company key user"}

    def _assert_denied_page(self, response, label):
        self.assertIn(response.status_code, (303, 302, 404), label)
        if response.status_code in (302, 303):
            location = response.headers.get("Location", "")
            self.assertTrue(
                location.endswith("/my") or "/web/login" in location,
                f"{label}: redirected to {location}",
            )
        self.assertNotIn("SECRET-OWNER", response.text, label)
        self.assertNotIn("PUBLIC-REPLY", response.text, label)


@tagged("post_install", "-at_install")
class TestSupportPortalAccess(PortalAccessCase):
    """Ticket list, ticket page and replies."""

    # ------------------------------------------------------------ list
    def test_list(self):
        """Key users see their company's tickets with the requester, other
        contacts their own, other customers and companies none of them."""
        expected = {
            "owner": {"SECRET-OWNER", "SECRET-NONKEY", "SECRET-RESOLVED"},
            "same-company key user": {
                "SECRET-OWNER",
                "SECRET-NONKEY",
                "SECRET-RESOLVED",
            },
            "same-company non-key contact": {"SECRET-NONKEY"},
            "another customer": {"SECRET-GLOBEX"},
            "another company": {"SECRET-INITECH"},
        }
        for label, user, token in self._callers():
            with self.subTest(caller=label):
                self.login(user)
                response = self.get(self._url("/my/tickets?filterby=all", token))
                if user is None:
                    self.assertEqual(response.status_code, 303, label)
                    self.assertIn("/web/login", response.headers["Location"])
                    continue
                self.assertEqual(response.status_code, 200, label)
                shown = {s for s in (*SECRETS, "SECRET-RESOLVED") if s in response.text}
                self.assertEqual(shown, expected[label], label)
                if label == "same-company key user":
                    # the requester column names the colleague
                    self.assertIn("o_support_requester", response.text)
                    self.assertIn(self.nonkey.partner_id.name, response.text)

    def test_list_filters_and_search(self):
        self.ticket_nonkey.stage_id = self.stage_waiting
        self.login(self.key_user)
        waiting = self.get("/my/tickets?filterby=waiting").text
        self.assertIn("SECRET-NONKEY", waiting)
        self.assertNotIn("SECRET-OWNER", waiting)
        resolved = self.get("/my/tickets?filterby=resolved").text
        self.assertIn("SECRET-RESOLVED", resolved)
        self.assertNotIn("SECRET-OWNER", resolved)
        opened = self.get("/my/tickets?filterby=open").text
        self.assertIn("SECRET-OWNER", opened)
        self.assertNotIn("SECRET-RESOLVED", opened)
        found = self.get("/my/tickets?filterby=all&search=SECRET-OWN").text
        self.assertIn("SECRET-OWNER", found)
        self.assertNotIn("SECRET-NONKEY", found)
        grouped = self.get("/my/tickets?filterby=all&groupby=stage&sortby=priority")
        self.assertEqual(grouped.status_code, 200)
        self.assertIn(self.stage_waiting.name, grouped.text)
        # unknown options fall back to the defaults instead of failing
        odd = self.get("/my/tickets?filterby=x&groupby=y&sortby=z&search_in=w")
        self.assertEqual(odd.status_code, 200)

    # ------------------------------------------------------------ page
    def test_page(self):
        for label, user, token in self._callers():
            with self.subTest(caller=label):
                self.login(user)
                response = self.get(
                    self._url(f"/my/tickets/{self.ticket_owner.id}", token)
                )
                if label in self.ALLOWED:
                    self.assertEqual(response.status_code, 200, label)
                    self.assertIn("SECRET-OWNER", response.text)
                    self.assertIn("PUBLIC-REPLY", response.text)
                    self.assertIn("public.txt", response.text)
                    # never internal notes nor their attachments (P1)
                    self.assertNotIn("INTERNAL-NOTE", response.text)
                    self.assertNotIn("internal.txt", response.text)
                else:
                    self._assert_denied_page(response, label)

    def test_page_with_token(self):
        """The token of the notification opens that ticket, and only that one."""
        self.login(None)
        response = self.get(
            f"/my/tickets/{self.ticket_owner.id}?access_token={self.token_owner}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("SECRET-OWNER", response.text)
        self.assertNotIn("INTERNAL-NOTE", response.text)
        other = self.get(
            f"/my/tickets/{self.ticket_b.id}?access_token={self.token_owner}"
        )
        self._assert_denied_page(other, "token of another ticket")
        self.assertNotIn("SECRET-GLOBEX", other.text)

    # ------------------------------------------------------------ reply
    def test_reply(self):
        ticket = self.ticket_owner
        for label, user, token in self._callers():
            with self.subTest(caller=label):
                self.login(user)
                before = len(ticket.message_ids)
                data = {"message": f"REPLY from {label}"}
                if token:
                    data["access_token"] = token
                response = self.post(f"/my/tickets/{ticket.id}/reply", data)
                ticket.invalidate_recordset(["message_ids"])
                if label in self.ALLOWED:
                    self.assertEqual(response.status_code, 303, label)
                    self.assertEqual(len(ticket.message_ids), before + 1, label)
                    message = ticket.message_ids[0]
                    self.assertIn(f"REPLY from {label}", message.body)
                    self.assertEqual(message.author_id, user.partner_id)
                    self.assertEqual(
                        message.subtype_id, self.env.ref("mail.mt_comment")
                    )
                else:
                    self.assertEqual(response.status_code, 404, label)
                    self.assertEqual(len(ticket.message_ids), before, label)

    def test_reply_with_token(self):
        """A reply through the emailed link is the ticket's contact speaking."""
        self.login(None)
        ticket = self.ticket_owner
        response = self.post(
            f"/my/tickets/{ticket.id}/reply",
            {"message": "TOKEN-REPLY", "access_token": self.token_owner},
        )
        self.assertEqual(response.status_code, 303)
        self.assertIn(f"access_token={self.token_owner}", response.headers["Location"])
        message = ticket.message_ids[0]
        self.assertIn("TOKEN-REPLY", message.body)
        self.assertEqual(message.author_id, self.owner.partner_id)

    def test_reply_resumes_waiting_ticket(self):
        """L5: the customer's answer brings a waiting ticket back to work."""
        ticket = self.ticket_owner
        ticket.stage_id = self.stage_waiting
        self.login(self.owner)
        page = self.get(f"/my/tickets/{ticket.id}")
        self.assertIn("o_support_waiting_banner", page.text)
        self.post(f"/my/tickets/{ticket.id}/reply", {"message": "Here you are"})
        self.assertFalse(ticket.is_waiting_customer)
        page = self.get(f"/my/tickets/{ticket.id}")
        self.assertNotIn("o_support_waiting_banner", page.text)


@tagged("post_install", "-at_install")
class TestSupportPortalAccessFiles(PortalAccessCase):
    """Attachments, ratings, reopening and notification links."""

    # ------------------------------------------------------------ attachments
    def test_attachment_download(self):
        ticket = self.ticket_owner
        public_url = f"/my/tickets/{ticket.id}/attachments/{self.public_attachment.id}"
        internal_url = (
            f"/my/tickets/{ticket.id}/attachments/{self.internal_attachment.id}"
        )
        for label, user, token in self._callers():
            with self.subTest(caller=label):
                self.login(user)
                response = self.get(self._url(public_url, token))
                if label in self.ALLOWED:
                    self.assertEqual(response.status_code, 200, label)
                    self.assertEqual(response.content, b"content of public.txt")
                else:
                    self.assertEqual(response.status_code, 404, label)
                    self.assertNotIn(b"content of public.txt", response.content)
                # an internal note's file: never, whoever asks
                response = self.get(self._url(internal_url, token))
                self.assertEqual(response.status_code, 404, label)
                self.assertNotIn(b"content of internal.txt", response.content)

    def test_attachment_of_another_ticket(self):
        """A file id of another ticket through an accessible ticket: refused."""
        other_file = self._attachment(self.ticket_b, "globex.txt")
        self.ticket_b.message_post(
            body="globex file",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachment_ids=other_file.ids,
        )
        self.login(self.owner)
        response = self.get(
            f"/my/tickets/{self.ticket_owner.id}/attachments/{other_file.id}"
        )
        self.assertEqual(response.status_code, 404)
        self.login(None)
        response = self.get(
            f"/my/tickets/{self.ticket_owner.id}/attachments/{other_file.id}"
            f"?access_token={self.token_owner}"
        )
        self.assertEqual(response.status_code, 404)

    def test_attachment_with_token(self):
        self.login(None)
        response = self.get(
            f"/my/tickets/{self.ticket_owner.id}/attachments/"
            f"{self.public_attachment.id}?access_token={self.token_owner}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"content of public.txt")

    # ------------------------------------------------------------ rating
    def test_rating(self):
        """T7: whoever may read the resolved ticket rates it, once; nobody else."""
        ticket = self.ticket_resolved
        token_resolved = ticket._portal_ensure_token()
        for label, user, token in self._callers():
            with self.subTest(caller=label):
                self.login(user)
                data = {"rating": "5", "feedback": f"from {label}"}
                if token:
                    data["access_token"] = token
                count = len(ticket.sudo().rating_ids.filtered("consumed"))
                response = self.post(f"/my/tickets/{ticket.id}/rate", data)
                ticket.invalidate_recordset()
                consumed = ticket.sudo().rating_ids.filtered("consumed")
                if label in self.ALLOWED:
                    self.assertEqual(response.status_code, 303, label)
                    self.assertEqual(len(consumed), count + 1, label)
                    rating = consumed.filtered(
                        lambda r, u=user: r.partner_id == u.partner_id
                    )
                    self.assertEqual(rating.rating, 5)
                    self.assertEqual(rating.feedback, f"from {label}")
                    # a second rating of the same person is refused
                    again = self.post(f"/my/tickets/{ticket.id}/rate", data)
                    self.assertEqual(again.status_code, 400)
                    self.assertEqual(
                        len(ticket.sudo().rating_ids.filtered("consumed")), count + 1
                    )
                else:
                    self.assertEqual(response.status_code, 404, label)
                    self.assertEqual(len(consumed), count, label)
        # the emailed token rates for the ticket's contact; owner rated already
        self.login(None)
        response = self.post(
            f"/my/tickets/{ticket.id}/rate",
            {"rating": "1", "access_token": token_resolved},
        )
        self.assertEqual(response.status_code, 400)

    def test_rating_needs_resolution(self):
        self.login(self.owner)
        response = self.post(
            f"/my/tickets/{self.ticket_owner.id}/rate", {"rating": "5"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.ticket_owner.sudo().rating_ids.filtered("consumed"))

    # ------------------------------------------------------------ reopen
    def test_reopen(self):
        ticket = self._ticket(
            "Reopen me SECRET-REOPEN", self.owner, stage_id=self.stage_resolved.id
        )
        self.login(self.nonkey)
        response = self.post(f"/my/tickets/{ticket.id}/reopen")
        self.assertEqual(response.status_code, 404)
        self.assertTrue(ticket.is_resolved)
        self.login(self.owner)
        response = self.get(f"/my/tickets/{ticket.id}/reopen")
        self.assertEqual(response.status_code, 405, "GET on a POST route")
        self.assertTrue(ticket.is_resolved)
        # a reason is required, and logged in the chatter
        response = self.post(f"/my/tickets/{ticket.id}/reopen", {"reason": "  "})
        self.assertEqual(response.status_code, 400)
        self.assertIn('id="error_reopen_reason"', response.text)
        self.assertTrue(ticket.is_resolved)
        reason = "The <b>export</b> still fails"
        response = self.post(f"/my/tickets/{ticket.id}/reopen", {"reason": reason})
        self.assertEqual(response.status_code, 303)
        self.assertFalse(ticket.is_resolved)
        self.assertFalse(ticket.is_closed)
        note = ticket.message_ids.filtered(
            lambda m: "reopened the ticket from the portal" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertIn("The &lt;b&gt;export&lt;/b&gt; still fails", note.body)

    def test_reopen_period_over(self):
        ticket = self._ticket(
            "Too late SECRET-LATE", self.owner, stage_id=self.stage_resolved.id
        )
        self.env.cr.execute(
            "UPDATE support_ticket SET date_resolved = now() - interval '30 days' "
            "WHERE id = %s",
            (ticket.id,),
        )
        ticket.invalidate_recordset()
        self.login(self.owner)
        page = self.get(f"/my/tickets/{ticket.id}")
        self.assertNotIn("o_support_reopen_form", page.text)
        response = self.post(f"/my/tickets/{ticket.id}/reopen")
        self.assertEqual(response.status_code, 400)
        self.assertTrue(ticket.is_resolved)

    # ------------------------------------------------------------ mail
    def test_notification_link_has_ticket_token(self):
        """The customer's notification opens that ticket through its token."""
        ticket = self.ticket_owner
        ticket.message_subscribe(self.owner.partner_id.ids)
        groups = ticket._notify_get_recipients_groups(
            self.env["mail.message"], "Ticket"
        )
        customer_group = {g[0]: g[2] for g in groups}["portal_customer"]
        url = customer_group["button_access"]["url"]
        self.assertIn(f"access_token={ticket.access_token}", url)
        self.assertEqual(ticket.access_url, f"/my/tickets/{ticket.id}")
