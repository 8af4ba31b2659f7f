from collections import defaultdict

from odoo import fields, models


def _rounds(lines):
    """``lines`` split so that no ticket appears twice in one round (a note or
    an email is keyed by its ticket); in the usual case, one round."""
    rounds = []
    for line in lines:
        for batch in rounds:
            if line.ticket_id.id not in batch:
                batch[line.ticket_id.id] = line
                break
        else:
            rounds.append({line.ticket_id.id: line})
    return [lines.browse([ln.id for ln in batch.values()]) for batch in rounds]


class SupportTicketSla(models.Model):
    """What the breach watcher tells, for a whole chunk of clocks at once
    (issue 13): notes with ``_message_log_batch``, escalation activities in
    one ``create()``, breach emails rendered per template and queued
    (``mail.mail``, sent by the mail queue after the commit)."""

    _inherit = "support.ticket.sla"

    def _sla_log_notes(self, body_of):
        """A note on each clock's ticket, ``body_of(line)`` its text."""
        for batch in _rounds(self):
            tickets = batch.ticket_id
            bodies = {line.ticket_id.id: body_of(line) for line in batch}
            tickets._message_log_batch(bodies, message_type="comment")

    def _sla_notify_at_risk(self):
        self._sla_log_notes(
            lambda line: self.env._(
                "SLA at risk: %(target)s, %(share)s%% of the target is used; "
                "deadline %(deadline)s.",
                target=line.name,
                share=line.warn_percent,
                deadline=line._format_deadline(line._note_reader()),
            )
        )

    def _sla_notify_breach(self):
        """The breach note of each clock; for the clocks whose policy escalates
        (or without policy), the escalation activity and the breach email to
        who takes over."""
        self._sla_log_notes(
            lambda line: self.env._(
                "SLA breached: %(target)s, the deadline was %(deadline)s.",
                target=line.name,
                deadline=line._format_deadline(line._note_reader()),
            )
        )
        escalating = self.filtered(
            lambda line: (
                (not line.policy_id or line.policy_id.escalate)
                and line.ticket_id._sla_escalation_user()
            )
        )
        if not escalating:
            return
        self._sla_schedule_escalations(escalating)
        self._sla_queue_breach_emails(
            escalating.filtered(lambda line: line.policy_id.breach_template_id)
        )

    def _sla_schedule_escalations(self, lines):
        """One escalation activity per clock, all in one ``create()``. Its
        assignee hears of it by the breach email; only clocks whose policy
        sends none get Odoo's "assigned to you" email."""
        activity_type = self.env.ref("support_sla.mail_activity_type_sla_escalation")
        model_id = self.env["ir.model"]._get_id("support.ticket")
        today = fields.Date.context_today(self)
        activities = (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
            .create(
                [
                    {
                        "activity_type_id": activity_type.id,
                        "summary": self.env._(
                            "SLA breached: %(target)s", target=line.name
                        ),
                        "automated": True,
                        "note": activity_type.default_note,
                        "date_deadline": today,
                        "res_model_id": model_id,
                        "res_id": line.ticket_id.id,
                        "user_id": line.ticket_id._sla_escalation_user().id,
                    }
                    for line in lines
                ]
            )
        )
        silent = [
            activity.id
            for activity, line in zip(activities, lines, strict=True)
            if not line.policy_id.breach_template_id
        ]
        if silent:
            activities.browse(silent).with_context(
                mail_activity_quick_update=False
            ).action_notify()

    def _sla_queue_breach_emails(self, lines):
        """The breach emails, queued: per template, one rendering batch for
        the clocks that share the target and the deadline as written to the
        recipient (the template's ``ctx``), not one rendering per clock."""
        groups = defaultdict(list)
        for line in lines:
            user = line.ticket_id._sla_escalation_user()
            key = (line.policy_id.breach_template_id, line.name)
            groups[key + (line._format_deadline(user),)].append(line.id)
        for (template, target, deadline), line_ids in groups.items():
            for batch in _rounds(self.browse(line_ids)):
                template.sudo().with_context(
                    sla_target=target, sla_deadline=deadline
                ).send_mail_batch(batch.ticket_id.ids)
