export type { ChainStatus } from './chain-status.js';
export { PortalError, type PortalErrorCode } from './errors.js';
export type { Logger } from './logger.js';
export { DEFAULT_SCRYPT, hashPassword, verifyPassword } from './password.js';
export { DEFAULT_SESSIONS, type SessionPolicy } from './sessions.js';
export {
  DEFAULT_LOGIN_LIMIT,
  type LoginLimit,
  type PortalOptions,
  type RunningPortal,
  startPortal,
} from './start-portal.js';
export { addPortalUser, MIN_PASSWORD_LENGTH } from './users.js';
