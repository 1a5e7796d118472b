package org.zkml4j.compiler;

/**
 * The compiler refused a model: the graph is unsupported, the calibration data is unusable, or the
 * quantized model cannot be proven exactly (a value could leave (−p/2, p/2), a shift or a lookup
 * table is too large). The message names the layer, the quantity and the bound, and suggests a
 * remedy; {@link #reason()} and {@link #layer()} give the same information to programs.
 */
public final class CompilationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why compilation was refused. */
    public enum Reason {
        /** The graph has a shape or node order the compiler does not support. */
        UNSUPPORTED_GRAPH,
        /** The calibration samples are missing, mis-shaped or not finite. */
        INVALID_CALIBRATION,
        /** A tensor's fractional bits fall outside the supported range. */
        SCALE_OUT_OF_RANGE,
        /** A requantization shift exceeds {@link QuantizationOptions#MAX_SHIFT}. */
        SHIFT_TOO_LARGE,
        /** An activation lookup table exceeds {@link QuantizationOptions#MAX_TABLE_SIZE} rows. */
        TABLE_TOO_LARGE,
        /** A worst-case intermediate value could leave (−p/2, p/2). */
        FIELD_OVERFLOW
    }

    private final Reason reason;
    private final int layer;

    /**
     * @param reason why
     * @param layer the circuit layer index (0-based, one per Dense node), or −1 if none
     * @param message the full human-readable message
     */
    public CompilationException(Reason reason, int layer, String message) {
        super(message);
        this.reason = reason;
        this.layer = layer;
    }

    /** Why compilation was refused. */
    public Reason reason() {
        return reason;
    }

    /** The circuit layer index the refusal concerns, or −1 if it concerns no single layer. */
    public int layer() {
        return layer;
    }
}
