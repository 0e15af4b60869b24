package org.tongban.kiosk.flow;

import java.util.Map;
import java.util.function.Supplier;
import org.tongban.kiosk.outbox.PlatformReachability;
import org.tongban.kiosk.platform.Applicant;
import org.tongban.kiosk.platform.LicenseVerification;
import org.tongban.kiosk.platform.PlatformClient;
import org.tongban.kiosk.platform.PlatformException;
import org.tongban.kiosk.platform.QueryResult;

/** What the steps ask of the provincial platform: the real client in a terminal, a fake in a step's test. */
public interface FlowPlatform {

    QueryResult query(String itemCode, Applicant applicant) throws PlatformException;

    LicenseVerification verifyLicense(String qrPayload) throws PlatformException;

    /** What the terminal knows of the platform now: not tried yet, answering, or not answering. */
    PlatformReachability.State reachability();

    /** Only a platform known to be away stops a step before it tries; before the first contact it tries. */
    default boolean knownDown() {
        return reachability() == PlatformReachability.State.OFFLINE;
    }

    /** The platform client, with the reachability the sync worker last found. */
    static FlowPlatform of(PlatformClient client, Supplier<PlatformReachability> reachability) {
        return new FlowPlatform() {
            @Override
            public QueryResult query(String itemCode, Applicant applicant) throws PlatformException {
                return client.query(itemCode, applicant, Map.of());
            }

            @Override
            public LicenseVerification verifyLicense(String qrPayload) throws PlatformException {
                return client.verifyLicense(qrPayload);
            }

            @Override
            public PlatformReachability.State reachability() {
                return reachability.get().state();
            }
        };
    }
}
