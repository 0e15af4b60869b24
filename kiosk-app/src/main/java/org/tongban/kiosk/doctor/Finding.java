package org.tongban.kiosk.doctor;

/**
 * What one check found.
 *
 * @param check    what was checked, e.g. {@code device idcard} or {@code platform}
 * @param level    OK, WARN (works, but look at it) or FAIL
 * @param detail   what was seen
 * @param hint     what a technician can do about it (empty when OK)
 * @param required whether the terminal cannot serve while this fails (decides the exit code)
 */
public record Finding(String check, Level level, String detail, String hint, boolean required) {

    public enum Level { OK, WARN, FAIL }

    public static Finding ok(String check, String detail) {
        return new Finding(check, Level.OK, detail, "", false);
    }

    public static Finding warn(String check, String detail, String hint) {
        return new Finding(check, Level.WARN, detail, hint, false);
    }

    public static Finding fail(String check, String detail, String hint, boolean required) {
        return new Finding(check, Level.FAIL, detail, hint, required);
    }

    /** A failure the terminal can live with (an optional device) counts as a warning. */
    public Finding optional() {
        return level == Level.FAIL ? new Finding(check, Level.WARN, detail, hint, false) : this;
    }
}
