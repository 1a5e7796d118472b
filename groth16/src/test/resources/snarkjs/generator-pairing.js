// Prints e(G1, G2) and e([a]G1, [b]G2) on BN254 as computed by ffjavascript (snarkjs's own field and
// pairing library), in snarkjs's F12 JSON layout: an independent known answer for the Java pairing.
//   usage: NODE_PATH=/tmp/g16fx/node_modules node generator-pairing.js > generator-pairing.json
const { getCurveFromName } = require("ffjavascript");
(async () => {
  const curve = await getCurveFromName("bn128", true);
  const a = 1234567891011121314151617181920n, b = 98765432109876543210n;
  const pA = curve.G1.timesScalar(curve.G1.g, a), qB = curve.G2.timesScalar(curve.G2.g, b);
  const out = {
    a: a.toString(), b: b.toString(),
    e_g1_g2: curve.Gt.toObject(curve.pairing(curve.G1.g, curve.G2.g)),
    e_aG1_bG2: curve.Gt.toObject(curve.pairing(pA, qB)),
  };
  const str = (x) => Array.isArray(x) ? x.map(str) : x.toString();
  console.log(JSON.stringify({ a: out.a, b: out.b, e_g1_g2: str(out.e_g1_g2), e_aG1_bG2: str(out.e_aG1_bG2) }, null, 1));
  await curve.terminate();
})();
