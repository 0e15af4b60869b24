package org.tongban.devices.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.tongban.devices.printer.Receipt;
import org.tongban.devices.printer.escpos.EscPosEncoder;

/** A submission receipt encoded as ESC/POS. Run: {@code .ci/bench devices EscPosBench -f 1 -wi 3 -i 5}. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EscPosBench {

    private final EscPosEncoder encoder = new EscPosEncoder();
    private Receipt receipt;

    @Setup(Level.Trial)
    public void setUp() {
        receipt = Receipt.builder("r-1").title("办件回执").left("").left("回执编号：TB-2024-000123")
                .left("办理事项：城乡居民养老保险参保登记").left("申请人：欧***").left("证件号码：1101**********0417")
                .left("收取材料：").left(" · 居民身份证复印件").left(" · 户口簿复印件").left("承诺时限：5 个工作日")
                .left("受理时间：2024-05-06 09:30").left("").center("扫码查询办理进度")
                .qrCode("https://gov.example/track/TB-2024-000123").center("或拨打 12345 查询").cut().build();
        System.out.printf("%nreceipt: %d bytes of ESC/POS%n", encoder.encode(receipt).bytes().length);
    }

    @Benchmark
    public EscPosEncoder.Encoded submissionReceipt() {
        return encoder.encode(receipt);
    }
}
