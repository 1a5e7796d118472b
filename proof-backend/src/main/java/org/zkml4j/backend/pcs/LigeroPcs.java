package org.zkml4j.backend.pcs;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.field.GoldilocksExt;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.merkle.MerkleTree;
import org.zkml4j.backend.merkle.MerkleVerifier;
import org.zkml4j.backend.ntt.Ntt;
import org.zkml4j.backend.ntt.ReedSolomon;
import org.zkml4j.backend.transcript.Transcript;

/**
 * A hiding, transparent polynomial commitment in the Ligero/Brakedown family over Reed–Solomon
 * codes, with every claim on a commitment proven by one batched opening.
 *
 * <p><b>Commit.</b> The vectors are laid out as rows of a matrix (see {@link LigeroLayout}); each
 * row becomes the polynomial whose coefficients are the data followed by t random ones, and is
 * evaluated on a multiplicative subgroup L of size N. Three random mask rows are added: R_ld
 * (proximity mask), R_a and R_b (linear-check mask R_lin = R_a + X^cols·R_b, whose X^(cols−1)
 * coefficient is zero). Column j of the encoded matrix, with a 16-byte salt, is Merkle leaf j.
 *
 * <p><b>Open.</b> After absorbing the commitment and the claims, the verifier draws γ (one per row
 * but R_ld) and α (one per claim). The prover sends u = R_ld + Σ γ_i·P_i (proximity test) and
 * q = R_lin + Σ_c α_c·Ã_c·U_c, where U_c = Σ_i r_c,i·P_i folds the claim's rows and Ã_c its
 * column weights (a claim combining several terms adds one such product per term, scaled by the
 * term's coefficient); the X^(cols−1) coefficient of q is then Σ_c α_c·value_c. Both are absorbed, t
 * column indices are drawn, and the prover opens those columns. The verifier checks the
 * coefficient, the Merkle paths, and u and q against the opened columns.
 *
 * <p><b>Soundness</b> (docs/soundness.md): error ≤ N/|F_ext| + 1/|F_ext| + ((1 + ρ_q)/2)^t with
 * ρ_q = (2·cols + t)/N, unique-decoding regime. <b>Hiding</b>: u and q are uniformly masked, and
 * each opened column is uniform because every row has t random coefficients; only the claimed
 * values are revealed. A commitment may be opened once ({@link IllegalStateException} otherwise).
 */
public final class LigeroPcs implements PolynomialCommitment {
    private static final int PARALLEL_ROWS = 8;
    private final PcsParameters params;

    public LigeroPcs(PcsParameters params) {
        this.params = params;
    }

    public PcsParameters parameters() {
        return params;
    }

    /** The proven soundness of openings for vectors of these lengths, in bits. */
    public double soundnessBits(int... vectorLengths) {
        return LigeroLayout.plan(vectorLengths, params).soundnessBits();
    }

    @Override
    public LigeroProverData commit(List<long[]> vectors, RandomGenerator rng) {
        return commit(vectors, params, 1, rng);
    }

