package org.zkml4j.groth16;

/** The outcome of a verification: valid, or invalid with a one-line reason. */
public record Verdict(boolean valid, String reason) {
    private static final Verdict VALID = new Verdict(true, "");

    public static Verdict accepted() {
        return VALID;
    }

    public static Verdict rejected(String reason) {
        return new Verdict(false, reason);
    }
}
