import { type Executor } from '#db/executor.ts'
import * as StatisticsRepository from '#db/repositories/inspection-statistics.ts'

/** Fictional labour inspection statistics for the demo countries, so 1.3 shows a trend. */
export async function seedStatistics(db: Executor, actorId: string) {
  const row = (
    countryCode: string,
    year: number,
    inspectors: number,
    women: number,
    per10000: number,
    visits: number,
    workplaces: number,
  ) => ({
    countryCode,
    year,
    inspectors,
    inspectorsWomen: women,
    inspectorsPer10000: per10000,
    visits,
    visitsPerInspector: Math.round((visits / inspectors) * 10) / 10,
    registeredWorkplaces: workplaces,
    source: 'Ministry annual report (fictional)',
  })
  await StatisticsRepository.upsertMany(
    db,
    [
      row('XL', 2023, 610, 170, 0.41, 38_200, 91_400),
      row('XL', 2024, 640, 188, 0.42, 40_900, 93_100),
      row('XL', 2025, 655, 197, 0.43, 43_600, 94_800),
      row('XS', 2024, 212, 71, 0.52, 9_800, 14_300),
      row('XS', 2025, 220, 76, 0.53, 10_400, 14_900),
    ],
    actorId,
  )
}
