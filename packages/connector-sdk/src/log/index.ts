export { createLogger, type LoggerOptions } from './create-logger.js';
export * from './logger.js';
export { isSensitiveKey, REDACTED, redactText, redactValue } from './redact.js';
export * from './secrets.js';
export { plainText, terminalSafeJson } from './plain-text.js';
