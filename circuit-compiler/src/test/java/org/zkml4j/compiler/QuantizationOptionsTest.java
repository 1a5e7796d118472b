package org.zkml4j.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuantizationOptionsTest {

    @Test
    void defaults_areDocumentedValues() {
        QuantizationOptions d = QuantizationOptions.defaults();
        assertEquals(QuantizationOptions.DEFAULT_ACTIVATION_BITS, d.activationBits());
        assertEquals(QuantizationOptions.DEFAULT_WEIGHT_BITS, d.weightBits());
        assertEquals(QuantizationOptions.ShiftPolicy.LOWER_WEIGHT_PRECISION, d.shiftPolicy());
    }

    @Test
    void build_acceptsRangeEnds() {
        QuantizationOptions o = QuantizationOptions.builder().activationBits(4).weightBits(16)
                .shiftPolicy(QuantizationOptions.ShiftPolicy.REFUSE).build();
        assertEquals(4, o.activationBits());
        assertEquals(16, o.weightBits());
        assertEquals(16, QuantizationOptions.builder().activationBits(16).weightBits(2).build().activationBits());
    }

    @Test
    void build_outOfRangeBitsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuantizationOptions.builder().activationBits(3).build());
        assertEquals("activationBits 3 outside [4, 16]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> QuantizationOptions.builder().weightBits(17).build());
        assertEquals("weightBits 17 outside [2, 16]", e.getMessage());
        assertThrows(NullPointerException.class, () -> QuantizationOptions.builder().shiftPolicy(null));
    }
}
