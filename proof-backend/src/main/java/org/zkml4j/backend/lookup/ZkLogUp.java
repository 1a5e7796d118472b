package org.zkml4j.backend.lookup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.backend.io.ProofReader;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.Commitment;
import org.zkml4j.backend.pcs.HidingLedger;
import org.zkml4j.backend.pcs.LinearFunctional;
import org.zkml4j.backend.pcs.OpeningProof;
import org.zkml4j.backend.pcs.PolynomialCommitment;
import org.zkml4j.backend.pcs.ProverData;
import org.zkml4j.backend.poly.Multilinear;
import org.zkml4j.backend.sumcheck.Reduction;
import org.zkml4j.backend.sumcheck.SumcheckInstance;
import org.zkml4j.backend.sumcheck.SumcheckShape;
import org.zkml4j.backend.sumcheck.MaskedSumcheckProof;
import org.zkml4j.backend.sumcheck.SharedMasks;
import org.zkml4j.backend.transcript.Transcript;

/**
 * Zero-knowledge batched LogUp (docs/lookup.md, docs/zero-knowledge.md) over <em>doubled</em>
 * vectors: every witness column and multiplicity vector the caller commits in C1 is the real
 * vector followed by as many uniformly random entries (a top variable t selects the random half),
 * and so are the fraction vectors h′ = (h, U_h), g′ = (g, U_g) this protocol commits in C2.
 *
 * <p>Differences from {@link LogUp}: (1) the zero-checks use eq(τ, x)·(1 − t), so only the real
 * half is constrained; (2) the sums run over both halves: the prover sends H′ = Σ h′ = H + Σ U_h
 * (a one-time pad on H) and proves Σ g′ = H′ as well, while C2's opening proves
 * Σ U_h = Σ U_g (a linear claim on the random halves, value 0), so Σ h = Σ g still follows;
 * (3) both sumchecks are zero-knowledge, their masks from the proof's {@link SharedMasks}; (4) every final evaluation of a doubled vector at
 * (r, r_t) is (1 − r_t)·ṽ(r) + r_t·ũ(r), padded by the random half. The verifier evaluates
 * eq(τ, r)·(1 − r_t) and ψ̃(r) itself (ψ′ repeats the public table in both halves).
 *
 * <p><b>Soundness</b>: as {@link LogUp}'s batch bound with n + 1 and s + 1 rounds of degree 3 per
 * instance, plus 2/|K| per instance for the masked sumchecks (the shared mask opening is the
 * caller's); γ equal to a compressed table row is rejected (≤ 2^s/|K|, counted in that bound).
 * <b>Hiding</b>: the prover refuses fraction vectors shorter than the {@link HidingLedger} needs
 * for one evaluation and one sum per part.
 */
public final class ZkLogUp {
    static final String PROTOCOL = "zkml4j/zk-logup/v1";
    private static final Ext X = Ext.of(0, 1);
    private static final int EQ = 0, FRACTION = 1, FIRST_WITNESS = 2, PSI = 2, MULTIPLICITY = 3;

    private ZkLogUp() {}

    /**
     * One lookup's prover data: the shape and the doubled vectors exactly as committed in C1.
     *
     * @param shape the public statement (sizes of the real halves)
     * @param columns the doubled witness columns (2·2^n entries each)
     * @param multiplicities the doubled multiplicities (2·2^s entries)
     */
    public record Instance(LogUpShape shape, long[][] columns, long[] multiplicities) {}

    /**
     * A proof and the C1 claims it reduces to.
     *
     * @param proof the proof
     * @param claims per instance, f′_k(r, r_t) for every column, then m′(r′, r′_t)
     */
    public record Result(ZkLogUpProof proof, List<Claim> claims) {}

    /**
     * Proves every instance; the caller has absorbed its statement and C1.
     *
     * @throws IllegalArgumentException naming the instance and the first real row not in its table
     */
    public static Result proveAll(List<Instance> instances, Transcript t, PolynomialCommitment pcs, SharedMasks masks,
            RandomGenerator rng) {
        return proveAll(instances, t, pcs, masks, rng, false);
    }

    /**
     * <b>Unsafe, for testing verifiers only.</b> A cheating prover for witnesses with rows outside
     * their tables: it skips the relation check and picks U_g so that Σ g′ = Σ h′ — every sumcheck
     * statement is then true and only the claim Σ U_h = Σ U_g is false.
     */
    public static Result proveAllUnsafe(List<Instance> instances, Transcript t, PolynomialCommitment pcs,
            SharedMasks masks, RandomGenerator rng) {
        return proveAll(instances, t, pcs, masks, rng, true);
    }

