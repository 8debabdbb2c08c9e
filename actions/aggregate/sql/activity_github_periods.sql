-- Public GitHub activity of tracked logins per fiscal quarter and per fiscal year (of the ISO week's Thursday): the
-- coarser grains certified-activity falls back to when months do not clear the small-cell rule. A login's person
-- counts as certified when they held a certification before the period ended; people are distinct per period.
WITH people AS (
  SELECT u.github_login, c.first_at
  FROM unified_users u
  LEFT JOIN first_certifications() c USING (user_id)
  WHERE u.github_login IS NOT NULL
), weekly AS (
  SELECT github_login, iso_week_thursday(week) AS thursday, events
  FROM github_activity
), periods AS (
  SELECT 'quarter' AS grain, fq(thursday) AS period,
    date_trunc('quarter', thursday) + INTERVAL 3 MONTH AS period_end, github_login, events
  FROM weekly
  UNION ALL
  SELECT 'year' AS grain, fy(thursday) AS period,
    make_date(CAST(substr(fy(thursday), 3, 2) AS INTEGER) + 2000, 7, 1) AS period_end, github_login, events
  FROM weekly
)
SELECT w.grain, w.period,
  coalesce(p.first_at < w.period_end, false) AS certified,
  count(DISTINCT w.github_login)::INTEGER AS people,
  sum(w.events)::BIGINT AS events
FROM periods w
LEFT JOIN people p USING (github_login)
GROUP BY ALL
ORDER BY ALL;
