import logging

from odoo.tests import tagged

from .common import SupportPortalCase

ADDONS = [
    "support_contract",
    "support_ticket",
    "support_sla",
    "support_billing",
    "support_portal",
]


@tagged("post_install", "-at_install")
class TestSupportTranslations(SupportPortalCase):
    """Issue 7: the French and Swedish translations load cleanly and the portal
    speaks the customer's language."""

    def _load(self, lang):
        self.env["res.lang"]._activate_lang(lang)
        with self.assertNoLogs("odoo.tools.translate", level=logging.WARNING):
            self.env["ir.module.module"]._load_module_terms(ADDONS, [lang])

    def test_terms_load_without_warnings(self):
        for lang, waiting in (
            ("fr_FR", "En attente du client"),
            ("sv_SE", "Väntar på kund"),
        ):
            with self.subTest(lang=lang):
                self._load(lang)
                stage = self.env.ref("support_ticket.stage_waiting").with_context(
                    lang=lang
                )
                self.assertEqual(stage.name, waiting)

    def test_portal_pages_in_french_and_swedish(self):
        for lang, expected in (
            ("fr_FR", ("Ouvrir un ticket", "Numéro")),
            ("sv_SE", ("Öppna ett ärende", "Nummer")),
        ):
            with self.subTest(lang=lang):
                self._load(lang)
                self.key_user.lang = lang
                self.login(self.key_user)
                page = self.get("/my/tickets", allow_redirects=True)
                self.assertEqual(page.status_code, 200)
                for text in expected:
                    self.assertIn(text, page.text)
                self.assertNotIn(">Open a ticket", page.text)
