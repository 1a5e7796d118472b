package org.zkml4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zkml4j.samples.MainTest.run;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zkml4j.samples.MainTest.Run;

/** The command line's conventions: help, version, option syntax, JSON output and one-line errors. */
class CliTest {
    private static final List<String> COMMANDS = List.of("demo", "demo-core", "dl4j-quickstart", "compile",
            "commit-input", "prove", "verify", "check-outputs", "inspect", "miner", "validator", "verify-remote",
            "subnet", "verifier", "hotkey");

    @Test
    void commands_areTheDocumentedOnes() {
        assertEquals(COMMANDS, List.copyOf(Main.COMMANDS.keySet()));
    }

    @TempDir
    Path dir;

    @Test
    void help_onTheTopLevelAndEveryCommandExitsZero() {
        for (String flag : List.of("--help", "-h")) {
            Run top = run(flag);
            assertEquals(0, top.code(), top.err());
            for (String command : COMMANDS) {
                assertTrue(top.out().contains(command), command);
                Run help = run(command, flag);
                assertEquals(0, help.code(), command + ": " + help.err());
                assertTrue(help.out().startsWith("Usage: zkml4j " + command), help.out());
            }
        }
        assertTrue(run("compile", "--help").out().contains("--security-bits"));
        assertTrue(run("--help").out().contains("Exit codes: 0 success"));
    }

