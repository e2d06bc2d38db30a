import type { ForwardKey } from './types.js';

/** The map key of a (message, recipient) pair: `${messageId} ${recipientType} ${recipientId}`. */
export function forwardKey(key: ForwardKey): string {
  return `${key.messageId} ${key.recipientType} ${key.recipientId}`;
}
