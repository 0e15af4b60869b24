package org.tongban.fleet.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An RFC 7807 problem: the body of every error answer of the JSON APIs. */
public record Problem(int status, String title, String detail) {

    public static final String CONTENT_TYPE = "application/problem+json";

    public byte[] toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("type", "about:blank");
        node.put("title", title);
        node.put("status", status);
        if (detail != null) {
            node.put("detail", detail);
        }
        return node.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
