-- Shared helpers, created once per connection before the aggregates run.
-- Microsoft fiscal year of a date/timestamp: FY26 = 2025-07-01 … 2026-06-30.
CREATE OR REPLACE MACRO fy(t) AS 'FY' || lpad(CAST((year(t) + CASE WHEN month(t) >= 7 THEN 1 ELSE 0 END) % 100 AS VARCHAR), 2, '0');
-- Fiscal quarter, e.g. FY26-Q2 (Q1 = Jul–Sep).
CREATE OR REPLACE MACRO fq(t) AS fy(t) || '-Q' || CAST(((month(t) + 5) % 12) // 3 + 1 AS VARCHAR);
-- Calendar month label YYYY-MM.
CREATE OR REPLACE MACRO ym(t) AS strftime(t, '%Y-%m');
-- Thursday of an ISO week 'YYYY-Www' (the day that decides the week's month).
CREATE OR REPLACE MACRO iso_week_thursday(w) AS
  make_date(CAST(w[1:4] AS INTEGER), 1, 4)
  - CAST(isodow(make_date(CAST(w[1:4] AS INTEGER), 1, 4)) - 1 AS INTEGER)
  + CAST((CAST(w[7:8] AS INTEGER) - 1) * 7 + 3 AS INTEGER);
-- First certification per person.
CREATE OR REPLACE MACRO first_certifications() AS TABLE
  SELECT user_id, min(certified_at) AS first_at FROM certified_users GROUP BY user_id;
