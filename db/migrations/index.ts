import { type Migration } from 'kysely'
import * as foundation from './2026_11_23_1100_foundation.ts'
import * as collabDocuments from './2026_11_23_1105_collab_documents.ts'
import * as worksheets from './2026_11_23_1130_worksheets.ts'
import * as lifecycle from './2026_11_23_1200_lifecycle.ts'
import * as measurements from './2026_11_23_1210_measurements.ts'
import * as dashboardIndexes from './2026_11_23_1220_dashboard_indexes.ts'
import * as planChangeNotify from './2026_11_23_1300_plan_change_notify.ts'
import * as indicatorLatest from './2026_11_23_1310_indicator_latest.ts'
import * as inspectionStatistics from './2026_11_23_1320_inspection_statistics.ts'
import * as nodeCategory from './2026_11_23_1340_node_category.ts'
import * as planSummaries from './2026_11_23_1370_plan_summaries.ts'
import * as notifyMonitoringAndEndorsements from './2026_11_23_1371_notify_monitoring_and_endorsements.ts'
import * as substepSignoffs from './2026_12_06_1020_substep_signoffs.ts'
import * as measurementValueRange from './2026_12_06_1030_measurement_value_range.ts'
import * as defaultCriteria from './2026_12_06_1060_default_criteria.ts'
import * as reviewLifecycle from './2026_12_06_1000_review_lifecycle.ts'
import * as idempotencyKeys from './2026_12_06_1100_idempotency_keys.ts'
import * as completionFreshness from './2026_12_07_1130_completion_freshness.ts'
import * as collabFanout from './2026_12_07_1200_collab_fanout.ts'
import * as complianceMonths from './2026_12_07_1800_compliance_months.ts'
import * as notifications from './2026_12_08_0900_notifications.ts'
import * as mail from './2026_12_08_1000_mail.ts'
import * as collabAuthors from './2026_12_08_1200_collab_authors.ts'
import * as organisationSignIn from './2026_12_08_1300_organisation_sign_in.ts'
import * as twoFactor from './2026_12_08_1400_two_factor.ts'

// Every migration, by name. Names sort in the order they must run (UTC timestamp prefix).
export const migrations: Record<string, Migration> = {
  '2026_11_23_1100_foundation': foundation,
  '2026_11_23_1105_collab_documents': collabDocuments,
  '2026_11_23_1130_worksheets': worksheets,
  '2026_11_23_1200_lifecycle': lifecycle,
  '2026_11_23_1210_measurements': measurements,
  '2026_11_23_1220_dashboard_indexes': dashboardIndexes,
  '2026_11_23_1300_plan_change_notify': planChangeNotify,
  '2026_11_23_1310_indicator_latest': indicatorLatest,
  '2026_11_23_1320_inspection_statistics': inspectionStatistics,
  '2026_11_23_1340_node_category': nodeCategory,
  '2026_11_23_1370_plan_summaries': planSummaries,
  '2026_11_23_1371_notify_monitoring_and_endorsements': notifyMonitoringAndEndorsements,
  '2026_12_06_1020_substep_signoffs': substepSignoffs,
  '2026_12_06_1030_measurement_value_range': measurementValueRange,
  '2026_12_06_1060_default_criteria': defaultCriteria,
  '2026_12_06_1000_review_lifecycle': reviewLifecycle,
  '2026_12_06_1100_idempotency_keys': idempotencyKeys,
  '2026_12_07_1130_completion_freshness': completionFreshness,
  '2026_12_07_1200_collab_fanout': collabFanout,
  '2026_12_07_1800_compliance_months': complianceMonths,
  '2026_12_08_0900_notifications': notifications,
  '2026_12_08_1000_mail': mail,
  '2026_12_08_1200_collab_authors': collabAuthors,
  '2026_12_08_1300_organisation_sign_in': organisationSignIn,
  '2026_12_08_1400_two_factor': twoFactor,
}
