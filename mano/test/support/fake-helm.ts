/**
 * A stand-in for the helm (or kubectl) CLI: a real executable the Edge MANO runs as it would run helm. It records
 * each call's arguments and standard input (kubectl's Secret manifest) and does what the test says through files
 * beside it: fail (exit 1 with helm's kind of message), take a while (sleep) before answering, or print a canned
 * answer to `get <resource>` (FakeKubectl's node and pod lists).
 */
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { scratchDir } from "../../../mep/test/support/scratch";

const SCRIPT = `#!/bin/sh
dir=$(dirname "$0")
echo "$*" >> "$dir/calls"
cat > "$dir/last-input"
if [ -f "$dir/delay-seconds" ]; then sleep "$(cat "$dir/delay-seconds")"; fi
if [ -f "$dir/fail" ]; then echo "Error: $1 failed: $(cat "$dir/fail")" >&2; exit 1; fi
if [ "$1" = get ] && [ -f "$dir/get-$2.json" ]; then cat "$dir/get-$2.json"; fi
exit 0
`;

export class FakeHelm {
  readonly dir = scratchDir("fake-helm");
  readonly binary: string;

  constructor(name = "helm") {
    this.binary = join(this.dir, name);
    writeFileSync(this.binary, SCRIPT);
    chmodSync(this.binary, 0o755);
  }

  /** Each call's arguments, one string per call, oldest first. */
  calls(): string[] {
    const file = join(this.dir, "calls");
    return existsSync(file) ? readFileSync(file, "utf8").trim().split("\n") : [];
  }

  /** What the last call read on its standard input. */
  lastInput(): string {
    return readFileSync(join(this.dir, "last-input"), "utf8");
  }

  /** Every call from now on fails, saying `why`; undefined: calls succeed again. */
  failWith(why: string | undefined) {
    if (why === undefined) rmSync(join(this.dir, "fail"), { force: true });
    else writeFileSync(join(this.dir, "fail"), why);
  }

  /** Every call from now on takes this long; 0: answers at once. */
  delay(seconds: number) {
    if (seconds === 0) rmSync(join(this.dir, "delay-seconds"), { force: true });
    else writeFileSync(join(this.dir, "delay-seconds"), String(seconds));
  }
}
