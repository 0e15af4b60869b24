package org.tongban.devices.idcard.bench;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.tongban.devices.DeviceException;
import org.tongban.devices.idcard.SamFrameCodec;

/**
 * Frame decoder throughput, in frames per second: the 1,295-byte read answer fed in 64-byte pieces as a serial
 * line delivers it, and a 15-byte find-card answer fed whole.
 * Run: {@code .ci/bench devices SamFrameDecodeBench -f 1 -wi 2 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SamFrameDecodeBench {

    private final SamFrameCodec codec = SamFrameCodec.forAnswers();
    private byte[] readAnswer;
    private byte[] findAnswer;

    @Setup
    public void frames() {
        byte[] body = new byte[3 + 4 + 256 + 1024];
        body[2] = (byte) 0x90;
        for (int i = 3; i < body.length; i++) {
            body[i] = (byte) (i * 7);
        }
        readAnswer = SamFrameCodec.encode(body);
        findAnswer = SamFrameCodec.encode(new byte[] {0, 0, (byte) 0x9F, 0, 0, 0, 0});
    }

    @Benchmark
    public byte[] readAnswerIn64BytePieces() throws DeviceException {
        for (int at = 0; at < readAnswer.length; at += 64) {
            codec.feed(readAnswer, at, Math.min(64, readAnswer.length - at));
            Optional<byte[]> body = codec.next();
            if (body.isPresent()) {
                return body.get();
            }
        }
        throw new IllegalStateException("no frame");
    }

    @Benchmark
    public byte[] findAnswerWhole() throws DeviceException {
        codec.feed(findAnswer);
        return codec.next().orElseThrow();
    }
}
