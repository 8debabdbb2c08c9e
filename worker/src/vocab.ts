/**
 * The upstream vocabularies and their lookup: core/vocab.ts, the very tables the sync's normalizers use (bundled into
 * the worker). An unknown upstream value throws, which makes the live path fall back, as the sync refuses it.
 */
export {
  CERTIFICATIONS,
  DELIVERY,
  LEGACY_EXAM,
  LEGACY_STATE,
  lookup,
  PASS_FAIL,
  PEARSON_STATUS,
} from "#core/vocab.ts";
