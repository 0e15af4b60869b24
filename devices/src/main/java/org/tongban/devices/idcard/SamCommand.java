package org.tongban.devices.idcard;

/** The commands of the SAM reader protocol ({@code docs/contracts/idcard-reader-protocol.md}). */
public enum SamCommand {
    RESET_SAM(0x10, 0xFF, 0x90, "reset SAM"),
    STATUS(0x11, 0xFF, 0x90, "reader status"),
    READ_SAM_ID(0x12, 0xFF, 0x90, "read SAM id"),
    FIND_CARD(0x20, 0x01, 0x9F, "find card"),
    SELECT_CARD(0x20, 0x02, 0x90, "select card"),
    READ_TEXT_PHOTO(0x30, 0x01, 0x90, "read card"),
    READ_TEXT_PHOTO_FINGERPRINT(0x30, 0x10, 0x90, "read card with fingerprint"),
    READ_APPENDED_ADDRESS(0x30, 0x03, 0x90, "read appended address");

    private final int cmd;
    private final int para;
    private final int success;
    private final String description;

    SamCommand(int cmd, int para, int success, String description) {
        this.cmd = cmd;
        this.para = para;
        this.success = success;
        this.description = description;
    }

    public int cmd() {
        return cmd;
    }

    public int para() {
        return para;
    }

    /** The SW3 that means the command worked: 90, or 9F for find card. */
    public int successStatus() {
        return success;
    }

    /** In a technician's words, e.g. "find card". */
    public String description() {
        return description;
    }

    /** The complete host frame, e.g. {@code AA AA AA 96 69 00 03 20 01 22} for find card. */
    public byte[] frame() {
        return SamFrameCodec.encode(new byte[] {(byte) cmd, (byte) para});
    }

    /** The command a host frame body (CMD PARA ...) names, or null when it is none of these. */
    public static SamCommand of(int cmd, int para) {
        for (SamCommand c : values()) {
            if (c.cmd == cmd && c.para == para) {
                return c;
            }
        }
        return null;
    }
}
