package org.zkml4j.backend.lookup;

import static org.zkml4j.backend.field.GoldilocksExt.mulC0;
import static org.zkml4j.backend.field.GoldilocksExt.mulC1;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.io.ProofWriter;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.Commitment;
import org.zkml4j.backend.pcs.OpeningProof;
import org.zkml4j.backend.pcs.PolynomialCommitment;
import org.zkml4j.backend.pcs.ProverData;
import org.zkml4j.backend.poly.Multilinear;
import org.zkml4j.backend.sumcheck.Reduction;
import org.zkml4j.backend.sumcheck.SumcheckInstance;
import org.zkml4j.backend.sumcheck.SumcheckProver;
import org.zkml4j.backend.sumcheck.SumcheckShape;
import org.zkml4j.backend.sumcheck.SumcheckVerifier;
import org.zkml4j.backend.transcript.Transcript;

/**
 * The LogUp lookup argument (Haböck, "Multivariate lookups based on logarithmic derivatives",
 * 2022): every witness row (f_1(x), …, f_w(x)), x ∈ {0,1}^n, equals some row of a public table
 * (T_1, …, T_w) of 2^s rows.
 *
 * <p><b>Statement.</b> The caller has committed the witness columns f_k (length 2^n) and the
 * multiplicity vector m (length 2^s) in its own commitment C1 and absorbed C1 and its statement
 * into the transcript. {@link #prove} and {@link #verify} reduce the lookup to evaluation claims on
 * C1's vectors, returned as {@link Claim}s that the caller proves together with its other claims in
 * its one opening of C1.
 *
 * <p><b>Protocol</b> (all challenges from the transcript, everything absorbed before the
 * challenge that follows it):
 * <ol>
 *   <li>Absorb the protocol id, the instance count (1; see Batching below) and the {@link LogUpShape}
 *       (n, s, w, C1 indices, every table column); draw β, γ ∈ K.
 *       φ(x) = Σ_k β^(k−1)·f_k(x), ψ(t) = Σ_k β^(k−1)·T_k(t).
 *   <li>The prover computes h(x) = 1/(γ − φ(x)) by batch inversion, commits C2 = (h_re, h_im) (real
 *       and x-parts as base-field vectors), and sends H = Σ_x h(x); both are absorbed.
 *   <li>Draw τ ∈ K^n, λ ∈ K. Witness-side sumcheck (degree 3, n variables):
 *       Σ_x [eq(τ, x)·(γ·h(x) − h(x)·φ(x) − 1) + λ·h(x)] = λ·H, i.e. the zero-check
 *       h·(γ − φ) = 1 on the hypercube batched with Σ_x h(x) = H.
 *   <li>Table-side sumcheck (degree 2, s variables): Σ_t m(t)·d(t) = H with d(t) = 1/(γ − ψ(t)),
 *       which the table is public so the verifier computes itself.
 *   <li>The prover sends h_re(r), h_im(r) (absorbed) and opens C2 at them. The verifier checks
 *       eq(τ, r), h(r) = h_re(r) + X·h_im(r), d̃(r′) (O(w·2^s) with one batch inversion; if γ hits
 *       a table row it rejects) and the C2 opening; it returns the claims f_k(r) (on C1 vector
 *       {@code witnessVectors[k]}) and m(r′) (on C1 vector {@code multiplicityVector}).
 * </ol>
 *
 * <p><b>Soundness</b> (docs/lookup.md). Suppose some witness row of the committed f is not in the
 * table. Let |K| = p² ≈ 2^128. The verifier accepts (with true C1 claims) with probability at most
 * <pre>
 *   ε ≤ [ (w − 1)·2^s          β: the first bad row's compression φ(x*) hits one of ≤ 2^s values ψ(t)
 *       + 2^n + 2^s            γ: a root of the cleared-denominator numerator
 *       + max(n, 1)            τ, λ: the witness zero-check batched with its sum
 *       + 3n + 2s ] / |K|      the two sumchecks (degrees 3 and 2)
 *       + ε_PCS(C2)
 * </pre>
 * (see {@link #soundnessBits}). Multiplicities are arbitrary field elements and need no range
 * check: a witness value u with c_u ∈ [1, 2^n] occurrences gives the rational function
 * Σ_x 1/(X − φ(x)) a pole of residue c_u ≠ 0 (2^n &lt; p), which the table side can only match if u
 * is a table value.
 *
 * <p><b>Batching</b> ({@link #proveAll}, {@link #verifyAll}, {@link #readAll}). k instances
 * (different tables and sizes allowed) share the absorbed header (protocol id, k, every shape), one
 * pair β, γ, ONE commitment C2 to all 2k fraction vectors (instance i at indices 2i, 2i+1), and ONE
 * opening of it; H_0..H_(k−1) are absorbed right after C2, then each instance's two sumchecks and
 * part evaluations in order. Soundness is the union bound Σ_i ε_alg(i) + ε_PCS(C2) (each instance's
 * argument needs only that its own challenges are uniform and drawn after what it depends on is
 * fixed; see docs/lookup.md, "Batching"). {@link #prove} and {@link #verify} are a batch of one.
 *
 * <p><b>Not zero knowledge.</b> H, the round polynomials, the final evaluations (f_k(r), m(r′),
 * h(r)) and the part evaluations are sent in the clear and reveal information about the witness;
 * {@link ZkLogUp} is the zero-knowledge version.
 *
 * <pre>{@code
 * ProverData c1 = pcs.commit(List.of(z, a, inst.multiplicities()), rng);
 * c1.commitment().absorbInto(transcript);
 * LogUp.ProverResult res = LogUp.prove(inst, transcript, pcs, rng);
 * OpeningProof c1Opening = pcs.open(c1, res.claims(), transcript, rng);   // plus the caller's own claims
 * // verifier: absorb C1, then
 * List<Claim> claims = LogUp.verify(shape, res.proof(), transcript, pcs);
 * pcs.verify(c1.commitment(), claims, c1Opening, transcript);
 * }</pre>
 */
