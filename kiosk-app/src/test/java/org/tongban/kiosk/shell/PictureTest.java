package org.tongban.kiosk.shell;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.shape.Shape;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The shipped pictures: each one loads, every shape is coloured by a palette class, the moving parts are there. */
@ExtendWith(ApplicationExtension.class)
class PictureTest {

    @Start
    void start(Stage stage) {
        // the toolkit only: pictures are built as any view's nodes
    }

    @Test
    void everyShippedPictureHasItsPartsAndEveryShapeAClassThePicturesSheetColours() {
        for (Illustration i : Illustration.values()) {
            Group picture = Picture.load(i.file());
            assertThat(i.file() + " #glow", picture.lookup("#glow"), notNullValue());
            assertThat(i.file() + " #item", picture.lookup("#item"), notNullValue());
            List<String> unstyled = new ArrayList<>();
            shapes(picture).stream().filter(s -> s.getStyleClass().stream().noneMatch(c -> c.startsWith("pic-")))
                    .forEach(s -> unstyled.add(i.file() + ": " + s));
            assertThat(unstyled, empty());
        }
        assertThat(shapes(Picture.load("arrow")).size(), equalTo(1));
    }

    @Test
    void anElementThePicturesDoNotDrawIsRefusedByName() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Picture.load("test-with-text"));
        assertThat(e.getMessage(), containsString("pictures/test-with-text.svg"));
        assertThat(e.getMessage(), containsString("<text> is not drawn"));
    }

    private static List<Shape> shapes(Node n) {
        List<Shape> all = new ArrayList<>();
        if (n instanceof Shape s) {
            all.add(s);
        } else if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> all.addAll(shapes(c)));
        }
        return all;
    }
}
