package org.zkml4j.sdk;

import java.util.ServiceLoader;

/** Finds proof engines on the classpath; the error for a missing one names the artifact to add. */
final class ProofEngines {
    static final String ARTIFACT = "org.zkml4j:proof-backend";

    private ProofEngines() {}

    /** The first engine found. */
    static ProofEngine defaultEngine() {
        for (ProofEngine engine : ServiceLoader.load(ProofEngine.class)) {
            return engine;
        }
        throw new IllegalStateException("no zkml4j proof engine on the classpath: add " + ARTIFACT);
    }

    /** The engine that made {@code key}. */
    static ProofEngine forKey(VerificationKey key) {
        for (ProofEngine engine : ServiceLoader.load(ProofEngine.class)) {
            if (engine.id().equals(key.engine())) {
                return engine;
            }
        }
        throw new IllegalStateException("no proof engine '" + key.engine() + "' on the classpath: add " + ARTIFACT);
    }
}