    /** Commits with room for {@code budget} openings: budget·t random coefficients per row, three mask rows per slot. */
    static LigeroProverData commit(List<long[]> vectors, PcsParameters params, int budget, RandomGenerator rng) {
        int[] lengths = vectors.stream().mapToInt(v -> v.length).toArray();
        LigeroLayout layout = LigeroLayout.plan(lengths, params, budget);
        int cols = layout.cols();
        long[][] coefficients = new long[layout.totalRows()][];
        for (int v = 0; v < vectors.size(); v++) {
            long[] data = vectors.get(v);
            for (int r = 0; r < layout.rowCount()[v]; r++) {
                long[] row = new long[layout.rowLength()];
                int from = r * cols;
                int n = Math.min(cols, data.length - from);
                for (int j = 0; j < n; j++) {
                    long e = data[from + j];
                    if (!Goldilocks.isCanonical(e)) {
                        throw new IllegalArgumentException("vector " + v + " entry " + (from + j) + " is not canonical");
                    }
                    row[j] = e;
                }
                fillRandom(row, cols, row.length, rng);
                coefficients[layout.firstRow()[v] + r] = row;
            }
        }
        for (int slot = 0; slot < budget; slot++) {
            long[] proximityMask = new long[layout.rowLength()];
            fillRandom(proximityMask, 0, proximityMask.length, rng);
            long[] linearLow = new long[layout.rowLength()];
            fillRandom(linearLow, 0, linearLow.length, rng);
            linearLow[cols - 1] = 0; // R_lin has no X^(cols−1) term, so it does not shift the batched value
            long[] linearHigh = new long[layout.rowLength() - 1];
            fillRandom(linearHigh, 0, linearHigh.length, rng);
            coefficients[layout.proximityMaskRow(slot)] = proximityMask;
            coefficients[layout.linearMaskLowRow(slot)] = linearLow;
            coefficients[layout.linearMaskHighRow(slot)] = linearHigh;
        }

        byte[][] salts = new byte[layout.domain()][MerkleTree.SALT_BYTES];
        for (byte[] salt : salts) {
            rng.nextBytes(salt);
        }
        // One row-major array for the whole encoded matrix: a single large allocation is never
        // copied by young collections (per-row arrays cost more in GC pauses than in NTTs).
        int n = layout.domain();
        long[] encoded = new long[coefficients.length * n];
        rows(coefficients.length).forEach(i ->
                System.arraycopy(ReedSolomon.evaluate(coefficients[i], layout.logDomain()), 0, encoded, i * n, n));
        MerkleTree tree = MerkleTree.fromLeafHashes(hashColumns(encoded, coefficients.length, salts));
        LigeroCommitment commitment = new LigeroCommitment(params.securityBits(), budget, lengths, tree.root());
        return new LigeroProverData(layout, coefficients, encoded, salts, tree, commitment);
    }

    private static IntStream rows(int n) {
        IntStream s = IntStream.range(0, n);
        return n >= PARALLEL_ROWS ? s.parallel() : s;
    }

    private static void fillRandom(long[] row, int from, int to, RandomGenerator rng) {
        for (int j = from; j < to; j++) {
            row[j] = Ext.randomBase(rng);
        }
    }

    private static byte[] hashColumns(long[] encoded, int rowCount, byte[][] salts) {
        int n = salts.length;
        byte[] hashes = new byte[n * MerkleTree.HASH_BYTES];
        int chunk = 1024;
        IntStream.range(0, (n + chunk - 1) / chunk).parallel().forEach(c -> {
            MessageDigest md = MerkleTree.newSha256();
            long[] column = new long[rowCount];
            for (int j = c * chunk; j < Math.min(n, (c + 1) * chunk); j++) {
                for (int i = 0; i < rowCount; i++) {
                    column[i] = encoded[i * n + j];
                }
                MerkleTree.hashLeaf(md, salts[j], column, hashes, j * MerkleTree.HASH_BYTES);
            }
        });
        return hashes;
    }

    @Override
    public LigeroOpening open(ProverData proverData, List<Claim> claims, Transcript transcript, RandomGenerator rng) {
        if (!(proverData instanceof LigeroProverData data) || data.budget() != 1) {
            throw new IllegalArgumentException("prover data was not made by LigeroPcs");
        }
        return open(data, 0, claims, transcript);
    }

    /** Opens slot {@code slot} with its own three mask rows; the slot is reserved first (see {@link LigeroProverData}). */
    static LigeroOpening open(LigeroProverData data, int slot, List<Claim> claims, Transcript transcript) {
        LigeroLayout layout = data.layout;
        ClaimGeometry[][] geometry = geometry(claims, layout);
        data.useSlot(slot);
        Challenges ch = Challenges.draw(data.commitment(), slot, claims, layout, transcript);
        int cols = layout.cols();

        // u = R_ld + Σ γ_i·P_i over data rows and the slot's two linear-mask rows.
        long[][] u = combine(data.coefficients, ch.gamma, layout, slot);
        addBase(u, data.coefficients[layout.proximityMaskRow(slot)], 0, Ext.ONE);

        // q = R_a + X^cols·R_b + Σ_c α_c·Ã_c·U_c
        long[][] q = {new long[layout.qLength()], new long[layout.qLength()]};
        addBase(q, data.coefficients[layout.linearMaskLowRow(slot)], 0, Ext.ONE);
        addBase(q, data.coefficients[layout.linearMaskHighRow(slot)], cols, Ext.ONE);
        for (int c = 0; c < claims.size(); c++) {
            List<Claim.Term> terms = claims.get(c).terms();
            for (int k = 0; k < terms.size(); k++) {
                addExt(q, geometry[c][k].product(data.coefficients, layout.rowLength()),
                        ch.alpha[c].mul(terms.get(k).coefficient()));
            }
        }
        Ext[] uExt = toExts(u);
        Ext[] qExt = toExts(q);
        transcript.absorbExts("pcs/u", uExt);
        transcript.absorbExts("pcs/q", qExt);
        int[] columns = MerkleTree.sortedDistinct(
                transcript.challengeIndices("pcs/columns", layout.queries(), layout.domain()));
        byte[][] salts = new byte[columns.length][];
        long[][] values = new long[columns.length][layout.totalRows()];
        for (int k = 0; k < columns.length; k++) {
            salts[k] = data.salts[columns[k]].clone();
            for (int i = 0; i < layout.totalRows(); i++) {
                values[k][i] = data.encoded[i * layout.domain() + columns[k]];
            }
        }
        return new LigeroOpening(uExt, qExt, columns, salts, values, data.tree.prove(columns));
    }

