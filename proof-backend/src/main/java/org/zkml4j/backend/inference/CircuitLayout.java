package org.zkml4j.backend.inference;

import java.util.ArrayList;
import java.util.List;
import org.zkml4j.backend.pcs.Claim;
import org.zkml4j.backend.pcs.HidingLedger;
import org.zkml4j.backend.field.Goldilocks;
import org.zkml4j.backend.layer.DenseLayerShape;
import org.zkml4j.backend.layer.ZkArgmax;
import org.zkml4j.backend.lookup.LogUp;
import org.zkml4j.backend.lookup.LogUpShape;
import org.zkml4j.backend.lookup.LookupTable;
import org.zkml4j.compiler.CircuitLayer;
import org.zkml4j.compiler.CompiledCircuit;

/**
 * How a compiled circuit on a batch is laid out for proving: padded sizes, the layer shapes, the
 * lookup tables, and which logical vectors are public (the input and the output) or committed.
 *
 * <p>Logical vector 0 is the input X (B·n₀). Layer ℓ owns five: z, r, a (each B·m_ℓ), and the
 * multiplicities of its activation table and of its remainder range table. The last layer's a is
 * the output, public unless the outputs are private. A private input adds its range multiplicities;
 * private outputs add the argmax margins and their range multiplicities ({@code ZkArgmax}). Every
 * vector but the public ones is committed, in logical order.
 */
final class CircuitLayout {
    static final int INPUT = 0;
    private static final int PER_LAYER = 5;

    final CompiledCircuit circuit;
    final int rows;
    final int batch;
    final DenseLayerShape[] dense;
    final LookupTable[] activationTables;
    final LookupTable[] rangeTables;
    final LogUpShape[] activationLookups;
    final LogUpShape[] rangeLookups;
    /** Commitment position of each logical vector, or −1 if it is public. */
    final int[] position;
    final int[] lengths;
    final boolean privateInput;
    final boolean privateOutput;
    /** The input range lookup (private input only), else null. */
    final LogUpShape inputLookup;
    /** The argmax margins' range lookup (private outputs only), else null. */
    final LogUpShape marginLookup;

    /** Whether the weights are COMMITTED: {@link #dense} holds committed shapes (W′ at 2ℓ, b′ at 2ℓ + 1). */
    final boolean committedWeights;
    /** Whether the input lives in its own commitment (COMMITTED inputs), not in C1. */
    final boolean committedInput;
    /** Whether the output lives in its own commitment (COMMITTED outputs), neither public nor in C1. */
    final boolean committedOutput;

    /** The layout of a {@link CircuitProof} (nothing hidden). */
    CircuitLayout(CompiledCircuit circuit, int rows) {
        this(circuit, rows, false, false, 0, false, false, false);
    }

    /** The layout of a {@link ZkInferenceProof} with public weights, a private input or outputs. */
    CircuitLayout(CompiledCircuit circuit, int rows, boolean privateInput, boolean privateOutput) {
        this(circuit, rows, privateInput, privateOutput, 0, false, false, true);
    }

    /** The layout of a {@link ZkInferenceProof} in {@code mode}. */
    CircuitLayout(CompiledCircuit circuit, int rows, ZkMode mode) {
        this(circuit, rows, mode.privateInput(), mode.privateOutputs(),
                mode.committedWeights() ? mode.model().budget() : 0, mode.committedInput(), mode.committedOutputs(),
                true);
    }

    /** Whether vectors are hidden (a {@link ZkInferenceProof}): every hidden vector is then sized by the ledger. */
    final boolean hiding;

    /**
     * Evaluations a proof reveals of each hidden vector of C1 at most (a vector is used by one
     * relation and one lookup); the ledger sizes batches and tables for it.
     */
    static final int EVALUATIONS_PER_VECTOR = 2;

