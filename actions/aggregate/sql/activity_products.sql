-- People active per month and product ('all' = in any product), split by whether they held a certification
-- (first certified before the month ended), with their events.
WITH usage AS (
  SELECT p.user_id, ym(p.month) AS m, p.product, p.events,
    coalesce(c.first_at < p.month + INTERVAL 1 MONTH, false) AS certified
  FROM product_usage p
  LEFT JOIN first_certifications() c USING (user_id)
)
SELECT m AS month, coalesce(product, 'all') AS product, certified,
  count(DISTINCT user_id)::INTEGER AS people, sum(events)::BIGINT AS events
FROM usage
GROUP BY GROUPING SETS ((m, product, certified), (m, certified))
ORDER BY month, product, certified;
