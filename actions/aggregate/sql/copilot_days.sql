-- Copilot org-level usage per day (organizations summed; a day is complete only when every org's report is).
SELECT
  strftime(day, '%Y-%m-%d') AS day,
  min(org) AS org,
  bool_and(report_status = 'complete') AS complete,
  sum(daily_active_users)::INTEGER AS daily_active_users,
  sum(weekly_active_users)::INTEGER AS weekly_active_users,
  sum(monthly_active_users)::INTEGER AS monthly_active_users,
  sum(engaged_users)::INTEGER AS engaged_users,
  sum(chat_users)::INTEGER AS chat_users,
  sum(agent_users)::INTEGER AS agent_users,
  sum(cli_users)::INTEGER AS cli_users,
  sum(code_generation_activity_count)::BIGINT AS code_generations,
  sum(code_acceptance_activity_count)::BIGINT AS code_acceptances,
  sum(loc_suggested_to_add_sum)::BIGINT AS loc_suggested,
  sum(loc_added_sum)::BIGINT AS loc_added,
  sum(loc_deleted_sum)::BIGINT AS loc_deleted
FROM copilot_daily
GROUP BY day
ORDER BY day;
