import hashlib
import secrets
from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.support_contract.access import check_support_group

TOKEN_PREFIX = "smt_"
# defaults of the settings (ir.config_parameter), never constants in the checks
DEFAULT_RATE_LIMIT = 30
DEFAULT_RATE_WINDOW_MINUTES = 10
# a group of 100 Alertmanager or Grafana alerts fits in 256 KB
DEFAULT_MAX_PAYLOAD_BYTES = 262144


def hash_token(token):
    """SHA-256 hex digest of a token: only this digest is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class SupportMonitoringToken(models.Model):
    """A secret with which a customer's monitoring system opens tickets (T1,
    tiers with proactive monitoring, C1). The secret itself is shown once when
    it is issued; only its SHA-256 digest is stored. Each token carries its own
    rate-limit counters."""

    _name = "support.monitoring.token"
    _description = "Monitoring Token"
    _order = "create_date desc, id desc"
    _check_company_auto = True

    contract_id = fields.Many2one(
        "support.contract",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, index=True
    )
    partner_id = fields.Many2one(
        related="contract_id.partner_id", string="Customer", store=True
    )
    token_hash = fields.Char(
        string="Token Digest",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        groups="base.group_system",
    )
    token_hint = fields.Char(
        string="Token Start",
        readonly=True,
        copy=False,
        help="The first characters of the token, to recognise it in the "
        "monitoring system's configuration.",
    )
    state = fields.Selection(
        [("active", "Active"), ("revoked", "Revoked")],
        default="active",
        required=True,
        readonly=True,
        copy=False,
        index=True,
    )
    date_revoked = fields.Datetime(string="Revoked On", readonly=True, copy=False)
    revoked_by_id = fields.Many2one(
        "res.users", string="Revoked By", readonly=True, copy=False
    )
    rate_limit = fields.Integer(
        string="Alerts per Window",
        default=lambda self: self._default_rate_limit(),
        help="Calls accepted per rate-limit window; the next calls are refused "
        "with HTTP 429 until the window ends.",
    )
    rate_window_start = fields.Datetime(string="Window Start", readonly=True)
    rate_window_count = fields.Integer(string="Calls in Window", readonly=True)
    call_count = fields.Integer(string="Calls", readonly=True)
    rejected_count = fields.Integer(string="Refused Calls", readonly=True)
    date_last_call = fields.Datetime(string="Last Call", readonly=True)

    _token_hash_uniq = models.Constraint(
        "UNIQUE(token_hash)", "A monitoring token must be unique."
    )
    _rate_limit_positive = models.Constraint(
        "CHECK(rate_limit > 0)", "The number of alerts per window must be positive."
    )

    # ------------------------------------------------------------ defaults
    @api.model
    def _param_int(self, key, default):
        value = self.env["ir.config_parameter"].sudo().get_param(key)
        try:
            value = int(value)
        except (TypeError, ValueError):
            return default
        return value if value > 0 else default

    @api.model
    def _default_rate_limit(self):
        return self._param_int(
            "support_ticket.monitoring_rate_limit", DEFAULT_RATE_LIMIT
        )

    @api.model
    def _rate_window(self):
        return timedelta(
            minutes=self._param_int(
                "support_ticket.monitoring_rate_window_minutes",
                DEFAULT_RATE_WINDOW_MINUTES,
            )
        )

    @api.model
    def _max_payload_bytes(self):
        return self._param_int(
            "support_ticket.monitoring_max_payload_bytes", DEFAULT_MAX_PAYLOAD_BYTES
        )

    def _compute_display_name(self):
        for token in self:
            token.display_name = f"{token.token_hint or ''}\u2026"

    # ------------------------------------------------------------ issuing
    @api.model
    def _issue(self, contract):
        """Create a token for ``contract``; return ``(record, plain_token)``.
        The plain token is never stored."""
        plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = self.sudo().create(
            {
                "contract_id": contract.id,
                "token_hash": hash_token(plain),
                "token_hint": plain[: len(TOKEN_PREFIX) + 6],
            }
        )
        return token.sudo(False), plain

    @api.model
    def _find(self, plain):
        """The token record (active or revoked) of a presented secret."""
        if not plain:
            return self.browse()
        return self.sudo().search([("token_hash", "=", hash_token(plain))], limit=1)

    def action_revoke(self):
        """Revoke: the monitoring system's next call with it is refused."""
        check_support_group(self, "manager")
        self.check_access("write")
        active = self.filtered(lambda t: t.state == "active")
        active.sudo().write(
            {
                "state": "revoked",
                "date_revoked": fields.Datetime.now(),
                "revoked_by_id": self.env.user.id,
            }
        )
        for token in active:
            token.contract_id.message_post(
                body=self.env._(
                    "Monitoring token %(hint)s revoked.", hint=token.display_name
                )
            )
        return True

    # ------------------------------------------------------------ rate limit
    def _consume_call(self, now=None):
        """Count one call in the token's window (stored counters, so that every
        worker sees them). Return ``(accepted, retry_after_seconds)``.
        Writing the counters locks the token's row, which also serialises two
        alerts arriving together for the same token (one ticket, not two)."""
        self.ensure_one()
        now = now or fields.Datetime.now()
        window = self._rate_window()
        token = self.sudo()
        # a concurrent alert of the token raises a serialization failure here:
        # expected, Odoo replays the request (not an error to log)
        self.env.cr.execute(
            "SELECT id FROM support_monitoring_token WHERE id = %s FOR UPDATE",
            (token.id,),
            log_exceptions=False,
        )
        token.invalidate_recordset(
            ["rate_window_start", "rate_window_count", "call_count", "rejected_count"]
        )
        start = token.rate_window_start
        if not start or now >= start + window or now < start:
            start, count = now, 0
        else:
            count = token.rate_window_count
        vals = {
            "rate_window_start": start,
            "call_count": token.call_count + 1,
            "date_last_call": now,
        }
        if count >= token.rate_limit:
            vals["rejected_count"] = token.rejected_count + 1
            token.write(vals)
            retry = max(1, int((start + window - now).total_seconds()))
            return False, retry
        vals["rate_window_count"] = count + 1
        token.write(vals)
        return True, 0
