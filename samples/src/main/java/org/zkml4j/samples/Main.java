package org.zkml4j.samples;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.zkml4j.backend.io.InvalidProofException;
import org.zkml4j.bridge.cli.BridgeCli;
import org.zkml4j.bridge.cli.Groth16Cli;
import org.zkml4j.bridge.cli.ProofFile;
import org.zkml4j.sdk.CommittedInputs;
import org.zkml4j.sdk.ProvingOptions;
import org.zkml4j.sdk.Statement;
import org.zkml4j.sdk.VerifiableModel;
import org.zkml4j.sdk.VerificationKey;
import org.zkml4j.sdk.VerificationResult;
import org.zkml4j.sdk.VerifiedPrediction;
import org.zkml4j.sdk.Verifier;
import org.zkml4j.sdk.Visibility;
import org.zkml4j.sdk.model.ModelGraph;

/**
 * The {@code ./zkml4j} command line. Exit codes: 0 success (for {@code verify}: valid), 1 invalid
 * proof (reason on stderr), 2 bad usage, an unreadable file or a spent proof budget. Secrets are
 * written owner-only, and {@code prove} takes its commitment slots before proving
 * ({@link PrivateFiles}, {@link InputSecret}).
 *
 * <pre>
 * ./zkml4j demo [--rounds K]                  (a DL4J model's verifiable predictions, then a local subnet)
 * ./zkml4j demo-core [--log-n N]              (the proving core on 2^N elements, then a tiny MLP)
 * ./zkml4j dl4j-quickstart                                            (see {@link Dl4jQuickstart})
 * ./zkml4j compile --model M.json|M.zip --calibration C.csv --out M.zkm [--weights public|committed]
 *                  [--proof-budget K]  (also M.vk; zip: DL4J ModelSerializer)
 * ./zkml4j prove --model M.zkm --input X.csv --out P.proof [--nonce N] [--input-visibility public|private]
 *                [--output-visibility public|private]
 * ./zkml4j verify --key M.vk --proof P.proof
 * ./zkml4j commit-input --model M.zkm --input X.csv --out X.cmt   (and X.cmt.secret)
 * ./zkml4j prove ... --input-secret X.cmt.secret   (COMMITTED input)
 * ./zkml4j prove ... --output-visibility committed   (and P.proof.secret, P.proof.outputs.csv)
 * ./zkml4j check-outputs --key M.vk --proof P.proof --outputs O.csv --secret S
 * ./zkml4j inspect FILE
 * ./zkml4j miner | validator | verify-remote | subnet …   (the proving subnet, grpc-bridge/README.md)
 * ./zkml4j verify | verify-remote | verifier --system groth16 …   (snarkjs proofs, {@link Groth16Cli})
 * </pre>
 */
public final class Main {
    static final int OK = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;
    static final String USAGE_TEXT = String.join("\n",
            "usage: zkml4j demo [--rounds K]",
            "       zkml4j demo-core [--log-n N]",
            "       zkml4j dl4j-quickstart",
            "       zkml4j compile --model M.json|M.zip --calibration C.csv --out M.zkm [--weights public|committed]",
            "                      [--proof-budget K]   (committed: the key holds a commitment, proofs hide the weights)",
            "       zkml4j commit-input --model M.zkm --input X.csv --out X.cmt   (also X.cmt.secret for the prover)",
            "       zkml4j prove --model M.zkm --input X.csv --out P.proof [--nonce N] [--input-visibility public|private]",
            "                    [--input-secret X.cmt.secret]   (committed input: the statement carries X.cmt)",
            "                    [--output-visibility public|private|committed]   (private: only the class;",
            "                    committed: a commitment, opened by P.proof.outputs.csv and P.proof.secret)",
            "       zkml4j check-outputs --key M.vk --proof P.proof --outputs O.csv --secret S",
            "       zkml4j verify --key M.vk --proof P.proof",
            "       zkml4j inspect FILE",
            BridgeCli.USAGE_TEXT,
            Groth16Cli.USAGE_TEXT);

