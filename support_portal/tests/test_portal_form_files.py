from odoo.tests import tagged

from .common import HTML_PAGE, SupportPortalFormCase

# (case, [(name, content, mimetype)], message shown)
BAD_FILES = [
    (
        "oversize file",
        [("big.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1), "application/pdf")],
        "larger than",
    ),
    (
        "executable",
        [("setup.exe", b"MZ\x90\x00", "application/octet-stream")],
        "not accepted",
    ),
    (
        "web page",
        [("page.html", b"<html><script>x</script></html>", "text/html")],
        "not accepted",
    ),
    (
        "svg image",
        [("logo.svg", b"<svg onload='x'/>", "image/svg+xml")],
        "not accepted",
    ),
    (
        "html disguised as png",
        [("shot.png", HTML_PAGE, "image/png")],
        "content of this file",
    ),
    (
        "type not allowed by the setting",
        [("sheet.xlsx", b"PK\x03\x04", "application/zip")],
        "not accepted",
    ),
    ("empty file", [("empty.txt", b"", "text/plain")], "is empty"),
    (
        "too many files",
        [(f"f{i}.txt", b"log", "text/plain") for i in range(4)],
        "at most 3 files",
    ),
    (
        "path in the name",
        [("../../etc/passwd.txt", b"x", "text/plain")],
        "invalid name",
    ),
]


@tagged("post_install", "-at_install")
class TestSupportPortalFormFiles(SupportPortalFormCase):
    """P1, T2: forged fields and bad files are refused as a whole, creating
    nothing."""

    def test_forged_fields(self):
        """The server sets customer, company, contract, channel and stage: a
        request carrying any of them is refused as a whole."""
        self.login(self.owner)
        before = self._count()
        forged = [
            {"partner_id": str(self.other_customer.partner_id.id)},
            {"commercial_partner_id": str(self.customer_b.id)},
            {"company_id": str(self.company_2.id)},
            {"contract_id": str(self.contract_b.id)},
            {"contract_id": str(self.contract.id)},
            {"stage_id": str(self.stage_closed.id)},
            {"priority": "3"},
            {"channel": "emergency"},
            {"user_id": "2"},
            {"x_unknown_field": "1"},
        ]
        for changes in forged:
            with self.subTest(forged=changes):
                response = self._submit(self._good(**changes))
                self._assert_refused(response, before, "Nothing was created")

    def test_bad_files(self):
        self.login(self.owner)
        before = self._count()
        for label, files, message in BAD_FILES:
            with self.subTest(case=label):
                files = [("attachments", file) for file in files]
                response = self._submit(self._good(), files=files)
                self._assert_refused(response, before, message)
                self.assertIn('id="error_attachments"', response.text)
        self.assertFalse(
            self.env["ir.attachment"]
            .sudo()
            .search_count(
                [("name", "in", ("big.pdf", "setup.exe", "page.html", "shot.png"))]
            )
        )
