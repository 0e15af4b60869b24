package org.tongban.devices.printer.cups;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceState;

/** The printer-state-reasons CUPS reports, read into device states. */
class PrinterConditionTest {

    private static PrinterCondition of(String... reasons) {
        return PrinterCondition.of(PrinterCondition.IPP_IDLE, List.of(reasons), true, "");
    }

    @Test
    void paperOutAndOpenDoorAreForStaffOnSite() {
        assertThat(of("media-empty-error").state(), equalTo(DeviceState.USER_ERROR));
        assertThat(of("media-empty-error").reason(), equalTo(DeviceException.Reason.NO_MEDIA));
        assertThat(of("media-needed").detail(), containsString("out of paper"));
        assertThat(of("door-open-error").state(), equalTo(DeviceState.USER_ERROR));
    }

    @Test
    void aJamNeedsATechnicianAndWinsOverPaperOut() {
        PrinterCondition both = of("media-empty-error", "media-jam-error");

        assertThat(both.state(), equalTo(DeviceState.HARDWARE_ERROR));
        assertThat(both.detail(), containsString("paper jam"));
    }

    @Test
    void lowTonerIsAWarningThatKeepsThePrinterOnline() {
        PrinterCondition low = of("toner-low-report");

        assertThat(low.state(), equalTo(DeviceState.ONLINE));
        assertThat(low.warnings(), equalTo(List.of("toner low")));
        assertThat(low.detail(), containsString("toner low"));
    }

    @Test
    void offlineOrAStoppedQueuePrintsNothing() {
        assertThat(of("offline-report").state(), equalTo(DeviceState.ONLINE)); // a report is not a fault
        assertThat(of("offline").state(), equalTo(DeviceState.OFFLINE));
        PrinterCondition stopped = PrinterCondition.of(PrinterCondition.IPP_STOPPED, List.of("paused"), true,
                "disabled by technician");
        assertThat(stopped.state(), equalTo(DeviceState.OFFLINE));
        assertThat(stopped.detail(), containsString("disabled by technician"));
        assertThat(PrinterCondition.of(PrinterCondition.IPP_IDLE, List.of("none"), false, "").state(),
                equalTo(DeviceState.OFFLINE));
    }

    @Test
    void noReasonsIsReady() {
        assertThat(of("none").state(), equalTo(DeviceState.ONLINE));
        assertThat(of("none").detail(), equalTo("ready"));
    }
}
