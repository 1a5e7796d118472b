package org.zkml4j.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.zkml4j.compiler.CircuitCompiler;
import org.zkml4j.compiler.CompiledCircuit;
import org.zkml4j.compiler.IntegerExecutor;
import org.zkml4j.compiler.QuantizationOptions;
import org.zkml4j.sdk.model.ModelGraph;

/** The converted Iris classifier compiles, and its integer circuit predicts what DL4J predicts. */
class IrisCircuitTest {

    @Test
    void compile_integerExecutorAgreesWithDl4jOnIris() {
        MultiLayerNetwork network = Networks.irisNetwork();
        float[][] inputs = Networks.rows(Networks.iris().getFeatures());
        float[][] dl4j = Networks.rows(network.output(Networks.iris().getFeatures()));
        float[][] labels = Networks.rows(Networks.iris().getLabels());

        ModelGraph graph = Dl4jModelConverter.toModelGraph(network);
        CompiledCircuit circuit = CircuitCompiler.compile(graph, inputs, QuantizationOptions.defaults());
        IntegerExecutor executor = new IntegerExecutor(circuit);

        assertTrue(circuit.classifier());
        assertEquals(2, circuit.layers().size());
        int agree = 0;
        int dl4jCorrect = 0;
        for (int r = 0; r < inputs.length; r++) {
            int expected = Networks.argmax(dl4j[r]);
            if (executor.run(inputs[r]).predictedClass() == expected) {
                agree++;
            }
            if (expected == Networks.argmax(labels[r])) {
                dl4jCorrect++;
            }
        }
        System.out.printf("Iris 4-8-3: DL4J accuracy %d/150; integer circuit (B=%d, Bw=%d) agrees with DL4J's"
                + " class on %d/150 rows (%.1f%%); circuit %s%n", dl4jCorrect, circuit.activationBits(),
                circuit.weightBits(), agree, 100.0 * agree / inputs.length, circuit.circuitHashHex().substring(0, 16));
        assertTrue(agree >= Math.ceil(0.99 * inputs.length), "agreement " + agree + "/150 is below 99%");
    }
}
