"""Issue 14: contracts name their support team. The new column was filled with
one company's first team; each contract gets its own company's first team
(the team its portal tickets went to before)."""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE support_contract c
           SET team_id = (
                SELECT t.id
                  FROM support_team t
                 WHERE t.active
                   AND (t.company_id = c.company_id OR t.company_id IS NULL)
                 ORDER BY t.sequence, t.id
                 LIMIT 1)
        """
    )
