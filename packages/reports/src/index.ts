export { REPORT_COLUMNS } from './columns.js';
export { neutraliseCell } from './neutralise-cell.js';
export { renderReport } from './render-report.js';
export { reportFileName } from './report-file-name.js';
export { sha256File } from './sha256-file.js';
export { type ChainCheck, verifyChain } from './verify-chain.js';
export { type WrittenReport, writeReport } from './write-report.js';
