package org.tongban.kiosk.attract;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.kiosk.config.ConfigProblem;
import org.tongban.kiosk.i18n.Messages;

/** The hall's slides file as a technician writes it: what is read, and every mistake with its file and line. */
class SlidesTest {

    @TempDir
    Path config;
    private Path attract;

    @BeforeEach
    void folder() throws IOException {
        attract = Files.createDirectories(config.resolve(Slides.FOLDER));
    }

    private void slides(String yaml) throws IOException {
        Files.writeString(attract.resolve(Slides.FILE), yaml);
    }

    private void png(String name, int width, int height) throws IOException {
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", attract.resolve(name).toFile());
    }

    @Test
    void withoutASlidesFileTheBuiltInSlidesAreShownInBothLanguages() {
        Slides.Loaded loaded = Slides.read(config.resolve("elsewhere"));
        assertThat(loaded.problems(), empty());
        assertThat(loaded.slides(), equalTo(Slides.builtIn()));
        assertThat(loaded.slides().get(0).text().in(Locale.ENGLISH),
                equalTo(new Messages(Locale.ENGLISH).get("attract.slide.services")));
    }

    @Test
    void theHallsSlidesAreReadInOrderWithTheirPicturesTextsAndSeconds() throws IOException {
        png("hours.png", 640, 360);
        slides("""
                slides:
                  - image: hours.png
                    text: {zh: 开放时间, en: Opening hours}
                  - text: {zh: 二楼办理医保}
                    seconds: 12
                """);
        Slides.Loaded loaded = Slides.read(config);
        assertThat(loaded.problems(), empty());
        assertThat(loaded.slides(), hasSize(2));
        assertThat(loaded.slides().get(0).image(), equalTo(attract.resolve("hours.png")));
        assertThat(loaded.slides().get(0).seconds(), equalTo(Slides.DEFAULT_SECONDS));
        assertThat(loaded.slides().get(1).text().in(Locale.ENGLISH), equalTo("二楼办理医保")); // no en: the zh words
        assertThat(loaded.slides().get(1).seconds(), equalTo(12));
        assertThat(Slides.validate(config), empty());
    }

    @Test
    void everyMistakeIsReportedWithItsLineAndTheBuiltInSlidesAreShown() throws IOException {
        png("hours.png", 640, 360);
        Files.write(attract.resolve("huge.jpg"), new byte[(int) Slides.MAX_IMAGE_BYTES + 1]);
        Files.writeString(config.resolve("outside.png"), "");
        slides("""
                slides:
                  - image: missing.png
                  - image: huge.jpg
                  - image: ../outside.png
                  - image: notes.txt
                  - text: {zh: 开放时间}
                    seconds: 1
                  - seconds: 5
                """);
        Slides.Loaded loaded = Slides.read(config);
        assertThat(loaded.slides(), equalTo(Slides.builtIn()));
        List<String> problems = loaded.problems().stream().map(ConfigProblem::toString).toList();
        Path file = attract.resolve(Slides.FILE);
        assertThat(problems, contains(
                containsString(file + ":2: image 'missing.png' is not in "),
                containsString(file + ":3: image 'huge.jpg' is 4097 KB, at most 4096 KB"),
                containsString(file + ":4: image '../outside.png' must be a file in the attract/ folder itself"),
                containsString(file + ":5: image 'notes.txt' must be a PNG or JPEG file"),
                containsString(file + ":7: seconds must be 3..60, not 1"),
                containsString(file + ":8: a slide needs an image, a text or both")));
    }

    @Test
    void anUnknownKeyIsNamedWithItsLine() throws IOException {
        slides("""
                slides:
                  - text: {zh: 开放时间, en: Opening hours}
                    duration: 5
                """);
        List<ConfigProblem> problems = Slides.read(config).problems();
        assertThat(problems, hasSize(1));
        assertThat(problems.get(0).line(), equalTo(3));
        assertThat(problems.get(0).message(), containsString("duration"));
    }

    @Test
    void validateDecodesThePicturesAFileThatIsNotOneOrTooLargeIsFound() throws IOException {
        png("wide.png", Slides.MAX_IMAGE_SIDE + 1, 10);
        byte[] real = Files.readAllBytes(writeAndGet("cut.png"));
        Files.write(attract.resolve("cut.png"), java.util.Arrays.copyOf(real, real.length / 2));
        Files.writeString(attract.resolve("fake.png"), "not a picture");
        slides("""
                slides:
                  - image: wide.png
                  - image: cut.png
                  - image: fake.png
                """);
        assertThat(Slides.read(config).problems(), empty()); // the kiosk's start decodes nothing
        List<String> problems = Slides.validate(config).stream().map(ConfigProblem::toString).toList();
        assertThat(problems, contains(
                containsString("wide.png: the picture is 3841 x 10 pixels, at most 3840 on each side"),
                containsString("cut.png: the picture cannot be read"),
                containsString("fake.png: not a PNG or JPEG picture")));
        assertThat(Slides.imageProblem(attract.resolve("wide.png"), false), containsString("3841 x 10"));
    }

    private Path writeAndGet(String name) throws IOException {
        BufferedImage noisy = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 400; x++) {
                noisy.setRGB(x, y, (x * 31 + y * 17) * 2654435 & 0xffffff);
            }
        }
        Path p = attract.resolve(name);
        ImageIO.write(noisy, "png", p.toFile());
        assertThat(Slides.imageProblem(p, true), nullValue());
        return p;
    }
}