    /**
     * The batch a zero-knowledge proof of {@code rows} rows lays out: a power of two, and large
     * enough that every hidden B-row vector (input, each layer's z, r, a, the margins) has the
     * random part {@link HidingLedger} requires for {@value #EVALUATIONS_PER_VECTOR} evaluations.
     */
    static int hidingBatch(CompiledCircuit circuit, int rows) {
        int narrowest = pow2(circuit.inputSize());
        for (CircuitLayer layer : circuit.layers()) {
            narrowest = Math.min(narrowest, pow2(layer.outputSize()));
        }
        int need = HidingLedger.minimumForEvaluations(EVALUATIONS_PER_VECTOR);
        return Math.max(pow2(rows), Math.max(1, need / narrowest));
    }

    /**
     * With {@code privateInput}, the input is committed too and range-checked against [−Q, Q] by one
     * more lookup. With {@code privateOutput} (which needs a private input or committed weights), the
     * output is committed and the argmax margins, also in [−Q, Q], follow. With
     * a positive {@code budget} (of the model commitment) the weights are committed: the layer shapes
     * hold no weights (the verifier's circuit may withhold them).
     */
    private CircuitLayout(CompiledCircuit circuit, int rows, boolean privateInput, boolean privateOutput,
            int budget, boolean committedInput, boolean committedOutput, boolean hiding) {
        this.hiding = hiding;
        boolean committedWeights = budget > 0;
        this.committedInput = committedInput;
        this.committedOutput = committedOutput;
        if (rows < 1) {
            throw new IllegalArgumentException("a batch needs at least one input");
        }
        if (privateOutput && (!(privateInput || committedWeights) || !circuit.classifier())) {
            throw new IllegalArgumentException("private outputs need a classifier, and a private input or "
                    + "committed weights");
        }
        this.committedWeights = committedWeights;
        this.circuit = circuit;
        this.rows = rows;
        this.privateInput = privateInput;
        this.privateOutput = privateOutput;
        this.batch = hiding ? hidingBatch(circuit, rows) : pow2(rows);
        List<CircuitLayer> layers = circuit.layers();
        int count = layers.size();
        dense = new DenseLayerShape[count];
        activationTables = new LookupTable[count];
        rangeTables = new LookupTable[count];
        activationLookups = new LogUpShape[count];
        rangeLookups = new LogUpShape[count];
        int logical = 1 + PER_LAYER * count + (privateInput ? 1 : 0) + (privateOutput ? 2 : 0);
        lengths = new int[logical];
        lengths[INPUT] = batch * pow2(circuit.inputSize());
        for (int l = 0; l < count; l++) {
            CircuitLayer layer = layers.get(l);
            int m = pow2(layer.outputSize());
            // a circuit that withholds its parameters can only be laid out with committed shapes
            int n = pow2(layer.inputSize());
            dense[l] = committedWeights || circuit.parametersWithheld()
                    ? DenseLayerShape.committed(batch, n, m, layer.shift(), input(l), z(l), r(l), 2 * l, 2 * l + 1,
                            ModelCommitment.weightColumns(n, m, budget), ModelCommitment.biasLength(m, budget))
                    : publicShape(l);
            long zMax = layer.bounds().zMax();
            activationTables[l] = hidden(LookupTable.ofFunction(-zMax, zMax, layer::activate));
            rangeTables[l] = hidden(LookupTable.range(layer.shift()));
            int logRows = Integer.numberOfTrailingZeros(batch * m);
            activationLookups[l] = new LogUpShape(logRows, activationTables[l], new int[] {z(l), a(l)},
                    activationMultiplicities(l));
            rangeLookups[l] = new LogUpShape(logRows, rangeTables[l], new int[] {r(l)}, rangeMultiplicities(l));
            lengths[z(l)] = batch * m;
            lengths[r(l)] = batch * m;
            lengths[a(l)] = batch * m;
            lengths[activationMultiplicities(l)] = activationTables[l].rows();
            lengths[rangeMultiplicities(l)] = rangeTables[l].rows();
        }
        LookupTable limits = privateInput || privateOutput ? hidden(signedRange(circuit.activationLimit())) : null;
        if (privateInput) {
            lengths[inputMultiplicities()] = limits.rows();
            inputLookup = new LogUpShape(Integer.numberOfTrailingZeros(lengths[INPUT]), limits,
                    new int[] {INPUT}, inputMultiplicities());
        } else {
            inputLookup = null;
        }
        if (privateOutput) {
            lengths[margins()] = lengths[output()];
            lengths[marginMultiplicities()] = limits.rows();
            marginLookup = new LogUpShape(Integer.numberOfTrailingZeros(lengths[margins()]), limits,
                    new int[] {margins()}, marginMultiplicities());
        } else {
            marginLookup = null;
        }
        position = new int[logical];
        int next = 0;
        for (int v = 0; v < logical; v++) {
            position[v] = inC1(v) ? next++ : -1;
        }
    }

