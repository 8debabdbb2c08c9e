-- Copilot usage per day and language (organizations summed).
SELECT
  strftime(day, '%Y-%m-%d') AS day,
  language,
  sum(users)::INTEGER AS users,
  sum(code_generation_activity_count)::BIGINT AS code_generations,
  sum(code_acceptance_activity_count)::BIGINT AS code_acceptances,
  sum(loc_suggested_to_add_sum)::BIGINT AS loc_suggested,
  sum(loc_added_sum)::BIGINT AS loc_added
FROM copilot_languages
GROUP BY ALL
ORDER BY day, language;
