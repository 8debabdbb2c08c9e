-- People who completed an exam, and those who completed the same certification's exam at least twice.
WITH attempts AS (
  SELECT user_id, certification, count(*) AS attempts
  FROM individual_exams
  WHERE status = 'completed'
  GROUP BY ALL
)
SELECT certification, count(*)::INTEGER AS examined, count(*) FILTER (WHERE attempts >= 2)::INTEGER AS retook
FROM attempts
GROUP BY ALL
UNION ALL
SELECT 'all', count(*)::INTEGER, count(*) FILTER (WHERE max_attempts >= 2)::INTEGER
FROM (SELECT user_id, max(attempts) AS max_attempts FROM attempts GROUP BY user_id)
ORDER BY 1;
