/** Anything that can hold a secret is redacted before it reaches a log line, in every process. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-device-token"]',
  'req.headers["x-twilio-signature"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.authToken',
  // A failed query carries its bound values, and Postgres's detail quotes the failing row
  // ("Failing row contains (...)"): either can hold a password hash, a token hash or a phone number.
  'err.parameters',
  'err.detail',
  'err.driverError.detail',
];
