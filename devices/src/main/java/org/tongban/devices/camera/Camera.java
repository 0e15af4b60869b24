package org.tongban.devices.camera;

import java.time.Duration;
import org.tongban.devices.Device;
import org.tongban.devices.DeviceException;

/**
 * The face camera, for face verification against the ID card photo.
 *
 * <p>{@link #capture} takes one still. While a preview runs, the camera publishes every frame as a
 * {@code DataEvent<Frame>} so the screen can show the citizen where to stand; the preview stops on
 * {@link #stopPreview()}, on disable, on close, and when the camera is lost.
 */
public interface Camera extends Device {

    /** Takes one frame, waiting at most {@code timeout} for the camera to deliver it. */
    Frame capture(Duration timeout) throws DeviceException;

    /** Starts publishing preview frames; does nothing if a preview is already running. */
    void startPreview() throws DeviceException;

    /** Stops publishing preview frames; does nothing if none is running. */
    void stopPreview();

    boolean previewing();
}
