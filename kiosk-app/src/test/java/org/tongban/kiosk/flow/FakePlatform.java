package org.tongban.kiosk.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.tongban.kiosk.outbox.PlatformReachability;
import org.tongban.kiosk.platform.Applicant;
import org.tongban.kiosk.platform.LicenseVerification;
import org.tongban.kiosk.platform.PlatformException;
import org.tongban.kiosk.platform.QueryResult;

/** The platform as a step sees it, played by the test: answers, failures, delays and reachability set by hand. */
final class FakePlatform implements FlowPlatform {

    volatile PlatformReachability.State reachability = PlatformReachability.State.ONLINE;
    /** Thrown by every call while set. */
    volatile PlatformException.Kind failing;
    volatile Duration delay = Duration.ZERO;
    final AtomicInteger queries = new AtomicInteger();
    final AtomicInteger licenseChecks = new AtomicInteger();

    @Override
    public QueryResult query(String itemCode, Applicant applicant) throws PlatformException {
        queries.incrementAndGet();
        answerLater();
        return new QueryResult(itemCode, "社会保险参保缴费证明", Instant.now(),
                List.of(new QueryResult.Field("姓名", applicant.name())), null, "VC-0001");
    }

    @Override
    public LicenseVerification verifyLicense(String qrPayload) throws PlatformException {
        licenseChecks.incrementAndGet();
        answerLater();
        return qrPayload.startsWith("DZZZ:")
                ? new LicenseVerification(true, new LicenseVerification.License("营业执照", "91530100MA6K7Y2X3B",
                        "某公司", null, "某局", null, "长期"))
                : new LicenseVerification(false, null);
    }

    @Override
    public PlatformReachability.State reachability() {
        return reachability;
    }

    private void answerLater() throws PlatformException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        PlatformException.Kind k = failing;
        if (k != null) {
            throw new PlatformException(k, "the test's platform: " + k, null);
        }
    }
}