    private static ClaimGeometry[][] geometry(List<Claim> claims, LigeroLayout layout) {
        if (claims.isEmpty()) {
            throw new IllegalArgumentException("no claims to open");
        }
        ClaimGeometry[][] g = new ClaimGeometry[claims.size()][];
        for (int c = 0; c < g.length; c++) {
            List<Claim.Term> terms = claims.get(c).terms();
            g[c] = new ClaimGeometry[terms.size()];
            for (int k = 0; k < terms.size(); k++) {
                g[c][k] = ClaimGeometry.of(c, terms.get(k), layout);
            }
        }
        return g;
    }

    /** Σ γ_i·row_i over the data rows and the slot's two linear-mask rows, as (real, x-part) coefficient arrays. */
    private static long[][] combine(long[][] rows, Ext[] gamma, LigeroLayout layout, int slot) {
        long[][] acc = {new long[layout.rowLength()], new long[layout.rowLength()]};
        int data = layout.dataRows();
        for (int i = 0; i < data; i++) {
            addBase(acc, rows[i], 0, gamma[i]);
        }
        addBase(acc, rows[layout.linearMaskLowRow(slot)], 0, gamma[data]);
        addBase(acc, rows[layout.linearMaskHighRow(slot)], 0, gamma[data + 1]);
        return acc;
    }

    /** acc[offset + j] += w·row[j] for a base row and an extension weight. */
    static void addBase(long[][] acc, long[] row, int offset, Ext w) {
        long w0 = w.c0();
        long w1 = w.c1();
        for (int j = 0; j < row.length; j++) {
            acc[0][offset + j] = Goldilocks.add(acc[0][offset + j], Goldilocks.mul(row[j], w0));
            acc[1][offset + j] = Goldilocks.add(acc[1][offset + j], Goldilocks.mul(row[j], w1));
        }
    }

    /** acc += w·p for extension polynomials given as (real, x-part) arrays. */
    private static void addExt(long[][] acc, long[][] p, Ext w) {
        for (int j = 0; j < p[0].length; j++) {
            Ext term = Ext.of(p[0][j], p[1][j]).mul(w);
            acc[0][j] = Goldilocks.add(acc[0][j], term.c0());
            acc[1][j] = Goldilocks.add(acc[1][j], term.c1());
        }
    }

    /** (a0 + x·a1)(b0 + x·b1) with x² = 7, by Karatsuba over base-field NTT products. */
    static long[][] multiplyExt(long[][] a, long[][] b) {
        long[] m0 = Ntt.multiply(a[0], b[0]);
        long[] m1 = Ntt.multiply(a[1], b[1]);
        long[] m2 = Ntt.multiply(sum(a[0], a[1]), sum(b[0], b[1]));
        long[] re = new long[m0.length];
        long[] im = new long[m0.length];
        for (int j = 0; j < re.length; j++) {
            re[j] = Goldilocks.add(m0[j], Goldilocks.mul(7, m1[j]));
            im[j] = Goldilocks.sub(m2[j], Goldilocks.add(m0[j], m1[j]));
        }
        return new long[][] {re, im};
    }

    private static long[] sum(long[] a, long[] b) {
        long[] s = new long[a.length];
        for (int j = 0; j < s.length; j++) {
            s[j] = Goldilocks.add(a[j], b[j]);
        }
        return s;
    }

    private static Ext[] toExts(long[][] p) {
        Ext[] out = new Ext[p[0].length];
        for (int j = 0; j < out.length; j++) {
            out[j] = Ext.of(p[0][j], p[1][j]);
        }
        return out;
    }

