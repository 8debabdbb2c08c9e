-- Scores of completed exams in bins of 100 (900–1000 is the last bin), per certification and overall.
WITH scored AS (
  SELECT certification, least(score // 100, 9)::INTEGER AS bin
  FROM individual_exams
  WHERE status = 'completed' AND score IS NOT NULL
)
SELECT coalesce(certification, 'all') AS certification, bin, count(*)::INTEGER AS exams
FROM scored
GROUP BY GROUPING SETS ((certification, bin), (bin))
ORDER BY certification, bin;
