from odoo.tests import tagged

from .common import SupportPortalCase


@tagged("post_install", "-at_install")
class TestSupportPortalQueries(SupportPortalCase):
    """The pages cost the same number of queries whatever the volume."""

    def _queries(self, url):
        self.env.flush_all()
        start = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - start

    def _bulk_tickets(self, count):
        Ticket = self.env["support.ticket"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_notrack=True
        )
        Ticket.create(
            [
                {
                    "name": f"Bulk ticket {i}",
                    "partner_id": self.owner.partner_id.id
                    if i % 2
                    else self.key_user.partner_id.id,
                    "impact": ("system", "multiple", "single")[i % 3],
                    "urgency": ("high", "medium", "low")[i % 3],
                    "channel": "portal",
                }
                for i in range(count)
            ]
        )
        self.env.flush_all()

    def test_list_queries_10_vs_1000(self):
        self.login(self.key_user)
        url = "/my/tickets?filterby=all&sortby=priority"
        self._bulk_tickets(8)  # 10 visible tickets with the two of the setup
        for _warmup in range(2):
            self._queries(url)
        with_10 = self._queries(url)
        self._bulk_tickets(990)
        self._queries(url)
        with self.assertQueryCount(with_10):
            self.url_open(url)

    def _files(self, ticket, names):
        return self.env["ir.attachment"].create(
            [
                {
                    "name": name,
                    "raw": b"x",
                    "res_model": "support.ticket",
                    "res_id": ticket.id,
                }
                for name in names
            ]
        )

    def test_page_queries_1_vs_200_messages(self):
        ticket = self.ticket_nonkey
        Message = self.env["mail.message"]
        comment = self.env.ref("mail.mt_comment")
        message_vals = {
            "model": "support.ticket",
            "res_id": ticket.id,
            "message_type": "comment",
            "subtype_id": comment.id,
            "author_id": self.nonkey.partner_id.id,
        }
        first_file = self._files(ticket, ["first.txt"])
        # one message, with a file, so that both runs read the same tables
        Message.create(
            dict(
                message_vals,
                body="<p>message 1</p>",
                attachment_ids=[(6, 0, first_file.ids)],
                author_id=self.key_user.partner_id.id,
            )
        )
        self.login(self.nonkey)
        url = f"/my/tickets/{ticket.id}"
        for _warmup in range(2):
            self._queries(url)
        with_1 = self._queries(url)
        attachments = self._files(ticket, [f"file{i}.txt" for i in range(20)])
        Message.create(
            [
                dict(
                    message_vals,
                    body=f"<p>message {i}</p>",
                    attachment_ids=[(6, 0, attachments[i % 20].ids)]
                    if i % 10 == 0
                    else [],
                    author_id=(self.nonkey if i % 2 else self.key_user).partner_id.id,
                )
                for i in range(199)
            ]
        )
        self._queries(url)
        with self.assertQueryCount(with_1):
            response = self.url_open(url)
        self.assertIn("message 198", response.text)
