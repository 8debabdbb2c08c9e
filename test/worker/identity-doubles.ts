/**
 * Node side of the profile tests: the GitHub simulator (its OAuth web flow and GET /user, sim/github/oauth.ts) and a
 * stand-in for a Cloudflare Access team on 127.0.0.1 serving `/cdn-cgi/access/certs` in Access's shape
 * (`{keys, public_cert, public_certs}`). The team's private key and a key of no team go to the tests (as JWK JSON)
 * so they can sign assertions inside workerd.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import { type GitHubSim, start } from "../../sim/github/index.ts";
import { DEMO_OAUTH_CLIENT_ID, DEMO_OAUTH_CLIENT_SECRET } from "../../sim/github/oauth.ts";
import type { createWorld } from "../../sim/world/index.ts";

export interface IdentityDoubles {
  readonly github: GitHubSim;
  readonly accessUrl: string;
  readonly provided: {
    readonly githubUrl: string;
    readonly accessUrl: string;
    readonly accessKey: string;
    readonly strangerKey: string;
    readonly oauthClientId: string;
    readonly oauthClientSecret: string;
  };
  close(): Promise<void>;
}

async function rsaJwk(kid: string): Promise<{ priv: string; pub: Record<string, unknown> }> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const priv = { ...(await exportJWK(privateKey)), kid, alg: "RS256" };
  const pub = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  return { priv: JSON.stringify(priv), pub };
}

export async function identityDoubles(world: ReturnType<typeof createWorld>): Promise<IdentityDoubles> {
  const github = await start({ world });
  const team = await rsaJwk("team-key-1");
  const stranger = await rsaJwk("team-key-1"); // same kid, another key: only the signature tells them apart
  const certs = JSON.stringify({ keys: [team.pub], public_cert: { kid: "team-key-1", cert: "" }, public_certs: [] });
  const server: Server = createServer((req, res) => {
    if (req.url === "/cdn-cgi/access/certs") {
      res.writeHead(200, { "content-type": "application/json" }).end(certs);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const accessUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    github,
    accessUrl,
    provided: {
      githubUrl: github.url,
      accessUrl,
      accessKey: team.priv,
      strangerKey: stranger.priv,
      oauthClientId: DEMO_OAUTH_CLIENT_ID,
      oauthClientSecret: DEMO_OAUTH_CLIENT_SECRET,
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await github.close();
    },
  };
}
