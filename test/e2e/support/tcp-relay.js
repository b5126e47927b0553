#!/usr/bin/env node
/*
 * Relays TCP connections: node tcp-relay.js FROM=TO... with each side `tcp:HOST:PORT` or `unix:PATH`. Started twice
 * for a test-bed node (support/openstack-relay.ts): inside the node's network namespace, from 127.0.0.1:PORT to a
 * Unix socket, and on the host from that socket to 127.0.0.1:PORT, where the test bed's OpenStack APIs listen. Exits
 * on TERM; prints "ready" once every listener is up.
 */
"use strict";
const net = require("net");
const fs = require("fs");

const endpoint = (spec) => {
  const [kind, ...rest] = spec.split(":");
  if (kind === "unix") return { path: rest.join(":") };
  if (kind === "tcp") return { host: rest[0], port: Number(rest[1]) };
  throw new Error(`not tcp:HOST:PORT or unix:PATH: ${spec}`);
};
const servers = process.argv.slice(2).map((pair) => {
  const [from, to] = pair.split("=").map(endpoint);
  if (from.path) fs.rmSync(from.path, { force: true });
  const server = net.createServer((client) => {
    const upstream = net.connect(to);
    client.pipe(upstream).pipe(client);
    const end = () => { client.destroy(); upstream.destroy(); };
    client.on("error", end);
    upstream.on("error", end);
  });
  return new Promise((resolve, reject) => server.once("error", reject).listen(from, () => resolve(server)));
});
Promise.all(servers).then(() => console.log("ready"), (error) => { console.error(error.message); process.exit(1); });
process.on("SIGTERM", () => process.exit(0));
