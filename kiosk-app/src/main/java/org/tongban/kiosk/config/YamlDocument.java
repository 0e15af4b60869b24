package org.tongban.kiosk.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A YAML file read into records, remembering the line of every value, so that a problem found
 * after binding (a bad reference, a value out of range) can still name its line.
 */
public final class YamlDocument {

    private final Path file;
    private final JsonNode tree;
    private final Map<String, Integer> lines;

    private YamlDocument(Path file, JsonNode tree, Map<String, Integer> lines) {
        this.file = file;
        this.tree = tree;
        this.lines = lines;
    }

    /** The mapper every configuration file is bound with: strict, so a misspelt key is an error, not ignored. */
    public static ObjectMapper strictMapper() {
        return JsonMapper.builder(new YAMLFactory())
                .addModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .build();
    }

    /** Reads and parses {@code file}; a torn or unreadable file is a problem with its line. */
    public static YamlDocument read(Path file, ObjectMapper mapper) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(file, 0, "cannot read: " + e)));
        }
        return parse(file, text, mapper);
    }

    /** Parses text that is (or will be) {@code file}'s, e.g. an edit checked before it is saved. */
    public static YamlDocument parse(Path file, String text, ObjectMapper mapper) throws ConfigException {
        if (text.isBlank()) {
            throw new ConfigException(List.of(new ConfigProblem(file, 0, "the file is empty")));
        }
        try {
            JsonNode tree = mapper.readTree(text);
            if (tree == null || !tree.isObject()) {
                throw new ConfigException(List.of(new ConfigProblem(file, 1, "expected a mapping of keys to values")));
            }
            return new YamlDocument(file, tree, lineIndex(mapper, text));
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of(problemOf(file, e)));
        }
    }

    /** Binds the whole document to {@code type}; a value of the wrong type or an unknown key names its line. */
    public <T> T bind(ObjectMapper mapper, Class<T> type) throws ConfigException {
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            // Binding reads the tree, whose token locations are not the file's: take the line from the index.
            ConfigProblem p = problemOf(file, e);
            if (e instanceof JsonMappingException me && !me.getPath().isEmpty()) {
                p = new ConfigProblem(file, lineOf(pointerOf(me)), p.message());
            }
            throw new ConfigException(List.of(p));
        } catch (IllegalArgumentException e) {
            // A record's compact constructor refused a value.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ConfigException(List.of(new ConfigProblem(file, 0, cause.getMessage())));
        }
    }

    public Path file() {
        return file;
    }

    public JsonNode tree() {
        return tree;
    }

    /** The line of the value at a JSON pointer such as {@code /devices/2/driver}, or of its nearest parent. */
    public int lineOf(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = p.lastIndexOf('/');
            if (cut <= 0) {
                return lines.getOrDefault("", 1);
            }
            p = p.substring(0, cut);
        }
    }

    public ConfigProblem problem(String pointer, String message) {
        return new ConfigProblem(file, lineOf(pointer), message);
    }

    private static ConfigProblem problemOf(Path file, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String msg = e.getOriginalMessage();
        if (e instanceof JsonMappingException me && !me.getPath().isEmpty()) {
            msg = "at " + pointerOf(me) + ": " + msg;
        }
        return new ConfigProblem(file, loc == null ? 0 : loc.getLineNr(), msg);
    }

    private static String pointerOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
                .collect(Collectors.joining("/", "/", ""));
    }

    /** Walks the tokens once and records the line where each value (by JSON pointer) starts. */
    private static Map<String, Integer> lineIndex(ObjectMapper mapper, String text) throws JsonProcessingException {
        Map<String, Integer> lines = new HashMap<>();
        Deque<Frame> open = new ArrayDeque<>();
        try (JsonParser p = mapper.getFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case FIELD_NAME -> open.peek().field = p.currentName();
                    case END_OBJECT, END_ARRAY -> open.pop();
                    default -> {
                        // A value, or the start of a mapping or list, at the current position.
                        if (!open.isEmpty() && open.peek().list) {
                            open.peek().index++;
                        }
                        lines.putIfAbsent(pointer(open), p.currentTokenLocation().getLineNr());
                        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                            open.push(new Frame(t == JsonToken.START_ARRAY));
                        }
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        return lines;
    }

    /** A mapping or list the token walk is inside of, and where in it the walk is. */
    private static final class Frame {
        final boolean list;
        String field;
        int index = -1;

        Frame(boolean list) {
            this.list = list;
        }
    }

    private static String pointer(Deque<Frame> open) {
        StringBuilder b = new StringBuilder();
        var it = open.descendingIterator();
        while (it.hasNext()) {
            Frame f = it.next();
            b.append('/').append(f.list ? String.valueOf(f.index) : escape(f.field));
        }
        return b.toString();
    }

    private static String escape(String s) {
        return s.replace("~", "~0").replace("/", "~1");
    }
}
