-- "Now" when neither sync_status.json nor ACE_NOW says: the newest timestamp found in the data.
SELECT strftime(max(t), '%Y-%m-%dT%H:%M:%SZ') AS as_of
FROM (
  SELECT max(registered_at) AS t FROM individual_exams
  UNION ALL SELECT max(certified_at) FROM certified_users
  UNION ALL SELECT max(created_at) FROM skills_enrollments
  UNION ALL SELECT max(day)::TIMESTAMP FROM copilot_daily
  UNION ALL SELECT max(month)::TIMESTAMP FROM product_usage
);