    /**
     * Layer ℓ's shape with its (public) weights — the protocol's shape for public weights, and how
     * the prover computes the witness for committed ones.
     *
     * @throws IllegalStateException if the circuit withholds its parameters
     */
    DenseLayerShape publicShape(int l) {
        if (dense[l] != null && !dense[l].weightsCommitted()) {
            return dense[l];
        }
        CircuitLayer layer = circuit.layers().get(l);
        int n = pow2(layer.inputSize());
        int m = pow2(layer.outputSize());
        long[] w = new long[m * n];
        long[] b = new long[m];
        for (int i = 0; i < layer.outputSize(); i++) {
            for (int j = 0; j < layer.inputSize(); j++) {
                w[i * n + j] = Goldilocks.fromSigned(layer.weight(i, j));
            }
            b[i] = Goldilocks.fromSigned(layer.bias(i));
        }
        return new DenseLayerShape(batch, n, m, w, b, layer.shift(), input(l), z(l), r(l));
    }

    /**
     * The table as a hiding layout uses it: padded (by repeating its last row) so that its
     * multiplicity and fraction vectors have the random part the ledger requires.
     */
    private LookupTable hidden(LookupTable table) {
        return hiding ? table.paddedTo(HidingLedger.minimumForEvaluations(EVALUATIONS_PER_VECTOR)) : table;
    }

    /** The one-column table [−q, q]. */
    private static LookupTable signedRange(int q) {
        long[] range = new long[2 * q + 1];
        for (int v = -q; v <= q; v++) {
            range[v + q] = Goldilocks.fromSigned(v);
        }
        return LookupTable.of(range);
    }

    static int pow2(int n) {
        return Integer.highestOneBit(n) == n ? n : Integer.highestOneBit(n) << 1;
    }

    int layerCount() {
        return dense.length;
    }

    /** The logical vector holding layer ℓ's input: the circuit input, or the previous layer's a. */
    static int input(int l) {
        return l == 0 ? INPUT : a(l - 1);
    }

    static int z(int l) {
        return 1 + PER_LAYER * l;
    }

    static int r(int l) {
        return 2 + PER_LAYER * l;
    }

    static int a(int l) {
        return 3 + PER_LAYER * l;
    }

    static int activationMultiplicities(int l) {
        return 4 + PER_LAYER * l;
    }

    static int rangeMultiplicities(int l) {
        return 5 + PER_LAYER * l;
    }

    /** The multiplicities of the input range lookup (private input only). */
    int inputMultiplicities() {
        return 1 + PER_LAYER * layerCount();
    }

    /** The argmax margins (private outputs only). */
    int margins() {
        return 1 + PER_LAYER * layerCount() + (privateInput ? 1 : 0);
    }

    /** The multiplicities of the margins' range lookup (private outputs only). */
    int marginMultiplicities() {
        return margins() + 1;
    }

    int output() {
        return a(layerCount() - 1);
    }

    /** The argmax proof's shape for these classes (private outputs only). */
    ZkArgmax.Shape argmax(int[] classes) {
        return new ZkArgmax.Shape(batch, outputWidth(), circuit.layers().get(layerCount() - 1).outputSize(), classes,
                circuit.activationLimit(), output(), margins());
    }

    /** Columns of the padded output grid. */
    int outputWidth() {
        return lengths[output()] / batch;
    }

