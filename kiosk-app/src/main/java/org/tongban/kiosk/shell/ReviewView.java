package org.tongban.kiosk.shell;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.tongban.kiosk.flow.ServiceFlow;
import org.tongban.kiosk.i18n.Messages;

/**
 * The national five-level review (好差评) as five large choices: each a face, its stars and its words (非常满意 …
 * 非常不满意), coloured from good to bad; the face, the number of stars and the words each say the level alone,
 * so colour never has to.
 */
final class ReviewView {

    private ReviewView() {
    }

    /** The face for a level, from beaming (5) to crying (1). */
    static Ikon face(int level) {
        return switch (level) {
            case 5 -> MaterialDesignE.EMOTICON_EXCITED_OUTLINE;
            case 4 -> MaterialDesignE.EMOTICON_HAPPY_OUTLINE;
            case 3 -> MaterialDesignE.EMOTICON_NEUTRAL_OUTLINE;
            case 2 -> MaterialDesignE.EMOTICON_SAD_OUTLINE;
            default -> MaterialDesignE.EMOTICON_CRY_OUTLINE;
        };
    }

    /** Five large choices, best first. */
    static Node levels(ServiceFlow flow, Messages m) {
        // Five in a row on a wide screen; on a narrow one they wrap rather than squeeze.
        javafx.scene.layout.FlowPane row = new javafx.scene.layout.FlowPane(16, 16);
        row.setPrefWrapLength(2400);
        for (int level = 5; level >= 1; level--) {
            int l = level;
            Button b = Widgets.button("review-" + level, m.get("review.level" + level), () -> flow.chooseLevel(l));
            HBox stars = new HBox(2);
            stars.setAlignment(Pos.CENTER);
            for (int i = 1; i <= 5; i++) {
                stars.getChildren().add(Icons.icon(i <= level ? MaterialDesignS.STAR : MaterialDesignS.STAR_OUTLINE));
            }
            stars.getStyleClass().add("review-stars");
            VBox picture = new VBox(6, Icons.icon(face(level)), stars);
            picture.getChildren().get(0).getStyleClass().add("review-face");
            picture.setAlignment(Pos.CENTER);
            b.setGraphic(picture);
            b.setContentDisplay(ContentDisplay.TOP);
            b.getStyleClass().addAll("review-level", "review-level-" + level);
            b.setAccessibleText(m.get("review.accessible", level, m.get("review.level" + level)));
            row.getChildren().add(b);
        }
        row.setId("reviewLevels");
        return row;
    }
}
