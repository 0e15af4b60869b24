package org.tongban.kiosk.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.opencv.core.Mat;
import org.tongban.devices.vision.FaceGate;
import org.tongban.devices.vision.FaceQuality;
import org.tongban.devices.vision.FaceVerdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./kiosk face check IMAGE}: the face quality gate on a picture, for technicians setting up a camera. */
@Command(name = "face", description = "The face quality gate of the identity check.", subcommands = FaceCommand.Check.class)
final class FaceCommand extends CommandGroup {

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Count the faces in an image and say whether the quality gate accepts it, and why not.",
            footer = {"", "Exit codes: 0 accepted; 3 refused (the reasons are printed); 2 the file is missing or not an "
                    + "image, or the detector cannot be loaded. The picture is only read, never written or logged."})
    static final class Check extends Subcommand {

        @Parameters(paramLabel = "IMAGE", description = "the picture")
        Path image;

        @Option(names = "--json", description = "print {\"faces\": N, \"accepted\": B, \"reasons\": [...]}")
        boolean json;

        @Option(names = "--detector", paramLabel = "KIND", description = "haar (default), lbp or yunet")
        String detector = "haar";

        @Option(names = "--model", paramLabel = "FILE", description = "the YuNet ONNX model, for --detector yunet")
        Path model;

        @Override
        public Integer call() {
            Map<String, String> options = new LinkedHashMap<>();
            options.put("faceDetector", detector);
            if (model != null) {
                options.put("faceModel", model.toString());
            }
            FaceGate gate;
            try {
                gate = FaceGate.fromOptions(options);
            } catch (IllegalArgumentException e) {
                err().println("face check: " + e.getMessage());
                return ExitCode.BAD_INPUT;
            }
            Optional<Mat> picture = QrCommand.Pictures.read(image, err(), "face check");
            if (picture.isEmpty()) {
                return ExitCode.BAD_INPUT;
            }
            FaceVerdict v;
            try {
                v = gate.check(picture.get());
            } finally {
                picture.get().release();
            }
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("faces", v.faces());
                m.put("accepted", v.accepted());
                m.put("reasons", v.reasons().stream().map(FaceQuality::name).toList());
                try {
                    out().println(JsonMapper.builder().build().writeValueAsString(m));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                out().println("faces: " + v.faces());
                out().println(v.accepted() ? "accepted" : "refused: " + String.join(", ",
                        v.reasons().stream().map(FaceQuality::name).toList()));
            }
            out().flush();
            return v.accepted() ? ExitCode.OK : ExitCode.NOTHING_FOUND;
        }
    }
}
