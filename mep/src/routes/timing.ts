/** Time of day (clauses 7.2.5 mecTimingCaps, 7.2.6 mecCurrentTime). */
import { isIP } from "net";
import type { FastifyInstance } from "fastify";
import type { Context } from "../context";
import { APP_SUPPORT } from "../links";

const tags = ["timing"];

function now() {
  const ms = Date.now();
  return { seconds: Math.floor(ms / 1000), nanoSeconds: (ms % 1000) * 1_000_000 };
}

export function timingRoutes(app: FastifyInstance, ctx: Context) {
  // MEP_NTP_SERVERS lists the NTP servers the platform's clock follows; the poll range is NTP's default (2^6..2^10 s).
  const ntpServers = ctx.config.ntpServers.map((server, i) => ({
    ntpServerAddrType: isIP(server) ? "IP_ADDRESS" : "DNS_NAME",
    ntpServerAddr: server,
    minPollingInterval: 6,
    maxPollingInterval: 10,
    localPriority: i + 1,
    authenticationOption: "NONE",
    authenticationKeyNum: 0,
  }));

  app.get(`${APP_SUPPORT}/timing/timing_caps`, {
    config: { auth: "any", openapi: { summary: "Read the platform's timing capabilities", tags, responses: { 200: "TimingCaps" } } },
  }, async () => ({ timeStamp: now(), ...(ntpServers.length ? { ntpServers } : {}) }));

  app.get(`${APP_SUPPORT}/timing/current_time`, {
    config: { auth: "any", openapi: { summary: "Read the platform time", tags, responses: { 200: "CurrentTime" } } },
  }, async () => ({ ...now(), timeSourceStatus: ctx.config.timeSourceStatus }));
}
