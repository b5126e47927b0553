/**
 * Child process of the benches: the ceiling. The same Fastify as the MEP, one route returning one small object,
 * no database, no auth, no validation.
 */
import Fastify from "fastify";
import { serveBenchTarget } from "./child-protocol";

serveBenchTarget(async () => {
  const app = Fastify({ logger: false });
  app.get("/ping", async () => ({ status: "ok" }));
  await app.listen({ host: "127.0.0.1", port: Number(process.env.BENCH_PORT) });
  return () => app.close();
});
