-- Skills learner repositories created per course, month and method (fork / template).
SELECT course, ym(created_at) AS month, method, count(*)::INTEGER AS enrollments
FROM skills_enrollments
GROUP BY ALL
ORDER BY ALL;
