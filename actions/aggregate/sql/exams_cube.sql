-- Every exam registration counted once by its descriptive dimensions; the TypeScript side rolls this small cube up
-- into registrations / completed / passed / failed / no-show / cancelled / pending by exam, year, source, delivery.
SELECT
  certification,
  fiscal_year,
  exam_source,
  coalesce(delivery, 'unknown') AS delivery,
  status,
  coalesce(passed, false) AS passed,
  count(*)::INTEGER AS exams
FROM individual_exams
GROUP BY ALL
ORDER BY ALL;
