/** The report: ReportData (types), its collection from a workspace, and the HTML renderer. */
export * from './types.js';
export { collectReportData, type CollectOptions } from './collect.js';
export { renderReport, echartsBundle } from './render.js';
export { UI, LABELS, ui } from './i18n.js';