    private static Result proveAll(List<Instance> instances, Transcript t, PolynomialCommitment pcs,
            SharedMasks masks, RandomGenerator rng, boolean balanceUnsafe) {
        int k = instances.size();
        List<LogUpShape> shapes = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            Instance in = instances.get(i);
            LogUpShape s = in.shape();
            long[][] real = new long[in.columns().length][];
            for (int c = 0; c < real.length; c++) {
                real[c] = lowHalf(in.columns()[c], s.witnessSize(), "column " + c);
            }
            LogUpInstance realInstance = new LogUpInstance(s, real, lowHalf(in.multiplicities(), s.table().rows(),
                    "multiplicities"));
            try {
                if (!balanceUnsafe) {
                    LogUp.checkRelation(realInstance);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("lookup instance " + i + ": " + e.getMessage(), e);
            }
            shapes.add(s);
        }
        absorbShapes(t, shapes);
        Ext beta = t.challengeExt(LogUp.BETA_LABEL);
        Ext gamma = t.challengeExt(LogUp.GAMMA_LABEL);
        List<long[]> c2Vectors = new ArrayList<>(4 * k);
        long[][] h2 = new long[k][], g2 = new long[k][], psi2 = new long[k][];
        Ext[] sums = new Ext[k];
        for (int i = 0; i < k; i++) {
            Instance in = instances.get(i);
            LogUpShape s = in.shape();
            Ext[] bp = LogUp.powers(beta, s.width());
            long[][] real = new long[in.columns().length][];
            for (int c = 0; c < real.length; c++) {
                real[c] = Arrays.copyOf(in.columns()[c], s.witnessSize());
            }
            long[] h = LogUp.fractions(gamma, LogUp.compress(real, bp), null, "witness");
            long[] psi = LogUp.compress(s.table().columnsRef(), bp);
            long[] g = LogUp.fractions(gamma, psi, Arrays.copyOf(in.multiplicities(), s.table().rows()), "table");
            // each part of h′ and g′ reveals one evaluation and its sum (counted as one more)
            HidingLedger.require("lookup " + i + " witness fractions", s.witnessSize(), 2);
            HidingLedger.require("lookup " + i + " table fractions", s.table().rows(), 2);
            long[] uh = randomExt(h.length / 2, rng);
            long[] ug = randomExt(g.length / 2, rng);
            Ext fix = LogUp.sum(uh).sub(LogUp.sum(ug)); // make Σ U_g = Σ U_h
            if (balanceUnsafe) {
                fix = fix.add(LogUp.sum(h)).sub(LogUp.sum(g)); // make Σ g′ = Σ h′ instead
            }
            Ext.get(ug, 0).add(fix).set(ug, 0);
            h2[i] = concat(h, uh);
            g2[i] = concat(g, ug);
            psi2[i] = concat(psi, psi);
            c2Vectors.addAll(List.of(LogUp.part(h2[i], 0), LogUp.part(h2[i], 1), LogUp.part(g2[i], 0),
                    LogUp.part(g2[i], 1)));
            sums[i] = LogUp.sum(h2[i]);
        }
        ProverData c2 = pcs.commit(c2Vectors, rng);
        c2.commitment().absorbInto(t);
        t.absorbExts(LogUp.SUMS_LABEL, sums);

        List<ZkLogUpProof.InstanceProof> proofs = new ArrayList<>(k);
        List<Claim> c2Claims = new ArrayList<>();
        List<Claim> callerClaims = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Instance in = instances.get(i);
            LogUpShape s = in.shape();
            Ext[] bp = LogUp.powers(beta, s.width());
            Ext[] tau = t.challengeExts(LogUp.TAU_LABEL, s.witnessLogSize());
            Ext lambda = t.challengeExt(LogUp.LAMBDA_LABEL);
            SumcheckInstance.Builder wb = SumcheckInstance.builder();
            wb.addExtTable(selectedEq(tau));
            wb.addExtTable(h2[i]);
            for (long[] f : in.columns()) {
                wb.addBaseTable(f);
            }
            addTerms(wb, LogUp.witnessTerms(bp, gamma, lambda));
            MaskedSumcheckProof.Result wr = masks.prove(wb.build(), lambda.mul(sums[i]), t);

            Ext[] tau2 = t.challengeExts(LogUp.TABLE_TAU_LABEL, s.tableLogSize());
            Ext lambda2 = t.challengeExt(LogUp.TABLE_LAMBDA_LABEL);
            SumcheckInstance.Builder tb = SumcheckInstance.builder();
            tb.addExtTable(selectedEq(tau2));
            tb.addExtTable(g2[i]);
            tb.addExtTable(psi2[i]);
            tb.addBaseTable(in.multiplicities());
            addTerms(tb, tableTerms(gamma, lambda2));
            MaskedSumcheckProof.Result tr = masks.prove(tb.build(), lambda2.mul(sums[i]), t);

            Ext[] r = wr.reduction().point(), r2 = tr.reduction().point();
            Ext[] parts = {
                Multilinear.evaluate(c2Vectors.get(4 * i), r), Multilinear.evaluate(c2Vectors.get(4 * i + 1), r),
                Multilinear.evaluate(c2Vectors.get(4 * i + 2), r2), Multilinear.evaluate(c2Vectors.get(4 * i + 3), r2)
            };
            t.absorbExts(LogUp.PARTS_LABEL, parts);
            c2Claims.addAll(fractionClaims(4 * i, s, r, r2, parts));
            callerClaims.addAll(callerClaims(s, r, wr.reduction().finalEvaluations(), r2,
                    tr.reduction().finalEvaluations()));
            proofs.add(new ZkLogUpProof.InstanceProof(sums[i], wr.proof(), tr.proof(), parts));
            h2[i] = g2[i] = psi2[i] = null;
        }
        OpeningProof opening = pcs.open(c2, c2Claims, t, rng);
        org.zkml4j.backend.io.ProofWriter w = new org.zkml4j.backend.io.ProofWriter();
        opening.writeTo(w);
        return new Result(new ZkLogUpProof(c2.commitment(), proofs, w.toByteArray()), callerClaims);
    }

    /**
     * Verifies a proof for {@code shapes} after the caller absorbed what the prover's caller did.
     *
     * @return the C1 claims (as {@link Result#claims})
     * @throws InvalidProofException naming the failed check and instance
     */
    public static List<Claim> verifyAll(List<LogUpShape> shapes, ZkLogUpProof proof, Transcript t,
            PolynomialCommitment pcs, SharedMasks masks) throws InvalidProofException {
        int k = shapes.size();
        if (proof.instances().size() != k) {
            throw new InvalidProofException("malformed proof: " + proof.instances().size() + " lookup proofs for " + k);
        }
        Commitment c2 = proof.fractionCommitment();
        if (c2.vectorCount() != 4 * k) {
            throw new InvalidProofException("malformed proof: the fraction commitment does not fit the lookups");
        }
        for (int i = 0; i < k; i++) {
            int wl = 2 * shapes.get(i).witnessSize(), tl = 2 * shapes.get(i).table().rows();
            if (c2.vectorLength(4 * i) != wl || c2.vectorLength(4 * i + 1) != wl || c2.vectorLength(4 * i + 2) != tl
                    || c2.vectorLength(4 * i + 3) != tl) {
                throw new InvalidProofException("malformed proof: the fraction commitment does not fit lookup " + i);
            }
        }
        Ext[] sums = new Ext[k];
        for (int i = 0; i < k; i++) {
            if (proof.instances().get(i).parts().length != 4) {
                throw new InvalidProofException("malformed proof: lookup " + i + " has "
                        + proof.instances().get(i).parts().length + " part evaluations, expected 4");
            }
            sums[i] = proof.instances().get(i).maskedSum();
        }
        absorbShapes(t, shapes);
        Ext beta = t.challengeExt(LogUp.BETA_LABEL);
        Ext gamma = t.challengeExt(LogUp.GAMMA_LABEL);
        c2.absorbInto(t);
        t.absorbExts(LogUp.SUMS_LABEL, sums);
        List<Claim> c2Claims = new ArrayList<>();
        List<Claim> callerClaims = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            String who = "lookup " + i;
            LogUpShape s = shapes.get(i);
            ZkLogUpProof.InstanceProof ip = proof.instances().get(i);
            Ext[] parts = ip.parts();
            Ext[] bp = LogUp.powers(beta, s.width());
            requireOffTable(gamma, s, bp, who);
            Ext[] tau = t.challengeExts(LogUp.TAU_LABEL, s.witnessLogSize());
            Ext lambda = t.challengeExt(LogUp.LAMBDA_LABEL);
            Reduction wr = verifySide(masks, witnessShape(s, gamma, bp, lambda), lambda.mul(sums[i]),
                    ip.witnessSumcheck(), t, who + " witness-side sumcheck: ");
            Ext[] tau2 = t.challengeExts(LogUp.TABLE_TAU_LABEL, s.tableLogSize());
            Ext lambda2 = t.challengeExt(LogUp.TABLE_LAMBDA_LABEL);
            Reduction tr = verifySide(masks, tableShape(s, gamma, lambda2), lambda2.mul(sums[i]), ip.tableSumcheck(), t,
                    who + " table-side sumcheck: ");
            t.absorbExts(LogUp.PARTS_LABEL, parts);
            Ext[] r = wr.point(), r2 = tr.point();
            Ext[] wf = wr.finalEvaluations(), tf = tr.finalEvaluations();
            if (!wf[EQ].equals(selectedEqAt(tau, r))) {
                throw new InvalidProofException(who + " witness side: claimed eq(τ, r)·(1 − r_t) is wrong");
            }
            if (!tf[EQ].equals(selectedEqAt(tau2, r2))) {
                throw new InvalidProofException(who + " table side: claimed eq(τ′, r′)·(1 − r′_t) is wrong");
            }
            if (!wf[FRACTION].equals(parts[0].add(X.mul(parts[1])))
                    || !tf[FRACTION].equals(parts[2].add(X.mul(parts[3])))) {
                throw new InvalidProofException(who + ": fraction evaluations ≠ their committed parts");
            }
            Ext psiAt = Ext.ZERO;
            long[][] table = s.table().columnsRef();
            Ext[] r2low = Arrays.copyOf(r2, s.tableLogSize());
            for (int c = 0; c < table.length; c++) {
                psiAt = psiAt.add(bp[c].mul(Multilinear.evaluate(table[c], r2low)));
            }
            if (!tf[PSI].equals(psiAt)) {
                throw new InvalidProofException(who + " table side: claimed ψ(r′) is not the table's compression");
            }
            c2Claims.addAll(fractionClaims(4 * i, s, r, r2, parts));
            callerClaims.addAll(callerClaims(s, r, wf, r2, tf));
        }
        try {
            ProofReader in = new ProofReader(proof.opening());
            OpeningProof opening = pcs.readProof(in, c2, c2Claims);
            in.expectEnd("zk-LogUp opening proof");
            pcs.verify(c2, c2Claims, opening, t);
        } catch (InvalidProofException e) {
            throw new InvalidProofException("zk-LogUp fraction opening: " + e.getMessage());
        }
        return callerClaims;
    }

    /**
     * Rejects γ equal to a compressed table row ψ(t₀) (probability ≤ 2^s/|K|): the zero-check
     * g·(γ − ψ) = m would leave g(t₀) free, as the public LogUp's table side rejects too.
     */
    static void requireOffTable(Ext gamma, LogUpShape s, Ext[] betaPowers, String who)
            throws InvalidProofException {
        long[] psi = LogUp.compress(s.table().columnsRef(), betaPowers);
        for (int row = 0; row < psi.length / 2; row++) {
            if (psi[2 * row] == gamma.c0() && psi[2 * row + 1] == gamma.c1()) {
                throw new InvalidProofException(who + ": γ equals compressed table row " + row
                        + " (probability ≤ 2^s/|K|)");
            }
        }
    }

    private static Reduction verifySide(SharedMasks masks, SumcheckShape shape, Ext sum, MaskedSumcheckProof p,
            Transcript t, String who) throws InvalidProofException {
        try {
            return masks.verify(shape, sum, p, t);
        } catch (InvalidProofException e) {
            throw new InvalidProofException(who + e.getMessage());
        }
    }

    static SumcheckShape witnessShape(LogUpShape s, Ext gamma, Ext[] betaPowers, Ext lambda) {
        return new SumcheckShape(s.witnessLogSize() + 1, FIRST_WITNESS + s.width(),
                LogUp.witnessTerms(betaPowers, gamma, lambda));
    }

    static SumcheckShape tableShape(LogUpShape s, Ext gamma, Ext lambda) {
        return new SumcheckShape(s.tableLogSize() + 1, 4, tableTerms(gamma, lambda));
    }

    static SumcheckShape witnessReadingShape(LogUpShape s) {
        Ext[] ones = new Ext[s.width()];
        Arrays.fill(ones, Ext.ONE);
        return witnessShape(s, Ext.ONE, ones, Ext.ONE);
    }

    /** Terms of the table-side summand over tables [eq′, g′, ψ′, m′]. */
    private static List<SumcheckShape.Term> tableTerms(Ext gamma, Ext lambda) {
        return List.of(
                new SumcheckShape.Term(gamma, new int[] {EQ, FRACTION}),
                new SumcheckShape.Term(Ext.ONE.neg(), new int[] {EQ, FRACTION, PSI}),
                new SumcheckShape.Term(Ext.ONE.neg(), new int[] {EQ, MULTIPLICITY}),
                new SumcheckShape.Term(lambda, new int[] {FRACTION}));
    }

    static SumcheckShape tableReadingShape(LogUpShape s) {
        return tableShape(s, Ext.ONE, Ext.ONE);
    }

    /** The lookup's two entries in a {@link SharedMasks} plan: witness side, then table side. */
    public static List<int[]> maskPlan(LogUpShape s) {
        SumcheckShape w = witnessReadingShape(s), t = tableReadingShape(s);
        return List.of(new int[] {w.numVars(), w.degree()}, new int[] {t.numVars(), t.degree()});
    }

    private static void absorbShapes(Transcript t, List<LogUpShape> shapes) {
        t.absorb("zk-logup/protocol", PROTOCOL.getBytes(StandardCharsets.UTF_8));
        t.absorbLong("logup/instances", shapes.size());
        for (LogUpShape s : shapes) {
            s.absorbInto(t);
        }
    }

    /** eq(τ, ·) on the real half, zero on the random half (interleaved extension table). */
    private static long[] selectedEq(Ext[] tau) {
        long[] eq = Multilinear.eqTable(tau);
        return Arrays.copyOf(eq, 2 * eq.length);
    }

    private static Ext selectedEqAt(Ext[] tau, Ext[] r) {
        return Multilinear.eq(tau, Arrays.copyOf(r, tau.length)).mul(Ext.ONE.sub(r[tau.length]));
    }

    /**
     * C2 claims of instance i: the four parts at r and r′, and Σ U_h − Σ U_g = 0, i.e.
     * 2^n·h̃′(½,…,½, 1) − 2^s·g̃′(½,…,½, 1) = 0 over the real and x-parts.
     */
    private static List<Claim> fractionClaims(int first, LogUpShape s, Ext[] r, Ext[] r2, Ext[] parts) {
        List<Claim> out = new ArrayList<>(5);
        out.add(Claim.multilinear(first, r, parts[0]));
        out.add(Claim.multilinear(first + 1, r, parts[1]));
        out.add(Claim.multilinear(first + 2, r2, parts[2]));
        out.add(Claim.multilinear(first + 3, r2, parts[3]));
        LinearFunctional hSum = new LinearFunctional.MultilinearPoint(randomHalfCentre(s.witnessLogSize()));
        LinearFunctional gSum = new LinearFunctional.MultilinearPoint(randomHalfCentre(s.tableLogSize()));
        Ext hs = Ext.base(Goldilocks.pow(2, s.witnessLogSize()));
        Ext gs = Ext.base(Goldilocks.pow(2, s.tableLogSize())).neg();
        out.add(new Claim(List.of(new Claim.Term(first, hSum, hs), new Claim.Term(first + 1, hSum, hs.mul(X)),
                new Claim.Term(first + 2, gSum, gs), new Claim.Term(first + 3, gSum, gs.mul(X))), Ext.ZERO));
        return out;
    }

    /** (½, …, ½, 1): the average over the random half. */
    private static Ext[] randomHalfCentre(int n) {
        Ext[] p = new Ext[n + 1];
        Arrays.fill(p, Ext.base(Goldilocks.inverse(2)));
        p[n] = Ext.ONE;
        return p;
    }

    private static List<Claim> callerClaims(LogUpShape s, Ext[] r, Ext[] wf, Ext[] r2, Ext[] tf) {
        int[] idx = s.witnessVectors();
        List<Claim> claims = new ArrayList<>(idx.length + 1);
        for (int c = 0; c < idx.length; c++) {
            claims.add(Claim.multilinear(idx[c], r, wf[FIRST_WITNESS + c]));
        }
        claims.add(Claim.multilinear(s.multiplicityVector(), r2, tf[MULTIPLICITY]));
        return claims;
    }

    private static void addTerms(SumcheckInstance.Builder b, List<SumcheckShape.Term> terms) {
        for (SumcheckShape.Term term : terms) {
            b.addTerm(term.coefficient(), term.tables());
        }
    }

    private static long[] lowHalf(long[] doubled, int half, String what) {
        if (doubled.length != 2 * half) {
            throw new IllegalArgumentException(what + " has " + doubled.length + " entries, expected " + 2 * half);
        }
        return Arrays.copyOf(doubled, half);
    }

    private static long[] randomExt(int entries, RandomGenerator rng) {
        long[] out = new long[2 * entries];
        for (int i = 0; i < out.length; i++) {
            out[i] = Ext.randomBase(rng);
        }
        return out;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
