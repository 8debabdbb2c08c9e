/**
 * An azure-kusto-data client for one cluster URL, built once for every Kusto caller (the sync's extracts, the
 * aggregate's Kusto engine): Entra credentials through DefaultAzureCredential with the cluster's own token scope
 * (`<origin>/.default`), anonymous only for a loopback URL (the simulators).
 */
import { DefaultAzureCredential } from "@azure/identity";
import { Client as KustoClient, KustoConnectionStringBuilder } from "azure-kusto-data";

export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "127.0.0.1" || host === "localhost" || host === "[::1]" || host === "::1";
}

/** Thrown when DefaultAzureCredential yields no token for the cluster's scope. */
export class NoKustoTokenError extends Error {
  constructor(scope: string) {
    super(`no Azure token for ${scope} (DefaultAzureCredential)`);
    this.name = "NoKustoTokenError";
  }
}

/** A client for the cluster at `url` (trailing slashes ignored). */
export function kustoClient(url: string): KustoClient {
  const clean = url.replace(/\/+$/, "");
  if (isLoopback(clean)) return new KustoClient(clean); // a plain connection string sends no Authorization
  const credential = new DefaultAzureCredential();
  const scope = `${new URL(clean).origin}/.default`;
  const kcsb = KustoConnectionStringBuilder.withTokenProvider(clean, async () => {
    const token = await credential.getToken(scope);
    if (!token) throw new NoKustoTokenError(scope);
    return token.token;
  });
  return new KustoClient(kcsb);
}
