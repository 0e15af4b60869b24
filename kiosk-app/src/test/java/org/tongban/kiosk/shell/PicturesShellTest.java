package org.tongban.kiosk.shell;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.tongban.kiosk.shell.ShellScreens.shows;
import static org.tongban.kiosk.shell.ShellScreens.showsText;
import static org.tongban.kiosk.shell.ShellScreens.text;
import static org.tongban.kiosk.shell.ShellScreens.waitUntil;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.app.ShippedConfig;
import org.tongban.kiosk.config.ConfigLoader;
import org.tongban.kiosk.i18n.Messages;
import picocli.CommandLine;

/**
 * The pictures on a real (headless) stage over a demo terminal started on a configuration folder of the test's
 * own: the hall's slides from {@code attract/}, the identify picture where kiosk.yaml says the reader is, the
 * page preview of the certificate before it prints.
 */
@ExtendWith(ApplicationExtension.class)
class PicturesShellTest {

    private static final String ITEM = "SI-CERT-CONTRIB";
    private static final Messages ZH = new Messages(Locale.SIMPLIFIED_CHINESE);

    @RegisterExtension
    final DemoStage shell = DemoStage.online(null, null);
    @TempDir
    Path dir;
    private Stage stage;
    private Demo demo;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    /** A configuration folder: the shipped one, {@code edit} applied to it. */
    private Path config(Edit edit) throws Exception {
        Path config = ShippedConfig.extract(dir.resolve("config")).dir();
        edit.apply(config);
        return config;
    }

    private interface Edit {
        void apply(Path config) throws IOException;
    }

    private void open(FxRobot robot, Path config) throws Exception {
        demo = shell.start(new Demo.Overrides(null, null, null, null, config));
        // as ShellLauncher does: the pictures of the terminal's configuration
        robot.interact(() -> shell.show(stage, new ShellWindow(demo.terminal().navigator(), demo.terminal().status(),
                null).pictures(demo.terminal().config())));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void png(Path file, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x0b4f8a));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void slides(Path config, String yaml) throws IOException {
        Path attract = Files.createDirectories(config.resolve("attract"));
        png(attract.resolve("hours.png"), 800, 450);
        Files.writeString(attract.resolve("slides.yaml"), yaml);
    }

    /** The slide the show has on top now (the last one added: the one fading in, or alone). */
    private static Node currentSlide(FxRobot robot) {
        List<Node> layers = robot.lookup("#slideShow").queryParent().getChildrenUnmodifiable();
        return layers.get(layers.size() - 1);
    }

    @Test
    void theHallsSlidesFromTheConfigurationFolderAreShownAndCycledWithTheirPictures(FxRobot robot) throws Exception {
        open(robot, config(c -> slides(c, """
                slides:
                  - image: hours.png
                    seconds: 3
                    text:
                      zh: 本大厅二十四小时开放
                      en: This hall is open 24 hours
                  - text:
                      zh: 医保、社保业务请到二楼
                      en: Medical and social insurance on the first floor
                    seconds: 3
                """)));
        shows(robot, "#attract");
        assertThat(text(robot, "#slideShow"), equalTo("本大厅二十四小时开放"));
        assertThat(text(robot, "#attract"), containsString(ZH.get("attract.touchToStart")));

        // the loop goes on to the second slide, then back to the first, now with its picture decoded
        showsText(robot, "#slideShow", "医保、社保业务请到二楼");
        waitUntil(() -> currentSlide(robot).lookup(".image-view") instanceof ImageView v && v.getImage() != null);
        Image picture = onFx(() -> ((ImageView) currentSlide(robot).lookup(".image-view")).getImage());
        assertThat("decoded at its own size, not enlarged", picture.getWidth(), equalTo(800.0));
        assertThat(text(robot, "#slideShow"), containsString("本大厅二十四小时开放"));
    }

    @Test
    void theItemsMostUsedHereComeSecondInTheLoop(FxRobot robot) throws Exception {
        open(robot, config(c -> slides(c, """
                slides:
                  - text: {zh: 本大厅二十四小时开放, en: This hall is open 24 hours}
                    seconds: 3
                """)));
        robot.clickOn("#start");
        robot.clickOn("#category-social-insurance");
        robot.clickOn("#item-" + ITEM);
        shows(robot, "#guidance");
        robot.interact(() -> demo.terminal().navigator().finish());
        shows(robot, "#attract");
        showsText(robot, "#slideShow", "本机常用事项");
        assertThat(text(robot, "#slideShow"), containsString(
                demo.terminal().navigator().catalog().item(ITEM).orElseThrow().name().in(Locale.SIMPLIFIED_CHINESE)));
    }

    @Test
    void aBrokenSlideFileIsAValidationErrorWithItsLineAndTheKioskShowsTheBuiltInSlides(FxRobot robot) throws Exception {
        Path config = config(c -> {
            slides(c, """
                    slides:
                      - image: hours.png
                        text: {zh: 开放时间, en: Opening hours}
                      - image: missing.png
                        colour: red
                    """);
            Files.writeString(c.resolve("attract/broken.png"), "not a picture");
        });
        StringWriter err = new StringWriter();
        CommandLine cli = org.tongban.kiosk.cli.KioskCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        assertThat(cli.execute("config", "validate", config.toString()), equalTo(1));
        assertThat(err.toString(), containsString("slides.yaml:5: "));
        assertThat(err.toString(), containsString("colour"));

        open(robot, config);
        shows(robot, "#attract");
        assertThat(text(robot, "#slideShow"), equalTo(ZH.get("attract.slide.services")));
    }

