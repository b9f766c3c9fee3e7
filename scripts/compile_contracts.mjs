// Compiles chains/evm/contracts/*.sol with solc-js (npm `solc`, pinned; no compiler download) and
// writes one JSON per deployable contract to chains/evm/build/<Name>.json: {contract, abi, bytecode,
// solc, settings_digest}. The artifacts are committed, so builds and tests need no compiler;
// `--check` recompiles and fails (exit 1) if a committed artifact differs from a fresh compile.
//   node scripts/compile_contracts.mjs [--check]      (from the repository root, after npm ci)
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const solc = require("solc");

const SRC = "chains/evm/contracts";
const OUT = "chains/evm/build";
const DEPLOYABLE = ["MarginReference", "TestToken", "MockAggregator"];
const check = process.argv.includes("--check");

const sources = {};
for (const f of readdirSync(SRC).filter((f) => f.endsWith(".sol")).sort()) {
  sources[`contracts/${f}`] = { content: readFileSync(join(SRC, f), "utf8") };
}
const settings = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: "cancun",
  outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
};
const input = { language: "Solidity", sources, settings };

// Imports resolve to the local node_modules only (OpenZeppelin); nothing is fetched.
function findImports(path) {
  const local = path.startsWith("contracts/") ? join(SRC, path.slice("contracts/".length)) : join("node_modules", path);
  return existsSync(local) ? { contents: readFileSync(local, "utf8") } : { error: `not found: ${path}` };
}

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (output.errors || []).filter((e) => e.severity === "error");
for (const e of output.errors || []) console.error(e.formattedMessage);
if (errors.length) process.exit(1);

const settingsDigest = createHash("sha256").update(JSON.stringify({ sources, settings })).digest("hex");
mkdirSync(OUT, { recursive: true });
let stale = 0;
for (const [file, contracts] of Object.entries(output.contracts)) {
  for (const [name, c] of Object.entries(contracts)) {
    if (!DEPLOYABLE.includes(name)) continue;
    const artifact = JSON.stringify({
      contract: name, source: file, solc: solc.version(), settings_digest: settingsDigest,
      abi: c.abi, bytecode: "0x" + c.evm.bytecode.object,
    }, null, 1) + "\n";
    const path = join(OUT, `${name}.json`);
    if (check) {
      const committed = existsSync(path) ? readFileSync(path, "utf8") : "";
      if (committed !== artifact) { console.error(`stale artifact: ${path} (run node scripts/compile_contracts.mjs)`); stale++; }
    } else {
      writeFileSync(path, artifact);
      console.log(`wrote ${path} (${c.evm.bytecode.object.length / 2} bytes)`);
    }
  }
}
if (check) {
  if (stale) process.exit(1);
  console.log(`artifacts up to date (solc ${solc.version()})`);
}
