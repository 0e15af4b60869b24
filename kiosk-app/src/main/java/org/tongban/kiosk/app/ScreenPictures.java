package org.tongban.kiosk.app;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.tongban.kiosk.accessibility.Shot;

/**
 * The pictures of the citizen screens kept under docs/screens: of the audit's renderings, each citizen screen in
 * standard and elderly mode, Chinese and English, landscape and portrait, at half size and in 256 colours (a few
 * tens of kB each), and a README.md that lists them. Written by {@code ./kiosk accessibility screens}.
 */
public final class ScreenPictures {

    /** The audit's screen names to keep, in the order the README lists them, with what a reader calls them. */
    static final List<Map.Entry<String, String>> SCREENS = List.of(
            Map.entry("attract", "attract (轻触屏幕开始办理)"),
            Map.entry("home", "home: themes, 常用事项, search"),
            Map.entry("guidance", "guidance (办事指南)"),
            Map.entry("wait-for-card", "identify: the ID card on the reader"),
            Map.entry("form", "form and keyboard"),
            Map.entry("form-errors", "form with errors next to the fields"),
            Map.entry("working", "working (the countdown paused)"),
            Map.entry("result", "result"),
            Map.entry("failed", "failed (printer out of paper)"),
            Map.entry("printed", "printed: take your paper"),
            Map.entry("review", "review (好差评): five levels"),
            Map.entry("review-reasons", "review reasons"),
            Map.entry("idle-warning", "countdown warning (继续办理)"),
            Map.entry("tools", "tools panel (elderly mode and portrait)"));
    private static final List<String> MODES = List.of("normal", "elderly");
    /** High contrast for the home screen only: enough to show the theme (the audit checks every screen in it). */
    private static final String HIGH_CONTRAST_SCREEN = "home";
    private static final double SCALE = 0.5;

    private final Path folder;
    private final Set<String> written = new TreeSet<>();

    public ScreenPictures(Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
    }

    /** Whether this rendering is one the documentation keeps. */
    public boolean wanted(Shot shot) {
        return SCREENS.stream().anyMatch(e -> e.getKey().equals(shot.screen())) && MODES.contains(shot.mode())
                || shot.screen().equals(HIGH_CONTRAST_SCREEN) && shot.mode().equals("high-contrast");
    }

    /** Writes one kept rendering, half size in 256 colours; call from any thread. */
    public void write(Shot shot, BufferedImage full) {
        BufferedImage small = PaletteImage.of(scaled(full));
        Path file = folder.resolve(shot.fileName());
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam best = writer.getDefaultWriteParam();
        best.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        best.setCompressionQuality(0f); // deflate level 9: these are kept in the repository
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(small, null, null), best);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            writer.dispose();
        }
        synchronized (written) {
            written.add(shot.fileName());
        }
    }

    /** The README.md that lists the pictures written, a row per screen. */
    public void writeIndex() throws IOException {
        List<String> columns = new ArrayList<>();
        StringBuilder head = new StringBuilder("| screen |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String mode : MODES) {
            for (String language : List.of("zh", "en")) {
                for (String orientation : List.of("landscape", "portrait")) {
                    columns.add(mode + "-" + language + "-" + orientation);
                    head.append(' ').append(mode.equals("normal") ? "standard" : mode).append(", ").append(language)
                            .append(", ").append(orientation).append(" |");
                    rule.append("---|");
                }
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("# Citizen screens\n\n")
                .append("Written by `./kiosk accessibility screens --out docs/screens` (do not edit by hand): each citizen\n")
                .append("screen in standard and elderly mode, Chinese and English, on a landscape panel and on a portrait one\n")
                .append("(the wheelchair layout), at half size in 256 colours. `./kiosk accessibility audit --out DIR` renders\n")
                .append("every screen in every mode (high contrast too) at full size.\n\n")
                .append("![Home, standard, Chinese, landscape](home-normal-zh-landscape.png)\n\n")
                .append("High contrast: [home, landscape](home-high-contrast-zh-landscape.png), [home, portrait]"
                        + "(home-high-contrast-zh-portrait.png).\n\n")
                .append(head).append('\n').append(rule).append('\n');
        Set<String> files;
        synchronized (written) {
            files = Set.copyOf(written);
        }
        for (Map.Entry<String, String> screen : SCREENS) {
            StringBuilder row = new StringBuilder("| ").append(screen.getValue()).append(" |");
            boolean any = false;
            for (String column : columns) {
                String file = screen.getKey() + "-" + column + ".png";
                boolean there = files.contains(file);
                any |= there;
                row.append(there ? " [" + column.replace('-', ' ') + "](" + file + ") |" : " |");
            }
            if (any) {
                md.append(row).append('\n');
            }
        }
        Files.writeString(folder.resolve("README.md"), md.toString(), StandardCharsets.UTF_8);
    }

    private static BufferedImage scaled(BufferedImage full) {
        int w = (int) Math.round(full.getWidth() * SCALE);
        int h = (int) Math.round(full.getHeight() * SCALE);
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = small.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(full, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return small;
    }
}
