package org.zkml4j.bridge.net;

import java.nio.file.Path;

/**
 * A PEM certificate chain and its PKCS#8 PEM private key. Clients pin a node by trusting exactly
 * its certificate ({@link #certificate()} as the only trust anchor).
 *
 * @param certificate PEM certificate (chain)
 * @param privateKey PEM PKCS#8 private key, or null on the client side
 */
public record TlsFiles(Path certificate, Path privateKey) {
    /** The client's view: only the pinned certificate. */
    public static TlsFiles pinned(Path certificate) {
        return new TlsFiles(certificate, null);
    }
}
