package org.tongban.devices.idcard;

/** The status byte SW3 of a reader answer, with the meaning the protocol gives it. */
public enum SamStatus {
    SUCCESS(0x90, "success"),
    CARD_FOUND(0x9F, "card found"),
    NO_CARD(0x80, "no card on the reader"),
    SELECT_FAILED(0x81, "the card could not be selected (move it and try again)"),
    CHECKSUM_ERROR(0x10, "the reader received a frame with a bad checksum"),
    LENGTH_ERROR(0x11, "the reader received a frame with a bad length"),
    UNKNOWN_COMMAND(0x21, "the reader does not know the command"),
    NOT_ALLOWED(0x23, "the command is not allowed in the reader's state"),
    BAD_PARAMETER(0x24, "the reader does not recognise the command parameter"),
    CARD_REJECTED_SAM(0x31, "the card failed to authenticate the SAM"),
    SAM_REJECTED_CARD(0x32, "the SAM failed to authenticate the card (not a genuine card?)"),
    VERIFICATION_ERROR(0x33, "information verification error"),
    UNRECOGNISED_CARD(0x40, "unrecognised card type"),
    READ_FAILED(0x41, "reading the card failed (move it and try again)"),
    RANDOM_FAILED(0x47, "random number failed"),
    SELF_TEST_FAILED(0x60, "the SAM self-test failed"),
    NOT_AUTHORISED(0x66, "the SAM is not authorised"),
    NO_CONTENT(0x91, "no content");

    private final int code;
    private final String meaning;

    SamStatus(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The status with this code, or null for a code the protocol does not define. */
    public static SamStatus of(int code) {
        for (SamStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }

    /** The meaning of any SW3, including ones the protocol does not define. */
    public static String describe(int code) {
        SamStatus s = of(code);
        return s != null ? s.meaning() + String.format(" (SW3 %02X)", code)
                : String.format("unknown status SW3 %02X", code);
    }
}
