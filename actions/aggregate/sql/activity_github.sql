-- Public GitHub activity of tracked logins per month (of the ISO week's Thursday), split by whether the login's
-- person held a certification before the month ended. Logins not linked to a person count as not certified.
WITH people AS (
  SELECT u.github_login, c.first_at
  FROM unified_users u
  LEFT JOIN first_certifications() c USING (user_id)
  WHERE u.github_login IS NOT NULL
), weekly AS (
  SELECT github_login, date_trunc('month', iso_week_thursday(week)) AS month_start, events
  FROM github_activity
)
SELECT ym(w.month_start) AS month,
  coalesce(p.first_at < w.month_start + INTERVAL 1 MONTH, false) AS certified,
  count(DISTINCT w.github_login)::INTEGER AS people,
  sum(w.events)::BIGINT AS events
FROM weekly w
LEFT JOIN people p USING (github_login)
GROUP BY ALL
ORDER BY ALL;
