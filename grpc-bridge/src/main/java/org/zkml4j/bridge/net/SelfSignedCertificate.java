package org.zkml4j.bridge.net;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes a self-signed TLS certificate (ECDSA P-256, valid for {@code localhost} and
 * {@code 127.0.0.1} plus any given host names) with Bouncy Castle's bcpkix. Clients pin it by
 * trusting only this certificate.
 */
public final class SelfSignedCertificate {
    private SelfSignedCertificate() {}

    /**
     * Writes {@code node.crt} and {@code node.key} (owner-only) into {@code directory}.
     *
     * @param hosts extra DNS names or IP literals the certificate must cover
     */
    public static TlsFiles generate(Path directory, Duration validity, String... hosts) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=zkml4j node");
            Instant now = Instant.now();
            GeneralName[] names = new GeneralName[2 + hosts.length];
            names[0] = new GeneralName(GeneralName.dNSName, "localhost");
            names[1] = new GeneralName(GeneralName.iPAddress, "127.0.0.1");
            for (int i = 0; i < hosts.length; i++) {
                boolean ip = hosts[i].matches("[0-9.]+|.*:.*");
                names[2 + i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, hosts[i]);
            }
            X509CertificateHolder certificate = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(validity)), subject, keys.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            Files.createDirectories(directory);
            Path cert = directory.resolve("node.crt");
            Path key = directory.resolve("node.key");
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(certificate);
            }
            Files.writeString(cert, pem.toString(), StandardCharsets.US_ASCII);
            Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keys.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the key keeps the default permissions
            }
            return new TlsFiles(cert, key);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("could not make a self-signed certificate: " + e.getMessage(), e);
        }
    }
}
