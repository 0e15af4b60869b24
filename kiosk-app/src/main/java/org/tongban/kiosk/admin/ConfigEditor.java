package org.tongban.kiosk.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceRegistry;
import org.tongban.devices.DeviceSpec;
import org.tongban.devices.DriverCatalog;
import org.tongban.kiosk.config.ConfigException;
import org.tongban.kiosk.config.ConfigLoader;
import org.tongban.kiosk.config.ConfigProblem;
import org.tongban.kiosk.config.TerminalConfig;
import org.tongban.kiosk.config.YamlDocument;
import org.tongban.kiosk.files.FolderTree;
import org.tongban.kiosk.journal.Journal;
import org.tongban.kiosk.journal.JournalKind;

/**
 * Edits {@code devices.yaml} and {@code kiosk.yaml} in place of a text editor: one value at a time,
 * by its JSON pointer ({@code /devices/0/port}), keeping the files' comments and layout. A change is
 * checked by the same loader that starts the kiosk before anything is written; then each file is
 * saved whole or not at all (temporary file, fsync, rename; the version before kept as
 * {@code FILE.previous}), journalled, and applied: a changed device is closed and started with its
 * new settings. Terminal settings in {@code kiosk.yaml} take effect at the next start.
 */
public final class ConfigEditor {

    /** Kept beside each file: the version before the last save. */
    public static final String PREVIOUS = ".previous";

    /** What a save came to. */
    public record Outcome(boolean saved, List<String> problems, List<String> applied, boolean restartNeeded) {
    }

    /** One value to change: the file ({@code devices.yaml} or {@code kiosk.yaml}), where, and the new text. */
    public record Change(String file, String pointer, String value) {
    }