    @Test
    void aPictureThatIsNotOneIsFoundByValidateAndTheKioskStillStarts(FxRobot robot) throws Exception {
        Path config = config(c -> {
            slides(c, """
                    slides:
                      - image: broken.png
                        text: {zh: 开放时间, en: Opening hours}
                    """);
            Files.writeString(c.resolve("attract/broken.png"), "not a picture");
        });
        StringWriter err = new StringWriter();
        CommandLine cli = org.tongban.kiosk.cli.KioskCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        assertThat(cli.execute("config", "validate", config.toString()), equalTo(1));
        assertThat(err.toString(), containsString("broken.png: not a PNG or JPEG picture"));

        open(robot, config);
        shows(robot, "#attract");
        // its words show at once; once the background decoding finds the picture unreadable, the built-in slides
        waitUntil(() -> text(robot, "#slideShow").equals(ZH.get("attract.slide.card"))
                || text(robot, "#slideShow").equals(ZH.get("attract.slide.services")));
    }

    @Test
    void theIdentifyPictureIsOnTheSideOfTheScreenWhereTheReaderIs(FxRobot robot) throws Exception {
        for (String position : List.of("bottom-left", "bottom-right", "below-screen")) {
            open(robot, config(c -> {
                Path kiosk = c.resolve(ConfigLoader.KIOSK_FILE);
                Files.writeString(kiosk, Files.readString(kiosk).replaceFirst("readerPosition: bottom-right",
                        "readerPosition: " + position));
            }));
            robot.clickOn("#start");
            robot.clickOn("#category-social-insurance");
            robot.clickOn("#item-" + ITEM);
            robot.clickOn("#proceed");
            shows(robot, "#flow-wait_for_card");
            shows(robot, "#illustration-id-card-reader");
            Bounds picture = onFx(() -> {
                Node n = robot.lookup("#illustration-id-card-reader").query();
                return n.localToScene(n.getLayoutBounds());
            });
            double width = stage.getScene().getWidth();
            double height = stage.getScene().getHeight();
            switch (position) {
                case "bottom-left" -> assertThat(position, picture.getMaxX(), lessThan(width / 3));
                case "bottom-right" -> assertThat(position, picture.getMinX(), greaterThan(width * 2 / 3));
                default -> assertThat(position, Math.abs(picture.getCenterX() - width / 2), lessThan(width / 10));
            }
            assertThat(position + ": in the lower half", picture.getCenterY(), greaterThan(height / 2));
            assertThat(text(robot, "#flow-wait_for_card"), containsString(ZH.get("where." + position)));
            shell.close();
        }
    }

    @Test
    void theResultShowsThePageAsItWillPrintBeforeItPrints(FxRobot robot) throws Exception {
        open(robot, config(c -> { }));
        robot.clickOn("#start");
        robot.clickOn("#category-social-insurance");
        robot.clickOn("#item-" + ITEM);
        robot.clickOn("#proceed");
        shows(robot, "#flow-wait_for_card");
        demo.idCardReader().present(Demo.sampleCard());
        shows(robot, "#resultPreview");
        waitUntil(() -> robot.lookup("#pagePreview").queryAs(ImageView.class).getImage() != null);
        Image page = onFx(() -> robot.lookup("#pagePreview").queryAs(ImageView.class).getImage());
        assertThat("A4 portrait", page.getHeight() / page.getWidth(), greaterThan(1.4));
        assertThat(text(robot, "#resultPreview"), containsString(ZH.get("flow.result.preview")));
        try (Stream<Path> printed = Files.list(demo.printerOutput().orElseThrow())) {
            assertThat("nothing printed yet", printed.filter(p -> p.toString().endsWith(".pdf")).toList(), empty());
        }

        robot.clickOn("#proceed");
        shows(robot, "#flow-printed");
        shows(robot, "#illustration-paper-tray");
        assertThat(text(robot, "#flow-printed"), containsString(ZH.get("where.below-screen")));
        List<Path> pdfs;
        try (Stream<Path> printed = Files.list(demo.printerOutput().orElseThrow())) {
            pdfs = printed.filter(p -> p.toString().endsWith(".pdf")).toList();
        }
        assertThat(pdfs, hasSize(1));
        // the preview was of this very document (its time of issue and seal included): the same pixels
        Image printedPage = new Image(new java.io.ByteArrayInputStream(
                new org.tongban.printing.Preview(Files.readAllBytes(pdfs.get(0))).pagePng(1, 72)));
        assertThat(printedPage.getWidth(), equalTo(page.getWidth()));
        assertThat(printedPage.getHeight(), equalTo(page.getHeight()));
        int differing = 0;
        for (int y = 0; y < page.getHeight(); y += 3) {
            for (int x = 0; x < page.getWidth(); x += 3) {
                if (page.getPixelReader().getArgb(x, y) != printedPage.getPixelReader().getArgb(x, y)) {
                    differing++;
                }
            }
        }
        assertThat("pixels that differ between the preview and the printed page", differing, equalTo(0));
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
}
