from odoo.tests import tagged

from .common import SupportPortalCase

# French and Swedish amounts: spaces between thousands, a decimal comma
AMOUNT_RE = r'oe_currency_value">[\d\s\u00a0\u202f]*\d,\d{2}<'


@tagged("post_install", "-at_install")
class TestSupportPortalLanguages(SupportPortalCase):
    """Issue 16: French and Swedish are installed with the demo, the portal
    offers a language switcher and shows dates and amounts the customer's way."""

    def test_demo_languages(self):
        """The demo activates French and Swedish; its Swedish key user reads Swedish."""
        for xmlid in ("base.lang_fr", "base.lang_sv_SE"):
            with self.subTest(lang=xmlid):
                self.assertTrue(self.env.ref(xmlid).active)
        user = self.env.ref(
            "support_contract.user_keyuser_se_demo", raise_if_not_found=False
        )
        if user:  # demo data is loaded by the suite, not by every database
            self.assertEqual(user.lang, "sv_SE")

    def test_swedish_key_user(self):
        """A Swedish portal user: Swedish labels, ISO dates, comma decimals."""
        self.key_user.lang = "sv_SE"
        self.login(self.key_user)
        home = self.get("/my/support", allow_redirects=True)
        self.assertEqual(home.status_code, 200)
        self.assertTrue(home.url.endswith("/sv/my/support"), home.url)
        self.assertIn("Öppna ett ärende", home.text)
        self.assertIn("Väntar på dig", home.text)
        self.assertNotIn(">Waiting on you<", home.text)
        self.assertIn("js_language_selector", home.text, "the language switcher")
        page = self.get("/sv/my/support/contract")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Månadsbelopp", page.text)
        self.assertIn(self.contract.date_start.strftime("%Y-%m-%d"), page.text)
        self.assertRegex(page.text, AMOUNT_RE)

    def test_french_url(self):
        """/fr/my/support answers in French, whatever the user's own language."""
        self.login(self.key_user)
        page = self.get("/fr/my/support")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Ouvrir un ticket", page.text)
        self.assertIn("En attente de votre part", page.text)
        self.assertIn('href="/sv/my/support"', page.text, "the switcher offers Swedish")
        contract = self.get("/fr/my/support/contract")
        self.assertEqual(contract.status_code, 200)
        self.assertIn(self.contract.date_start.strftime("%d/%m/%Y"), contract.text)
        self.assertRegex(contract.text, AMOUNT_RE)