    private Main() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (Groth16Cli.selects(args)) {
            return Groth16Cli.run(args, out, err);
        }
        args = Groth16Cli.withoutDefaultSystem(args);
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (BridgeCli.COMMANDS.contains(args[0])) {
            return BridgeCli.run(args[0], rest, out, err);
        }
        try {
            return switch (args[0]) {
                case "demo" -> demo(options(rest, Set.of("rounds")), out, err);
                case "demo-core" -> demoCore(options(rest, Set.of("log-n")), out);
                case "dl4j-quickstart" -> dl4jQuickstart(options(rest, Set.of()), out);
                case "compile" -> compile(options(rest, Set.of("model", "calibration", "out", "weights", "proof-budget")),
                        out);
                case "commit-input" -> commitInput(options(rest, Set.of("model", "input", "out")), out);
                case "prove" -> prove(options(rest, Set.of("model", "input", "out", "nonce", "input-visibility",
                        "input-secret",
                        "output-visibility")), out);
                case "verify" -> verify(options(rest, Set.of("key", "proof")), out, err);
                case "check-outputs" -> checkOutputs(options(rest, Set.of("key", "proof", "outputs", "secret")), out,
                        err);
                case "inspect" -> inspect(rest, out);
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            };
        } catch (UsageException e) {
            err.println("zkml4j: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (NoSuchFileException e) {
            err.println("zkml4j: no such file: " + e.getFile());
            return USAGE;
        } catch (IOException | RuntimeException e) {
            err.println("zkml4j: " + e.getMessage());
            return USAGE;
        } catch (InvalidProofException e) {
            err.println("zkml4j: " + e.getMessage());
            return INVALID;
        }
    }

