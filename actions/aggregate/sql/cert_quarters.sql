-- People newly certified per fiscal quarter: per certification (certified_at is the first pass for it),
-- and 'all' = people whose first certification of any kind falls in the quarter.
SELECT certification, fq(certified_at) AS period, count(*)::INTEGER AS people
FROM certified_users
GROUP BY ALL
UNION ALL
SELECT 'all' AS certification, fq(first_at) AS period, count(*)::INTEGER AS people
FROM first_certifications()
GROUP BY ALL
ORDER BY certification, period;
