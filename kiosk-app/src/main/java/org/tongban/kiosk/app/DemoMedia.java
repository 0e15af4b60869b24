package org.tongban.kiosk.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceSpec;
import org.tongban.devices.vision.DemoClips;
import org.tongban.kiosk.files.FolderTree;

/**
 * What the demo's simulated cameras play, made once per machine: the face camera a citizen
 * swaying and blinking (from opencv-doc's photo, when installed), the document camera a form lying askew.
 * The repository carries no media.
 */
final class DemoMedia {

    /** An e-license QR payload the platform simulator accepts. */
    static final String SAMPLE_LICENSE = "DZZZ:91530100MA6K7Y2X3B|云南通办信息技术股份有限公司";

    private DemoMedia() {
    }

    /**
     * Where the clips are made, once per machine and version of the pictures (like the demo's voice prompts): they
     * are the same every time, and making them loads OpenCV, most of a second of every demo's start otherwise.
     */
    static final Path CLIPS = Path.of(System.getProperty("java.io.tmpdir"), "tongban-demo-clips-1");

    /** The simulated cameras named {@code camera} and {@code doccam} with a clip option, when one can be made. */
    static List<DeviceSpec> withClips(List<DeviceSpec> devices) {
        Optional<String> face = Optional.empty();
        String page = null;
        try {
            Path dir = made(CLIPS);
            Path firstFace = dir.resolve("face").resolve(String.format(DemoClips.FACE_FRAMES, 0));
            if (has(devices, Terminal.FACE_CAMERA) && Files.exists(firstFace)) {
                face = Optional.of(dir.resolve("face").resolve(DemoClips.FACE_FRAMES).toString());
            }
            if (has(devices, Terminal.DOCUMENT_CAMERA)) {
                page = dir.resolve("page").resolve(DemoClips.PAGE_FRAMES).toString();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo's camera clips in " + CLIPS, e);
        }
        String faceClip = face.orElse(null);
        String pageClip = page;
        return devices.stream().map(d -> {
            String clip = d.name().equals(Terminal.FACE_CAMERA) ? faceClip
                    : d.name().equals(Terminal.DOCUMENT_CAMERA) ? pageClip : null;
            if (clip == null || !"simulated".equals(d.driver())) {
                return d;
            }
            Map<String, String> options = new HashMap<>(d.options());
            options.put("clip", clip);
            options.put("mediaType", "image/jpeg");
            options.putIfAbsent("previewIntervalMs", "100");
            return new DeviceSpec(d.name(), d.deviceClass(), d.driver(), d.port(), options, d.required());
        }).toList();
    }

    /**
     * The clips' folder, made when missing: written beside it and moved into place whole, so a demo never plays
     * a clip half written and two demos starting together do not mix their frames.
     */
    private static Path made(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Path fresh = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".");
        try {
            DemoClips.writeFaceClip(fresh.resolve("face")); // no face clip without opencv-doc's photo
            DemoClips.writePageClip(fresh.resolve("page"));
        } catch (IOException | RuntimeException e) {
            FolderTree.deleteBestEffort(fresh, "demo clips half made"); // none left behind in the temporary folder
            throw e;
        }
        try {
            Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            FolderTree.deleteBestEffort(fresh, "demo clips made twice"); // another demo made them first
        }
        return dir;
    }

    private static boolean has(List<DeviceSpec> devices, String name) {
        return devices.stream().anyMatch(d -> d.name().equals(name) && d.deviceClass() == DeviceClass.CAMERA
                && "simulated".equals(d.driver()));
    }
}
