package org.zkml4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.zkml4j.sdk.ProofFile;
import org.zkml4j.sdk.Statement;
import org.zkml4j.sdk.model.Activation;
import org.zkml4j.sdk.model.Dense;
import org.zkml4j.sdk.model.ModelGraph;
import org.zkml4j.sdk.model.ModelGraphJson;
import org.zkml4j.sdk.model.Softmax;

class MainTest {
    @TempDir
    Path dir;

    /** Exit code and captured streams of one CLI run. */
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** A tiny classifier as JSON, its calibration and a two-row input, written to the temp dir. */
    record TinyModel(Path model, Path calibration, Path input) {}

    TinyModel tinyClassifier() throws IOException {
        ModelGraph graph = ModelGraph.of(3,
                new Dense(new float[][] {{1, 2, -1}, {0.5f, -1, 1}, {-1, 0, 2}, {0.3f, 0.3f, 0.3f}},
                        new float[] {0.5f, 0, 1, -0.2f}),
                Activation.relu(), new Dense(new float[][] {{1, -1, 2, 0}, {-1, 1, 0, 1}}, new float[] {0, 1}),
                new Softmax());
        Path model = dir.resolve("m.json");
        ModelGraphJson.write(graph, model);
        return new TinyModel(model, write("cal.csv", "a,b,c\n1,2,3\n-1,0.5,2\n0,0,1\n2,-2,0\n"),
                write("x.csv", "1,2,3\n0.5,-1,2\n"));
    }

    /** Compiles the tiny classifier to m.zkm and m.vk. */
    TinyModel compiledTinyClassifier() throws IOException {
        TinyModel f = tinyClassifier();
        Run compiled = run("compile", "--model", f.model().toString(), "--calibration", f.calibration().toString(),
                "--out", dir.resolve("m.zkm").toString());
        assertEquals(0, compiled.code(), compiled.err());
        assertTrue(compiled.out().startsWith("circuit id "), compiled.out());
        assertTrue(Files.exists(dir.resolve("m.vk")));
        return f;
    }

    @Test
    void compileProveVerify_roundTripAndTamperedProofExitsOne() throws IOException {
        Path input = compiledTinyClassifier().input();
        Path zkm = dir.resolve("m.zkm");
        Path key = dir.resolve("m.vk");
        Path proof = dir.resolve("p.proof");

        Run proved = run("prove", "--model", zkm.toString(), "--input", input.toString(), "--out", proof.toString(),
                "--nonce", "7");
        assertEquals(0, proved.code(), proved.err());
        assertTrue(proved.out().contains("class "), proved.out());

        Run verified = run("verify", "--key", key.toString(), "--proof", proof.toString());
        assertEquals(0, verified.code(), verified.err());
        assertEquals("valid", verified.out().strip());

        byte[] bytes = Files.readAllBytes(proof);
        bytes[bytes.length - 100] ^= 1;
        Files.write(proof, bytes);
        Run tampered = run("verify", "--key", key.toString(), "--proof", proof.toString());
        assertEquals(1, tampered.code());
        assertTrue(tampered.err().startsWith("invalid: "), tampered.err());

        assertEquals(0, run("inspect", key.toString()).code());
        assertTrue(run("inspect", zkm.toString()).out().startsWith("compiled model"));
    }

