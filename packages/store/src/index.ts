export { LockHeldError, StoreError, type StoreErrorCode } from './errors.js';
export { forwardKey } from './forward-key.js';
export type { LeaverInput } from './leavers.js';
export { DEFAULT_STALE_AFTER_MS } from './lock.js';
export type { Logger } from './logger.js';
export { type OpenStoreOptions, openStore, type Store } from './open-store.js';
export type { AddPortalUserInput } from './portal.js';
export { emptyRunCounts, type FinishRunInput, type StartRunInput } from './runs.js';
export type {
  ForwardKey,
  ForwardPair,
  ForwardStatus,
  LeaverRecord,
  LockHolderInput,
  Outcome,
  PlannedForward,
  PortalCredentials,
  PortalDownload,
  PortalPasswordParams,
  PortalSession,
  PortalUser,
  ReportItem,
  RunCounts,
  RunLock,
  RunMode,
  RunRecord,
  RunStatus,
  RunTrigger,
} from './types.js';
export { OUTCOMES } from './types.js';
