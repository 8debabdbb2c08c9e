/**
 * Loopback-only speed-up for `ACE_GITHUB_TIMING=fast` (tests, demo, benches against the simulators). Bottleneck, the
 * scheduler inside plugin-throttling and plugin-retry, yields to the event loop with `setTimeout(0)` (clamped to 1 ms)
 * several times per job: about 10 ms per request, against 2–4 ms for the loopback round trip itself (measured 17.4
 * ms → 7.0 ms per request through Octokit). This swaps those zero-delay yields for `setImmediate`, which is the same
 * kind of yield without the clamp; non-zero waits (rate-limit back-offs) are untouched. Applied once per process and
 * only by `createClient({ timing: "fast" })`: against GitHub itself the library runs as published.
 */
import BottleneckLight from "bottleneck/light.js";

interface YieldingStore {
  yieldLoop(t?: number): Promise<void>;
}

let applied = false;

export function fastYields(): void {
  if (applied) return;
  const probe = new BottleneckLight() as unknown as { _store?: object; disconnect(): Promise<void> };
  const proto = probe._store === undefined ? undefined : (Object.getPrototypeOf(probe._store) as YieldingStore);
  void probe.disconnect().catch(() => undefined);
  // Bottleneck 2.x keeps its local datastore's yield as a prototype method; if that ever changes, stay as published
  if (proto === undefined || typeof proto.yieldLoop !== "function") return;
  const original = proto.yieldLoop;
  proto.yieldLoop = function (this: YieldingStore, t = 0): Promise<void> {
    return t === 0 ? new Promise<void>((resolve) => setImmediate(resolve)) : original.call(this, t);
  };
  applied = true;
}
