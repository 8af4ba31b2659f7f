from . import support_sla_objective_report