public final class LogUp {
    static final String PROTOCOL = "zkml4j/logup/v3";
    static final String BETA_LABEL = "logup/beta";
    static final String GAMMA_LABEL = "logup/gamma";
    static final String SUMS_LABEL = "logup/sums";
    static final String TAU_LABEL = "logup/tau";
    static final String LAMBDA_LABEL = "logup/lambda";
    static final String TABLE_TAU_LABEL = "logup/tau-table";
    static final String TABLE_LAMBDA_LABEL = "logup/lambda-table";
    static final String PARTS_LABEL = "logup/parts";
    /** The extension generator X (X² = 7). */
    private static final Ext X = Ext.of(0, 1);
    /** Table ids in the witness-side sumcheck: eq(τ, ·), h, then f_1..f_w. */
    private static final int EQ = 0, FRACTION = 1, FIRST_WITNESS = 2;
    /** Table-side sumcheck tables: m, then d = 1/(γ − ψ) (public). */
    private static final int MULTIPLICITY = 0, RECIPROCAL = 1;

    private LogUp() {}

    /**
     * A proof and the claims on C1 it reduces to.
     *
     * @param proof the proof to send
     * @param claims f_k(r) on C1 vector {@code witnessVectors[k]} for k = 1..w, then m(r′) on C1
     *     vector {@code multiplicityVector}; the caller must prove them by opening C1
     */
    public record ProverResult(LogUpProof proof, List<Claim> claims) {
        /** Copies the claim list. */
        public ProverResult {
            Objects.requireNonNull(proof, "proof");
            claims = List.copyOf(claims);
        }
    }

    /**
     * The multiplicity vector of {@code witnessColumns} in {@code table}: entry t counts the
     * witness rows equal to table row t, each row counted at the first table row equal to it (later
     * duplicates and padding rows get 0). The result has one entry per table row.
     *
     * @param witnessColumns the w witness columns, of equal length
     * @param table the w table columns, of equal length (e.g. {@link LookupTable#columns()})
     * @throws IllegalArgumentException naming the first witness row that is not in the table, or if
     *     the columns do not fit together
     */
    public static long[] multiplicities(long[][] witnessColumns, long[][] table) {
        checkColumns(witnessColumns, "witness");
        checkColumns(table, "table");
        if (witnessColumns.length != table.length) {
            throw new IllegalArgumentException(witnessColumns.length + " witness columns for a table of "
                    + table.length + " columns");
        }
        RowIndex index = new RowIndex(table);
        long[] m = new long[table[0].length];
        for (int x = 0; x < witnessColumns[0].length; x++) {
            m[firstRow(index, witnessColumns, x)]++;
        }
        return m;
    }

    /**
     * The multiplicity vector of {@code witnessColumns} in the padded {@code table} (length
     * {@code table.rows()}); see {@link #multiplicities(long[][], long[][])}.
     *
     * @throws IllegalArgumentException naming the first witness row that is not in the table
     */
    public static long[] multiplicities(long[][] witnessColumns, LookupTable table) {
        return multiplicities(witnessColumns, table.columnsRef());
    }

    private static void checkColumns(long[][] columns, String what) {
        Objects.requireNonNull(columns, what + " columns");
        if (columns.length == 0) {
            throw new IllegalArgumentException("no " + what + " columns");
        }
        int len = Objects.requireNonNull(columns[0], what + " column 0").length;
        if (what.equals("table") && len == 0) {
            throw new IllegalArgumentException("the table has no rows");
        }
        for (int k = 0; k < columns.length; k++) {
            if (Objects.requireNonNull(columns[k], what + " column " + k).length != len) {
                throw new IllegalArgumentException(what + " column " + k + " has " + columns[k].length
                        + " entries but column 0 has " + len);
            }
        }
    }

    /** The first table row equal to witness row x; throws naming the row if there is none. */
    private static int firstRow(RowIndex index, long[][] witness, int x) {
        int t = index.find(witness, x);
        if (t < 0) {
            throw new IllegalArgumentException("witness row " + x + " " + formatRow(witness, x) + " is not in the table");
        }
        return t;
    }

