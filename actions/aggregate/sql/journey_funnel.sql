-- People by furthest journey stage, per fiscal-year cohort (the FY of their first dated stage).
WITH journeys AS (
  SELECT
    current_stage,
    least(first_learning_on, first_skills_on, first_registration_on, first_exam_on, first_certification_on,
          first_product_use_after_cert_on) AS entered_on
  FROM journey_complete
  WHERE current_stage <> 'none'
)
SELECT fy(entered_on) AS cohort, current_stage AS stage, count(*)::INTEGER AS people
FROM journeys
WHERE entered_on IS NOT NULL
GROUP BY ALL
ORDER BY ALL;
