package org.tongban.kiosk.shell;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.tongban.kiosk.flow.FlowState;
import org.tongban.kiosk.flow.LicenseStep;
import org.tongban.kiosk.flow.ServiceFlow;
import org.tongban.kiosk.i18n.Messages;
import org.tongban.kiosk.platform.LicenseVerification;

/** The e-licence step: what to show to the scanner, and the verified licence with its number masked. */
final class LicenseView {

    private LicenseView() {
    }

    /** While waiting for the QR code: the prompt, or why the last code was refused; the scanner's picture under it. */
    static Node waiting(FlowState s, Messages m, Node scanner) {
        Label prompt = Widgets.text(m.get(s.message()), "prompt");
        prompt.setId("licensePrompt");
        prompt.setAccessibleText(m.get(s.message()));
        VBox box = new VBox(16, prompt, Widgets.text(m.get("flow.license.hint"), "hint"), Widgets.grow(), scanner);
        VBox.setVgrow(box, javafx.scene.layout.Priority.ALWAYS);
        box.setId("licenseStep");
        return box;
    }

    /** The licence as verified: type, masked number, holder, issuer, validity. */
    static Node shown(ServiceFlow flow, Messages m) {
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(12);
        grid.setId("licenseShown");
        LicenseVerification.License l = flow.license().orElse(null);
        if (l != null) {
            int row = 0;
            row = line(grid, row, m.get("flow.license.type"), l.type());
            row = line(grid, row, m.get("flow.license.number"), LicenseStep.masked(l));
            row = line(grid, row, m.get("flow.license.holder"), l.holderName());
            row = line(grid, row, m.get("flow.license.issuer"), l.issuer());
            line(grid, row, m.get("flow.license.valid"), (l.validFrom() == null ? "" : l.validFrom() + " – ")
                    + (l.validTo() == null ? "" : l.validTo()));
        }
        return new VBox(16, Widgets.text(m.get("flow.license.shown"), "prompt"), grid);
    }

    private static int line(GridPane grid, int row, String label, String value) {
        Label v = Widgets.text(value == null ? "" : value, "value");
        v.setAccessibleText(label + " " + (value == null ? "" : value));
        grid.addRow(row, Widgets.text(label, "label"), v);
        return row + 1;
    }
}
