"""Run a scheduled action of the suite the way Odoo's cron runner runs it.

Shared by the addons' cron tests (each addon depends on support_contract)."""

from unittest.mock import patch


class CronRunnerMixin:
    """For a ``TransactionCase``: ``_run_job(xmlid)`` goes through
    ``ir.cron.method_direct_trigger``, i.e. the runner's own loop
    (``_process_job`` / ``_run_job``): a progress record per pass, the job in
    its own transaction (a test cursor here), ``_commit_progress`` honoured,
    and the job called again as long as it reports something remaining."""

    def _run_job(self, xmlid):
        """Returns ``(passes, remaining)``: how many times the runner called
        the job, and what the last pass reported as remaining."""
        cron = self.env.ref(xmlid)
        IrCron = type(self.env["ir.cron"])
        passes = []
        callback = IrCron._callback

        def counting_callback(job, cron_name, server_action_id):
            passes.append(cron_name)
            return callback(job, cron_name, server_action_id)

        with (
            patch.object(IrCron, "_callback", counting_callback),
            self.enter_registry_test_mode(),
        ):
            result = cron.method_direct_trigger()
        self.assertIs(result, True, f"{xmlid} raised: {result}")
        progress = self.env["ir.cron.progress"].search(
            [("cron_id", "=", cron.id)], order="id desc", limit=1
        )
        return len(passes), progress.remaining
