package org.zkml4j.backend.field;

import java.util.random.RandomGenerator;

/**
 * An element c0 + c1·x of the extension field {@link GoldilocksExt}, canonical components.
 *
 * @param c0 the base-field part, canonical
 * @param c1 the coefficient of x, canonical
 */
public record Ext(long c0, long c1) {
    public static final Ext ZERO = new Ext(0, 0);
    public static final Ext ONE = new Ext(1, 0);

    /** Checks both components are canonical. */
    public Ext {
        if (!Goldilocks.isCanonical(c0) || !Goldilocks.isCanonical(c1)) {
            throw new IllegalArgumentException("extension component is not canonical (≥ p)");
        }
    }

    /** Builds c0 + c1·x from canonical components. */
    public static Ext of(long c0, long c1) {
        return new Ext(c0, c1);
    }

    /** Embeds a base-field element. */
    public static Ext base(long c0) {
        return new Ext(c0, 0);
    }

    /** A uniformly random element (for the prover's masks; challenges come from the transcript). */
    public static Ext random(RandomGenerator rng) {
        return new Ext(randomBase(rng), randomBase(rng));
    }

    /** A uniformly random base-field element by rejection sampling. */
    public static long randomBase(RandomGenerator rng) {
        while (true) {
            long v = rng.nextLong();
            if (Goldilocks.isCanonical(v)) {
                return v;
            }
        }
    }

    public boolean isBase() {
        return c1 == 0;
    }

    public Ext add(Ext o) {
        return new Ext(Goldilocks.add(c0, o.c0), Goldilocks.add(c1, o.c1));
    }

    public Ext sub(Ext o) {
        return new Ext(Goldilocks.sub(c0, o.c0), Goldilocks.sub(c1, o.c1));
    }

    public Ext neg() {
        return new Ext(Goldilocks.neg(c0), Goldilocks.neg(c1));
    }

    public Ext mul(Ext o) {
        return new Ext(GoldilocksExt.mulC0(c0, c1, o.c0, o.c1), GoldilocksExt.mulC1(c0, c1, o.c0, o.c1));
    }

    /** Multiplies by a base-field element. */
    public Ext mul(long b) {
        return new Ext(Goldilocks.mul(c0, b), Goldilocks.mul(c1, b));
    }

    public Ext square() {
        return mul(this);
    }

    public Ext pow(long exponent) {
        Ext result = ONE;
        Ext b = this;
        long e = exponent;
        while (e != 0) {
            if ((e & 1) != 0) {
                result = result.mul(b);
            }
            b = b.square();
            e >>>= 1;
        }
        return result;
    }

    /**
     * The multiplicative inverse.
     *
     * @throws ArithmeticException for zero
     */
    public Ext inverse() {
        if (c0 == 0 && c1 == 0) {
            throw new ArithmeticException("zero has no inverse in the extension field");
        }
        long[] inv = GoldilocksExt.inverse(c0, c1);
        return new Ext(inv[0], inv[1]);
    }

    /** Writes the canonical 16-byte little-endian encoding (c0 then c1). */
    public void encode(byte[] out, int offset) {
        Goldilocks.encode(c0, out, offset);
        Goldilocks.encode(c1, out, offset + Goldilocks.BYTES);
    }

    /**
     * Reads a 16-byte encoding, rejecting non-canonical components.
     *
     * @throws IllegalArgumentException if a component is ≥ p
     */
    public static Ext decode(byte[] in, int offset) {
        return new Ext(Goldilocks.decode(in, offset), Goldilocks.decode(in, offset + Goldilocks.BYTES));
    }

    /** Reads element {@code i} of an interleaved table. */
    public static Ext get(long[] table, int i) {
        return new Ext(table[2 * i], table[2 * i + 1]);
    }

    /** Writes element {@code i} of an interleaved table. */
    public void set(long[] table, int i) {
        table[2 * i] = c0;
        table[2 * i + 1] = c1;
    }

    @Override
    public String toString() {
        return c1 == 0 ? Goldilocks.toString(c0) : Goldilocks.toString(c0) + "+" + Goldilocks.toString(c1) + "·x";
    }
}
