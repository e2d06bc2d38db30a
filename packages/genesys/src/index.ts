export { connectGenesys } from './client.js';
export { GenesysError, type GenesysErrorKind, isGenesysError } from './genesys-error.js';
export type {
  ClientStats,
  DirectoryUser,
  GenesysClient,
  GenesysOptions,
  Group,
  Logger,
  Mailbox,
  Recipient,
  UserState,
  Voicemail,
} from './types.js';
