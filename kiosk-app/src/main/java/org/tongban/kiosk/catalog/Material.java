package org.tongban.kiosk.catalog;

/**
 * One material an item needs, and where the kiosk can get it: so the guidance can say
 * "no need to bring this, we read it from your e-license".
 */
public record Material(Text name, Source source) {

    public enum Source {
        /** The citizen brings it on paper (or the card itself, e.g. an ID card on the reader). */
        PAPER,
        /** The kiosk takes it from the citizen's e-license (QR on the phone). */
        E_LICENSE,
        /** The kiosk captures it with the document camera or scanner. */
        CAPTURE,
        /** The kiosk reads it from a card (ID card, social security card). */
        CARD
    }

    public Material {
        source = source == null ? Source.PAPER : source;
    }
}
