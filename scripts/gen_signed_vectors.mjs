#!/usr/bin/env node
// Generates MakerDAO-Median signed-report test vectors with ethers (an independent signer):
//   oracles/tests/data/signed_vectors.json  — single reports, valid and malformed, with their digests
//   fixtures/oracle/signed_*.json           — xmargin-oracle/1 fixtures with signed quotes
// Usage: npm ci --no-audit --no-fund && node scripts/gen_signed_vectors.mjs
// The private keys are fixed test keys (keccak256 of a label) and guard nothing. Output is
// deterministic (ECDSA nonces are RFC 6979), so re-running reproduces the committed files.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ethers } from "ethers";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;  // secp256k1 order

const keys = [1, 2, 3, 4, 5].map((i) => new ethers.Wallet(ethers.id(`xmargin oracle test signer ${i}`)));
const authorized = keys.slice(0, 4).map((w) => w.address.toLowerCase());  // signer 5 is not authorized

// Median's message: keccak256(abi.encodePacked(uint256 val, uint256 age, bytes32 wat)), then EIP-191.
function inner(valWad, age, wat) {
  return ethers.solidityPackedKeccak256(["uint256", "uint256", "bytes32"],
    [ethers.parseUnits(valWad, 18), age, ethers.encodeBytes32String(wat)]);
}
function sign(key, valWad, age, wat) {
  const h = inner(valWad, age, wat);
  return { inner: h, digest: ethers.hashMessage(ethers.getBytes(h)), signature: key.signMessageSync(ethers.getBytes(h)) };
}
const hex32 = (x) => ethers.toBeHex(x, 32).slice(2);
// The malleable twin (r, n − s, v flipped): the same signer mathematically, rejected as high-s.
function highS(sig) {
  const s = ethers.Signature.from(sig);
  return "0x" + s.r.slice(2) + hex32(N - BigInt(s.s)) + (s.v === 27 ? "1c" : "1b");
}
const withV = (sig, v) => sig.slice(0, 130) + v.toString(16).padStart(2, "0");
const withR = (sig, r) => "0x" + hex32(r) + sig.slice(66);

// ---- single vectors -------------------------------------------------------------------------
const T0 = 1767225600;  // 2026-01-01T00:00:00Z
const base = sign(keys[0], "3000.5", T0, "ETHUSD");
const other = sign(keys[4], "3000.5", T0, "ETHUSD");
const btc = sign(keys[0], "3000.5", T0, "BTCUSD");
const vectors = [];
const add = (name, key, val, age, wat, sig, expect, digest) =>
  vectors.push({ name, val, age, wat, signer: key.address.toLowerCase(), digest, signature: sig, expect });
// val of signer 3 is the largest WAD (2^255 - 1 wei): uint256 encoding of a full-width value.
for (const [i, val] of [["0", "3000.5"], ["1", "0.000000000000000001"], ["2", "57896044618658097711785492504343953926634992332820282019728.792003956564819967"], ["3", "42"]]) {
  const s = sign(keys[Number(i)], val, T0 + Number(i), "ETHUSD");
  add(`valid_signer_${Number(i) + 1}`, keys[Number(i)], val, T0 + Number(i), "ETHUSD", s.signature, "ok", s.digest);
}
add("high_s_twin", keys[0], "3000.5", T0, "ETHUSD", highS(base.signature), "high_s", base.digest);
add("v_29", keys[0], "3000.5", T0, "ETHUSD", withV(base.signature, 29), "bad_v", base.digest);
add("v_0", keys[0], "3000.5", T0, "ETHUSD", withV(base.signature, 0), "bad_v", base.digest);
add("truncated_64_bytes", keys[0], "3000.5", T0, "ETHUSD", base.signature.slice(0, 130), "bad_length", base.digest);
add("extra_byte", keys[0], "3000.5", T0, "ETHUSD", base.signature + "00", "bad_length", base.digest);
add("r_overflows_order", keys[0], "3000.5", T0, "ETHUSD", withR(base.signature, (1n << 256n) - 1n), "malformed", base.digest);
add("r_zero", keys[0], "3000.5", T0, "ETHUSD", withR(base.signature, 0n), "unrecoverable", base.digest);
add("tampered_val", keys[0], "3000.500000000000000001", T0, "ETHUSD", base.signature, "unauthorized_signer",
    sign(keys[0], "3000.500000000000000001", T0, "ETHUSD").digest);
