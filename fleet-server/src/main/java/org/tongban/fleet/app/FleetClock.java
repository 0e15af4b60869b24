package org.tongban.fleet.app;

import java.time.Duration;

/**
 * The fleet's timing: how often terminals report, and after how long without a heartbeat a terminal counts as
 * offline ({@code offlineIntervals} intervals, plus 10 % for the terminals' jitter).
 */
public record FleetClock(Duration heartbeatInterval, int offlineIntervals) {

    public Duration offlineAfter() {
        return heartbeatInterval.multipliedBy(offlineIntervals).plus(heartbeatInterval.dividedBy(10));
    }
}
