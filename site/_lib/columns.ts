/** Table columns that many charts share, spelled once (a chart's own columns stay in the chart). */
export const NOTE = { key: "note", label: "Note" } as const;
export const FISCAL_YEAR = { key: "fiscal_year", label: "Fiscal year" } as const;
export const CERTIFICATION = { key: "certification", label: "Certification" } as const;
export const MONTH = { key: "month", label: "Month" } as const;
