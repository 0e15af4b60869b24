package org.tongban.devices.vision;

/** Where a face is in a picture, in pixels; {@code eyes} is how many open eyes were found in it (-1: not looked). */
public record FaceBox(int x, int y, int width, int height, int eyes) {

    public double centreX() {
        return x + width / 2.0;
    }

    public double centreY() {
        return y + height / 2.0;
    }

    FaceBox withEyes(int n) {
        return new FaceBox(x, y, width, height, n);
    }
}
