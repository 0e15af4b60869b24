package org.tongban.kiosk.shell;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignN;
import org.tongban.kiosk.catalog.StepType;
import org.tongban.kiosk.flow.StepList;
import org.tongban.kiosk.i18n.Messages;

/**
 * The item's steps by name over its pages: "第 2 步 / 共 4 步" in words, each step a chip whose colour and mark
 * say the same (a tick: done; a filled number, bold: this step; an outlined number: to come).
 */
final class StepIndicatorView {

    private StepIndicatorView() {
    }

    /** The words: "第 2 步 / 共 4 步", or the count alone before the first step. */
    static String words(StepList.Position at, Messages m) {
        if (at.number() < 1) {
            return m.get("steps.count", at.total());
        }
        if (at.number() > at.total()) {
            return m.get("steps.allDone", at.total());
        }
        return m.get("steps.progress", at.number(), at.total());
    }

    static Node build(StepList.Position at, Messages m) {
        Label words = Widgets.text(words(at, m), "steps-words");
        words.setId("stepWords");
        words.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        FlowPane chips = new FlowPane(12, 8);
        List<StepType> steps = at.steps();
        for (int i = 0; i < steps.size(); i++) {
            StepList.Progress p = at.progress(i);
            Label chip = new Label(m.get("steps.name." + steps.get(i).yamlName()));
            chip.setGraphic(Icons.icon(mark(p, i + 1)));
            chip.setId("step-" + (i + 1));
            chip.getStyleClass().addAll("step-chip", "step-" + p.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            chip.setAccessibleText(m.get("steps.accessible." + p.name(), i + 1, chip.getText()));
            chips.getChildren().add(chip);
        }
        // given a row of its own (elderly mode), the chips take its width and wrap only at its end
        chips.setMinWidth(0);
        HBox.setHgrow(chips, javafx.scene.layout.Priority.ALWAYS);
        HBox box = new HBox(20, words, chips);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setId("steps");
        box.getStyleClass().add("steps");
        return box;
    }

    private static Ikon mark(StepList.Progress p, int number) {
        if (p == StepList.Progress.DONE) {
            return MaterialDesignC.CHECK_CIRCLE;
        }
        boolean filled = p == StepList.Progress.CURRENT;
        return switch (number) {
            case 1 -> filled ? MaterialDesignN.NUMERIC_1_CIRCLE : MaterialDesignN.NUMERIC_1_CIRCLE_OUTLINE;
            case 2 -> filled ? MaterialDesignN.NUMERIC_2_CIRCLE : MaterialDesignN.NUMERIC_2_CIRCLE_OUTLINE;
            case 3 -> filled ? MaterialDesignN.NUMERIC_3_CIRCLE : MaterialDesignN.NUMERIC_3_CIRCLE_OUTLINE;
            case 4 -> filled ? MaterialDesignN.NUMERIC_4_CIRCLE : MaterialDesignN.NUMERIC_4_CIRCLE_OUTLINE;
            case 5 -> filled ? MaterialDesignN.NUMERIC_5_CIRCLE : MaterialDesignN.NUMERIC_5_CIRCLE_OUTLINE;
            case 6 -> filled ? MaterialDesignN.NUMERIC_6_CIRCLE : MaterialDesignN.NUMERIC_6_CIRCLE_OUTLINE;
            case 7 -> filled ? MaterialDesignN.NUMERIC_7_CIRCLE : MaterialDesignN.NUMERIC_7_CIRCLE_OUTLINE;
            case 8 -> filled ? MaterialDesignN.NUMERIC_8_CIRCLE : MaterialDesignN.NUMERIC_8_CIRCLE_OUTLINE;
            default -> filled ? MaterialDesignN.NUMERIC_9_CIRCLE : MaterialDesignN.NUMERIC_9_CIRCLE_OUTLINE;
        };
    }
}