    /** A usage error: exit code 2 with the usage text. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private static Map<String, String> options(String[] args, Set<String> allowed) throws UsageException {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new UsageException("expected --option value pairs, got '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            if (!allowed.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
            map.put(name, args[i + 1]);
        }
        return map;
    }

    private static String required(Map<String, String> options, String name) throws UsageException {
        String v = options.get(name);
        if (v == null) {
            throw new UsageException("missing --" + name);
        }
        return v;
    }

    private static long number(Map<String, String> options, String name, long fallback) throws UsageException {
        String v = options.get(name);
        try {
            return v == null ? fallback : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be an integer, got '" + v + "'");
        }
    }

    private static int demo(Map<String, String> options, PrintStream out, PrintStream err)
            throws UsageException, IOException {
        long rounds = number(options, "rounds", 3);
        if (rounds < 1 || rounds > 1000) {
            throw new UsageException("--rounds must be in [1, 1000]");
        }
        return SubnetDemo.run((int) rounds, out, err);
    }

    private static int demoCore(Map<String, String> options, PrintStream out)
            throws UsageException, InvalidProofException {
        long logN = number(options, "log-n", 20);
        if (logN < 1 || logN > 24) {
            throw new UsageException("--log-n must be in [1, 24]");
        }
        InnerProductDemo.run((int) logN, out);
        PredictionDemo.run(out);
        return OK;
    }

    private static int dl4jQuickstart(Map<String, String> noOptions, PrintStream out) throws IOException {
        Dl4jQuickstart.run(out);
        return OK;
    }

    private static int compile(Map<String, String> options, PrintStream out) throws UsageException, IOException {
        ModelGraph graph = ModelFile.read(Path.of(required(options, "model")));
        float[][] calibration = Csv.read(Path.of(required(options, "calibration")));
        Path target = Path.of(required(options, "out"));
        String weights = options.getOrDefault("weights", "public");
        if (!weights.equals("public") && !weights.equals("committed")) {
            throw new UsageException("--weights must be public or committed");
        }
        ProvingOptions.Builder settings = ProvingOptions.builder()
                .weightVisibility(weights.equals("committed") ? Visibility.COMMITTED : Visibility.PUBLIC);
        if (options.containsKey("proof-budget")) {
            settings.proofBudget((int) number(options, "proof-budget", 0));
        }
        VerifiableModel model;
        try {
            model = VerifiableModel.compile(graph, calibration, settings.build());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (model.weightVisibility() == Visibility.COMMITTED) {
            PrivateFiles.write(target, bytes(model)); // it holds the commitment's seed
        } else {
            Files.write(target, bytes(model));
        }
        Path key = keyPath(target);
        Files.write(key, model.verificationKey().toBytes());
        out.println("circuit id " + model.verificationKey().circuitIdHex());
        out.println("wrote " + target + " and " + key);
        if (model.weightVisibility() == Visibility.COMMITTED) {
            out.println("the key holds a commitment to the weights, not the weights; keep " + target
                    + " secret (it holds them)");
        }
        return OK;
    }

    static Path keyPath(Path model) {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return model.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".vk");
    }

    private static int commitInput(Map<String, String> options, PrintStream out) throws UsageException, IOException {
        VerifiableModel model = VerifiableModel.load(new ByteArrayInputStream(
                Files.readAllBytes(Path.of(required(options, "model")))));
        CommittedInputs committed = model.commitInputs(Csv.read(Path.of(required(options, "input"))));
        Path target = Path.of(required(options, "out"));
        Path secret = target.resolveSibling(target.getFileName() + ".secret");
        Files.write(target, committed.commitment());
        PrivateFiles.write(secret, InputSecret.of(committed).toBytes());
        out.println("wrote " + target + " (publish it) and " + secret + " (give it, with the inputs, to the prover "
                + "only)");
        return OK;
    }

    private static int prove(Map<String, String> options, PrintStream out) throws UsageException, IOException {
        Visibility input = visibility(options, "input-visibility");
        Visibility output = visibility(options, "output-visibility");
        Path modelFile = Path.of(required(options, "model"));
        Path proofFile = Path.of(required(options, "out"));
        byte[] saved = Files.readAllBytes(modelFile);
        VerifiableModel loaded = VerifiableModel.load(new ByteArrayInputStream(saved));
        VerifiableModel model = withVisibility(loaded, input, output);
        float[][] inputs = Csv.read(Path.of(required(options, "input")));
        long nonce = number(options, "nonce", 0);
        // slots are taken, and their counters saved, before proving: a crash or a concurrent prover
        // never opens one slot twice
        CommittedInputs committed = options.containsKey("input-secret")
                ? reserveInputs(model, inputs, Path.of(options.get("input-secret"))) : null;
        if (model.weightVisibility() == Visibility.COMMITTED) {
            model = withVisibility(reserveModel(modelFile, saved, loaded), input, output);
        }
        VerifiedPrediction p;
        try {
            p = committed != null ? model.predictCommitted(committed, nonce) : model.predictBatch(inputs, nonce);
        } catch (IllegalArgumentException refused) {
            throw new UsageException(refused.getMessage());
        }
        Files.write(proofFile, new ProofFile(p.statement(), p.proof()).toBytes());
        for (int b = 0; b < inputs.length; b++) {
            out.println((p.classes() != null ? "class " + p.classes()[b] + "  " : "") + "outputs "
                    + Arrays.toString(p.outputs()[b]));
        }
        if (output == Visibility.PRIVATE) {
            out.println("the statement shows only the classes; the outputs stay with you");
        }
        if (output == Visibility.COMMITTED) {
            Path secret = proofFile.resolveSibling(proofFile.getFileName() + ".secret");
            Path outputs = proofFile.resolveSibling(proofFile.getFileName() + ".outputs.csv");
            PrivateFiles.write(secret, p.outputSecret());
            StringBuilder csv = new StringBuilder();
            for (int[] row : p.quantizedOutputs()) {
                csv.append(Arrays.stream(row).mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(",")))
                        .append('\n');
            }
            // the hidden outputs themselves: as private as the secret that opens their commitment
            PrivateFiles.write(outputs, csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.println("the statement carries a commitment to the outputs; " + outputs + " and " + secret
                    + " open it (check-outputs)");
        }
        out.println("proof " + p.proof().length + " bytes");
        return OK;
    }

    private static VerifiableModel withVisibility(VerifiableModel model, Visibility input, Visibility output)
            throws UsageException {
        try {
            return model.withOutputVisibility(Visibility.PUBLIC).withInputVisibility(input).withOutputVisibility(output);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * Takes a proof's slot of the committed inputs whose secret and counter {@code secretFile}
     * holds: under the file's lock, re-creates the commitment at the saved counter, reserves the
     * next slot and saves the counter past it.
     *
     * @throws IllegalStateException once the commitment's budget is spent
     */
    private static CommittedInputs reserveInputs(VerifiableModel model, float[][] rows, Path secretFile)
            throws IOException {
        InputSecret.read(Files.readAllBytes(secretFile), secretFile); // a wrong file gets no lock file
        return PrivateFiles.update(secretFile, current -> {
            InputSecret secret = InputSecret.read(current, secretFile);
            CommittedInputs inputs = model.commitInputs(rows, secret.secret(), secret.nextSlot());
            CommittedInputs once = inputs.reserveProof();
            return new PrivateFiles.Change<>(InputSecret.of(inputs).toBytes(), once);
        });
    }

    /**
     * Takes a proof's slot of the committed-weights model in {@code file}: under the file's lock,
     * the model as saved there ({@code loaded} if that is still {@code read}), saved with its
     * counter past the reserved slot.
     *
     * @throws IllegalStateException once the model's budget is spent
     */
    private static VerifiableModel reserveModel(Path file, byte[] read, VerifiableModel loaded) throws IOException {
        return PrivateFiles.update(file, current -> {
            VerifiableModel model = Arrays.equals(current, read) ? loaded
                    : VerifiableModel.load(new ByteArrayInputStream(current));
            VerifiableModel once = model.reserveProof();
            return new PrivateFiles.Change<>(bytes(model), once);
        });
    }

