package org.tongban.kiosk.shell;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The look the launcher prepares while the terminal starts is the shell's own: every stylesheet on it, and its
 * rules applied (a primary button in the shell's large type, not the toolkit's default 12-odd pixels).
 */
@ExtendWith(ApplicationExtension.class)
class PrepareLookTest {

    @Test
    void theShellsStylesheetsAreParsedAndAppliedOnASceneNobodySees(FxRobot robot) {
        Scene[] scene = new Scene[1];
        robot.interact(() -> scene[0] = ShellWindow.prepareLook());
        assertThat(scene[0].getRoot().getStylesheets(), hasSize(ShellWindow.STYLESHEETS.size()));
        Button start = (Button) scene[0].lookup("#prepareLook");
        assertThat(start.getFont().getSize(), greaterThan(20.0));
    }
}
