/**
 * The load client is one address opening thousands of sockets that each ask many questions, so the limits that
 * protect a real server from one address or one socket would throttle the bench itself. Every bench server
 * lifts the same ones.
 */
export const LOAD_CLIENT_LIMITS = {
  maxConnectionsPerIp: 1_000_000,
  framesPerMinutePerIp: 1_000_000_000,
  framesPerSecondPerConnection: 1000,
  frameBurstPerConnection: 1000,
  maxWaitingPerIp: 1_000_000,
  maxWaitingTotal: 1_000_000,
} as const;
