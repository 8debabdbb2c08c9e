-- Median days between consecutive journey stages, for people with both dates, per cohort and overall.
WITH journeys AS (
  SELECT *,
    fy(least(first_learning_on, first_skills_on, first_registration_on, first_exam_on, first_certification_on,
             first_product_use_after_cert_on)) AS cohort
  FROM journey_complete
  WHERE current_stage <> 'none'
), steps AS (
  SELECT cohort, 'skills' AS stage, date_diff('day', first_learning_on, first_skills_on) AS days FROM journeys
  WHERE first_learning_on IS NOT NULL AND first_skills_on IS NOT NULL
  UNION ALL
  SELECT cohort, 'registered', date_diff('day', first_skills_on, first_registration_on) FROM journeys
  WHERE first_skills_on IS NOT NULL AND first_registration_on IS NOT NULL
  UNION ALL
  SELECT cohort, 'examined', date_diff('day', first_registration_on, first_exam_on) FROM journeys
  WHERE first_registration_on IS NOT NULL AND first_exam_on IS NOT NULL
  UNION ALL
  SELECT cohort, 'certified', date_diff('day', first_exam_on, first_certification_on) FROM journeys
  WHERE first_exam_on IS NOT NULL AND first_certification_on IS NOT NULL
  UNION ALL
  SELECT cohort, 'product', date_diff('day', first_certification_on, first_product_use_after_cert_on) FROM journeys
  WHERE first_certification_on IS NOT NULL AND first_product_use_after_cert_on IS NOT NULL
)
SELECT coalesce(cohort, 'all') AS cohort, stage, count(*)::INTEGER AS people, median(days)::DOUBLE AS median_days
FROM steps
WHERE cohort IS NOT NULL
GROUP BY GROUPING SETS ((cohort, stage), (stage))
ORDER BY cohort, stage;