    @Test
    void prove_everyHiddenOrCommittedVisibilityFromTheCommandLine() throws IOException {
        TinyModel f = compiledTinyClassifier();
        Path input = f.input();
        Path model = f.model();
        Path calibration = f.calibration();
        Path zkm = dir.resolve("m.zkm");
        Path key = dir.resolve("m.vk");

        Path hidden = dir.resolve("hidden.proof");
        Run provedHidden = run("prove", "--model", zkm.toString(), "--input", input.toString(), "--out",
                hidden.toString(), "--input-visibility", "private");
        assertEquals(0, provedHidden.code(), provedHidden.err());
        assertEquals(0, run("verify", "--key", key.toString(), "--proof", hidden.toString()).code());
        assertTrue(run("inspect", hidden.toString()).out().contains("private inputs"));

        Path classes = dir.resolve("classes.proof");
        Run provedClasses = run("prove", "--model", zkm.toString(), "--input", input.toString(), "--out",
                classes.toString(), "--input-visibility", "private", "--output-visibility", "private");
        assertEquals(0, provedClasses.code(), provedClasses.err());
        assertTrue(provedClasses.out().contains("shows only the classes"), provedClasses.out());
        assertEquals(0, run("verify", "--key", key.toString(), "--proof", classes.toString()).code());
        String inspected = run("inspect", classes.toString()).out();
        assertTrue(inspected.contains("private outputs (classes ["), inspected);
        Run publicInput = run("prove", "--model", zkm.toString(), "--input", input.toString(), "--out",
                classes.toString(), "--output-visibility", "private");
        assertEquals(2, publicInput.code());
        assertTrue(publicInput.err().contains("PRIVATE input"), publicInput.err());

        // committed outputs: the statement carries a commitment, the prover's files open it
        Path sealed = dir.resolve("sealed.proof");
        Run provedSealed = run("prove", "--model", zkm.toString(), "--input", input.toString(), "--out",
                sealed.toString(), "--input-visibility", "private", "--output-visibility", "committed");
        assertEquals(0, provedSealed.code(), provedSealed.err());
        assertEquals(0, run("verify", "--key", key.toString(), "--proof", sealed.toString()).code());
        assertTrue(run("inspect", sealed.toString()).out().contains("committed outputs"));
        Path opened = dir.resolve("sealed.proof.outputs.csv");
        Path sealSecret = dir.resolve("sealed.proof.secret");
        assertEquals(0, run("check-outputs", "--key", key.toString(), "--proof", sealed.toString(), "--outputs",
                opened.toString(), "--secret", sealSecret.toString()).code());
        String csv = Files.readString(opened);
        Path altered = write("altered.csv", csv.replaceFirst("^-?\\d+", "12345"));
        assertEquals(1, run("check-outputs", "--key", key.toString(), "--proof", sealed.toString(), "--outputs",
                altered.toString(), "--secret", sealSecret.toString()).code());

        // committed input: the owner publishes x.cmt, the prover proves with the secret
        Path cmt = dir.resolve("x.cmt");
        Run committedInput = run("commit-input", "--model", zkm.toString(), "--input", input.toString(), "--out",
                cmt.toString());
        assertEquals(0, committedInput.code(), committedInput.err());
        Path bound = dir.resolve("bound.proof");
        Run provedBound = run("prove", "--model", zkm.toString(), "--input", input.toString(), "--out", bound.toString(),
                "--input-secret", dir.resolve("x.cmt.secret").toString());
        assertEquals(0, provedBound.code(), provedBound.err());
        assertEquals(0, run("verify", "--key", key.toString(), "--proof", bound.toString()).code());
        assertTrue(run("inspect", bound.toString()).out().contains("committed inputs"));
        assertEquals("input secret, next unused slot 1", run("inspect", dir.resolve("x.cmt.secret").toString())
                .out().strip());
        Run wrongSecret = run("prove", "--model", zkm.toString(), "--input", input.toString(), "--out",
                bound.toString(), "--input-secret", input.toString());
        assertEquals(2, wrongSecret.code());

        // committed weights: the key holds a commitment; each prove moves the saved slot counter on
        Path secret = dir.resolve("secret.zkm");
        Run committed = run("compile", "--model", model.toString(), "--calibration", calibration.toString(),
                "--out", secret.toString(), "--weight-visibility", "committed", "--proof-budget", "3");
        assertEquals(0, committed.code(), committed.err());
        assertTrue(run("inspect", secret.toString()).out().contains("committed weights"));
        Path secretKey = dir.resolve("secret.vk");
        for (int i = 0; i < 2; i++) {
            Path hiddenWeights = dir.resolve("w" + i + ".proof");
            Run proved2 = run("prove", "--model", secret.toString(), "--input", input.toString(), "--out",
                    hiddenWeights.toString());
            assertEquals(0, proved2.code(), proved2.err());
            assertEquals(0, run("verify", "--key", secretKey.toString(), "--proof", hiddenWeights.toString()).code());
            assertEquals(1, run("verify", "--key", key.toString(), "--proof", hiddenWeights.toString()).code());
        }
        Run spent = run("prove", "--model", secret.toString(), "--input", input.toString(), "--out",
                dir.resolve("w2.proof").toString());
        assertEquals(2, spent.code());
        assertTrue(spent.err().contains("budget of 3"), spent.err());
    }

