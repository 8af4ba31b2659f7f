from odoo.tests import BaseCase, tagged

from odoo.addons.support_ticket.tools import uploads as up

from ..tools import ticket_form as tf
from .common import PASTED_SAMPLES


def _form(**changes):
    form = {
        "name": "Invoices cannot be posted",
        "description": "Since this morning.",
        "impact": "system",
        "urgency": "high",
    }
    form.update(changes)
    return {key: value for key, value in form.items() if value is not None}


@tagged("post_install", "-at_install")
class TestTicketFormTools(BaseCase):
    """The pure checks of the new-ticket form (no database)."""

    def test_good_form(self):
        values, errors = tf.validate_ticket_form(
            _form(
                screen_url="https://erp.example.org/odoo/sales/7",
                document_name="S00042",
                type_id="3",
                scope_item_id="",
                contact_method="phone",
                csrf_token="x",
                form_token="y",
            )
        )
        self.assertEqual(errors, {})
        self.assertEqual(values["type_id"], 3)
        self.assertFalse(values["scope_item_id"])
        self.assertEqual(values["contact_method"], "phone")

    def test_default_contact_method_is_email(self):
        """T2: email unless said otherwise."""
        values, errors = tf.validate_ticket_form(_form())
        self.assertEqual(errors, {})
        self.assertEqual(values["contact_method"], "email")

    def test_errors(self):
        cases = {
            "name": [
                ("", "required"),
                ("x" * 201, "too_long"),
                ("a\x00", "control_chars"),
            ],
            "description": [("\x07bell", "control_chars")],
            "impact": [("everyone", "choice"), ("", "required")],
            "urgency": [("now", "choice")],
            "screen_url": [("ftp://x", "url"), ("https://a b", "url")],
            "type_id": [("1;drop", "invalid"), ("-1", "invalid")],
            "contact_method": [("pigeon", "choice")],
        }
        for field, pairs in cases.items():
            for value, code in pairs:
                with self.subTest(field=field, value=value[:20]):
                    _values, errors = tf.validate_ticket_form(_form(**{field: value}))
                    self.assertEqual(errors[field][0], code)

    def test_pasted_code_is_plain_text(self):
        """Pasted views, templates, scripts and browser errors are plain text:
        accepted as typed (escaped when shown), in every text of the form."""
        for sample in PASTED_SAMPLES:
            for field in ("name", "description", "document_name"):
                with self.subTest(field=field, sample=sample[:30]):
                    text = sample[: tf.SUBJECT_MAX]
                    values, errors = tf.validate_ticket_form(_form(**{field: text}))
                    self.assertEqual(errors, {})
                    self.assertEqual(values[field], text.strip())
            self.assertIsNone(tf.check_text(sample, tf.DESCRIPTION_MAX))

    def test_plain_text_may_quote_code(self):
        """An XML snippet or a comparison is plain text, not an attack."""
        _values, errors = tf.validate_ticket_form(
            _form(description="<field name='x'/> fails when a < b and json=1")
        )
        self.assertEqual(errors, {})

    def test_forged_and_unknown_fields(self):
        _values, errors = tf.validate_ticket_form(_form(partner_id="3", stage_id="1"))
        self.assertEqual(errors["__form__"][0], "forged")
        self.assertIn("partner_id", errors["__form__"][1]["fields"])
        _values, errors = tf.validate_ticket_form(_form(x_field="1"))
        self.assertEqual(errors["__form__"][0], "unexpected")

    def test_files(self):
        allowed = up.parse_extensions("PDF, .png,exe,html")
        self.assertEqual(allowed, {"pdf", "png"}, "dangerous types never allowed")
        mb = 1024 * 1024
        self.assertIsNone(up.check_file("a.pdf", 10, allowed, mb))
        self.assertEqual(up.check_file("a.PDF", mb + 1, allowed, mb)[0], "file_size")
        self.assertEqual(up.check_file("a.exe", 10, allowed, mb)[0], "file_type")
        self.assertEqual(up.check_file("noext", 10, allowed, mb)[0], "file_type")
        self.assertEqual(
            up.check_file("a.png", 10, allowed, mb, "text/html")[0], "file_content"
        )
        self.assertEqual(up.check_file("a.png", 0, allowed, mb)[0], "file_empty")
        self.assertEqual(up.check_file("../a.png", 5, allowed, mb)[0], "file_name")
        errors = up.check_files([("a.pdf", 1, None)] * 3, allowed, mb, 2)
        self.assertEqual(errors[0][0], "file_count")