    /** A row as signed integers, e.g. {@code (-1500, 0)}. */
    static String formatRow(long[][] columns, int row) {
        StringBuilder sb = new StringBuilder("(");
        for (int k = 0; k < columns.length; k++) {
            if (k > 0) {
                sb.append(", ");
            }
            long v = columns[k][row];
            sb.append(Goldilocks.isCanonical(v) ? Long.toString(Goldilocks.toSigned(v)) : Long.toUnsignedString(v));
        }
        return sb.append(')').toString();
    }

    /**
     * Checks that every witness row is in the table and that, for every distinct table row, the
     * multiplicities of its occurrences add up to the number of witness rows equal to it.
     */
    static void checkRelation(LogUpInstance instance) {
        long[][] table = instance.shape().table().columnsRef();
        long[][] witness = instance.witnessRef();
        long[] m = instance.multiplicitiesRef();
        RowIndex index = new RowIndex(table);
        long[] expected = new long[m.length];
        for (int x = 0; x < witness[0].length; x++) {
            expected[firstRow(index, witness, x)]++;
        }
        long[] given = new long[m.length];
        for (int t = 0; t < m.length; t++) {
            int first = index.find(table, t);
            given[first] = Goldilocks.add(given[first], m[t]);
        }
        for (int t = 0; t < m.length; t++) {
            if (given[t] != expected[t]) { // both zero unless t is a first occurrence
                throw new IllegalArgumentException("multiplicities do not match the witness at table row " + t + " "
                        + formatRow(table, t) + ": the witness has " + expected[t]
                        + " rows equal to it, the multiplicities of its occurrences add up to "
                        + Goldilocks.toString(given[t]));
            }
        }
    }

    /**
     * Proves that every witness row of {@code instance} is in its table: a batch of one
     * ({@link #proveAll}), returned as a {@link LogUpProof} (same encoding). The caller must already
     * have absorbed C1 (holding the witness columns and multiplicities at the shape's indices) and
     * its statement; this method absorbs the shape and everything it sends.
     *
     * @param rng randomness for the C2 commitment and opening (cryptographically secure in
     *     production; the PCS's hiding depends on it)
     * @return the proof and the C1 claims the caller must prove
     * @throws IllegalArgumentException before touching the transcript, naming the first witness
     *     row that is not in the table, or a table row whose multiplicities do not match
     * @throws IllegalStateException if γ hits a compressed witness or table row (probability
     *     ≤ (2^n + 2^s)/|K|); retry with a fresh transcript
     */
    public static ProverResult prove(LogUpInstance instance, Transcript transcript, PolynomialCommitment pcs,
            RandomGenerator rng) {
        return prove(instance, transcript, pcs, rng, null);
    }

    /**
     * A batched proof and the claims on C1 it reduces to.
     *
     * @param proof the proof to send
     * @param claims for each instance in order: f_k(r_i) on C1 vector {@code witnessVectors[k]} for
     *     k = 1..w_i, then m_i(r′_i) on C1 vector {@code multiplicityVector} (w_i + 1 claims per
     *     instance); the caller must prove them by opening C1
     */
    public record BatchResult(LogUpBatchProof proof, List<Claim> claims) {
        /** Copies the claim list. */
        public BatchResult {
            Objects.requireNonNull(proof, "proof");
            claims = List.copyOf(claims);
        }
    }

    /**
     * Proves k lookups at once with ONE fraction commitment C2 and ONE opening of it. The caller
     * must already have absorbed C1 (holding every instance's witness columns and multiplicities at
     * its shape's indices) and its statement. Transcript order: protocol id, k and every shape; β, γ
     * (shared by all instances); C2; H_1..H_k; then for each instance in order τ_i, λ_i, its
     * witness-side sumcheck, its table-side sumcheck and its part evaluations; then the
     * opening of C2 at all 2k part claims. Sharing β and γ is sound: each instance's soundness
     * argument only uses that (β, γ) is uniform and drawn after that instance's witness, table and
     * multiplicities are fixed (docs/lookup.md, "Batching").
     *
     * @param instances one or more instances (different tables and sizes allowed; the same C1
     *     vector may appear in several)
     * @param rng randomness for the C2 commitment and opening
     * @return the proof and the C1 claims, instance by instance (see {@link BatchResult})
     * @throws IllegalArgumentException before touching the transcript, if the list is empty or an
     *     instance's witness row is not in its table or its multiplicities do not match (naming the
     *     instance)
     * @throws IllegalStateException if γ hits a compressed witness or table row of some instance
     *     (probability ≤ Σ_i (2^n_i + 2^s_i)/|K|); retry with a fresh transcript
     */
    public static BatchResult proveAll(List<LogUpInstance> instances, Transcript transcript, PolynomialCommitment pcs,
            RandomGenerator rng) {
        return proveAll(instances, transcript, pcs, rng, null);
    }

