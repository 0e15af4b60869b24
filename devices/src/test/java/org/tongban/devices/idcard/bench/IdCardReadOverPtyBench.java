package org.tongban.devices.idcard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tongban.devices.DeviceException;
import org.tongban.devices.idcard.CardText;
import org.tongban.devices.idcard.IdCard;
import org.tongban.devices.idcard.ReaderEmulator;
import org.tongban.devices.idcard.SamIdCardReader;
import org.tongban.devices.idcard.SocatPty;

/**
 * One ID card read, command to parsed record, through the real driver over a pty, with the emulator pacing its
 * answers at 115200 baud. The wire time of the bytes exchanged (find, select, read: 3 commands of 10 bytes,
 * answers of 15, 19 and 1,295 bytes; 10 bits a byte) is 1,359 bytes = 117.97 ms; the goal is at most 1.10 times
 * that, 129.8 ms. Run: {@code .ci/bench devices IdCardReadOverPtyBench -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class IdCardReadOverPtyBench {

    public static final double WIRE_MS = (3 * 10 + 15 + 19 + 1295) * 10 * 1000.0 / 115200;

    private ReaderEmulator emulator;
    private SocatPty pty;
    private SamIdCardReader reader;
    private Path dir;

    @Setup(Level.Trial)
    public void plugIn() throws Exception {
        dir = Files.createTempDirectory("idcard-bench");
        emulator = new ReaderEmulator(115200);
        emulator.place(CardText.resident().bytes(), CardText.photo());
        pty = SocatPty.start(dir.resolve("ttyIDCARD"), emulator.tcpPort());
        reader = new SamIdCardReader("idcard", SamIdCardReader.Settings.defaults(pty.link().toString())
                .withPollInterval(Duration.ZERO));
        reader.openClaimEnable(Duration.ofSeconds(1));
        System.out.printf("%nwire time of one read at 115200 baud: %.2f ms; goal <= %.2f ms%n", WIRE_MS, 1.1 * WIRE_MS);
    }

    @Benchmark
    public IdCard read() throws DeviceException {
        return reader.read(Duration.ofSeconds(2));
    }

    @TearDown(Level.Trial)
    public void unplug() throws Exception {
        reader.close();
        pty.close();
        emulator.close();
        Files.deleteIfExists(dir);
    }
}
