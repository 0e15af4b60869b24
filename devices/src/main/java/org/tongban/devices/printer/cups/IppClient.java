package org.tongban.devices.printer.cups;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Just enough IPP (RFC 8010/8011) to follow a job in CUPS and read a queue's state: the JDK hands
 * jobs to CUPS but never says what became of them. Requests go to the CUPS server over HTTP.
 */
final class IppClient {

    static final int GET_JOBS = 0x000A;
    static final int GET_JOB_ATTRIBUTES = 0x0009;
    static final int GET_PRINTER_ATTRIBUTES = 0x000B;
    static final int CANCEL_JOB = 0x0008;

    private static final int TAG_OPERATION = 0x01;
    private static final int TAG_END = 0x03;
    private static final int TAG_INTEGER = 0x21;
    private static final int TAG_BOOLEAN = 0x22;
    private static final int TAG_ENUM = 0x23;
    private static final int TAG_URI = 0x45;
    private static final int TAG_CHARSET = 0x47;
    private static final int TAG_LANGUAGE = 0x48;
    private static final int TAG_NAME = 0x42;
    private static final int TAG_KEYWORD = 0x44;

    private final URI server;
    private final String queue;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final AtomicInteger requestIds = new AtomicInteger();

    /** @param server e.g. {@code http://localhost:631} */
    IppClient(URI server, String queue, Duration requestTimeout) {
        this.server = server;
        this.queue = queue;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
    }

    String printerUri() {
        return "ipp://" + server.getHost() + ":" + port() + "/printers/" + queue;
    }

    /** The queue's printer-state and printer-state-reasons. */
    Group printerAttributes() throws IOException, InterruptedException {
        Request r = new Request(GET_PRINTER_ATTRIBUTES).uri("printer-uri", printerUri())
                .keywords("requested-attributes", "printer-state", "printer-state-reasons", "printer-state-message",
                        "printer-is-accepting-jobs");
        List<Group> groups = send(r);
        return groups.stream().filter(g -> g.tag() == 0x04).findFirst()
                .orElseThrow(() -> new IOException("CUPS sent no printer attributes for " + queue));
    }

    /** Every job of the queue CUPS still knows (pending, processing and its history). */
    List<Group> jobs() throws IOException, InterruptedException {
        Request r = new Request(GET_JOBS).uri("printer-uri", printerUri()).keyword("which-jobs", "all")
                .keywords("requested-attributes", "job-id", "job-name", "job-state", "job-state-reasons");
        return send(r).stream().filter(g -> g.tag() == 0x02).toList();
    }

    Group job(int jobId) throws IOException, InterruptedException {
        Request r = new Request(GET_JOB_ATTRIBUTES).uri("printer-uri", printerUri()).integer("job-id", jobId)
                .keywords("requested-attributes", "job-id", "job-state", "job-state-reasons",
                        "job-impressions-completed");
        return send(r).stream().filter(g -> g.tag() == 0x02).findFirst()
                .orElseThrow(() -> new IOException("CUPS has no job " + jobId + " on " + queue));
    }

    void cancel(int jobId) throws IOException, InterruptedException {
        send(new Request(CANCEL_JOB).uri("printer-uri", printerUri()).integer("job-id", jobId));
    }

    private int port() {
        return server.getPort() < 0 ? 631 : server.getPort();
    }

