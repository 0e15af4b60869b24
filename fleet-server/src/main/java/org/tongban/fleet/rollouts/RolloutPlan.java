package org.tongban.fleet.rollouts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What an operator asks for: the waves in order, each with who it covers, its failure threshold and its soak
 * time; and the maintenance window. The same text form on the command line and in the console, one wave a line:
 *
 * <pre>
 *   hall=Wuhua Hall; threshold=10%; soak=30m     a pilot hall first
 *   region=Kunming,Dali                           regions
 *   30%; threshold=2%                             a share of the whole fleet (cumulative: 30 % in all so far)
 *   100%
 * </pre>
 *
 * A terminal belongs to the first wave that covers it; percentages pick terminals by a hash of the terminal id and
 * the rollout id, so the same terminals stay picked and the next rollout picks others.
 */
public record RolloutPlan(List<Wave> waves, Window window) {

    public RolloutPlan {
        if (waves.isEmpty()) {
            throw new IllegalArgumentException("a rollout needs at least one wave");
        }
        waves = List.copyOf(waves);
    }

    /** Who a wave covers. */
    public sealed interface Selector {
        boolean covers(UUID rollout, String terminalId, String hall, String region);

        String text();
    }

    public record Percent(int percent) implements Selector {
        public Percent {
            if (percent < 1 || percent > 100) {
                throw new IllegalArgumentException("a wave's percentage must be 1..100, not " + percent);
            }
        }

        @Override
        public boolean covers(UUID rollout, String terminalId, String hall, String region) {
            return bucket(rollout, terminalId) < percent;
        }

        @Override
        public String text() {
            return percent + "%";
        }
    }

    public record Halls(Set<String> halls) implements Selector {
        @Override
        public boolean covers(UUID rollout, String terminalId, String hall, String region) {
            return halls.contains(hall);
        }

        @Override
        public String text() {
            return "hall=" + String.join(",", halls);
        }
    }

    public record Regions(Set<String> regions) implements Selector {
        @Override
        public boolean covers(UUID rollout, String terminalId, String hall, String region) {
            return regions.contains(region);
        }

        @Override
        public String text() {
            return "region=" + String.join(",", regions);
        }
    }

    public record Wave(Selector selector, double thresholdPercent, Duration soak) {
        public Wave {
            if (thresholdPercent < 0 || thresholdPercent > 100) {
                throw new IllegalArgumentException("a wave's threshold must be 0..100 %");
            }
            if (soak.isNegative()) {
                throw new IllegalArgumentException("a wave's soak time cannot be negative");
            }
        }

        public String text() {
            return selector.text() + "; threshold=" + trim(thresholdPercent) + "%; soak=" + soak.toSeconds() + "s";
        }
    }

    /** Local times (in the rollout's zone) between which terminals are offered the release; from > to spans midnight. */
    public record Window(LocalTime from, LocalTime to) {
        public static final Window ANY_TIME = new Window(null, null);

        public boolean contains(LocalTime t) {
            if (from == null) {
                return true;
            }
            return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
        }

        public static Window parse(String text) {
            if (text == null || text.isBlank()) {
                return ANY_TIME;
            }
            String[] parts = text.strip().split("-");
            try {
                if (parts.length == 2) {
                    LocalTime f = LocalTime.parse(parts[0].strip());
                    LocalTime t = LocalTime.parse(parts[1].strip());
                    if (!f.equals(t)) {
                        return new Window(f, t);
                    }
                }
            } catch (DateTimeParseException e) {
                // said below
            }
            throw new IllegalArgumentException("maintenance window must look like 01:00-05:00, not \"" + text + "\"");
        }

        public String text() {
            return from == null ? "" : from + "-" + to;
        }
    }

    /** The index of the first wave covering the terminal, or -1 when none does. */
    public int waveOf(UUID rollout, String terminalId, String hall, String region) {
        for (int i = 0; i < waves.size(); i++) {
            if (waves.get(i).selector().covers(rollout, terminalId, hall, region)) {
                return i;
            }
        }
        return -1;
    }

    /** Parses the waves, one a line (or several {@code --wave} values); the defaults fill what a line leaves out. */
    public static List<Wave> parseWaves(List<String> lines, double defaultThreshold, Duration defaultSoak) {
        List<Wave> waves = new ArrayList<>();
        int n = 0;
        for (String raw : lines) {
            for (String line : raw.split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                n++;
                try {
                    waves.add(parseWave(line, defaultThreshold, defaultSoak));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("wave " + n + " (\"" + line.strip() + "\"): " + e.getMessage());
                }
            }
        }
        if (waves.isEmpty()) {
            throw new IllegalArgumentException("a rollout needs at least one wave (e.g. \"hall=Pilot Hall\", \"30%\", \"100%\")");
        }
        return waves;
    }

    private static Wave parseWave(String line, double defaultThreshold, Duration defaultSoak) {
        String[] parts = line.split(";");
        Selector selector = selector(parts[0].strip());
        double threshold = defaultThreshold;
        Duration soak = defaultSoak;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.startsWith("threshold=")) {
                threshold = percent(p.substring("threshold=".length()));
            } else if (p.startsWith("soak=")) {
                soak = duration(p.substring("soak=".length()));
            } else if (!p.isEmpty()) {
                throw new IllegalArgumentException("unknown setting \"" + p + "\" (threshold=N% or soak=30m)");
            }
        }
        return new Wave(selector, threshold, soak);
    }

    static Selector selector(String s) {
        if (s.startsWith("hall=")) {
            return new Halls(names(s.substring(5)));
        }
        if (s.startsWith("region=")) {
            return new Regions(names(s.substring(7)));
        }
        if (s.endsWith("%")) {
            return new Percent((int) Math.round(percent(s)));
        }
        throw new IllegalArgumentException("say who the wave covers: N%, hall=NAME[,NAME] or region=NAME[,NAME]");
    }

    private static Set<String> names(String list) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : list.split(",")) {
            if (!n.isBlank()) {
                out.add(n.strip());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("name at least one hall or region");
        }
        return out;
    }

    /** "5", "5%", "2.5 %": a percentage (the default threshold as typed). */
    public static double percentOf(String s) {
        return percent(s);
    }

    /** 5 for 5.0, 2.5 for 2.5. */
    public static String trimmed(double d) {
        return trim(d);
    }

    static double percent(String s) {
        String t = s.strip();
        if (t.endsWith("%")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + s + "\" is not a percentage");
        }
    }

    /** 90s, 30m, 2h, 1d, or plain seconds. */
    public static Duration duration(String s) {
        String t = s.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            char unit = t.charAt(t.length() - 1);
            if (Character.isDigit(unit)) {
                return Duration.ofSeconds(Long.parseLong(t));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("\"" + s + "\" is not a duration (90s, 30m, 2h, 1d)");
        }
    }

    /** 0..99, stable for a terminal within one rollout. */
    static int bucket(UUID rollout, String terminalId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((rollout + "/" + terminalId).getBytes(StandardCharsets.UTF_8));
            long v = ((h[0] & 0xffL) << 24) | ((h[1] & 0xffL) << 16) | ((h[2] & 0xffL) << 8) | (h[3] & 0xffL);
            return (int) (v % 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
