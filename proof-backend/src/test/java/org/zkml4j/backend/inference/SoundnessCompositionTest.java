package org.zkml4j.backend.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.zkml4j.backend.lookup.LogUp;
import org.zkml4j.backend.pcs.PcsParameters;
import org.zkml4j.compiler.CompiledCircuit;

/**
 * The whole-proof composition (docs/soundness.md): openings held to their share, and the algebraic
 * terms computed from sizes alone bounded by the lookups' own LogUp bound.
 */
class SoundnessCompositionTest {
    final CompiledCircuit circuit = HidingAttackTest.compile(new SplittableRandom(5), true, 12, 20, 3);

    @Test
    void openingsTogetherStayBelowAQuarterOfTheTarget() {
        for (int openings = 1; openings <= 6; openings++) {
            int each = PcsParameters.forOpenings(100, openings).securityBits();
            assertTrue(openings * Math.pow(2, -each) <= Math.pow(2, -102), openings + " openings at " + each);
        }
        assertEquals(103, PcsParameters.forOpenings(100, 2).securityBits());
        assertEquals(105, PcsParameters.forOpenings(100, 6).securityBits());
    }

    @Test
    void algebraicBitsFromSizesAreNoLooserThanTheLayoutsLookups() {
        for (int rows : new int[] {1, 64, 1024}) {
            CircuitLayout layout = new CircuitLayout(circuit, rows, true, true);
            double lookups = LogUp.soundnessBits(layout.lookups(), Double.POSITIVE_INFINITY);
            double bits = CircuitLayout.algebraicBits(circuit, layout.batch, true, true);
            assertTrue(bits <= lookups, rows + " rows: " + bits + " > " + lookups);
            assertTrue(bits >= 105, rows + " rows: " + bits);
        }
    }

    @Test
    void onlyHugeBatchesMissTheMargin() {
        ZkMode hidden = ZkMode.PRIVATE_INPUT_AND_OUTPUTS;
        assertTrue(ZkInferenceProof.algebraicSoundnessBits(circuit, 64, hidden) >= 102);
        assertTrue(CircuitProof.algebraicSoundnessBits(circuit, 64) >= 102);
        // 2^22 rows of a 32-wide layer: lookups of 2^27 rows, (2^27)/|K| alone is 2^−101
        assertTrue(ZkInferenceProof.algebraicSoundnessBits(circuit, 1 << 22, hidden) < 102);
    }
}