    private static byte[] bytes(VerifiableModel model) throws IOException {
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        model.save(saved);
        return saved.toByteArray();
    }

    private static Visibility visibility(Map<String, String> options, String name) throws UsageException {
        return switch (options.getOrDefault(name, "public")) {
            case "public" -> Visibility.PUBLIC;
            case "private" -> Visibility.PRIVATE;
            case "committed" -> {
                if (!name.equals("output-visibility")) {
                    throw new UsageException("--" + name + " must be public or private (committed inputs: "
                            + "commit-input, then prove --input-secret)");
                }
                yield Visibility.COMMITTED;
            }
            default -> throw new UsageException("--" + name + " must be public or private"
                    + (name.equals("output-visibility") ? " or committed" : ""));
        };
    }

    private static int checkOutputs(Map<String, String> options, PrintStream out, PrintStream err)
            throws UsageException, IOException {
        VerificationKey key = VerificationKey.fromBytes(Files.readAllBytes(Path.of(required(options, "key"))));
        ProofFile file = ProofFile.fromBytes(Files.readAllBytes(Path.of(required(options, "proof"))));
        float[][] rows = Csv.read(Path.of(required(options, "outputs")));
        int[][] outputs = new int[rows.length][];
        for (int b = 0; b < rows.length; b++) {
            outputs[b] = new int[rows[b].length];
            for (int i = 0; i < rows[b].length; i++) {
                outputs[b][i] = Math.round(rows[b][i]);
            }
        }
        VerificationResult result = Verifier.checkOutputs(key, file.statement(), outputs,
                Files.readAllBytes(Path.of(required(options, "secret"))));
        if (result.valid()) {
            out.println("the outputs open the proof's output commitment");
            return OK;
        }
        err.println("invalid: " + result.reason());
        return INVALID;
    }

    private static int verify(Map<String, String> options, PrintStream out, PrintStream err)
            throws UsageException, IOException {
        VerificationKey key = VerificationKey.fromBytes(Files.readAllBytes(Path.of(required(options, "key"))));
        ProofFile file = ProofFile.fromBytes(Files.readAllBytes(Path.of(required(options, "proof"))));
        VerificationResult result = Verifier.verify(key, file.statement(), file.proof());
        if (result.valid()) {
            out.println("valid");
            return OK;
        }
        err.println("invalid: " + result.reason());
        return INVALID;
    }

    private static int inspect(String[] args, PrintStream out) throws UsageException, IOException {
        if (args.length != 1) {
            throw new UsageException("inspect takes one file");
        }
        byte[] bytes = Files.readAllBytes(Path.of(args[0]));
        int magic = bytes.length >= 4
                ? ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF)
                : 0;
        switch (magic) {
            case 0x5A4B564B -> {
                VerificationKey key = VerificationKey.fromBytes(bytes);
                out.println("verification key, engine " + key.engine() + ", circuit id " + key.circuitIdHex());
            }
            case 0x5A4B5046 -> {
                ProofFile file = ProofFile.fromBytes(bytes);
                Statement s = file.statement();
                out.println("proof file: " + s.rows() + " rows, nonce " + s.nonce() + ", "
                        + (s.inputCommitment() != null ? "committed" : s.inputs() == null ? "private" : "public")
                        + " inputs, "
                        + (s.outputCommitment() != null ? "committed outputs"
                                : s.outputs() == null ? "private outputs (classes " + Arrays.toString(s.classes()) + ")"
                                : "public outputs")
                        + ", proof " + file.proof().length + " bytes, circuit id "
                        + java.util.HexFormat.of().formatHex(s.circuitId()));
            }
            case 0x5A4B4D44 -> {
                VerifiableModel model = VerifiableModel.load(new ByteArrayInputStream(bytes));
                out.println("compiled model, circuit id " + model.verificationKey().circuitIdHex() + ", "
                        + model.weightVisibility().name().toLowerCase(java.util.Locale.ROOT) + " weights");
            }
            case InputSecret.MAGIC -> out.println("input secret, next unused slot "
                    + InputSecret.read(bytes, Path.of(args[0])).nextSlot());
            default -> throw new IOException(args[0] + " is not a zkml4j model, key, proof or input secret file");
        }
        return OK;
    }
}
