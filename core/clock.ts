/** The shared clock: `ACE_NOW` (ISO datetime) fixes "now" for the world, the simulators and the sync. */
export function now(env: NodeJS.ProcessEnv = process.env): Date {
  const v = env.ACE_NOW;
  if (v === undefined || v === "") return new Date();
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new Error(`ACE_NOW="${v}" is not an ISO datetime (e.g. 2026-11-24T02:00:00Z)`);
  return d;
}