    private static final Pattern KEY_LINE = Pattern.compile("^(\\s*(?:-\\s+)?)([A-Za-z][A-Za-z0-9]*):(\\s*)([^#]*?)(\\s*(#.*)?)$");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9/_.:@+-]+");

    private final Path configDir;
    private final Path keepDir;
    private final DriverCatalog drivers;
    private final DeviceRegistry devices;
    private final Journal journal;
    private final ObjectMapper mapper = YamlDocument.strictMapper();

    /** Edits the files in {@code configDir}, keeping the versions before beside them. */
    public ConfigEditor(Path configDir, DriverCatalog drivers, DeviceRegistry devices, Journal journal) {
        this(configDir, configDir, drivers, devices, journal);
    }

    /**
     * @param keepDir where the version before each save is kept when no file can be created beside it (the
     *                packaged layout: a folder of the data directory)
     */
    public ConfigEditor(Path configDir, Path keepDir, DriverCatalog drivers, DeviceRegistry devices, Journal journal) {
        this.configDir = configDir;
        this.keepDir = keepDir;
        this.drivers = drivers;
        this.devices = devices;
        this.journal = journal;
    }

    /** The pointer of a device's field by the device's name, e.g. {@code devicePointer("idcard", "port")}. */
    public String devicePointer(String device, String field) throws IOException {
        JsonNode list = tree(ConfigLoader.DEVICES_FILE).path("devices");
        for (int i = 0; i < list.size(); i++) {
            if (device.equals(list.get(i).path("name").asText())) {
                return "/devices/" + i + "/" + field;
            }
        }
        throw new IOException("no device '" + device + "' in " + ConfigLoader.DEVICES_FILE);
    }

    /** The value now in the file at the pointer, or null. */
    public String value(String file, String pointer) throws IOException {
        JsonNode n = tree(file).at(pointer);
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    private JsonNode tree(String file) throws IOException {
        return mapper.readTree(Files.readString(configDir.resolve(file), StandardCharsets.UTF_8));
    }

    /** Checks the changes with the kiosk's own loader, on copies; nothing is written to the configuration. */
    public List<String> check(List<Change> changes) {
        try {
            Map<String, String> texts = edited(changes);
            return problems(texts).stream().map(ConfigProblem::toString).toList();
        } catch (IOException | IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
    }

    /** Checks, then saves every changed file atomically, journals each change and applies the devices. */
    public synchronized Outcome save(List<Change> changes, String who) {
        Map<String, String> texts;
        List<ConfigProblem> problems;
        try {
            texts = edited(changes);
            problems = problems(texts);
        } catch (IOException | IllegalArgumentException e) {
            return new Outcome(false, List.of(e.getMessage()), List.of(), false);
        }
        if (!problems.isEmpty()) {
            return new Outcome(false, problems.stream().map(ConfigProblem::toString).toList(), List.of(), false);
        }
        List<DeviceSpec> before;
        try {
            before = new ConfigLoader(drivers).load(configDir).devices();
        } catch (ConfigException e) {
            before = List.of(); // the files on disk are broken now; the edit repairs them, apply what they say
        }
        Map<Change, String> was = new LinkedHashMap<>();
        try {
            for (Change c : changes) {
                was.put(c, value(c.file(), c.pointer()));
            }
            for (Map.Entry<String, String> e : texts.entrySet()) {
                write(configDir.resolve(e.getKey()), e.getValue());
            }
        } catch (IOException e) {
            return new Outcome(false, List.of("not saved: " + e.getMessage()), List.of(), false);
        }
        was.forEach((c, old) -> journalChange(c, old, who));
        List<String> applied = new ArrayList<>();
        boolean restart = texts.containsKey(ConfigLoader.KIOSK_FILE);
        try {
            TerminalConfig now = new ConfigLoader(drivers).load(configDir);
            for (DeviceSpec spec : now.devices()) {
                DeviceSpec old = before.stream().filter(s -> s.name().equals(spec.name())).findFirst().orElse(null);
                DeviceSpec running = devices.spec(spec.name());
                if (running == null) {
                    restart = true; // a new device joins at the next start
                } else if (old == null || !old.equals(spec)) {
                    var d = devices.replace(spec.name(), merged(running, old, spec), Duration.ofSeconds(5));
                    applied.add(spec.name() + ": " + d.state());
                }
            }
        } catch (ConfigException | DeviceException e) {
            return new Outcome(true, List.of("saved, but not applied: " + e.getMessage()), applied, true);
        }
        return new Outcome(true, List.of(), applied, restart);
    }

    /**
     * Every change goes into the journal. A value the journal refuses as personal data (a USB serial number
     * in a /dev/serial/by-id path can look like a phone or ID number) is withheld, not the whole entry.
     */
    private void journalChange(Change c, String old, String who) {
        try {
            journal.record(JournalKind.CONFIG_CHANGED, Map.of("file", c.file(), "field", c.pointer(),
                    "from", String.valueOf(old), "to", c.value(), "by", who));
        } catch (IllegalArgumentException personal) {
            journal.note(JournalKind.CONFIG_CHANGED, Map.of("file", c.file(), "field", c.pointer(),
                    "values", "withheld (they look like personal data)", "by", who));
        } catch (java.io.UncheckedIOException e) {
            // the journal logged that it could not write; the saved file stands
        }
    }

    private Map<String, String> edited(List<Change> changes) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Change c : changes) {
            if (!c.file().equals(ConfigLoader.DEVICES_FILE) && !c.file().equals(ConfigLoader.KIOSK_FILE)) {
                throw new IllegalArgumentException("only " + ConfigLoader.DEVICES_FILE + " and "
                        + ConfigLoader.KIOSK_FILE + " are edited here, not " + c.file());
            }
            String text = texts.containsKey(c.file()) ? texts.get(c.file())
                    : Files.readString(configDir.resolve(c.file()), StandardCharsets.UTF_8);
            texts.put(c.file(), set(text, c.pointer(), c.value()));
        }
        return texts;
    }

    /** The loader's problems with the edited texts, named after the real files. */
    private List<ConfigProblem> problems(Map<String, String> texts) throws IOException {
        Path staging = Files.createTempDirectory("tongban-config-check-");
        try {
            for (String f : List.of(ConfigLoader.KIOSK_FILE, ConfigLoader.DEVICES_FILE)) {
                String text = texts.containsKey(f) ? texts.get(f)
                        : Files.readString(configDir.resolve(f), StandardCharsets.UTF_8);
                Files.writeString(staging.resolve(f), text, StandardCharsets.UTF_8);
            }
            new ConfigLoader(drivers).load(staging);
            return List.of();
        } catch (ConfigException e) {
            return e.problems().stream().map(p -> new ConfigProblem(p.file() == null ? null
                    : configDir.resolve(p.file().getFileName()), p.line(), p.message())).toList();
        } finally {
            FolderTree.delete(staging);
        }
    }

    /**
     * The text with the scalar at {@code pointer} set to {@code value}: the value on its line is
     * replaced (its comment kept); a missing key is added under its parent with the parent's indentation.
     */
    String set(String text, String pointer, String value) {
        if (value == null || value.contains("\n")) {
            throw new IllegalArgumentException("a value is one line of text");
        }
        YamlDocument doc;
        try {
            doc = YamlDocument.parse(null, text, mapper);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        String key = pointer.substring(pointer.lastIndexOf('/') + 1);
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        JsonNode existing = doc.tree().at(pointer);
        if (!existing.isMissingNode()) {
            if (existing.isContainerNode()) {
                throw new IllegalArgumentException(pointer + " is a section, not a value");
            }
            int i = doc.lineOf(pointer) - 1;
            Matcher m = KEY_LINE.matcher(lines.get(i));
            if (!m.matches() || !m.group(2).equals(key)) {
                throw new IllegalArgumentException(pointer + " is not written as 'key: value' on one line; edit the file");
            }
            lines.set(i, m.group(1) + key + ":" + (m.group(3).isEmpty() ? " " : m.group(3)) + scalar(value) + m.group(5));
            return String.join("\n", lines);
        }
        JsonNode parentNode = doc.tree().at(parent);
        if (parentNode.isMissingNode()) {
            // e.g. options of a device that has none: add the section under the device first
            String grand = parent.substring(0, parent.lastIndexOf('/'));
            if (doc.tree().at(grand).isMissingNode() || !doc.tree().at(grand).isObject()) {
                throw new IllegalArgumentException("nowhere to put " + pointer);
            }
            String withSection = insertUnder(lines, doc, grand, parent.substring(parent.lastIndexOf('/') + 1) + ":");
            return set(withSection, pointer, value);
        }
        if (!parentNode.isObject() && !parentNode.isNull()) { // null: a section written with nothing under it yet
            throw new IllegalArgumentException(parent + " is not a section");
        }
        return insertUnder(lines, doc, parent, key + ": " + scalar(value));
    }

    /** Adds a line as the first child of the section at {@code parent}, indented like its siblings. */
    private static String insertUnder(List<String> lines, YamlDocument doc, String parent, String line) {
        JsonNode section = doc.tree().at(parent);
        var names = section.fieldNames();
        if (names.hasNext()) {
            String first = names.next();
            int i = doc.lineOf(parent + "/" + first) - 1;
            Matcher m = KEY_LINE.matcher(lines.get(i));
            String indent = m.matches() ? m.group(1).replace('-', ' ') : "  ";
            lines.add(i + 1, indent + line);
        } else {
            int i = doc.lineOf(parent) - 1;
            String own = lines.get(i).replaceAll("^(\\s*).*$", "$1");
            lines.add(i + 1, own + "  " + line);
        }
        return String.join("\n", lines);
    }

    /** Plain when it reads back as the same string; quoted otherwise (numbers are fine either way for the loader). */
    private static String scalar(String v) {
        if (PLAIN.matcher(v).matches() && !v.matches("(?i)true|false|null|yes|no|on|off|~")) {
            return v;
        }
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * Temporary file, fsync, keep the old one as FILE.previous, rename, fsync the folder. In the packaged layout
     * the kiosk may change the file but not create files beside it ({@code /etc/tongban} is root's, and
     * read-only in the service's sandbox but for the files it edits): then the version before and the new text
     * are first kept whole in {@code keepDir}, and the file is rewritten in place.
     */
    void write(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            writeSynced(tmp, bytes, StandardOpenOption.CREATE);
        } catch (FileSystemException e) {
            if (!Files.isRegularFile(file) || !Files.isWritable(file)) {
                throw e;
            }
            writeInPlace(file, bytes);
            return;
        }
        if (Files.exists(file)) {
            Files.copy(file, file.resolveSibling(file.getFileName() + PREVIOUS), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some file systems cannot fsync a folder; the rename is still atomic
        }
    }

    /** The file rewritten in place; should that be cut short, {@code keepDir} holds the old and the new text. */
    private void writeInPlace(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(keepDir);
        Files.copy(file, keepDir.resolve(file.getFileName() + PREVIOUS), StandardCopyOption.REPLACE_EXISTING);
        Path saving = keepDir.resolve(file.getFileName() + ".saving");
        writeSynced(saving, bytes, StandardOpenOption.CREATE);
        writeSynced(file, bytes);
        Files.delete(saving);
    }

    private static void writeSynced(Path file, byte[] bytes, StandardOpenOption... extra) throws IOException {
        java.util.Set<StandardOpenOption> options = new java.util.HashSet<>(List.of(extra));
        options.add(StandardOpenOption.WRITE);
        options.add(StandardOpenOption.TRUNCATE_EXISTING);
        try (FileChannel ch = FileChannel.open(file, options)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
    }

    /**
     * The spec to start: the file's new one, keeping options the running device was given besides the
     * file (the demo's output folders), minus those the file itself had and dropped.
     */
    static DeviceSpec merged(DeviceSpec running, DeviceSpec oldFile, DeviceSpec newFile) {
        Map<String, String> options = new LinkedHashMap<>(running.options());
        if (oldFile != null) {
            oldFile.options().keySet().forEach(options::remove);
        }
        options.putAll(newFile.options());
        return new DeviceSpec(newFile.name(), newFile.deviceClass(), newFile.driver(), newFile.port(), options,
                newFile.required());
    }
}
