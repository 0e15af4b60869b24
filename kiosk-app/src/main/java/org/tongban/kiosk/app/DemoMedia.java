package org.tongban.kiosk.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceSpec;
import org.tongban.devices.vision.DemoClips;

/**
 * What the demo's simulated cameras play, made at start in the demo's folder: the face camera a citizen
 * swaying and blinking (from opencv-doc's photo, when installed), the document camera a form lying askew.
 * The repository carries no media.
 */
final class DemoMedia {

    /** An e-license QR payload the platform simulator accepts. */
    static final String SAMPLE_LICENSE = "DZZZ:91530100MA6K7Y2X3B|云南通办信息技术股份有限公司";

    private DemoMedia() {
    }

    /** The simulated cameras named {@code camera} and {@code doccam} with a clip option, when one can be made. */
    static List<DeviceSpec> withClips(List<DeviceSpec> devices, Path dir) {
        Optional<String> face = Optional.empty();
        String page = null;
        try {
            if (has(devices, Terminal.FACE_CAMERA)) {
                face = DemoClips.writeFaceClip(dir.resolve("face"));
            }
            if (has(devices, Terminal.DOCUMENT_CAMERA)) {
                page = DemoClips.writePageClip(dir.resolve("page"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo's camera clips in " + dir, e);
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

    private static boolean has(List<DeviceSpec> devices, String name) {
        return devices.stream().anyMatch(d -> d.name().equals(name) && d.deviceClass() == DeviceClass.CAMERA
                && "simulated".equals(d.driver()));
    }
}
