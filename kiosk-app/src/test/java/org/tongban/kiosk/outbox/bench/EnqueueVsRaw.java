package org.tongban.kiosk.outbox.bench;

import java.util.Arrays;

/**
 * {@link EnqueueBench}'s two figures taken in pairs: a durable enqueue, then a raw fsync'd insert of the same
 * size, alternately, so a disk shared with other work slows both alike (JMH runs one benchmark after the other,
 * and on a busy machine the two then meet different loads). Prints p50 and p99 of each and their ratio.
 * Run by {@code .ci/perf}; {@code java -cp ... EnqueueVsRaw [PAIRS]} from the module's folder.
 */
public final class EnqueueVsRaw {

    private EnqueueVsRaw() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int warmUp = Math.max(100, pairs / 10);
        EnqueueBench bench = new EnqueueBench();
        bench.open();
        long[] durable = new long[pairs];
        long[] raw = new long[pairs];
        try {
            for (int i = -warmUp; i < pairs; i++) {
                long t0 = System.nanoTime();
                bench.durableEnqueue();
                long t1 = System.nanoTime();
                bench.rawFsyncedInsert();
                long t2 = System.nanoTime();
                if (i >= 0) {
                    durable[i] = t1 - t0;
                    raw[i] = t2 - t1;
                }
            }
        } finally {
            bench.close();
        }
        Arrays.sort(durable);
        Arrays.sort(raw);
        System.out.printf("enqueue-vs-raw: %d pairs: durable enqueue p50 %.3f ms p99 %.3f ms; raw fsync'd insert "
                        + "p50 %.3f ms p99 %.3f ms; speed at p50 %.2fx%n", pairs, ms(durable, 50), ms(durable, 99),
                ms(raw, 50), ms(raw, 99), ms(raw, 50) / ms(durable, 50));
    }

    private static double ms(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }
}
