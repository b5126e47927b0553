/**
 * Child process of the benches: the ceiling. The same Fastify as the MEP, no database, no auth, no validation:
 * `/ping` returns one small object; `/bytes/:n` returns n bytes of JSON text, built once per size (the ceiling for
 * an answer as large as the MEP's full service list).
 */
import Fastify from "fastify";
import { serveBenchTarget } from "./child-protocol";

serveBenchTarget(async () => {
  const app = Fastify({ logger: false });
  app.get("/ping", async () => ({ status: "ok" }));
  const payloads = new Map<number, Buffer>();
  app.get("/bytes/:n", async (request, reply) => {
    const n = Number((request.params as { n: string }).n);
    let payload = payloads.get(n);
    if (!payload) payloads.set(n, (payload = Buffer.from(`"${"x".repeat(Math.max(0, n - 2))}"`)));
    return reply.type("application/json; charset=utf-8").send(payload);
  });
  await app.listen({ host: "127.0.0.1", port: Number(process.env.BENCH_PORT) });
  return () => app.close();
});
