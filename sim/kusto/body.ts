/**
 * A streaming response body: buffered writes with backpressure, optional gzip, and the byte-level faults
 * (`reset`: the connection is destroyed after N bytes; `truncate`: the body ends cleanly after N bytes).
 */
import type { ServerResponse } from "node:http";
import type { Writable } from "node:stream";
import { createGzip } from "node:zlib";

export interface Cut {
  readonly mode: "reset" | "truncate";
  readonly afterBytes: number;
}

export interface BodyWriter {
  /** Queues text; resolves when it may be called again (backpressure). */
  write(text: string): Promise<void>;
  end(): Promise<void>;
  /** true once the body was cut by a fault or the client went away: stop producing. */
  readonly stopped: boolean;
  /** uncompressed bytes accepted so far */
  readonly bytes: number;
}

const CHUNK = 64 * 1024;

function waitDrain(target: Writable, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      target.off("drain", done);
      res.off("close", done);
      resolve();
    };
    target.on("drain", done);
    res.on("close", done);
  });
}

export function createBodyWriter(res: ServerResponse, options: { gzip: boolean; cut?: Cut | undefined }): BodyWriter {
  const gzip = options.gzip ? createGzip() : undefined;
  if (gzip !== undefined) gzip.pipe(res);
  const target: Writable = gzip ?? res;
  let pending: string[] = [];
  let pendingLength = 0;
  let bytes = 0;
  let stopped = false;
  const cut = options.cut;

  const push = async (chunk: Buffer): Promise<void> => {
    if (res.destroyed) {
      stopped = true;
      return;
    }
    if (!target.write(chunk)) await waitDrain(target, res);
  };

  const applyCut = async (): Promise<void> => {
    stopped = true;
    if (cut?.mode === "reset") {
      const socket = res.socket;
      if (gzip !== undefined) await new Promise<void>((resolve) => gzip.flush(() => resolve()));
      // let the bytes written so far reach the socket, then drop the connection without a proper end
      await new Promise<void>((resolve) => setImmediate(resolve));
      socket?.destroy();
    } else {
      await new Promise<void>((resolve) => target.end(() => resolve()));
    }
  };

  const flush = async (): Promise<void> => {
    if (pending.length === 0 || stopped) return;
    let chunk = Buffer.from(pending.join(""), "utf8");
    pending = [];
    pendingLength = 0;
    if (cut !== undefined && bytes + chunk.length >= cut.afterBytes) {
      chunk = chunk.subarray(0, Math.max(0, cut.afterBytes - bytes));
      bytes += chunk.length;
      await push(chunk);
      await applyCut();
      return;
    }
    bytes += chunk.length;
    await push(chunk);
  };

  return {
    async write(text) {
      if (stopped) return;
      pending.push(text);
      pendingLength += text.length;
      if (pendingLength >= CHUNK || (cut !== undefined && bytes + pendingLength * 3 >= cut.afterBytes)) await flush();
    },
    async end() {
      await flush();
      if (stopped) return;
      stopped = true;
      if (cut?.mode === "reset") {
        await applyCut();
        return;
      }
      await new Promise<void>((resolve) => target.end(() => resolve()));
    },
    get stopped() {
      return stopped || res.destroyed;
    },
    get bytes() {
      return bytes;
    },
  };
}
