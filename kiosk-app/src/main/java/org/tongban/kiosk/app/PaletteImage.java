package org.tongban.kiosk.app;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A picture reduced to at most 256 colours, for a small PNG: a screen is mostly flat colour, so the 256 most used
 * colours (counted at 5 bits a channel) cover it, and every other pixel (the edges of letters) takes the nearest.
 */
final class PaletteImage {

    private static final int COLOURS = 256;

    private PaletteImage() {
    }

    static BufferedImage of(BufferedImage rgb) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int[] pixels = rgb.getRGB(0, 0, w, h, null, 0, w);
        int[] counts = new int[1 << 15];
        long[][] sums = new long[1 << 15][3];
        for (int p : pixels) {
            int bucket = bucket(p);
            counts[bucket]++;
            sums[bucket][0] += (p >> 16) & 0xff;
            sums[bucket][1] += (p >> 8) & 0xff;
            sums[bucket][2] += p & 0xff;
        }
        Integer[] order = new Integer[counts.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Integer.compare(counts[b], counts[a]));
        int n = 0;
        byte[] r = new byte[COLOURS];
        byte[] g = new byte[COLOURS];
        byte[] b = new byte[COLOURS];
        while (n < COLOURS && counts[order[n]] > 0) {
            int bucket = order[n];
            r[n] = (byte) (sums[bucket][0] / counts[bucket]);
            g[n] = (byte) (sums[bucket][1] / counts[bucket]);
            b[n] = (byte) (sums[bucket][2] / counts[bucket]);
            n++;
        }
        int size = Math.max(n, 1);
        IndexColorModel model = new IndexColorModel(8, size, r, g, b);
        BufferedImage indexed = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, model);
        byte[] index = new byte[w * h];
        Map<Integer, Byte> nearest = new HashMap<>();
        for (int i = 0; i < pixels.length; i++) {
            int bucket = bucket(pixels[i]);
            index[i] = nearest.computeIfAbsent(bucket, k -> (byte) closest(k, r, g, b, size));
        }
        indexed.getRaster().setDataElements(0, 0, w, h, index);
        return indexed;
    }

    private static int bucket(int argb) {
        return ((argb >> 19) & 0x1f) << 10 | ((argb >> 11) & 0x1f) << 5 | ((argb >> 3) & 0x1f);
    }

    private static int closest(int bucket, byte[] r, byte[] g, byte[] b, int size) {
        int br = ((bucket >> 10) & 0x1f) << 3 | 4;
        int bg = ((bucket >> 5) & 0x1f) << 3 | 4;
        int bb = (bucket & 0x1f) << 3 | 4;
        int best = 0;
        int bestDistance = Integer.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            int dr = br - (r[i] & 0xff);
            int dg = bg - (g[i] & 0xff);
            int db = bb - (b[i] & 0xff);
            int d = dr * dr + dg * dg + db * db;
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }
}
