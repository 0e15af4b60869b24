package org.tongban.kiosk.platform;

import java.time.Duration;
import java.util.Optional;

/** The one checked failure of the platform client; {@link #kind()} tells the caller what to do next. */
public class PlatformException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** No answer: connection refused, timeout, connection dropped. Nothing is known; retry later. */
        UNREACHABLE,
        /** 408, 429 or 5xx: the platform asks to come back later, perhaps with a Retry-After. */
        RETRY_LATER,
        /** 401: the signature, clock or terminal secret is wrong. */
        UNAUTHORIZED,
        /** 404: no such item or resource. */
        NOT_FOUND,
        /** Any other 4xx: the platform refuses the request; {@link #title()} and {@link #detail()} say why. */
        REFUSED,
        /** A 200 (or 304) that breaks the contract: not JSON, truncated, missing fields, wrong result count. */
        BAD_RESPONSE
    }

    private final Kind kind;
    private final int httpStatus;
    private final transient Duration retryAfter;
    private final String title;
    private final String detail;

    public PlatformException(Kind kind, String message, Throwable cause) {
        this(kind, message, 0, null, null, null, cause);
    }

    public PlatformException(Kind kind, String message, int httpStatus, Duration retryAfter, String title,
            String detail, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
        this.title = title;
        this.detail = detail;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status that caused this, or 0 when there was no HTTP answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** How long the platform asked us to wait (Retry-After), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The problem+json title, if the platform sent one. */
    public String title() {
        return title;
    }

    /** The problem+json detail, if the platform sent one. */
    public String detail() {
        return detail;
    }
}