    private List<Group> send(Request request) throws IOException, InterruptedException {
        URI endpoint = server.resolve("/printers/" + queue);
        HttpRequest http = HttpRequest.newBuilder(endpoint).timeout(requestTimeout)
                .header("Content-Type", "application/ipp")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.encode(requestIds.incrementAndGet())))
                .build();
        HttpResponse<byte[]> response = this.http.send(http, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("CUPS at " + server + " answered HTTP " + response.statusCode());
        }
        ByteBuffer in = ByteBuffer.wrap(response.body());
        if (in.remaining() < 8) {
            throw new IOException("CUPS sent a truncated IPP answer");
        }
        in.getShort(); // version
        int status = in.getShort() & 0xFFFF;
        in.getInt(); // request id
        List<Group> groups = decode(in);
        // 0x0000..0x00FF are successes; 0x0406 not-found is an answer too, the caller decides
        if (status > 0x00FF) {
            String message = groups.stream().map(g -> g.text("status-message")).filter(m -> !m.isEmpty())
                    .findFirst().orElse("");
            throw new IppException(status, "CUPS refused the request on " + queue + ": status 0x"
                    + Integer.toHexString(status) + (message.isEmpty() ? "" : " (" + message + ")"));
        }
        return groups;
    }

    static List<Group> decode(ByteBuffer in) throws IOException {
        List<Group> groups = new ArrayList<>();
        Group current = null;
        String lastName = null;
        try {
            while (in.hasRemaining()) {
                int tag = in.get() & 0xFF;
                if (tag == TAG_END) {
                    break;
                }
                if (tag < 0x10) {
                    current = new Group(tag, new LinkedHashMap<>());
                    groups.add(current);
                    continue;
                }
                String name = new String(bytes(in, in.getShort() & 0xFFFF), StandardCharsets.UTF_8);
                byte[] value = bytes(in, in.getShort() & 0xFFFF);
                if (name.isEmpty()) {
                    name = lastName; // an additional value of the previous attribute
                }
                lastName = name;
                if (current == null || name == null) {
                    throw new IOException("malformed IPP answer: a value outside an attribute group");
                }
                Object decoded = switch (tag) {
                    case TAG_INTEGER, TAG_ENUM -> value.length == 4 ? ByteBuffer.wrap(value).getInt() : 0;
                    case TAG_BOOLEAN -> value.length == 1 && value[0] != 0;
                    default -> new String(value, StandardCharsets.UTF_8);
                };
                current.values().computeIfAbsent(name, k -> new ArrayList<>()).add(decoded);
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new IOException("malformed IPP answer: cut short", e);
        }
        return groups;
    }

    private static byte[] bytes(ByteBuffer in, int length) {
        byte[] b = new byte[length];
        in.get(b);
        return b;
    }

    /** One attribute group of an answer: printer (0x04) or job (0x02) attributes. */
    record Group(int tag, Map<String, List<Object>> values) {

        int integer(String name, int fallback) {
            List<Object> v = values.get(name);
            return v != null && !v.isEmpty() && v.get(0) instanceof Integer i ? i : fallback;
        }

        String text(String name) {
            List<Object> v = values.get(name);
            return v != null && !v.isEmpty() && v.get(0) instanceof String s ? s : "";
        }

        List<String> texts(String name) {
            List<Object> v = values.getOrDefault(name, List.of());
            return v.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }

        boolean bool(String name, boolean fallback) {
            List<Object> v = values.get(name);
            return v != null && !v.isEmpty() && v.get(0) instanceof Boolean b ? b : fallback;
        }
    }

    /** CUPS answered with an IPP error status. */
    static final class IppException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        IppException(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** An IPP request with its operation attributes. */
    private static final class Request {
        private final int operation;
        private final ByteArrayOutputStream attributes = new ByteArrayOutputStream();

        Request(int operation) {
            this.operation = operation;
            attribute(TAG_CHARSET, "attributes-charset", "utf-8");
            attribute(TAG_LANGUAGE, "attributes-natural-language", "en");
        }

        Request uri(String name, String value) {
            attribute(TAG_URI, name, value);
            attribute(TAG_NAME, "requesting-user-name", System.getProperty("user.name", "tongban"));
            return this;
        }

        Request keyword(String name, String value) {
            return attribute(TAG_KEYWORD, name, value);
        }

        Request keywords(String name, String... values) {
            for (int i = 0; i < values.length; i++) {
                attribute(TAG_KEYWORD, i == 0 ? name : "", values[i]);
            }
            return this;
        }

        Request integer(String name, int value) {
            return raw(TAG_INTEGER, name, ByteBuffer.allocate(4).putInt(value).array());
        }

        private Request attribute(int tag, String name, String value) {
            return raw(tag, name, value.getBytes(StandardCharsets.UTF_8));
        }

        private Request raw(int tag, String name, byte[] value) {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            attributes.write(tag);
            attributes.write(n.length >>> 8);
            attributes.write(n.length);
            attributes.writeBytes(n);
            attributes.write(value.length >>> 8);
            attributes.write(value.length);
            attributes.writeBytes(value);
            return this;
        }

        byte[] encode(int requestId) {
            ByteBuffer head = ByteBuffer.allocate(9).put((byte) 2).put((byte) 0).putShort((short) operation)
                    .putInt(requestId).put((byte) TAG_OPERATION);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(head.array());
            out.writeBytes(attributes.toByteArray());
            out.write(TAG_END);
            return out.toByteArray();
        }
    }
}