    @Override
    public void verify(Commitment commitment, List<Claim> claims, OpeningProof proof, Transcript transcript)
            throws InvalidProofException {
        if (!(commitment instanceof LigeroCommitment com)) {
            throw new InvalidProofException("commitment was not made by LigeroPcs");
        }
        if (!(proof instanceof LigeroOpening opening)) {
            throw new InvalidProofException("opening proof was not made by LigeroPcs");
        }
        if (com.budget() != 1) {
            throw new InvalidProofException("commitment has an opening budget; verify it with ReusableLigeroPcs");
        }
        verify(com, 0, claims, opening, transcript, params);
    }

    /** Verifies an opening of slot {@code slot} against its slot's mask rows. */
    static void verify(LigeroCommitment com, int slot, List<Claim> claims, LigeroOpening opening,
                       Transcript transcript, PcsParameters params) throws InvalidProofException {
        if (com.securityBits() != params.securityBits()) {
            throw new InvalidProofException("commitment made for " + com.securityBits()
                    + "-bit security, verifier requires " + params.securityBits());
        }
        LigeroLayout layout = com.layout();
        if (slot < 0 || slot >= layout.budget()) {
            throw new InvalidProofException("opening slot " + slot + " outside the budget of " + layout.budget());
        }
        ClaimGeometry[][] geometry;
        try {
            geometry = geometry(claims, layout);
        } catch (IllegalArgumentException e) {
            throw new InvalidProofException("claims do not fit the commitment: " + e.getMessage());
        }
        checkShape(opening, layout);
        Challenges ch = Challenges.draw(com, slot, claims, layout, transcript);
        transcript.absorbExts("pcs/u", opening.u);
        transcript.absorbExts("pcs/q", opening.q);
        Ext batched = Ext.ZERO;
        for (int c = 0; c < claims.size(); c++) {
            batched = batched.add(ch.alpha[c].mul(claims.get(c).value()));
        }
        if (!opening.q[layout.cols() - 1].equals(batched)) {
            throw new InvalidProofException("batched claim check failed: q's X^(cols-1) coefficient ≠ Σ α·value");
        }

        int[] expected = MerkleTree.sortedDistinct(
                transcript.challengeIndices("pcs/columns", layout.queries(), layout.domain()));
        if (!Arrays.equals(expected, opening.columns)) {
            throw new InvalidProofException("opened columns do not match the transcript's queries");
        }

        byte[][] leaves = new byte[opening.columns.length][];
        for (int k = 0; k < leaves.length; k++) {
            leaves[k] = MerkleTree.hashLeaf(opening.salts[k], opening.columnValues[k]);
        }
        MerkleVerifier.verify(com.root(), layout.domain(), opening.columns, leaves, opening.merkle);

        int count = opening.columns.length;
        long[] xs = new long[count];
        for (int k = 0; k < count; k++) {
            xs[k] = ReedSolomon.domainPoint(layout.logDomain(), opening.columns[k]);
        }
        Ext[] uAt = evaluateAt(opening.u, opening.columns, layout.logDomain());
        Ext[] qAt = evaluateAt(opening.q, opening.columns, layout.logDomain());
        for (int k = 0; k < count; k++) {
            long xInverse = ReedSolomon.domainPoint(layout.logDomain(), -opening.columns[k]);
            checkColumn(opening.columns[k], xs[k], xInverse, opening.columnValues[k], uAt[k], qAt[k], layout, slot,
                    ch, geometry, claims);
        }
    }

    private static void checkShape(LigeroOpening o, LigeroLayout layout) throws InvalidProofException {
        if (o.u.length != layout.rowLength() || o.q.length != layout.qLength()) {
            throw new InvalidProofException("opening has the wrong size for this commitment");
        }
        if (o.columns.length == 0 || o.columns.length > layout.queries()
                || o.salts.length != o.columns.length || o.columnValues.length != o.columns.length) {
            throw new InvalidProofException("opening has the wrong number of columns");
        }
        for (int k = 0; k < o.columns.length; k++) {
            if (o.columnValues[k].length != layout.totalRows() || o.salts[k].length != MerkleTree.SALT_BYTES) {
                throw new InvalidProofException("opened column " + k + " has the wrong size");
            }
        }
    }

