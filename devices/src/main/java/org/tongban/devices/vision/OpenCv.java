package org.tongban.devices.vision;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.DataBufferByte;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Loading OpenCV's native library (shipped inside the {@code org.openpnp:opencv} jar) and moving pictures
 * between encoded bytes, {@link Mat} and {@link BufferedImage}. Every {@code Mat} returned here belongs to
 * the caller, who releases it.
 */
public final class OpenCv {

    private OpenCv() {
    }

    /** Loads the native library once per JVM (the loader itself remembers it); cheap to call again. */
    public static void load() {
        nu.pattern.OpenCV.loadLocally();
    }

    /**
     * The most pixels a picture may have before it is decoded: a 600 dpi A4 scan has 35 million, a kiosk camera 2
     * to 12. A 20000 x 20000 PNG (a few kilobytes of file) would otherwise take gigabytes as it is decoded.
     */
    public static final long MAX_PIXELS = 50_000_000L;

    /** A picture's size as its header says, read without decoding the picture. */
    public record Size(int width, int height) {
        public long pixels() {
            return (long) width * height;
        }

        public boolean tooLarge() {
            return pixels() > MAX_PIXELS;
        }
    }

    /** The size in the header of PNG, JPEG, BMP, GIF or TIFF bytes; empty when it is none of them or unreadable. */
    public static Optional<Size> size(byte[] encoded) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            return size(in);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The size in the header of a picture file; empty when it is no picture ImageIO knows or unreadable. */
    public static Optional<Size> size(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            return in == null ? Optional.empty() : size(in);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Size> size(ImageInputStream in) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            return Optional.empty();
        }
        ImageReader reader = readers.next();
        try {
            reader.setInput(in, true, true);
            return Optional.of(new Size(reader.getWidth(0), reader.getHeight(0)));
        } finally {
            reader.dispose();
        }
    }

    /**
     * Decodes PNG or JPEG bytes to a BGR picture; an empty Mat when the bytes are not an image, or are one
     * whose header says it has more than {@link #MAX_PIXELS} (refused before any pixel is decoded).
     */
    public static Mat decode(byte[] encoded) {
        load();
        if (size(encoded).map(Size::tooLarge).orElse(true)) {
            return new Mat();
        }
        MatOfByte buf = new MatOfByte(encoded);
        try {
            return Imgcodecs.imdecode(buf, Imgcodecs.IMREAD_COLOR);
        } finally {
            buf.release();
        }
    }

    /** Reads an image file to BGR; an empty Mat when it is missing, not an image or over {@link #MAX_PIXELS}. */
    public static Mat read(String path) {
        load();
        if (size(Path.of(path)).map(Size::tooLarge).orElse(true)) {
            return new Mat();
        }
        return Imgcodecs.imread(path, Imgcodecs.IMREAD_COLOR);
    }

    /** JPEG bytes of a picture at {@code quality} (0-100). */
    public static byte[] jpeg(Mat picture, int quality) {
        MatOfByte out = new MatOfByte();
        MatOfInt params = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality);
        try {
            if (!Imgcodecs.imencode(".jpg", picture, out, params)) {
                throw new IllegalStateException("OpenCV could not encode a " + picture.size() + " picture as JPEG");
            }
            return out.toArray();
        } finally {
            out.release();
            params.release();
        }
    }

    /** A BGR (3 channel) or grey (1 channel) 8-bit Mat as a BufferedImage, copying the pixels. */
    public static BufferedImage toImage(Mat m) {
        int type = m.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR;
        BufferedImage image = new BufferedImage(m.cols(), m.rows(), type);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        m.get(0, 0, pixels);
        return image;
    }

    /** A BufferedImage as a BGR Mat (the caller releases it). */
    public static Mat fromImage(BufferedImage image) {
        load();
        BufferedImage bgr = image;
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            java.awt.Graphics2D g = bgr.createGraphics();
            try {
                g.drawImage(image, 0, 0, null);
            } finally {
                g.dispose();
            }
        }
        Mat m = new Mat(bgr.getHeight(), bgr.getWidth(), CvType.CV_8UC3);
        m.put(0, 0, ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData());
        return m;
    }
}
