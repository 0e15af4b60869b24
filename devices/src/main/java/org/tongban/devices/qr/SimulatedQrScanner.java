package org.tongban.devices.qr;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceException;
import org.tongban.devices.Lifecycle;
import org.tongban.devices.simulation.SimulatedDevice;

/**
 * The simulator twin of the QR code scanner: a test {@link #show}s a code to it, or unplugs it.
 */
public final class SimulatedQrScanner extends SimulatedDevice implements QrScanner {

    /** Reads waiting for the next code; registered before the read is queued so no code slips past. */
    private final Set<CompletableFuture<QrCode>> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicInteger codesSeen = new AtomicInteger();

    public SimulatedQrScanner(String name) {
        super(name, DeviceClass.QR_SCANNER, "QR scanner");
    }

    // ---- scripting, for tests and the demo -----------------------------------------------------

    /**
     * Holds a code under the scanner. Only an enabled, connected scanner sees it (a disabled one has
     * its light off); then it is published and handed to a waiting read.
     */
    public void show(String text) {
        if (!plugged() || lifecycle() != Lifecycle.ENABLED) {
            return;
        }
        QrCode code = new QrCode(text, Instant.now());
        codesSeen.incrementAndGet();
        waiting.forEach(read -> read.complete(code));
        publishData(code);
    }

    public int codesSeen() {
        return codesSeen.get();
    }

    // ---- the device --------------------------------------------------------------------------

    /** With the cable, a waiting read fails at once. */
    @Override
    protected void onUnplugged() {
        waiting.forEach(read -> read.completeExceptionally(offline()));
    }

    @Override
    protected String healthDetail() {
        return "simulated QR scanner, " + (plugged() ? "connected" : "unplugged") + ", " + codesSeen.get()
                + " codes seen";
    }

    @Override
    public QrCode read(Duration timeout) throws DeviceException {
        CompletableFuture<QrCode> next = new CompletableFuture<>();
        waiting.add(next);
        try {
            return perform("read QR code", timeout, () -> {
                throwScriptedFailure();
                try {
                    return next.get(); // interrupted by timeout or cancel
                } catch (ExecutionException e) {
                    throw (DeviceException) e.getCause();
                }
            });
        } finally {
            waiting.remove(next);
        }
    }
}
