package org.zkml4j.bridge;

import org.zkml4j.bridge.circuit.Circuit;
import org.zkml4j.sdk.ProvingOptions;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.model.Dense;
import org.zkml4j.sdk.model.ModelGraph;

/** Circuits for tests: the smallest useful one (2 → 1 dense, 4-bit activations, 80-bit soundness), compiled once. */
public final class TestCircuits {
    private static VerifiableModel small;

    private TestCircuits() {}

    /** A cheap model to prove and verify in milliseconds. */
    public static synchronized VerifiableModel smallModel() {
        if (small == null) {
            ModelGraph graph = ModelGraph.of(2, new Dense(new float[][] {{1f, -1f}}, new float[] {0.5f}));
            small = VerifiableModel.compile(graph, new float[][] {{1, 1}, {-1, 0.5f}},
                    ProvingOptions.builder().activationBits(6).weightBits(4).securityBits(80).build());
        }
        return small;
    }

    /** {@link #smallModel()} as a provable circuit. */
    public static Circuit small() {
        return Circuit.provable("small", smallModel());
    }
}
