package org.tongban.kiosk.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * An exception's text and stack trace, masked like the message ({@link RedactingConverter}): a driver's or a
 * parser's exception often quotes what it was given, an ID number included. Used as {@code %redactedEx}.
 */
public final class RedactingThrowableConverter extends ThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return RedactingConverter.redact(super.throwableProxyToString(tp));
    }
}
