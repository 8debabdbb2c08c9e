// What test/worker/global-setup.ts provides to the tests inside workerd (`inject(...)`).
import "vitest";

declare module "vitest" {
  interface ProvidedContext {
    controlPort: number;
    kustoCseUrl: string;
    kustoGhUrl: string;
    pearsonLogin: string;
    legacyLogin: string;
    apiToken: string;
    /** the GitHub simulator (OAuth web flow) and the Access team stand-in of identity-doubles.ts */
    identity: {
      githubUrl: string;
      accessUrl: string;
      accessKey: string;
      strangerKey: string;
      oauthClientId: string;
      oauthClientSecret: string;
    };
  }
}