    /**
     * <b>Unsafe, for testing verifiers only.</b> A cheating prover: skips the check that every
     * witness row is in its table and that the multiplicities match, and runs the protocol on the
     * witness as given (proving each sumcheck for its true sum), so a forged proof is well-formed.
     * Never use it to make proofs of real statements.
     */
    public static BatchResult proveAllUnsafe(List<LogUpInstance> instances, Transcript transcript,
            PolynomialCommitment pcs, RandomGenerator rng) {
        List<Deviation> skipChecks = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            skipChecks.add(new Deviation() {});
        }
        return proveAll(instances, transcript, pcs, rng, skipChecks);
    }

    /**
     * Test-only deviations of a cheating prover: it skips the relation check, may alter φ, ψ, h, d
     * and the eq tables and choose H, and proves each sumcheck for its true sum when the
     * claimed one is false (so the forged proof is well-formed).
     */
    interface Deviation {
        /** Alters the compressed rows φ (witness) and ψ (table) before the fractions are computed. */
        default void tamperCompressed(long[] phi, long[] psi) {}

        /** Alters the eq table of the witness-side sumcheck. */
        default void tamperEq(long[] eq) {}

        /**
         * Alters h (interleaved, before C2 is committed) and the table side's reciprocals
         * d = 1/(γ − ψ) the prover uses; {@code tableSum} is Σ_t m(t)·d(t) for the honest d.
         */
        default void tamper(long[] h, long[] d, Ext tableSum) {}

        /** The H to send, given Σ h and Σ m·d of the (possibly altered) tables. */
        default Ext claimedSum(Ext sumH, Ext tableSum) {
            return sumH;
        }
    }

    /** {@link #prove} with an optional cheating {@code deviation} (null: honest). */
    static ProverResult prove(LogUpInstance instance, Transcript transcript, PolynomialCommitment pcs,
            RandomGenerator rng, Deviation deviation) {
        Objects.requireNonNull(instance, "instance");
        BatchResult res = proveAll(List.of(instance), transcript, pcs, rng,
                deviation == null ? null : java.util.Collections.singletonList(deviation));
        return new ProverResult(LogUpProof.fromBatch(res.proof()), res.claims());
    }

    /** What the prover keeps of one instance between committing C2 and its sumchecks. */
    private static final class Prepared {
        final LogUpInstance instance;
        final Deviation deviation;
        final Ext[] betaPowers;
        long[] phi;
        long[] h;
        long[] d;
        long[][] c2Vectors;
        Ext claimed;

        Prepared(LogUpInstance instance, Deviation deviation, Ext beta) {
            this.instance = instance;
            this.deviation = deviation;
            this.betaPowers = powers(beta, instance.shape().width());
        }
    }

    /** Step 2 for one instance: φ, ψ, h, the table's reciprocals d, h's parts and H. */
    private static Prepared prepare(LogUpInstance instance, Deviation deviation, Ext beta, Ext gamma) {
        Prepared p = new Prepared(instance, deviation, beta);
        p.phi = compress(instance.witnessRef(), p.betaPowers);
        long[] psi = compress(instance.shape().table().columnsRef(), p.betaPowers);
        if (deviation != null) {
            deviation.tamperCompressed(p.phi, psi);
        }
        p.h = fractions(gamma, p.phi, null, "witness");
        p.d = fractions(gamma, psi, null, "table");
        p.claimed = sum(p.h);
        if (deviation != null) {
            Ext tableSum = weightedSum(instance.multiplicitiesRef(), p.d);
            deviation.tamper(p.h, p.d, tableSum);
            p.claimed = deviation.claimedSum(sum(p.h), weightedSum(instance.multiplicitiesRef(), p.d));
        }
        p.c2Vectors = new long[][] {part(p.h, 0), part(p.h, 1)};
        return p;
    }

    /** Σ_t m(t)·d(t) for a base vector m and an interleaved extension table d. */
    static Ext weightedSum(long[] m, long[] d) {
        Ext s = Ext.ZERO;
        for (int t = 0; t < m.length; t++) {
            s = s.add(Ext.get(d, t).mul(m[t]));
        }
        return s;
    }

    /** {@link #proveAll} with optional cheating deviations (null, or one per instance, null: honest). */
    static BatchResult proveAll(List<LogUpInstance> instances, Transcript transcript, PolynomialCommitment pcs,
            RandomGenerator rng, List<Deviation> deviations) {
        Objects.requireNonNull(instances, "instances");
        Objects.requireNonNull(transcript, "transcript");
        Objects.requireNonNull(pcs, "pcs");
        Objects.requireNonNull(rng, "rng");
        List<LogUpInstance> list = List.copyOf(instances);
        int k = list.size();
        if (k == 0) {
            throw new IllegalArgumentException("no lookup instances");
        }
        if (deviations != null && deviations.size() != k) {
            throw new IllegalArgumentException(deviations.size() + " deviations for " + k + " instances");
        }
        List<LogUpShape> shapes = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            if (deviation(deviations, i) == null) {
                try {
                    checkRelation(list.get(i));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(k == 1 ? e.getMessage() : "lookup instance " + i + ": "
                            + e.getMessage(), e);
                }
            }
            shapes.add(list.get(i).shape());
        }

        absorbShapes(transcript, shapes);
        Ext beta = transcript.challengeExt(BETA_LABEL);
        Ext gamma = transcript.challengeExt(GAMMA_LABEL);
        Prepared[] prepared = new Prepared[k];
        List<long[]> c2Vectors = new ArrayList<>(2 * k);
        Ext[] sums = new Ext[k];
        for (int i = 0; i < k; i++) {
            prepared[i] = prepare(list.get(i), deviation(deviations, i), beta, gamma);
            c2Vectors.addAll(List.of(prepared[i].c2Vectors));
            sums[i] = prepared[i].claimed;
        }
        ProverData c2 = pcs.commit(c2Vectors, rng);
        c2.commitment().absorbInto(transcript);
        transcript.absorbExts(SUMS_LABEL, sums);

        List<LogUpBatchProof.InstanceProof> proofs = new ArrayList<>(k);
        List<Claim> c2Claims = new ArrayList<>(2 * k);
        List<Claim> callerClaims = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Prepared p = prepared[i];
            boolean cheating = p.deviation != null;
            LogUpShape shape = p.instance.shape();
            Ext[] tau = transcript.challengeExts(TAU_LABEL, shape.witnessLogSize());
            Ext lambda = transcript.challengeExt(LAMBDA_LABEL);
            SumcheckInstance.Builder wb = SumcheckInstance.builder();
            long[] eq = Multilinear.eqTable(tau);
            if (cheating) {
                p.deviation.tamperEq(eq);
            }
            wb.addExtTable(eq);
            wb.addExtTable(p.h);
            for (long[] f : p.instance.witnessRef()) {
                wb.addBaseTable(f);
            }
            addTerms(wb, witnessTerms(p.betaPowers, gamma, lambda));
            SumcheckProver.Result wr = sumcheck(wb.build(), lambda.mul(p.claimed), transcript, cheating);

            SumcheckInstance.Builder tb = SumcheckInstance.builder();
            tb.addBaseTable(p.instance.multiplicitiesRef());
            tb.addExtTable(p.d);
            addTerms(tb, tableTerms());
            SumcheckProver.Result tr = sumcheck(tb.build(), p.claimed, transcript, cheating);

            Ext[] r = wr.point();
            Ext[] r2 = tr.point();
            Ext[] parts = {Multilinear.evaluate(p.c2Vectors[0], r), Multilinear.evaluate(p.c2Vectors[1], r)};
            transcript.absorbExts(PARTS_LABEL, parts);
            c2Claims.addAll(fractionClaims(2 * i, r, parts));
            callerClaims.addAll(callerClaims(shape, r, wr.finalEvaluations(), r2, tr.finalEvaluations()));
            proofs.add(new LogUpBatchProof.InstanceProof(p.claimed, wr.proof(), tr.proof(), parts));
            prepared[i] = null; // release the instance's tables
        }
        OpeningProof opening = pcs.open(c2, c2Claims, transcript, rng);
        ProofWriter w = new ProofWriter();
        opening.writeTo(w);
        return new BatchResult(new LogUpBatchProof(c2.commitment(), proofs, w.toByteArray()), callerClaims);
    }

    private static Deviation deviation(List<Deviation> deviations, int i) {
        return deviations == null ? null : deviations.get(i);
    }

    /** Absorbs the protocol id, the number of instances and every shape, in order. */
    private static void absorbShapes(Transcript t, List<LogUpShape> shapes) {
        t.absorb("logup/protocol", PROTOCOL.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        t.absorbLong("logup/instances", shapes.size());
        for (LogUpShape shape : shapes) {
            shape.absorbInto(t);
        }
    }

    /** Proves a sumcheck; a cheating prover proves the true sum when {@code claim} is false. */
    private static SumcheckProver.Result sumcheck(SumcheckInstance inst, Ext claim, Transcript t, boolean cheating) {
        if (cheating) {
            Ext actual = inst.sum();
            if (!actual.equals(claim)) {
                return SumcheckProver.prove(inst, actual, t);
            }
        }
        return SumcheckProver.prove(inst, claim, t);
    }

    /**
     * Verifies a LogUp proof for {@code shape} (a batch of one, {@link #verifyAll}). The caller must
     * first have absorbed exactly what the prover's caller absorbed (C1 and its statement).
     *
     * @return the claims on C1 the lookup reduces to (f_k(r) on {@code witnessVectors[k]}, then
     *     m(r′) on {@code multiplicityVector}); the lookup holds only once the caller has verified
     *     them with its opening of C1
     * @throws InvalidProofException naming the failed check
     */
    public static List<Claim> verify(LogUpShape shape, LogUpProof proof, Transcript transcript,
            PolynomialCommitment pcs) throws InvalidProofException {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(proof, "proof");
        return verifyAll(List.of(shape), proof.toBatch(), transcript, pcs);
    }

    /**
     * Verifies a batched proof for {@code shapes}, in the order the prover's instances had. The
     * caller must first have absorbed exactly what the prover's caller absorbed (C1 and its
     * statement).
     *
     * @return the claims on C1 the lookups reduce to, instance by instance in the order of
     *     {@code shapes}: f_k(r_i) on {@code witnessVectors[k]} for k = 1..w_i, then m_i(r′_i) on
     *     {@code multiplicityVector} (w_i + 1 claims per instance); the lookups hold only once the
     *     caller has verified them with its opening of C1
     * @throws InvalidProofException naming the failed check (and the instance, for k &gt; 1)
     * @throws IllegalArgumentException if {@code shapes} is empty
     */
    public static List<Claim> verifyAll(List<LogUpShape> shapes, LogUpBatchProof proof, Transcript transcript,
            PolynomialCommitment pcs) throws InvalidProofException {
        Objects.requireNonNull(shapes, "shapes");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(transcript, "transcript");
        Objects.requireNonNull(pcs, "pcs");
        List<LogUpShape> list = List.copyOf(shapes);
        int k = list.size();
        if (k == 0) {
            throw new IllegalArgumentException("no lookup shapes");
        }
        if (proof.instanceCount() != k) {
            throw new InvalidProofException("malformed proof: " + proof.instanceCount() + " instance proofs for " + k
                    + " lookups");
        }
        Commitment c2 = proof.fractionCommitment();
        int[] lengths = fractionVectorLengths(list);
        boolean layoutOk = c2.vectorCount() == lengths.length;
        for (int i = 0; layoutOk && i < lengths.length; i++) {
            layoutOk = c2.vectorLength(i) == lengths[i];
        }
        if (!layoutOk) {
            throw new InvalidProofException("malformed proof: the fraction commitment does not hold vectors of lengths "
                    + java.util.Arrays.toString(lengths));
        }
        Ext[] sums = new Ext[k];
        for (int i = 0; i < k; i++) {
            Ext[] parts = proof.instance(i).partsRef();
            if (parts.length != LogUpProof.PARTS) {
                throw new InvalidProofException("malformed proof: " + (k == 1 ? "" : "instance " + i + " has ")
                        + parts.length + " part evaluations, expected " + LogUpProof.PARTS);
            }
            sums[i] = proof.instance(i).claimedSum();
        }

        absorbShapes(transcript, list);
        Ext beta = transcript.challengeExt(BETA_LABEL);
        Ext gamma = transcript.challengeExt(GAMMA_LABEL);
        c2.absorbInto(transcript);
        transcript.absorbExts(SUMS_LABEL, sums);

        List<Claim> c2Claims = new ArrayList<>(2 * k);
        List<Claim> callerClaims = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            String who = k == 1 ? "LogUp" : "LogUp instance " + i;
            LogUpShape shape = list.get(i);
            LogUpBatchProof.InstanceProof ip = proof.instance(i);
            Ext[] parts = ip.partsRef();
            Ext claimed = sums[i];
            Ext[] betaPowers = powers(beta, shape.width());

            Ext[] tau = transcript.challengeExts(TAU_LABEL, shape.witnessLogSize());
            Ext lambda = transcript.challengeExt(LAMBDA_LABEL);
            SumcheckShape ws = new SumcheckShape(shape.witnessLogSize(), FIRST_WITNESS + shape.width(),
                    witnessTerms(betaPowers, gamma, lambda));
            Reduction wr;
            try {
                wr = SumcheckVerifier.verify(ws, lambda.mul(claimed), ip.witnessSumcheck(), transcript);
            } catch (InvalidProofException e) {
                throw new InvalidProofException(who + " witness-side sumcheck: " + e.getMessage());
            }

            SumcheckShape ts = tableReadingShape(shape);
            Reduction tr;
            try {
                tr = SumcheckVerifier.verify(ts, claimed, ip.tableSumcheck(), transcript);
            } catch (InvalidProofException e) {
                throw new InvalidProofException(who + " table-side sumcheck: " + e.getMessage());
            }
            transcript.absorbExts(PARTS_LABEL, parts);

            Ext[] r = wr.point();
            Ext[] r2 = tr.point();
            Ext[] wf = wr.finalEvaluations();
            Ext[] tf = tr.finalEvaluations();
            if (!wf[EQ].equals(Multilinear.eq(tau, r))) {
                throw new InvalidProofException(who + " witness side: claimed eq(τ, r) is wrong");
            }
            if (!wf[FRACTION].equals(parts[0].add(X.mul(parts[1])))) {
                throw new InvalidProofException(who + " witness side: h(r) ≠ h_re(r) + X·h_im(r)");
            }
            long[] reciprocals;
            try {
                reciprocals = fractions(gamma, compress(shape.table().columnsRef(), betaPowers), null, "table");
            } catch (IllegalStateException e) {
                throw new InvalidProofException(who + ": γ equals a compressed table row (probability ≤ 2^s/|K|)");
            }
            if (!tf[RECIPROCAL].equals(Multilinear.evaluateExt(reciprocals, r2))) {
                throw new InvalidProofException(who + " table side: claimed 1/(γ − ψ) at r′ is not the table's");
            }
            c2Claims.addAll(fractionClaims(2 * i, r, parts));
            callerClaims.addAll(callerClaims(shape, r, wf, r2, tf));
        }

        try {
            ProofReader in = new ProofReader(proof.openingRef());
            OpeningProof opening = pcs.readProof(in, c2, c2Claims);
            in.expectEnd("LogUp opening proof");
            pcs.verify(c2, c2Claims, opening, transcript);
        } catch (InvalidProofException e) {
            throw new InvalidProofException("LogUp fraction opening: " + e.getMessage());
        }
        return callerClaims;
    }

    /** Reads a proof for {@code shape} (see {@link LogUpProof#read}). */
    public static LogUpProof readProof(ProofReader in, LogUpShape shape, PolynomialCommitment pcs)
            throws InvalidProofException {
        return LogUpProof.read(in, shape, pcs);
    }

    /**
     * Reads a batched proof for {@code shapes}, in bounded memory: the instance count and every
     * size come from the shapes (see {@link LogUpBatchProof#read}).
     */
    public static LogUpBatchProof readAll(ProofReader in, List<LogUpShape> shapes, PolynomialCommitment pcs)
            throws InvalidProofException {
        return LogUpBatchProof.read(in, shapes, pcs);
    }

    /** Lengths of C2's vectors (h_re, h_im): 2^n, 2^n. */
    public static int[] fractionVectorLengths(LogUpShape shape) {
        int n = shape.witnessSize();
        return new int[] {n, n};
    }

    /** Lengths of a batched C2's vectors: {@link #fractionVectorLengths(LogUpShape)} of each shape, in order. */
    public static int[] fractionVectorLengths(List<LogUpShape> shapes) {
        int[] out = new int[2 * shapes.size()];
        for (int i = 0; i < shapes.size(); i++) {
            System.arraycopy(fractionVectorLengths(shapes.get(i)), 0, out, 2 * i, 2);
        }
        return out;
    }

    /**
     * The proven soundness of a LogUp proof for {@code shape} in bits, −log2 ε, with ε as in the
     * class documentation: [(w−1)·2^s + 2^n + 2^(s+1) + max(n,1) + max(s,1) + 3n + 3s]/|K| plus
     * 2^−{@code fractionPcsBits} for the C2 opening (e.g.
     * {@code ligero.soundnessBits(LogUp.fractionVectorLengths(shape))}). The caller's opening of C1
     * adds its own error.
     */
    public static double soundnessBits(LogUpShape shape, double fractionPcsBits) {
        return soundnessBits(List.of(shape), fractionPcsBits);
    }

    /**
     * The proven soundness of a batched proof for {@code shapes} in bits: −log2 of the union bound
     * Σ_i ε_alg(shape_i) + 2^−{@code fractionPcsBits}, where ε_alg is the algebraic part of the
     * single-instance bound (everything but ε_PCS) and the one C2 opening is counted once (e.g.
     * {@code ligero.soundnessBits(LogUp.fractionVectorLengths(shapes))}); docs/lookup.md, "Batching".
     */
    public static double soundnessBits(List<LogUpShape> shapes, double fractionPcsBits) {
        double epsilon = Math.pow(2, -fractionPcsBits);
        for (LogUpShape shape : shapes) {
            epsilon += algebraicError(shape);
        }
        return -Math.log(epsilon) / Math.log(2);
    }

    private static double algebraicError(LogUpShape shape) {
        return algebraicError(shape.witnessLogSize(), shape.tableLogSize(), shape.width());
    }

    /**
     * The algebraic part of the single-instance bound for 2^n witness rows, 2^s table rows and w
     * columns: [(w−1)·2^s + 2^n + 2^s + max(n,1) + 3n + 2s]/|K|.
     */
    public static double algebraicError(int n, int s, int w) {
        double numerator = (w - 1) * Math.pow(2, s) + Math.pow(2, n) + Math.pow(2, s) + Math.max(n, 1) + 3.0 * n
                + 2.0 * s;
        double p = unsignedToDouble(Goldilocks.P);
        return numerator / (p * p);
    }

    private static double unsignedToDouble(long v) {
        return (double) (v >>> 1) * 2.0 + (v & 1);
    }

    /** Terms of the witness-side summand over tables [eq, h, f_1..f_w]. */
    static List<SumcheckShape.Term> witnessTerms(Ext[] betaPowers, Ext gamma, Ext lambda) {
        List<SumcheckShape.Term> terms = new ArrayList<>();
        terms.add(new SumcheckShape.Term(gamma, new int[] {EQ, FRACTION}));
        for (int k = 0; k < betaPowers.length; k++) {
            terms.add(new SumcheckShape.Term(betaPowers[k].neg(), new int[] {EQ, FRACTION, FIRST_WITNESS + k}));
        }
        terms.add(new SumcheckShape.Term(Ext.ONE.neg(), new int[] {EQ}));
        terms.add(new SumcheckShape.Term(lambda, new int[] {FRACTION}));
        return terms;
    }

    /** The table-side summand m(t)·d(t) over tables [m, d]. */
    private static List<SumcheckShape.Term> tableTerms() {
        return List.of(new SumcheckShape.Term(Ext.ONE, new int[] {MULTIPLICITY, RECIPROCAL}));
    }

    /** The witness-side shape with placeholder coefficients: sizes for reading a proof. */
    static SumcheckShape witnessReadingShape(LogUpShape shape) {
        Ext[] ones = new Ext[shape.width()];
        java.util.Arrays.fill(ones, Ext.ONE);
        return new SumcheckShape(shape.witnessLogSize(), FIRST_WITNESS + shape.width(),
                witnessTerms(ones, Ext.ONE, Ext.ONE));
    }

    /** The table-side shape with placeholder coefficients: sizes for reading a proof. */
    static SumcheckShape tableReadingShape(LogUpShape shape) {
        return new SumcheckShape(shape.tableLogSize(), 2, tableTerms());
    }

    private static void addTerms(SumcheckInstance.Builder b, List<SumcheckShape.Term> terms) {
        for (SumcheckShape.Term t : terms) {
            b.addTerm(t.coefficient(), t.tables());
        }
    }

    /** C2 claims: h_re, h_im at r (vectors first, first + 1). */
    private static List<Claim> fractionClaims(int first, Ext[] r, Ext[] parts) {
        return List.of(Claim.multilinear(first, r, parts[0]), Claim.multilinear(first + 1, r, parts[1]));
    }

    /** C1 claims: f_k(r) for every k, then m(r′). */
    private static List<Claim> callerClaims(LogUpShape shape, Ext[] r, Ext[] witnessFinals, Ext[] r2,
            Ext[] tableFinals) {
        int[] idx = shape.witnessVectors();
        List<Claim> claims = new ArrayList<>(idx.length + 1);
        for (int k = 0; k < idx.length; k++) {
            claims.add(Claim.multilinear(idx[k], r, witnessFinals[FIRST_WITNESS + k]));
        }
        claims.add(Claim.multilinear(shape.multiplicityVector(), r2, tableFinals[MULTIPLICITY]));
        return claims;
    }

    /** 1, β, …, β^(w−1). */
    static Ext[] powers(Ext beta, int w) {
        Ext[] p = new Ext[w];
        p[0] = Ext.ONE;
        for (int k = 1; k < w; k++) {
            p[k] = p[k - 1].mul(beta);
        }
        return p;
    }

    /** Σ_k betaPowers[k]·columns[k][i] for every row i, as an interleaved extension table. */
    static long[] compress(long[][] columns, Ext[] betaPowers) {
        int rows = columns[0].length;
        long[] out = new long[2 * rows];
        for (int i = 0; i < rows; i++) {
            out[2 * i] = columns[0][i];
        }
        for (int k = 1; k < columns.length; k++) {
            long b0 = betaPowers[k].c0(), b1 = betaPowers[k].c1();
            long[] c = columns[k];
            for (int i = 0; i < rows; i++) {
                out[2 * i] = Goldilocks.add(out[2 * i], Goldilocks.mul(b0, c[i]));
                out[2 * i + 1] = Goldilocks.add(out[2 * i + 1], Goldilocks.mul(b1, c[i]));
            }
        }
        return out;
    }

    /**
     * numerators[i]/(γ − compressed[i]) for every row (numerators null: all ones), as an interleaved
     * extension table, with one extension-field inversion (Montgomery's trick).
     *
     * @throws IllegalStateException if some γ − compressed[i] is zero
     */
    static long[] fractions(Ext gamma, long[] compressed, long[] numerators, String side) {
        int rows = compressed.length / 2;
        long g0 = gamma.c0(), g1 = gamma.c1();
        long[] den = new long[2 * rows];
        long[] prefix = new long[2 * rows];
        long a0 = 1, a1 = 0;
        for (int i = 0; i < rows; i++) {
            long d0 = Goldilocks.sub(g0, compressed[2 * i]);
            long d1 = Goldilocks.sub(g1, compressed[2 * i + 1]);
            if (d0 == 0 && d1 == 0) {
                throw new IllegalStateException("γ equals the compressed " + side + " row " + i
                        + " (probability ≤ (2^n + 2^s)/|K|); prove again with a fresh transcript");
            }
            den[2 * i] = d0;
            den[2 * i + 1] = d1;
            prefix[2 * i] = a0;
            prefix[2 * i + 1] = a1;
            long t0 = mulC0(a0, a1, d0, d1);
            a1 = mulC1(a0, a1, d0, d1);
            a0 = t0;
        }
        Ext inv = Ext.of(a0, a1).inverse();
        long i0 = inv.c0(), i1 = inv.c1();
        long[] out = new long[2 * rows];
        for (int i = rows - 1; i >= 0; i--) {
            long p0 = prefix[2 * i], p1 = prefix[2 * i + 1];
            long q0 = mulC0(i0, i1, p0, p1); // 1/(γ − compressed[i])
            long q1 = mulC1(i0, i1, p0, p1);
            long d0 = den[2 * i], d1 = den[2 * i + 1];
            long t0 = mulC0(i0, i1, d0, d1);
            i1 = mulC1(i0, i1, d0, d1);
            i0 = t0;
            if (numerators == null) {
                out[2 * i] = q0;
                out[2 * i + 1] = q1;
            } else {
                out[2 * i] = Goldilocks.mul(q0, numerators[i]);
                out[2 * i + 1] = Goldilocks.mul(q1, numerators[i]);
            }
        }
        return out;
    }

    /** Σ of an interleaved extension table. */
    static Ext sum(long[] ext) {
        long s0 = 0, s1 = 0;
        for (int i = 0; i < ext.length; i += 2) {
            s0 = Goldilocks.add(s0, ext[i]);
            s1 = Goldilocks.add(s1, ext[i + 1]);
        }
        return Ext.of(s0, s1);
    }

    /** The real (which = 0) or x-part (which = 1) of an interleaved extension table. */
    static long[] part(long[] ext, int which) {
        long[] out = new long[ext.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = ext[2 * i + which];
        }
        return out;
    }
}
