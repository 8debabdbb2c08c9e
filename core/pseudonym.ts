import { createHmac } from "node:crypto";
import { isDemoUpstream, upstreamUrls } from "./demo.ts";

/** The demo's fixed, documented, NOT secret pseudonym key. Production uses the `PSEUDONYM_KEY` secret. */
export const DEMO_PSEUDONYM_KEY = "ace-demo-pseudonym-key-not-secret";

/** Normalizes an upstream person key (an e-mail address): trimmed and lower-cased. */
export function normalizePersonKey(key: string): string {
  return key.trim().toLowerCase();
}

/**
 * `user_id`: first 16 hex digits of HMAC-SHA256(key, normalized upstream person key) — the hex of the digest's first 8
 * bytes, a string of its own (not a slice holding the whole 64-digit hex alive).
 */
export function pseudonym(key: string, personKey: string): string {
  if (key === "") throw new Error("PSEUDONYM_KEY is empty: set it (the demo uses DEMO_PSEUDONYM_KEY)");
  return createHmac("sha256", key).update(normalizePersonKey(personKey)).digest().toString("hex", 0, 8);
}

/** Reads PSEUDONYM_KEY from the environment with a clear error when missing. */
export function pseudonymKeyFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const k = env.PSEUDONYM_KEY;
  if (k === undefined || k === "") {
    throw new Error(
      `PSEUDONYM_KEY is not set. Use the repository secret in Actions, or for the demo: export PSEUDONYM_KEY=${DEMO_PSEUDONYM_KEY}`,
    );
  }
  if (k === DEMO_PSEUDONYM_KEY && !isDemoUpstream(upstreamUrls(env))) {
    throw new Error(
      "PSEUDONYM_KEY is the published demo key, but the upstream URLs are not the loopback simulators: set the real secret",
    );
  }
  return k;
}
