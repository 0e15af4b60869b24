package org.tongban.kiosk.app;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.kiosk.accessibility.Shot;

/** The documentation's pictures: the citizen screens kept, half size, 256 colours, flat colours exact, an index. */
class ScreenPicturesTest {

    @TempDir
    Path dir;

    @Test
    void aScreenIsWrittenAtHalfSizeInAPaletteThatKeepsItsFlatColoursAndIsListed() throws Exception {
        BufferedImage screen = new BufferedImage(1920, 1080, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = screen.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 1920, 1080);
        g.setColor(new Color(0x0b4f8a)); // the header's brand colour
        g.fillRect(0, 0, 1920, 120);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0x1a1a1a));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 40));
        for (int y = 200; y < 1000; y += 60) {
            g.drawString("antialiased words make hundreds of edge colours", 40, y);
        }
        for (int x = 0; x < 1920; x++) { // and a gradient: far more than 256 colours in all
            g.setColor(new Color(x % 256, (x / 8) % 256, 255 - x % 256));
            g.drawLine(x, 1040, x, 1079);
        }
        g.dispose();

        ScreenPictures pictures = new ScreenPictures(dir.resolve("screens"));
        Shot home = new Shot("home", "elderly", "zh", "landscape");
        assertThat(pictures.wanted(home), is(true));
        assertThat("high contrast: the home screen shows the theme", pictures.wanted(
                new Shot("home", "high-contrast", "zh", "landscape")), is(true));
        assertThat("high contrast on other screens stays in the audit's pictures", pictures.wanted(
                new Shot("review", "high-contrast", "zh", "landscape")), is(false));
        assertThat("not a citizen screen the documentation shows", pictures.wanted(
                new Shot("capture-pages", "normal", "zh", "landscape")), is(false));
        pictures.write(home, screen);
        pictures.writeIndex();

        Path file = dir.resolve("screens").resolve(home.fileName());
        BufferedImage written = ImageIO.read(file.toFile());
        assertThat(written.getWidth(), equalTo(960));
        assertThat(written.getHeight(), equalTo(540));
        assertThat(written.getColorModel() instanceof IndexColorModel, is(true));
        assertThat(((IndexColorModel) written.getColorModel()).getMapSize(), lessThanOrEqualTo(256));
        assertThat(written.getRGB(500, 30) & 0xffffff, equalTo(0x0b4f8a));
        assertThat(written.getRGB(950, 150) & 0xffffff, equalTo(0xffffff));
        assertThat("small enough to keep in the repository", Files.size(file), lessThan(120_000L));
        String index = Files.readString(dir.resolve("screens").resolve("README.md"));
        assertThat(index, containsString("(home-elderly-zh-landscape.png)"));
        assertThat("no row for a screen not written", index, not(containsString("review-reasons")));
    }
}
