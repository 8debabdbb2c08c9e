-- Certifications active (expiring after as_of) vs expired, per certification.
SELECT
  certification,
  count(*) FILTER (WHERE expires_at > $as_of)::INTEGER AS active,
  count(*) FILTER (WHERE expires_at <= $as_of)::INTEGER AS expired
FROM certified_users
GROUP BY ALL
ORDER BY certification;
