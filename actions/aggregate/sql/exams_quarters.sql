-- Completed and passed exams per fiscal quarter of the attempt (headline KPIs).
SELECT
  fq(taken_at) AS period,
  count(*)::INTEGER AS completed,
  count(*) FILTER (WHERE passed)::INTEGER AS passed
FROM individual_exams
WHERE status = 'completed' AND taken_at IS NOT NULL
GROUP BY ALL
ORDER BY period;
