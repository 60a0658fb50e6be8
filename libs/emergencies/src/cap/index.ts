export * from './cap.model.js';
export * from './cap-time.js';
export { capAlertKey, checkCapAlert, formatReferences, parseReferences, referenceTo } from './cap-rules.js';
export { CapValidationError, escapeXml, toCapXml } from './cap-xml-writer.js';
export { parseCapXml, type CapParseResult } from './cap-xml-reader.js';
export * from './cap-geocodes.js';
export * from './cap-atom.js';
