package org.tongban.kiosk.attract;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.tongban.kiosk.catalog.Text;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.config.ConfigProblem;
import org.tongban.kiosk.config.YamlDocument;
import org.tongban.kiosk.i18n.Messages;

/**
 * The attract screen's slides: the hall's own from {@code attract/slides.yaml} beside kiosk.yaml (pictures and
 * words the hall edits), or the built-in ones. A problem in the hall's slides is reported like any configuration
 * problem ({@code ./kiosk config validate}: file, line, what) but never stops the kiosk: it shows the built-in
 * slides instead.
 */
public final class Slides {

    public static final String FOLDER = "attract";
    public static final String FILE = "slides.yaml";
    /** A slide is on a screen of at most 4K: a bigger file is a mistake that would only cost memory and time. */
    public static final long MAX_IMAGE_BYTES = 4L * 1024 * 1024;
    public static final int MAX_IMAGE_SIDE = 3840;
    public static final int MIN_SECONDS = 3;
    public static final int MAX_SECONDS = 60;
    public static final int DEFAULT_SECONDS = 8;
    /** Every picture is kept decoded (at most 1280 x 720, 3.5 MB each) for the loop: a bound on memory. */
    static final int MAX_SLIDES = 12;

    /**
     * What the kiosk shows and why.
     *
     * @param slides   the hall's slides, or the built-in ones when the hall has none or they have problems
     * @param problems what is wrong with the hall's slides (empty when they are used)
     */
    public record Loaded(List<Slide> slides, List<ConfigProblem> problems) {
    }

    /** {@code slides.yaml}: a list of slides; unknown keys are errors, as in every configuration file. */
    record SlidesFile(List<Entry> slides) {
    }

    record Entry(String image, Text text, Integer seconds) {
    }

    private Slides() {
    }