    /** Runs {@code provers} CLI calls at once, the i-th from {@code args.apply(i)}. */
    static List<Run> concurrently(int provers, java.util.function.IntFunction<String[]> args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(provers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Run>> runs = new ArrayList<>();
            for (int i = 0; i < provers; i++) {
                String[] a = args.apply(i);
                runs.add(pool.submit(() -> {
                    start.await();
                    return run(a);
                }));
            }
            start.countDown();
            List<Run> done = new ArrayList<>();
            for (Future<Run> r : runs) {
                done.add(r.get());
            }
            return done;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Asserts that {@code ok} runs succeeded and the others exited 2 naming the spent budget. */
    static void assertBudget(List<Run> runs, int ok, String budget) {
        assertEquals(ok, runs.stream().filter(r -> r.code() == 0).count(), runs.toString());
        for (Run r : runs) {
            if (r.code() != 0) {
                assertEquals(2, r.code(), r.err());
                assertTrue(r.err().contains(budget + " proofs is spent"), r.err());
            }
        }
    }

    @Test
    void prove_concurrentProversOnOneCommittedWeightsModelTakeDistinctSlotsWithinTheBudget() throws Exception {
        TinyModel f = tinyClassifier();
        Path zkm = dir.resolve("w.zkm");
        assertEquals(0, run("compile", "--model", f.model().toString(), "--calibration", f.calibration().toString(),
                "--out", zkm.toString(), "--weight-visibility", "committed", "--proof-budget", "3").code());
        // budget 3: slot 0 is the padding certificate, so two proofs
        List<Run> runs = concurrently(5, i -> new String[] {"prove", "--model", zkm.toString(), "--input",
                f.input().toString(), "--out", dir.resolve("w" + i + ".proof").toString(), "--nonce", "" + i});
        assertBudget(runs, 2, "budget of 3");
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).code() == 0) {
                Run verified = run("verify", "--key", dir.resolve("w.vk").toString(), "--proof",
                        dir.resolve("w" + i + ".proof").toString());
                assertEquals(0, verified.code(), verified.err());
            }
        }
        assertBudget(List.of(run("prove", "--model", zkm.toString(), "--input", f.input().toString(), "--out",
                dir.resolve("late.proof").toString())), 0, "budget of 3");
    }

    @Test
    void prove_inputSecretKeepsItsSlotCounterAcrossRunsAndConcurrentProvers() throws Exception {
        TinyModel f = compiledTinyClassifier();
        Path zkm = dir.resolve("m.zkm");
        Path cmt = dir.resolve("x.cmt");
        assertEquals(0, run("commit-input", "--model", zkm.toString(), "--input", f.input().toString(), "--out",
                cmt.toString()).code());
        Path secret = dir.resolve("x.cmt.secret");
        assertEquals(0, run("prove", "--model", zkm.toString(), "--input", f.input().toString(), "--out",
                dir.resolve("first.proof").toString(), "--input-secret", secret.toString()).code());
        // an input commitment hides its rows for 4 proofs; one is used, five provers race for three
        List<Run> runs = concurrently(5, i -> new String[] {"prove", "--model", zkm.toString(), "--input",
                f.input().toString(), "--out", dir.resolve("x" + i + ".proof").toString(), "--input-secret",
                secret.toString()});
        assertBudget(runs, 3, "budget of 4");
        assertEquals("input secret, next unused slot 4", run("inspect", secret.toString()).out().strip());
        // a secret without its counter (the 32-byte files of before) is refused, not restarted at slot 0
        Path old = dir.resolve("old.cmt.secret");
        Files.write(old, new byte[32]);
        Run refused = run("prove", "--model", zkm.toString(), "--input", f.input().toString(), "--out",
                dir.resolve("old.proof").toString(), "--input-secret", old.toString());
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("commit the inputs again"), refused.err());
    }

    @Test
    void secretFiles_areCreatedOwnerOnlyAndStaySoWhenRewritten() throws IOException {
        TinyModel f = tinyClassifier();
        Path zkm = dir.resolve("w.zkm");
        assertEquals(0, run("compile", "--model", f.model().toString(), "--calibration", f.calibration().toString(),
                "--out", zkm.toString(), "--weight-visibility", "committed", "--proof-budget", "4").code());
        assertOwnerOnly(zkm);
        assertEquals(0, run("commit-input", "--model", zkm.toString(), "--input", f.input().toString(), "--out",
                dir.resolve("x.cmt").toString()).code());
        Path inputSecret = dir.resolve("x.cmt.secret");
        assertOwnerOnly(inputSecret);
        // a model file made readable by others is rewritten owner-only by the next proof
        Files.setPosixFilePermissions(zkm, PosixFilePermissions.fromString("rw-r--r--"));
        Path proof = dir.resolve("p.proof");
        Run proved = run("prove", "--model", zkm.toString(), "--input", f.input().toString(), "--out",
                proof.toString(), "--input-secret", inputSecret.toString(), "--output-visibility", "committed");
        assertEquals(0, proved.code(), proved.err());
        for (String name : List.of("w.zkm", "w.zkm.lock", "x.cmt.secret", "x.cmt.secret.lock", "p.proof.secret",
                "p.proof.outputs.csv")) {
            assertOwnerOnly(dir.resolve(name));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".tmp")).toList());
        }
    }

    static void assertOwnerOnly(Path file) throws IOException {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
    }

    @Test
    void verify_committedOutputsProofWithRewrittenRowsExitsOne() throws IOException {
        TinyModel f = compiledTinyClassifier();
        Path key = dir.resolve("m.vk");
        Path sealed = dir.resolve("sealed.proof");
        Run proved = run("prove", "--model", dir.resolve("m.zkm").toString(), "--input", f.input().toString(),
                "--out", sealed.toString(), "--input-visibility", "private", "--output-visibility", "committed");
        assertEquals(0, proved.code(), proved.err());
        ProofFile file = ProofFile.fromBytes(Files.readAllBytes(sealed));
        Statement s = file.statement();
        for (int rows : new int[] {3, 1_000_000}) {
            Statement rewritten = Statement.withCommittedOutputs(s.circuitId(), null, null, s.outputCommitment(), rows,
                    s.nonce());
            Files.write(sealed, new ProofFile(rewritten, file.proof()).toBytes());
            Run verified = run("verify", "--key", key.toString(), "--proof", sealed.toString());
            assertEquals(1, verified.code(), verified.out());
            assertTrue(verified.err().contains("claims " + rows + " rows"), verified.err());
        }
    }

    @Test
    void compile_dl4jModelSerializerFileProvesDl4jsClasses() throws IOException {
        org.nd4j.linalg.activations.Activation relu = org.nd4j.linalg.activations.Activation.RELU;
        org.nd4j.linalg.activations.Activation softmax = org.nd4j.linalg.activations.Activation.SOFTMAX;
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(6).activation(relu).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).nIn(6).nOut(3)
                        .activation(softmax).build())
                .build());
        network.init();
        Path saved = dir.resolve("net.bin"); // not named .zip: recognised by the zip magic
        ModelSerializer.writeModel(network, saved.toFile(), false);
        float[][] inputs = {{1, 2, 3}, {-2, 0.5f, 1}, {0, -3, 2}, {2, 2, -1}};
        Path csv = write("x.csv", "1,2,3\n-2,0.5,1\n0,-3,2\n2,2,-1\n");
        Path zkm = dir.resolve("net.zkm");
        Path proof = dir.resolve("p.proof");

        Run compiled = run("compile", "--model", saved.toString(), "--calibration", csv.toString(),
                "--out", zkm.toString());
        assertEquals(0, compiled.code(), compiled.err());
        Run proved = run("prove", "--model", zkm.toString(), "--input", csv.toString(), "--out", proof.toString());
        assertEquals(0, proved.code(), proved.err());
        INDArray dl4j = network.output(Nd4j.create(inputs));
        String[] lines = proved.out().split("\n");
        for (int r = 0; r < inputs.length; r++) {
            assertTrue(lines[r].startsWith("class " + dl4j.getRow(r).argMax().getInt(0) + " "), proved.out());
        }
        Run verified = run("verify", "--key", dir.resolve("net.vk").toString(), "--proof", proof.toString());
        assertEquals(0, verified.code(), verified.err());
    }

    @Test
    void compile_zipThatIsNoDl4jModelExitsTwo() throws IOException {
        Path zip = dir.resolve("other.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("not a network".getBytes(StandardCharsets.UTF_8));
        }
        Path csv = write("cal.csv", "1,2,3\n");
        Run r = run("compile", "--model", zip.toString(), "--calibration", csv.toString(), "--out",
                dir.resolve("m.zkm").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("is neither a MultiLayerNetwork nor a ComputationGraph"), r.err());
    }

    @Test
    void badUsageAndUnreadableFilesExitTwo() throws IOException {
        assertEquals(2, run().code());
        assertEquals(2, run("frobnicate").code());
        assertEquals(2, run("dl4j-quickstart", "--epochs", "5").code());
        assertEquals(2, run("verify", "--key").code());
        assertEquals(2, run("verify", "--key", dir.resolve("missing.vk").toString(), "--proof", "x").code());
        Path junk = write("junk.vk", "not a key");
        Run r = run("verify", "--key", junk.toString(), "--proof", junk.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad magic"), r.err());
        Run badVisibility = run("prove", "--model", "m.zkm", "--input", "x.csv", "--out", "p", "--input-visibility",
                "secret");
        assertEquals(2, badVisibility.code());
        assertTrue(badVisibility.err().contains("public or private"), badVisibility.err());
        assertEquals(2, run("inspect", junk.toString()).code());
    }

    @Test
    void subnetCommands_areDispatchedToTheBridge() {
        assertTrue(run("--help").out().contains("subnet"));
        Run subnet = run("subnet", "--miners", "2", "--cheaters", "1", "--slow", "0", "--rounds", "1");
        assertEquals(0, subnet.code(), subnet.err());
        assertTrue(subnet.out().contains("final weights:"), subnet.out());
        Run bad = run("verify-remote", "--target", "127.0.0.1:1", "--proof", "p", "--bogus", "1");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("'--bogus'"), bad.err());
    }

    @Test
    void demo_dl4jPredictionsThenALocalSubnetScoringTheCheaterDown() {
        Run demo = run("demo", "--rounds", "1");
        assertEquals(0, demo.code(), demo.err());
        assertTrue(demo.out().contains("proven class = DL4J's class on 30/30 rows"), demo.out());
        assertTrue(demo.out().contains("== 2. A local proving subnet"), demo.out());
        assertTrue(demo.out().contains("final weights:"), demo.out());
        assertEquals(2, run("demo", "--rounds", "0").code());
    }
}
