package org.tongban.kiosk.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.imgcodecs.Imgcodecs;
import org.tongban.devices.scanner.sane.Saned;
import org.tongban.devices.vision.OpenCv;
import org.tongban.devices.vision.PageCorrectorTest;
import org.tongban.devices.vision.QrDecoderTest;
import org.tongban.devices.vision.TestPhotos;
import picocli.CommandLine;

/** {@code qr decode}, {@code face check}, {@code document correct} and {@code scan} as scripts run them. */
class VisionCommandsTest {

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = KioskCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path write(String name, Mat m) {
        Path file = dir.resolve(name);
        Imgcodecs.imwrite(file.toString(), m);
        m.release();
        return file;
    }

    @Test
    void qrDecodePrintsTheText() throws Exception {
        OpenCv.load();
        Path png = write("code.png", QrDecoderTest.frame("电子营业执照 DZZZ:42", 300, 10, 0));
        assertThat(err.toString(), run("qr", "decode", png.toString()), is(0));
        assertThat(out.toString(), is("电子营业执照 DZZZ:42" + System.lineSeparator()));
        assertThat(err.toString(), is(emptyString()));
    }

    @Test
    void qrDecodeWithoutACodeFailsClearly() throws Exception {
        OpenCv.load();
        Path png = write("blank.png", PageCorrectorTest.page());
        assertThat(run("qr", "decode", png.toString()), is(3));
        assertThat(out.toString(), is(emptyString()));
        assertThat(err.toString(), containsString("no QR code found"));
        err.getBuffer().setLength(0);
        assertThat(run("qr", "decode", dir.resolve("missing.png").toString()), is(2));
        assertThat(err.toString(), containsString("does not exist"));
        Path text = Files.writeString(dir.resolve("notes.png"), "not a picture");
        assertThat(run("qr", "decode", text.toString()), is(2));
        assertThat(err.toString(), containsString("not an image"));
    }

    /**
     * A PNG whose header says 20000 x 20000 pixels (a few dozen bytes: decoding it would take 1.2 GB as BGR):
     * each command refuses it from its header, before OpenCV allocates anything.
     */
    @Test
    void aPictureOverThePixelLimitIsRefusedBeforeDecoding() throws Exception {
        Path huge = Files.write(dir.resolve("huge.png"), pngHeader(20_000, 20_000));
        for (String[] command : List.of(new String[] {"qr", "decode"}, new String[] {"face", "check"},
                new String[] {"document", "correct"})) {
            err.getBuffer().setLength(0);
            List<String> args = new java.util.ArrayList<>(List.of(command));
            args.add(huge.toString());
            if (command[0].equals("document")) {
                args.addAll(List.of("--out", dir.resolve("page.jpg").toString()));
            }
            assertThat(String.join(" ", command), run(args.toArray(String[]::new)), is(2));
            assertThat(err.toString(), containsString("has 20000 x 20000 pixels, more than the 50 million allowed"));
        }
        assertThat(OpenCv.decode(Files.readAllBytes(huge)).empty(), is(true));
        assertThat(OpenCv.size(Files.readAllBytes(huge)).orElseThrow().tooLarge(), is(true));
    }

    /** The PNG signature, an IHDR chunk for an 8-bit RGB picture of that size, and IEND: no pixels at all. */
    static byte[] pngHeader(int width, int height) {
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(png, "IHDR", ihdr.array());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(java.io.ByteArrayOutputStream png, String type, byte[] data) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        crc.update(data);
        png.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        png.writeBytes(data);
        png.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void faceCheckAsJson() throws Exception {
        TestPhotos.require();
        assertThat(run("face", "check", TestPhotos.FACEREG.toString(), "--json"), is(3));
        JsonNode j = JsonMapper.builder().build().readTree(out.toString());
        assertThat(j.toString(), is("{\"faces\":4,\"accepted\":false,\"reasons\":[\"MORE_THAN_ONE_FACE\"]}"));
        out.getBuffer().setLength(0);
        Path one = write("one.png", TestPhotos.centredFace());
        assertThat(run("face", "check", one.toString()), is(0));
        assertThat(out.toString(), is("faces: 1" + System.lineSeparator() + "accepted" + System.lineSeparator()));
    }

    @Test
    void faceCheckWithAMissingYuNetModelSaysSo() {
        TestPhotos.require();
        assertThat(run("face", "check", TestPhotos.FACEREG.toString(), "--detector", "yunet", "--model",
                dir.resolve("yunet.onnx").toString()), is(2));
        assertThat(err.toString(), containsString("YuNet model"));
    }

    @Test
    void documentCorrectWritesThePage() throws Exception {
        OpenCv.load();
        Mat page = PageCorrectorTest.page();
        Path photo = write("photo.jpg", PageCorrectorTest.photo(page, new Point(420, 120), new Point(900, 180),
                new Point(960, 860), new Point(330, 800)));
        page.release();
        Path target = dir.resolve("page.jpg");
        assertThat(err.toString(), run("document", "correct", photo.toString(), "--out", target.toString()), is(0));
        Mat corrected = Imgcodecs.imread(target.toString());
        assertThat(corrected.rows() > corrected.cols(), is(true));
        corrected.release();
    }

    @Test
    void documentCorrectWithoutAPageWritesNothing() throws Exception {
        OpenCv.load();
        Path blank = write("desk.png", new Mat(480, 640, org.opencv.core.CvType.CV_8UC3, new org.opencv.core.Scalar(40, 60, 90)));
        Path target = dir.resolve("page.jpg");
        assertThat(run("document", "correct", blank.toString(), "--out", target.toString()), is(3));
        assertThat(err.toString(), containsString("no page found"));
        assertThat(Files.exists(target), is(false));
    }

    @Test
    void scanThroughSaned() throws Exception {
        Path config = Files.createDirectory(dir.resolve("sane"));
        try (Saned saned = Saned.start(config)) {
            Path target = dir.resolve("scan.png");
            assertThat(err.toString(), run("scan", "--device", "test:0", "--host", "127.0.0.1", "--sane-port",
                    Integer.toString(saned.port()), "--dpi", "75", "--out", target.toString()), is(0));
            assertThat(Files.size(target) > 100, is(true));
            assertThat(run("scan", "--device", "test:0", "--host", "127.0.0.1", "--sane-port", "1", "--out",
                    target.toString()), is(7));
            assertThat(err.toString(), containsString("saned"));
        }
    }
}
