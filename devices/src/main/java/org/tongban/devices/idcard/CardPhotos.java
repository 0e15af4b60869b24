package org.tongban.devices.idcard;

import java.util.Optional;
import java.util.ServiceLoader;
import org.tongban.devices.DeviceException;

/**
 * Turns card photos into images when a licensed {@link WltDecoder} is installed, and says plainly that the photo is
 * unavailable when none is. Built by the composition root (or a test, with its own decoder).
 */
public final class CardPhotos {

    private final Optional<WltDecoder> decoder;

    public CardPhotos(Optional<WltDecoder> decoder) {
        this.decoder = decoder;
    }

    /** The first decoder found on the class path, if any. */
    public static CardPhotos installed() {
        return new CardPhotos(ServiceLoader.load(WltDecoder.class).findFirst());
    }

    public boolean available() {
        return decoder.isPresent();
    }

    /** In a technician's words: which decoder, or that there is none. */
    public String describe() {
        return decoder.map(WltDecoder::describe)
                .orElse("no licensed WLT decoder installed, so the card photo is unavailable as an image");
    }

    public WltDecoder.Image decode(IdCard card) throws DeviceException {
        if (card.photoWlt() == null || card.photoWlt().length == 0) {
            throw new DeviceException(DeviceException.Reason.INVALID_DATA, "the card gave no photo");
        }
        WltDecoder d = decoder.orElseThrow(() -> new DeviceException(DeviceException.Reason.ILLEGAL_STATE,
                "card photo unavailable: " + describe()));
        return d.decode(card.photoWlt());
    }
}
