/**
 * Child process of the benches: the ceiling. The same Fastify as the MEP, no database, no auth, no validation:
 * `/ping` returns one small object; `/bytes/:n` returns n bytes of JSON text, built once per size (the ceiling for
 * an answer as large as the MEP's full service list); `POST /echo` parses a JSON body and answers 201 with it, an id
 * and a Location (the ceiling for a registration: HTTP and JSON in and out, nothing stored).
 */
import { randomUUID } from "crypto";
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
  app.post("/echo", async (request, reply) => {
    const id = randomUUID();
    return reply.code(201).header("location", `/echo/${id}`).send({ ...(request.body as object), id });
  });
  await app.listen({ host: "127.0.0.1", port: Number(process.env.BENCH_PORT) });
  return () => app.close();
});