    @Test
    void version_printsTheProjectVersion() {
        Run version = run("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().matches("zkml4j \\d+\\.\\d+\\.\\d+.*\\s*"), version.out());
        assertEquals(version.out(), run("verify", "-V").out());
    }

    @Test
    void noCommandOrAnUnknownOnePrintsUsageAndExitsTwo() {
        Run none = run();
        assertEquals(2, none.code());
        assertTrue(none.err().startsWith("Usage: zkml4j"), none.err());
        Run unknown = run("frobnicate");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("zkml4j: unknown command 'frobnicate'"), unknown.err());
        Run missing = run("verify", "--key=m.vk");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("Missing required option: '--proof=P.proof'"), missing.err());
        assertTrue(missing.err().contains("see 'zkml4j verify --help'"), missing.err());
    }

    @Test
    void optionsTakeEqualsSignsAndFlagsNoValue() throws IOException {
        MainTest.TinyModel f = tinyModel();
        Path zkm = dir.resolve("m.zkm");
        Run compiled = run("compile", "--model=" + f.model(), "--calibration=" + f.calibration(), "--out=" + zkm,
                "--activation-bits=8", "--weight-bits", "8", "--security-bits=96");
        assertEquals(0, compiled.code(), compiled.err());
        Run badBits = run("compile", "--model=" + f.model(), "--calibration=" + f.calibration(), "--out=" + zkm,
                "--activation-bits=30");
        assertEquals(2, badBits.code());
        assertEquals("zkml4j: activationBits must be in [4, 16], got 30", badBits.err().strip());
        Run notANumber = run("compile", "--model=" + f.model(), "--calibration=" + f.calibration(), "--out=" + zkm,
                "--security-bits=lots");
        assertEquals(2, notANumber.code());
        assertTrue(notANumber.err().contains("'lots' is not an int"), notANumber.err());
        Run flag = run("subnet", "--miners=1", "--cheaters=0", "--slow=0", "--rounds=1", "--tls");
        assertEquals(0, flag.code(), flag.err());
        assertTrue(flag.out().contains("TLS pinned to"), flag.out());
    }

    @Test
    void json_onProveVerifyAndInspect() throws IOException {
        MainTest.TinyModel f = tinyModel();
        Path zkm = dir.resolve("m.zkm");
        Path proof = dir.resolve("p.proof");
        assertEquals(0, run("compile", "--model", f.model().toString(), "--calibration", f.calibration().toString(),
                "--out", zkm.toString()).code());
        Run proved = run("prove", "--model", zkm.toString(), "--input", f.input().toString(), "--out",
                proof.toString(), "--json");
        assertEquals(0, proved.code(), proved.err());
        assertTrue(proved.out().matches("\\{\"proof\":\".*\",\"proofBytes\":\\d+,\"rows\":\\[\\{\"outputs\":\\[.*"
                + "\"class\":\\d.*\\}\\]\\}\\s*"), proved.out());
        Run verified = run("verify", "--key", dir.resolve("m.vk").toString(), "--proof", proof.toString(), "--json");
        assertEquals(0, verified.code(), verified.err());
        assertEquals("{\"valid\":true}", verified.out().strip());
        Run inspected = run("inspect", "--json", proof.toString());
        assertTrue(inspected.out().startsWith("{\"kind\":\"proof\",\"rows\":2,\"nonce\":0,\"inputs\":\"public\""),
                inspected.out());

        Run wrongKey = run("verify", "--key", dir.resolve("m.vk").toString(), "--proof", proof.toString(), "--json");
        byte[] bytes = Files.readAllBytes(proof);
        bytes[bytes.length - 100] ^= 1;
        Files.write(proof, bytes);
        Run invalid = run("verify", "--key", dir.resolve("m.vk").toString(), "--proof", proof.toString(), "--json");
        assertEquals(1, invalid.code());
        assertTrue(invalid.out().startsWith("{\"valid\":false,\"reason\":\""), invalid.out());
        assertEquals(0, wrongKey.code());
    }

    @Test
    void prove_warnsOfClampedInputsAndStrictRefusesThem() throws IOException {
        MainTest.TinyModel f = tinyModel();
        Path zkm = dir.resolve("m.zkm");
        assertEquals(0, run("compile", "--model", f.model().toString(), "--calibration", f.calibration().toString(),
                "--out", zkm.toString()).code());
        Path far = Files.writeString(dir.resolve("far.csv"), "1,2,3\n500,-2,-900\n");
        Run clamped = run("prove", "--model", zkm.toString(), "--input", far.toString(), "--out",
                dir.resolve("p.proof").toString(), "--json");
        assertEquals(0, clamped.code(), clamped.err());
        assertEquals("warning: row 2: 2 input value(s) outside the calibrated range were clamped; the proof is about "
                + "the clamped input (--strict refuses it)", clamped.err().strip());
        assertTrue(clamped.out().contains("\"clampedInputs\":0,"), clamped.out());
        assertTrue(clamped.out().contains("\"clampedInputs\":2"), clamped.out());
        Run strict = run("prove", "--model", zkm.toString(), "--input", far.toString(), "--out",
                dir.resolve("p.proof").toString(), "--strict");
        assertEquals(2, strict.code());
        assertTrue(strict.err().startsWith("zkml4j: row 2 has 2 input value(s) outside the calibrated range"),
                strict.err());
    }

    @Test
    void badFiles_giveOneLineAndExitTwo() throws IOException {
        MainTest.TinyModel f = tinyModel();
        Path zkm = dir.resolve("m.zkm");
        assertEquals(0, run("compile", "--model", f.model().toString(), "--calibration", f.calibration().toString(),
                "--out", zkm.toString()).code());
        Path huge = dir.resolve("huge.proof");
        try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
            sparse.setLength(2L << 30); // 2 GiB, sparse: no disk used
        }
        assertOneLine(run("verify", "--key", dir.resolve("m.vk").toString(), "--proof", huge.toString()),
                huge + " is larger than 256 MiB, the most read from one file");
        assertOneLine(run("inspect", huge.toString()), huge + " is larger than 256 MiB, the most read from one file");
        if (Files.isReadable(Path.of("/dev/zero"))) {
            assertOneLine(run("inspect", "/dev/zero"), "/dev/zero is larger than 256 MiB, the most read from one file");
            assertOneLine(run("prove", "--model", zkm.toString(), "--input", "/dev/zero", "--out",
                    dir.resolve("p").toString()), "/dev/zero is not a text CSV file (it holds NUL bytes)");
        }
        assertOneLine(run("prove", "--model", dir.toString(), "--input", f.input().toString(), "--out",
                dir.resolve("p").toString()), dir + " is a directory, not a model file");
        Path binary = Files.write(dir.resolve("m.bin"), new byte[] {7, 0, 0, 1, (byte) 0x80});
        assertOneLine(run("compile", "--model", binary.toString(), "--calibration", f.calibration().toString(),
                "--out", zkm.toString()), binary + " is neither a DL4J ModelSerializer zip nor a ModelGraph JSON file");
        assertOneLine(run("verify", "--key", dir.toString(), "--proof", dir.toString()),
                dir + " is a directory, not a file");
        Path numbered = Files.writeString(dir.resolve("numbered.csv"), "1st,2nd,3rd\n1,2,3\n");
        assertEquals(0, run("prove", "--model", zkm.toString(), "--input", numbered.toString(), "--header=yes",
                "--out", dir.resolve("p").toString()).code());
        assertOneLine(run("prove", "--model", zkm.toString(), "--input", numbered.toString(), "--header=maybe",
                "--out", dir.resolve("p").toString()), "--header must be auto, yes or no, got 'maybe'");
        Path badCsv = Files.writeString(dir.resolve("bad.csv"), "1,abc\n1,-2\n");
        assertOneLine(run("prove", "--model", zkm.toString(), "--input", badCsv.toString(), "--out",
                dir.resolve("p").toString()), badCsv + " row 1 (line 1), column 2: 'abc' is not a decimal number");
    }

    private static void assertOneLine(Run r, String message) {
        assertEquals(2, r.code(), r.err());
        assertEquals("zkml4j: " + message, r.err().strip());
        assertFalse(r.err().contains("Usage"), r.err());
    }

    private MainTest.TinyModel tinyModel() throws IOException {
        MainTest helper = new MainTest();
        helper.dir = dir;
        return helper.tinyClassifier();
    }
}
