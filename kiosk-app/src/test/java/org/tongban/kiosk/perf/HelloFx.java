package org.tongban.kiosk.perf;

import java.lang.management.ManagementFactory;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The reference for the kiosk's cold start ({@code .ci/perf}): a JavaFX hello-world with a label and a button (as
 * issue 19 names it) started the same way (Platform.startup, one Stage, same JVM flags and class path), printing when its first frame is shown in
 * the kiosk's own words, and staying up (its resident memory is the reference too) until stopped.
 */
public final class HelloFx {

    private HelloFx() {
    }

    public static void main(String[] args) {
        Platform.startup(() -> {
            Stage stage = new Stage();
            stage.setOnShown(e -> {
                System.out.println("kiosk: attract screen shown " + ManagementFactory.getRuntimeMXBean().getUptime()
                        + " ms after start");
            });
            stage.setScene(new Scene(new VBox(new Label("你好, world"), new Button("开始 / Start")), 1920, 1080));
            stage.show();
        });
    }
}