    /**
     * −log₂ of a layout's algebraic soundness terms, the openings aside, from its sizes alone (no
     * table is built): every lookup's LogUp bound (dominated by (2^n + 2^s)/|K|), 16/|K| more per
     * lookup and per dense layer for a hiding proof's extra rounds, and every dense layer's
     * Schwartz–Zippel and sumcheck terms. A proof of λ bits needs it ≥ λ + 2 (docs/soundness.md,
     * "Composition").
     */
    static double algebraicBits(CompiledCircuit circuit, int batch, boolean privateInput, boolean privateOutput) {
        double k = Math.scalb(1.0, 128);
        int minTable = Integer.numberOfTrailingZeros(HidingLedger.minimumForEvaluations(EVALUATIONS_PER_VECTOR));
        int logBatch = Integer.numberOfTrailingZeros(batch);
        double epsilon = 0;
        int width = 0;
        for (CircuitLayer layer : circuit.layers()) {
            width = Integer.numberOfTrailingZeros(pow2(layer.outputSize()));
            int n = logBatch + width;
            int activation = Math.max(minTable, log2Rows(2 * layer.bounds().zMax() + 1));
            epsilon += LogUp.algebraicError(n, activation, 2) + LogUp.algebraicError(n, Math.max(minTable,
                    layer.shift()), 1) + 32 / k;
            epsilon += (n + 3.0 * (DenseLayerShape.MAX_LOG_SIZE + 2) + 17) / k;
        }
        int limits = Math.max(minTable, log2Rows(2L * circuit.activationLimit() + 1));
        if (privateInput) {
            int n = logBatch + Integer.numberOfTrailingZeros(pow2(circuit.inputSize()));
            epsilon += LogUp.algebraicError(n, limits, 1) + 16 / k;
        }
        if (privateOutput) {
            epsilon += LogUp.algebraicError(logBatch + width, limits, 1) + (3.0 * (logBatch + width + 2) + 32) / k;
        }
        return -Math.log(epsilon) / Math.log(2);
    }

    private static int log2Rows(long rows) {
        return 64 - Long.numberOfLeadingZeros(rows - 1);
    }

    /** A readable name of logical vector {@code v}, for the hiding ledger's messages. */
    String name(int v) {
        if (v == INPUT) {
            return "the input";
        }
        if (v == output()) {
            return "the outputs";
        }
        if (v <= PER_LAYER * layerCount()) {
            String[] kinds = {"z", "r", "a", "activation multiplicities", "remainder multiplicities"};
            return "layer " + (v - 1) / PER_LAYER + " " + kinds[(v - 1) % PER_LAYER];
        }
        return v == margins() && privateOutput ? "argmax margins" : "range multiplicities " + v;
    }

    boolean isPublic(int v) {
        return (v == INPUT && !privateInput) || (v == output() && !privateOutput && !committedOutput);
    }

    /** Whether logical vector {@code v} is committed in C1 (neither public nor a committed input or output). */
    boolean inC1(int v) {
        return !isPublic(v) && !(v == INPUT && committedInput) && !(v == output() && committedOutput);
    }

    /**
     * Every lookup of the circuit in proof order: (private input: the input range,) activation(0),
     * range(0), activation(1), range(1), …, (private outputs: the margins' range).
     */
    List<LogUpShape> lookups() {
        List<LogUpShape> out = new ArrayList<>(2 * layerCount() + 2);
        if (privateInput) {
            out.add(inputLookup);
        }
        for (int l = 0; l < layerCount(); l++) {
            out.add(activationLookups[l]);
            out.add(rangeLookups[l]);
        }
        if (privateOutput) {
            out.add(marginLookup);
        }
        return out;
    }

    /** The claims on C1's vectors, renumbered to commitment positions (the others dropped). */
    List<Claim> onCommitment(List<Claim> claims) {
        List<Claim> out = new ArrayList<>(claims.size());
        for (Claim c : claims) {
            if (inC1(c.vector())) {
                out.add(new Claim(position[c.vector()], c.functional(), c.value()));
            }
        }
        return out;
    }

    /** C1's vectors, in commitment order, taken from the logical ones. */
    List<long[]> committed(long[][] logical) {
        List<long[]> out = new ArrayList<>();
        for (int v = 0; v < logical.length; v++) {
            if (inC1(v)) {
                out.add(logical[v]);
            }
        }
        return out;
    }
}