    /**
     * The hall's slides in {@code configDir/attract/}, checked without decoding a picture (this runs while the
     * kiosk starts: the pictures are decoded in the background once the first screen is up).
     */
    public static Loaded read(Path configDir) {
        Path file = configDir.resolve(FOLDER).resolve(FILE);
        if (!Files.exists(file)) {
            return new Loaded(builtIn(), List.of());
        }
        List<ConfigProblem> problems = new ArrayList<>();
        List<Slide> slides = new ArrayList<>();
        try {
            ObjectMapper mapper = YamlDocument.strictMapper();
            YamlDocument doc = YamlDocument.read(file, mapper);
            SlidesFile bound = doc.bind(mapper, SlidesFile.class);
            if (bound == null || bound.slides() == null || bound.slides().isEmpty()) {
                problems.add(doc.problem("", "slides: the list of slides is missing or empty"));
            } else if (bound.slides().size() > MAX_SLIDES) {
                problems.add(doc.problem("/slides", "slides: at most " + MAX_SLIDES + " slides, not "
                        + bound.slides().size()));
            } else {
                for (int i = 0; i < bound.slides().size(); i++) {
                    slides.add(check(bound.slides().get(i), "/slides/" + i, file.getParent(), doc, problems));
                }
            }
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        return problems.isEmpty() ? new Loaded(List.copyOf(slides), List.of()) : new Loaded(builtIn(), problems);
    }

    /**
     * {@link #read} and then every picture decoded, as the kiosk will: what {@code ./kiosk config validate}
     * reports (a picture that is cut short or not a picture at all is found only by decoding it).
     */
    public static List<ConfigProblem> validate(Path configDir) {
        Loaded loaded = read(configDir);
        List<ConfigProblem> problems = new ArrayList<>(loaded.problems());
        if (problems.isEmpty()) {
            for (Slide s : loaded.slides()) {
                if (s.image() != null) {
                    String problem = imageProblem(s.image(), true);
                    if (problem != null) {
                        problems.add(new ConfigProblem(s.image(), 0, problem));
                    }
                }
            }
        }
        return problems;
    }

    /** A slide's picture as its header describes it, or what is wrong with it ({@code problem} not null). */
    public record ImageCheck(int width, int height, String problem) {
        static ImageCheck wrong(String problem) {
            return new ImageCheck(0, 0, problem);
        }
    }

    /** What is wrong with a slide's picture, or null: see {@link #inspect}. */
    public static String imageProblem(Path image, boolean decode) {
        return inspect(image, decode).problem();
    }

    /**
     * A slide's picture checked: its size in pixels (read from its header), and with {@code decode} the whole
     * picture. Run off the screen's thread.
     */
    public static ImageCheck inspect(Path image, boolean decode) {
        try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return ImageCheck.wrong("not a PNG or JPEG picture");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE) {
                    return ImageCheck.wrong("the picture is " + w + " x " + h + " pixels, at most " + MAX_IMAGE_SIDE
                            + " on each side");
                }
                if (decode) {
                    BufferedImage whole = reader.read(0);
                    whole.flush();
                }
                return new ImageCheck(w, h, null);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return ImageCheck.wrong("the picture cannot be read (" + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
    }

    private static Slide check(Entry e, String at, Path folder, YamlDocument doc, List<ConfigProblem> problems) {
        if (e == null) {
            problems.add(doc.problem(at, "an empty slide: give it an image, a text or both"));
            return null;
        }
        int seconds = e.seconds() == null ? DEFAULT_SECONDS : e.seconds();
        if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
            problems.add(doc.problem(at + "/seconds", "seconds must be " + MIN_SECONDS + ".." + MAX_SECONDS
                    + ", not " + seconds));
        }
        if (e.image() == null && e.text() == null) {
            problems.add(doc.problem(at, "a slide needs an image, a text or both"));
        }
        if (e.text() != null && blank(e.text().zh()) && blank(e.text().en())) {
            problems.add(doc.problem(at + "/text", "text needs zh, en or both"));
        }
        Path image = null;
        if (e.image() != null) {
            image = folder.resolve(e.image()).normalize();
            String name = e.image().toLowerCase(Locale.ROOT);
            if (Path.of(e.image()).isAbsolute() || !image.getParent().equals(folder.normalize())) {
                problems.add(doc.problem(at + "/image", "image '" + e.image() + "' must be a file in the "
                        + FOLDER + "/ folder itself"));
            } else if (!(name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"))) {
                problems.add(doc.problem(at + "/image", "image '" + e.image() + "' must be a PNG or JPEG file"));
            } else if (!Files.isRegularFile(image)) {
                problems.add(doc.problem(at + "/image", "image '" + e.image() + "' is not in " + folder));
            } else {
                try {
                    long size = Files.size(image);
                    if (size > MAX_IMAGE_BYTES) {
                        problems.add(doc.problem(at + "/image", "image '" + e.image() + "' is " + (size + 1023) / 1024
                                + " KB, at most " + MAX_IMAGE_BYTES / 1024 + " KB"));
                    }
                } catch (IOException x) {
                    problems.add(doc.problem(at + "/image", "image '" + e.image() + "' cannot be read: " + x.getMessage()));
                }
            }
        }
        return new Slide(image, null, e.text(), seconds);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The slides shipped with the kiosk: what it does, the elderly mode, where the ID card goes. */
    public static List<Slide> builtIn() {
        Messages zh = new Messages(Locale.SIMPLIFIED_CHINESE);
        Messages en = new Messages(Locale.ENGLISH);
        List<Slide> slides = new ArrayList<>();
        String[][] shipped = {{"attract.slide.services", "document"}, {"attract.slide.card", "id-card-reader"},
                {"attract.slide.elderly", null}, {"attract.slide.license", "qr-scanner"}};
        for (String[] s : shipped) {
            slides.add(new Slide(null, s[1], new Text(zh.get(s[0]), en.get(s[0])), DEFAULT_SECONDS));
        }
        return List.copyOf(slides);
    }
}
