/**
 * `/me` and `/api/me/exams`: the signed-in learner's own profile, server-rendered (no JavaScript), and the same rows
 * as JSON. Personal: `Cache-Control: no-store`, never CORS. The page states where its data came from and how fresh
 * it is ("live from Kusto" / "from the nightly data of …"), and its inline stylesheet is allowed by hash only.
 */
import type { Outcome } from "./cache.ts";
import type { PublicExam } from "./exams.ts";
import { dataResponse } from "./http.ts";
import { type Ctx, examsOf, nightlyDate } from "./profile.ts";

const CSS = `body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{background:#24292f;color:#fff;padding:.75rem 1.5rem}header a{color:#fff}main{max-width:60rem;margin:0 auto;padding:1.5rem}
section{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:1rem 1.25rem;margin:0 0 1rem}
h1{font-size:1.6rem;margin:.25rem 0 1rem}h2{font-size:1.15rem;margin:0 0 .5rem}.note{color:#59636e;font-size:.9rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #d0d7de}
.pass{color:#1a7f37;font-weight:600}.fail{color:#cf222e}button{font:inherit;padding:.3rem .8rem;cursor:pointer}`;

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const day = (iso: string | null): string => (iso === null ? "—" : iso.slice(0, 10));

export interface Journey {
  readonly stage: string;
  readonly next: string;
}

/** The learning-journey stage the exam history shows, and what comes next. */
export function journeyOf(exams: readonly PublicExam[], certifications: readonly string[]): Journey {
  const passed = new Set(exams.filter((e) => e.passed === true).map((e) => e.certification));
  if (passed.size > 0) {
    const more = certifications.filter((c) => !passed.has(c));
    return {
      stage: `Certified (${passed.size} certification${passed.size === 1 ? "" : "s"})`,
      next: more.length === 0 ? "Every certification earned: keep them current." : `Next certification: ${more[0]}.`,
    };
  }
  if (exams.some((e) => e.taken_at !== null)) {
    const last = [...exams].reverse().find((e) => e.taken_at !== null);
    return { stage: "Exam taken, not passed yet", next: `Retake ${last?.certification ?? "the exam"}.` };
  }
  if (exams.length > 0) return { stage: "Registered", next: "Schedule and take your exam." };
  return { stage: "Not registered yet", next: "Register for a certification exam." };
}

/** "live from Kusto" or "from the nightly data of …", with the age of a cached copy. */
export async function sourceLine(ctx: Ctx, outcome: Outcome): Promise<string> {
  if (outcome.source === "kusto") {
    const age = Math.max(0, Math.round((ctx.now() - outcome.storedAt) / 60_000));
    return outcome.stale
      ? `From Kusto, a copy of ${age} minutes ago (Kusto is not answering right now).`
      : `Live from Kusto${age > 0 ? ` (${age} minute${age === 1 ? "" : "s"} ago)` : ""}.`;
  }
  const nightly = await nightlyDate(ctx.env);
  return `From the nightly data of ${nightly === undefined ? "the last sync" : day(nightly)} (live data unavailable).`;
}

async function sha256Base64(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return btoa(String.fromCharCode(...bytes));
}

/** A personal HTML page: no-store, its stylesheet allowed by hash, forms only to this origin. */
export async function page(title: string, body: string, status = 200): Promise<Response> {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)} · ACE</title><style>${CSS}</style></head><body><header><strong>ACE certifications</strong></header><main>${body}</main></body></html>`;
  return new Response(html, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": `default-src 'none'; style-src 'sha256-${await sha256Base64(CSS)}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    },
  });
}

function examTable(exams: readonly PublicExam[]): string {
  if (exams.length === 0) return `<p>No exam registrations yet.</p>`;
  const rows = exams.map((e) => {
    const outcome =
      e.passed === true
        ? `<span class="pass">passed</span>`
        : e.passed === false
          ? `<span class="fail">not passed</span>`
          : "—";
    return `<tr><td>${escapeHtml(e.exam_ref)}</td><td>${escapeHtml(e.certification)}</td><td>${day(e.registered_at)}</td><td>${day(e.scheduled_at)}</td><td>${day(e.taken_at)}</td><td>${escapeHtml(e.status)}</td><td>${escapeHtml(e.delivery ?? "—")}</td><td>${e.score ?? "—"}</td><td>${outcome}</td></tr>`;
  });
  return `<table><thead><tr><th>Exam</th><th>Certification</th><th>Registered</th><th>Scheduled</th><th>Taken</th><th>Status</th><th>Delivery</th><th>Score</th><th>Outcome</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** The profile page of the signed-in person. */
export async function profilePage(ctx: Ctx, outcome: Outcome, certifications: readonly string[]): Promise<Response> {
  const { login, exams } = examsOf(outcome);
  const earned = new Map<string, string>();
  for (const e of exams)
    if (e.passed === true && !earned.has(e.certification)) earned.set(e.certification, day(e.taken_at));
  const journey = journeyOf(exams, certifications);
  const certs =
    earned.size === 0
      ? "<p>No certification yet.</p>"
      : `<ul>${[...earned].map(([c, on]) => `<li><strong>${escapeHtml(c)}</strong> — earned ${on}</li>`).join("")}</ul>`;
  const body = `<h1>My certifications</h1>
<p>Signed in with GitHub as <strong>@${escapeHtml(login)}</strong>.</p>
<p class="note">${escapeHtml(await sourceLine(ctx, outcome))}</p>
<section><h2>Certifications</h2>${certs}</section>
<section><h2>Learning journey</h2><p>Stage: <strong>${escapeHtml(journey.stage)}</strong></p><p>${escapeHtml(journey.next)}</p></section>
<section><h2>Exam history</h2>${examTable(exams)}</section>
<form method="post" action="/auth/logout"><button type="submit">Sign out</button></form>
<p class="note">Only you can see this page. <a href="/api/me/exams">The same data as JSON</a>.</p>`;
  return page("My certifications", body);
}

/** `/api/me/exams`: the rows of the profile page, with the data headers, no-store, never CORS. */
export function profileJson(outcome: Outcome, now: number): Response {
  return dataResponse(outcome, { personal: true, now });
}