add("tampered_age", keys[0], "3000.5", T0 + 1, "ETHUSD", base.signature, "unauthorized_signer",
    sign(keys[0], "3000.5", T0 + 1, "ETHUSD").digest);
add("unauthorized_signer_5", keys[4], "3000.5", T0, "ETHUSD", other.signature, "unauthorized_signer", other.digest);
add("signed_btcusd_claims_ethusd", keys[0], "3000.5", T0, "ETHUSD", btc.signature, "unauthorized_signer", base.digest);
add("foreign_wat_btcusd", keys[0], "3000.5", T0, "BTCUSD", btc.signature, "foreign_wat", btc.digest);

const out = {
  generator: "scripts/gen_signed_vectors.mjs (ethers " + ethers.version + ")",
  note: "MakerDAO Median reports: digest = keccak256(\"\\x19Ethereum Signed Message:\\n32\" ++ keccak256(abi.encodePacked(uint256 val, uint256 age, bytes32 wat))). 'expect' is the bad_signature detail when the feed is ETHUSD with signers 1-4 authorized; 'digest' is what ethers computed for the (val, age, wat) of the vector; 'signer' is the address of the key that made the signature.",
  feed_wat: "ETHUSD",
  authorized,
  vectors,
};
writeFileSync(join(root, "oracles/tests/data/signed_vectors.json"), JSON.stringify(out, null, 2) + "\n");

// ---- fixtures -------------------------------------------------------------------------------
const policy = (extra = {}) => ({
  sources: ["m1", "m2", "m3", "m4"], min_sources: 3, max_age_s: 60, max_future_s: 5,
  max_deviation: "0.05", wat: "ETHUSD", signers: authorized, require_signatures: true, ...extra,
});
const q = (source, key, price, ts, wat = "ETHUSD", signedWat = wat) =>
  ({ source, price, ts, wat, signature: sign(key, price, ts, signedWat).signature });
function fixture(file, note, rounds, extra = {}) {
  const doc = { format: "xmargin-oracle/1", note: note + " Signatures by ethers " + ethers.version +
    " (scripts/gen_signed_vectors.mjs).", assets: { ETH: policy(extra) }, rounds };
  writeFileSync(join(root, "fixtures/oracle", file), JSON.stringify(doc, null, 2) + "\n");
}
const [k1, k2, k3, k4, k5] = keys;

fixture("signed_ok.json",
  "Four authorized signers, two rounds. Round 1: 3000, 3001, 3002.5, 3004 -> even count, median floor((3001+3002.5)/2) = 3001.75; p25 = q[1] = 3001, p75 = q[2] = 3002.5, conf = max(0.75, 0.75) = 0.75. Round 2 (newer ages): 3010, 3011, 3012, 3013 -> median 3011.5, conf max(0.5, 0.5) = 0.5.",
  [{ now: T0, quotes: { ETH: [q("m1", k1, "3000", T0), q("m2", k2, "3001", T0), q("m3", k3, "3002.5", T0), q("m4", k4, "3004", T0)] },
     expect: { ETH: { status: "ok", price: "3001.75", conf: "0.75", used: ["m1", "m2", "m3", "m4"], dropped: [] } } },
   { now: T0 + 10, quotes: { ETH: [q("m1", k1, "3010", T0 + 9), q("m2", k2, "3011", T0 + 9), q("m3", k3, "3012", T0 + 9), q("m4", k4, "3013", T0 + 9)] },
     expect: { ETH: { status: "ok", price: "3011.5", conf: "0.5", used: ["m1", "m2", "m3", "m4"], dropped: [] } } }]);

const tampered = q("m4", k4, "3004", T0);
tampered.price = "3999";  // signature was made over 3004
fixture("signed_tampered.json",
  "m4's report was signed over val 3004 but claims 3999: the recovered address is some other key, not authorized. The other three: 3000, 3001, 3002 -> median 3001, conf max(3001-3000, 3002-3001) = 1 (n=3: p25 = q[0], p75 = q[2]).",
  [{ now: T0, quotes: { ETH: [q("m1", k1, "3000", T0), q("m2", k2, "3001", T0), q("m3", k3, "3002", T0), tampered] },
     expect: { ETH: { status: "degraded", price: "3001", conf: "1", used: ["m1", "m2", "m3"], dropped: ["m4:bad_signature:unauthorized_signer"] } } }]);

