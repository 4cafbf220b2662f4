import { type KindSpec } from '../worksheets/spec.ts'

/** Risks and issues noted while implementing (monitoring page). */
export const riskNoteSpec: KindSpec = {
  kind: 'risk_note',
  substep: '6.2',
  refPrefix: 'RN',
  titleField: 'note',
  fields: [
    { name: 'note', type: 'longtext', required: true, max: 2000 },
    { name: 'severity', type: 'enum', options: ['low', 'medium', 'high'], required: true },
    { name: 'period', type: 'text', max: 20 },
    { name: 'activity', type: 'link', kind: 'activity' },
    { name: 'response', type: 'longtext', max: 2000 },
  ],
  columns: ['period', 'severity', 'note', 'activity', 'response'],
}
