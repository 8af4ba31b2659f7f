from odoo.tests import tagged

from .common import PASTED_SAMPLES, SupportPortalCase


@tagged("post_install", "-at_install")
class TestSupportPortalReplyForms(SupportPortalCase):
    """The reply and rating forms of the ticket page refuse bad inputs, with
    status 400 and nothing changed."""

    def test_reply_bad_inputs(self):
        """The reply form refuses empty, NUL, oversize and dangerous files."""
        ticket = self.ticket_owner
        self.login(self.owner)
        count = len(ticket.message_ids)
        cases = [
            ({"message": ""}, None, "Please fill in this field"),
            ({"message": "a\x00b"}, None, "control characters"),
            ({"message": "z" * 20001}, None, "under 20000 characters"),
            (
                {"message": "see file"},
                [("attachments", ("x.html", b"<html></html>", "text/html"))],
                "not accepted",
            ),
        ]
        for data, files, message in cases:
            with self.subTest(data=str(data)[:40]):
                response = self.post(
                    f"/my/tickets/{ticket.id}/reply", data, files=files
                )
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, response.text)
                ticket.invalidate_recordset(["message_ids"])
                self.assertEqual(len(ticket.message_ids), count)
        # without CSRF
        response = self.post(
            f"/my/tickets/{ticket.id}/reply", {"message": "no csrf"}, csrf=False
        )
        self.assertEqual(response.status_code, 400)
        # GET on the POST route
        response = self.get(f"/my/tickets/{ticket.id}/reply?message=get")
        self.assertEqual(response.status_code, 405)
        ticket.invalidate_recordset(["message_ids"])
        self.assertEqual(len(ticket.message_ids), count)
        # a script in a reply is kept as text, never as markup
        self.post(f"/my/tickets/{ticket.id}/reply", {"message": "<script>x</script>"})
        self.assertIn("&lt;script&gt;", ticket.message_ids[0].body)

    def test_rating_bad_inputs(self):
        ticket = self._ticket(
            "Rate bad SECRET-RB", self.owner, stage_id=self.stage_resolved.id
        )
        self.login(self.owner)
        for data in (
            {"rating": "7"},
            {"rating": ""},
            {"rating": "5", "feedback": "a\x00"},
        ):
            with self.subTest(data=data):
                response = self.post(f"/my/tickets/{ticket.id}/rate", data)
                self.assertEqual(response.status_code, 400)
                self.assertFalse(ticket.sudo().rating_ids.filtered("consumed"))
        response = self.post(
            f"/my/tickets/{ticket.id}/rate", {"rating": "5"}, csrf=False
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(ticket.sudo().rating_ids.filtered("consumed"))

    def test_reply_pasted_code(self):
        """Replies accept pasted views, templates and browser errors, posted
        as escaped text and shown the same way on the ticket's page."""
        ticket = self.ticket_owner
        self.login(self.owner)
        for sample in PASTED_SAMPLES:
            with self.subTest(sample=sample[:30]):
                response = self.post(
                    f"/my/tickets/{ticket.id}/reply", {"message": sample}
                )
                self.assertEqual(response.status_code, 303, response.text[:300])
                ticket.invalidate_recordset(["message_ids"])
                body = ticket.message_ids[0].body
                self.assertNotIn("<script", body)
                self.assertNotIn("<form", body)
                self.assertNotIn("<template", body)
                page = self.get(f"/my/tickets/{ticket.id}")
                self.assertNotIn("<script>alert(1)", page.text)
                self.assertNotIn("<img src=x onerror", page.text)
