// What worker/test/global-setup.ts provides to the tests inside workerd (`inject(...)`).
import "vitest";

declare module "vitest" {
  interface ProvidedContext {
    controlPort: number;
    kustoCseUrl: string;
    kustoGhUrl: string;
    pearsonLogin: string;
    legacyLogin: string;
    apiToken: string;
  }
}