const twin = q("m3", k3, "3002", T0);
twin.signature = highS(twin.signature);
fixture("signed_high_s.json",
  "m3 sends the high-s twin (r, n - s, v flipped) of a valid signature: ecrecover would accept it, Median-style checks reject it. m1, m2, m4: 3000, 3001, 3003 -> median 3001, conf max(1, 2) = 2.",
  [{ now: T0, quotes: { ETH: [q("m1", k1, "3000", T0), q("m2", k2, "3001", T0), twin, q("m4", k4, "3003", T0)] },
     expect: { ETH: { status: "degraded", price: "3001", conf: "2", used: ["m1", "m2", "m4"], dropped: ["m3:bad_signature:high_s"] } } }]);

const r1 = [q("m1", k1, "3000", T0), q("m2", k2, "3001", T0), q("m3", k3, "3002", T0), q("m4", k4, "3003", T0)];
fixture("signed_replayed.json",
  "Round 1 accepts all four (median floor((3001+3002)/2) = 3001.5, conf max(0.5, 0.5) = 0.5). Round 2 replays m1's round-1 report byte for byte (age not newer than m1's last accepted age) and m2 signs an age older than its last; only m3 (3010) and m4 (3012) remain, below min_sources 3 -> insufficient, no price.",
  [{ now: T0, quotes: { ETH: r1 }, expect: { ETH: { status: "ok", price: "3001.5", conf: "0.5" } } },
   { now: T0 + 10, quotes: { ETH: [r1[0], q("m2", k2, "3011", T0 - 1), q("m3", k3, "3010", T0 + 10), q("m4", k4, "3012", T0 + 10)] },
     expect: { ETH: { status: "insufficient", price: null, used: ["m3", "m4"],
       dropped: ["m1:bad_signature:age_not_newer", "m2:bad_signature:age_not_newer"] } } }]);

fixture("signed_duplicate.json",
  "Signer 1 reports under m1 and again under m2 in one round (one signer per slot, as Median's bloom check): the second is dropped. m1, m3, m4: 3000, 3002, 3004 -> median 3002, conf max(2, 2) = 2.",
  [{ now: T0, quotes: { ETH: [q("m1", k1, "3000", T0), q("m2", k1, "3001", T0 + 1), q("m3", k3, "3002", T0), q("m4", k4, "3004", T0)] },
     expect: { ETH: { status: "degraded", price: "3002", conf: "2", used: ["m1", "m3", "m4"], dropped: ["m2:bad_signature:duplicate_signer"] } } }]);

fixture("signed_wrong_wat.json",
  "m2 sends a report for feed BTCUSD (claimed and signed): foreign_wat. m3 claims ETHUSD but signed over BTCUSD: recovery yields an unauthorized address. Two left (m1 3000, m4 3004) < min_sources 3 -> insufficient.",
  [{ now: T0, quotes: { ETH: [q("m1", k1, "3000", T0), q("m2", k2, "3001", T0, "BTCUSD"), q("m3", k3, "3002", T0, "ETHUSD", "BTCUSD"), q("m4", k4, "3004", T0)] },
     expect: { ETH: { status: "insufficient", price: null, used: ["m1", "m4"],
       dropped: ["m2:bad_signature:foreign_wat", "m3:bad_signature:unauthorized_signer"] } } }]);

fixture("signed_unauthorized.json",
  "m4's report is validly signed by signer 5, who is not in the authorized set. m1..m3: 3000, 3001, 3002 -> median 3001, conf 1.",
  [{ now: T0, quotes: { ETH: [q("m1", k1, "3000", T0), q("m2", k2, "3001", T0), q("m3", k3, "3002", T0), q("m4", k5, "3001", T0)] },
     expect: { ETH: { status: "degraded", price: "3001", conf: "1", used: ["m1", "m2", "m3"], dropped: ["m4:bad_signature:unauthorized_signer"] } } }]);

const unsigned = { source: "m4", price: "3003", ts: T0 };
const futureSigned = q("m3", k3, "3002", T0 + 6);
fixture("signed_missing_and_future.json",
  "require_signatures: m4's unsigned quote is bad_signature:missing_signature. m3's correctly signed report has age now+6 > now + max_future_s (5): dropped as future (checked before signatures). m1, m2 left < 3 -> insufficient.",
  [{ now: T0, quotes: { ETH: [q("m1", k1, "3000", T0), q("m2", k2, "3001", T0), futureSigned, unsigned] },
     expect: { ETH: { status: "insufficient", price: null, used: ["m1", "m2"], dropped: ["m3:future", "m4:bad_signature:missing_signature"] } } }]);

console.log(`wrote ${vectors.length} vectors and 8 signed fixtures`);
