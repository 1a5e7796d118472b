#!/usr/bin/env bash
# Regenerates the snarkjs Groth16 fixtures beside this script with the real tools (circom2 and
# snarkjs 0.7.6 from npm): a local powers of tau, a per-circuit setup, a witness, a proof, and
# snarkjs's own verdict. Tests only read the resulting JSON; they never need Node.
#   usage: ./make-fixtures.sh [work dir, default /tmp/g16fx]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="${1:-/tmp/g16fx}"
mkdir -p "$work" && cd "$work"
[ -x node_modules/.bin/snarkjs ] || { npm init -y >/dev/null; npm install snarkjs@0.7.6 circom2; }
snarkjs=node_modules/.bin/snarkjs
circom=node_modules/.bin/circom2

$snarkjs powersoftau new bn128 10 pot0.ptau
$snarkjs powersoftau contribute pot0.ptau pot1.ptau --name=zkml4j-fixtures -e="zkml4j fixture entropy $(date +%s%N)"
$snarkjs powersoftau prepare phase2 pot1.ptau pot.ptau

prove() {  # name, input json
  local name=$1 input=$2
  $circom "$here/circuits/$name.circom" --r1cs --wasm -o .
  $snarkjs groth16 setup "$name.r1cs" pot.ptau "${name}_0.zkey"
  $snarkjs zkey contribute "${name}_0.zkey" "$name.zkey" --name=zkml4j -e="zkml4j $name $(date +%s%N)"
  $snarkjs zkey export verificationkey "$name.zkey" "$here/$name/verification_key.json"
  echo "$input" > "$name.input.json"
  node "${name}_js/generate_witness.js" "${name}_js/$name.wasm" "$name.input.json" "$name.wtns"
  $snarkjs groth16 prove "$name.zkey" "$name.wtns" "$here/$name/proof.json" "$here/$name/public.json"
  $snarkjs groth16 verify "$here/$name/verification_key.json" "$here/$name/public.json" "$here/$name/proof.json"
}
mkdir -p "$here/multiplier" "$here/dense8" "$here/quantized_relu"
prove multiplier '{"a": "3", "b": "11"}'
prove dense8 '{"x": ["5", "-2", "9", "4"]}'
prove quantized_relu '{"x": ["20", "-3", "8"], "sum_x": "25"}'
