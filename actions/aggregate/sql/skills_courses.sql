-- Course repositories as published by the skills organization.
SELECT course, title, is_template, archived, stargazers::INTEGER AS stargazers, forks::INTEGER AS forks
FROM skills_courses
ORDER BY course;
