package org.zkml4j.backend.pcs;

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
 * values are revealed. A commitment may be opened once ({@link IllegalStateException} otherwise);
 * {@link ReusableLigeroPcs} shares this code for commitments opened up to K times.
 */
public final class LigeroPcs implements PolynomialCommitment {
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

    /**
     * Commits with room for {@code budget} openings: budget·t random coefficients per row. With a
     * budget of one the three mask rows are committed with the data (format v1); otherwise each
     * opening draws and commits its own.
     */
    static LigeroProverData commit(List<long[]> vectors, PcsParameters params, int budget, RandomGenerator rng) {
        int[] lengths = vectors.stream().mapToInt(v -> v.length).toArray();
        LigeroLayout layout = LigeroLayout.plan(lengths, params, budget);
        int cols = layout.cols();
        long[][] coefficients = new long[layout.committedRows()][];
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
        if (budget == 1) {
            System.arraycopy(masks(layout, rng), 0, coefficients, layout.dataRows(), 3);
        }
        EncodedMatrix matrix = EncodedMatrix.of(coefficients, layout.logDomain(), rng);
        LigeroCommitment commitment = new LigeroCommitment(params.securityBits(), budget, lengths, matrix.tree.root());
        return new LigeroProverData(layout, coefficients, matrix, commitment);
    }

    /** Fresh mask rows R_a, R_b, R_ld (in row order; drawn R_ld first). */
    static long[][] masks(LigeroLayout layout, RandomGenerator rng) {
        long[] proximityMask = new long[layout.rowLength()];
        fillRandom(proximityMask, 0, proximityMask.length, rng);
        long[] linearLow = new long[layout.rowLength()];
        fillRandom(linearLow, 0, linearLow.length, rng);
        linearLow[layout.cols() - 1] = 0; // R_lin has no X^(cols−1) term, so it does not shift the batched value
        long[] linearHigh = new long[layout.rowLength() - 1];
        fillRandom(linearHigh, 0, linearHigh.length, rng);
        return new long[][] {linearLow, linearHigh, proximityMask};
    }

    private static void fillRandom(long[] row, int from, int to, RandomGenerator rng) {
        for (int j = from; j < to; j++) {
            row[j] = Ext.randomBase(rng);
        }
    }

    @Override
    public LigeroOpening open(ProverData proverData, List<Claim> claims, Transcript transcript, RandomGenerator rng) {
        if (!(proverData instanceof LigeroProverData data) || data.budget() != 1) {
            throw new IllegalArgumentException("prover data was not made by LigeroPcs");
        }
        return open(data, 0, claims, transcript, rng).opening();
    }

    /** An opening, and for a budget above one the fresh mask rows' encoded matrix it was made with. */
    record Opened(LigeroOpening opening, EncodedMatrix masks) {}

