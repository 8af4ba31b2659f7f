def post_init_hook(env):
    """Open tickets received before the installation get their SLA clocks now."""
    env["support.ticket"]._sla_init_existing()
