/*
 * A V8 CPU profile of the timed synth phase alone (module loading left out), written where BENCH_CPU_PROFILE says:
 * `run.ts --profile DIR` sets it for both sides, so their profiles compare like with like.
 */
import { writeFileSync } from "fs";
import { Session } from "inspector";

/** Starts profiling when BENCH_CPU_PROFILE is set; the returned function stops and writes the profile. */
export function startPhaseProfile(): () => void {
  const file = process.env.BENCH_CPU_PROFILE;
  if (!file) return () => undefined;
  const session = new Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 200 });
  session.post("Profiler.start");
  return () =>
    session.post("Profiler.stop", (err, result) => {
      if (err) throw err;
      writeFileSync(file, JSON.stringify(result.profile));
      session.disconnect();
    });
}