    /**
     * Opens slot {@code slot} (reserved first, see {@link LigeroProverData}). With a budget above one,
     * three fresh mask rows are drawn and committed, and the slot and their root are absorbed
     * before the challenges.
     */
    static Opened open(LigeroProverData data, int slot, List<Claim> claims, Transcript transcript,
                       RandomGenerator rng) {
        LigeroLayout layout = data.layout;
        ClaimGeometry[][] geometry = geometry(claims, layout);
        data.useSlot(slot);
        long[][] rows = data.coefficients;
        EncodedMatrix masks = null;
        if (layout.budget() > 1) {
            long[][] maskRows = masks(layout, rng);
            masks = EncodedMatrix.of(maskRows, layout.logDomain(), rng);
            rows = Arrays.copyOf(data.coefficients, layout.totalRows());
            System.arraycopy(maskRows, 0, rows, layout.dataRows(), 3);
        }
        Challenges ch = Challenges.draw(data.commitment(), slot, masks == null ? null : masks.tree.root(), claims,
                layout, transcript);
        int cols = layout.cols();

        // u = R_ld + Σ γ_i·P_i over data rows and the two linear-mask rows.
        long[][] u = combine(rows, ch.gamma, layout);
        addBase(u, rows[layout.proximityMaskRow()], 0, Ext.ONE);

        // q = R_a + X^cols·R_b + Σ_c α_c·Ã_c·U_c
        long[][] q = {new long[layout.qLength()], new long[layout.qLength()]};
        addBase(q, rows[layout.linearMaskLowRow()], 0, Ext.ONE);
        addBase(q, rows[layout.linearMaskHighRow()], cols, Ext.ONE);
        for (int c = 0; c < claims.size(); c++) {
            List<Claim.Term> terms = claims.get(c).terms();
            for (int k = 0; k < terms.size(); k++) {
                addExt(q, geometry[c][k].product(rows, layout.rowLength()),
                        ch.alpha[c].mul(terms.get(k).coefficient()));
            }
        }
        Ext[] uExt = toExts(u);
        Ext[] qExt = toExts(q);
        transcript.absorbExts("pcs/u", uExt);
        transcript.absorbExts("pcs/q", qExt);
        int[] columns = MerkleTree.sortedDistinct(
                transcript.challengeIndices("pcs/columns", layout.queries(), layout.domain()));
        long[][] values = new long[columns.length][layout.totalRows()];
        for (int k = 0; k < columns.length; k++) {
            data.matrix.copyColumn(columns[k], values[k], 0);
            if (masks != null) {
                masks.copyColumn(columns[k], values[k], layout.dataRows());
            }
        }
        LigeroOpening opening = new LigeroOpening(uExt, qExt, columns, data.matrix.salts(columns), values,
                data.matrix.tree.prove(columns));
        return new Opened(opening, masks);
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

    /** Σ γ_i·row_i over every row before the proximity mask, as (real, x-part) coefficient arrays. */
    private static long[][] combine(long[][] rows, Ext[] gamma, LigeroLayout layout) {
        long[][] acc = {new long[layout.rowLength()], new long[layout.rowLength()]};
        for (int i = 0; i < layout.proximityMaskRow(); i++) {
            addBase(acc, rows[i], 0, gamma[i]);
        }
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
        verify(com, 0, null, claims, opening, transcript, params);
    }

    /**
     * Verifies an opening of slot {@code slot}; {@code masks} is the opening's own mask commitment
     * (null for a budget of one, whose mask rows are in the commitment).
     */
    static void verify(LigeroCommitment com, int slot, MaskOpening masks, List<Claim> claims, LigeroOpening opening,
                       Transcript transcript, PcsParameters params) throws InvalidProofException {
        if (com.securityBits() != params.securityBits()) {
            throw new SecurityMismatchException(com.securityBits(), params.securityBits());
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
        checkShape(opening, masks, layout);
        Challenges ch = Challenges.draw(com, slot, masks == null ? null : masks.root(), claims, layout, transcript);
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

        int committed = layout.committedRows();
        byte[][] leaves = new byte[opening.columns.length][];
        for (int k = 0; k < leaves.length; k++) {
            leaves[k] = MerkleTree.hashLeaf(opening.salts[k], Arrays.copyOf(opening.columnValues[k], committed));
        }
        MerkleVerifier.verify(com.root(), layout.domain(), opening.columns, leaves, opening.merkle);
        if (masks != null) {
            for (int k = 0; k < leaves.length; k++) {
                leaves[k] = MerkleTree.hashLeaf(masks.salts()[k],
                        Arrays.copyOfRange(opening.columnValues[k], committed, layout.totalRows()));
            }
            MerkleVerifier.verify(masks.root(), layout.domain(), opening.columns, leaves, masks.merkle());
        }

        int count = opening.columns.length;
        long[] xs = new long[count];
        for (int k = 0; k < count; k++) {
            xs[k] = ReedSolomon.domainPoint(layout.logDomain(), opening.columns[k]);
        }
        Ext[] uAt = evaluateAt(opening.u, opening.columns, layout.logDomain());
        Ext[] qAt = evaluateAt(opening.q, opening.columns, layout.logDomain());
        for (int k = 0; k < count; k++) {
            long xInverse = ReedSolomon.domainPoint(layout.logDomain(), -opening.columns[k]);
            checkColumn(opening.columns[k], xs[k], xInverse, opening.columnValues[k], uAt[k], qAt[k], layout, ch,
                    geometry, claims);
        }
    }

    private static void checkShape(LigeroOpening o, MaskOpening masks, LigeroLayout layout)
            throws InvalidProofException {
        if ((masks == null) != (layout.budget() == 1)) {
            throw new InvalidProofException("opening " + (masks == null ? "lacks" : "has") + " a mask commitment");
        }
        if (masks != null && (masks.root().length != MerkleTree.HASH_BYTES || masks.salts().length != o.columns.length
                || Arrays.stream(masks.salts()).anyMatch(salt -> salt.length != MerkleTree.SALT_BYTES))) {
            throw new InvalidProofException("opening's mask commitment has the wrong size");
        }
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
                                    Challenges ch, ClaimGeometry[][] geometry, List<Claim> claims)
            throws InvalidProofException {
        // Proximity: u(x) = R_ld(x) + Σ γ_i·P_i(x)
        long[] combined = GoldilocksExt.dotBase(ch.gammaRe, ch.gammaIm, col, 0, layout.proximityMaskRow());
        Ext expectedU = Ext.of(Goldilocks.add(combined[0], col[layout.proximityMaskRow()]), combined[1]);
        if (!uAtX.equals(expectedU)) {
            throw new InvalidProofException("proximity check failed at column " + j);
        }
        // Linear: q(x) = R_a(x) + x^cols·R_b(x) + Σ_c α_c·Ã_c(x)·Σ_r w_c,r·P_r(x)
        long mask = Goldilocks.add(col[layout.linearMaskLowRow()],
                Goldilocks.mul(Goldilocks.pow(x, layout.cols()), col[layout.linearMaskHighRow()]));
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
        static Challenges draw(LigeroCommitment commitment, int slot, byte[] maskRoot, List<Claim> claims,
                               LigeroLayout layout, Transcript t) {
            commitment.absorbInto(t);
            if (maskRoot != null) {
                t.absorbLong("pcs/slot", slot);
                t.absorb("pcs/mask-root", maskRoot);
            }
            t.absorbLong("pcs/claims", claims.size());
            for (Claim c : claims) {
                ClaimGeometry.absorb(t, c);
            }
            Ext[] gamma = t.challengeExts("pcs/proximity", layout.proximityMaskRow());
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
