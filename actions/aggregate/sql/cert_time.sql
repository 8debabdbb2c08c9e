-- Days from a person's first registration for a certification's exam to earning it (calendar days, UTC).
WITH first_registration AS (
  SELECT user_id, certification, min(registered_at) AS registered_at
  FROM individual_exams
  GROUP BY ALL
), durations AS (
  SELECT c.certification, date_diff('day', r.registered_at::DATE, c.certified_at::DATE) AS days
  FROM certified_users c
  JOIN first_registration r USING (user_id, certification)
)
SELECT
  coalesce(certification, 'all') AS certification,
  count(*)::INTEGER AS people,
  median(days)::DOUBLE AS median_days,
  quantile_disc(days, 0.9)::DOUBLE AS p90_days
FROM durations
GROUP BY GROUPING SETS ((certification), ())
ORDER BY certification;
