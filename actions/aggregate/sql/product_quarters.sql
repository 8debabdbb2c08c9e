-- People active in any product per fiscal quarter (headline KPI).
SELECT fq(month) AS period, count(DISTINCT user_id)::INTEGER AS people
FROM product_usage
GROUP BY ALL
ORDER BY period;
