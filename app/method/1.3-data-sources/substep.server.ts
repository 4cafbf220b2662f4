import { present, worksheetTable } from '../../exports/compose/context.ts'
import { loadCountryStatistics } from '../../statistics/load.server.ts'
import { defineSubstep } from '../define.server.ts'
import { worksheet } from './worksheet.ts'

export const dataSources = defineSubstep({
  worksheet,
  // The plan country's published inspection statistics, shown beside the catalogue of sources.
  load: loadCountryStatistics,
  /** Done when at least one data source is catalogued and every source has a quality rating. */
  progress: (content) => {
    const items = content.items('data_source')
    if (items.length === 0) return { status: 'not_started', missing: ['progress.missing.noDataSources'] }
    return items.some((i) => !i.data.quality)
      ? { status: 'in_progress', missing: ['progress.missing.qualityUnrated'] }
      : { status: 'done', missing: [] }
  },
  exportSection: (ctx) => present([worksheetTable(ctx, 'data_source')]),
})
