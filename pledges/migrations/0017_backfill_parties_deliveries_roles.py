"""Existing pledges get their lead as their one party, their delivery figures from their
stages, and a personnel role where ``quantity_unit`` names one without doubt."""

from django.db import migrations

FORWARD = """
INSERT INTO pledges_pledgeparty (pledge_id, actor_id, ordinal)
SELECT p.id, p.actor_id, 1 FROM pledges_pledge p
 WHERE NOT EXISTS (SELECT 1 FROM pledges_pledgeparty x WHERE x.pledge_id = p.id);

WITH f AS (
    SELECT p.id,
           COALESCE((SELECT s.quantity FROM pledges_pledgestage s
                      WHERE s.pledge_id = p.id AND s.status = 'committed'), p.quantity)
               AS committed,
           (SELECT s.quantity FROM pledges_pledgestage s
             WHERE s.pledge_id = p.id AND s.status = 'delivered') AS delivered_stage,
           p.status = 'delivered' OR EXISTS (
               SELECT 1 FROM pledges_pledgestage s
                WHERE s.pledge_id = p.id AND s.status = 'delivered') AS delivered_all
      FROM pledges_pledge p
     WHERE p.status IN ('offered', 'announced', 'committed', 'delivered', 'withdrawn')
), g AS (
    SELECT id, committed,
           CASE WHEN delivered_stage IS NOT NULL THEN delivered_stage
                WHEN delivered_all THEN committed ELSE 0 END AS delivered
      FROM f WHERE committed IS NOT NULL
)
UPDATE pledges_pledge p
   SET committed_quantity = g.committed, delivered_quantity = g.delivered,
       delivery_gap = GREATEST(g.committed - g.delivered, 0)
  FROM g WHERE g.id = p.id;

UPDATE pledges_pledge SET personnel_role = CASE lower(btrim(quantity_unit))
        WHEN 'troops' THEN 'troops' WHEN 'soldiers' THEN 'troops'
        WHEN 'ground troops' THEN 'troops'
        WHEN 'trainers' THEN 'trainers' WHEN 'instructors' THEN 'trainers'
        WHEN 'military trainers' THEN 'trainers'
        WHEN 'advisers' THEN 'advisers' WHEN 'advisors' THEN 'advisers'
        WHEN 'military advisers' THEN 'advisers' WHEN 'military advisors' THEN 'advisers'
        WHEN 'special forces' THEN 'special_forces'
        WHEN 'pilots' THEN 'pilots' WHEN 'aircrew' THEN 'pilots'
        WHEN 'ground crew' THEN 'ground_crew'
        WHEN 'medical staff' THEN 'medical' WHEN 'medics' THEN 'medical'
        WHEN 'personnel' THEN 'personnel' END
 WHERE personnel_role = '' AND amount IS NULL AND lower(btrim(quantity_unit)) IN (
        'troops', 'soldiers', 'ground troops', 'trainers', 'instructors',
        'military trainers', 'advisers', 'advisors', 'military advisers',
        'military advisors', 'special forces', 'pilots', 'aircrew', 'ground crew',
        'medical staff', 'medics', 'personnel');
"""

BACKWARD = """
UPDATE pledges_pledge SET personnel_role = '', committed_quantity = NULL,
       delivered_quantity = NULL, delivery_gap = NULL;
DELETE FROM pledges_pledgeparty;
"""


class Migration(migrations.Migration):
    dependencies = [("pledges", "0016_joint_conditions_deliveries")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