    private static void checkColumn(int j, long x, long xInverse, long[] col, Ext uAtX, Ext qAtX, LigeroLayout layout,
                                    int slot, Challenges ch, ClaimGeometry[][] geometry, List<Claim> claims)
            throws InvalidProofException {
        // Proximity: u(x) = R_ld(x) + Σ γ_i·P_i(x) over the data rows and the slot's R_a, R_b
        int data = layout.dataRows();
        long low = col[layout.linearMaskLowRow(slot)];
        long high = col[layout.linearMaskHighRow(slot)];
        long[] combined = GoldilocksExt.dotBase(ch.gammaRe, ch.gammaIm, col, 0, data);
        Ext expectedU = Ext.of(Goldilocks.add(combined[0], col[layout.proximityMaskRow(slot)]), combined[1])
                .add(ch.gamma[data].mul(low)).add(ch.gamma[data + 1].mul(high));
        if (!uAtX.equals(expectedU)) {
            throw new InvalidProofException("proximity check failed at column " + j);
        }
        // Linear: q(x) = R_a(x) + x^cols·R_b(x) + Σ_c α_c·Ã_c(x)·Σ_r w_c,r·P_r(x)
        long mask = Goldilocks.add(low, Goldilocks.mul(Goldilocks.pow(x, layout.cols()), high));
        Ext expectedQ = Ext.base(mask);
        for (int c = 0; c < geometry.length; c++) {
            List<Claim.Term> terms = claims.get(c).terms();
            Ext claimAtX = Ext.ZERO;
            for (int k = 0; k < terms.size(); k++) {
                claimAtX = claimAtX.add(terms.get(k).coefficient().mul(geometry[c][k].expectedAt(x, xInverse, col)));
            }
            expectedQ = expectedQ.add(ch.alpha[c].mul(claimAtX));
        }
        if (!qAtX.equals(expectedQ)) {
            throw new InvalidProofException("linear check failed at column " + j);
        }
    }

    /**
     * Evaluates an extension-coefficient polynomial at the queried points ω^j of the code domain:
     * one NTT per component over the whole domain is cheaper than Horner at ~t points.
     */
    private static Ext[] evaluateAt(Ext[] coefficients, int[] columns, int logDomain) {
        long[] re = new long[coefficients.length];
        long[] im = new long[coefficients.length];
        for (int j = 0; j < coefficients.length; j++) {
            re[j] = coefficients[j].c0();
            im[j] = coefficients[j].c1();
        }
        long[][] evaluations = {re, im};
        IntStream.range(0, 2).parallel().forEach(c -> evaluations[c] = ReedSolomon.evaluate(evaluations[c], logDomain));
        Ext[] out = new Ext[columns.length];
        for (int k = 0; k < columns.length; k++) {
            out[k] = Ext.of(evaluations[0][columns[k]], evaluations[1][columns[k]]);
        }
        return out;
    }

    @Override
    public LigeroOpening readProof(ProofReader in, Commitment commitment, List<Claim> claims)
            throws InvalidProofException {
        if (!(commitment instanceof LigeroCommitment com)) {
            throw new InvalidProofException("commitment was not made by LigeroPcs");
        }
        if (com.budget() != 1) {
            throw new InvalidProofException("commitment has an opening budget; read it with ReusableLigeroPcs");
        }
        return LigeroOpening.read(in, com.layout());
    }

    @Override
    public LigeroCommitment readCommitment(ProofReader in) throws InvalidProofException {
        return LigeroCommitment.read(in, params.securityBits(), false);
    }

    /** The verifier's challenges, drawn after the commitment and every claim are absorbed. */
    private record Challenges(Ext[] gamma, long[] gammaRe, long[] gammaIm, Ext[] alpha) {
        static Challenges draw(LigeroCommitment commitment, int slot, List<Claim> claims, LigeroLayout layout,
                               Transcript t) {
            commitment.absorbInto(t);
            if (layout.budget() > 1) {
                t.absorbLong("pcs/slot", slot);
            }
            t.absorbLong("pcs/claims", claims.size());
            for (Claim c : claims) {
                ClaimGeometry.absorb(t, c);
            }
            Ext[] gamma = t.challengeExts("pcs/proximity", layout.proximityRows());
            Ext[] alpha = t.challengeExts("pcs/batch", claims.size());
            long[] re = new long[gamma.length];
            long[] im = new long[gamma.length];
            for (int i = 0; i < gamma.length; i++) {
                re[i] = gamma[i].c0();
                im[i] = gamma[i].c1();
            }
            return new Challenges(gamma, re, im, alpha);
        }
    }
}
