/**
 * unified_users: every person of both clusters, merged by the normalized person key (e-mail) → pseudonymous user_id.
 * first_seen_at is the earliest time the person appears in any upstream table (the tables' time columns); login and
 * country come from Users, else from Pearson; touched_* say whether the person has rows of each kind.
 */
import { pearsonExam } from "#core/exams.ts";
import type { Row } from "#core/format.ts";
import { datetime, req, reqDatetime, str } from "#core/kusto-cells.ts";
import { normalizePersonKey } from "#core/pseudonym.ts";
import { regionOf } from "#core/vocab.ts";
import { BATCH_ROWS, flat, type Uid, type Upstream } from "./common.ts";

interface Person {
  firstSeen: string;
  login: string | null;
  country: string | null;
  pearsonLogin: string | null;
  pearsonCountry: string | null;
  learning: boolean;
  exams: boolean;
  product: boolean;
}

export async function* unifiedUsers(upstream: Upstream, uid: Uid): AsyncGenerator<readonly Row[]> {
  const people = new Map<string, Person>();
  // rows come in runs of the same e-mail where a query orders by Email: the last person is checked first
  let lastEmail = "";
  let last: Person | undefined;
  const see = (email: string, at: string | null): Person => {
    let p = email === lastEmail ? last : undefined;
    if (p !== undefined) {
      if (at !== null && at < p.firstSeen) p.firstSeen = flat(at);
      return p;
    }
    const key = normalizePersonKey(email);
    p = people.get(key);
    lastEmail = email;
    if (!p) {
      p = {
        firstSeen: at === null ? "9999-12-31T23:59:59Z" : flat(at),
        login: null,
        country: null,
        pearsonLogin: null,
        pearsonCountry: null,
        learning: false,
        exams: false,
        product: false,
      };
      people.set(key, p);
    } else if (at !== null && at < p.firstSeen) p.firstSeen = flat(at);
    last = p;
    return p;
  };
  for await (const batch of upstream.batches("users"))
    for (const u of batch) {
      const p = see(req(u.Email, "Users.Email"), datetime(u.FirstSeen));
      p.login = str(u.GitHubLogin) ?? p.login;
      p.country = str(u.Country) ?? p.country;
    }
  for await (const batch of upstream.batches("exam_eligibility"))
    for (const e of batch) {
      see(req(e.Email, "ExamEligibility.Email"), datetime(e.EligibleAt)).exams = true;
    }
  for await (const batch of upstream.batches("pearson_exam_results"))
    for (const rec of batch) {
      const email = req(rec.CandidateEmail, "PearsonExamResults.CandidateEmail");
      const p = see(email, reqDatetime(rec.RegisteredAt, "PearsonExamResults.RegisteredAt"));
      p.exams = true;
      p.pearsonLogin = str(rec.GitHubHandle) ?? p.pearsonLogin;
      p.pearsonCountry = str(rec.CountryCode) ?? p.pearsonCountry;
      pearsonExam(rec); // a registration individual_exams would refuse is refused here too
    }
  for await (const batch of upstream.batches("learning_events"))
    for (const l of batch) {
      see(req(l.Email, "LearningEvents.Email"), datetime(l.Timestamp)).learning = true;
    }
  for await (const batch of upstream.batches("product_usage"))
    for (const u of batch) {
      see(req(u.Email, "ProductUsage.Email"), datetime(u.Month)).product = true;
    }
  let out: Row[] = [];
  for (const [key, p] of people) {
    const country = p.country ?? p.pearsonCountry;
    if (out.length === BATCH_ROWS) {
      yield out;
      out = [];
    }
    out.push({
      user_id: uid(key),
      github_login: p.login ?? p.pearsonLogin,
      first_seen_at: p.firstSeen,
      country,
      region: regionOf(country),
      touched_learning: p.learning,
      touched_exams: p.exams,
      touched_product: p.product,
    });
  }
  yield out;
}
