import http from 'node:http';
import https from 'node:https';

/**
 * How long a pooled socket may sit idle before the client closes it. Servers close idle keep-alive
 * connections on their own clock (Node 5 s, nginx 75 s, load balancers 60 s); a request written on a
 * socket the server is closing at that moment fails with ECONNRESET after it was sent, which an SMS
 * must record as 'unknown' (never sent twice). Node applies a server's `Keep-Alive: timeout=N` hint
 * (minus a second) only when the agent has a timeout of its own, so without one an idle socket lived
 * until reused and bursts after a lull lost SMS to that race (the emergency bench: 10 of 100,000).
 */
export const IDLE_SOCKET_TIMEOUT_MS = 4_000;

export interface KeepAliveAgents {
  http: http.Agent;
  https: https.Agent;
}

/** One keep-alive pool per scheme, most recently used socket first, idle sockets closed by the client. */
export function keepAliveAgents(maxSockets: number, idleTimeoutMs = IDLE_SOCKET_TIMEOUT_MS): KeepAliveAgents {
  // `timeout` is also the socket's inactivity timer while a request is in flight: there it only emits
  // 'timeout', which the clients ignore (each has its own request deadline).
  const options = { keepAlive: true, maxSockets, scheduling: 'lifo' as const, timeout: idleTimeoutMs };
  return { http: new http.Agent(options), https: new https.Agent(options) };
}
