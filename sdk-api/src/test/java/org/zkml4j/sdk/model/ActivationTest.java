package org.zkml4j.sdk.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ActivationTest {

    @Test
    void factories_setKindAndAlpha() {
        assertEquals(new Activation(ActivationKind.RELU, 0f), Activation.relu());
        assertEquals(new Activation(ActivationKind.LEAKY_RELU, 0.01f), Activation.leakyRelu(0.01f));
        assertEquals(new Activation(ActivationKind.SIGMOID, 0f), Activation.sigmoid());
        assertEquals(new Activation(ActivationKind.TANH, 0f), Activation.tanh());
        assertEquals(new Activation(ActivationKind.IDENTITY, 0f), Activation.identity());
    }

    @Test
    void apply_matchesHandComputedValues() {
        assertEquals(0f, Activation.relu().apply(-2.5f));
        assertEquals(2.5f, Activation.relu().apply(2.5f));
        assertEquals(-0.25f, Activation.leakyRelu(0.1f).apply(-2.5f));
        assertEquals(2.5f, Activation.leakyRelu(0.1f).apply(2.5f));
        assertEquals(0.5f, Activation.sigmoid().apply(0f));
        assertEquals((float) 0.9241418199787566, Activation.sigmoid().apply(2.5f));
        assertEquals((float) 0.07585818002124355, Activation.sigmoid().apply(-2.5f));
        assertEquals((float) -0.9866142981514303, Activation.tanh().apply(-2.5f));
        assertEquals(0f, Activation.tanh().apply(0f));
        assertEquals(-2.5f, Activation.identity().apply(-2.5f));
    }

    @Test
    void apply_saturatesWithoutOverflow() {
        assertEquals(0f, Activation.sigmoid().apply(-Float.MAX_VALUE));
        assertEquals(1f, Activation.sigmoid().apply(Float.MAX_VALUE));
        assertEquals(-1f, Activation.tanh().apply(-Float.MAX_VALUE));
    }

    @Test
    void constructor_alphaOnNonLeakyKindThrows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Activation(ActivationKind.RELU, 0.5f));
        assertEquals("alpha is only meaningful for LEAKY_RELU; RELU needs alpha 0, got 0.5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Activation(ActivationKind.TANH, Float.NaN));
    }

    @Test
    void constructor_negativeZeroAlphaNormalised() {
        assertEquals(Activation.relu(), new Activation(ActivationKind.RELU, -0f));
    }

    @Test
    void constructor_nullKindThrows() {
        assertEquals("kind", assertThrows(NullPointerException.class, () -> new Activation(null, 0f)).getMessage());
    }
}
