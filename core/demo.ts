// The worked example's plan, as the seed loads it and the getting-started guides link into it.
// Identified by its title: the seed sets it from here, and the guides fall back to plain text when
// no plan the reader can see has it (a portal started without the demo, or the plan renamed).
export const DEMO_PLAN_TITLE =
  'Regional Tripartite Strategic Compliance Plan 2026–2027: Disguised casual employment in oil palm estates'
