-- Per-region counts in long form (region, measure, dimension, n) for regions.json. A person's region comes from
-- unified_users; people with exams or certifications but missing there count as UNKNOWN (and as people), so every
-- region's examined and certified people are among its people. Measures:
--   people            everyone known to the program
--   people_examined   people with at least one completed exam
--   certified_people  people holding at least one certification
--   certified         people holding each certification (dimension = certification)
--   completed, passed exams completed / passed per fiscal year (dimension = fiscal year)
WITH region_of AS (
  SELECT user_id, coalesce(region, 'UNKNOWN') AS region FROM unified_users
  UNION ALL
  SELECT DISTINCT o.user_id, 'UNKNOWN' AS region
  FROM (SELECT user_id FROM individual_exams UNION SELECT user_id FROM certified_users) o
  ANTI JOIN unified_users u ON u.user_id = o.user_id
),
exams AS (
  SELECT coalesce(r.region, 'UNKNOWN') AS region, e.*
  FROM individual_exams e LEFT JOIN region_of r USING (user_id)
),
certs AS (
  SELECT coalesce(r.region, 'UNKNOWN') AS region, c.*
  FROM certified_users c LEFT JOIN region_of r USING (user_id)
)
SELECT region, 'people' AS measure, '' AS dimension, count(*)::INTEGER AS n FROM region_of GROUP BY ALL
UNION ALL
SELECT region, 'people_examined', '', count(DISTINCT user_id)::INTEGER FROM exams WHERE status = 'completed' GROUP BY ALL
UNION ALL
SELECT region, 'certified_people', '', count(DISTINCT user_id)::INTEGER FROM certs GROUP BY ALL
UNION ALL
SELECT region, 'certified', certification, count(*)::INTEGER FROM certs GROUP BY ALL
UNION ALL
SELECT region, 'completed', fiscal_year, count(*)::INTEGER FROM exams WHERE status = 'completed' GROUP BY ALL
UNION ALL
SELECT region, 'passed', fiscal_year, count(*)::INTEGER FROM exams WHERE status = 'completed' AND coalesce(passed, false) GROUP BY ALL
ORDER BY ALL;
